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
# Hover help in the editor, in the clerks' language; the models' docstrings are for developers.
HELP = {
    "co_quan": "Danh sách cơ quan, đơn vị (hoặc mã cơ quan của tệp)",
    "nhom": "Các nhóm cơ quan mà kế hoạch gọi chung",
    "ke_hoach": "Toàn bộ kế hoạch",
    "co_quan_ban_hanh": "Mã cơ quan ban hành (trong danh mục)",
    "so": "Số văn bản; để trống khi là dự thảo",
    "ngay": "Ngày ký: 2024-03-15 hoặc 15/3/2024; để trống khi là dự thảo",
    "nam": "Năm in ở dòng ngày tháng khi chưa có ngày",
    "trich_yeu": "Trích yếu nội dung",
    "mo_dau": "Các đoạn mở đầu",
    "phan": "Các phần I., II., …; mỗi phần có tiêu đề và các mục",
    "muc": "Các mục con",
    "noi_dung": "Các đoạn văn; *nghiêng*, **đậm**, [^1] chú thích",
    "chu_tri": "Đơn vị chủ trì: don_vi (mã cơ quan, nhóm) và/hoặc ghi (chữ in ra)",
    "phoi_hop": "Đơn vị phối hợp: don_vi (mã cơ quan, nhóm) và/hoặc ghi (chữ in ra)",
    "thoi_gian": "Thời gian: chữ in ra, hoặc {ghi, han, thuong_xuyen, dieu_kien}",
    "han": "Hạn chót (ngày)",
    "don_vi": "Mã cơ quan hoặc nhóm",
    "ghi": "Chữ in ra trong văn bản",
    "noi_nhan": "Nơi nhận: nhan (các nơi nhận) và luu (dòng Lưu)",
    "nguoi_ky": "Người ký: quyen_han, chuc_vu, ho_ten",
    "chu_thich": "Chú thích cuối trang, dẫn bằng [^khóa]",
    "tinh_trang": "Một trong năm tình trạng theo quy định",
    "ket_qua": "Kết quả thực hiện",
    "so_lieu": "Số liệu: ten, gia_tri, don_vi",
}


def _tidy(node: Any) -> None:
    if isinstance(node, dict):
        node.pop("description", None)
        for key, value in node.get("properties", {}).items():
            if key in HELP and isinstance(value, dict):
                value["description"] = HELP[key]
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
