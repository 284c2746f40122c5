"""The timeline's layout without Qt: marks by lane and date, thinning, and what is under a point."""

from __future__ import annotations

import numpy as np

from briefing.drawing.axis import to_x
from briefing.loader import load_text
from briefing.timeline_layout import event_at, first_in_runs, merge_spans, timeline_data


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
    assert event_at(data.marks, shown, deploy, russia, 1.0) == "e-deploy"
    assert event_at(data.marks, shown, deploy + 30, russia, 1.0) is None
    turkey = lanes.index("tr")
    in_the_1990s = to_x(briefing.events_by_id["e-iraq"].date.start) + 100
    assert event_at(data.marks, shown, in_the_1990s, turkey, 1.0) == "e-iraq"
    hidden = data.marks.event != data.marks.ids.index("e-deploy")
    assert event_at(data.marks, hidden, deploy, russia, 0.4) is None  # e-mou is a day off
