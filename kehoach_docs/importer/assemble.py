"""Recognised parts into the workspace's two files: the plan (keys in the order a clerk
reads them) and the registry entries it needs, references resolved."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..registry import Registry
from ..vn import fold, slugify
from .agencies import AgencyBook, Entry, names_in, title_case
from .draft import DOUBTS, Assign, doubt
from .recognise import Recognised, plan_date

PLAN_KEYS = (
    "co_quan_ban_hanh",
    "loai_van_ban",
    "so",
    "ngay",
    "nam",
    "trich_yeu",
    "kinh_gui",
    "can_cu",
    "mo_dau",
    "nhan",
    "danh_so",
    "phan",
    "ket_thuc",
    "kem_theo",
    "chu_thich",
    "noi_nhan",
    "nguoi_ky",
    "phu_luc",
)
ITEM_KEYS = (
    "id",
    "so",
    "cot",
    "tieu_de",
    "tieu_de_phu",
    "lien_dong",
    "don_vi",
    "noi_dung",
    "bang",
    "nhan",
    "chu_tri",
    "phoi_hop",
    "san_pham",
    "thoi_gian",
    "nhan_khac",
    "ghi_chu",
    "bang_nhiem_vu",
    "muc",
)


@dataclass
class Assembled:
    plan: dict[str, Any]
    agencies: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    created: int
    reused: int


def _ordered(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    out = {k: data[k] for k in keys if k in data}
    out.update({k: v for k, v in data.items() if k not in out and not k.startswith("#")})
    if DOUBTS in data:
        out[DOUBTS] = data[DOUBTS]
    return out


def _walk_assigns(value: Any, found: list[Assign]) -> None:
    if isinstance(value, Assign):
        found.append(value)
    elif isinstance(value, dict):
        for key, child in value.items():
            if key == "#assignees":
                found.append(Assign(child))
            elif not key.startswith("#") or key == DOUBTS:
                _walk_assigns(child, found)
    elif isinstance(value, list):
        for child in value:
            _walk_assigns(child, found)


class Assembler:
    def __init__(self, recognised: Recognised, existing: Registry | None, document: str) -> None:
        self.rec = recognised
        self.book = AgencyBook(existing)
        self.existing = existing or Registry()
        self.document = document

    # --- the issuer ---------------------------------------------------------------------

    def issuer(self) -> str:
        header = self.rec.header
        lines = header.issuing or header.governing
        upper = " ".join(lines) if lines else ""
        for agency in self.existing.agencies.values():
            same = agency.header and [fold(x) for x in agency.header.issuing] == [
                fold(x) for x in header.issuing
            ]
            if same and (not header.issuer_code or agency.code == header.issuer_code):
                return agency.id
        name = self._name_in_text(upper) if upper else ""
        if not name:
            name = title_case(upper) if upper else "Cơ quan ban hành"
            words = name.split()
            if len(words) <= 2 and header.governing:
                name += " " + title_case(" ".join(header.governing))
        extra: dict[str, Any] = {}
        ident = self.book.add(name)
        entry = self.book.entries[ident]
        if not entry.new:
            return ident
        code = header.issuer_code or "".join(w[0] for w in fold(name).upper().split())
        extra["ma"] = code
        extra["tieu_de"] = {
            **({"co_quan_chu_quan": header.governing} if header.governing else {}),
            "co_quan_ban_hanh": header.issuing or [name.upper()],
        }
        place = header.place or self._place_guess()
        extra["dia_danh"] = place
        entry.extra.update(extra)
        if not header.issuer_code:
            entry.doubts.append(f"không thấy ký hiệu cơ quan trong dòng “Số:”; tạm ghi “{code}”")
        if not header.issuing:
            entry.doubts.append("không thấy tên cơ quan ban hành ở đầu văn bản")
        if not header.place:
            entry.doubts.append(f"không thấy địa danh ở dòng ngày tháng; tạm ghi “{place}”")
        return ident

    def _name_in_text(self, upper: str) -> str:
        pattern = r"\s+".join(re.escape(w) for w in upper.split())
        for text in self._texts():
            found = re.search(pattern, text, re.IGNORECASE)
            if found and not found.group(0).isupper():
                return " ".join(found.group(0).split())
        return ""

    def _texts(self) -> list[str]:
        out: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, Assign):
                out.append(value.text)
            elif isinstance(value, dict):
                for key, child in value.items():
                    if not key.startswith("#"):
                        walk(child)
            elif isinstance(value, list):
                for child in value:
                    walk(child)

        walk(self.rec.plan)
        return out

    def _place_guess(self) -> str:
        for line in self.rec.header.governing + self.rec.header.issuing:
            match = re.search(r"\b(?:TỈNH|THÀNH PHỐ)\s+(.+)$", line)
            if match:
                return title_case("TỈNH " + match.group(1)).split(" ", 1)[1]
        return "…"

    # --- references ---------------------------------------------------------------------

    def assignment(self, assign: Assign, registry: Registry) -> dict[str, Any]:
        text = assign.text.strip()
        refs, vague = self.book.refs_for(text)
        out: dict[str, Any] = {}
        if refs:
            out["don_vi"] = refs
        printed = registry.wording(refs) if refs else ""
        if printed.rstrip(".") != text.rstrip("."):
            # the words as the plan prints them, where the registry's would differ
            out["ghi"] = text
        if not refs:
            doubt(out, "ghi", "không nhận ra cơ quan nào; ghi mã cơ quan vào “don_vi”")
        elif vague:
            listed = ", ".join(f"“{v}”" for v in vague)
            doubt(out, "don_vi", f"{listed} chưa rõ gồm những cơ quan nào: chưa thành nhóm")
        elif names_in(text)[1]:
            doubt(out, "don_vi", "chữ ghi có thêm câu văn: xem cơ quan nào chủ trì/phối hợp")
        return out

    def run(self) -> Assembled:
        issuer = self.issuer()
        found: list[Assign] = []
        _walk_assigns(self.rec.plan, found)
        for assign in found:
            self.book.register(assign.text)
        self.book.settle()
        registry = self.book.registry()
        plan = self._resolve(self.rec.plan, registry)
        header = self.rec.header
        plan["co_quan_ban_hanh"] = issuer
        plan["loai_van_ban"] = header.type_code or "KH"
        number = header.number.strip()
        if number:
            plan["so"] = int(number) if number.isdigit() else number
        when, year = plan_date(header)
        if when:
            plan["ngay"] = when
        else:
            plan["nam"] = year or date.today().year
            if not year:
                doubt(plan, "nam", "không thấy năm ở dòng ngày tháng")
        if self.rec.footnotes:
            plan["chu_thich"] = self.rec.footnotes
        if self.rec.signer:
            plan["nguoi_ky"] = self.rec.signer
        agencies, groups = self.book.new_entries()
        return Assembled(
            plan=_ordered(plan, PLAN_KEYS),
            agencies=[_entry_data(e) for e in agencies],
            groups=[_entry_data(e) for e in groups],
            created=len(agencies) + len(groups),
            reused=len(
                {
                    e
                    for e in self._used(plan)
                    if e in self.existing.agencies or e in self.existing.groups
                }
            ),
        )

    def _used(self, plan: dict[str, Any]) -> set[str]:
        out: set[str] = set()

        def walk(value: Any) -> None:
            if isinstance(value, dict):
                for key, child in value.items():
                    if key == "don_vi" and isinstance(child, list):
                        out.update(c for c in child if isinstance(c, str))
                    else:
                        walk(child)
            elif isinstance(value, list):
                for child in value:
                    walk(child)

        walk(plan)
        return out

    def _resolve(self, value: Any, registry: Registry) -> Any:
        if isinstance(value, Assign):
            return self.assignment(value, registry)
        if isinstance(value, list):
            return [self._resolve(v, registry) for v in value]
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        for key, child in value.items():
            if key == "#assignees":
                refs, vague = self.book.refs_for(child)
                if refs and not vague:
                    out["don_vi"] = refs
            elif key == DOUBTS or not key.startswith("#"):
                out[key] = self._resolve(child, registry)
        is_item = any(k in out for k in ("noi_dung", "tieu_de", "muc", "chu_tri", "bang"))
        return _ordered(out, ITEM_KEYS) if is_item else out


def _entry_data(entry: Entry) -> dict[str, Any]:
    data = entry.data()
    if entry.doubts:
        for message in entry.doubts:
            doubt(data, "", message)
    if not entry.group and entry.kind == "co-quan-khac":
        doubt(data, "loai", "không rõ loại cơ quan; hãy chọn (so, ban-nganh, ubnd-xa…)")
    return data


def plan_id_for(recognised: Recognised, taken: set[str]) -> str:
    code = (recognised.header.type_code or "kh").lower()
    words = slugify(recognised.plan.get("trich_yeu", "")).split("-")
    base = slugify(f"{code}-{'-'.join(words[:6])}")[:60].strip("-") or "ke-hoach"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident
