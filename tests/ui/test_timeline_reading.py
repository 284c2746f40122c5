"""The timeline on a laptop: labels whole where there is room, once per event, long gaps
shortened as in the PDF, off-view counts that lead to their events, and the keyboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QColor, QPalette

from briefing.ui.main_window import MainWindow

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "karabakh-2020.yaml"
LONG = "{} event with a rather long and descriptive title for the test"


def laptop_window(open_window, qtbot, path: Path = BUNDLED) -> MainWindow:
    window = open_window(path)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1366, 768))
    window.timeline.reset_view()
    window.timeline.grab()  # paint once: labels are chosen as the view paints
    return window


def test_default_view_labels_the_events_an_analyst_looks_for(open_window, qtbot) -> None:
    timeline = laptop_window(open_window, qtbot).timeline
    labelled = timeline.labelled_ids()
    for event_id in ("e-ru-troops-deployed", "e-victory-parade", "e-tr-136-dispatched"):
        assert event_id in labelled, event_id
    texts = timeline.marks.label_texts
    # Whole, or shortened with "…" where the next label needs the room (the test below).
    troops = "Report: Russia has forward-deployed some 1,960 troops"
    shown = texts["e-ru-troops-deployed"]
    assert shown == troops or (shown.endswith("…") and troops.startswith(shown[:-1]))
    assert texts["e-tr-136-dispatched"].startswith("Report: 136 Turkish")
    assert texts["e-victory-parade"].startswith("Azerbaijan's victory parade")


def test_a_long_title_with_room_is_written_whole(open_window, qtbot) -> None:
    # No fixed cut at 200 px: with the window's width, the longest title of the briefing.
    window = laptop_window(open_window, qtbot)
    timeline_alone(window, qtbot)
    window.timeline.reset_view()
    window.timeline.grab()
    whole = "Report: Russia dispatched 15th Motorized Rifle and 31st Guards (VDV) brigade elements"
    assert window.timeline.marks.label_texts["e-ru-units-dispatched"] == whole


def test_an_event_in_two_lanes_has_one_label(window) -> None:
    window.timeline.grab()
    labelled = window.timeline.labelled_ids()
    assert labelled.count("e-mou") == 1  # Turkey and Russia both sign it
    assert len(labelled) == len(set(labelled))


def timeline_alone(window, qtbot) -> None:
    """The timeline with the window to itself, so what fits does not hang on the dock layout."""
    for dock in window.panel_docks:
        if dock is not window.timeline_dock:
            dock.hide()
    qtbot.waitUntil(lambda: window.timeline.width() > 0.9 * window.width())


def test_a_label_is_elided_only_when_the_next_would_collide(
    open_window, qtbot, tmp_path, briefings
) -> None:
    days = {"e-a": "2020-11-10", "e-b": "2020-11-11", "e-c": "2020-11-14"}
    events = [
        {"id": i, "date": d, "title": LONG.format(i), "sides": ["tr"], "sources": ["aa"]}
        for i, d in days.items()
    ]
    path = briefings.write(tmp_path / "close.yaml", events=events, claims=[], forces=[])
    window = open_window(path)
    timeline_alone(window, qtbot)
    timeline = window.timeline
    timeline.show_dates(dt.date(2020, 11, 1), dt.date(2020, 11, 30))
    timeline.grab()
    texts = timeline.marks.label_texts
    assert set(texts) == set(days)
    assert texts["e-a"].endswith("…")  # e-c, 4 days on in its row, needs the room
    assert texts["e-b"] == LONG.format("e-b")  # the second row has room
    assert texts["e-c"] == LONG.format("e-c")


def test_clicking_an_off_view_count_pans_to_its_events(window, qtbot) -> None:
    timeline = window.timeline
    timeline.show_dates(dt.date(2020, 11, 1), dt.date(2020, 12, 20))
    timeline.grab()
    boxes = [(box, at_left) for box, lane, at_left in timeline.marks.offscreen_boxes]
    assert [at_left for _, at_left in boxes] == [True]  # Turkey's 1990s, to the left
    marks = timeline.marks.marks
    decade = list(marks.event).index(marks.ids.index("e-iraq"))
    assert marks.x1[decade] < timeline.x_range()[0]
    centre = boxes[0][0].center()
    qtbot.mouseClick(
        timeline.plot.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(round(centre.x()), round(centre.y())),
    )
    x0, x1 = timeline.x_range()
    assert x0 <= marks.x0[decade] and marks.x1[decade] <= x1
    timeline.grab()
    assert "e-iraq" in timeline.labelled_ids()


def share_of_2020(window: MainWindow) -> float:
    """The share of the view's width the bundled briefing's 2020 events take."""
    timeline = window.timeline
    marks = timeline.marks.marks
    recent = timeline.place(dt.date(2020, 8, 1))
    x0, x1 = timeline.x_range()
    return (marks.x1.max() - max(recent, x0)) / (x1 - x0)


def test_whole_timeline_shortens_long_gaps_and_the_analyst_can_turn_it_off(
    open_window, qtbot, private_settings
) -> None:
    window = laptop_window(open_window, qtbot)
    timeline_alone(window, qtbot)
    fit = window.findChild(QAction, "fitTimelineAction")
    gaps = window.findChild(QAction, "shortenGapsAction")
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert gaps in view_menu.actions() and gaps.shortcut().toString() == "Ctrl+Shift+G"
    assert gaps.isChecked()  # on by default, as the PDF does
    fit.trigger()
    assert share_of_2020(window) > 0.4  # not one clump at the right
    words = [w for _, _, w in window.timeline.marks.breaks if w]
    assert words == ["15 years later", "20 years later"]  # the PDF's words
    window.timeline.grab()
    assert "e-cyprus-1974" in window.timeline.labelled_ids()
    x0, x1 = window.timeline.x_range()
    axis = window.timeline.axis
    ticks = axis.tickStrings(axis.tickValues(x0, x1, window.timeline.view.width())[0][1], 1, 1)
    assert {"1974", "1990", "2000", "Oct", "Nov", "Dec"} <= set(ticks)  # each stretch dated
    gaps.trigger()  # off: the axis is days again
    fit.trigger()
    assert share_of_2020(window) < 0.02
    assert window.timeline.marks.breaks == []
    window.save_settings()
    settings = QSettings(window.settings.fileName(), QSettings.Format.IniFormat)
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    assert not again.findChild(QAction, "shortenGapsAction").isChecked()
    assert not again.timeline.gaps_shortened


def test_keyboard_steps_through_events_and_enter_selects(window, qtbot) -> None:
    timeline = window.timeline
    plot = timeline.plot
    plot.setFocus()
    qtbot.waitUntil(lambda: timeline.marks.focused)
    timeline.fit_all()
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert timeline.cursor_id() == "e-iraq"  # the earliest, 1990s
    qtbot.keyClick(plot, Qt.Key.Key_N)
    assert timeline.cursor_id() == "e-deploy"  # 10 Nov 2020
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert timeline.cursor_id() == "e-mou"  # 11 Nov
    qtbot.keyClick(plot, Qt.Key.Key_P)
    assert timeline.cursor_id() == "e-deploy"
    with qtbot.waitSignal(window.document.selectionChanged):
        qtbot.keyClick(plot, Qt.Key.Key_Return)
    assert window.document.selection.id == "e-deploy"
    qtbot.keyClick(plot, Qt.Key.Key_Left)
    assert timeline.cursor_id() == "e-iraq"


def test_the_focused_timeline_shows_its_focus(window, qtbot) -> None:
    timeline = window.timeline
    highlight = timeline.palette().color(QPalette.ColorRole.Highlight)
    frame = timeline.view.sceneBoundingRect()
    at = QPoint(round(frame.left()) + 1, round(frame.center().y()))

    def edge() -> QColor:
        return timeline.plot.grab().toImage().pixelColor(at)

    window.claims.setFocus()
    qtbot.waitUntil(lambda: not timeline.marks.focused)
    assert edge() != highlight
    timeline.plot.setFocus()
    qtbot.waitUntil(lambda: timeline.marks.focused)
    assert edge() == highlight
