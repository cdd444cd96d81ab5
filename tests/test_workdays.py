"""Working days: the holiday table against the law and an independent lunar calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from lunar import solar

from kehoach_docs.errors import KehoachError
from kehoach_docs.workdays import HOLIDAYS, WORKED_SATURDAYS, Calendar

YEARS = sorted(HOLIDAYS)


def test_the_lunar_calendar_is_vietnams() -> None:
    # The years the Vietnamese calendar (UTC+7) and the Chinese one (UTC+8) differ.
    assert solar(1, 1, 1985) == date(1985, 1, 21)
    assert solar(1, 1, 1985, tz=8.0) == date(1985, 2, 20)
    assert solar(1, 1, 2007) == date(2007, 2, 17)
    assert solar(1, 1, 2007, tz=8.0) == date(2007, 2, 18)


def taken(holiday: date, off: frozenset[date]) -> bool:
    """A holiday is a day off, or, falling on a weekend, is taken soon after (nghỉ bù)."""
    if holiday.weekday() < 5:
        return holiday in off
    return any(holiday + timedelta(days=n) in off for n in range(1, 4))


def test_table_covers_2024_to_2030() -> None:
    assert set(range(2024, 2031)) <= set(YEARS)


@pytest.mark.parametrize("year", YEARS)
def test_every_holiday_of_the_law_is_in_the_year(year: int) -> None:
    """Bộ luật Lao động 2019, Điều 112: 11 days, each taken on a working day; a swap adds
    a day off and a Saturday worked."""
    off = HOLIDAYS[year]
    worked = WORKED_SATURDAYS[year]
    assert all(d.weekday() < 5 for d in off), "a holiday on a weekend is taken on a weekday"
    assert all(d.weekday() == 5 for d in worked)
    assert len(off) == 11 + len(worked)
    tet = solar(1, 1, year)
    # Five working days of Tết: mùng 1 among them (or the weekend it falls on), from at
    # most three days before it.
    around = {tet + timedelta(days=n) for n in range(-4, 9)}
    assert len(off & around) == 5
    assert min(off & around) < tet
    assert taken(solar(10, 3, year), off)  # Giỗ Tổ Hùng Vương, 10/3 âm lịch
    for holiday in (date(year, 1, 1), date(year, 4, 30), date(year, 5, 1), date(year, 9, 2)):
        assert taken(holiday, off), holiday
    september = [d for d in off if date(year, 8, 30) <= d <= date(year, 9, 5)]
    assert len(september) == 2  # Quốc khánh: 2/9 and the day beside it


def test_known_decisions() -> None:
    # Tết Giáp Thìn 2024: 8/2-14/2; 30/4-1/5/2024 swapped with Saturday 4/5.
    assert {date(2024, 2, d) for d in (8, 9, 12, 13, 14)} <= HOLIDAYS[2024]
    assert date(2024, 4, 29) in HOLIDAYS[2024] and date(2024, 5, 4) in WORKED_SATURDAYS[2024]
    # Tết Ất Tỵ 2025: 25/1-2/2; 2/5/2025 swapped with Saturday 26/4.
    assert {date(2025, 1, d) for d in range(27, 32)} <= HOLIDAYS[2025]
    assert date(2025, 5, 2) in HOLIDAYS[2025] and date(2025, 4, 26) in WORKED_SATURDAYS[2025]


def test_working_days_skip_weekends_and_holidays() -> None:
    calendar = Calendar()
    # Friday 21/6/2024: the next five working days end on Friday 28/6.
    assert calendar.add_working_days(date(2024, 6, 21), 5) == date(2024, 6, 28)
    # Friday 26/4/2024: Monday 29/4 to Wednesday 1/5 off, Saturday 4/5 worked.
    assert calendar.add_working_days(date(2024, 4, 26), 5) == date(2024, 5, 7)
    # Friday 24/1/2025: Tết 27/1-31/1.
    assert calendar.add_working_days(date(2025, 1, 24), 5) == date(2025, 2, 7)
    # Friday 29/12/2028 over New Year: 1/1/2029 is a Monday holiday.
    assert calendar.add_working_days(date(2028, 12, 29), 1) == date(2029, 1, 2)


def test_a_plan_adds_days_off_and_days_worked() -> None:
    own = Calendar.of([date(2024, 6, 24)], [date(2024, 6, 22)])
    # Saturday 22/6 worked, Monday 24/6 off.
    assert own.add_working_days(date(2024, 6, 21), 2) == date(2024, 6, 25)


def test_a_year_without_holidays_is_named() -> None:
    with pytest.raises(KehoachError, match="chưa có lịch nghỉ lễ, Tết năm 2031"):
        Calendar().add_working_days(date(2030, 12, 30), 5)
    own = Calendar.of([date(2031, 1, 1)])
    assert own.add_working_days(date(2030, 12, 31), 1) == date(2031, 1, 2)
