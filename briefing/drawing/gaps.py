"""Long empty spans of a timeline, shortened to one marked row ("15 years later")."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from briefing.drawing.distinct import sorted_distinct

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


# --- on a date axis ------------------------------------------------------------------------
# The PDF lists events one row each, so a gap there is a row. A date axis has no rows: it
# shortens, to BREAK_DAYS, every stretch of GAP_DAYS or more in which no event starts or ends,
# whether it is empty (marked in words, as on paper) or inside a long fuzzy date such as
# "1990s" (a decade would otherwise squeeze the rest of the axis as much as an empty one).

BREAK_DAYS = 30.0  # how wide a shortened stretch is drawn, in days of the axis


@dataclass(frozen=True)
class AxisBreak:
    """A stretch of time the axis shortens: from `start` to `end` (axis days since 1970)."""

    start: float
    end: float
    words: str  # what an empty stretch says ("15 years later"); "" inside a fuzzy date


@dataclass(frozen=True)
class ShortenedAxis:
    """Days (since 1970) to positions on a shortened axis and back: piecewise linear, the same
    as days after the last break, so the latest events keep their place."""

    breaks: tuple[AxisBreak, ...] = ()

    @cached_property
    def _knots(self) -> tuple[np.ndarray, np.ndarray]:
        days, places = [-1e9], [-1e9]
        removed = 0.0  # days left out by the breaks so far
        for brk in self.breaks:
            days += [brk.start, brk.end]
            places += [brk.start - removed, brk.start - removed + BREAK_DAYS]
            removed += brk.end - brk.start - BREAK_DAYS
        days.append(1e9)
        places.append(1e9)
        days_a, places_a = np.array(days), np.array(places)
        # Measured from the end: after the last break a day keeps its own place.
        places_a[1:-1] += removed
        places_a[0] = days_a[0] + (places_a[1] - days_a[1])
        return days_a, places_a

    def place(self, days: np.ndarray | float) -> np.ndarray:
        """Where days fall on the shortened axis."""
        if not self.breaks:
            return np.asarray(days, dtype=float)
        knots, places = self._knots
        return np.interp(days, knots, places)

    def day(self, places: np.ndarray | float) -> np.ndarray:
        """The days at places on the shortened axis."""
        if not self.breaks:
            return np.asarray(places, dtype=float)
        knots, places_k = self._knots
        return np.interp(places, places_k, knots)

    def shown_breaks(self) -> list[tuple[float, float, str]]:
        """Each break as drawn: its first and last place on the axis, and its words."""
        starts = self.place(np.array([b.start for b in self.breaks])).tolist()
        return [(s, s + BREAK_DAYS, b.words) for s, b in zip(starts, self.breaks, strict=True)]


def axis_breaks(first: np.ndarray, last: np.ndarray) -> ShortenedAxis:
    """The stretches of GAP_DAYS or more in which no event starts or ends. `first` holds each
    event's first day, `last` the day after its last (axis days since 1970)."""
    if len(first) == 0:
        return ShortenedAxis()
    bounds = sorted_distinct(np.concatenate([first, last]))
    long = np.flatnonzero(np.diff(bounds) >= GAP_DAYS)
    if len(long) == 0:
        return ShortenedAxis()
    # Empty time: no event covers it. Walk events by start, keeping the latest end so far.
    order = np.argsort(first, kind="stable")
    starts, reach = first[order], np.maximum.accumulate(last[order])
    breaks = []
    for i in long.tolist():
        a, b = float(bounds[i]), float(bounds[i + 1])
        before = np.searchsorted(starts, a, side="right")  # events starting by a
        empty = before == 0 or reach[before - 1] <= a
        breaks.append(AxisBreak(a, b, gap_words(int(b - a)) if empty else ""))
    return ShortenedAxis(tuple(breaks))
