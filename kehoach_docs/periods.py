"""Reporting periods: `2024-Q2`, `2024-H1`, `2024`, or a milestone the plan names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import KehoachError
from .models.plan import Reporting
from .vn import roman

_PATTERN = re.compile(r"(\d{4})(?:-(Q[1-4]|H1))?")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u2000-\u200f\u2028\u2029\ufeff]")


@dataclass(frozen=True)
class Period:
    id: str
    label: str  # as documents print it: "6 tháng đầu năm 2024"
    start: date
    end: date
    due: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _day(year: int, month: int, day: int) -> date:
    if month < 1:
        year, month = year - 1, month + 12
    return date(year, month, day)


def parse_period(period_id: str, reporting: Reporting) -> Period:
    for milestone in reporting.milestones:
        if milestone.id == period_id:
            return Period(
                milestone.id, milestone.label, milestone.start, milestone.end, milestone.due
            )
    # The id names files and folders: it is taken as written, in capitals ("2024-h1" is
    # 2024-H1), or refused.
    match = _PATTERN.fullmatch(period_id.upper())
    if match:
        period_id = period_id.upper()
    if not match:
        known = ", ".join(m.id for m in reporting.milestones)
        extra = f", hoặc mốc của kế hoạch: {known}" if known else ""
        hidden = (
            " (có dấu cách, xuống dòng hay ký tự không in được)"
            if _INVISIBLE.search(period_id)
            else ""
        )
        shown = _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", period_id)
        raise KehoachError(
            f"kỳ báo cáo “{shown}” không hợp lệ{hidden}: viết 2024-Q1 … 2024-Q4 (quý), "
            f"2024-H1 (6 tháng đầu năm), 2024 (năm){extra}"
        )
    year, part = int(match.group(1)), match.group(2)
    cut = reporting.cutoff_day
    if part is None:
        label, first_month, last_month = f"năm {year}", 1, 12
    elif part == "H1":
        label, first_month, last_month = f"6 tháng đầu năm {year}", 1, 6
    else:
        quarter = int(part[1])
        label = f"quý {roman(quarter)} năm {year}"
        first_month, last_month = 3 * quarter - 2, 3 * quarter
    # Data run from the day after the cut-off in the month before the period's first month
    # to the cut-off day of its last month (NĐ 09/2019: the 15th to the 14th).
    start = _day(year, first_month - 1, cut + 1)
    end = date(year, last_month, cut)
    return Period(period_id, label, start, end, end + timedelta(days=reporting.due_after_days))
