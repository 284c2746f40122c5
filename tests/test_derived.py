"""What the panels need of a briefing under a filter, worked out once without Qt."""

from __future__ import annotations

import datetime as dt

from briefing.derived import derive, refilter
from briefing.filters import Filter, Visible, visible
from briefing.loader import load_text


def test_a_briefing_is_derived_whole_for_its_filter(briefings) -> None:
    briefing = load_text(briefings.yaml()).briefing
    shown = Filter(sides=frozenset({"ru"}))
    derived = derive(briefing, shown)
    assert derived.filter == shown
    assert derived.visible == visible(briefing, shown)
    assert derived.unsourced == 1  # c-open
    assert derived.date_extent == (dt.date(1990, 1, 1), dt.date(2020, 12, 13))
    assert derived.timeline.marks.ids == [e.id for e in briefing.events]
    assert [name for _, name in derived.timeline.lanes] == ["Turkey", "Russia"]


def test_no_briefing_derives_to_nothing_shown() -> None:
    derived = derive(None, Filter())
    assert derived.visible == Visible()
    assert derived.date_extent is None
    assert derived.unsourced == 0
    assert derived.timeline.extent is None


def test_another_filter_works_out_only_what_is_visible(briefings) -> None:
    briefing = load_text(briefings.yaml()).briefing
    derived = derive(briefing, Filter())
    narrower = refilter(derived, briefing, Filter(text="memorandum"))
    assert narrower.visible.events == {"e-mou"}
    assert narrower.timeline is derived.timeline  # the timeline's layout is kept, not redone
    assert refilter(narrower, briefing, narrower.filter) is narrower
