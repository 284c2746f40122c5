"""Filters outlive reloads until reset; Undo/Redo step through filter changes."""

from __future__ import annotations

import datetime as dt

import yaml
from PySide6.QtGui import QKeySequence

from briefing.model import Reliability


def _reload(window, qtbot) -> None:
    with qtbot.waitSignal(window.document.loadFinished, timeout=10_000):
        window.reload_action.trigger()


def test_the_date_range_survives_a_reload_that_widens_the_briefing(
    window, qtbot, briefings, briefing_file
) -> None:
    november = (dt.date(2020, 11, 1), dt.date(2020, 11, 30))
    with qtbot.waitSignal(window.document.filterChanged):
        window.filter_bar.set_date_range(*november)
    data = briefings.data()
    data["events"].append({"id": "e-late", "date": "2021-03-02", "title": "Later event"})
    briefings.write(briefing_file, text=briefings.yaml(events=data["events"]))
    _reload(window, qtbot)
    kept = window.document.filter
    assert (kept.date_from, kept.date_to) == november
    assert window.filter_bar.filter() == kept, "the date fields lost the range"
    assert "e-late" not in window.timeline.shown_event_ids()
    # A later change to another control keeps the range.
    with qtbot.waitSignal(window.document.filterChanged):
        window.filter_bar.sides.actions_by_key()["ru"].trigger()
    assert (window.document.filter.date_from, window.document.filter.date_to) == november
    assert window.timeline.shown_event_ids() == {"e-mou", "e-deploy"}
    with qtbot.waitSignal(window.document.filterChanged):
        window.reset_filters_action.trigger()
    assert window.document.filter.is_empty


def test_search_sources_and_grades_survive_a_reload(window, qtbot) -> None:
    bar = window.filter_bar
    bar.search.setText("troops")
    bar.apply()
    with qtbot.waitSignal(window.document.filterChanged):
        bar.grades.actions_by_key()["D"].trigger()
    before = window.document.filter
    _reload(window, qtbot)
    assert window.document.filter == before == bar.filter()
    assert before.grades == {Reliability.D}
    assert bar.grades.text() == "Grades: D"
    assert window.claims.shown_claim_ids() == ["c-troops"]


def test_undo_and_redo_step_through_filter_changes(window, qtbot) -> None:
    assert window.undo_filter_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.redo_filter_action.shortcut().matches(QKeySequence("Ctrl+Shift+Z")) or any(
        key.matches(QKeySequence("Ctrl+Shift+Z"))
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    )
    assert not window.undo_filter_action.isEnabled()
    bar = window.filter_bar
    with qtbot.waitSignal(window.document.filterChanged):
        bar.sides.actions_by_key()["ru"].trigger()
    with qtbot.waitSignal(window.document.filterChanged):
        bar.search.setText("memorandum")
    assert window.timeline.shown_event_ids() == {"e-mou"}
    assert window.undo_filter_action.isEnabled()

    window.undo_filter_action.trigger()
    assert window.document.filter.text == ""
    assert bar.search.text() == "" and bar.sides.text() == "Sides: Russia"
    assert window.timeline.shown_event_ids() == {"e-mou", "e-deploy"}
    window.undo_filter_action.trigger()
    assert window.document.filter.is_empty and bar.sides.text() == "Sides: all"
    assert not window.undo_filter_action.isEnabled()
    window.redo_filter_action.trigger()
    window.redo_filter_action.trigger()
    assert bar.search.text() == "memorandum" and bar.filter() == window.document.filter
    assert window.timeline.shown_event_ids() == {"e-mou"}
    assert not window.redo_filter_action.isEnabled()


def test_a_range_outside_a_shrunken_briefing_stays_until_reset(
    window, qtbot, briefings, briefing_file
) -> None:
    span = (dt.date(1995, 1, 1), dt.date(2020, 11, 10))
    with qtbot.waitSignal(window.document.filterChanged):
        window.filter_bar.set_date_range(*span)
    data = briefings.data()
    data["events"] = [e for e in data["events"] if e["id"] != "e-iraq"]  # the 1990s go
    briefings.write(briefing_file, text=briefings.yaml(events=data["events"]))
    _reload(window, qtbot)
    assert (window.document.filter.date_from, window.document.filter.date_to) == span
    assert window.filter_bar.filter() == window.document.filter
    with qtbot.waitSignal(window.document.filterChanged):
        window.reset_filters_action.trigger()
    assert window.document.filter.is_empty and window.filter_bar.filter().is_empty
    first = window.filter_bar.dates.first
    assert first.minimumDate().toPython() == first.date().toPython() > dt.date(1995, 1, 1)


def test_a_source_gone_from_the_file_leaves_the_filter_and_undo_brings_it_back(
    window, qtbot, briefings, briefing_file
) -> None:
    bar = window.filter_bar
    with qtbot.waitSignal(window.document.filterChanged):
        bar.sources.actions_by_key()["tass"].trigger()
    assert window.claims.shown_claim_ids() == ["c-troops"]
    text = briefings.yaml().replace("- tass", "- aa")
    data_sources = [s for s in briefings.data()["sources"] if s["id"] != "tass"]

    data = yaml.safe_load(text)
    data["sources"] = data_sources
    briefings.write(briefing_file, text=yaml.safe_dump(data, sort_keys=False))
    _reload(window, qtbot)
    assert (
        window.document.briefing is not None
        and "tass" not in window.document.briefing.sources_by_id
    )
    assert window.document.filter.sources == frozenset()
    assert bar.sources.text() == "Sources: all"
    assert window.claims.row_count() == 4
    window.undo_filter_action.trigger()
    assert window.document.filter.sources == {"tass"}
