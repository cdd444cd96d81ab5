"""A table of the document model as WordprocessingML, sized by its content.

docxtpl's row and column loops give every dynamic column the same width; here each
column gets at least its longest word (so "STT" or "Tình trạng" never breaks inside a
word) and the rest of the page width goes where the text is long, as a browser lays
out an automatic table. The header row repeats on every page; no row splits across pages;
a group row spans the table.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import Column, Inline, LineBreak, Row, Span, Table
from ..fonts import text_width_pt
from .runs import Runs, runs

HEAD_STYLE = "KhTableHead"
CELL_STYLE = "KhTableText"
PORTRAIT_WIDTH = 9355  # twips: A4 less 30 mm and 15 mm margins
CELL_PADDING = 2 * 108 + 30  # Word's default cell margins, and a little air
SIZE_PT = 12
SHORT_TABLE = 12
SHORT_CELL = 40
# A cell's text this short ("Chủ trì", "Thường xuyên", "31/5/2024") is kept on one line
# when the page is wide enough for every such phrase.
SHORT_PHRASE = 16


def _lines(value: Inline) -> list[tuple[str, bool]]:
    """The cell's text line by line, with whether it is bold."""
    out: list[tuple[str, bool]] = [("", False)]
    for piece in value.pieces:
        if isinstance(piece, LineBreak):
            out.append(("", False))
        elif isinstance(piece, Span):
            text, bold = out[-1]
            out[-1] = (text + piece.text, bold or piece.role == "strong" or bool(piece.bold))
    return out


def _twips(text: str, bold: bool) -> float:
    return text_width_pt(text, SIZE_PT, bold=bold) * 20


@dataclass
class _Need:
    word: float  # the narrowest width that breaks no word
    phrase: float  # ... that also keeps every short phrase ("Chủ trì", "31/5/2024") whole
    wide: float  # the width that needs no wrapping at all


def _needs(cells: list[Inline], head: str) -> _Need:
    body = [line for cell in cells for line in _lines(cell)]
    lines = [(head, True), *body]
    word = max((_twips(w, bold) for text, bold in lines for w in text.split()), default=0.0)
    # A heading may wrap between its words ("Quá / hạn"); a short value may not.
    short = [_twips(text, bold) for text, bold in body if len(text) <= SHORT_PHRASE]
    phrase = max([word, *short])
    wide = max(_twips(text, bold) for text, bold in lines)
    return _Need(word + CELL_PADDING, phrase + CELL_PADDING, wide + CELL_PADDING)


def column_widths(table: Table, total: int) -> list[int]:
    """Widths in twips that add up to `total`."""
    columns = table.columns
    if all(c.weight is not None for c in columns):
        weights = [float(c.weight or 0) for c in columns]
        scale = total / (sum(weights) or 1)
        return _fit([w * scale for w in weights], total)
    body = [r for r in table.rows if not r.group and len(r.cells) == len(columns)]
    needs = [_needs([r.cells[i] for r in body], c.head) for i, c in enumerate(columns)]
    narrow = [n.phrase for n in needs]
    if sum(narrow) >= total:
        narrow = [n.word for n in needs]
    if sum(narrow) >= total:
        return _fit([n * total / sum(narrow) for n in narrow], total)
    widths = list(narrow)
    spare = total - sum(widths)
    want = [max(need.wide - n, 0.0) for need, n in zip(needs, narrow, strict=True)]
    # Give the spare width where text would wrap, in proportion to how much it would.
    while spare > 1 and sum(want) > 1:
        share = spare / sum(want)
        given = [min(w * share, w) for w in want]
        widths = [x + g for x, g in zip(widths, given, strict=True)]
        want = [w - g for w, g in zip(want, given, strict=True)]
        spare -= sum(given)
    if spare > 1:
        widths = [x + spare * x / sum(widths) for x in widths]
    return _fit(widths, total)


def _fit(widths: list[float], total: int) -> list[int]:
    out = [int(w) for w in widths]
    out[-1] += total - sum(out)
    return out


def _is_number(text: str) -> bool:
    plain = text.replace(".", "").replace(",", "").replace("%", "").strip()
    return bool(plain) and plain.isdigit() and len(text) < 12


def _cell(
    value: Runs, width: int, style: str, align: str | None, span: int = 1, keep: bool = False
) -> str:
    # keepNext on a row's paragraphs keeps the row on the page of the row after it.
    keep_next = "<w:keepNext/>" if keep else ""
    jc = f'<w:jc w:val="{align}"/>' if align and align != "left" else ""
    merge = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}'
        '<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep_next}{jc}</w:pPr>{value.xml}</w:p></w:tc>'
    )


def _bold(value: Inline) -> Inline:
    return Inline(
        tuple(
            Span(p.text, p.role, True, p.italic) if isinstance(p, Span) else p for p in value.pieces
        )
    )


def _row(row: Row, columns: tuple[Column, ...], widths: list[int], keep: bool) -> str:
    props = "<w:trPr><w:cantSplit/></w:trPr>"
    if row.group:
        # A group row spans the table, after its number in the first column if it has one,
        # and never ends a page without the first row of its group.
        if len(row.cells) == 1:
            spans = _cell(
                runs(_bold(row.cells[0])), sum(widths), CELL_STYLE, None, len(widths), True
            )
        else:
            number = _cell(runs(_bold(row.cells[0])), widths[0], CELL_STYLE, "center", 1, True)
            title = _cell(runs(_bold(row.cells[1])), sum(widths[1:]), CELL_STYLE, None,
                          len(widths) - 1, True)  # fmt: skip
            spans = number + title
        return f"<w:tr>{props}{spans}</w:tr>"
    cells = []
    for value, column, width in zip(row.cells, columns, widths, strict=True):
        align = "center" if column.align == "center" or _is_number(value.text) else column.align
        shown = _bold(value) if row.bold else value
        cells.append(_cell(runs(shown), width, CELL_STYLE, align, 1, keep))
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


@dataclass
class TableParts:
    """A table's WordprocessingML in the parts a body is cut at (render/stream.py): its
    start up to its first row, its rows (the header first) as they are made, its end."""

    start: str
    rows: Iterator[str]
    end: str


def table_parts(table: Table, total: int = PORTRAIT_WIDTH) -> TableParts:
    widths = column_widths(table, total)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = "".join(
        _cell(runs(Inline((Span(c.head),))), w, HEAD_STYLE, "center", 1, True)
        for c, w in zip(table.columns, widths, strict=True)
    )
    # A short table (a count of statuses) stays whole on one page; a table of long texts
    # may break between rows, or it would leave half a page empty.
    whole = len(table.rows) <= SHORT_TABLE and all(
        len(cell.text) <= SHORT_CELL for row in table.rows for cell in row.cells
    )
    last = len(table.rows) - 1
    rows = (_row(r, table.columns, widths, whole and i < last) for i, r in enumerate(table.rows))
    return TableParts(
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>",
        itertools.chain(
            ["<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" + head + "</w:tr>"], rows
        ),
        "</w:tbl>"
        # A small gap so that the next heading does not touch the table.
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="160" w:lineRule="exact"/>'
        "</w:pPr></w:p>",
    )


def table_xml(table: Table, total: int = PORTRAIT_WIDTH) -> Runs:
    parts = table_parts(table, total)
    # One join of every piece: a 10,000-row table is tens of MB, and joining the rows
    # first, then putting them between the table's start and end, held it three times.
    return Runs("".join([parts.start, *parts.rows, parts.end]))


# A table of more rows is printed in the template's output as a mark, and made where the
# body is written (render/stream.py): a table of 10,000 agencies is tens of MB of text,
# which was held in the template's context and then again in its output.
LATER_ROWS = 500
_MARK_START = "<?kehoach-table "
_MARK = re.compile(re.escape(_MARK_START) + r"(\d+)\?>")


class LaterTables:
    """The long tables of one document: each given to its template as a mark, and made
    in its place as the body is written (or all at once where it is finished whole)."""

    def __init__(self) -> None:
        self._tables: list[tuple[Table, int]] = []

    def __bool__(self) -> bool:
        return bool(self._tables)

    def runs(self, table: Table, total: int) -> Runs:
        """What the template prints for `table`: its XML, or a mark for a long one."""
        if len(table.rows) <= LATER_ROWS:
            return table_xml(table, total)
        self._tables.append((table, total))
        return Runs(f"{_MARK_START}{len(self._tables) - 1}?>")

    def _table_of(self, mark: re.Match[str]) -> tuple[Table, int] | None:
        """The table (and its width) a mark stands for; None for a mark not made here."""
        number = int(mark.group(1))
        return self._tables[number] if number < len(self._tables) else None

    def marks(self, text: str, start: int, end: int) -> list[tuple[int, int, TableParts]]:
        """Where text[start:end] has marks of these tables: (start, end, the table)."""
        return [
            (m.start(), m.end(), table_parts(*table))
            for m in _MARK.finditer(text, start, end)
            if (table := self._table_of(m)) is not None
        ]

    def made(self, text: str) -> str:
        """`text` with every mark replaced by its table's XML: the text as it was."""
        if not self._tables or _MARK_START not in text:
            return text

        def made_table(mark: re.Match[str]) -> str:
            table = self._table_of(mark)
            # (A mark not made here stays as the template wrote it.)
            return mark.group() if table is None else table_xml(*table).xml

        return _MARK.sub(made_table, text)
