"""The timeline draws years BC and times of day where they fall, in their order."""

from __future__ import annotations

import yaml

from briefing.dates import parse_date
from briefing.drawing.axis import date_ticks, tick_label
from briefing.timeline_layout import timeline_data

DEEP_PAST = [
    {"id": "wheel", "date": "3500 BC", "title": "Oldest wheeled vehicle"},
    {"id": "bang", "date": "13800000000 BC", "title": "The Big Bang"},
    {"id": "late", "date": "2020-11-10T01:30+04:00", "title": "Strike at 01:30 local"},
    {"id": "early", "date": "2020-11-09T22:00Z", "title": "Statement at 22:00 UTC"},
]


def _write(tmp_path, briefings):
    data = briefings.data(claims=[], forces=[])
    data["events"] += DEEP_PAST
    path = tmp_path / "deep.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_years_bc_and_times_are_marked_at_their_day_numbers(tmp_path, briefings, open_window):
    window = open_window(_write(tmp_path, briefings))
    marks = timeline_data(window.document.briefing).marks
    spans = zip(marks.event, marks.x0, marks.x1, strict=True)
    where = {marks.ids[e]: (x0, x1) for e, x0, x1 in spans}
    assert where["bang"][0] == parse_date("13800000000 BC").first < where["wheel"][0] < 0
    # 01:30 at +04:00 is 21:30 UTC on the 9th: before 22:00 UTC, within a day of drawing.
    assert where["late"][0] < where["early"][0] < where["late"][0] + 1
    assert where["late"] == (
        parse_date(DEEP_PAST[2]["date"]).first,
        parse_date(DEEP_PAST[2]["date"]).last,
    )
    timeline = window.timeline
    timeline.fit_all()
    timeline.grab()
    x0, x1 = timeline.x_range()
    first, last = (
        float(timeline.shortened.place(x)) for x in (where["bang"][0], where["early"][1])
    )
    assert x0 < first and x1 > last  # all of it in view, on the axis as shown


def test_the_axis_labels_years_bc():
    unit, values = date_ticks(parse_date("600 BC").first, parse_date("0100").last, 1000)
    labels = [tick_label(unit, x, False) for x in values]
    assert unit == "year"
    assert {"500 BC", "100 BC", "100"} <= set(labels)
    unit, values = date_ticks(parse_date("13800000000 BC").first, parse_date("2020").last, 1000)
    assert "13 bn BC" in [tick_label(unit, x, False) for x in values]
