"""Filters narrow every panel: claim rows, timeline events and chart bars."""

from __future__ import annotations

import datetime as dt

from briefing.ui.filter_bar import EAGER_CHOICES, ChoiceButton


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


def test_a_long_choice_menu_is_made_when_first_asked_for(qtbot) -> None:
    button = ChoiceButton("sourceFilter", "sources")
    qtbot.addWidget(button)
    keys = [f"s{i}" for i in range(EAGER_CHOICES + 10)]
    asked: list[bool] = []

    def labels() -> list[str]:
        asked.append(True)
        return [key.upper() for key in keys]

    button.set_keys(keys, labels)
    assert button.isEnabled() and not asked and not button.menu().actions()
    actions = button.actions_by_key()
    assert asked and list(actions) == keys and actions["s3"].text() == "S3"
    actions["s3"].setChecked(True)
    assert button.checked() == {"s3"}
    # New choices keep the checked keys that still exist, without making the menu again.
    asked.clear()
    button.set_keys(keys[2:], labels=lambda: [k.upper() for k in keys[2:]])
    assert button.checked() == {"s3"} and not button.menu().actions()
    button.set_keys(keys[5:], labels=lambda: [k.upper() for k in keys[5:]])
    assert button.checked() == frozenset()
    assert button.text() == "Sources: all"
