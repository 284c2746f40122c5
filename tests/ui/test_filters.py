"""Filters narrow every panel: claim rows, timeline events and chart bars."""

from __future__ import annotations

import datetime as dt

from briefing.loader import load_text
from briefing.model import ClaimKind
from briefing.ui.filters import Filter, visible


def test_filter_predicates_narrow_by_text_side_kind_source_and_date(briefings) -> None:
    briefing = load_text(briefings.yaml()).briefing
    assert visible(briefing, Filter(text="memorandum")).events == {"e-mou"}
    by_side = visible(briefing, Filter(sides=frozenset({"ru"})))
    assert by_side.events == {"e-mou", "e-deploy"}
    assert by_side.forces == {"f-ru-troops"}
    assert by_side.claims == {"c-mou", "c-troops"}
    assert visible(briefing, Filter(kinds=frozenset({ClaimKind.FORECAST}))).claims == {"c-open"}
    assert visible(briefing, Filter(sources=frozenset({"aa"}))).claims == {"c-f16"}
    recent = visible(briefing, Filter(date_from=dt.date(2020, 12, 1)))
    assert recent.events == {"e-parade"}
    assert visible(briefing, Filter(text="unsourced")).claims == {"c-open"}


def test_search_field_narrows_all_panels(window, qtbot) -> None:
    window.find_action.trigger()
    assert window.filter_bar.search.hasFocus()
    qtbot.keyClicks(window.filter_bar.search, "TASS")
    qtbot.waitUntil(lambda: window.claims.row_count() == 1)
    assert window.claims.shown_claim_ids() == ["c-troops"]
    assert window.timeline.shown_event_ids() == {"e-deploy"}
    assert window.forces.shown_figure_ids() == {"f-ru-troops"}


def test_side_filter_narrows_all_panels(window, qtbot) -> None:
    action = window.filter_bar.sides.actions_by_key()["ru"]
    with qtbot.waitSignal(window.document.filterChanged):
        action.trigger()
    assert set(window.claims.shown_claim_ids()) == {"c-mou", "c-troops"}
    assert window.timeline.shown_event_ids() == {"e-mou", "e-deploy"}
    assert window.forces.shown_figure_ids() == {"f-ru-troops"}
    assert window.forces.category_titles() == ["troops"]
    with qtbot.waitSignal(window.document.filterChanged):
        window.reset_filters_action.trigger()
    assert window.claims.row_count() == 4


def test_date_range_narrows_all_panels(window, qtbot) -> None:
    with qtbot.waitSignal(window.document.filterChanged):
        window.filter_bar.set_date_range(dt.date(2020, 12, 1), dt.date(2020, 12, 31))
    assert window.timeline.shown_event_ids() == {"e-parade"}
    # c-open has no date at all (no events, no sources), so no date range can rule it out.
    assert window.claims.shown_claim_ids() == ["c-open"]
    assert window.forces.shown_figure_ids() == {"f-tr-troops"}  # undated figures stay too
