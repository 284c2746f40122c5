"""A new briefing reaches the panels in later event-loop turns; open_now and flush do it at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.derived import derive
from briefing.loader import load_path
from briefing.ui import document as document_module
from briefing.ui import load_runner
from briefing.ui.document import Document
from briefing.ui.main_window import MainWindow


def test_later_runs_work_in_later_turns_one_step_at_a_time(qtbot) -> None:
    document = Document()
    done: list[str] = []

    def steps() -> Iterator[None]:
        done.append("first")
        yield
        done.append("second")

    document.later("a", steps)
    document.later("b", lambda: done.append("b"))
    assert done == []  # nothing runs before the event loop does
    assert document.is_pending("a")
    qtbot.waitUntil(lambda: not document.is_pending("a") and not document.is_pending("b"))
    assert done == ["first", "second", "b"]  # in the order given


def test_new_work_under_a_key_replaces_the_old_and_cancel_drops_it(qtbot) -> None:
    document = Document()
    done: list[str] = []
    document.later("a", lambda: done.append("old"))
    document.later("a", lambda: done.append("new"))
    document.later("b", lambda: done.append("b"))
    document.cancel("b")
    document.flush()
    assert done == ["new"]
    assert not document.is_pending("a")


def test_a_failing_step_does_not_block_the_others(qtbot) -> None:
    document = Document()
    done: list[str] = []

    def broken() -> None:
        raise RuntimeError("a panel bug")

    document.later("broken", broken)
    document.later("fine", lambda: done.append("fine"))
    with pytest.raises(RuntimeError):
        document.flush()
    document.flush()
    assert done == ["fine"]


def test_panels_are_filled_when_load_finished_comes(qtbot, briefing_file: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    seen: dict[str, object] = {}

    def on_finished() -> None:
        seen["claims"] = window.claims.row_count()
        seen["events"] = window.timeline.shown_event_ids()
        seen["figures"] = window.forces.shown_figure_ids()
        seen["sides"] = set(window.filter_bar.sides.actions_by_key())
        seen["loading"] = window.document.is_loading

    window.document.loadFinished.connect(on_finished)
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        window.open_file(briefing_file)
    window.watcher.stop()
    briefing = window.document.briefing
    assert briefing is not None
    assert seen["claims"] == len(briefing.claims)
    assert seen["events"] == set(briefing.events_by_id)
    assert seen["figures"] == set(briefing.forces_by_id)
    assert seen["sides"] == set(briefing.sides_by_id)
    assert seen["loading"] is False


def test_apply_leaves_the_panels_to_later_turns(qtbot, briefing_file: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    result = load_path(briefing_file)
    finished: list[bool] = []
    window.document.loadFinished.connect(lambda: finished.append(True))
    window.document.apply(result)
    assert window.claims.row_count() == 0  # not yet: each panel catches up in its own turn
    assert not finished
    qtbot.waitUntil(lambda: bool(finished))
    assert window.claims.row_count() == len(result.briefing.claims)
    assert window.windowTitle().startswith(" ".join(result.briefing.title.split())[:20])


def test_open_file_now_fills_every_panel_before_it_returns(qtbot, briefing_file: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_file_now(briefing_file)
    window.watcher.stop()
    briefing = window.document.briefing
    assert briefing is not None
    assert window.claims.row_count() == len(briefing.claims)
    assert window.timeline.shown_event_ids() == set(briefing.events_by_id)
    assert window.forces.shown_figure_ids() == set(briefing.forces_by_id)
    assert window.forces.category_titles()
    assert window.filter_bar.sources.isEnabled()
    assert "events" in window.status.text()


def test_what_the_panels_need_is_derived_on_the_loading_thread(
    qtbot, briefing_file: Path, monkeypatch
) -> None:
    document = Document()
    threads: list[threading.Thread] = []

    def recording_derive(briefing, shown):
        threads.append(threading.current_thread())
        return derive(briefing, shown)

    monkeypatch.setattr(load_runner, "derive", recording_derive)
    monkeypatch.setattr(document_module, "derive", recording_derive)
    with qtbot.waitSignal(document.loadFinished, timeout=5000):
        document.open(briefing_file)
    assert document.derived == derive(document.briefing, document.filter)
    assert document.derived.unsourced == sum(1 for c in document.briefing.claims if not c.sources)
    assert threads and all(t is not threading.main_thread() for t in threads)
    # A load on the calling thread works it out there.
    threads.clear()
    document.open_now(briefing_file)
    assert document.derived.timeline.marks.ids == [e.id for e in document.briefing.events]
    assert threads == [threading.main_thread()]


def test_panels_take_claim_numbers_worked_out_on_the_loading_thread(
    qtbot, briefing_file: Path, monkeypatch
) -> None:
    """Four panels numbered 30,000 claims each on the UI thread (30 ms apiece) as a big
    briefing arrived; the numbers now come with what the loading thread derives."""
    from briefing import derived as derived_module
    from briefing.numbering import claim_numbers
    from briefing.ui import alternatives, assumptions, claims

    threads: list[threading.Thread] = []

    def recording(briefing):
        threads.append(threading.current_thread())
        return claim_numbers(briefing)

    for module in (derived_module, claims, assumptions, alternatives):
        monkeypatch.setattr(module, "claim_numbers", recording)
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        window.open_file(briefing_file)
    window.watcher.stop()
    briefing = window.document.briefing
    assert threads and all(t is not threading.main_thread() for t in threads)
    numbers = claim_numbers(briefing)
    assert window.document.derived.claim_numbers == numbers
    first = next(c for c in briefing.claims if numbers[c.id] == 1)
    assert window.claims.model._numbers[first.id] == 1
