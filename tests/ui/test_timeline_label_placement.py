"""The timeline's label placement per frame: bisecting a row's neighbours (issue 17's frame time)
places every label where scanning the whole row did; the label candidates and dots worked out
from each lane's cached marks are those of every mark in view.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from briefing.loader import load_text
from briefing.timeline_layout import (
    LaneIndex,
    ShownLane,
    first_in_runs,
    merge_spans,
    timeline_data,
)
from briefing.ui import timeline
from briefing.ui.timeline import (
    LABEL_GAP_PX,
    MIN_LABEL_PX,
    SPAN_DETAIL_LIMIT,
    EventMarks,
    _crowded_ends,
    day_pixels,
    dot_pixels,
    in_view,
    lanes_of,
    span_pixels,
)


def place_by_scanning(taken, x, width, event, k, end, elide=True) -> bool:
    """The placement as it was before rows were bisected: every label of a row looked at."""
    gap = LABEL_GAP_PX
    start = x if end is None else end - width
    for row in taken:
        if all(start > a + w + gap or start + width < a - gap for a, w, _, _ in row):
            row.append([start, width, event, k])
            row.sort(key=lambda label: label[0])
            return True
    if not elide:
        return False
    anchor = x if end is None else end
    for row in taken:
        before = [label for label in row if label[0] < anchor]
        after = [label for label in row if label[0] >= anchor]
        if any(a + w + gap >= anchor for a, w, _, _ in before[:-1]):
            continue
        prev = before[-1] if before else None
        if end is None:
            crowded = prev is not None and prev[0] + prev[1] + gap >= x
            if crowded and x - gap - prev[0] < MIN_LABEL_PX:
                continue
            room = (after[0][0] - gap - x) if after else width
            if min(width, room) < MIN_LABEL_PX:
                continue
            if crowded:
                prev[1] = x - gap - prev[0]
            row.append([x, min(width, room), event, k])
        else:
            if after and after[0][0] <= end + gap:
                continue
            first = end - width
            if prev is not None and prev[0] + prev[1] + gap >= first:
                total = end - prev[0] - gap
                if total < 2 * MIN_LABEL_PX:
                    continue
                prev[1] = min(prev[1], max(MIN_LABEL_PX, total / 2, total - width))
                first = prev[0] + prev[1] + gap
            row.append([first, end - first, event, k])
        row.sort(key=lambda label: label[0])
        return True
    return False


def test_bisected_rows_place_every_label_where_scanning_did() -> None:
    rng = random.Random(17)
    for trial in range(300):
        rows = rng.choice([1, 2])
        right = rng.uniform(300, 2000)
        scanned: list[list[list]] = [[] for _ in range(rows)]
        bisected: list[list[list]] = [[] for _ in range(rows)]
        x = rng.uniform(0, 40)
        for k in range(rng.randint(1, 120)):
            # mostly left to right, as the timeline offers them; now and then out of order
            # (highlighted events come first), on whole and half pixels, with ties
            x = x + rng.choice([0, 0.5, 1, 4, 9, 30, 80]) if rng.random() > 0.1 else 0
            x = rng.uniform(0, right) if rng.random() < 0.1 else x
            width = rng.choice([MIN_LABEL_PX, 75.0, rng.uniform(20, 400)])
            end = None
            if x + width > right - 4:
                end = x - rng.choice([0, 14])
                width = min(width, end - 2)
            elide = rng.random() > 0.2
            args = (x, width, k, k, end, elide)
            assert place_by_scanning(scanned, *args) == EventMarks._place(bisected, *args), trial
            assert scanned == bisected, (trial, k)


def _candidates_as_before(marks, lanes, shown, lit, cursor, lane, view) -> tuple:
    """A lane's label candidates as each paint worked them out before issue 17's lane cache:
    every mark in view masked by the filter, merged by mark, thinned through np.unique."""
    vx0, vx1, margin, sx, dx, left = view
    index = lanes[lane]
    d0, d1 = np.searchsorted(index.day_x, (vx0 - margin, vx1 + margin))
    days = index.day_mark[d0:d1]
    days = days[shown[days]]
    s0 = np.searchsorted(index.span_x0, vx0 - index.longest)
    s1 = np.searchsorted(index.span_x0, vx1, side="right")
    spans = index.span_mark[s0:s1]
    spans = spans[(index.span_x1[s0:s1] >= vx0) & shown[spans]]
    dots = [
        dot_pixels(np.floor((marks.x0[d] + 0.5) * sx + dx)).tolist()
        for d in (days[~lit[days]], days[lit[days]])
    ]
    which = np.sort(np.concatenate([days, spans]), kind="stable")
    starts = np.where(
        marks.exact[which],
        np.floor((marks.x0[which] + 0.5) * sx + dx),
        np.maximum(np.floor(marks.x0[which] * sx + dx), left + 2),
    )
    first_mark = lit[which]
    if cursor is not None:
        first_mark = first_mark | (marks.event[which] == cursor)
    thinned = np.unique(np.floor(starts / 4), return_index=True)[1]
    firsts = np.flatnonzero(first_mark)
    rest = thinned[~first_mark[thinned]]
    rest = rest[np.argsort(starts[rest], kind="stable")]
    chosen = np.concatenate([firsts, rest]).astype(int)
    return which[chosen].tolist(), len(firsts), starts[chosen].tolist(), dots


def test_label_candidates_and_dots_from_the_lane_cache_are_those_of_every_mark_in_view(
    qapp, briefings
) -> None:
    """Same days, crowded pixels, spans from a week to a decade reaching into the view, three
    lanes, a filter, a highlight and the keyboard's event, with and without shortened gaps:
    the candidates (and their order and starts) and the dots' pixels are those found by
    looking at every mark in view, at many zooms and pans."""
    rng = random.Random(17)
    start = dt.date(2015, 1, 1)
    events = []
    for n in range(900):
        first = start + dt.timedelta(days=rng.randrange(0, 700) + (4000 if n % 97 == 0 else 0))
        kind = rng.random()
        if kind < 0.5:
            date = first.isoformat()
        elif kind < 0.8:
            last = first + dt.timedelta(days=rng.choice([1, 6, 30, 200]))
            date = f"{first.isoformat()}/{last.isoformat()}"
        elif kind < 0.95:
            date = f"{first.year}-{first.month:02d}"
        else:
            date = rng.choice([str(first.year), "2010s"])
        sides = rng.sample(["ru", "tr"], rng.randrange(0, 3))
        events.append({"id": f"e{n}", "date": date, "title": f"Event {n}", "sides": sides})
    briefing = load_text(briefings.yaml(events=events, claims=[])).briefing
    assert briefing is not None
    compared = 0
    for data in (timeline_data(briefing), timeline_data(briefing).short):
        item = EventMarks()
        item.set_marks(data.marks, lanes_of(briefing, data.lanes), data.index)
        ids = data.marks.ids
        first, last = data.extent
        for trial in range(60):
            item.set_shown(
                frozenset(i for i in ids if rng.random() < 0.7) if trial % 2 else frozenset(ids)
            )
            item.highlighted = frozenset(rng.sample(ids, rng.choice([0, 1, 40])))
            item.cursor = rng.choice([None, rng.randrange(len(ids))])
            lit = item.lit_marks() & item.shown
            width = (last - first) * rng.choice([1.3, 0.5, 0.1, 0.01]) + 2
            vx0 = rng.uniform(first - width / 2, last)
            sx = rng.uniform(400, 1600) / width
            dx = rng.uniform(50, 90) - vx0 * sx
            view = (vx0, vx0 + width, 6 / sx, sx, dx, vx0 * sx + dx)
            for lane in range(len(data.lanes)):
                expected = _candidates_as_before(
                    data.marks, data.index, item.shown, lit, item.cursor, lane, view
                )
                shown = item.shown_lanes()[lane]
                d0, d1, spans, _ = in_view(shown, *view[:3])
                dull, lit_px, firsts = day_pixels(shown, d0, d1, view[3], view[4])
                span_starts, span_p0, _ = span_pixels(shown, spans, view[3], view[4], vx0)
                chosen, first_count, starts = item.label_candidates(
                    shown,
                    (d0, d1, firsts, spans, span_starts, span_p0),
                    lit,
                    view[3],
                    view[4],
                    view[5],
                )
                dots = [dot_pixels(dull).tolist(), dot_pixels(lit_px).tolist()]
                found = (chosen.tolist(), first_count, starts.tolist(), dots)
                assert found == expected, (trial, lane)
                compared += len(chosen)
    assert compared > 5000  # the views compared are not mostly empty


def test_a_label_ending_where_no_row_has_room_is_refused_by_placement_too() -> None:
    """The shortcut that skips _place near the right edge only skips labels _place refuses:
    random rows, random labels ending at their marks, whole or elided."""
    rng = random.Random(17)
    skipped = 0
    for trial in range(300):
        taken: list[list[list]] = [[] for _ in range(rng.choice([1, 2]))]
        for k in range(rng.randrange(0, 40)):
            x = rng.uniform(0, 1200)
            end = x - rng.choice([0, 14]) if rng.random() < 0.3 else None
            EventMarks._place(taken, x, rng.uniform(MIN_LABEL_PX, 250), k, k, end)
        for _ in range(50):
            end = rng.uniform(0, 1300)
            width = rng.uniform(MIN_LABEL_PX, 250)
            lo, hi = _crowded_ends(taken)
            if lo < end < hi:
                skipped += 1
                rows = [[list(label) for label in row] for row in taken]
                assert not EventMarks._place(rows, end, width, 99, 99, end, rng.random() < 0.8)
                assert rows == taken, trial  # nothing moved either
    assert skipped > 500


def test_a_crowded_lane_finds_its_dots_and_label_bins_in_one_binary_search(
    briefings, monkeypatch
) -> None:
    """3,000 days in a 600-pixel view: the first day of each 4-pixel bin is the first day of
    its first pixel, so day_pixels searches once per pixel edge, not again per bin (at 100,000
    events each search cost about 0.1 ms a lane and frame); the dots and bins are as before."""
    start = dt.date(2000, 1, 1)
    events = [
        {"id": f"e{n}", "date": (start + dt.timedelta(days=n // 3)).isoformat(), "title": "E"}
        for n in range(3000)
    ]
    briefing = load_text(briefings.yaml(events=events, claims=[])).briefing
    data = timeline_data(briefing)
    item = EventMarks()
    item.set_marks(data.marks, lanes_of(briefing, data.lanes), data.index)
    shown = max(item.shown_lanes(), key=lambda lane: len(lane.day_x0))  # the events' lane
    first, last = data.extent
    sx = 600 / (last - first)
    dx = 70 - first * sx
    d0, d1, _spans, _ = in_view(shown, first, last, 6 / sx)
    searches = []
    real_run_starts = timeline.run_starts
    monkeypatch.setattr(
        timeline, "run_starts", lambda *args: searches.append(args) or real_run_starts(*args)
    )
    dull, lit_px, firsts = day_pixels(shown, d0, d1, sx, dx)
    assert len(searches) == 1
    every = np.floor((shown.day_x0[d0:d1] + 0.5) * sx + dx)
    assert dull.tolist() == every[first_in_runs(every)].tolist() and len(lit_px) == 0
    assert firsts.tolist() == (d0 + np.flatnonzero(first_in_runs(np.floor(every / 4)))).tolist()


def test_many_spans_are_drawn_merged_from_each_start_pixel_as_from_every_span(
    qapp, briefings
) -> None:
    """The merged bars of a crowded lane, from the first span of each start pixel and the
    furthest end of its spans, are those merged from every span in view: spans from a day to
    a decade, some ending just before the view, at many zooms and pans."""
    rng = random.Random(17)
    start = dt.date(2010, 1, 1)
    events = []
    for n in range(1500):
        first = start + dt.timedelta(days=rng.randrange(0, 1500))
        last = first + dt.timedelta(days=rng.choice([1, 2, 6, 30, 200, 900]))
        date = f"{first.isoformat()}/{last.isoformat()}" if n % 50 else "2010s"
        events.append({"id": f"e{n}", "date": date, "title": f"Event {n}"})
    briefing = load_text(briefings.yaml(events=events, claims=[])).briefing
    data = timeline_data(briefing)
    item = EventMarks()
    item.set_marks(data.marks, lanes_of(briefing, data.lanes), data.index)
    shown = max(item.shown_lanes(), key=lambda lane: len(lane.index.span_x0))
    index, m = shown.index, data.marks
    first, last = data.extent
    merged = 0
    for _ in range(300):
        width = (last - first) * rng.choice([1.3, 0.5, 0.1, 0.01]) + 2
        vx0 = rng.uniform(first - width / 2, last)
        sx = rng.uniform(400, 1600) / width
        dx = rng.uniform(50, 90) - vx0 * sx
        spans = in_view(shown, vx0, vx0 + width, 6 / sx)[2]
        which = index.span_mark[spans]
        p0 = np.floor(m.x0[which] * sx + dx)
        p1 = np.maximum(np.floor(m.x1[which] * sx + dx), p0 + 3)
        order = np.argsort(p0, kind="stable")
        expected = merge_spans(p0[order], p1[order])
        _starts, span_p0, span_p1 = span_pixels(shown, spans, sx, dx, vx0)
        found = merge_spans(span_p0, span_p1)
        assert [a.tolist() for a in found] == [a.tolist() for a in expected]
        merged += len(spans) > SPAN_DETAIL_LIMIT
    assert merged > 50  # most views were crowded enough to be drawn merged
    # A span ending just before the view, in the pixel where another ends at the view's
    # edge, is not in view: its bar's 3 px must not join that bar to the next one.
    index = LaneIndex(
        np.zeros(0), np.zeros(0, dtype=np.intp), np.array([100.0, 199.5, 202.0]),
        np.array([200.0, 199.9, 203.0]), np.array([0, 1, 2]), 100.0,
    )  # fmt: skip
    no_lit = np.zeros(3, dtype=bool)
    lane = ShownLane(index, np.zeros(0), no_lit[:0], no_lit, False, False)
    spans = in_view(lane, 200.0, 400.0, 6.0)[2]
    assert spans.tolist() == [0, 2]
    _starts, span_p0, span_p1 = span_pixels(lane, spans, 1.0, 0.0, 200.0)
    bars = [a.tolist() for a in merge_spans(span_p0, span_p1)]
    assert bars == [[100.0, 202.0], [200.0, 205.0]]


def test_highlighted_marks_left_by_the_filter_are_worked_out_per_filter_not_per_paint(
    qapp, briefings
) -> None:
    """Per mark, highlighted and left by the filter: the same array for every paint until
    the filter or the highlight changes (working it out took two passes over every mark a
    frame at 100,000 events), and then what the two say."""
    events = [
        {"id": f"e{n}", "date": f"2020-01-{n + 1:02d}", "title": f"Event {n}"} for n in range(20)
    ]
    briefing = load_text(briefings.yaml(events=events, claims=[])).briefing
    data = timeline_data(briefing)
    item = EventMarks()
    item.set_marks(data.marks, lanes_of(briefing, data.lanes), data.index)
    item.highlighted = frozenset({"e3", "e4"})
    item.set_shown(frozenset(f"e{n}" for n in range(4)))
    first = item.lit_shown()
    assert item.lit_shown() is first
    lit_ids = {data.marks.ids[int(e)] for e in data.marks.event[first]}
    assert lit_ids == {"e3"}
    item.set_shown(frozenset(data.marks.ids))
    lit_ids = {data.marks.ids[int(e)] for e in data.marks.event[item.lit_shown()]}
    assert lit_ids == {"e3", "e4"}
    item.highlighted = frozenset()
    assert not item.lit_shown().any()
