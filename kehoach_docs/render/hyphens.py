"""Document symbols keep their hyphens on one line: "120-KH/TU", never "120-" / "KH/TU".

Word breaks a line after a plain hyphen. In a symbol (a word with a slash and a hyphen
between letters or digits: "15/KH-UBND", "107/2020/NĐ-CP", "28-NQ/TW") each such hyphen
becomes Word's non-breaking hyphen, whatever printed it: data, the template's own text or
a tag. Readers (python-docx, LibreOffice) show it as "-".
"""

from __future__ import annotations

import re
from typing import cast

from lxml import etree

from .styles import W, w

_WORD = re.compile(r"\S+")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_MAYBE_SYMBOLS = etree.XPath(".//w:t[contains(., '/') and contains(., '-')]", namespaces={"w": W})


def _cuts(text: str) -> list[int]:
    """Positions of the hyphens of every symbol in `text`."""
    cuts: list[int] = []
    if "/" not in text or "-" not in text:
        return cuts  # no symbol: most texts, looked at once rather than word by word
    for word in _WORD.finditer(text):
        token = word.group(0)
        if "/" in token and "-" in token:
            cuts += [word.start() + m.start() for m in _HYPHEN.finditer(token)]
    return cuts


def keep_symbols_whole(root: etree._Element) -> int:
    """Replace the hyphens of symbols under `root` in place; return how many."""
    count = 0
    # Only the texts that could hold a symbol are taken out of the tree: walking every
    # text of a 1,000-agency report took a fifth of a second.
    for t in cast(list[etree._Element], _MAYBE_SYMBOLS(root)):
        text = t.text or ""
        cuts = _cuts(text)
        if not cuts:
            continue
        parts = []
        pos = 0
        for cut in cuts:
            parts.append(text[pos:cut])
            pos = cut + 1
        parts.append(text[pos:])
        t.text = parts[0]
        anchor = t
        for part in parts[1:]:
            hyphen = etree.Element(w("noBreakHyphen"))
            anchor.addnext(hyphen)
            anchor = hyphen
            if part:
                piece = etree.Element(w("t"))
                piece.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                piece.text = part
                anchor.addnext(piece)
                anchor = piece
        if not parts[0]:
            t.getparent().remove(t)  # type: ignore[union-attr]
        count += len(cuts)
    return count
