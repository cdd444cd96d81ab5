"""The Nơi nhận of a document on its own, to paste into another document."""

from __future__ import annotations

from dataclasses import replace

from ..document import Document
from ..kinds import DISTRIBUTION


def distribution_only(doc: Document) -> Document:
    """`doc`'s header and Nơi nhận, with no body: no text, no footnotes, no appendices."""
    return replace(
        doc,
        kind=DISTRIBUTION.id,
        title=f"Nơi nhận: {doc.title}",
        body=(),
        appendices=(),
        footnotes=(),
        attachment="",
    )
