"""Document symbols keep their hyphens on one line: "120-KH/TU", never "120-" / "KH/TU".

Word breaks a line after a plain hyphen. In a symbol (a word with a slash and a hyphen
between letters or digits: "15/KH-UBND", "107/2020/NĐ-CP", "28-NQ/TW") each such hyphen
becomes Word's non-breaking hyphen, whatever printed it: data, the template's own text or
a tag. Readers (python-docx, LibreOffice) show it as "-".
"""

from __future__ import annotations

import re

from lxml import etree

from .styles import w

# A word (between spaces) with a slash and a hyphen in it: found by the regular
# expression, not by looking at every word of a long sentence in turn.
_SYMBOL = re.compile(r"(?<!\S)(?=[^\s/]*/)(?=[^\s-]*-)\S+")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_T, _NO_BREAK_HYPHEN = w("t"), w("noBreakHyphen")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _cuts(text: str) -> list[int]:
    """Positions of the hyphens of every symbol in `text`."""
    cuts: list[int] = []
    if "/" not in text or "-" not in text:
        return cuts  # no symbol: most texts, looked at once rather than word by word
    for word in _SYMBOL.finditer(text):
        cuts += [word.start() + m.start() for m in _HYPHEN.finditer(word.group(0))]
    return cuts


def keep_symbols_whole(root: etree._Element) -> int:
    """Replace the hyphens of symbols under `root` in place; return how many."""
    count = 0
    # Only the texts are visited (an XPath with contains() cost twice as much, on a tree
    # just parsed), and only those with a slash and a hyphen looked into; the list is
    # made first because the tree changes under it.
    texts = [
        t
        for t in root.iter(_T)
        if (text := t.text) and "/" in text and "-" in text and t is not root
    ]
    for t in texts:
        text = t.text or ""
        cuts = _cuts(text)
        run = t.getparent()
        if not cuts or run is None:
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
            # Made inside the run's own tree, then moved beside the anchor: an element
            # made on its own is moved into a tree at a cost.
            hyphen = etree.SubElement(run, _NO_BREAK_HYPHEN)
            anchor.addnext(hyphen)
            anchor = hyphen
            if part:
                piece = etree.SubElement(run, _T)
                piece.set(_SPACE, "preserve")
                piece.text = part
                anchor.addnext(piece)
                anchor = piece
        if not parts[0]:
            run.remove(t)
        count += len(cuts)
    return count
