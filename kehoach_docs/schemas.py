"""JSON Schema of every kind of YAML file, for editors (VS Code's YAML extension)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .models.details import AgencyDetailsFile
from .models.plan import PlanFile
from .models.progress import ProgressFile
from .models.registry import RegistryFile
from .write import write_atomic

SCHEMAS_DIR = "schemas"
KINDS: dict[str, type[BaseModel]] = {
    "co-quan": RegistryFile,
    "ke-hoach": PlanFile,
    "don-vi": AgencyDetailsFile,
    "tien-do": ProgressFile,
}
TITLES = {
    "co-quan": "Danh mục cơ quan, đơn vị và nhóm",
    "ke-hoach": "Kế hoạch",
    "don-vi": "Dữ liệu riêng của một cơ quan cho kế hoạch",
    "tien-do": "Báo cáo kỳ của một cơ quan",
}


def _tidy(node: Any) -> None:
    """Keep the fields' descriptions (the clerk's hover help, in Vietnamese); drop the
    models' docstrings, which are written for developers."""
    if isinstance(node, dict):
        if "properties" in node:
            node.pop("description", None)
        for value in node.values():
            _tidy(value)
    elif isinstance(node, list):
        for value in node:
            _tidy(value)


def schema_for(kind: str) -> dict[str, Any]:
    schema = KINDS[kind].model_json_schema(by_alias=True)
    _tidy(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": TITLES[kind],
    }


def write_schemas(folder: Path) -> list[Path]:
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        text = json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written


def modeline(kind: str, depth: int) -> str:
    """The comment that points VS Code at the schema, from a file `depth` folders below
    the workspace root (plans/x.yaml is depth 1)."""
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMAS_DIR}/{kind}.schema.json"
