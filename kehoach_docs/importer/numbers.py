"""Number labels as plans print them: I., 1., 1.1., a), A., (1), and the bullets - + *.

A label's shape ("R.", "n.", "n.n.", "a)", "-" …) tells its level; the pattern of the
workspace format ("{R}.", "{n}.", "{p}{n}.", "{a})") numbers it again when rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vn import ALPHABET, roman

# Every numeral written the standard way with the letters plans use (I, V, X, L, C: 1 to
# 399), built once: a numeral is read only if it is written as roman() writes its value.
_ROMAN_NUMBERS = {
    numeral: value for value in range(1, 400) if set(numeral := roman(value)) <= set("IVXLC")
}
_LABEL = re.compile(
    r"""^\s*(?:
      (?P<multi>\d{1,2}(?:\.\d{1,2}){1,3})(?P<mdot>\.?)(?=\s|$)
    | (?P<roman>[IVXL]{1,6})\s?(?P<rp>[.)])
    | (?P<arabic>\d{1,3})(?P<ap>[.)])(?=\s|$)
    | \((?P<paren>\d{1,2}|[ivx]{1,5}|[a-zđ])\)
    | (?P<letter>[a-zđ])(?P<lp>[).])(?=\s|$)
    | (?P<upper>[A-ZĐ])(?P<up>[.)])(?=\s|$)
    | (?P<bullet>[-–—+•*●○▪■◦·])(?=\s|[^\W\d_]|$)
    )\s*""",
    re.VERBOSE,
)
BULLETS = {
    "-": "-",
    "–": "-",
    "—": "-",
    "•": "-",
    "●": "-",
    "○": "-",
    "▪": "-",
    "■": "-",
    "◦": "-",
    "·": "-",
    "+": "+",
    "*": "*",
}


def roman_value(text: str) -> int | None:
    return _ROMAN_NUMBERS.get(text)


@dataclass(frozen=True)
class Label:
    text: str  # as printed: "1.", "a)", "-"
    shape: str  # "R.", "n.", "n.n.", "a)", "A.", "(n)", "(i)", "(a)", "-", "+", "*"
    value: int = 0

    @property
    def bullet(self) -> bool:
        return self.shape in ("-", "+", "*")


def parse_label(text: str) -> tuple[Label | None, str]:
    """The label at the start of `text` and the text after it."""
    match = _LABEL.match(text)
    if not match:
        return None, text
    rest = text[match.end() :]
    g = match.groupdict()
    if g["multi"]:
        parts = g["multi"].split(".")
        shape = ".".join("n" for _ in parts) + g["mdot"]
        return Label(g["multi"] + g["mdot"], shape, int(parts[-1])), rest
    if g["roman"]:
        value = roman_value(g["roman"])
        if value is None or value > 40:
            return None, text
        return Label(g["roman"] + g["rp"], "R" + g["rp"], value), rest
    if g["arabic"]:
        return Label(g["arabic"] + g["ap"], "n" + g["ap"], int(g["arabic"])), rest
    if g["paren"]:
        inner = g["paren"]
        if inner.isdigit():
            return Label(f"({inner})", "(n)", int(inner)), rest
        if (set(inner) <= set("ivx") and inner != "v") or inner == "i":
            value = roman_value(inner.upper()) or 0
            return Label(f"({inner})", "(i)", value), rest
        return Label(f"({inner})", "(a)", _letter_value(inner)), rest
    if g["letter"]:
        return Label(g["letter"] + g["lp"], "a" + g["lp"], _letter_value(g["letter"])), rest
    if g["upper"]:
        if not rest.strip():
            return None, text
        return Label(g["upper"] + g["up"], "A" + g["up"], _letter_value(g["upper"].lower())), rest
    char = BULLETS[g["bullet"]]
    return Label(char, char), rest


def _letter_value(char: str) -> int:
    index = ALPHABET.find(char)
    return index + 1 if index >= 0 else ord(char) - ord("a") + 1


def label_of_auto(text: str) -> Label | None:
    """The label of automatic numbering, e.g. "1." or "-"."""
    found, rest = parse_label(text + " x")
    return found if found is not None and rest == "x" else None


# Shape -> the workspace pattern that prints it.
PATTERNS = {
    "R.": "{R}.",
    "R)": "{R})",
    "n.": "{n}.",
    "n)": "{n})",
    "a)": "{a})",
    "a.": "{a}.",
    "A.": "{A}.",
    "A)": "{A})",
    "(n)": "({n})",
    "(a)": "({a})",
    "-": "-",
    "+": "+",
    "*": "*",
}


def pattern_for(shape: str) -> str | None:
    if shape in PATTERNS:
        return PATTERNS[shape]
    if shape.startswith("n.n"):
        # 1.1. under 1. ; 1.1.1. under 1.1.
        return "{p}{n}" + ("." if shape.endswith(".") else "")
    return None
