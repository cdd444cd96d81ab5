"""The labelled lines under a task in their many wordings ("Đơn vị chủ trì:", "Cơ quan
chủ trì:", "Chủ trì thực hiện:", "Thời gian hoàn thành:" …), several on one line or one a
line; the assignment written inside a sentence ("Sở Tư pháp chủ trì, phối hợp với …");
and the deadline a time phrase gives."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ..vn import fold
from .numbers import parse_label

LEAD, SUPPORT, TIME, PRODUCT, NOTE, OTHER = (
    "chu_tri",
    "phoi_hop",
    "thoi_gian",
    "san_pham",
    "ghi_chu",
    "khac",
)

# Folded label words -> kind. Checked in order; the first that matches wins.
_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bphoi hop\b"), SUPPORT),
    (re.compile(r"\bchu tri\b"), LEAD),
    (re.compile(r"^(?:(?:co quan|don vi|bo phan|trach nhiem)\s+)?thuc hien$"), LEAD),
    (re.compile(r"^(?:thoi gian|thoi han|tien do|moc thoi gian|han)\b"), TIME),
    (re.compile(r"^(?:san pham|ket qua(?: dau ra| san pham)?)\b"), PRODUCT),
    (re.compile(r"^ghi chu$"), NOTE),
]
# Other labels kept when they stand beside assignment labels.
_OTHER = re.compile(r"^(?:lanh dao phu trach|lanh dao chi dao|dau moi|kinh phi|nguon kinh phi)")
# A label: up to eight words before a colon.
_LABEL_AT = re.compile(r"(?:^|(?<=[;.])\s*)([^\W\d_][^:;.]{1,60}?)\s*:\s*")


def label_kind(words: str) -> str | None:
    folded = fold(words)
    if len(folded.split()) > 8:
        return None
    for pattern, kind in _KINDS:
        if pattern.search(folded):
            return kind
    return OTHER if _OTHER.match(folded) else None


@dataclass
class LabelLine:
    kind: str
    wording: str  # the label's words as printed, without the colon
    value: str
    bullet: str = ""
    italic: bool = False
    colon: bool = True


def split_labels(text: str) -> tuple[str, list[LabelLine]] | None:
    """A paragraph made only of labelled values, e.g. "- Đơn vị chủ trì: X; Đơn vị phối
    hợp: Y." -> the bullet and the labels; None for any other paragraph."""
    label, rest = parse_label(text)
    bullet = label.text if label is not None and label.bullet else ""
    body = rest if bullet else text
    starts = [m for m in _LABEL_AT.finditer(body) if label_kind(m.group(1)) is not None]
    if not starts or starts[0].start() != 0:
        return None
    found: list[LabelLine] = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(body)
        value = body[match.end() : end].strip()
        if i + 1 < len(starts):
            value = value.rstrip(" ;")
        kind = label_kind(match.group(1))
        assert kind is not None
        found.append(LabelLine(kind, match.group(1).strip(), value, bullet))
    if any(not line.value for line in found):
        return None
    return bullet, found


_BARE = re.compile(
    r"^(?P<bullet>[-+*•]\s+)?(?P<label>(?:Đơn vị|Cơ quan) (?:chủ trì|phối hợp)(?: thực hiện)?"
    r"|Thời gian (?:thực hiện|hoàn thành)|Thời hạn|Sản phẩm|Ghi chú)\s+(?P<value>\S.*)$"
)


def label_without_colon(text: str) -> tuple[str, list[LabelLine]] | None:
    """ "Thời gian thực hiện sau khi …" under other labels: a label printed without colon."""
    match = _BARE.match(text)
    if not match:
        return None
    kind = label_kind(match.group("label"))
    if kind is None:
        return None
    bullet = (match.group("bullet") or "").strip()
    line = LabelLine(kind, match.group("label"), match.group("value"), bullet, colon=False)
    return bullet, [line]


# "Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ … tổ chức thực hiện."
_LEAD_WORD = re.compile(r"\s+(?:là cơ quan\s+|là đơn vị\s+|có trách nhiệm\s+)?chủ trì\b")
_SUPPORT_WORD = re.compile(r"^[\s,;]*(?:và\s+)?phối hợp(?:\s+(?:với|cùng))?\s+")


def inline_assignment(text: str) -> tuple[str, str, str] | None:
    """(text before "chủ trì", text after "phối hợp với" or "", the rest) of a sentence
    that assigns a task inside itself, or None."""
    lead = _LEAD_WORD.search(text)
    if not lead or lead.start() > 160:
        return None
    after = text[lead.end() :]
    after = re.sub(r"^\s+(?:thực hiện|tham mưu|triển khai)\b", "", after)
    support = _SUPPORT_WORD.match(after)
    if support:
        return text[: lead.start()], after[support.end() :], ""
    return text[: lead.start()], "", after


_MONTHS = r"(?:0?[1-9]|1[0-2])"
_DATE_NUM = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_QUARTER = re.compile(r"quý\s+(I{1,3}|IV|[1-4])\s*(?:năm\s+|/\s*)(\d{4})", re.IGNORECASE)
_MONTH = re.compile(rf"tháng\s+({_MONTHS})\s*(?:năm\s+|/\s*)(\d{{4}})", re.IGNORECASE)
_YEAR = re.compile(r"^(?:trong\s+)?năm\s+(\d{4})\.?$", re.IGNORECASE)
_BEFORE = re.compile(r"\b(?:trước|chậm nhất|không quá|hạn|hoàn thành)\b", re.IGNORECASE)


def _real(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def deadline(text: str) -> tuple[date | None, bool]:
    """The deadline a time phrase gives, and whether it was inferred from a period
    (a quarter, a month, a year) rather than written as a date."""
    plain = " ".join(text.split())
    if _BEFORE.search(plain):
        for pattern in (_DATE_NUM, _DATE_WORDS):
            found = pattern.search(plain)
            if found:
                day, month, year = (int(g) for g in found.groups())
                return _real(year, month, day), False
    quarter = _QUARTER.search(plain)
    if quarter and len(plain) < 40:
        q = quarter.group(1).upper()
        number = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(q) or int(q)
        year = int(quarter.group(2))
        month = number * 3
        return _real(year, month, calendar.monthrange(year, month)[1]), True
    month_match = _MONTH.search(plain)
    if month_match and len(plain) < 40:
        month, year = int(month_match.group(1)), int(month_match.group(2))
        return _real(year, month, calendar.monthrange(year, month)[1]), True
    year_match = _YEAR.match(plain)
    if year_match:
        return _real(int(year_match.group(1)), 12, 31), True
    return None, False
