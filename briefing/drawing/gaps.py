"""Long empty spans of a timeline, shortened to one marked row ("15 years later")."""

from __future__ import annotations

import datetime as dt

GAP_DAYS = 183  # a gap of half a year or more between events is shortened and marked


def gap_days(latest_end: dt.date | None, next_start: dt.date) -> int | None:
    """Days of empty time before an event, when long enough to shorten; else None."""
    if latest_end is None:
        return None
    days = (next_start - latest_end).days
    return days if days >= GAP_DAYS else None


def gap_words(days: int) -> str:
    """What a shortened gap says in place of the time it leaves out."""
    if days >= 730:
        return f"{days // 365} years later"
    if days >= 365:
        return "a year later"
    return f"{days // 30} months later"
