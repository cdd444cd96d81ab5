"""What a source document is made of, whatever it was read from: paragraphs of styled
spans and tables of cells, in reading order. The .docx and PDF readers produce this;
the recognisers read only this."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ..vn import nfc


@dataclass
class Span:
    """A stretch of text with one look; `note` makes it a footnote reference mark."""

    text: str
    bold: bool = False
    italic: bool = False
    small: bool = False
    note: str | None = None


def all_spans(spans: Iterable[Span], look: Literal["bold", "italic"]) -> bool:
    """Whether the text is wholly bold (or italic): every span with visible words has the
    look; footnote marks and blank spans do not count, and no words at all is False."""
    shown = [s for s in spans if s.note is None and s.text.strip()]
    return bool(shown) and all(getattr(s, look) for s in shown)


@dataclass
class Para:
    spans: list[Span]
    # The label of automatic numbering ("1.", "a)", "-"), which is not in the text.
    label: str = ""
    align: str = ""
    page_break: bool = False
    landscape: bool = False
    in_box: bool = False
    # Where the paragraph stands on the page, for readers that know it (PDF).
    indent: float = 0.0

    @property
    def text(self) -> str:
        """The words as a reader sees them, without footnote marks, on one line."""
        return " ".join("".join(s.text for s in self.spans if s.note is None).split())

    @property
    def raw(self) -> str:
        """The text with line breaks and tabs kept."""
        return nfc("".join(s.text for s in self.spans if s.note is None))

    @property
    def bold(self) -> bool:
        return all_spans(self.spans, "bold")

    @property
    def italic(self) -> bool:
        return all_spans(self.spans, "italic")

    @property
    def full_text(self) -> str:
        """The label and the text, as printed."""
        return f"{self.label} {self.text}".strip() if self.label else self.text


@dataclass
class Cell:
    paras: list[Para]
    span: int = 1
    # A cell merged with the one above it (vertical merge continued).
    merged: bool = False

    @property
    def text(self) -> str:
        return " ".join(p.full_text for p in self.paras if p.full_text)


@dataclass
class Table:
    rows: list[list[Cell]]
    borderless: bool = False
    landscape: bool = False
    page_break: bool = False

    @property
    def width(self) -> int:
        return max((sum(c.span for c in row) for row in self.rows), default=0)

    def grid(self) -> list[list[str]]:
        """Each row as one text per grid column; a merged cell's text in its first column."""
        out = []
        for row in self.rows:
            cells: list[str] = []
            for cell in row:
                cells.append("" if cell.merged else cell.text)
                cells.extend([""] * (cell.span - 1))
            cells.extend([""] * (self.width - len(cells)))
            out.append(cells)
        return out


Block = Para | Table


@dataclass
class Source:
    """A document read: blocks in reading order and footnote texts by their mark."""

    name: str
    blocks: list[Block]
    footnotes: dict[str, str] = field(default_factory=dict)
    kind: str = "docx"
