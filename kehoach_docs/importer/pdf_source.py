"""Read a PDF's text layer (a plan exported from Word or LibreOffice) into the same blocks
as a .docx: lines joined into paragraphs by indent, gaps and line ends; side-by-side
columns (the header block, Nơi nhận beside the signature) as a borderless two-cell table;
ruled tables as tables; superscript numbers as footnote marks and the notes under the
separator line as footnotes. A PDF with no text (a scan) is refused with a message.

pdfminer.six (MIT, pure Python) reads the characters with their fonts and positions and
the drawn lines; the layout decisions here are ours.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from ..errors import KehoachError
from ..vn import nfc, strip_xml_forbidden
from .blocks import Block, Cell, Para, Source, Span, Table, all_spans

_TOL = 2.5


@dataclass
class Glyph:
    x0: float
    x1: float
    text: str
    bold: bool = False
    italic: bool = False
    small: bool = False
    note: str | None = None


def _spans(glyphs: list[Glyph]) -> list[Span]:
    """Glyphs of one look make one span; a raised number is a footnote mark."""
    spans: list[Span] = []
    for g in glyphs:
        last = spans[-1] if spans else None
        if g.note is not None:
            if last is not None and last.note is not None:
                last.note += g.note
            else:
                spans.append(Span("", note=g.note))
        elif (
            last is not None
            and last.note is None
            and (last.bold, last.italic, last.small) == (g.bold, g.italic, g.small)
        ):
            last.text += g.text
        else:
            spans.append(Span(g.text, g.bold, g.italic, g.small))
    return spans


@dataclass
class Line:
    x0: float
    x1: float
    top: float  # distance from the page top
    bottom: float
    size: float
    spans: list[Span]
    page: int
    glyphs: list[Glyph] = field(default_factory=list)

    def split(self, cuts: list[float]) -> list[Line]:
        """The line cut at column rules it runs across (text of two cells read as one)."""
        inside = [x for x in cuts if self.x0 + 1 < x < self.x1 - 1]
        if not inside or not self.glyphs:
            return [self]
        parts: dict[int, list[Glyph]] = {}
        for g in self.glyphs:
            column = sum(1 for x in inside if (g.x0 + g.x1) / 2 > x)
            parts.setdefault(column, []).append(g)
        out = []
        for column in sorted(parts):
            glyphs = parts[column]
            if not "".join(g.text for g in glyphs).strip():
                continue
            x0 = min(g.x0 for g in glyphs if g.text.strip() or g.note)
            x1 = max(g.x1 for g in glyphs if g.text.strip() or g.note)
            out.append(
                Line(x0, x1, self.top, self.bottom, self.size, _spans(glyphs), self.page, glyphs)
            )
        return out

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans if s.note is None).strip()

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Grid:
    left: float
    right: float
    top: float
    bottom: float
    rows: list[float]  # y of row rules, top to bottom
    cols: list[float]  # x of column rules
    verticals: list[tuple[float, float, float]]  # x, top, bottom
    lines: list[Line] = field(default_factory=list)


def _font_look(fontname: str) -> tuple[bool, bool]:
    name = fontname.lower()
    bold = any(k in name for k in ("bold", "black", "heavy", "semibold", ",b"))
    italic = any(k in name for k in ("italic", "oblique", ",i"))
    return bold, italic


def _open(path: Path) -> list[Any]:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ImportError:  # pragma: no cover - a dependency of the package
        raise KehoachError(
            "thiếu thư viện đọc PDF (pdfminer.six); hãy cài lại chương trình"
        ) from None
    try:
        return list(extract_pages(str(path), laparams=LAParams(line_margin=0.3, boxes_flow=None)))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise KehoachError(
            f"{path.name}: PDF có mật khẩu; hãy lưu lại bản không mật khẩu rồi nhập"
        ) from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise KehoachError(f"{path.name}: tệp PDF bị hỏng, không đọc được ({exc})") from None


def _lines(page: Any, number: int) -> tuple[list[Line], list[tuple[str, float, float, float]]]:
    from pdfminer.layout import LTAnno, LTChar, LTCurve, LTTextBox, LTTextLine

    height = page.height
    lines: list[Line] = []
    rules: list[tuple[str, float, float, float]] = []  # ("h", y, x0, x1) / ("v", x, y0, y1)

    def text_line(line: Any) -> None:
        chars = [c for c in line if isinstance(c, LTChar)]
        if not chars:
            return
        sizes = [round(c.size, 1) for c in chars if c.get_text().strip()]
        main = median(sizes) if sizes else chars[0].size
        base = median([c.y0 for c in chars if round(c.size, 1) >= main - 0.5] or [line.y0])
        glyphs: list[Glyph] = []
        for item in line:
            if isinstance(item, LTChar):
                text = strip_xml_forbidden(nfc(item.get_text()))
                raised = item.size < main * 0.8 and item.y0 > base + 1.5
                if raised and text.strip().isdigit():
                    glyphs.append(Glyph(item.x0, item.x1, "", False, False, False, text.strip()))
                    continue
                bold, italic = _font_look(item.fontname)
                glyphs.append(Glyph(item.x0, item.x1, text, bold, italic, item.size < main - 1.5))
            elif isinstance(item, LTAnno) and item.get_text() != "\n" and glyphs:
                last = glyphs[-1]
                glyphs.append(Glyph(last.x1, last.x1, item.get_text(), last.bold, last.italic))
        lines.append(
            Line(
                line.x0,
                line.x1,
                height - line.y1,
                height - line.y0,
                main,
                _spans(glyphs),
                number,
                glyphs,
            )
        )

    def walk(item: Any) -> None:
        if isinstance(item, LTTextLine):
            text_line(item)
        elif isinstance(item, LTTextBox):
            for child in item:
                walk(child)
        elif isinstance(item, LTCurve):
            x0, y0, x1, y1 = item.bbox
            top, bottom = height - y1, height - y0
            if x1 - x0 <= 2.5 and bottom - top > 2.5:
                rules.append(("v", (x0 + x1) / 2, top, bottom))
            elif bottom - top <= 2.5 and x1 - x0 > 2.5:
                rules.append(("h", (top + bottom) / 2, x0, x1))
            elif x1 - x0 > 2.5 and bottom - top > 2.5 and type(item).__name__ == "LTRect":
                rules.extend(
                    [
                        ("h", top, x0, x1),
                        ("h", bottom, x0, x1),
                        ("v", x0, top, bottom),
                        ("v", x1, top, bottom),
                    ]
                )
        elif hasattr(item, "__iter__"):
            for child in item:
                walk(child)

    for item in page:
        walk(item)
    lines.sort(key=lambda ln: (round(ln.top / 3), ln.x0))
    return lines, rules


_LABEL_ONLY = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*|[a-zđA-Z])[.)]?$|^[-–+•*]$")


def _join_labels(lines: list[Line]) -> list[Line]:
    """An automatic number is drawn apart from its text ("III." then a tab): one line."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and _LABEL_ONLY.match(prev.text)
            and abs(prev.top - line.top) < 3
            and 0 <= line.x0 - prev.x1 < 60
        ):
            prev.spans = [*prev.spans, Span(" "), *line.spans]
            prev.x1 = line.x1
            prev.bottom = max(prev.bottom, line.bottom)
            continue
        out.append(line)
    return out


def _grids(rules: list[tuple[str, float, float, float]]) -> list[Grid]:
    """Ruled tables: vertical rules that overlap in height make one table."""
    verticals = sorted(((x, a, b) for k, x, a, b in rules if k == "v"), key=lambda v: v[1])
    horizontals = [(y, a, b) for k, y, a, b in rules if k == "h"]
    clusters: list[list[tuple[float, float, float]]] = []
    for v in verticals:
        if clusters and v[1] <= max(c[2] for c in clusters[-1]) + _TOL:
            clusters[-1].append(v)
        else:
            clusters.append([v])
    grids = []
    for cluster in clusters:
        xs = _merge(sorted(v[0] for v in cluster))
        if len(xs) < 2:
            continue
        top = min(v[1] for v in cluster)
        bottom = max(v[2] for v in cluster)
        ys = _merge(
            sorted(
                y
                for y, a, b in horizontals
                if top - _TOL <= y <= bottom + _TOL and a < xs[-1] and b > xs[0]
            )
        )
        # a table cut by the page end has its side rules but no rule closing the last row
        if not ys or ys[0] > top + _TOL:
            ys.insert(0, top)
        if ys[-1] < bottom - _TOL:
            ys.append(bottom)
        grids.append(Grid(xs[0], xs[-1], top, bottom, ys, xs, cluster))
    return grids


def _merge(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in values:
        if not out or value - out[-1] > _TOL:
            out.append(value)
    return out


def _table(grid: Grid) -> Table:
    rows: list[list[Cell]] = []
    for top, bottom in itertools.pairwise(grid.rows):
        middle = (top + bottom) / 2
        bounds = [
            x
            for x in grid.cols
            if any(
                abs(v[0] - x) <= _TOL and v[1] - _TOL <= middle <= v[2] + _TOL
                for v in grid.verticals
            )
        ]
        if len(bounds) < 2:
            bounds = [grid.cols[0], grid.cols[-1]]
        row: list[Cell] = []
        for left, right in itertools.pairwise(bounds):
            span = sum(1 for x in grid.cols if left - _TOL <= x < right - _TOL)
            inside = [
                ln
                for ln in grid.lines
                if top - _TOL <= ln.mid <= bottom + _TOL
                and left - _TOL <= (ln.x0 + ln.x1) / 2 <= right + _TOL
            ]
            row.append(Cell(_paragraphs(inside, left, right, cell=True), max(span, 1)))
        rows.append(row)
    return Table(rows, borderless=False)


def _paragraphs(lines: list[Line], left: float, right: float, cell: bool = False) -> list[Para]:
    """Lines joined into paragraphs: a new one after a short line, at an indent, after a
    gap, or where the look changes (centred, another size)."""
    out: list[Para] = []
    prev: Line | None = None
    prev_symmetric = False
    width = right - left
    # Where paragraphs open with a first-line indent, a line flush left after a short line
    # only wrapped early (a long word, a hyphen), it does not start a paragraph.
    after_short = [
        b for a, b in itertools.pairwise(lines) if a.x1 < right - max(24.0, width * 0.06)
    ]
    indented = sum(1 for b in after_short if b.x0 > left + 12)
    indent_style = not cell and len(after_short) >= 3 and indented >= 0.8 * len(after_short)
    for line in lines:
        symmetric = abs((line.x0 - left) - (right - line.x1)) < 12
        centred = symmetric and line.x0 > left + 15
        new = prev is None
        if prev is not None:
            gap = line.top - prev.bottom
            indent = line.x0 > left + 12 and not centred
            short = prev.x1 < right - max(24.0, width * 0.06) and (indent or not indent_style)
            if cell:
                # a cell wraps its text at any width: only a bullet or a gap opens a paragraph
                short = indent = False
            same_look = all_spans(line.spans, "bold") == all_spans(prev.spans, "bold")
            full = prev.x0 <= left + 15
            if symmetric and prev_symmetric and full and same_look and gap < prev.size * 0.9:
                new = False
            else:
                new = (
                    short
                    or indent
                    or gap > prev.size * 0.9
                    or centred
                    or abs(line.size - prev.size) > 1
                    or out[-1].align == "center"
                    or (line.text.startswith(("-", "+", "•")) and cell)
                )
        if new:
            out.append(Para([], align="center" if centred else "both", indent=line.x0 - left))
        else:
            if centred:
                out[-1].align = "center"
            last = out[-1].spans
            tail = last[-1].text if last and last[-1].note is None else " "
            joined = tail.endswith("-") and len(tail) > 1 and tail[-2].isalnum()
            if not tail.endswith(" ") and not joined:
                last.append(Span(" ", last[-1].bold, last[-1].italic))
        out[-1].spans.extend(Span(s.text, s.bold, s.italic, s.small, s.note) for s in line.spans)
        prev = line
        prev_symmetric = symmetric
    return out


def _columns(lines: list[Line], middle: float) -> list[tuple[int, int]]:
    """Runs of lines that stand side by side in two columns (header block, signature)."""
    paired: set[int] = set()
    lefts: list[Line] = []
    rights: list[Line] = []
    for i, a in enumerate(lines):
        for j in range(i + 1, min(i + 4, len(lines))):
            b = lines[j]
            overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
            if overlap > 0.5 * min(a.size, b.size) and (a.x1 < b.x0 or b.x1 < a.x0):
                paired.update((i, j))
                first, second = (a, b) if a.x0 < b.x0 else (b, a)
                lefts.append(first)
                rights.append(second)
    if not paired:
        return []
    split = (median([ln.x1 for ln in lefts]) + median([ln.x0 for ln in rights])) / 2
    centres = (
        median([(ln.x0 + ln.x1) / 2 for ln in lefts]),
        median([(ln.x0 + ln.x1) / 2 for ln in rights]),
    )

    left_x0 = min(ln.x0 for ln in lefts)
    right_x0 = min(ln.x0 for ln in rights)

    def in_column(line: Line) -> bool:
        centre = (line.x0 + line.x1) / 2
        if abs(centre - middle) < 25:
            return False
        flush_left = abs(line.x0 - left_x0) < 5 and line.x1 < right_x0 + 10
        return (
            any(abs(centre - c) < 30 for c in centres)
            or line.x1 < split
            or line.x0 > split
            or flush_left
        )

    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if i not in paired:
            i += 1
            continue
        end = i
        while end + 1 < len(lines) and (end + 1 in paired or in_column(lines[end + 1])):
            end += 1
        runs.append((i, end + 1))
        i = end + 1
    return runs


def _two_cells(lines: list[Line], middle: float) -> Table:
    left = [ln for ln in lines if (ln.x0 + ln.x1) / 2 < middle]
    right = [ln for ln in lines if (ln.x0 + ln.x1) / 2 >= middle]

    def cell(part: list[Line]) -> Cell:
        paras: list[Para] = []
        for line in sorted(part, key=lambda ln: ln.top):
            wrapped = (
                paras
                and not line.text.startswith(("-", "+", "•"))
                and paras[-1].text.startswith(("-", "+"))
                and line.x0 > 0
            )
            if wrapped and not line.text.isupper():
                paras[-1].spans.extend([Span(" "), *line.spans])
            else:
                paras.append(Para(list(line.spans), align="center"))
        return Cell(paras)

    return Table([[cell(left), cell(right)]], borderless=True)


def read_pdf(path: Path) -> Source:
    pages = _open(path)
    blocks: list[Block] = []
    notes: dict[str, str] = {}
    chars = 0
    previous_end: float | None = None
    for number, page in enumerate(pages):
        lines, rules = _lines(page, number)
        chars += sum(len(ln.text) for ln in lines)
        if not lines:
            continue
        body_size = median([ln.size for ln in lines])
        # page numbers alone on a line at the top or bottom
        lines = [
            ln
            for i, ln in enumerate(lines)
            if not (
                ln.text.isdigit()
                and len(ln.text) <= 3
                and (i == 0 or i == len(lines) - 1)
                and (ln.top < page.height * 0.1 or ln.bottom > page.height * 0.9)
            )
        ]
        lines, found = _footnotes(lines, rules, body_size)
        notes.update(found)
        if not lines:
            continue
        left = _edge([ln.x0 for ln in lines], min)
        right = _edge([ln.x1 for ln in lines], max)
        grids = _grids(rules)
        free: list[Line] = []
        for line in lines:
            grid = next(
                (
                    g
                    for g in grids
                    if g.top - _TOL <= line.mid <= g.bottom + _TOL
                    and g.left - _TOL <= (line.x0 + line.x1) / 2 <= g.right + _TOL
                ),
                None,
            )
            if grid is not None:
                grid.lines.extend(line.split(grid.cols))
            else:
                free.append(line)
        free = _join_labels(free)
        page_blocks: list[tuple[float, Block]] = []
        for grid in grids:
            if grid.lines:
                page_blocks.append((grid.top, _table(grid)))
        middle = (left + right) / 2
        taken: set[int] = set()
        for start, end in _columns(free, middle):
            page_blocks.append((free[start].top, _two_cells(free[start:end], middle)))
            taken.update(range(start, end))
        rest = [ln for i, ln in enumerate(free) if i not in taken]
        chunk: list[Line] = []
        for line in rest:
            if chunk and any(chunk[-1].top < t < line.top for t, _ in page_blocks):
                page_blocks += [(p_top, p) for p_top, p in _flow(chunk, left, right)]
                chunk = []
            chunk.append(line)
        page_blocks += _flow(chunk, left, right)
        page_blocks.sort(key=lambda pb: pb[0])
        page_items = [b for _, b in page_blocks]
        landscape = page.width > page.height
        for block in page_items:
            block.landscape = landscape
        if page_items and previous_end is not None and previous_end < page.height * 0.7:
            page_items[0].page_break = True
        previous_end = max(ln.bottom for ln in lines)
        _continue_paragraph(blocks, page_items)
        _continue_table(blocks, page_items)
    if chars < 20:
        raise KehoachError(
            f"{path.name}: PDF không có lớp chữ (có lẽ là bản quét, ảnh chụp); chương trình chỉ "
            "đọc được PDF xuất từ Word/LibreOffice. Hãy dùng tệp Word gốc (.docx)"
        )
    return Source(path.name, blocks, notes, "pdf")


def _edge(values: list[float], pick: Any) -> float:
    """The text's left (or right) edge: the outermost position that several lines share."""
    shared = [v for v in values if sum(1 for w in values if abs(w - v) < 3) >= 3]
    return float(pick(shared or values))


def _flow(lines: list[Line], left: float, right: float) -> list[tuple[float, Block]]:
    if not lines:
        return []
    paras = _paragraphs(lines, left, right)
    # positions only order blocks within the page; the first line's top is enough
    return [(lines[0].top + i * 0.001, p) for i, p in enumerate(paras)]


def _continue_paragraph(blocks: list[Block], items: list[Block]) -> None:
    """A paragraph cut by a page break: the new page opens flush left, mid-sentence."""
    if not (items and blocks and isinstance(items[0], Para) and isinstance(blocks[-1], Para)):
        return
    first, before = items[0], blocks[-1]
    text = before.text
    if (
        first.indent < 5
        and first.align == "both"
        and before.align == "both"
        and text
        and text[-1] not in ".:;!?"
        and not first.text[:1].isupper()
    ) or (first.indent < 5 and text and text[-1] in ",-"):
        before.spans.append(Span(" "))
        before.spans.extend(first.spans)
        del items[0]


def _merge_row(row: list[Cell], more: list[Cell]) -> None:
    """Append each cell of `more` to the cell of `row` that covers the same grid column."""
    starts = list(itertools.accumulate([0] + [c.span for c in row]))
    column = 0
    for cell in more:
        target = max(i for i, start in enumerate(starts[:-1]) if start <= column)
        row[target].paras.extend(cell.paras)
        column += cell.span


def _continue_table(blocks: list[Block], items: list[Block]) -> None:
    """A table cut by a page break continues the one before (its repeated head dropped)."""
    if items and blocks and isinstance(items[0], Table) and isinstance(blocks[-1], Table):
        first, before = items[0], blocks[-1]
        if first.width == before.width and not first.borderless and not before.borderless:
            rows = first.rows
            if (
                rows
                and before.rows
                and [c.text for c in rows[0]] == [c.text for c in before.rows[0]]
            ):
                rows = rows[1:]
            if rows and before.rows and not rows[0][0].text and before.rows[-1][0].text:
                # a row cut by the page break: its cells go on at the top of the next page
                _merge_row(before.rows[-1], rows[0])
                rows = rows[1:]
            before.rows.extend(rows)
            items = items[1:]
    blocks.extend(items)


_NOTE_START = re.compile(r"^(\d{1,3})\s*(.*)$")


def _footnotes(
    lines: list[Line], rules: list[tuple[str, float, float, float]], body_size: float
) -> tuple[list[Line], dict[str, str]]:
    """Notes under the short separator rule at the foot of a page, in smaller type."""
    if not lines:
        return lines, {}
    text_left = min(ln.x0 for ln in lines)
    text_right = max(ln.x1 for ln in lines)
    separators = [
        y
        for k, y, a, b in rules
        if k == "h" and abs(a - text_left) < 20 and (b - a) < (text_right - text_left) * 0.45
    ]
    below = [y for y in separators if all(ln.top >= y - 1 or ln.bottom <= y + 1 for ln in lines)]
    if not below:
        return lines, {}
    rule = max(below)
    foot = [ln for ln in lines if ln.top > rule]
    if not foot:
        return lines, {}
    notes: dict[str, str] = {}
    key = ""
    for line in foot:
        first = line.spans[0] if line.spans else None
        if first is not None and first.note is not None:
            key = first.note
            notes[key] = line.text
        else:
            match = _NOTE_START.match(line.text)
            if match and (not key or line.x0 <= text_left + 20):
                key = match.group(1)
                notes[key] = match.group(2)
            elif key:
                notes[key] += " " + line.text
    # Exactly the lines not in `foot` (its condition negated, not "<=", so even a NaN top
    # goes the same way); testing `ln not in foot` compared whole Lines field by field.
    kept = [ln for ln in lines if not ln.top > rule]
    return kept, {k: " ".join(v.split()) for k, v in notes.items()}
