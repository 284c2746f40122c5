"""Long empty spans of a timeline, shortened to one marked row ("15 years later")."""

from __future__ import annotations

import math

GAP_DAYS = 183  # a gap of half a year or more between events is shortened and marked


def gap_days(latest_end: float | None, next_start: float) -> int | None:
    """Days of empty time before an event, when long enough to shorten; else None.

    Both are day numbers (FuzzyDate.first and .last): `latest_end` the moment after the latest
    event ends, `next_start` the first moment of the next; whole days count as before, from
    the last day of one to the first day of the other."""
    if latest_end is None:
        return None
    days = math.floor(next_start - latest_end) + 1
    return days if days >= GAP_DAYS else None


def gap_words(days: int) -> str:
    """What a shortened gap says in place of the time it leaves out."""
    if days >= 730:
        return f"{days // 365} years later"
    if days >= 365:
        return "a year later"
    return f"{days // 30} months later"
