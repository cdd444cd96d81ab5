"""Working days in Vietnam: weekends and public holidays skipped, for deadlines such as
"within 5 working days".

The holidays are data, one line a year, below. Bộ luật Lao động 2019, Điều 112: Tết
Dương lịch (1/1), Tết Âm lịch (5 ngày), Giỗ Tổ Hùng Vương (10/3 âm lịch), Chiến thắng
30/4, Quốc tế lao động 1/5, Quốc khánh (2/9 and the day before or after it, since 2021);
a holiday on a Saturday or Sunday is taken on the next working day (nghỉ bù). Which five
days of Tết, and which day beside 2/9, the Prime Minister decides each year for the civil
service ("nghỉ Tết theo quyết định hằng năm"), sometimes swapping a working day for a
Saturday (làm bù). A plan may add days off and days worked of its own
(`don_doc: {ngay_nghi, ngay_lam_bu}`).

Lunar dates in solar terms (Vietnamese lunar calendar, UTC+7; the tests recompute them):
    year  Tết (mùng 1)   Giỗ Tổ (10/3 âm lịch)
    2024  10/02 (Sat)    18/4 (Thu)
    2025  29/01 (Wed)    07/4 (Mon)
    2026  17/02 (Tue)    26/4 (Sun: nghỉ bù Mon 27/4)
    2027  06/02 (Sat)    16/4 (Fri)
    2028  26/01 (Wed)    04/4 (Tue)
    2029  13/02 (Tue)    23/4 (Mon)
    2030  02/02 (Sat)    12/4 (Fri)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import KehoachError

# Per year: the working days (Monday to Friday) that are holidays, and the Saturdays worked
# in exchange for a day off. 2024 and 2025 as the Government decided (Thông báo of Bộ Lao
# động - Thương binh và Xã hội); Tết 2026 as announced (14/2-22/2/2026). The rest by the
# law and the pattern of those years, until the year's decision: Tết, the working week of
# mùng 1 when it falls Tuesday to Thursday, or the two working days before it and three
# after when it falls on a Saturday; beside 2/9, the day that joins a weekend.
_DAYS_OFF: dict[int, tuple[str, str]] = {
    2024: ("1/1 8/2 9/2 12/2 13/2 14/2 18/4 29/4 30/4 1/5 2/9 3/9", "4/5"),
    2025: ("1/1 27/1 28/1 29/1 30/1 31/1 7/4 30/4 1/5 2/5 1/9 2/9", "26/4"),
    2026: ("1/1 16/2 17/2 18/2 19/2 20/2 27/4 30/4 1/5 1/9 2/9", ""),
    2027: ("1/1 4/2 5/2 8/2 9/2 10/2 16/4 30/4 3/5 2/9 3/9", ""),
    2028: ("3/1 24/1 25/1 26/1 27/1 28/1 4/4 1/5 2/5 1/9 4/9", ""),
    2029: ("1/1 12/2 13/2 14/2 15/2 16/2 23/4 30/4 1/5 3/9 4/9", ""),
    2030: ("1/1 31/1 1/2 4/2 5/2 6/2 12/4 30/4 1/5 2/9 3/9", ""),
}


def _dates(year: int, text: str) -> frozenset[date]:
    out = set()
    for token in text.split():
        day, month = token.split("/")
        out.add(date(year, int(month), int(day)))
    return frozenset(out)


HOLIDAYS: dict[int, frozenset[date]] = {y: _dates(y, off) for y, (off, _) in _DAYS_OFF.items()}
WORKED_SATURDAYS: dict[int, frozenset[date]] = {
    y: _dates(y, worked) for y, (_, worked) in _DAYS_OFF.items()
}


@dataclass(frozen=True)
class Calendar:
    """The shipped holidays, with the days a plan adds as days off or as days worked."""

    extra_off: frozenset[date] = frozenset()
    extra_worked: frozenset[date] = frozenset()

    @classmethod
    def of(cls, days_off: Iterable[date] = (), days_worked: Iterable[date] = ()) -> Calendar:
        return cls(frozenset(days_off), frozenset(days_worked))

    def knows(self, year: int) -> bool:
        return year in HOLIDAYS or any(d.year == year for d in self.extra_off)

    def is_working_day(self, day: date) -> bool:
        if not self.knows(day.year):
            raise KehoachError(
                f"chưa có lịch nghỉ lễ, Tết năm {day.year}: ghi các ngày nghỉ của năm đó trong "
                "“don_doc.ngay_nghi” của kế hoạch (chương trình có sẵn lịch năm "
                f"{min(HOLIDAYS)}-{max(HOLIDAYS)})"
            )
        if day in self.extra_worked or day in WORKED_SATURDAYS.get(day.year, frozenset()):
            return True
        if day.weekday() >= 5:
            return False
        return day not in self.extra_off and day not in HOLIDAYS.get(day.year, frozenset())

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (`start` itself not counted)."""
        day = start
        left = count
        while left > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day
