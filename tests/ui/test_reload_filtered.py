"""A reload under an active filter: what the filter leaves is worked out on the loading thread."""

from __future__ import annotations

import threading

from briefing import derived as derived_module
from briefing.filters import Filter, visible


def test_reload_with_a_filter_works_out_what_is_left_off_the_ui_thread(qtbot, window, monkeypatch):
    document = window.document
    some_event = document.briefing.events[0]
    document.set_filter(Filter(text=some_event.title))
    threads: list[str] = []

    def recording_visible(briefing, active_filter, index=None):
        threads.append(threading.current_thread().name)
        return visible(briefing, active_filter, index)

    monkeypatch.setattr(derived_module, "visible", recording_visible)
    with qtbot.waitSignal(document.loadFinished, timeout=10_000):
        document.reload()
    assert threads == ["briefing-load"], "worked out on the UI thread, or more than once"
    assert some_event.id in document.visible.events
    assert document.visible == visible(document.briefing, document.filter)


def test_a_filter_changed_during_the_load_is_applied_to_the_new_briefing(qtbot, window):
    document = window.document
    document.set_filter(Filter(text="no event has this title"))
    with qtbot.waitSignal(document.loadFinished, timeout=10_000):
        document.reload()
        document.set_filter(Filter())  # changed while the file loads
    assert document.visible == visible(document.briefing, Filter())
    assert document.visible.events
