"""What a document prints, as typed data: every composer builds it, the renderer reads only it.

The model knows the parts of an NĐ 30 document (header, title, trích yếu, Kính gửi, body,
closing, Nơi nhận, signature, appendices, footnotes) and the blocks of a body (numbered
items, paragraphs, labelled lines, tables). It knows nothing of WordprocessingML, of the
clerks' YAML keys, or of which plan it came from: a composer decides what is said, the
renderer decides how it looks on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The many small classes of a body are slotted: a 10,000-agency report holds hundreds of
# thousands of them, and an instance without a __dict__ is half the size.

# -- inline text ------------------------------------------------------------------------

# A role is a character style of the template (the look stays in the template).
Role = Literal["emphasis", "strong", "label", "number", "drafter"]


@dataclass(frozen=True, slots=True)
class Span:
    """Text in one look. `bold`/`italic` set direct formatting where a plan asks for a
    look its template's styles do not give (an upright label, an italic number)."""

    text: str
    role: Role | None = None
    bold: bool | None = None
    italic: bool | None = None


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A footnote reference; `number` is the note's place in Document.footnotes, from 1."""

    number: int


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


Piece = Span | NoteRef | LineBreak


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of text with its looks, footnote references and line breaks."""

    pieces: tuple[Piece, ...] = ()

    def __add__(self, other: Inline) -> Inline:
        return Inline(self.pieces + other.pieces)

    def __bool__(self) -> bool:
        return any(not isinstance(p, Span) or p.text for p in self.pieces)

    @property
    def text(self) -> str:
        """What a reader sees, without footnote marks; line breaks as newlines."""
        return "".join(
            p.text if isinstance(p, Span) else "\n"
            for p in self.pieces
            if not isinstance(p, NoteRef)
        )


def plain(text: str, role: Role | None = None) -> Inline:
    """Text in one look; line ends become line breaks."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pieces: list[Piece] = []
    for i, line in enumerate(lines):
        if i:
            pieces.append(LineBreak())
        if line:
            pieces.append(Span(line, role))
    return Inline(tuple(pieces))


# -- blocks of a body -------------------------------------------------------------------

# "lead" introduces the table or list after it and keeps on its page.
ParagraphRole = Literal["body", "basis", "closing", "lead"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text. `bullet` is its printed mark ("-", "+") if any."""

    text: Inline
    role: ParagraphRole = "body"
    bullet: str = ""
    # The block a paragraph must stay on the page with (the closing with the signature).
    keep_with_next: bool = False


@dataclass(frozen=True, slots=True)
class LabelLook:
    italic: bool = True
    colon: bool = True
    bullet: str = "-"


@dataclass(frozen=True, slots=True)
class LabelLine:
    """`- Đơn vị chủ trì: Sở Nội vụ.`: a label and its value, one line under an item."""

    label: str
    value: Inline
    look: LabelLook = LabelLook()


Align = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class Column:
    head: str
    # Relative width; None lets the renderer size the column by its content.
    weight: float | None = None
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Inline, ...]
    # A group row ("A. NHIỆM VỤ CHUNG") spans every column and prints bold.
    group: bool = False
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """A numbered part of a body at any level: a section, a task, a point.

    `title` prints as a heading on its own line, or, with `run_in`, at the start of the
    first paragraph ("1. Mục đích: Tiếp tục …"). Without a title the number starts the
    first paragraph. `blocks` are in print order: paragraphs, tables, child items and the
    labelled lines under the item. The number and title carry their own looks.
    """

    level: int
    number: Inline
    title: Inline | None
    blocks: tuple[Block, ...] = ()
    run_in: bool = False


Block = Paragraph | LabelLine | Table | Item


# -- the document ---------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """Boxes 2-4: governing and issuing body, number line, place and date."""

    governing: tuple[str, ...]
    issuing: tuple[str, ...]
    number: str
    place_date: str


@dataclass(frozen=True)
class Signature:
    authority: tuple[str, ...]
    title: str
    name: str


@dataclass(frozen=True)
class Appendix:
    label: str  # "PHỤ LỤC I", or "" when the appendix has no number
    title: Inline
    subtitle: str = ""
    note: str = ""  # "(Kèm theo Kế hoạch số …)"
    blocks: tuple[Block, ...] = ()
    landscape: bool = False


@dataclass(frozen=True)
class Document:
    kind: str  # one of kinds.KINDS
    title: str  # the file's title property
    header: Header
    type_name: str  # "KẾ HOẠCH", "BÁO CÁO"; empty for a công văn
    summary: Inline  # trích yếu
    signature: Signature
    to: tuple[str, ...] = ()  # "Kính gửi" lines as printed
    body: tuple[Block, ...] = ()
    distribution: tuple[Inline, ...] = ()  # Nơi nhận lines as printed
    appendices: tuple[Appendix, ...] = ()
    footnotes: tuple[Inline, ...] = ()
    attachment: str = ""  # "(Kèm theo Phụ lục …)" after the closing


def walk(blocks: tuple[Block, ...]) -> list[Block]:
    """Every block in print order, items before their own blocks."""
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, Item):
            out.extend(walk(block.blocks))
    return out
