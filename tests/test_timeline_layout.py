"""The timeline's layout without Qt: marks by lane and date, thinning, and what is under a point."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from briefing.drawing.axis import to_x
from briefing.loader import load_text
from briefing.timeline_layout import (
    event_at,
    first_in_runs,
    merge_spans,
    run_starts,
    timeline_data,
)


def test_one_mark_per_pixel_and_overlapping_spans_merged() -> None:
    assert first_in_runs(np.array([1.0, 1.0, 2.0, 5.0, 5.0])).tolist() == [
        True,
        False,
        True,
        True,
        False,
    ]
    starts, ends = merge_spans(np.array([0.0, 2.0, 10.0]), np.array([5.0, 4.0, 12.0]))
    assert starts.tolist() == [0.0, 10.0] and ends.tolist() == [5.0, 12.0]


def test_the_event_under_a_point_is_the_nearest_day_else_the_shortest_span(briefings) -> None:
    briefing = load_text(briefings.yaml()).briefing
    data = timeline_data(briefing)
    lanes = [key for key, _ in data.lanes]
    shown = np.ones(len(data.marks.x0), dtype=bool)
    russia = lanes.index("ru")
    deploy = to_x(briefing.events_by_id["e-deploy"].date.start) + 0.5
    assert event_at(data.marks, data.index, shown, deploy, russia, 1.0) == "e-deploy"
    assert event_at(data.marks, data.index, shown, deploy + 30, russia, 1.0) is None
    turkey = lanes.index("tr")
    in_the_1990s = to_x(briefing.events_by_id["e-iraq"].date.start) + 100
    assert event_at(data.marks, data.index, shown, in_the_1990s, turkey, 1.0) == "e-iraq"
    hidden = data.marks.event != data.marks.ids.index("e-deploy")
    # e-mou is a day off
    assert event_at(data.marks, data.index, hidden, deploy, russia, 0.4) is None


def _scanned(marks, shown, x: float, y: float, tolerance: float) -> str | None:
    """What is under a point by looking at every mark: the rule event_at keeps, slowly."""
    mine = shown & (marks.lane == round(y))
    days = mine & marks.exact & (np.abs(marks.x0 + 0.5 - x) <= tolerance)
    if days.any():
        candidates = np.flatnonzero(days)
        best = candidates[np.argmin(np.abs(marks.x0[candidates] + 0.5 - x))]
        return marks.ids[int(marks.event[best])]
    spans = mine & ~marks.exact & (marks.x0 - tolerance <= x) & (marks.x1 + tolerance >= x)
    if spans.any():
        candidates = np.flatnonzero(spans)
        best = candidates[np.argmin(marks.x1[candidates] - marks.x0[candidates])]
        return marks.ids[int(marks.event[best])]
    return None


def test_the_event_under_a_point_is_found_through_the_lane_index_as_a_scan_finds_it(
    briefings,
) -> None:
    """Days, spans, several sides, a filter and shortened gaps: the index answers as looking
    at every mark does, at points on, between and beside the marks."""
    rng = random.Random(17)
    start = dt.date(2020, 1, 1)
    events = []
    for n in range(300):
        first = start + dt.timedelta(days=rng.randrange(0, 400) + (3000 if n % 50 == 0 else 0))
        date = first.isoformat()
        if n % 3 == 0:
            date += "/" + (first + dt.timedelta(days=rng.randrange(1, 60))).isoformat()
        sides = rng.sample(["ru", "tr"], rng.randrange(0, 3))
        events.append({"id": f"e{n}", "date": date, "title": f"Event {n}", "sides": sides})
    briefing = load_text(briefings.yaml(events=events, claims=[])).briefing
    assert briefing is not None
    for data in (timeline_data(briefing), timeline_data(briefing).short):
        marks = data.marks
        everything = np.ones(len(marks.x0), dtype=bool)
        filtered = np.array([rng.random() < 0.6 for _ in marks.x0])
        points = list(marks.x0 + 0.5) + list(marks.x1) + [rng.uniform(-5, 5) for _ in range(50)]
        points += list(marks.x0 + 0.5 + 0.3)
        found = 0
        for shown in (everything, filtered):
            for x in points:
                for y in (rng.uniform(-0.6, len(data.lanes) - 0.4),):
                    for tolerance in (0.4, 3.0):
                        expected = _scanned(marks, shown, x, y, tolerance)
                        assert event_at(marks, data.index, shown, x, y, tolerance) == expected
                        found += expected is not None
        assert found > 500  # most points are on an event: the cases compared are not all empty


def test_run_starts_found_near_the_edges_are_those_of_every_value() -> None:
    """The first position of each pixel (or 4-pixel bin) found by binary search near where
    pixels begin is first_in_runs of every position's value: with many equal keys, keys close
    to a pixel's edge, and guesses that are wrong (then every value is worked out)."""
    rng = np.random.default_rng(17)
    tried = 0
    for _ in range(300):
        keys = np.sort(rng.integers(0, 3000, int(rng.integers(1, 20_000))).astype(float))
        keys += rng.choice([0.0, 0.5], len(keys))
        keys.sort()
        sx = float(rng.choice([0.05, 0.3, 1 / 3, 2.0, 7.0]))
        dx = float(rng.uniform(-500, 500))
        width = int(rng.choice([1, 4]))
        lo = int(rng.integers(0, len(keys)))
        hi = int(rng.integers(lo, len(keys) + 1))

        def value(positions, sx=sx, dx=dx, width=width, keys=keys):
            return np.floor(np.floor((keys[positions] + 0.5) * sx + dx) / width)

        expected = np.arange(lo, hi)[first_in_runs(value(np.arange(lo, hi)))]
        if hi > lo:
            first, last = value(np.array([lo, hi - 1]))
            edges = (np.arange(first + 1, last + 1) * width - dx) / sx - 0.5
        else:
            edges = np.zeros(0)
        for guesses in (edges, np.sort(rng.uniform(0, 3000, len(edges))), edges + 1e-9):
            assert run_starts(keys, lo, hi, value, guesses).tolist() == expected.tolist()
            tried += hi - lo > 2 * len(guesses) + 16
    assert tried > 300  # most cases went by the edges, not by every value


def test_run_starts_checks_right_guesses_in_one_call_of_value() -> None:
    """Each frame of the timeline finds a lane's dots this way: when the guesses are right,
    the values are worked out once, for the guesses and the positions before them, not once
    per check (each call is several numpy calls, the frame's cost at 100,000 events)."""
    keys = np.sort(np.random.default_rng(17).integers(0, 3000, 20_000).astype(float))
    calls: list[int] = []

    def value(positions: np.ndarray) -> np.ndarray:
        calls.append(len(positions))
        return np.floor((keys[positions] + 0.5) * 0.25)

    edges = (np.arange(1.0, 751.0)) / 0.25 - 0.5
    found = run_starts(keys, 0, len(keys), value, edges)
    assert found.tolist() == np.flatnonzero(first_in_runs(np.floor((keys + 0.5) * 0.25))).tolist()
    assert len(calls) == 1
