"""Vietnamese text helpers: NĐ 30 dates and numbers, Roman numerals, NFC, slugs."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Three blanks wide enough to write a day or month in by hand on a draft.
DRAFT_BLANK = "      "

_FORBIDDEN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def nfc(text: str) -> str:
    """Return `text` in NFC, the form TCVN 6909:2001 and Word expect."""
    return unicodedata.normalize("NFC", text)


# Word's manual line break (Shift+Enter) and page break, as a copy from Word gives them:
# a space in their place keeps the words on either side apart ("Vĩnh\vPxi").
_WORD_BREAKS = re.compile(" ?[\x0b\x0c]+ ?")


def strip_xml_forbidden(text: str) -> str:
    """Drop the control characters that XML 1.0 cannot hold; Word's line and page breaks
    become a space."""
    if "\x0b" in text or "\x0c" in text:
        text = _WORD_BREAKS.sub(" ", text)
    return _FORBIDDEN_XML.sub("", text)


def has_xml_forbidden(text: str) -> bool:
    return _FORBIDDEN_XML.search(text) is not None


def pad2(value: int) -> str:
    return f"{value:02d}"


def nd30_day(day: int) -> str:
    """Days 1-9 take a leading zero."""
    return pad2(day)


def nd30_month(month: int) -> str:
    """Months 1 and 2 take a leading zero, months 3-12 do not."""
    return pad2(month) if month < 3 else str(month)


def date_words(value: date | None, year: int | None = None) -> str:
    """`ngày 04 tháng 01 năm 2024`; with no date, blanks for day and month."""
    if value is None:
        shown_year = str(year) if year else DRAFT_BLANK
        return f"ngày{DRAFT_BLANK}tháng{DRAFT_BLANK}năm {shown_year}"
    return f"ngày {nd30_day(value.day)} tháng {nd30_month(value.month)} năm {value.year}"


def place_date_line(place: str, value: date | None, year: int | None = None) -> str:
    """The box 4 line: `Đà Lạt, ngày 04 tháng 01 năm 2024`."""
    return f"{place}, {date_words(value, year)}"


def is_draft_number(number: int | str | None) -> bool:
    return number is None or (isinstance(number, str) and not number.strip())


def doc_number(number: int | str | None) -> str:
    """The number part of a số ký hiệu: a leading zero below 10, blank for a draft."""
    if is_draft_number(number):
        return DRAFT_BLANK
    assert number is not None
    if isinstance(number, int) or number.strip().isdigit():
        return pad2(int(number))
    return number.strip()


def so_ky_hieu(number: int | str | None, type_code: str, issuer_code: str) -> str:
    """`05/KH-UBND`; a draft keeps a blank before the slash."""
    code = f"{type_code}-{issuer_code}" if type_code else issuer_code
    return f"{doc_number(number)}/{code}"


def numbered(prefix: str, number: int | str | None, type_code: str, issuer_code: str) -> str:
    """`Số: 05/KH-UBND`, `số 05/KH-UBND`; a draft's blank already spaces the prefix off."""
    gap = "" if is_draft_number(number) else " "
    return f"{prefix}{gap}{so_ky_hieu(number, type_code, issuer_code)}"


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(value: int) -> str:
    if not 0 < value < 4000:
        raise ValueError(f"roman numerals cover 1-3999, not {value}")
    out = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


# The letters plans number items with, in Vietnamese order (đ after d; no f, j, w, z).
ALPHABET = "abcdđeghiklmnopqrstuvxy"


def letter(value: int) -> str:
    """1 -> a, 2 -> b ... following the Vietnamese alphabet order used in plans; past
    the 23rd letter, two letters (aa, ab, …) as spreadsheets do."""
    if value < 1:
        raise ValueError(f"no letter for item {value}")
    out = ""
    while value:
        value, rest = divmod(value - 1, len(ALPHABET))
        out = ALPHABET[rest] + out
    return out


def slugify(text: str) -> str:
    """An ASCII id or file name from Vietnamese text: `Sở Nội vụ` -> `so-noi-vu`."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def fold(text: str) -> str:
    """A form for matching names typed loosely: no accents, no case, single spaces."""
    return " ".join(slugify(text).split("-"))


def shorten(text: str, size: int) -> str:
    """Text on one line, cut to `size` characters with "…" when longer."""
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip(" ,;") + "…"


def vn_number(value: float) -> str:
    """A figure as Vietnamese documents print it: 1.234,5; no binary noise (0,3 for
    0.1 + 0.2), no trailing zeros."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}".replace(",", ".")
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    from decimal import Decimal  # here: `kehoach --help` imports this module

    # Fifteen significant digits: all a float holds for sure, none of its binary noise.
    text = f"{Decimal(format(value, '.15g')):,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
