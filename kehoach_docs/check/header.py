"""Rules of the first page's head: Quốc hiệu and Tiêu ngữ, the issuing body, số and ký
hiệu, place and date, tên loại and trích yếu (or a công văn's "V/v"), and their lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..docxread import Look, Para
from ..fonts import text_width_pt
from .document import FIT, Document, check_look, pt
from .findings import ERROR, WARNING, Finding, norm
from .kinds import CONG_VAN
from .layout import DATE, MOTTO, NATIONAL, Layout


@dataclass(frozen=True)
class Band:
    """How long a rule under a text may be, as a share of the text's longest line: the
    decree's span (an error outside it) and, where offices' practice differs, a wider span
    that is only a warning."""

    low: float
    high: float
    decree: str
    practice: tuple[float, float] | None = None
    practice_words: str = ""


# The decree's spans, with a little play for how a line is measured and drawn.
MOTTO_LINE = Band(0.9, 1.1, "dài bằng dòng chữ")
# NĐ 30: 1/3 to 1/2 of the name. Every office's header we read draws 59-95 %: a warning.
ISSUER_LINE = Band(0.3, 0.55, "từ 1/3 đến 1/2", (0.55, 1.0),
                   "thực tế nhiều cơ quan kẻ 60-95%")  # fmt: skip
SUMMARY_LINE = Band(0.3, 0.55, "từ 1/3 đến 1/2")


def line_finding(
    rule_id: str, what: str, length: float, base: float, band: Band, para: Para
) -> Finding | None:
    if base <= 0:
        return None
    ratio = length / base
    if band.low <= ratio <= band.high:
        return None
    cm = pt(round(length / 72 * 2.54, 1))
    measured = f"đường kẻ dưới {what} dài {cm} cm, bằng {ratio:.0%} dòng chữ"
    required = f"{band.low * 100:.0f}-{band.high * 100:.0f}"
    if band.practice and band.practice[0] <= ratio <= band.practice[1]:
        message = f"{measured}: dài hơn mức {band.decree} của Nghị định 30 ({band.practice_words})"
        severity = WARNING
    else:
        message = f"{measured}, cần {band.decree}"
        severity = ERROR
    return Finding(rule_id, message, para.text, severity, round(ratio * 100), required, "%")


def one_line(doc: Document, para: Para, rule_id: str, what: str) -> Iterator[Finding]:
    """Quốc hiệu, Tiêu ngữ, the number and the date each stand on one line: a column too
    narrow for them wraps them."""
    # Laying out the lines is the costly part: measured once for the test and the message.
    length, width = sum(doc.lines(para)), doc.available(para)
    if length > width * FIT:
        text = pt(round(length / 72 * 2.54, 2))
        room = pt(round(width / 72 * 2.54, 2))
        message = f"{what} không vừa một dòng: chữ dài {text} cm, chỗ chỉ rộng {room} cm"
        yield Finding(rule_id, message, para.text, measured=text, required=f"<= {room}", unit="cm")


def national(doc: Document, layout: Layout) -> Iterator[Finding]:
    if layout.national is None:
        yield Finding("quoc-hieu", f"không thấy Quốc hiệu “{NATIONAL}”")
        return
    para = doc.paras[layout.national]
    if norm(para.text) != norm(para.text).upper():
        yield Finding("quoc-hieu", "Quốc hiệu phải in hoa", para.text)
    yield from check_look("quoc-hieu", para, "Quốc hiệu", (12, 13), bold=True, italic=False)
    yield from one_line(doc, para, "quoc-hieu", "Quốc hiệu")


def motto(doc: Document, layout: Layout) -> Iterator[Finding]:
    if layout.motto is None:
        near = doc.find(lambda p: norm(p.text).replace(" ", "").lower().startswith("độclập"), 40)
        text = doc.paras[near].text if near is not None else ""
        yield Finding("tieu-ngu", f"không thấy Tiêu ngữ “{MOTTO}” (gạch nối “-” có dấu cách)", text)
        return
    para = doc.paras[layout.motto]
    if "–" in para.text:
        yield Finding("tieu-ngu", "dùng gạch nối thường “-”, không dùng gạch dài “–”", para.text)
    yield from check_look("tieu-ngu", para, "Tiêu ngữ", (13, 14), bold=True, italic=False)
    yield from one_line(doc, para, "tieu-ngu", "Tiêu ngữ")
    lines = doc.rules_near(layout.motto) or [
        x for p in doc.column_of(para) for x in doc.drawn_lines(p)
    ]
    if not lines:
        yield Finding("tieu-ngu", "thiếu đường kẻ liền dưới Tiêu ngữ", para.text)
        return
    found = line_finding("tieu-ngu", "Tiêu ngữ", max(lines), doc.line_width_pt(para), MOTTO_LINE,
                         para)  # fmt: skip
    if found:
        yield found


def _lines_of(para: Para) -> list[tuple[str, list[Look]]]:
    """A paragraph split at its line breaks: each line's text and the looks of its runs."""
    lines: list[tuple[str, list[Look]]] = [("", [])]
    for text, look in para.looks:
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append(("", []))
            if part:
                lines[-1] = (lines[-1][0] + part, [*lines[-1][1], look])
    return [(t, looks) for t, looks in lines if t.strip()]


def issuer(doc: Document, layout: Layout) -> Iterator[Finding]:
    lines = [(text, looks, para) for para in layout.issuer for text, looks in _lines_of(para)]
    if not lines:
        yield Finding("co-quan", "không thấy tên cơ quan ở ô bên trái phần đầu", severity=WARNING)
        return
    for text, looks, para in lines:
        if norm(text) != norm(text).upper():
            yield Finding("co-quan", f"tên cơ quan phải in hoa: “{norm(text)}”", para.text)
        found = sorted({look.size_pt for look in looks})
        if any(not 12 <= s <= 13 for s in found):
            shown = ", ".join(pt(s) for s in found)
            yield Finding("co-quan", f"tên cơ quan cỡ chữ {shown}, cần 12-13", para.text,
                          measured=found[0] if len(found) == 1 else shown, required="12-13",
                          unit="pt")  # fmt: skip
        if any(look.italic for look in looks):
            yield Finding("co-quan", f"tên cơ quan không in nghiêng: “{norm(text)}”", para.text)
    issuing = [(t, looks, p) for t, looks, p in lines if all(look.bold for look in looks)]
    if not issuing:
        yield Finding("co-quan", "tên cơ quan ban hành (dòng cuối) chưa in đậm", lines[-1][2].text)
        return
    first_bold = lines.index(issuing[0])
    for text, looks, para in lines[:first_bold]:
        if any(look.bold for look in looks):
            message = f"tên cơ quan chủ quản không in đậm: “{norm(text)}”"
            yield Finding("co-quan", message, para.text)
    last = issuing[-1][2]
    index = doc.position[last.element]
    drawn = [x for p in doc.column_of(last) for x in doc.drawn_lines(p)]
    found_lines = doc.rules_near(index) or drawn
    if not found_lines:
        yield Finding("co-quan", "thiếu đường kẻ liền dưới tên cơ quan ban hành", last.text)
        return
    # Each line measured in bold at its first run's size; a line without runs counts 0
    # (an int, as the sum over no runs was).
    base = max(text_width_pt(t, looks[0].size_pt, True) if looks else 0 for t, looks, _ in issuing)
    finding = line_finding("co-quan", "tên cơ quan", min(found_lines), base, ISSUER_LINE, last)
    if finding:
        yield finding


NUMBER = re.compile(r"^Số\s*:\s*(?P<num>[\d.…]*)\s*/\s*(?P<code>.+)$")
# Capitals and digits; a lower-case letter inside, as in "QyĐ", "TTr" or "SNgV", is how
# Phụ lục III and the provinces write some abbreviations.
CODE_PART = re.compile(r"^[A-ZĐ0-9][A-ZĐa-zđ0-9]*$")


def number(doc: Document, layout: Layout) -> Iterator[Finding]:
    if layout.number is None:
        yield Finding("so-ky-hieu", "không thấy dòng số, ký hiệu “Số: …/…”")
        return
    para = doc.paras[layout.number]
    text = norm(para.text)
    match = NUMBER.match(text)
    if not match or not text.startswith("Số:"):
        yield Finding(
            "so-ky-hieu", "viết “Số:” rồi số và ký hiệu, ví dụ “Số: 05/KH-UBND”", para.text
        )
        return
    code = match.group("code")
    parts = code.split("-")
    if not all(CODE_PART.match(p) for p in parts):
        message = f"ký hiệu “{code}” phải viết hoa, nối bằng “-”, không có dấu cách"
        yield Finding("so-ky-hieu", message, para.text)
    elif layout.kind is not None and layout.kind.code and parts[0] != layout.kind.code:
        kind = layout.kind
        message = (
            f"ký hiệu “{code}” không khớp tên loại {kind.name}: cần “{kind.code}-…”"
            if len(parts) > 1
            else f"ký hiệu “{code}” thiếu chữ viết tắt tên loại {kind.name}: “{kind.code}-{code}”"
        )
        yield Finding("so-ky-hieu", message, para.text, required=kind.code)
    num = match.group("num")
    if num.isdigit() and int(num) < 10 and len(num) < 2:
        yield Finding("so-ky-hieu", f"số dưới 10 có số 0 phía trước: “0{num}”", para.text)
    # NĐ 30, Phụ lục I: "Số" and the ký hiệu in 13 pt, upright, centred under the body's name.
    yield from check_look("so-ky-hieu", para, "dòng số, ký hiệu", (13, 13), italic=False,
                          center=True)  # fmt: skip
    yield from one_line(doc, para, "so-ky-hieu", "dòng số, ký hiệu")


def place_date(doc: Document, layout: Layout) -> Iterator[Finding]:
    if layout.date is None:
        yield Finding(
            "dia-danh-ngay", "không thấy dòng địa danh, ngày tháng “…, ngày … tháng … năm …”"
        )
        return
    para = doc.paras[layout.date]
    match = DATE.match(norm(para.text))
    assert match
    day, month = match.group("d"), match.group("m")
    if day.isdigit() and 1 <= int(day) <= 9 and len(day) < 2:
        yield Finding("dia-danh-ngay", f"ngày 1-9 có số 0 phía trước: “0{day}”", para.text)
    if month.isdigit() and 1 <= int(month) <= 2 and len(month) < 2:
        yield Finding("dia-danh-ngay", f"tháng 1, 2 có số 0 phía trước: “0{month}”", para.text)
    if month.isdigit() and int(month) >= 3 and month.startswith("0"):
        message = f"tháng 3-12 không có số 0 phía trước: “{int(month)}”"
        yield Finding("dia-danh-ngay", message, para.text)
    if not match.group("place")[:1].isupper():
        yield Finding("dia-danh-ngay", "địa danh viết hoa chữ đầu", para.text)
    yield from check_look("dia-danh-ngay", para, "dòng địa danh, ngày tháng", (13, 14),
                          italic=True, center=True)  # fmt: skip
    yield from one_line(doc, para, "dia-danh-ngay", "dòng địa danh, ngày tháng")


def doc_type(doc: Document, layout: Layout) -> Iterator[Finding]:
    if layout.kind is None:
        message = (
            "không thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO, …) hay trích yếu “V/v …” của công văn"
        )
        yield Finding("ten-loai", message, severity=WARNING)
        return
    if layout.kind.name == CONG_VAN:
        yield from _vv(doc, layout)
        return
    assert layout.type_index is not None
    para = doc.paras[layout.type_index]
    if norm(para.text) != norm(para.text).upper():
        yield Finding("ten-loai", "tên loại phải in hoa", para.text)
    yield from check_look("ten-loai", para, "tên loại", (13, 14), bold=True, italic=False,
                          center=True)  # fmt: skip
    if not layout.summary:
        if layout.kind.name not in ("GIẤY MỜI", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP"):
            yield Finding("ten-loai", "thiếu trích yếu dưới tên loại", para.text)
        return
    summary = [doc.paras[i] for i in layout.summary]
    for line in summary:
        yield from check_look("ten-loai", line, "trích yếu", (13, 14), bold=True, italic=False,
                              center=True)  # fmt: skip
    text = norm(" ".join(p.text for p in summary))
    if sum(c.isalpha() for c in text) > 3 and text == text.upper():
        yield Finding("ten-loai", "trích yếu viết chữ thường, không in hoa cả câu", summary[0].text)
    last = layout.summary[-1]
    lines = doc.rules_near(last, span_=3) + [
        x for p in doc.paras[last + 1 : last + 4] for x in doc.drawn_lines(p)
    ] + [x for p in summary for x in doc.drawn_lines(p)]  # fmt: skip
    if not lines:
        yield Finding("ten-loai", "thiếu đường kẻ liền dưới trích yếu", summary[-1].text)
        return
    base = max(doc.line_width_pt(p) for p in summary)
    found = line_finding("ten-loai", "trích yếu", max(lines), base, SUMMARY_LINE, summary[-1])
    if found:
        yield found


def _vv(doc: Document, layout: Layout) -> Iterator[Finding]:
    """A công văn's trích yếu: "V/v …" under the number, 12-13 pt, upright, centred."""
    for index in layout.vv:
        para = doc.paras[index]
        yield from check_look("ten-loai", para, "trích yếu “V/v”", (12, 13), bold=False,
                              italic=False, center=True)  # fmt: skip
    first = doc.paras[layout.vv[0]]
    if not norm(first.text).startswith("V/v"):
        yield Finding("ten-loai", "viết “V/v” (V hoa, v thường)", first.text)
    if layout.number is not None and layout.vv[0] < layout.number:
        yield Finding("ten-loai", "trích yếu “V/v” đặt dưới số, ký hiệu", first.text)
