"""Inline text to WordprocessingML runs.

Text fields may carry a light markup: `*nghiêng*`, `**đậm**`, `[^1]` for a footnote
reference and `\\*` for a literal star. Each role is a character style of the template
(KhEmphasis, KhStrong, …), so the look stays in the template, not in code. Everything
else is text: escaped, never interpreted as XML or Jinja.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, unescape

from markupsafe import Markup

from ..vn import nfc, strip_xml_forbidden

EMPHASIS = "KhEmphasis"
STRONG = "KhStrong"
NUMBER = "KhNumber"
LABEL = "KhLabel"
DRAFTER = "KhDrafter"
FOOTNOTE_REF = "FootnoteReference"

# `[^key]`: the workspace checker and the renderer read footnote references alike.
FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")
_TOKENS = re.compile(r"\\\*|\*\*|\*|" + FOOTNOTE_MARK.pattern + r"|\n")


def run_xml(text: str, style: str | None = None) -> str:
    if not text:
        return ""
    props = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    safe = escape(nfc(strip_xml_forbidden(text)))
    return f'<w:r>{props}<w:t xml:space="preserve">{safe}</w:t></w:r>'


def break_xml() -> str:
    return "<w:r><w:br/></w:r>"


def footnote_ref_xml(note_id: int) -> str:
    return (
        f'<w:r><w:rPr><w:rStyle w:val="{FOOTNOTE_REF}"/></w:rPr>'
        f'<w:footnoteReference w:id="{note_id}"/></w:r>'
    )


@dataclass
class Footnotes:
    """Footnotes in order of first reference; ids start at 1 as Word numbers them."""

    texts: dict[str, str]
    order: list[str] = field(default_factory=list)

    def ref(self, key: str) -> int:
        if key not in self.order:
            self.order.append(key)
        return self.order.index(key) + 1

    def notes(self) -> list[tuple[int, Runs]]:
        return [(i + 1, inline(self.texts[key])) for i, key in enumerate(self.order)]


class Runs:
    """A run sequence that a template prints with `{{r value }}`."""

    def __init__(self, xml: str = "") -> None:
        self.xml = xml

    def __html__(self) -> str:
        return self.xml

    def __add__(self, other: Runs) -> Runs:
        return Runs(self.xml + other.xml)

    def __bool__(self) -> bool:
        return bool(self.xml)

    def __str__(self) -> str:
        return Markup(self.xml)

    @property
    def text(self) -> str:
        """What a reader sees, as plain text."""
        return unescape(re.sub(r"<[^>]+>", "", self.xml.replace("<w:br/>", "\n")))


def plain(text: str, style: str | None = None) -> Runs:
    """Text without markup; line ends become line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Runs(break_xml().join(run_xml(part, style) for part in text.split("\n")))


def lines(texts: list[str], style: str | None = None) -> Runs:
    """Several lines in one paragraph, separated by line breaks."""
    return Runs(break_xml().join(run_xml(t, style) for t in texts))


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether a `*` run at text[start:end] can open and can close emphasis. As in
    Markdown, but never inside a word: `7*7` and `a * b` stay as they are."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "

    def boundary(char: str) -> bool:
        return char.isspace() or not char.isalnum()

    opens = not after.isspace() and boundary(before) and after != "*"
    closes = not before.isspace() and boundary(after) and before != "*"
    return opens, closes


def inline(
    text: str,
    footnotes: Footnotes | None = None,
    base: str | None = None,
) -> Runs:
    """Parse the inline markup of `text` into runs; `base` styles the unmarked text."""
    # Line ends of any system become line breaks; text is NFC before it is split in runs.
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    tokens = list(_TOKENS.finditer(text))
    # A delimiter opens only if a matching one closes later: an odd star stays a star.
    closers = {
        m.start(): _flanking(text, m.start(), m.end())[1]
        for m in tokens
        if m.group(0) in ("*", "**")
    }
    out: list[str] = []
    open_marks: list[str] = []
    pos = 0

    def style() -> str | None:
        if "**" in open_marks:
            return STRONG
        if "*" in open_marks:
            return EMPHASIS
        return base

    def flush(upto: int) -> None:
        out.append(run_xml(text[pos:upto], style()))

    for match in tokens:
        token = match.group(0)
        flush(match.start())
        pos = match.end()
        if token == "\\*":
            out.append(run_xml("*", style()))
        elif token in ("*", "**"):
            opens, closes = _flanking(text, match.start(), match.end())
            if closes and token in open_marks:
                open_marks.remove(token)
            elif opens and any(
                closers[m.start()] and m.group(0) == token
                for m in tokens
                if m.start() > match.start()
            ):
                open_marks.append(token)
            else:
                out.append(run_xml(token, style()))
        elif token == "\n":
            out.append(break_xml())
        elif footnotes is not None and match.group(1) in footnotes.texts:
            out.append(footnote_ref_xml(footnotes.ref(match.group(1))))
        else:
            out.append(run_xml(token, style()))
    flush(len(text))
    return Runs("".join(out))


def plain_text(text: str) -> str:
    """The words a reader sees: markup and footnote references removed."""
    return inline(FOOTNOTE_MARK.sub("", text)).text
