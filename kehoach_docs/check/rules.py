"""The NĐ 30 rules, each a function over a document read back with its styles resolved.

The checker reads documents it did not make: header blocks as tables or plain
paragraphs, lines drawn as shapes or as paragraph borders, styles or direct formatting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from ..docxread import DocxReader, Para
from ..render.metrics import text_width_pt
from ..render.styles import RunLook, w
from ..vn import shorten
from .findings import ERROR, WARNING, Finding, Report

TWIPS_PER_MM = 56.7
EMU_PER_TWIP = 635
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOC_TYPES = {
    "KẾ HOẠCH", "BÁO CÁO", "QUYẾT ĐỊNH", "THÔNG BÁO", "TỜ TRÌNH", "CHƯƠNG TRÌNH", "HƯỚNG DẪN",
    "CHỈ THỊ", "NGHỊ QUYẾT", "QUY ĐỊNH", "ĐỀ ÁN", "PHƯƠNG ÁN", "BIÊN BẢN", "CÔNG VĂN",
}  # fmt: skip
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def excerpt(text: str, size: int = 50) -> str:
    return shorten(norm(text), size)


def _looks(para: Para) -> list[RunLook]:
    return [look for text, look in para.looks if text.strip()]


def _sizes(para: Para) -> set[float]:
    return {look.size_pt for look in _looks(para)}


def _all(para: Para, attr: str) -> bool:
    looks = _looks(para)
    return bool(looks) and all(getattr(look, attr) for look in looks)


def _none(para: Para, attr: str) -> bool:
    return not any(getattr(look, attr) for look in _looks(para))


def _sized(
    rule_id: str, para: Para, low: float, high: float, severity: str = ERROR
) -> Finding | None:
    """A finding when some run's size is outside low..high points."""
    sizes = _sizes(para)
    if all(low <= size <= high for size in sizes):
        return None
    wanted = f"{low:g}" if low == high else f"{low:g}-{high:g}"
    shown = ", ".join(f"{size:g}" for size in sorted(sizes))
    return Finding(rule_id, f"cỡ chữ {shown}, cần {wanted}", excerpt(para.text), severity)


def _centred_bold(rule_id: str, para: Para, what: str) -> Iterator[Finding]:
    if not _all(para, "bold") or _sized(rule_id, para, 13, 14):
        yield Finding(rule_id, f"{what} in đậm, cỡ 13-14", excerpt(para.text))
    if para.align != "center":
        yield Finding(rule_id, f"{what} phải căn giữa", excerpt(para.text))


class Document:
    """A .docx read back: paragraphs in order, the header block, the closing table."""

    def __init__(self, path: Path) -> None:
        self.reader = DocxReader(path)
        self.book = self.reader.book
        self.paras = [p for p in self.reader.paragraphs()]
        self.section = self.reader.doc.sections[0]
        page = int((self.section.page_width or 0) / EMU_PER_TWIP)
        left = int((self.section.left_margin or 0) / EMU_PER_TWIP)
        right = int((self.section.right_margin or 0) / EMU_PER_TWIP)
        self.text_width = page - left - right

    def find(self, test: Callable[[Para], bool], limit: int | None = None) -> int | None:
        for index, para in enumerate(self.paras[:limit]):
            if test(para):
                return index
        return None

    def container(self, para: Para) -> etree._Element:
        cell = next(para.element.iterancestors(w("tc")), None)
        body: etree._Element = self.reader.doc.element.body
        return cell if cell is not None else body

    def width_of(self, para: Para) -> int:
        cell = next(para.element.iterancestors(w("tc")), None)
        if cell is None:
            return self.text_width
        tcw = cell.find(f"{w('tcPr')}/{w('tcW')}")
        return int(tcw.get(w("w"), "0")) if tcw is not None and tcw.get(w("w")) else self.text_width

    def line_width_pt(self, para: Para) -> float:
        """Width of the longest line of a paragraph, as Times New Roman lays it out."""
        widths = [0.0]
        for text, look in para.looks:
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    widths.append(0.0)
                widths[-1] += text_width_pt(part, look.size_pt, look.bold, look.italic)
        return max(widths)

    def rules_near(self, index: int, span: int = 2) -> list[float]:
        """Lengths in pt of the solid lines drawn at or just under paragraph `index`:
        paragraph borders (with their indents) and drawn line shapes."""
        para = self.paras[index]
        found: list[float] = []
        container = self.container(para)
        for offset in range(0, span + 1):
            if index + offset >= len(self.paras):
                break
            other = self.paras[index + offset]
            if self.container(other) is not container:
                break
            found += self._lines_in(other, bottom_only=offset == 0)
        return found

    def _lines_in(self, para: Para, bottom_only: bool) -> list[float]:
        return self.border_lines(para, bottom_only) + self.drawn_lines(para)

    def border_lines(self, para: Para, bottom_only: bool = False) -> list[float]:
        lines: list[float] = []
        el = para.element
        edges = ("bottom",) if bottom_only else ("top", "bottom")
        for edge in edges:
            border = el.find(f"{w('pPr')}/{w('pBdr')}/{w(edge)}")
            value = border.get(w("val")) if border is not None else None
            if value and value not in ("nil", "none"):
                left = int(self.book.paragraph_attr(el, "ind", "left") or 0)
                right = int(self.book.paragraph_attr(el, "ind", "right") or 0)
                lines.append((self.width_of(para) - left - right) / 20)
        return lines

    @staticmethod
    def drawn_lines(para: Para) -> list[float]:
        """Line shapes anchored in the paragraph (DrawingML; the VML fallback is a copy)."""
        lines: list[float] = []
        for drawing in para.element.iter(w("drawing")):
            shapes = drawing.iter(f"{{{DRAWING_NS}}}prstGeom")
            if any(g.get("prst") in ("line", "straightConnector1") for g in shapes):
                extent = next(drawing.iter(f"{{{WP_NS}}}extent"), None)
                if extent is not None:
                    lines.append(int(extent.get("cx", "0")) / 12700)
        return lines

    def header_column(self, para: Para) -> list[Para]:
        """Every paragraph of the header table's column that holds `para`: drawn lines are
        often anchored a row lower than the text they underline."""
        cell = next(para.element.iterancestors(w("tc")), None)
        if cell is None:
            return [para]
        row = next(cell.iterancestors(w("tr")))
        table = next(row.iterancestors(w("tbl")))
        position = row.findall(w("tc")).index(cell)
        cells = [r.findall(w("tc"))[position] for r in table.findall(w("tr"))
                 if len(r.findall(w("tc"))) > position]  # fmt: skip
        return [p for p in self.paras if next(p.element.iterancestors(w("tc")), None) in cells]


Rule = Callable[[Document], Iterator[Finding]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def _mm(twips: float) -> str:
    return f"{twips / TWIPS_PER_MM:.1f}".replace(".", ",").replace(",0", "") + " mm"


@rule
def paper(doc: Document) -> Iterator[Finding]:
    s = doc.section
    width, height = (s.page_width or 0) / 36000, (s.page_height or 0) / 36000
    if {round(width), round(height)} != {210, 297}:
        yield Finding("kho-giay", f"khổ giấy {width:.0f} x {height:.0f} mm, cần A4 (210 x 297 mm)")
    elif width > height:
        yield Finding(
            "kho-giay", "trang nằm ngang: chỉ dùng cho bảng biểu, phụ lục", severity=WARNING
        )
    bounds = {"trên": (20, 25, s.top_margin), "dưới": (20, 25, s.bottom_margin),
              "trái": (30, 35, s.left_margin), "phải": (15, 20, s.right_margin)}  # fmt: skip
    for name, (low, high, value) in bounds.items():
        mm = (value or 0) / 36000
        if not low - 0.1 <= mm <= high + 0.1:
            yield Finding(
                "le-trang", f"lề {name} {mm:.1f} mm, cần {low}-{high} mm".replace(".", ",")
            )


@rule
def fonts(doc: Document) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for para in doc.paras:
        for text, look in para.looks:
            # Word sometimes names the face, e.g. "Times New Roman Italic": the same family.
            if text.strip() and not (look.font or "").startswith("Times New Roman"):
                seen.setdefault(look.font or "phông theo chủ đề (theme) của Word", text)
    for font, text in seen.items():
        yield Finding("phong-chu", f"dùng phông “{font}”, cần Times New Roman", excerpt(text))


def _header_index(doc: Document) -> int | None:
    return doc.find(lambda p: norm(p.text).upper().replace("HOÀ", "HÒA") == NATIONAL, 40)


@rule
def national(doc: Document) -> Iterator[Finding]:
    index = _header_index(doc)
    if index is None:
        yield Finding("quoc-hieu", f"không thấy Quốc hiệu “{NATIONAL}”")
        return
    para = doc.paras[index]
    text = norm(para.text)
    if text != NATIONAL:
        message = "viết “HÒA” như mẫu của Nghị định" if text.upper() == text else "phải in hoa"
        yield Finding("quoc-hieu", message, excerpt(text), WARNING if "HOÀ" in text else ERROR)
    yield from filter(None, [_sized("quoc-hieu", para, 12, 13)])
    if not _all(para, "bold"):
        yield Finding("quoc-hieu", "phải in đậm", excerpt(text))


def _ratio_finding(rule_id: str, what: str, length: float, base: float, low: float, high: float,
                   where: str) -> Finding | None:  # fmt: skip
    if base <= 0:
        return None
    ratio = length / base
    if low <= ratio <= high:
        return None
    cm = length / 72 * 2.54
    return Finding(rule_id, f"đường kẻ dưới {what} dài {cm:.1f} cm, bằng {ratio:.0%} độ dài chữ "
                   f"(cần {low:.0%}-{high:.0%})".replace(".", ","), where)  # fmt: skip


@rule
def motto(doc: Document) -> Iterator[Finding]:
    index = doc.find(lambda p: norm(p.text).replace("–", "-") == MOTTO, 40)
    if index is None:
        near = doc.find(lambda p: norm(p.text).replace(" ", "").lower().startswith("độclập"), 40)
        where = excerpt(doc.paras[near].text) if near is not None else ""
        yield Finding(
            "tieu-ngu", f"không thấy Tiêu ngữ “{MOTTO}” (gạch nối “-” có dấu cách)", where
        )
        return
    para = doc.paras[index]
    if "–" in para.text:
        yield Finding(
            "tieu-ngu", "dùng gạch nối thường “-”, không dùng gạch dài “–”", excerpt(para.text)
        )
    yield from filter(None, [_sized("tieu-ngu", para, 13, 14)])
    if not _all(para, "bold"):
        yield Finding("tieu-ngu", "phải in đậm", excerpt(para.text))
    lines = doc.rules_near(index) or [
        x for p in doc.header_column(para) for x in doc.drawn_lines(p)
    ]
    if not lines:
        yield Finding("tieu-ngu", "thiếu đường kẻ liền dưới Tiêu ngữ", excerpt(para.text))
        return
    found = _ratio_finding("tieu-ngu", "Tiêu ngữ", max(lines), doc.line_width_pt(para), 0.9, 1.1,
                           excerpt(para.text))  # fmt: skip
    if found:
        yield found


def _left_header(doc: Document) -> list[Para]:
    """Box 2: the header table's first column above the "Số:" line."""
    index = _header_index(doc)
    if index is None:
        return []
    cell = next(doc.paras[index].element.iterancestors(w("tc")), None)
    row = next(cell.iterancestors(w("tr")), None) if cell is not None else None
    first = row.find(w("tc")) if row is not None else None
    if first is None or first is cell:
        return []
    column = doc.header_column(next(p for p in doc.paras if p.element in first.iter(w("p"))))
    out = []
    for para in column:
        if norm(para.text).startswith("Số"):
            break
        out.append(para)
    return out


def _lines_of(para: Para) -> list[tuple[str, list[RunLook]]]:
    """A paragraph split at its line breaks: each line's text and the looks of its runs."""
    lines: list[tuple[str, list[RunLook]]] = [("", [])]
    for text, look in para.looks:
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append(("", []))
            if part:
                lines[-1] = (lines[-1][0] + part, [*lines[-1][1], look])
    return [(t, looks) for t, looks in lines if t.strip()]


@rule
def issuer(doc: Document) -> Iterator[Finding]:
    column = _left_header(doc)
    lines = [(text, looks, para) for para in column for text, looks in _lines_of(para)]
    if not lines:
        yield Finding("co-quan", "không thấy tên cơ quan ở ô bên trái phần đầu", severity=WARNING)
        return
    for text, looks, _ in lines:
        if norm(text) != norm(text).upper():
            yield Finding("co-quan", "tên cơ quan phải in hoa", excerpt(text))
        sizes = {look.size_pt for look in looks}
        if not sizes <= {12, 12.5, 13}:
            yield Finding("co-quan", f"cỡ chữ {sorted(sizes)}, cần 12-13", excerpt(text))
    issuing = [(t, looks, p) for t, looks, p in lines if all(look.bold for look in looks)]
    if not issuing:
        yield Finding(
            "co-quan", "tên cơ quan ban hành (dòng cuối) phải in đậm", excerpt(lines[-1][0])
        )
        return
    where = excerpt(issuing[-1][0])
    index = doc.paras.index(issuing[-1][2])
    drawn = [x for p in doc.header_column(issuing[-1][2]) for x in doc.drawn_lines(p)]
    found_lines = doc.rules_near(index) or drawn
    if not found_lines:
        yield Finding("co-quan", "thiếu đường kẻ liền dưới tên cơ quan ban hành", where)
        return
    base = max(
        sum(text_width_pt(t, look.size_pt, True) for look in looks[:1]) for t, looks, _ in issuing
    )
    found = _ratio_finding("co-quan", "tên cơ quan", min(found_lines), base, 0.3, 0.55, where)
    if found:
        yield found


NUMBER = re.compile(r"^Số\s*:\s*(?P<num>\d*)\s*/\s*(?P<code>.+)$")
CODE = re.compile(r"^[A-ZĐ0-9]+(-[A-ZĐa-zđ0-9]+)*$")


@rule
def number(doc: Document) -> Iterator[Finding]:
    index = doc.find(lambda p: norm(p.text).startswith("Số") and "/" in p.text, 40)
    if index is None:
        yield Finding("so-ky-hieu", "không thấy dòng số, ký hiệu “Số: …/…”")
        return
    para = doc.paras[index]
    text = norm(para.text)
    match = NUMBER.match(text)
    if not match or not text.startswith("Số:"):
        yield Finding(
            "so-ky-hieu", "viết “Số:” rồi số và ký hiệu, ví dụ “Số: 05/KH-UBND”", excerpt(text)
        )
        return
    code = match.group("code")
    if not CODE.match(code):
        message = f"ký hiệu “{code}” phải viết hoa, nối bằng “-”, không có dấu cách"
        yield Finding("so-ky-hieu", message, excerpt(text))
    num = match.group("num")
    if num and int(num) < 10 and len(num) < 2:
        yield Finding("so-ky-hieu", f"số dưới 10 có số 0 phía trước: “0{num}”", excerpt(text))
    yield from filter(None, [_sized("so-ky-hieu", para, 13, 14, WARNING)])


DATE = re.compile(
    r"^(?P<place>[^,]+),\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})$"
)


@rule
def place_date(doc: Document) -> Iterator[Finding]:
    index = doc.find(lambda p: " ngày" in p.text and "tháng" in p.text and "năm" in p.text
                     and bool(DATE.match(norm(p.text))), 40)  # fmt: skip
    if index is None:
        yield Finding(
            "dia-danh-ngay", "không thấy dòng địa danh, ngày tháng “…, ngày … tháng … năm …”"
        )
        return
    para = doc.paras[index]
    match = DATE.match(norm(para.text))
    assert match
    where = excerpt(para.text)
    day, month = match.group("d"), match.group("m")
    if day and 1 <= int(day) <= 9 and len(day) < 2:
        yield Finding("dia-danh-ngay", f"ngày 1-9 có số 0 phía trước: “0{day}”", where)
    if month and 1 <= int(month) <= 2 and len(month) < 2:
        yield Finding("dia-danh-ngay", f"tháng 1, 2 có số 0 phía trước: “0{month}”", where)
    if month and int(month) >= 3 and month.startswith("0"):
        yield Finding(
            "dia-danh-ngay", f"tháng 3-12 không có số 0 phía trước: “{int(month)}”", where
        )
    if not match.group("place")[:1].isupper():
        yield Finding("dia-danh-ngay", "địa danh viết hoa chữ đầu", where)
    if not _all(para, "italic"):
        yield Finding("dia-danh-ngay", "phải in nghiêng", where)
    yield from filter(None, [_sized("dia-danh-ngay", para, 13, 14)])


def _type_index(doc: Document) -> int | None:
    return doc.find(lambda p: not p.in_table and norm(p.text) in DOC_TYPES, 60)


@rule
def doc_type(doc: Document) -> Iterator[Finding]:
    index = _type_index(doc)
    if index is None:
        yield Finding(
            "ten-loai",
            "không thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO, …) in hoa",
            severity=WARNING,
        )
        return
    para = doc.paras[index]
    yield from _centred_bold("ten-loai", para, "tên loại")
    summary = next(
        (i for i in range(index + 1, min(index + 4, len(doc.paras))) if doc.paras[i].text.strip()),
        None,
    )
    if summary is None:
        yield Finding("ten-loai", "thiếu trích yếu dưới tên loại")
        return
    s = doc.paras[summary]
    yield from _centred_bold("ten-loai", s, "trích yếu")
    lines = doc.rules_near(summary, span=3) + [
        x for p in doc.paras[summary : summary + 4] for x in doc.drawn_lines(p)
    ]
    if not lines:
        yield Finding("ten-loai", "thiếu đường kẻ liền dưới trích yếu", excerpt(s.text))
        return
    base = min(doc.line_width_pt(s), doc.width_of(s) / 20)
    found = _ratio_finding("ten-loai", "trích yếu", max(lines), base, 0.3, 0.55, excerpt(s.text))
    if found:
        yield found


def _closing_table(doc: Document) -> etree._Element | None:
    index = doc.find(lambda p: norm(p.text).startswith("Nơi nhận"))
    if index is None:
        return None
    return next(doc.paras[index].element.iterancestors(w("tbl")), None)


def body_indices(doc: Document) -> list[int]:
    start = _type_index(doc)
    if start is None:
        return []
    end_table = _closing_table(doc)
    out = []
    for i in range(start + 2, len(doc.paras)):
        para = doc.paras[i]
        if end_table is not None and para.element in end_table.iter(w("p")):
            break
        if not para.in_table and para.text.strip() and para.style != "KhRule":
            out.append(i)
    return out


def _twips(value: str | None) -> int:
    return int(float(value)) if value else 0


@rule
def body(doc: Document) -> Iterator[Finding]:
    indices = body_indices(doc)
    problems: dict[str, list[str]] = {}

    def note(message: str, para: Para) -> None:
        problems.setdefault(message, []).append(excerpt(para.text, 40))

    for i in indices:
        para = doc.paras[i]
        el = para.element
        if norm(para.text).startswith(("Kính gửi", "Căn cứ")) or para.align == "center":
            continue
        sizes = _sizes(para)
        if sizes and not sizes <= {13, 13.5, 14}:
            note(f"cỡ chữ {sorted(sizes)}, cần 13-14", para)
        before = _twips(doc.book.paragraph_attr(el, "spacing", "before"))
        after = _twips(doc.book.paragraph_attr(el, "spacing", "after"))
        if max(before, after) < 120:
            note("khoảng cách giữa các đoạn dưới 6 pt", para)
        line = doc.book.paragraph_attr(el, "spacing", "line")
        rule_kind = doc.book.paragraph_attr(el, "spacing", "lineRule") or "auto"
        if line:
            value = int(line)
            size = max(sizes) if sizes else 14
            ok = (
                240 <= value <= 360
                if rule_kind == "auto"
                else size * 20 <= value <= size * 20 * 1.5 * 1.2
            )
            if not ok:
                note("giãn dòng ngoài khoảng từ một dòng đến 1,5 dòng", para)
        if len(norm(para.text)) > 120:
            if para.align not in ("both", "distribute"):
                note("đoạn văn phải căn đều hai lề", para)
            first = _twips(doc.book.paragraph_attr(el, "ind", "firstLine"))
            if not 550 <= first <= 740:
                note(f"thụt đầu dòng {first / 567:.2f} cm, cần 1-1,27 cm".replace(".", ","), para)
    for message, where in problems.items():
        more = f" và {len(where) - 1} đoạn khác" if len(where) > 1 else ""
        yield Finding("noi-dung", message + more, where[0])
    if indices and not any(norm(doc.paras[i].text).endswith("./.") for i in indices):
        yield Finding(
            "noi-dung",
            "đoạn kết thúc văn bản phải có dấu “./.”",
            excerpt(doc.paras[indices[-1]].text),
        )


@rule
def headings(doc: Document) -> Iterator[Finding]:
    for i in body_indices(doc):
        para = doc.paras[i]
        text = norm(para.text)
        match = re.match(r"^([IVXLC]+)\.\s+(.+)$", text)
        if match and len(text) < 200:
            if match.group(2) != match.group(2).upper():
                yield Finding("de-muc", "đề mục cấp La Mã phải in hoa", excerpt(text))
            if not _all(para, "bold"):
                yield Finding("de-muc", "đề mục cấp La Mã phải in đậm", excerpt(text))


def _closing_cells(doc: Document) -> tuple[list[Para], list[Para]]:
    table = _closing_table(doc)
    if table is None:
        return [], []
    row = next(
        r
        for r in table.iter(w("tr"))
        if "Nơi nhận" in "".join(t.text or "" for t in r.iter(w("t")))
    )
    cells = row.findall(w("tc"))
    groups: list[list[Para]] = [[] for _ in cells]
    for para in doc.paras:
        cell = next(para.element.iterancestors(w("tc")), None)
        if cell in cells:
            groups[cells.index(cell)].append(para)
    left = next((g for g in groups if any(norm(p.text).startswith("Nơi nhận") for p in g)), [])
    right = next((g for g in groups if g is not left and any(p.text.strip() for p in g)), [])
    return left, right


@rule
def recipients(doc: Document) -> Iterator[Finding]:
    left, _ = _closing_cells(doc)
    if not left:
        yield Finding("noi-nhan", "không thấy “Nơi nhận:” ở cuối văn bản")
        return
    label = next(p for p in left if norm(p.text).startswith("Nơi nhận"))
    if norm(label.text) != "Nơi nhận:":
        yield Finding("noi-nhan", "viết “Nơi nhận:”", excerpt(label.text))
    if not (_sizes(label) <= {12} and _all(label, "bold") and _all(label, "italic")):
        message = f"“Nơi nhận:” cỡ 12, đậm, nghiêng (đang cỡ {sorted(_sizes(label))})"
        yield Finding("noi-nhan", message, excerpt(label.text))
    items = [p for p in left[left.index(label) + 1 :] if p.text.strip()]
    if not items:
        yield Finding("noi-nhan", "chưa có nơi nhận nào")
        return
    for para in items:
        text = norm(para.text)
        if not text.startswith("-"):
            yield Finding("noi-nhan", "mỗi nơi nhận một dòng, bắt đầu bằng “-”", excerpt(text))
        yield from filter(None, [_sized("noi-nhan", para, 11, 11)])
    for para in items[:-1]:
        if not norm(para.text).endswith(";"):
            yield Finding("noi-nhan", "nơi nhận kết thúc bằng “;”", excerpt(para.text))
    last = norm(items[-1].text)
    if not re.match(r"^- Lưu\s*:\s*VT\b.*\.$", last):
        yield Finding("noi-nhan", "dòng cuối là “- Lưu: VT, <đơn vị soạn thảo>.”", excerpt(last))


@rule
def signature(doc: Document) -> Iterator[Finding]:
    _, right = _closing_cells(doc)
    lines = [p for p in right if p.text.strip()]
    if not lines:
        yield Finding("chu-ky", "không thấy quyền hạn, chức vụ người ký bên phải Nơi nhận")
        return
    for para in lines:
        if para.align != "center":
            yield Finding("chu-ky", "phần chữ ký căn giữa", excerpt(para.text))
        if not _all(para, "bold") or not _sizes(para) <= {13, 13.5, 14}:
            yield Finding(
                "chu-ky", "quyền hạn, chức vụ, họ tên in đậm, cỡ 13-14", excerpt(para.text)
            )
    titles = (
        lines[:-1]
        if len(lines) > 1 and norm(lines[-1].text) != norm(lines[-1].text).upper()
        else lines
    )
    for para in titles:
        if norm(para.text) != norm(para.text).upper():
            yield Finding("chu-ky", "quyền hạn, chức vụ in hoa", excerpt(para.text))


def _has_page_field(root: etree._Element) -> bool:
    instr = " ".join(t.text or "" for t in root.iter(w("instrText")))
    simple = " ".join(f.get(w("instr"), "") for f in root.iter(w("fldSimple")))
    return "PAGE" in (instr + simple).upper()


@rule
def page_numbers(doc: Document) -> Iterator[Finding]:
    section = doc.section
    header = section.header
    if header.is_linked_to_previous or not _has_page_field(header._element):
        yield Finding("so-trang", "thiếu số trang (trường PAGE) ở phần đầu trang")
        return
    paragraph = next(p for p in header._element.iter(w("p")) if _has_page_field(p))
    if doc.book.paragraph_attr(paragraph, "jc", "val") != "center":
        yield Finding("so-trang", "số trang phải căn giữa phần đầu trang")
    if not section.different_first_page_header_footer:
        yield Finding("so-trang", "không hiện số trang ở trang 1 (chọn “Different First Page”)")
    elif _has_page_field(section.first_page_header._element):
        yield Finding("so-trang", "trang 1 không đánh số trang")


def check_docx(path: Path, display: str | None = None) -> Report:
    report = Report(display or str(path))
    try:
        doc = Document(path)
    except Exception as exc:  # python-docx raises many kinds for files that are not .docx
        report.findings.append(
            Finding("kho-giay", f"không đọc được tệp .docx ({type(exc).__name__})")
        )
        return report
    for check in RULES:
        report.findings.extend(check(doc))
    return report
