"""The light markup of text fields, read into the document model's inline text.

`*nghiêng*`, `**đậm**`, `[^1]` for a footnote reference and `\\*` for a literal star.
Everything else is text: never interpreted as XML or Jinja. A star inside a word or
between spaces (`7*7`, `a * b`) stays a star.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..document import Inline, LineBreak, NoteRef, Piece, Role, Span
from ..models.base import FOOTNOTE_MARK
from ..vn import nfc, strip_xml_forbidden

_TOKENS = re.compile(r"\\\*|\*\*|\*|" + FOOTNOTE_MARK.pattern + r"|\n")


@dataclass
class Footnotes:
    """A document's footnotes in order of first reference, numbered from 1 as Word does."""

    texts: dict[str, str]
    order: list[str] = field(default_factory=list)

    def ref(self, key: str) -> int:
        if key not in self.order:
            self.order.append(key)
        return self.order.index(key) + 1

    def notes(self) -> tuple[Inline, ...]:
        return tuple(inline(self.texts[key]) for key in self.order)


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether a `*` run at text[start:end] can open and can close emphasis: as in
    Markdown, but never inside a word."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "

    def boundary(char: str) -> bool:
        return char.isspace() or not char.isalnum()

    opens = not after.isspace() and boundary(before) and after != "*"
    closes = not before.isspace() and boundary(after) and before != "*"
    return opens, closes


def clean(text: str) -> str:
    """Line ends of any system as "\\n", NFC, no characters XML cannot hold."""
    return nfc(strip_xml_forbidden(text.replace("\r\n", "\n").replace("\r", "\n")))


def inline(text: str, footnotes: Footnotes | None = None, base: Role | None = None) -> Inline:
    """Read the markup of `text`; `base` is the look of the unmarked text."""
    if footnotes is None or "[" not in text:
        # No footnote to number: the same text reads the same everywhere (a batch reads
        # each task's texts for every agency that has the task), and an Inline is frozen.
        return _unnoted(text, base)
    return _read(clean(text), footnotes, base)


@functools.lru_cache(maxsize=4096)
def _unnoted(text: str, base: Role | None) -> Inline:
    return _read(clean(text), None, base)


def _read(text: str, footnotes: Footnotes | None, base: Role | None) -> Inline:
    tokens = list(_TOKENS.finditer(text))
    # A delimiter opens only if a matching one closes later: an odd star stays a star.
    closers = {
        m.start(): _flanking(text, m.start(), m.end())[1]
        for m in tokens
        if m.group(0) in ("*", "**")
    }
    out: list[Piece] = []
    open_marks: list[str] = []
    pos = 0

    def role() -> Role | None:
        if "**" in open_marks:
            return "strong"
        if "*" in open_marks:
            return "emphasis"
        return base

    def add(part: str) -> None:
        if not part:
            return
        last = out[-1] if out else None
        if isinstance(last, Span) and last.role == role():
            out[-1] = Span(last.text + part, last.role)
        else:
            out.append(Span(part, role()))

    for match in tokens:
        token = match.group(0)
        add(text[pos : match.start()])
        pos = match.end()
        if token == "\\*":
            add("*")
        elif token in ("*", "**"):
            opens, closes = _flanking(text, match.start(), match.end())
            if closes and token in open_marks:
                open_marks.remove(token)
            elif opens and any(
                # (only stars are in `closers`: a footnote mark or an escaped star between
                # the two is text inside the emphasis)
                m.group(0) == token and closers[m.start()]
                for m in tokens
                if m.start() > match.start()
            ):
                open_marks.append(token)
            else:
                add(token)
        elif token == "\n":
            out.append(LineBreak())
        elif footnotes is not None and match.group(1) in footnotes.texts:
            out.append(NoteRef(footnotes.ref(match.group(1))))
        else:
            add(token)
    add(text[pos:])
    return Inline(tuple(out))


def plain_text(text: str) -> str:
    """The words a reader sees: markup and footnote references removed."""
    return inline(FOOTNOTE_MARK.sub("", text)).text
