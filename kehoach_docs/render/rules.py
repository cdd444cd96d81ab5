"""The solid lines of the header and under the trích yếu, at the lengths NĐ 30 asks.

A template marks a line with an empty paragraph of style KhRule whose text is a ratio
("100%" under the tiêu ngữ, "40%" under the issuing body and the trích yếu). The line is
drawn as that paragraph's top border, centred by equal indents, as long as the ratio of
the longest line of the paragraph just above it. A border with indents shows at the same
length in Word and LibreOffice, which an underlined run does not.
"""

from __future__ import annotations

from lxml import etree

from ..fonts import text_width_pt
from .styles import StyleBook, w

RULE_STYLE = "KhRule"
TWIPS_PER_PT = 20
WORD_DEFAULT_CELL_MARGIN = 108


def _lines_of(paragraph: etree._Element, book: StyleBook) -> list[float]:
    widths = [0.0]
    for node in paragraph.iter(w("r")):
        look = book.run_look(paragraph, node)
        for child in node:
            if child.tag == w("t") and child.text:
                widths[-1] += text_width_pt(child.text, look.size_pt, look.bold, look.italic)
            elif child.tag in (w("br"), w("cr")):
                widths.append(0.0)
    return widths


def _available_twips(paragraph: etree._Element, text_width: int) -> int:
    cell = next(paragraph.iterancestors(w("tc")), None)
    if cell is None:
        return text_width
    tcw = cell.find(f"{w('tcPr')}/{w('tcW')}")
    width = int(tcw.get(w("w"), "0")) if tcw is not None else text_width
    table = next(cell.iterancestors(w("tbl")))
    margins = table.find(f"{w('tblPr')}/{w('tblCellMar')}")
    if margins is None:
        pad = 2 * WORD_DEFAULT_CELL_MARGIN
    else:
        pad = sum(
            int(el.get(w("w"), "0"))
            for el in margins
            if etree.QName(el).localname in ("left", "right", "start", "end")
        )
    return max(width - pad, 0)


def _style_of(paragraph: etree._Element) -> str | None:
    el = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return el.get(w("val")) if el is not None else None


def is_rule(paragraph: etree._Element) -> bool:
    return _style_of(paragraph) == RULE_STYLE


def _ratio(paragraph: etree._Element) -> float:
    text = "".join(t.text or "" for t in paragraph.iter(w("t"))).strip().rstrip("%")
    try:
        return max(0.05, min(float(text) / 100, 1.0))
    except ValueError:
        return 0.4


_P, _PPR, _PSTYLE, _VAL = w("p"), w("pPr"), w("pStyle"), w("val")
_R, _PBDR, _TOP, _IND = w("r"), w("pBdr"), w("top"), w("ind")


def draw_rules(body: etree._Element, book: StyleBook, text_width: int) -> int:
    """Turn every rule paragraph into a sized line; return how many were drawn."""
    count = 0
    # The paragraphs whose style is the rule's, found from the styles named (a few)
    # rather than by looking into every paragraph.
    found = [
        paragraph
        for style in body.iter(_PSTYLE)
        if style.get(_VAL) == RULE_STYLE
        and (p_pr_el := style.getparent()) is not None
        and p_pr_el.tag == _PPR
        and (paragraph := p_pr_el.getparent()) is not None
        and paragraph.tag == _P
        and is_rule(paragraph)
    ]
    for paragraph in found:
        ratio = _ratio(paragraph)
        above = paragraph.getprevious()
        while above is not None and above.tag != _P:
            above = above.getprevious()
        available = _available_twips(paragraph, text_width)
        longest = max(_lines_of(above, book)) * TWIPS_PER_PT if above is not None else available
        length = ratio * min(longest, available)
        indent = int(max(available - length, 0) / 2)
        for run in paragraph.findall(_R):
            paragraph.remove(run)
        ppr = paragraph.find(_PPR)
        if ppr is None:
            ppr = etree.SubElement(paragraph, _PPR)
            paragraph.insert(0, ppr)
        for old in ppr.findall(_PBDR) + ppr.findall(_IND):
            ppr.remove(old)
        # (Made inside the paragraph's own tree, then put in place: an element made on
        # its own is moved into the tree at a cost, for every document of a batch.)
        border = etree.SubElement(ppr, _PBDR)
        top = etree.SubElement(border, _TOP)
        top.set(_VAL, "single")
        top.set(w("sz"), "6")
        top.set(w("space"), "1")
        top.set(w("color"), "000000")
        ind = etree.SubElement(ppr, _IND)
        ind.set(w("left"), str(indent))
        ind.set(w("right"), str(indent))
        ind.set(w("firstLine"), "0")
        # pBdr and ind must sit at their schema positions inside pPr for Word.
        _insert_ordered(ppr, border)
        _insert_ordered(ppr, ind)
        count += 1
    return count


_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


# Each pPr child's place in that order, by its local name (as Word reads it).
_PPR_RANK = {name: rank for rank, name in enumerate(_PPR_ORDER)}


def _local(tag: object) -> str:
    """An element's local name; "" for a comment or processing instruction."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _insert_ordered(ppr: etree._Element, child: etree._Element) -> None:
    """Put `child` (already in `ppr`, or not) before the first child that comes after
    it in the schema's order, or last."""
    rank = _PPR_RANK[_local(child.tag)]
    for i, existing in enumerate(ppr):
        if existing is not child and _PPR_RANK.get(_local(existing.tag), -1) > rank:
            ppr.insert(i, child)
            return
    ppr.append(child)
