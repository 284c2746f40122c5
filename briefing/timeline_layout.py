"""The timeline's layout without Qt: events as marks in lanes, indexed by date for culling.

Worked out once per briefing (on the loading thread: 90-180 ms for 10,000 events), then read by
the timeline panel on every paint: per-lane sorted dates to cull by binary search, and the
thinning arithmetic that keeps one mark per pixel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from briefing.drawing.axis import to_x
from briefing.drawing.gaps import ShortenedAxis, axis_breaks
from briefing.drawing.lanes import event_lanes
from briefing.model import Briefing


@dataclass
class Marks:
    """One row per (event, lane) an event is drawn in, sorted by lane then start."""

    ids: list[str]  # event ids, by event index
    titles: list[str]
    event: np.ndarray  # event index per mark
    lane: np.ndarray
    x0: np.ndarray  # first day
    x1: np.ndarray  # the day after the last day
    exact: np.ndarray

    @classmethod
    def empty(cls) -> Marks:
        nothing = np.zeros(0)
        return cls([], [], nothing.astype(int), nothing.astype(int), nothing, nothing, nothing > 0)


@dataclass
class TimelineData:
    """What the timeline draws of a briefing, worked out without Qt (on the loading thread)."""

    lanes: list[tuple[str, str]]  # (side id or "" for no side, name) of each lane
    marks: Marks
    index: list[LaneIndex]
    extent: tuple[float, float] | None  # first day, day after the last
    default: tuple[float, float]  # default_range(marks)
    # The axis x is measured on: days, or days with long empty stretches shortened.
    shortened: ShortenedAxis = field(default_factory=ShortenedAxis)
    short: TimelineData | None = None  # with_gaps_shortened(), worked out with the rest

    def view(self, gaps_shortened: bool) -> TimelineData:
        return self.short or self if gaps_shortened else self

    def with_gaps_shortened(self) -> TimelineData:
        """The same marks on an axis with its long empty stretches shortened (drawing.gaps)."""
        if self.shortened.breaks or len(self.marks.x0) == 0:
            return self
        axis = axis_breaks(self.marks.x0, self.marks.x1)
        if not axis.breaks:
            return self
        marks = replace(self.marks, x0=axis.place(self.marks.x0), x1=axis.place(self.marks.x1))
        index = []
        for lane in self.index:
            x0, x1 = axis.place(lane.span_x0), axis.place(lane.span_x1)
            longest = float((x1 - x0).max()) if len(x0) else 0.0
            # A day is never inside a break (it starts and ends a stretch), so its centre
            # moves with its start.
            day_x = axis.place(lane.day_x - 0.5) + 0.5
            index.append(LaneIndex(day_x, lane.day_mark, x0, x1, lane.span_mark, longest))
        extent = (float(marks.x0.min()), float(marks.x1.max()))
        return TimelineData(self.lanes, marks, index, extent, default_range(marks), axis)


def timeline_data(briefing: Briefing | None) -> TimelineData:
    """Lanes, marks and their per-lane index: one pass over the events, then numpy.

    It takes no Qt and touches nothing shared, so it is worked out on the loading thread
    (briefing.derived); on the UI thread it cost 90-180 ms for 10,000 events.
    """
    if briefing is None:
        marks = Marks.empty()
        return TimelineData([], marks, [], None, default_range(marks))
    lanes = event_lanes(briefing)
    events = briefing.events
    mark_event: list[int] = []
    mark_lane: list[int] = []
    for index, in_lanes in enumerate(lanes.of_event):
        for lane in in_lanes:
            mark_event.append(index)
            mark_lane.append(lane)
    count = len(events)
    dates = [event.date for event in events]
    # Day numbers, not calendar days: they hold years BC and the time of day.
    first = np.fromiter((d.first for d in dates), dtype=float, count=count)
    last = np.fromiter((d.last for d in dates), dtype=float, count=count)
    exact = np.fromiter((d.is_exact for d in dates), dtype=bool, count=count)
    event_of = np.array(mark_event, dtype=int)
    lane_arr = np.array(mark_lane, dtype=int)
    # By lane, then start; ties keep event order (both sorts are stable).
    order = np.lexsort((first[event_of], lane_arr)) if len(event_of) else event_of
    event_of, lane_arr = event_of[order], lane_arr[order]
    marks = Marks(
        [e.id for e in events],
        [e.title for e in events],
        event_of,
        lane_arr,
        first[event_of],
        last[event_of],
        exact[event_of],
    )
    extent = (float(marks.x0.min()), float(marks.x1.max())) if len(marks.x0) else None
    data = TimelineData(
        lanes.keys, marks, index_lanes(marks, len(lanes.keys)), extent, default_range(marks)
    )
    data.short = data.with_gaps_shortened()
    return data


def default_range(marks: Marks) -> tuple[float, float]:
    """Where most events are: the full extent, unless a few far-off events would squash them."""
    if len(marks.x0) == 0:
        today = to_x(dt.date.today())
        return today - 365, today + 30
    first, last = float(marks.x0.min()), float(marks.x1.max())
    middles = np.sort((marks.x0 + marks.x1) / 2)
    keep = max(1, int(np.ceil(len(middles) * 0.8)))
    widths = middles[keep - 1 :] - middles[: len(middles) - keep + 1]
    start = int(np.argmin(widths))
    dense = (float(middles[start]), float(middles[start + keep - 1]))
    if last - first > 4 * max(dense[1] - dense[0], 30):
        first, last = dense
    pad = max((last - first) * 0.08, 3.0)
    return first - pad, last + pad


@dataclass
class LaneIndex:
    """One lane's marks split into days and spans, each sorted by date, for culling by search."""

    day_x: np.ndarray  # centre of each day mark, ascending
    day_mark: np.ndarray  # index into Marks of each
    span_x0: np.ndarray  # start of each span, ascending
    span_x1: np.ndarray
    span_mark: np.ndarray
    longest: float  # the longest span: a span starting this far left of the view may reach in


def index_lanes(marks: Marks, lane_count: int) -> list[LaneIndex]:
    lanes = []
    for lane in range(lane_count):
        mine = marks.lane == lane
        days = np.flatnonzero(mine & marks.exact)
        days = days[np.argsort(marks.x0[days], kind="stable")]
        spans = np.flatnonzero(mine & ~marks.exact)
        spans = spans[np.argsort(marks.x0[spans], kind="stable")]
        lengths = marks.x1[spans] - marks.x0[spans]
        lanes.append(
            LaneIndex(
                marks.x0[days] + 0.5,
                days,
                marks.x0[spans],
                marks.x1[spans],
                spans,
                float(lengths.max()) if len(lengths) else 0.0,
            )
        )
    return lanes


@dataclass
class ShownLane:
    """One lane's marks the filter leaves, worked out once per filter or highlight, not per
    paint: the lane's index cut to them, each day's first day, and which are highlighted.

    A paint then culls by binary search alone and reads the days' dates as one contiguous
    slice: at 100,000 events, masking every mark in view by the filter and gathering dates
    through index arrays cost more than the drawing.
    """

    index: LaneIndex
    day_x0: np.ndarray  # marks.x0 of each day, ascending (its pixel: floor((x0 + 0.5) * sx + dx))
    day_lit: np.ndarray  # per day: highlighted
    span_lit: np.ndarray  # per span: highlighted
    any_lit_day: bool
    any_lit_span: bool


def shown_lanes(
    marks: Marks, lanes: list[LaneIndex], shown: np.ndarray, lit: np.ndarray
) -> list[ShownLane]:
    """Each lane's index kept to the marks `shown` leaves, with `lit` per day and span."""
    result = []
    for lane in lanes:
        days, spans = shown[lane.day_mark], shown[lane.span_mark]
        day_mark, span_mark = lane.day_mark[days], lane.span_mark[spans]
        x0, x1 = lane.span_x0[spans], lane.span_x1[spans]
        longest = float((x1 - x0).max()) if len(x0) else 0.0
        index = LaneIndex(lane.day_x[days], day_mark, x0, x1, span_mark, longest)
        day_lit, span_lit = lit[day_mark], lit[span_mark]
        result.append(
            ShownLane(
                index,
                marks.x0[day_mark],
                day_lit,
                span_lit,
                bool(day_lit.any()),
                bool(span_lit.any()),
            )
        )
    return result


def first_in_runs(pixels: np.ndarray) -> np.ndarray:
    """Of sorted pixel positions, the first of each run of equal ones: one mark per pixel."""
    keep = np.ones(len(pixels), dtype=bool)
    keep[1:] = pixels[1:] != pixels[:-1]
    return keep


def run_starts(
    keys: np.ndarray,
    lo: int,
    hi: int,
    value: Callable[[np.ndarray], np.ndarray],
    edges: np.ndarray,
) -> np.ndarray:
    """Of positions lo..hi-1, where `value(positions)` never decreases, the first of each run of
    equal values: first_in_runs(value(arange(lo, hi))) without working out every value.

    `edges` are guesses at the keys (ascending) where the value steps up, such as where each
    pixel begins; their positions are checked exactly (each starts a new value, and the value
    just before it is the previous start's), and on any miss every value is worked out. The
    timeline thins 25,000 days of a lane in view to the 400 pixel bins that can show a mark.
    """
    if hi <= lo:
        return np.zeros(0, dtype=np.intp)
    if hi - lo > 2 * len(edges) + 16:
        found = np.searchsorted(keys[lo:hi], edges) + lo  # ascending
        found = found[(found > lo) & (found < hi)]
        guess = np.concatenate(([lo], found[first_in_runs(found)]))
        # Every check's values in one call: each guess, the position before each guess but
        # the first, and the last position (a few numpy calls, each a few microseconds).
        count = len(guess)
        values = value(np.concatenate((guess, guess[1:] - 1, [hi - 1])))
        starts, before = values[:count], values[count:-1]
        if (
            bool((starts[1:] > starts[:-1]).all())
            and bool((before == starts[:-1]).all())
            and values[-1] == starts[-1]
        ):
            return guess
    positions = np.arange(lo, hi)
    return positions[first_in_runs(value(positions))]


def merge_spans(p0: np.ndarray, p1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Overlapping pixel spans (sorted by start) merged into the stretches they cover."""
    reach = np.maximum.accumulate(p1)
    starts = np.ones(len(p0), dtype=bool)
    starts[1:] = p0[1:] > reach[:-1] + 1
    first = np.flatnonzero(starts)
    last = np.append(first[1:], len(p0)) - 1
    return p0[first], reach[last]


def event_at(
    marks: Marks, lanes: list[LaneIndex], shown: np.ndarray, x: float, y: float, tolerance: float
) -> str | None:
    """The id of the shown event at (x days, y lane), within `tolerance` days: the nearest day
    mark, else the shortest span (the first in date order of equals).

    Found through the lane's index by binary search, so a mouse move over 100,000 events costs
    about what it does over 100; only the few marks near x are compared.
    """
    lane = round(y)
    if not 0 <= lane < len(lanes):
        return None
    index = lanes[lane]
    # A slice a little wider than the tolerance, then the exact test on the few marks in it.
    slack = tolerance + 1e-6
    d0, d1 = np.searchsorted(index.day_x, (x - slack, x + slack))
    near = np.abs(index.day_x[d0:d1] - x)
    days = (near <= tolerance) & shown[index.day_mark[d0:d1]]
    if days.any():
        best = np.flatnonzero(days)[np.argmin(near[days])]
        return marks.ids[int(marks.event[index.day_mark[d0 + best]])]
    s0 = np.searchsorted(index.span_x0, x - slack - index.longest)
    s1 = np.searchsorted(index.span_x0, x + slack, side="right")
    x0, x1 = index.span_x0[s0:s1], index.span_x1[s0:s1]
    spans = (x0 - tolerance <= x) & (x1 + tolerance >= x) & shown[index.span_mark[s0:s1]]
    if spans.any():
        candidates = np.flatnonzero(spans)
        best = candidates[np.argmin(x1[candidates] - x0[candidates])]
        return marks.ids[int(marks.event[index.span_mark[s0 + best]])]
    return None
