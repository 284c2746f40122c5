"""What a filter leaves: the predicates on events, figures and claims, without Qt."""

from __future__ import annotations

import datetime as dt

from briefing.filters import Filter, visible
from briefing.loader import load_text
from briefing.model import ClaimKind


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
