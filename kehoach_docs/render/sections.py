"""Appendices in sections of their own: numbered from 1, landscape where a table needs it.

NĐ 30 numbers each appendix's pages on their own, and lays a wide table on a landscape
A4 page with the bound edge at the top (the portrait left margin becomes the top one).
A template marks where an appendix starts with a KhAppendixTitle paragraph that begins
a new page; each such start gets a section break, and the sections after it their own
page size and numbering. docxtpl cannot make sections; this is done on the rendered body.
"""

from __future__ import annotations

import copy

from lxml import etree

from .styles import w

START_STYLE = "KhAppendixTitle"
A4_PORTRAIT = (11906, 16838)
DEFAULT_MARGINS = {"top": 1134, "bottom": 1134, "left": 1701, "right": 851}
# CT_SectPr children that come after pgNumType, which must be inserted before them.
_AFTER_PGNUMTYPE = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
                    "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")  # fmt: skip


def _int(el: etree._Element | None, attr: str, default: int) -> int:
    if el is None:
        return default
    try:
        return int(float(el.get(w(attr), default)))
    except ValueError:
        return default


class Sections:
    def __init__(self, document: etree._Element) -> None:
        body = document.find(w("body"))
        found = body.find(w("sectPr")) if body is not None else None
        self.final = found if found is not None else etree.Element(w("sectPr"))
        size = self.final.find(w("pgSz"))
        margins = self.final.find(w("pgMar"))
        self.width = _int(size, "w", A4_PORTRAIT[0])
        self.height = _int(size, "h", A4_PORTRAIT[1])
        self.margins = {k: _int(margins, k, v) for k, v in DEFAULT_MARGINS.items()}
        self.text_width = self.width - self.margins["left"] - self.margins["right"]
        self.landscape_width = self.height - self.margins["top"] - self.margins["bottom"]

    def _appendix(self, landscape: bool) -> etree._Element:
        sect = copy.deepcopy(self.final)
        number = sect.find(w("pgNumType"))
        if number is None:
            number = etree.Element(w("pgNumType"))
            follower = next((c for c in sect if etree.QName(c).localname in _AFTER_PGNUMTYPE), None)
            if follower is not None:
                follower.addprevious(number)
            else:
                sect.append(number)
        number.set(w("start"), "1")
        if landscape:
            size = sect.find(w("pgSz"))
            if size is None:
                size = etree.SubElement(sect, w("pgSz"))
            size.set(w("w"), str(self.height))
            size.set(w("h"), str(self.width))
            size.set(w("orient"), "landscape")
            margins = sect.find(w("pgMar"))
            if margins is not None:
                m = self.margins
                for side, value in (("top", m["left"]), ("bottom", m["right"]),
                                    ("left", m["top"]), ("right", m["bottom"])):  # fmt: skip
                    margins.set(w(side), str(value))
        return sect

    def split(self, body: etree._Element, landscapes: list[bool]) -> int:
        """Start a section at each appendix of the rendered `body`; return how many."""
        if not landscapes:
            # No appendix to lay out: the search below would find starts that cannot match
            # an empty list and change nothing, so it is skipped.
            return 0
        starts = appendix_starts(body)
        final = body.find(w("sectPr"))
        if not starts or len(starts) != len(landscapes) or final is None:
            return 0
        ending = copy.deepcopy(final)
        for start, landscape in zip(starts, landscapes, strict=True):
            ending = self.begin(start, ending, landscape)
        body.replace(final, ending)
        return len(starts)

    def begin(
        self, start: etree._Element, ending: etree._Element, landscape: bool
    ) -> etree._Element:
        """End the section before `start` with `ending`; return the appendix's own."""
        # The section that ends here is held by an empty paragraph before the start.
        brk = etree.Element(w("p"))
        ppr = etree.SubElement(brk, w("pPr"))
        spacing = etree.SubElement(ppr, w("spacing"))
        for attr, value in (("before", "0"), ("after", "0"), ("line", "20"),
                            ("lineRule", "exact")):  # fmt: skip
            spacing.set(w(attr), value)
        ppr.append(ending)
        start.addprevious(brk)
        start_ppr = start.find(w("pPr"))
        if start_ppr is not None:
            for el in start_ppr.findall(w("pageBreakBefore")):
                start_ppr.remove(el)
        return self._appendix(landscape)


def appendix_starts(body: etree._Element) -> list[etree._Element]:
    """The paragraphs of `body` (not of its tables) where an appendix begins."""
    starts = []
    for paragraph in body.findall(w("p")):
        ppr = paragraph.find(w("pPr"))
        style = ppr.find(w("pStyle")) if ppr is not None else None
        if (
            style is not None
            and style.get(w("val")) == START_STYLE
            and ppr is not None
            and ppr.find(w("pageBreakBefore")) is not None
        ):
            starts.append(paragraph)
    return starts
