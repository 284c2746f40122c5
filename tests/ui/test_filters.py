"""Filters narrow every panel: claim rows, timeline events and chart bars."""

from __future__ import annotations

import datetime as dt

from briefing.loader import load_text
from briefing.model import ClaimKind
from briefing.ui.filter_bar import EAGER_CHOICES, ChoiceButton
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


def test_search_finds_a_word_whether_typed_or_written_composed_or_decomposed(briefings) -> None:
    composed, decomposed = "T\u00fcrkiye", "Tu\u0308rkiye"
    data = briefings.data()
    data["events"][0]["title"] = f"{decomposed} signs a memorandum"
    data["events"][1]["title"] = f"{composed} in northern Iraq"
    briefing = load_text(briefings.yaml(events=data["events"])).briefing
    both = {"e-mou", "e-iraq"}
    assert visible(briefing, Filter(text=composed)).events == both
    assert visible(briefing, Filter(text=decomposed)).events == both
    assert visible(briefing, Filter(text="TÜRKIYE")).events == both
