"""Fuzzy dates: parse "2020-11-11", "2020-11", "1990s", "autumn 2020", "500 BC", a time of day
"2020-11-10T01:30+04:00" and ranges; order, format.

An analyst's date is often not a day. A FuzzyDate keeps the span it covers (first and last
day, inclusive), how precise it is, and the words it was written in, so that views can draw a
decade as a span rather than a false exact day, and sort it among exact dates.

Python's `datetime.date` holds years 1 to 9999 only, so a FuzzyDate also keeps its span as day
numbers (`first`, `last`: days since 1970-01-01 00:00 UTC, proleptic Gregorian calendar), which
hold any year and a time of day. Order, measure and draw with those; `start` and `end` are the
calendar days as written, and hold 0001-01-01 for a date before year 1.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from enum import StrEnum

from briefing.pickling import pickled_by_fields
from briefing.problems import quoted


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"
    SEASON = "season"
    RANGE = "range"
    TIME = "time"  # a moment of a day, with its UTC offset


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
# A time of day, with its UTC offset: "2020-11-10T01:30+04:00", "2020-11-10T01:30:15Z".
_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})"
)
# A year before year 1, as historians write it: "500 BC" (there is no year 0; 1 BC comes
# before 1). Up to eleven digits, enough for the age of the universe.
_BC = re.compile(r"([1-9][0-9]{0,10}) BC")
# A year of fewer than four digits, alone or with month and day: "602", "602-05".
_SHORT_YEAR = re.compile(r"[0-9]{1,3}(-[0-9]{1,2}){0,2}")


class DateError(ValueError):
    """A date that cannot be read; the message says why in the analyst's words."""


# Day numbers count from 1970-01-01, as the timeline's x does.
_EPOCH_SHIFT = 719468  # days from 0000-03-01 (astronomical year 0) to 1970-01-01


def day_number(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to a day of the proleptic Gregorian calendar, for any year
    (astronomical numbering: year 0 is 1 BC, -1 is 2 BC)."""
    y = year - (month <= 2)
    era, year_of_era = divmod(y, 400)
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - _EPOCH_SHIFT


def year_of_day(number: int) -> int:
    """The astronomical year a day number falls in (the inverse of day_number, year only)."""
    era, day_of_era = divmod(number + _EPOCH_SHIFT, 146097)
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    march_based_month = (5 * day_of_year + 2) // 153
    return year_of_era + era * 400 + (march_based_month >= 10)


def year_label(year: int) -> str:
    """An astronomical year as a reader writes it: 2020, or "500 BC" for -499."""
    return str(year) if year >= 1 else f"{1 - year} BC"


_SECONDS_A_DAY = 86400.0


@pickled_by_fields
@dataclass(frozen=True, order=True, slots=True)
class FuzzyDate:
    """A date of some precision: the span it may mean, as day numbers and calendar days.

    `first` is its first moment and `last` the moment after it ends, in days since
    1970-01-01 00:00 UTC; `start` and `end` are its first and last calendar day, inclusive,
    as written (0001-01-01 for a date before year 1). Dates order by `first`, then `last`.
    """

    first: float
    last: float
    start: dt.date
    end: dt.date
    precision: Precision
    text: str

    @property
    def is_exact(self) -> bool:
        return self.precision in (Precision.DAY, Precision.TIME)

    @property
    def before_year_one(self) -> bool:
        return self.first < _YEAR_ONE

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
                return year_label(year_of_day(math.floor(self.first)))
            case Precision.DECADE:
                return f"{self.start.year}s"
            case Precision.SEASON:
                return self.text.strip().lower()
            case Precision.RANGE:
                first, last = (parse_date(part) for part in self.text.split("/", 1))
                return f"{first.label()} – {last.label()}"
            case Precision.TIME:
                m = _TIME.fullmatch(self.text.strip())
                assert m is not None
                clock = f"{m[4]}:{m[5]}" + (f":{m[6]}" if m[6] else "")
                zone = "UTC" if m[7] == "Z" else f"UTC{m[7]}"
                day = self.start
                return f"{day.day} {MONTH_ABBR[day.month]} {day.year} {clock} {zone}"
        raise AssertionError(self.precision)

    def __str__(self) -> str:
        return self.text


def _span(start: dt.date, end: dt.date, precision: Precision, text: str) -> FuzzyDate:
    """Whole calendar days from start to end, inclusive, each taken as a UTC day."""
    first = float(start.toordinal() - _EPOCH_ORDINAL)
    last = float(end.toordinal() - _EPOCH_ORDINAL + 1)
    return FuzzyDate(first, last, start, end, precision, text)


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_YEAR_ONE = float(day_number(1, 1, 1))


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
        if last.last <= first.first:
            raise DateError(f"range ends before it starts: {raw!r}")
        return FuzzyDate(
            first.first,
            last.last,
            first.start,
            last.end,
            Precision.RANGE,
            f"{first_text}/{last_text}",
        )
    if m := _DAY.fullmatch(text):
        # The commonest date: read in C (a fifth of the time), the same day as _day's; _day
        # again only to say why a day does not exist.
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            day = _day(int(m[1]), int(m[2]), int(m[3]))
        first = float(day.toordinal() - _EPOCH_ORDINAL)
        return FuzzyDate(first, first + 1.0, day, day, Precision.DAY, text)
    if m := _TIME.fullmatch(text):
        return _time_of_day(m, text)
    if m := _MONTH.fullmatch(text):
        year, month = int(m[1]), int(m[2])
        return _span(_day(year, month, 1), _month_end(year, month), Precision.MONTH, text)
    if m := _YEAR.fullmatch(text):
        year = int(m[1])
        return _span(_day(year, 1, 1), _day(year, 12, 31), Precision.YEAR, text)
    if m := _BC.fullmatch(text):
        year = 1 - int(m[1])  # astronomical: 1 BC is year 0
        first = float(day_number(year, 1, 1))
        last = float(day_number(year + 1, 1, 1))
        return FuzzyDate(first, last, dt.date.min, dt.date.min, Precision.YEAR, text)
    if m := _DECADE.fullmatch(text):
        first_year = int(m[1]) * 10
        if first_year == 0:
            raise DateError("year 0 does not exist; the first decade is not supported")
        return _span(_day(first_year, 1, 1), _day(first_year + 9, 12, 31), Precision.DECADE, text)
    if m := _SEASON.fullmatch(text):
        first_month, last_month = SEASONS[m[1].lower()]
        year = int(m[2])
        last_year = year + 1 if last_month < first_month else year
        return _span(
            _day(year, first_month, 1),
            _month_end(last_year, last_month),
            Precision.SEASON,
            text,
        )
    raise DateError(f"cannot read {quoted(raw)} as a date; {_hint(text)}")


def _time_of_day(m: re.Match[str], text: str) -> FuzzyDate:
    """A moment "YYYY-MM-DDTHH:MM[:SS]" with its offset "Z" or "+HH:MM": a span of the minute
    (or second) it names, placed by its UTC time; `start` and `end` are the day as written."""
    day = _day(int(m[1]), int(m[2]), int(m[3]))
    hour, minute, second = int(m[4]), int(m[5]), int(m[6] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateError(f"{text!r} has no such time of day (00:00 to 23:59:59)")
    offset = 0
    if m[7] != "Z":
        sign = -1 if m[7][0] == "-" else 1
        off_hours, off_minutes = int(m[7][1:3]), int(m[7][4:6])
        if off_hours > 14 or off_minutes > 59:
            raise DateError(f"{text!r} has no such UTC offset (-14:00 to +14:00)")
        offset = sign * (off_hours * 3600 + off_minutes * 60)
    seconds = hour * 3600 + minute * 60 + second - offset
    first = day.toordinal() - _EPOCH_ORDINAL + seconds / _SECONDS_A_DAY
    length = (1.0 if m[6] else 60.0) / _SECONDS_A_DAY
    return FuzzyDate(first, first + length, day, day, Precision.TIME, text)


def _hint(text: str) -> str:
    """What to write instead, for the near misses an analyst makes."""
    if re.fullmatch(r"-[0-9]+(-[0-9]{1,2}){0,2}", text):
        return "write a year before year 1 as a year BC, like '500 BC' (there is no year 0)"
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?", text):
        moment = text.replace(" ", "T")
        return f"give the time's UTC offset: {moment}Z or {moment}+04:00"
    if _SHORT_YEAR.fullmatch(text):
        year, *rest = text.split("-")
        padded = "-".join([year.zfill(4), *(part.zfill(2) for part in rest)])
        return f"a year has four digits: write {padded!r}"
    if any(char.isdigit() and not "0" <= char <= "9" for char in text):
        return "write the digits as 0-9 (ASCII), as in 2020-11-22"
    return (
        "write YYYY-MM-DD, YYYY-MM, YYYY, a decade like 1990s, "
        "a season like 'autumn 2020', a year before year 1 like '500 BC', "
        "a time like 2020-11-10T01:30+04:00, or a range FROM/TO"
    )
