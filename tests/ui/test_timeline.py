"""The timeline keeps its labels readable and its scene small however many events there are."""

from __future__ import annotations

import datetime as dt

import yaml

from briefing.drawing.axis import date_ticks, tick_label, to_x


def test_many_events_are_labelled_only_where_labels_fit(open_window, tmp_path, briefings):
    first = dt.date(2000, 1, 1)
    events = [
        {
            "id": f"e{i}",
            "date": (first + dt.timedelta(days=i)).isoformat(),
            "title": f"Event number {i}",
            "sides": ["tr"],
            "sources": ["aa"],
        }
        for i in range(3000)
    ]
    data = briefings.data(events=events, claims=[], forces=[])
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    window = open_window(path)
    timeline = window.timeline
    timeline.fit_all()
    timeline.grab()  # paint once
    labelled = timeline.labelled_ids()
    assert 0 < len(labelled) < 60  # ~1,000 pixels wide: a few dozen labels, not 3,000
    # One graphics item draws every event: no item per event or per label.
    assert len(timeline.plot.scene().items()) < 60
    timeline.show_dates(dt.date(2000, 3, 1), dt.date(2000, 3, 7))
    timeline.grab()
    assert {f"e{i}" for i in range(60, 66)} <= set(timeline.labelled_ids())


def test_date_axis_ticks_follow_the_zoom():
    years, _ = date_ticks(to_x(dt.date(1970, 1, 1)), to_x(dt.date(2020, 1, 1)), 1000)
    assert years == "year"
    unit, values = date_ticks(to_x(dt.date(2020, 1, 1)), to_x(dt.date(2020, 12, 31)), 1000)
    assert unit == "month"
    assert tick_label(unit, values[0], True) == "Jan 2020"
    unit, values = date_ticks(to_x(dt.date(2020, 11, 1)), to_x(dt.date(2020, 11, 8)), 1000)
    assert unit == "day"
    assert tick_label(unit, to_x(dt.date(2020, 11, 11)), False) == "11 Nov"
