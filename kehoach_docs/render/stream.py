"""A rendered body finished piece by piece: never one tree of the whole document.

A 10,000-agency consolidated report is 18 million characters of WordprocessingML; as one
lxml tree it took ~190 MB. Here the body's text is cut before its top-level paragraphs and
before the rows of its top-level tables (a table of 10,000 agencies is one element) into
pieces of about PIECE characters; each piece is parsed inside the body's own start tag,
and inside a `<w:tbl>` where it begins or ends within a table (so that it serialises
exactly as it would inside the whole), finished (drawing ids, rules, appendix sections,
symbols) and serialised, and the next piece is parsed only then. Anything this cannot do
the same way as the whole tree (a table docxtpl must mend, appendix starts that do not
match the document's appendices, text that does not cut cleanly) raises Unstreamable,
and the caller finishes the body as one tree instead.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from .grids import grid_columns, grids_to_fix, widest_row
from .rules import RULE_STYLE, is_rule
from .sections import Sections, appendix_starts
from .styles import w
from .tables import LaterTables, TableParts

PIECE = 1 << 18
_END = "</w:body>"
# Paragraph, table and row tags: the depth that decides where an element ends.
_TAGS = re.compile(r"<(/?)w:(p|tbl|tr)(?=[ >/])")
# A rule's length is read from the paragraph above it: a piece never starts with one, nor
# with anything but a paragraph or a row (so the paragraph above a rule is in its piece).
_RULE_NEAR = 400


class Unstreamable(Exception):
    """This body is finished as one tree (see the module's docstring)."""


@dataclass
class _Piece:
    text: str
    # Where a piece begins within a top-level table: the table's start, its properties and
    # grid (up to its first row), which the piece is parsed after (a rule's length reads
    # the table's cell margins) and which its serialisation then leaves out.
    table: str = ""
    open_table: bool = False  # it ends within one


_ROW = re.compile(rb"<w:tr[ >/]")


def _pieces(text: str, start: int, end: int) -> Iterator[_Piece]:
    """text[start:end], the body's children, cut before top-level paragraphs and before
    the rows of top-level tables."""
    if start == end:
        return
    if end - start <= PIECE:
        yield _Piece(text[start:end])  # (a sub-plan: one piece, nothing to look for)
        return
    depth = 0
    table = -1  # where the top-level table we are in starts
    head = ""  # its start, up to its first row
    piece = _Piece("")
    cut = start
    for match in _TAGS.finditer(text, start, end):
        pos = match.start()
        if match.group(1):
            depth -= 1
            if depth == 0:
                table, head = -1, ""
            continue
        close = text.find(">", match.end())
        if close < 0:
            raise Unstreamable
        tag = match.group(2)
        in_table = depth == 1 and table >= 0 and tag == "tr"
        if in_table and not head:
            head = text[table:pos]
        # A line end just before a paragraph goes with it (it is cleaned away with it).
        at = pos - 1 if tag == "p" and text[pos - 1] == "\n" else pos
        if at - cut >= PIECE and (
            in_table
            or (depth == 0 and tag == "p" and RULE_STYLE not in text[pos : pos + _RULE_NEAR])
        ):
            piece.text, piece.open_table = text[cut:at], in_table
            yield piece
            piece = _Piece("", head if in_table else "")
            cut = at
        if text[close - 1] != "/":
            if depth == 0 and tag == "tbl":
                table = pos
            depth += 1
    if depth != 0:
        raise Unstreamable
    piece.text = text[cut:end]
    if piece.text:
        yield piece


def _table_pieces(table: TableParts) -> Iterator[_Piece]:
    """A long table made as it is written (tables.LaterTables), cut before its rows as
    _pieces cuts a table in the text."""
    piece: list[str] = [table.start]
    size, rows, head = len(table.start), 0, ""
    for row in table.rows:
        if size >= PIECE and rows:
            yield _Piece("".join(piece), head, True)
            piece, size, rows, head = [], 0, 0, table.start
        piece.append(row)
        size += len(row)
        rows += 1
    piece.append(table.end)
    yield _Piece("".join(piece), head)


def _all_pieces(
    text: str, start: int, end: int, marks: list[tuple[int, int, TableParts]]
) -> Iterator[_Piece]:
    """The pieces of text[start:end], each long table made in place of its mark."""
    for at, after, table in marks:
        yield from _pieces(text, start, at)
        yield from _table_pieces(table)
        start = after
    yield from _pieces(text, start, end)


class _Grids:
    """grids_to_fix, done as the pieces come: a table cut into pieces is checked against
    the grid of its first piece, and for a row that fills the grid at its end."""

    def __init__(self) -> None:
        self.columns = 0
        self.widest = 0

    def check(self, root: etree._Element, piece: _Piece) -> None:
        first = root[0] if piece.table and len(root) else None
        last = root[-1] if piece.open_table and len(root) else None
        try:
            for table in root.iter(w("tbl")):
                if table is not first and table is not last:
                    if grids_to_fix(table):
                        raise Unstreamable
                    continue
                if table is not first:  # a table that begins here
                    columns = grid_columns(table)
                    if columns is None:
                        raise Unstreamable
                    self.columns, self.widest = columns, 0
                widest = widest_row(table, self.columns)
                if widest is None:
                    raise Unstreamable
                self.widest = max(self.widest, widest)
                if table is not last and self.widest < self.columns:
                    raise Unstreamable
        except ValueError:
            raise Unstreamable from None


class _Sections:
    """Sections.split, done as the pieces come: the same starts, breaks and endings."""

    def __init__(self, sections: Sections, landscapes: list[bool], final: etree._Element | None):
        self.sections = sections
        self.landscapes = landscapes
        self.ending = copy.deepcopy(final) if final is not None else None
        self.started = 0
        self.ended = False

    def feed(self, body: etree._Element) -> None:
        if not self.landscapes:
            return  # (as split: nothing to lay out)
        for start in appendix_starts(body):
            if self.ended or self.started >= len(self.landscapes) or self.ending is None:
                raise Unstreamable
            landscape = self.landscapes[self.started]
            self.ending = self.sections.begin(start, self.ending, landscape)
            self.started += 1
        final = body.find(w("sectPr"))
        if final is not None:
            if self.ended or self.started != len(self.landscapes) or self.ending is None:
                raise Unstreamable
            body.replace(final, self.ending)
            self.ended = True

    def check(self) -> None:
        if self.landscapes and not self.ended:
            raise Unstreamable


def _rule_first(body: etree._Element) -> bool:
    """Whether the first paragraph of a piece is a rule, whose length the paragraph above
    it decides (the cutting never starts a piece with one; a piece that begins among a
    table's rows may have one after the table)."""
    paragraph = body.find(w("p"))
    return paragraph is not None and is_rule(paragraph)


def _final_section(
    text: str, head: str, end: int, clean: Callable[[str], str]
) -> etree._Element | None:
    """The body's closing sectPr, parsed as the whole tree would hold it."""
    pos = text.rfind("<w:sectPr", 0, end)
    if pos < 0:
        return None
    try:
        root = etree.fromstring((head + clean(text[pos:end]) + _END).encode("utf-8"))
    except etree.XMLSyntaxError:
        raise Unstreamable from None
    if len(root) != 1 or root[0].tag != w("sectPr") or root.text or root[0].tail:
        raise Unstreamable
    return root[0]


def body_in_pieces(
    text: str,
    finish: Callable[[etree._Element], None],
    sections: Sections,
    landscapes: list[bool],
    start_tag: Callable[[bytes], bytes],
    clean: Callable[[str], str] = str,
    later: LaterTables | None = None,
) -> Iterator[bytes]:
    """The rendered body `text` (`<w:body …>…</w:body>`) finished and serialised in
    pieces, as UTF-8. `clean` is done to each piece's text first (text clean-ups that
    read within a paragraph); `finish` does to each piece what needs no neighbour
    (drawing ids, rules, symbols; none of them touches what the sections change);
    `start_tag` makes the serialised start tag of the body what the document wants.
    The marks of `later`'s long tables are made into the tables' pieces."""
    if not text.endswith(_END):
        raise Unstreamable
    open_end = text.find(">") + 1
    if open_end <= 0 or text[open_end - 2] == "/":
        raise Unstreamable
    head, end = text[:open_end], len(text) - len(_END)
    marks = later.marks(text, open_end, end) if later else []
    # (Comments, CDATA: the cutting reads tags only. A mark is a "<?" of its own.)
    if "<!" in text or text.count("<?") != len(marks):
        raise Unstreamable
    final = _final_section(text, head, end, clean) if landscapes else None
    stream = _Sections(sections, landscapes, final)
    grids = _Grids()
    first = True
    for piece in _all_pieces(text, open_end, end, marks):
        after = "</w:tbl>" if piece.open_table else ""
        try:
            xml = head + clean(piece.table) + clean(piece.text) + after + _END
            root = etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError:
            raise Unstreamable from None
        if not first and _rule_first(root):
            raise Unstreamable  # (its paragraph above is in a piece before: a table's end)
        grids.check(root, piece)
        finish(root)
        stream.feed(root)
        out = etree.tostring(root, encoding="utf-8", xml_declaration=False)
        del root
        tag_end = out.index(b">")
        inner = out[tag_end + 1 : -len(_END)]
        if not out.endswith(_END.encode()) or out[tag_end - 1 : tag_end] == b"/":
            raise Unstreamable
        if piece.table:
            row = _ROW.search(inner)
            if row is None:
                raise Unstreamable
            inner = inner[row.start() :]
        if after:
            if not inner.endswith(after.encode()):
                raise Unstreamable
            inner = inner[: -len(after)]
        if first:
            yield start_tag(out[:tag_end]) + b">"
            first = False
        yield inner
    if first:
        raise Unstreamable
    stream.check()
    yield _END.encode("utf-8")
