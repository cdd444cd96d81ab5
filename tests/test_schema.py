"""`kehoach schema`: the editor's JSON Schema accepts every example file, rejects typos."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import REPO
from jsonschema import Draft202012Validator

from kehoach_docs.yamlsafe import load_yaml

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Draft202012Validator]:
    from kehoach_docs.api import schema

    folder = tmp_path_factory.mktemp("schemas")
    paths = schema(REPO, folder)
    return {
        p.name.removesuffix(".schema.json"): Draft202012Validator(json.loads(p.read_text("utf-8")))
        for p in paths
    }


def example_files() -> list[tuple[str, Path]]:
    plans = REPO / "plans"
    files = [("co-quan", plans / "co-quan.yaml"), ("ke-hoach", plans / "kh-trien-khai-120-tu.yaml")]
    files += [("don-vi", p) for p in sorted(plans.glob("*/don-vi/*.yaml"))]
    files += [("tien-do", p) for p in sorted(plans.glob("*/tien-do/*/*.yaml"))]
    return files


def test_every_example_file_validates(schemas: dict[str, Draft202012Validator]) -> None:
    files = example_files()
    assert len(files) == 25
    for kind, path in files:
        data = load_yaml(path, path.name).data
        errors = [e.message for e in schemas[kind].iter_errors(data)]
        assert errors == [], f"{path}: {errors}"


def test_schema_catches_a_misspelt_key(schemas: dict[str, Draft202012Validator]) -> None:
    data = load_yaml(REPO / "plans" / "kh-trien-khai-120-tu.yaml", "plan").data
    data["ke_hoach"]["phan"][1]["muc"][0]["chu_trii"] = "x"
    errors = list(schemas["ke-hoach"].iter_errors(data))
    assert errors and any("chu_trii" in e.message for e in errors)


def test_example_files_point_at_their_schema() -> None:
    for kind, path in example_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        depth = len(path.relative_to(REPO).parts) - 1
        assert first == f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json"


def test_committed_schemas_are_current(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "schema", "-o", str(tmp_path))
    assert result.exit_code == 0
    written = list(tmp_path.glob("*.json"))
    assert len(written) == 4
    for folder in (REPO / "schemas", REPO / "examples" / "quang-ngai-2025" / "schemas"):
        for path in written:
            committed = folder / path.name
            assert committed.read_text("utf-8") == path.read_text("utf-8"), (
                f"{committed} is stale: run `kehoach schema`"
            )


def _properties(node: object, path: str = "") -> list[tuple[str, dict[str, object]]]:
    """Every property of every object in a JSON schema, with where it stands."""
    found: list[tuple[str, dict[str, object]]] = []
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            found.append((f"{path}.{key}", value))
        for key, value in node.items():
            found += _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _properties(value, f"{path}[{i}]")
    return found


def test_every_property_is_described_in_vietnamese() -> None:
    from kehoach_docs.schemas import KINDS, schema_for

    for kind in KINDS:
        properties = _properties(schema_for(kind))
        assert len(properties) > 10
        for where, prop in properties:
            text = prop.get("description")
            assert isinstance(text, str) and text.strip(), f"{kind}: {where} has no description"
            # Vietnamese words (with their diacritics), not a developer's English docstring.
            assert any(ord(c) > 127 for c in text), f"{kind}: {where}: {text}"


def test_every_key_the_readme_shows_is_a_real_key() -> None:
    """The README's data section teaches keys a clerk types: each one must exist."""
    import re

    from kehoach_docs.schemas import KINDS, schema_for

    known: set[str] = set()
    for kind in KINDS:
        known |= {where.rsplit(".", 1)[-1] for where, _ in _properties(schema_for(kind))}
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Viết dữ liệu", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, flags=re.S)
    assert len(blocks) >= 5
    keys = set()
    for block in blocks:
        for line in block.splitlines():
            line = line.split(" #", 1)[0]
            keys |= set(re.findall(r"(?:^|[{,]\s*|^\s*-\s*)\s*([a-z_]+):", line))
    assert len(keys) > 80
    assert keys - known == set()
