"""Search folds case, accents, Turkish i and digit grouping, on both sides of the match."""

from __future__ import annotations

import time

import pytest

from briefing.dates import parse_date
from briefing.filters import Filter, visible
from briefing.loader import load_text
from briefing.model import Briefing, Event
from briefing.search import fold, search_index


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("Erdogan", "Erdoğan"),
        ("Ibrahim", "İbrahim"),
        ("Kalin", "Kalın"),
        ("KALIN", "Kalın"),
        ("1960", "1,960"),
        ("1960", "1 960"),
        ("Safak", "Şafak"),
        ("Şafak", "Safak"),
        ("türkiye", "TU\u0308RKIYE"),  # decomposed in the file
    ],
)
def test_typed_text_folds_to_the_written_text(typed: str, written: str) -> None:
    assert fold(typed) in fold(written)


def test_grouping_is_dropped_only_between_digits() -> None:
    assert fold("1,960 troops, 3 tanks") == "1960 troops, 3 tanks"
    assert fold("1,5") == "1,5"  # a decimal comma, not grouping


def _events(titles: list[str]) -> list[dict]:
    return [{"id": f"e{n}", "date": "2020-11-10", "title": t} for n, t in enumerate(titles)]


def test_filter_finds_folded_text_in_events_claims_and_sources(briefings) -> None:
    data = briefings.data()
    data["events"] += _events(
        ["Erdoğan meets İbrahim Kalın", "Russia forward-deploys 1,960 troops"]
    )
    data["sources"].append(
        {"id": "yeni", "outlet": "Yeni Şafak", "kind": "press", "reliability": "C"}
    )
    data["claims"].append(
        {"id": "c-yeni", "text": "Reported.", "kind": "fact", "sources": ["yeni"]}
    )
    briefing = load_text(briefings_yaml(data)).briefing
    assert visible(briefing, Filter(text="erdogan")).events == {"e0"}
    assert visible(briefing, Filter(text="Ibrahim Kalin")).events == {"e0"}
    assert visible(briefing, Filter(text="1960")).events == {"e1"}
    assert visible(briefing, Filter(text="Safak")).claims == {"c-yeni"}
    index = search_index(briefing)
    assert visible(briefing, Filter(text="1960"), index) == visible(briefing, Filter(text="1960"))


def briefings_yaml(data: dict) -> str:
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_a_keystroke_on_10000_events_folds_only_the_typed_text(monkeypatch) -> None:
    """With the index, typing folds the needle once, never the 10,000 events' text again."""
    from briefing import filters

    events = tuple(
        Event(f"e{n}", parse_date("2020-11-10"), f"Event {n} at Şuşa") for n in range(10_000)
    )
    briefing = Briefing(title="Big", events=events)
    index = search_index(briefing)
    folds: list[str] = []
    monkeypatch.setattr(filters, "fold", lambda text: folds.append(text) or fold(text))
    filters._needle.cache_clear()
    started = time.perf_counter()
    shown = visible(briefing, Filter(text="Event 9999 at Susa"), index)
    typed = time.perf_counter() - started
    assert shown.events == {"e9999"}
    assert folds == ["Event 9999 at Susa"]
    print(f"keystroke on 10,000 events: {typed * 1000:.1f} ms")
