"""Tables of a plan: a task table (STT, nhiệm vụ, chủ trì, phối hợp, thời gian, sản phẩm,
ghi chú; group rows spanning the table) becomes the format's `bang_nhiem_vu` data; any
other table becomes a `bang` of heads and rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..vn import fold
from .blocks import Cell, Table
from .draft import Assign
from .inline import markup
from .numbers import parse_label

_COLUMNS: list[tuple[str, re.Pattern[str]]] = [
    ("so", re.compile(r"^(?:s?tt|so tt|so thu tu|stt)$")),
    ("phoi_hop", re.compile(r"\bphoi hop\b")),
    ("chu_tri", re.compile(r"\bchu tri\b|^(?:co quan|don vi)(?: thuc hien)?$|^thuc hien$")),
    ("thoi_gian", re.compile(r"\b(?:thoi gian|thoi han|tien do)\b|^han\b")),
    ("san_pham", re.compile(r"\b(?:san pham|ket qua)\b")),
    ("ghi_chu", re.compile(r"\bghi chu\b")),
    ("noi_dung", re.compile(r"\b(?:nhiem vu|noi dung|cong viec|hoat dong|giai phap|ten)\b")),
]


def columns(head: list[str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, text in enumerate(head):
        folded = fold(text)
        for name, pattern in _COLUMNS:
            if pattern.search(folded) and name not in found.values():
                found[index] = name
                break
    return found


def _cell_texts(cell: Cell, note_key: Callable[[str], str]) -> list[str]:
    out = []
    for para in cell.paras:
        text = markup(para.spans, note_key, base_bold=para.bold)
        if para.label:
            text = f"{para.label} {text}"
        if text.strip():
            out.append(text)
    return out


def _row_cells(table: Table, row: list[Cell]) -> list[Cell | None]:
    """One entry per grid column: the cell starting there (None under a span or merge)."""
    out: list[Cell | None] = []
    for cell in row:
        out.append(None if cell.merged else cell)
        out.extend([None] * (cell.span - 1))
    return out + [None] * (table.width - len(out))


def table_data(table: Table, note_key: Callable[[str], str]) -> tuple[str, Any]:
    grid = table.grid()
    if not grid:
        return "bang", {"cot": [" "], "dong": []}
    head = grid[0]
    found = columns(head)
    if "noi_dung" in found.values() and "chu_tri" in found.values():
        tasks = _task_table(table, head, found, note_key)
        if tasks["muc"]:
            return "bang_nhiem_vu", tasks
    rows = [
        [" ".join(_cell_texts(c, note_key)) if c else "" for c in _row_cells(table, r)]
        for r in table.rows[1:]
    ]
    return "bang", {"cot": [h or " " for h in head], "dong": rows}


def _is_index_row(texts: list[str]) -> bool:
    """A row that only numbers the columns: (1) (2) (3) … or 1 2 3 …"""
    cells = [t.strip("() ") for t in texts if t.strip()]
    return bool(cells) and all(c.isdigit() for c in cells) and len(cells) >= 3


def _task_table(
    table: Table, head: list[str], found: dict[int, str], note_key: Callable[[str], str]
) -> dict[str, Any]:
    by_name = {name: index for index, name in found.items()}
    cot = [{"truong": name, "ten": head[index]} for index, name in sorted(found.items())]
    top: list[dict[str, Any]] = []
    groups: list[tuple[str, dict[str, Any]]] = []  # (shape, group) open
    numbers: list[tuple[dict[str, Any], str]] = []
    for row in table.rows[1:]:
        cells = _row_cells(table, row)
        texts = {
            name: _cell_texts(c, note_key) if (c := cells[i]) else [] for name, i in by_name.items()
        }
        flat = [" ".join(_cell_texts(c, note_key)) if c else "" for c in cells]
        if not any(flat) or _is_index_row(flat):
            continue
        number = " ".join(texts.get("so", [])).strip()
        content = texts.get("noi_dung") or []
        assigned = any(texts.get(k) for k in ("chu_tri", "phoi_hop", "thoi_gian"))
        if not content:
            # a group row often spans the table: its text is in the first cell
            spans = [t for t in flat if t]
            if not assigned and spans:
                number, content = ("", spans) if len(spans) == 1 else (spans[0], spans[1:])
        if not assigned and not number and content:
            # "I. NHIỆM VỤ CHUNG" in one merged cell: the number is part of the text
            lead_label, rest = parse_label(content[0])
            if lead_label is not None and not lead_label.bullet and rest.strip():
                number, content = lead_label.text, [rest.strip(), *content[1:]]
        if not assigned:
            label = parse_label(number + " x")[0] if number else None
            shape = label.shape.rstrip(".)") if label else "text"
            group: dict[str, Any] = {"tieu_de": " ".join(content), "muc": []}
            while groups and groups[-1][0] != shape and _depth_of(groups, shape) is not None:
                groups.pop()
            if groups and groups[-1][0] == shape:
                groups.pop()
            (groups[-1][1]["muc"] if groups else top).append(group)
            groups.append((shape, group))
            numbers.append((group, number))
            continue
        item: dict[str, Any] = {"noi_dung": content} if content else {}
        for name in ("chu_tri", "phoi_hop"):
            if texts.get(name):
                item[name] = Assign(" ".join(texts[name]))
        for name in ("thoi_gian", "san_pham", "ghi_chu"):
            if texts.get(name):
                item[name] = " ".join(texts[name])
        (groups[-1][1]["muc"] if groups else top).append(item)
        numbers.append((item, number))
    for group in _walk_groups(top):
        if not group["muc"]:
            del group["muc"]
    _numbering(top, numbers)
    return {"cot": cot, "muc": top}


def _depth_of(groups: list[tuple[str, dict[str, Any]]], shape: str) -> int | None:
    return next((i for i, (s, _) in enumerate(groups) if s == shape), None)


def _walk_groups(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        if "tieu_de" in item and "noi_dung" not in item:
            out.append(item)
            out.extend(_walk_groups(item.get("muc", [])))
    return out


def _numbering(top: list[dict[str, Any]], numbers: list[tuple[dict[str, Any], str]]) -> None:
    """Keep each row's printed number: `so` where the default count would differ."""
    expected = 0
    for item, number in numbers:
        if "tieu_de" in item and "noi_dung" not in item:
            item["so"] = number
            continue
        expected += 1
        if number.rstrip(".") != str(expected):
            item["so"] = number
