"""How wide a line of Times New Roman text is, to size the NĐ 30 rules under it."""

from __future__ import annotations

import functools
import unicodedata

from .fonts_data import CHARS, WIDTHS

_INDEX = {c: i for i, c in enumerate(CHARS)}


def _face(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bolditalic"
    if bold:
        return "bold"
    return "italic" if italic else "regular"


def char_width(char: str, face: str) -> int:
    """Advance width per 1000 em; accented letters fall back to their base letter."""
    index = _INDEX.get(char)
    if index is None:
        base = unicodedata.normalize("NFD", char)[:1]
        index = _INDEX.get(base, _INDEX["n"])
    return WIDTHS[face][index]


@functools.lru_cache(maxsize=16384)
def text_width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Kept for texts measured again (a status code in every row of a table)."""
    face = _face(bold, italic)
    text = unicodedata.normalize("NFC", text)
    return sum(char_width(c, face) for c in text) * size_pt / 1000
