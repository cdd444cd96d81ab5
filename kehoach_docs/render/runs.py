"""Inline text of the document model as WordprocessingML runs.

Each role is a character style of the template (KhEmphasis, KhStrong, …), so the look
stays in the template.
"""

from __future__ import annotations

from markupsafe import Markup

from ..document import Inline, LineBreak, NoteRef, Role, Span
from ..vn import nfc, strip_xml_forbidden


def escape(text: str) -> str:
    """XML's three escapes: xml.sax.saxutils.escape's, without the 20 ms of start-up its
    module costs (it imports urllib.request and http.client)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


ROLE_STYLES: dict[Role, str] = {
    "emphasis": "KhEmphasis",
    "strong": "KhStrong",
    "label": "KhLabel",
    "number": "KhNumber",
    "drafter": "KhDrafter",
}
FOOTNOTE_REF = "FootnoteReference"


class Runs:
    """Runs that a template prints with `{{r value }}` (docxtpl's rich-text tag)."""

    __slots__ = ("xml",)

    def __init__(self, xml: str = "") -> None:
        self.xml = xml

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return Markup(self.xml)

    def __bool__(self) -> bool:
        return bool(self.xml)

    def __add__(self, other: Runs) -> Runs:
        return Runs(self.xml + other.xml)


def _text_xml(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def _props(span: Span) -> str:
    parts = []
    if span.role is not None:
        parts.append(f'<w:rStyle w:val="{ROLE_STYLES[span.role]}"/>')
    if span.bold is not None:
        parts.append("<w:b/><w:bCs/>" if span.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if span.italic is not None:
        parts.append("<w:i/><w:iCs/>" if span.italic else '<w:i w:val="0"/><w:iCs w:val="0"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def span_xml(span: Span) -> str:
    text = nfc(strip_xml_forbidden(span.text))
    if not text:
        return ""
    return f"<w:r>{_props(span)}{_text_xml(text)}</w:r>"


def runs(value: Inline) -> Runs:
    out: list[str] = []
    for piece in value.pieces:
        if isinstance(piece, Span):
            out.append(span_xml(piece))
        elif isinstance(piece, LineBreak):
            out.append("<w:r><w:br/></w:r>")
        elif isinstance(piece, NoteRef):
            out.append(
                f'<w:r><w:rPr><w:rStyle w:val="{FOOTNOTE_REF}"/></w:rPr>'
                f'<w:footnoteReference w:id="{piece.number}"/></w:r>'
            )
    return Runs("".join(out))


def lines(texts: tuple[str, ...] | list[str]) -> Runs:
    """Several lines in one paragraph, separated by line breaks."""
    return Runs("<w:r><w:br/></w:r>".join(span_xml(Span(t)) for t in texts))
