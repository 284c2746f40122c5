"""Fuzzy dates: parse "2020-11-11", "2020-11", "1990s", "autumn 2020" and ranges; order, format.

An analyst's date is often not a day. A FuzzyDate keeps the span it covers (first and last
day, inclusive), how precise it is, and the words it was written in, so that views can draw a
decade as a span rather than a false exact day, and sort it among exact dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from briefing.problems import quoted


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"
    SEASON = "season"
    RANGE = "range"


# Meteorological seasons, northern hemisphere; winter YEAR runs December YEAR to February YEAR+1.
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}

_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
MONTH_ABBR = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

# Matched whole (fullmatch) and with ASCII digits only: Python's \\d and int() also take
# full-width and Arabic-Indic digits, which a date of the format does not use.
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_YEAR = re.compile(r"([0-9]{4})")
_DECADE = re.compile(r"([0-9]{3})0s")
_SEASON = re.compile(r"(spring|summer|autumn|fall|winter)\s+([0-9]{4})", re.IGNORECASE)
# A year of fewer than four digits, alone or with month and day: "602", "602-05".
_SHORT_YEAR = re.compile(r"[0-9]{1,3}(-[0-9]{1,2}){0,2}")


class DateError(ValueError):
    """A date that cannot be read; the message says why in the analyst's words."""


@dataclass(frozen=True, order=True, slots=True)
class FuzzyDate:
    """A date of some precision: the first and last day it may mean, inclusive."""

    start: dt.date
    end: dt.date
    precision: Precision
    text: str

    @property
    def is_exact(self) -> bool:
        return self.precision is Precision.DAY

    @property
    def midpoint(self) -> dt.date:
        return self.start + (self.end - self.start) / 2

    def label(self) -> str:
        """The date for a reader: "11 Nov 2020", "Nov 2020", "1990s", "autumn 2020"."""
        match self.precision:
            case Precision.DAY:
                return f"{self.start.day} {MONTH_ABBR[self.start.month]} {self.start.year}"
            case Precision.MONTH:
                return f"{MONTH_ABBR[self.start.month]} {self.start.year}"
            case Precision.YEAR:
                return str(self.start.year)
            case Precision.DECADE:
                return f"{self.start.year}s"
            case Precision.SEASON:
                return self.text.strip().lower()
            case Precision.RANGE:
                first, last = (parse_date(part) for part in self.text.split("/", 1))
                return f"{first.label()} – {last.label()}"
        raise AssertionError(self.precision)

    def __str__(self) -> str:
        return self.text


def _day(year: int, month: int, day: int) -> dt.date:
    if not 1 <= year <= 9999:
        raise DateError(f"year {year} is out of range (1 to 9999)")
    if not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist")
    last = _days_in_month(year, month)
    if not 1 <= day <= last:
        raise DateError(
            f"day {day} does not exist: {calendar.month_name[month]} {year} has {last} days"
        )
    return dt.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    return 29 if month == 2 and calendar.isleap(year) else _DAYS_IN_MONTH[month]


def _month_end(year: int, month: int) -> dt.date:
    return _day(year, month, _days_in_month(year, month))


_MOMENT = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?Z)?$")


def parse_moment(text: str) -> dt.datetime:
    """A point in time in UTC, as a briefing's `revised` gives it: "2020-12-18" (its midnight)
    or "2020-12-18T14:05Z" / "2020-12-18T14:05:30Z"; raise DateError with the reason."""
    match = _MOMENT.match(text.strip())
    if match is None:
        raise DateError(
            f"cannot read {text!r} as a moment; write YYYY-MM-DD or YYYY-MM-DDTHH:MMZ (UTC)"
        )
    day = parse_date(match[1]).start
    hour, minute, second = (int(part or 0) for part in match.groups()[1:])
    try:
        return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=dt.UTC)
    except ValueError:
        raise DateError(f"{text.strip()!r} has no such time of day") from None


@functools.lru_cache(maxsize=8192)
def parse_date(text: str) -> FuzzyDate:
    """Read one fuzzy date or a range "FROM/TO" of two; raise DateError with the reason."""
    raw = text
    text = text.strip()
    if "/" in text:
        first_text, last_text = (part.strip() for part in text.split("/", 1))
        if "/" in last_text:
            raise DateError(f"a range has one '/', not more: {raw!r}")
        first, last = parse_date(first_text), parse_date(last_text)
        if last.end < first.start:
            raise DateError(f"range ends before it starts: {raw!r}")
        return FuzzyDate(first.start, last.end, Precision.RANGE, f"{first_text}/{last_text}")
    if m := _DAY.fullmatch(text):
        day = _day(int(m[1]), int(m[2]), int(m[3]))
        return FuzzyDate(day, day, Precision.DAY, text)
    if m := _MONTH.fullmatch(text):
        year, month = int(m[1]), int(m[2])
        return FuzzyDate(_day(year, month, 1), _month_end(year, month), Precision.MONTH, text)
    if m := _YEAR.fullmatch(text):
        year = int(m[1])
        return FuzzyDate(_day(year, 1, 1), _day(year, 12, 31), Precision.YEAR, text)
    if m := _DECADE.fullmatch(text):
        first_year = int(m[1]) * 10
        if first_year == 0:
            raise DateError("year 0 does not exist; the first decade is not supported")
        return FuzzyDate(
            _day(first_year, 1, 1), _day(first_year + 9, 12, 31), Precision.DECADE, text
        )
    if m := _SEASON.fullmatch(text):
        first_month, last_month = SEASONS[m[1].lower()]
        year = int(m[2])
        last_year = year + 1 if last_month < first_month else year
        return FuzzyDate(
            _day(year, first_month, 1),
            _month_end(last_year, last_month),
            Precision.SEASON,
            text,
        )
    raise DateError(f"cannot read {quoted(raw)} as a date; {_hint(text)}")


def _hint(text: str) -> str:
    """What to write instead, for the near misses an analyst makes."""
    if _SHORT_YEAR.fullmatch(text):
        year, *rest = text.split("-")
        padded = "-".join([year.zfill(4), *(part.zfill(2) for part in rest)])
        return f"a year has four digits: write {padded!r}"
    if any(char.isdigit() and not "0" <= char <= "9" for char in text):
        return "write the digits as 0-9 (ASCII), as in 2020-11-22"
    return (
        "write YYYY-MM-DD, YYYY-MM, YYYY, a decade like 1990s, "
        "a season like 'autumn 2020', or a range FROM/TO"
    )
