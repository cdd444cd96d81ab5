"""What a văn thư looks for before a draft goes to be signed, beyond the decree's layout:
blanks left to fill, comments and tracked changes left in the file, coloured or
highlighted text, rules typed with underscores, table rows of fixed height, and line
breaks forced where the text would not fit."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from ..docxread import Para, xml_number
from ..render.styles import w
from .document import FIT, Document, looks, pt
from .findings import ERROR, WARNING, Finding, norm
from .layout import Layout

# "……", "....", "[…]", "[...]", "XX/XX", "{{ tag }}": a blank nobody filled in.
DOTS = re.compile(r"…{2,}|\.{4,}|(?:\.\s?){4,}|…\.{2,}|\.{2,}…")
BRACKETS = re.compile(r"\[\s*(?:…|\.{2,}|_+|\s)*\s*\]|\{\{|\}\}|\{%|%\}|_{3,}")
XX = re.compile(r"(?<![\wÀ-ỹ])(?:XX+|xx+)(?![\wÀ-ỹ])")
# "XX" is also twenty in Roman numerals: "thế kỷ XX", "Đại hội XX", "XX. KINH PHÍ".
ROMAN_CONTEXT = re.compile(
    r"(thế kỷ|khóa|khoá|kỳ|lần thứ|đại hội|hội nghị|phần|chương|mục)\s*$", re.IGNORECASE
)
RULE_LINE = re.compile(r"^[_\-–—=]{5,}$")
BLACK = 0x40  # every channel at most this dark reads as black on paper
NO_COLOUR = {None, "auto", "none", "nil", "clear", "FFFFFF", "ffffff"}


def _main(doc: Document, layout: Layout) -> list[Para]:
    """The document proper, without its appendices (whose forms are meant to be filled),
    and without the number and date lines a draft leaves blank until it is signed."""
    end = layout.main_end or len(doc.paras)
    skip = {layout.number, layout.date}
    return [p for i, p in enumerate(doc.paras[:end]) if i not in skip and p.text.strip()]


def placeholders(doc: Document, layout: Layout) -> Iterator[Finding]:
    for para in _main(doc, layout):
        text = norm(para.text)
        if RULE_LINE.match(text):
            continue  # a rule typed with characters: typed_rules names it
        found = DOTS.search(text) or BRACKETS.search(text)
        if found is None:
            for match in XX.finditer(text):
                heading = match.start() == 0 and text[match.end() : match.end() + 1] == "."
                if not heading and not ROMAN_CONTEXT.search(text[: match.start()]):
                    found = match
                    break
        if found is not None:
            message = f"còn chỗ chưa điền “{found.group(0)}”"
            yield Finding("cho-trong", message, para.text, measured=found.group(0))


def comments(doc: Document, layout: Layout) -> Iterator[Finding]:
    root = doc.reader.part(RT.COMMENTS)
    notes = list(root.iter(w("comment"))) if root is not None else []
    marks = list(doc.reader.doc.element.body.iter(w("commentReference")))
    if not notes and not marks:
        return
    count = max(len(notes), len(marks))
    first = marks[0] if marks else None
    para = next(first.iterancestors(w("p")), None) if first is not None else None
    said = norm("".join(t.text or "" for t in notes[0].iter(w("t")))) if notes else ""
    message = f"còn {count} ghi chú (comment) trong tệp" + (f", ví dụ “{said}”" if said else "")
    text = doc.reader.paragraph(para).text if para is not None else ""
    yield Finding("ghi-chu", message + ": xóa trước khi trình ký", text, measured=count)


REVISIONS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange",
             "tblPrChange", "trPrChange", "tcPrChange", "numberingChange")  # fmt: skip


def revisions(doc: Document, layout: Layout) -> Iterator[Finding]:
    body = doc.reader.doc.element.body
    tags = {w(tag) for tag in REVISIONS}
    marks = [el for el in body.iter() if el.tag in tags]
    if not marks:
        return
    para = next(marks[0].iterancestors(w("p")), None)
    text = doc.reader.paragraph(para).text if para is not None else ""
    message = (f"còn {len(marks)} thay đổi chưa chấp nhận (Track Changes): chấp nhận hoặc từ "
               "chối hết rồi tắt theo dõi")  # fmt: skip
    yield Finding("theo-doi-sua", message, text, measured=len(marks))


def _dark(colour: str) -> bool:
    try:
        value = int(colour, 16)
    except ValueError:
        return True
    return all((value >> shift) & 0xFF <= BLACK for shift in (16, 8, 0))


def colours(doc: Document, layout: Layout) -> Iterator[Finding]:
    coloured: list[tuple[Para, str]] = []
    marked: list[tuple[Para, str]] = []
    for para in doc.paras[: layout.main_end or len(doc.paras)]:
        for look in looks(para):
            if look.color not in NO_COLOUR and not _dark(look.color or ""):
                coloured.append((para, look.color or ""))
                break
        for look in looks(para):
            background = look.highlight if look.highlight not in NO_COLOUR else None
            background = background or (look.shading if look.shading not in NO_COLOUR else None)
            if background:
                marked.append((para, background))
                break
    for found, what in ((coloured, "chữ màu"), (marked, "chữ tô nền")):
        if found:
            para, value = found[0]
            more = f" (và {len(found) - 1} đoạn khác)" if len(found) > 1 else ""
            name = f"#{value}" if re.fullmatch(r"[0-9A-Fa-f]{6}", value) else value
            message = f"{what} {name}{more}: văn bản in chữ đen, không tô nền"
            yield Finding("mau-chu", message, para.text, ERROR, name, "đen")


def typed_rules(doc: Document, layout: Layout) -> Iterator[Finding]:
    """A line of "_____" or "-----" typed under a heading prints at the length of the
    characters, not of the rule the decree sets; Word's border or a drawn line is needed."""
    for para in doc.paras[: layout.main_end or len(doc.paras)]:
        if any(RULE_LINE.match(line.strip()) for line in para.text.split("\n")):
            message = "đường kẻ gõ bằng ký tự: dùng đường viền đoạn (Border) hoặc đường vẽ"
            yield Finding("ke-bang-ky-tu", message, para.text)


def fixed_rows(doc: Document, layout: Layout) -> Iterator[Finding]:
    body = doc.reader.doc.element.body
    rows = [h for h in body.iter(w("trHeight")) if h.get(w("hRule")) == "exact"]
    if rows:
        row = next(rows[0].iterancestors(w("tr")), rows[0])
        first = next((doc.reader.paragraph(p) for p in row.iter(w("p")) if "".join(
            t.text or "" for t in p.iter(w("t"))).strip()), None)  # fmt: skip
        points = xml_number(rows[0].get(w("val"))) / 20
        height = pt(round(points, 1))
        more = f" (và {len(rows) - 1} hàng khác)" if len(rows) > 1 else ""
        message = (f"hàng bảng cao cố định {height} pt (Exactly){more}: chữ dài hơn bị cắt "
                   "mất khi in; chọn “At least”")  # fmt: skip
        yield Finding("hang-bang", message, first.text if first else "", WARNING,
                      points, "at least", "pt")  # fmt: skip


def hard_breaks(doc: Document, layout: Layout) -> Iterator[Finding]:
    """A line break (Shift+Enter) that shows on paper: where the text before or after it
    does not fit on its line, so it wraps and leaves a short line, or where the paragraph
    is justified, so Word stretches the line before it."""
    places = {i: "phần đầu văn bản" for i in range(0, layout.header_end + 1)}
    places |= {i: "trích yếu" for i in [*layout.summary, *layout.vv]}
    places |= {i: "thân văn bản" for i in layout.body}
    for index, where in sorted(places.items()):
        para = doc.paras[index]
        if "\n" not in para.text.strip():
            continue
        room = doc.available(para)
        segments = [s for s in para.text.split("\n") if s.strip()]
        justified = para.align in ("both", "distribute")
        widths = doc.lines(para)  # laid out once for both tests
        too_long = [x for x in widths if x > room * FIT]
        wrapped = len([x for x in widths if x]) > len(segments)
        if justified or too_long or wrapped:
            why = ("đoạn căn đều nên Word giãn chữ ở dòng trước chỗ ngắt" if justified
                   else "chữ không vừa một dòng nên tự xuống dòng, để lại dòng ngắn")  # fmt: skip
            message = f"ngắt dòng cứng (Shift+Enter) ở {where}: {why}"
            yield Finding("ngat-dong", message, para.text, WARNING)
