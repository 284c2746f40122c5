"""Search as people type: folded text, in the window."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("typed", "event_id"),
    [("Erdogan", "e-talk"), ("Ibrahim", "e-talk"), ("Kalin", "e-talk"), ("1960", "e-forward")],
)
def test_typing_finds_the_word_however_it_was_written(
    open_window, qtbot, briefings, tmp_path, typed: str, event_id: str
) -> None:
    data = briefings.data()
    data["events"] += [
        {"id": "e-talk", "date": "2020-11-12", "title": "Erdoğan and İbrahim Kalın talk"},
        {"id": "e-forward", "date": "2020-11-14", "title": "Russia forward-deploys 1,960 troops"},
    ]
    window = open_window(briefings.write(tmp_path / "t.yaml", events=data["events"]))
    qtbot.keyClicks(window.filter_bar.search, typed)
    qtbot.waitUntil(lambda: window.timeline.shown_event_ids() == {event_id})


def test_safak_finds_the_outlet_written_either_way(open_window, qtbot, briefings, tmp_path):
    data = briefings.data()
    data["sources"].append(
        {"id": "ys", "outlet": "Yeni Şafak", "kind": "press", "reliability": "C"}
    )
    data["claims"].append({"id": "c-ys", "text": "Reported.", "kind": "fact", "sources": ["ys"]})
    window = open_window(
        briefings.write(tmp_path / "t.yaml", sources=data["sources"], claims=data["claims"])
    )
    qtbot.keyClicks(window.filter_bar.search, "safak")
    qtbot.waitUntil(lambda: window.claims.shown_claim_ids() == ["c-ys"])
