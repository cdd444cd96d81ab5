"""Word's automatic numbering, resolved as Word shows it: the "1." or "a)" that is not
in a paragraph's text but drawn from numbering.xml.

A paragraph names a list instance (`w:numPr`: numId, ilvl) directly or through its
style. An instance (`w:num`) points to an abstract definition (`w:abstractNum`, whose
levels give start, format and a pattern such as "%1.%2."), and may override levels or
restart them (`w:lvlOverride/w:startOverride`). Instances of one abstract definition
continue one count unless they restart; a level's count restarts when a higher level
advances.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..render.styles import StyleBook, w
from ..vn import roman

_LEVELS = 9


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False


def _val(el: etree._Element | None, default: str = "") -> str:
    if el is None:
        return default
    return el.get(w("val"), default)


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def _level(el: etree._Element) -> Level:
    return Level(
        start=_int(_val(el.find(w("start")), "1"), 1),
        fmt=_val(el.find(w("numFmt")), "decimal"),
        text=_val(el.find(w("lvlText")), ""),
        legal=el.find(w("isLgl")) is not None,
    )


def _letters(value: int, upper: bool) -> str:
    # Word repeats the letter past z: aa, bb, …
    value = max(value, 1)
    letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
    return letter.upper() if upper else letter


def format_count(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        shown = roman(value) if 0 < value < 4000 else str(value)
        return shown if fmt == "upperRoman" else shown.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(value, fmt == "upperLetter")
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


def _bullet(text: str) -> str:
    """Bullets of any symbol font print as "-", except a plus that stays "+"."""
    return "+" if text.strip() == "+" else "-"


class Numbering:
    def __init__(self, root: etree._Element | None, styles: StyleBook) -> None:
        self.styles = styles
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstract id -> numbering style it takes from
        self.nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self.counts: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            ident = abstract.get(w("abstractNumId"), "")
            self.abstracts[ident] = {
                _int(lvl.get(w("ilvl"), "0"), 0): _level(lvl) for lvl in abstract.iter(w("lvl"))
            }
            link = abstract.find(w("numStyleLink"))
            if link is not None:
                self.links[ident] = _val(link)
        for num in root.iter(w("num")):
            ident = num.get(w("numId"), "")
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for over in num.iter(w("lvlOverride")):
                ilvl = _int(over.get(w("ilvl"), "0"), 0)
                start = over.find(w("startOverride"))
                if start is not None:
                    starts[ilvl] = _int(_val(start, "1"), 1)
                lvl = over.find(w("lvl"))
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)
            self.nums[ident] = (_val(num.find(w("abstractNumId"))), overrides, starts)

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, int | None]:
        for style in self.styles.chain(style_id):
            numpr = style.find(f"{w('pPr')}/{w('numPr')}")
            if numpr is not None:
                num = numpr.find(w("numId"))
                ilvl = numpr.find(w("ilvl"))
                return (
                    _val(num) if num is not None else None,
                    _int(_val(ilvl), 0) if ilvl is not None else None,
                )
        return None, None

    def _abstract(self, num_id: str) -> str | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        abstract = entry[0]
        # A definition that only links to a numbering style takes that style's list.
        style = self.links.get(abstract)
        if style is not None:
            linked, _ = self._style_numpr(style)
            if linked and linked in self.nums and self.nums[linked][0] != abstract:
                return self.nums[linked][0]
        return abstract

    def label(self, paragraph: etree._Element) -> str:
        """The label Word draws before this paragraph ("" if none); advances the count."""
        numpr = paragraph.find(f"{w('pPr')}/{w('numPr')}")
        num_id: str | None = None
        ilvl: int | None = None
        if numpr is not None:
            num = numpr.find(w("numId"))
            lvl_el = numpr.find(w("ilvl"))
            num_id = _val(num) if num is not None else None
            ilvl = _int(_val(lvl_el), 0) if lvl_el is not None else None
        if num_id is None:
            style_num, style_lvl = self._style_numpr(self.styles.paragraph_style_id(paragraph))
            num_id = style_num
            ilvl = ilvl if ilvl is not None else style_lvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = min(max(ilvl or 0, 0), _LEVELS - 1)
        abstract = self._abstract(num_id)
        if abstract is None:
            return ""
        _, overrides, starts = self.nums[num_id]
        levels = {**self.abstracts.get(abstract, {}), **overrides}
        counts = self.counts.setdefault(abstract, [None] * _LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for over_lvl in starts:
                if 0 <= over_lvl < _LEVELS:
                    counts[over_lvl] = None
        level = levels.get(ilvl, Level())
        start = starts.get(ilvl, level.start)
        current = counts[ilvl]
        counts[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            counts[deeper] = None
        if level.fmt == "bullet":
            return _bullet(level.text)
        text = level.text
        for k in range(_LEVELS):
            token = f"%{k + 1}"
            if token not in text:
                continue
            lvl = levels.get(k, Level())
            value = counts[k]
            if value is None:
                value = starts.get(k, lvl.start)
            fmt = "decimal" if level.legal and k < ilvl else lvl.fmt
            text = text.replace(token, format_count(value, fmt))
        return text.strip()
