"""Rules of the body (box 6) and of "Kính gửi" (box 9a)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..docxread import Para, xml_number
from .document import Document, check_look, pt, sizes
from .findings import ERROR, Finding, norm
from .kinds import ADDRESSED, CONG_VAN
from .layout import DASHES, Layout

MIN_GAP = 120  # twips: 6 pt between paragraphs
INDENT = (550, 740)  # twips: 1 cm to 1,27 cm, with a little play for rounding


class Notes:
    """Body problems gathered by message: one finding each, naming the first paragraph
    and how many others share it."""

    def __init__(self) -> None:
        self.by_message: dict[str, list[tuple[Para, float | str | None, str | None, str | None]]]
        self.by_message = {}

    def add(self, message: str, para: Para, measured: float | str | None = None,
            required: str | None = None, unit: str | None = None) -> None:  # fmt: skip
        self.by_message.setdefault(message, []).append((para, measured, required, unit))

    def findings(self, rule_id: str) -> Iterator[Finding]:
        for message, found in self.by_message.items():
            more = f" (và {len(found) - 1} đoạn khác)" if len(found) > 1 else ""
            para, measured, required, unit = found[0]
            yield Finding(rule_id, message + more, para.text, ERROR, measured, required, unit)


def _line_spacing_ok(doc: Document, para: Para) -> tuple[bool, str]:
    """Single to 1,5 lines: "auto" counts lines; exact and at-least give points, against a
    Times New Roman line of 1,15 times its size."""
    line = doc.book.paragraph_attr(para.element, "spacing", "line")
    if not line:
        return True, ""
    kind = doc.book.paragraph_attr(para.element, "spacing", "lineRule") or "auto"
    value = int(xml_number(line))
    if kind == "auto":
        return 240 * 0.98 <= value <= 360, f"{pt(round(value / 240, 2))} dòng"
    size = max(sizes(para), default=14)
    word = "đúng" if kind == "exact" else "ít nhất"
    return size * 20 <= value <= size * 20 * 1.5 * 1.2, f"{word} {pt(value / 20)} pt"


def body(doc: Document, layout: Layout) -> Iterator[Finding]:
    notes = Notes()
    previous: Para | None = None
    for i in layout.body:
        para = doc.paras[i]
        text = norm(para.text)
        adjacent = previous is not None and doc.paras[i - 1] is previous
        gap_before = doc.gap(previous, para) if adjacent and previous is not None else None
        previous = para
        if para.align == "center" or text.startswith("Kính gửi"):
            continue
        found = sorted(sizes(para))
        if any(not 13 <= s <= 14 for s in found):
            shown = ", ".join(pt(s) for s in found)
            notes.add(f"cỡ chữ {shown}, cần 13-14", para, found[0] if len(found) == 1 else shown,
                      "13-14", "pt")  # fmt: skip
        if gap_before is not None and gap_before < MIN_GAP:
            notes.add(f"khoảng cách giữa hai đoạn {pt(gap_before / 20)} pt, cần ít nhất 6 pt",
                      para, gap_before / 20, ">= 6", "pt")  # fmt: skip
        ok, shown = _line_spacing_ok(doc, para)
        if not ok:
            notes.add(f"giãn dòng {shown}, cần từ một dòng đến 1,5 dòng", para, shown)
        if doc.wraps(para):
            if para.align not in ("both", "distribute"):
                notes.add("đoạn văn chưa căn đều hai lề", para)
            first = doc.first_line_indent(para)
            if not INDENT[0] <= first <= INDENT[1]:
                cm = pt(round(first / 567, 2))
                notes.add(f"thụt đầu dòng {cm} cm, cần 1-1,27 cm", para, round(first / 567, 2),
                          "1-1,27", "cm")  # fmt: skip
    yield from notes.findings("noi-dung")
    if layout.body and not any(norm(doc.paras[i].text).endswith("./.") for i in layout.body):
        last = doc.paras[layout.body[-1]]
        yield Finding("noi-dung", "đoạn kết thúc văn bản phải có dấu “./.”", last.text)


ROMAN = re.compile(r"^([IVXLC]+)\.\s+(.+)$")


def headings(doc: Document, layout: Layout) -> Iterator[Finding]:
    for i in layout.body:
        para = doc.paras[i]
        text = norm(para.text)
        match = ROMAN.match(text)
        if match and len(text) < 200:
            if match.group(2) != match.group(2).upper():
                yield Finding("de-muc", "đề mục cấp La Mã phải in hoa", para.text)
            yield from check_look("de-muc", para, "đề mục cấp La Mã", bold=True)


def kinh_gui(doc: Document, layout: Layout) -> Iterator[Finding]:
    """NĐ 30: "Kính gửi:" and the addressees in 13-14 pt, upright; one addressee on the
    same line; several, one a line, "-" before, ";" after, "." after the last."""
    kind = layout.kind.name if layout.kind else None
    if layout.kinh_gui is None:
        if kind in ADDRESSED:
            name = "công văn" if kind == CONG_VAN else kind.lower() if kind else ""
            yield Finding("kinh-gui", f"{name} thiếu dòng “Kính gửi:” nơi nhận văn bản")
        return
    label = doc.paras[layout.kinh_gui]
    text = norm(label.text)
    if not text.startswith("Kính gửi:"):
        yield Finding("kinh-gui", "viết “Kính gửi:” (có dấu hai chấm)", label.text)
    items = [doc.paras[i] for i in layout.addressees]
    for para in [label, *items]:
        yield from check_look("kinh-gui", para, "“Kính gửi”", (13, 14), italic=False)
    inline = layout.kinh_gui_text
    if not inline and not items:
        yield Finding("kinh-gui", "“Kính gửi:” chưa ghi nơi nhận", label.text)
        return
    if inline and items:
        message = "gửi nhiều nơi thì xuống dòng sau “Kính gửi:”, mỗi nơi một dòng"
        yield Finding("kinh-gui", message, label.text)
        return
    if len(items) == 1 and not inline:
        message = "gửi một nơi thì ghi cùng dòng với “Kính gửi:”"
        yield Finding("kinh-gui", message, items[0].text)
        return
    if len(items) < 2:
        return
    for para in items:
        line = norm(para.text)
        if not line.startswith(DASHES):
            yield Finding("kinh-gui", "“Kính gửi”: mỗi nơi một dòng, bắt đầu bằng “-”", para.text)
    for para in items[:-1]:
        if not norm(para.text).endswith(";"):
            yield Finding("kinh-gui", "dòng trong “Kính gửi” kết thúc bằng “;”", para.text)
    if not norm(items[-1].text).endswith("."):
        yield Finding("kinh-gui", "dòng cuối của “Kính gửi” kết thúc bằng “.”", items[-1].text)
