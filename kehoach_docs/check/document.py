"""A .docx read back for the checker: its paragraphs with their looks resolved, and the
geometry the rules measure (text widths as lines wrap, cell widths, drawn lines).

The checker reads documents it did not make: header blocks as tables or plain
paragraphs, lines drawn as shapes or as paragraph borders, styles or direct formatting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from ..docxread import DocxReader, Look, Para, xml_number
from ..fonts import text_width_pt
from ..render.styles import w
from .findings import ERROR, WARNING, Finding, norm

EMU_PER_TWIP = 635
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DEFAULT_CELL_MARGIN = 108  # twips, Word's "Normal Table"
TAB_PT = 36.0  # a default tab stop, half an inch
# A line within 2 % of its room wraps in Word or in LibreOffice: their widths differ by that.
FIT = 0.98


def marks_only(text: str) -> bool:
    """Text with no letter or digit: a colon, a dash, spaces. Its weight hardly shows."""
    return not any(unicodedata.category(c)[0] in "LN" for c in text)


def looks(para: Para, letters: bool = False, scripts: bool = True) -> list[Look]:
    """The looks of the runs that show text; `letters`: only runs with a letter or digit;
    `scripts=False` leaves out raised and lowered runs (note marks, drafter's initials)."""
    out = []
    for text, look in para.looks:
        if not text.strip() or look.hidden or (letters and marks_only(text)):
            continue
        if not scripts and look.vert_align in ("superscript", "subscript"):
            continue
        out.append(look)
    return out


def sizes(para: Para, scripts: bool = False) -> set[float]:
    return {look.size_pt for look in looks(para, scripts=scripts)}


def pt(value: float) -> str:
    """A number as Vietnamese writes it: 13, 13,5."""
    return f"{value:g}".replace(".", ",")


def span(low: float, high: float) -> str:
    return pt(low) if low == high else f"{pt(low)}-{pt(high)}"


def check_look(
    rule_id: str,
    para: Para,
    what: str,
    size: tuple[float, float] | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    center: bool = False,
    severity: str = ERROR,
) -> Iterator[Finding]:
    """Findings for a paragraph whose size, weight, slant or alignment is not the one
    required, each naming exactly what is wrong."""
    if size is not None:
        found = sorted(sizes(para))
        low, high = size
        if any(not low <= s <= high for s in found):
            listed = ", ".join(pt(s) for s in found)
            yield Finding(
                rule_id, f"{what} cỡ chữ {listed}, cần {span(low, high)}", para.text, severity,
                measured=found[0] if len(found) == 1 else listed, required=span(low, high),
                unit="pt",
            )  # fmt: skip
    shown = [(t, lk) for t, lk in para.looks if t.strip() and not lk.hidden]
    for flag, attr, no in ((bold, "bold", "in đậm"), (italic, "italic", "in nghiêng")):
        if flag is None or not shown:
            continue
        wrong = [t for t, lk in shown if getattr(lk, attr) != flag]
        if not wrong:
            continue
        sample = norm(wrong[0])
        if all(marks_only(t) for t in wrong):
            # Only a colon or a dash differs: it hardly shows, but a văn thư may see it.
            verb = "chưa" if flag else "không"
            yield Finding(rule_id, f"{what}: dấu “{sample}” {verb} {no}", para.text, WARNING)
        elif flag and len(wrong) == len(shown):
            yield Finding(rule_id, f"{what} chưa {no}", para.text, severity)
        elif flag:
            yield Finding(rule_id, f"{what} có chữ chưa {no}: “{sample}”", para.text, severity)
        else:
            part = "" if len(wrong) == len(shown) else f": “{sample}”"
            # "không được": the text must not be so (not a report that it is not).
            yield Finding(rule_id, f"{what} không được {no}{part}", para.text, severity)
    if center and para.align != "center":
        yield Finding(rule_id, f"{what} chưa căn giữa", para.text, severity)


class Document:
    """A .docx read back: paragraphs in reading order and their geometry."""

    def __init__(self, source: Path | IO[bytes]) -> None:
        self.reader = DocxReader(source)
        self.book = self.reader.book
        self.paras = list(self.reader.paragraphs())
        self.position = {p.element: i for i, p in enumerate(self.paras)}
        self.section = self.reader.doc.sections[0]
        page = int((self.section.page_width or 0) / EMU_PER_TWIP)
        left = int((self.section.left_margin or 0) / EMU_PER_TWIP)
        right = int((self.section.right_margin or 0) / EMU_PER_TWIP)
        self.text_width = page - left - right

    def find(
        self, test: Callable[[Para], bool], limit: int | None = None, start: int = 0
    ) -> int | None:
        end = len(self.paras) if limit is None else min(limit, len(self.paras))
        for index in range(start, end):
            if test(self.paras[index]):
                return index
        return None

    @staticmethod
    def cell(para: Para) -> etree._Element | None:
        return next(para.element.iterancestors(w("tc")), None)

    def container(self, para: Para) -> etree._Element:
        cell = self.cell(para)
        body: etree._Element = self.reader.doc.element.body
        return cell if cell is not None else body

    def _twips(self, para: Para, tag: str, attr: str) -> int:
        return int(xml_number(self.book.paragraph_attr(para.element, tag, attr)))

    def cell_width(self, cell: etree._Element) -> int:
        """A cell's width in twips: its own when given in twips, else its grid columns."""
        tcw = cell.find(f"{w('tcPr')}/{w('tcW')}")
        own = int(xml_number(tcw.get(w("w")))) if tcw is not None else 0
        if tcw is not None and tcw.get(w("type"), "dxa") == "dxa" and own > 0:
            return own
        row = cell.getparent()
        table = next(cell.iterancestors(w("tbl")), None)
        if table is None or row is None:
            return self.text_width
        grid = [int(xml_number(c.get(w("w")))) for c in table.iter(w("gridCol"))]
        start = 0
        for other in row.findall(w("tc")):
            spanned = other.find(f"{w('tcPr')}/{w('gridSpan')}")
            count = int(xml_number(spanned.get(w("val")), 1)) if spanned is not None else 1
            if other is cell:
                return sum(grid[start : start + count]) or self.text_width
            start += count
        return self.text_width

    def _cell_margins(self, cell: etree._Element) -> int:
        total = 0
        table = next(cell.iterancestors(w("tbl")), None)
        for side in ("left", "right"):
            own = cell.find(f"{w('tcPr')}/{w('tcMar')}/{w(side)}")
            found = (
                table.find(f"{w('tblPr')}/{w('tblCellMar')}/{w(side)}")
                if table is not None
                else None
            )
            chosen = own if own is not None else found
            total += (
                int(xml_number(chosen.get(w("w")))) if chosen is not None else DEFAULT_CELL_MARGIN
            )
        return total

    def available(self, para: Para) -> float:
        """The width in pt a paragraph's lines may fill: its column less cell margins and
        the paragraph's indents."""
        cell = self.cell(para)
        width = (
            self.text_width if cell is None else self.cell_width(cell) - self._cell_margins(cell)
        )
        left = self._twips(para, "ind", "left") or self._twips(para, "ind", "start")
        right = self._twips(para, "ind", "right") or self._twips(para, "ind", "end")
        return max(width - left - right, 1) / 20

    def first_line_indent(self, para: Para) -> int:
        """Where the first line starts, in twips from the paragraph's left indent."""
        return self._twips(para, "ind", "firstLine") - self._twips(para, "ind", "hanging")

    def lines(self, para: Para) -> list[float]:
        """The widths in pt of the lines a paragraph is laid out in: words wrap at the
        column's width, as Times New Roman sets them; hard breaks end a line."""
        room = self.available(para)
        first = self.first_line_indent(para) / 20
        widths: list[float] = [0.0]
        pending = 0.0  # the spaces after the last word, counted only if a word follows

        def limit() -> float:
            return room - (first if len(widths) == 1 else 0.0)

        for text, look in para.looks:
            if look.hidden:
                continue
            for piece in re.split(r"(\n|\t| +)", text):
                if not piece:
                    continue
                if piece == "\n":
                    widths.append(0.0)
                    pending = 0.0
                elif piece == "\t":
                    pending += TAB_PT
                elif piece.isspace():
                    pending += text_width_pt(piece, look.size_pt, look.bold, look.italic)
                else:
                    word = text_width_pt(piece, look.size_pt, look.bold, look.italic)
                    if widths[-1] and widths[-1] + pending + word > limit():
                        widths.append(word)
                    else:
                        widths[-1] += pending + word
                    pending = 0.0
        return widths

    def line_width_pt(self, para: Para) -> float:
        """Width of the longest line of a paragraph, as Times New Roman lays it out."""
        return max(self.lines(para))

    def wraps(self, para: Para) -> bool:
        return len([x for x in self.lines(para) if x]) > 1

    def rules_near(self, index: int, span_: int = 2) -> list[float]:
        """Lengths in pt of the solid lines drawn at or just under paragraph `index`:
        paragraph borders (with their indents) and drawn line shapes."""
        para = self.paras[index]
        found: list[float] = []
        container = self.container(para)
        for offset in range(0, span_ + 1):
            if index + offset >= len(self.paras):
                break
            other = self.paras[index + offset]
            if self.container(other) is not container:
                break
            found += self.border_lines(other, bottom_only=offset == 0) + self.drawn_lines(other)
        return found

    def border_lines(self, para: Para, bottom_only: bool = False) -> list[float]:
        lines: list[float] = []
        el = para.element
        edges = ("bottom",) if bottom_only else ("top", "bottom")
        for edge in edges:
            border = el.find(f"{w('pPr')}/{w('pBdr')}/{w(edge)}")
            value = border.get(w("val")) if border is not None else None
            if value and value not in ("nil", "none"):
                lines.append(self.available(para))  # a border spans the text, not the cell
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
                    lines.append(xml_number(extent.get("cx")) / 12700)
        return lines

    def column_of(self, para: Para) -> list[Para]:
        """Every paragraph of the table column that holds `para` (drawn lines are often
        anchored a row lower than the text they underline); `para` alone outside tables."""
        cell = self.cell(para)
        if cell is None:
            return [para]
        row = next(cell.iterancestors(w("tr")), None)
        table = next(row.iterancestors(w("tbl")), None) if row is not None else None
        if row is None or table is None or cell not in row.findall(w("tc")):
            return [para]
        position = row.findall(w("tc")).index(cell)
        cells = {r.findall(w("tc"))[position] for r in table.findall(w("tr"))
                 if len(r.findall(w("tc"))) > position}  # fmt: skip
        return [p for p in self.paras if self.cell(p) in cells]

    def table_paras(self, table: etree._Element) -> list[int]:
        return [self.position[p] for p in table.iter(w("p")) if p in self.position]

    def space(self, para: Para, side: str) -> int:
        """Space before or after a paragraph in twips, as Word reads the attributes."""
        if self.book.paragraph_attr(para.element, "spacing", f"{side}Autospacing") in ("1", "true"):
            return 280  # Word's automatic spacing: 14 pt
        lines = self.book.paragraph_attr(para.element, "spacing", f"{side}Lines")
        if lines:
            return int(xml_number(lines) * 240 / 100)
        return self._twips(para, "spacing", side)

    def gap(self, above: Para, below: Para) -> int:
        """The space between two paragraphs in twips, as Word lays it out: the space after
        the first plus the space before the second; "don't add space between paragraphs of
        the same style" removes a paragraph's own share."""
        same = self.book.paragraph_style_id(above.element) == self.book.paragraph_style_id(
            below.element
        )

        def contextual(para: Para) -> bool:
            return same and self.book.paragraph_flag(para.element, "contextualSpacing")

        after = 0 if contextual(above) else self.space(above, "after")
        before = 0 if contextual(below) else self.space(below, "before")
        return after + before
