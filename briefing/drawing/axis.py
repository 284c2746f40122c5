"""The date axis: a day as x (days since 1970), and ticks by days, weeks, months or years.

Years are ticked from day numbers (briefing.dates), so an axis reaches years BC and the age of
the universe; days, weeks and months are ticked in years 1 to 9999 only."""

from __future__ import annotations

import datetime as dt
import math

from briefing.dates import MONTH_ABBR, day_number, year_label, year_of_day

EPOCH = dt.date(1970, 1, 1).toordinal()


def to_x(day: dt.date) -> float:
    """A day as the timeline's x: days since 1970-01-01."""
    return float(day.toordinal() - EPOCH)


def from_x(x: float) -> dt.date:
    ordinal = min(max(math.floor(x) + EPOCH, 1), dt.date.max.toordinal())
    return dt.date.fromordinal(int(ordinal))


# (unit, count, approximate days); the axis picks the first that leaves room for its labels.
_STEPS = [
    ("day", 1, 1.0),
    ("day", 2, 2.0),
    ("week", 1, 7.0),
    ("week", 2, 14.0),
    ("month", 1, 30.44),
    ("month", 3, 91.3),
    ("month", 6, 182.6),
    *(("year", n * 10**k, 365.25 * n * 10**k) for k in range(11) for n in (1, 2, 5)),
]
_LABEL_PX = {"day": 80.0, "week": 80.0, "month": 70.0, "year": 55.0}


def date_ticks(x0: float, x1: float, pixels: float) -> tuple[str, list[float]]:
    """Tick positions for the visible range: days, weeks, months or years as the zoom allows."""
    span = max(x1 - x0, 1e-6)
    for unit, count, days in _STEPS:  # noqa: B007 (the loop picks a step)
        if span / days <= max(pixels / _LABEL_PX[unit], 1.0):
            break
    first, last = from_x(x0), from_x(x1 + 1)
    values: list[float] = []
    if unit in ("day", "week"):
        step = count * (7 if unit == "week" else 1)
        start = to_x(first)
        if unit == "week":
            start -= first.weekday()  # weeks start on Mondays
        else:
            start -= (first.toordinal() - EPOCH) % step
        values = [start + step * i for i in range(math.ceil((x1 + 1 - start) / step))]
    elif unit == "month":
        index = (first.year * 12 + first.month - 1) // count * count
        while index <= last.year * 12 + last.month - 1:
            year, month = divmod(index, 12)
            if 1 <= year <= 9999:
                values.append(to_x(dt.date(year, month + 1, 1)))
            index += count
    else:
        first_year = year_of_day(math.floor(x0))
        last_year = year_of_day(math.floor(x1) + 1)
        values = [
            float(day_number(year, 1, 1)) for year in _round_years(first_year, last_year, count)
        ]
    return unit, [v for v in values if x0 - 1 <= v <= x1 + 1]


def _round_years(first: int, last: int, count: int) -> list[int]:
    """Astronomical years from first to last whose number a reader sees is a multiple of
    count: 1900, 2000 ... and 100 BC, 200 BC (astronomical -99, -199) before year 1."""
    years = []
    if first <= 0:  # years BC: n BC is astronomical 1 - n
        most, least = 1 - first, 1 - min(last, 0)
        years += [1 - n for n in range(most // count * count, least - 1, -count) if n >= 1]
    if last >= 1:
        start = max(first, 1)
        years += list(range(-(-start // count) * count, last + 1, count))
    return years


def tick_label(unit: str, x: float, first: bool) -> str:
    day = from_x(x + 0.5)
    if unit in ("day", "week"):
        text = f"{day.day} {MONTH_ABBR[day.month]}"
        return f"{text} {day.year}" if first or (day.month == 1 and day.day == 1) else text
    if unit == "month":
        return (
            f"{MONTH_ABBR[day.month]} {day.year}"
            if first or day.month == 1
            else MONTH_ABBR[day.month]
        )
    year = year_of_day(math.floor(x + 0.5))
    before = 1 - year  # years BC, for the deep past: "13 bn BC", "300 million BC"
    if before >= 1_000_000_000:
        return f"{before / 1e9:g} bn BC"
    if before >= 1_000_000:
        return f"{before / 1e6:g} million BC"
    return year_label(year)
