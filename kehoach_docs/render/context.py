"""The document model as a template sees it: flat paragraphs of runs, by kind.

A template prints the body with one loop (`{%p for b in body %}`) and picks each
paragraph's style by `b.kind`: h1, h2, h3, basis, label, closing, table, or p for
running text. The names here are the template's vocabulary; templates that clerks
restyled in Word keep working as long as these names stay.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from ..document import (
    Appendix,
    Block,
    Document,
    Inline,
    Item,
    LabelLine,
    Paragraph,
    Span,
    Table,
    plain,
)
from .runs import Runs, lines, runs
from .tables import PORTRAIT_WIDTH, LaterTables, table_xml


@dataclass(slots=True)
class BlockView:
    kind: str
    runs: Runs


@dataclass
class HeaderView:
    governing: Runs
    issuing: Runs
    number: str
    place_date: str


@dataclass
class SignatureView:
    authority: list[str]
    title: str
    name: str


@dataclass
class AppendixView:
    label: str
    title: str
    subtitle: str
    note: str
    blocks: list[BlockView]
    landscape: bool
    # Templates made before task tables became body tables print `a.tasks` rows.
    tasks: list[object] = field(default_factory=list)


@dataclass
class TemplateContext:
    kind: str
    header: HeaderView
    doc_type: str
    summary: Runs
    to: list[str]
    body: Sequence[BlockView]
    attachment: str
    recipients: list[Runs]
    signature: SignatureView
    appendices: list[AppendixView]
    footnotes: None = None  # a name older templates may test; notes are not a template's

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


NAMES = frozenset(f.name for f in dataclasses.fields(TemplateContext))
# The data classes a template reads fields of.
VIEWS = (BlockView, HeaderView, SignatureView, AppendixView)
SPACE = plain(" ")


def _label(line: LabelLine) -> Runs:
    look = line.look
    bullet = plain(f"{look.bullet} ") if look.bullet else Inline()
    label = line.label + (":" if look.colon else "")
    head = Inline((Span(label, "label"),)) if look.italic else plain(label)
    return runs(bullet + head + SPACE + line.value)


def _paragraph(p: Paragraph, lead: Inline | None = None) -> BlockView:
    text = p.text
    if p.bullet:
        text = plain(f"{p.bullet} ") + text
    if lead:
        text = lead + SPACE + text
    kind = {"basis": "basis", "closing": "closing", "lead": "lead"}.get(p.role, "p")
    return BlockView(kind, runs(text))


def _item(item: Item, width: int, later: LaterTables | None) -> list[BlockView]:
    out: list[BlockView] = []
    rest = list(item.blocks)
    number = item.number
    first = rest[0] if rest else None
    if item.title is not None and not item.run_in:
        head = number + SPACE + item.title if number else item.title
        out.append(BlockView(f"h{min(item.level, 3)}", runs(head)))
    else:
        lead = number
        if item.title is not None:
            lead = lead + SPACE + item.title if lead else item.title
        if isinstance(first, Paragraph):
            out.append(_paragraph(first, lead))
            rest.pop(0)
        elif lead:
            out.append(BlockView("p", runs(lead)))
    for block in rest:
        out.extend(flatten(block, width, later))
    return out


def flatten(
    block: Block, width: int = PORTRAIT_WIDTH, later: LaterTables | None = None
) -> list[BlockView]:
    """`block` as the template's paragraphs; a long table as a mark in `later`, if given."""
    if isinstance(block, Item):
        return _item(block, width, later)
    if isinstance(block, Paragraph):
        return [_paragraph(block)]
    if isinstance(block, LabelLine):
        return [BlockView("label", _label(block))]
    if isinstance(block, Table):
        xml = later.runs(block, width) if later is not None else table_xml(block, width)
        return [BlockView("table", xml)]
    raise TypeError(block)


class Blocks(Sequence[BlockView]):
    """A body's blocks as the template's paragraphs, each made as the template comes to
    it: a 10,000-agency report's paragraphs, made all at once, were 13 MB held beside
    the text rendered from them. Asked for its length or a paragraph by its place, it
    makes them all and keeps them."""

    def __init__(self, blocks: tuple[Block, ...], width: int, later: LaterTables | None):
        self._blocks = blocks
        self._width = width
        self._later = later
        self._made: list[BlockView] | None = None

    def __iter__(self) -> Iterator[BlockView]:
        if self._made is not None:
            return iter(self._made)
        return (v for b in self._blocks for v in flatten(b, self._width, self._later))

    def _all(self) -> list[BlockView]:
        if self._made is None:
            self._made = list(iter(self))
        return self._made

    def __len__(self) -> int:
        return len(self._all())

    @overload
    def __getitem__(self, index: int) -> BlockView: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[BlockView]: ...
    def __getitem__(self, index: int | slice) -> BlockView | Sequence[BlockView]:
        return self._all()[index]


def _appendix(a: Appendix, width: int, later: LaterTables | None) -> AppendixView:
    return AppendixView(
        label=a.label,
        title=a.title.text,
        subtitle=a.subtitle,
        note=a.note,
        blocks=[v for b in a.blocks for v in flatten(b, width, later)],
        landscape=a.landscape,
    )


def context_of(
    doc: Document,
    width: int = PORTRAIT_WIDTH,
    landscape_width: int = 0,
    later: LaterTables | None = None,
) -> TemplateContext:
    """What the template sees of `doc`; with `later`, its long tables are marks there."""
    return TemplateContext(
        kind=doc.kind,
        header=HeaderView(
            governing=lines(doc.header.governing),
            issuing=lines(doc.header.issuing),
            number=doc.header.number,
            place_date=doc.header.place_date,
        ),
        doc_type=doc.type_name,
        summary=runs(doc.summary),
        to=list(doc.to),
        body=Blocks(doc.body, width, later),
        attachment=doc.attachment,
        recipients=[runs(r) for r in doc.distribution],
        signature=SignatureView(
            list(doc.signature.authority), doc.signature.title, doc.signature.name
        ),
        appendices=[
            _appendix(a, landscape_width if a.landscape and landscape_width else width, later)
            for a in doc.appendices
        ],
    )
