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


def test_days_stamped_in_one_call_look_as_when_stamped_one_by_one(qtbot) -> None:
    """The timeline stamps all of a lane's day dots with one drawPixmapFragments call: each dot
    lands where, and looks as, drawing its stamp alone puts it, on a plain and a HiDPI screen."""
    import numpy as np
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QImage, QPainter

    from briefing.timeline_layout import Marks
    from briefing.ui.timeline import DOT_STAMP_PX, EventMarks

    x0 = np.array([0.0, 3.0, 10.0, 10.2, 25.0, 40.0])  # days; two of them a pixel apart
    count = len(x0)
    item = EventMarks()
    item.marks = Marks(
        [f"e{i}" for i in range(count)],
        [f"Event {i}" for i in range(count)],
        np.arange(count),
        np.zeros(count, dtype=int),
        x0,
        x0 + 1,
        np.ones(count, dtype=bool),
    )
    colour, sx, dx, y = QColor("#c0392b"), 8.0, 10.0, 20.0

    def blank(ratio: float) -> QImage:
        image = QImage(round(400 * ratio), round(40 * ratio), QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(ratio)
        image.fill(QColor("white"))
        return image

    for ratio in (1.0, 2.0):
        stamped = blank(ratio)
        painter = QPainter(stamped)
        item._paint_days(painter, colour, y, np.floor((x0 + 0.5) * sx + dx), False)
        painter.end()
        expected = blank(ratio)
        painter = QPainter(expected)
        dot = item._dot(colour, item.text_colour, False, ratio)
        half = DOT_STAMP_PX / 2
        for x in sorted({float(np.floor((day + 0.5) * sx + dx)) for day in x0}):
            painter.drawPixmap(QPointF(x - half, y - half), dot)
        painter.end()
        assert stamped == expected
        assert stamped != blank(ratio)  # something was drawn
