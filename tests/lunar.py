"""The Vietnamese lunar calendar, computed as Hồ Ngọc Đức's published algorithm does (new
moons and the sun's longitude by Meeus's formulas, days counted in the local time zone),
to check the holiday table against a source independent of it. Vietnam counts days in
UTC+7, China in UTC+8: the algorithm gives the known years where the two differ (Tết 1985:
21/1 in Vietnam, 20/2 in China; Tết 2007: 17/2 and 18/2).
"""

from __future__ import annotations

import math
from datetime import date

VIETNAM = 7.0
_DR = math.pi / 180
_MONTH = 29.530588853
_EPOCH = 2415021.076998695  # the new moon of 1 January 1900


def jd(day: date) -> int:
    return day.toordinal() + 1721425


def from_jd(number: int) -> date:
    return date.fromordinal(number - 1721425)


def _new_moon(k: int) -> float:
    """The k-th new moon after 1 January 1900, as a Julian day (Meeus)."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _DR)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * _DR) + 0.0021 * math.sin(2 * _DR * m)
    c1 = c1 - 0.4068 * math.sin(mpr * _DR) + 0.0161 * math.sin(_DR * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(_DR * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(_DR * 2 * f) - 0.0051 * math.sin(_DR * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(_DR * (m - mpr)) + 0.0004 * math.sin(_DR * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(_DR * (2 * f - m)) - 0.0006 * math.sin(_DR * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(_DR * (2 * f - mpr)) + 0.0005 * math.sin(_DR * (2 * mpr + m))
    if t < -11:
        delta = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta


def _new_moon_day(k: int, tz: float) -> int:
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_longitude(jdn: float) -> float:
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(_DR * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(_DR * 2 * m) + 0.000290 * math.sin(_DR * 3 * m)
    longitude = (l0 + dl) * _DR
    return longitude - math.pi * 2 * math.floor(longitude / (math.pi * 2))


def _sector(day_number: int, tz: float) -> int:
    """Which twelfth of the ecliptic the sun is in at the start of a local day."""
    return math.floor(_sun_longitude(day_number - 0.5 - tz / 24) / math.pi * 6)


def _month11(year: int, tz: float) -> int:
    """The first day of the lunar month holding the winter solstice of `year`."""
    k = math.floor((jd(date(year, 12, 31)) - 2415021) / _MONTH)
    start = _new_moon_day(k, tz)
    return _new_moon_day(k - 1, tz) if _sector(start, tz) >= 9 else start


def _leap_offset(a11: int, tz: float) -> int:
    k = math.floor((a11 - _EPOCH) / _MONTH + 0.5)
    i = 1
    arc = _sector(_new_moon_day(k + i, tz), tz)
    while True:
        last = arc
        i += 1
        arc = _sector(_new_moon_day(k + i, tz), tz)
        if arc == last or i >= 14:
            return i - 1


def solar(day: int, month: int, year: int, tz: float = VIETNAM) -> date:
    """The solar date of a lunar day (not in a leap month)."""
    if month < 11:
        a11, b11 = _month11(year - 1, tz), _month11(year, tz)
    else:
        a11, b11 = _month11(year, tz), _month11(year + 1, tz)
    k = math.floor(0.5 + (a11 - _EPOCH) / _MONTH)
    offset = (month - 11) % 12
    if b11 - a11 > 365 and offset >= _leap_offset(a11, tz):
        offset += 1
    return from_jd(_new_moon_day(k + offset, tz) + day - 1)
