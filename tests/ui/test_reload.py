"""Live reload: a broken save keeps the last good briefing and shows where the errors are."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from briefing.ui.watcher import FileWatcher

BROKEN = "format: briefing/1\ntitle: Broken\nevents:\n  - id: e1\n    date: [unclosed\n"


def _save_broken(path: Path) -> None:
    path.write_text(BROKEN, encoding="utf-8")


def test_broken_save_keeps_last_good_briefing_and_shows_positions(window, qtbot, briefing_file):
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        _save_broken(briefing_file)
    assert window.document.briefing.title == "Test briefing"
    assert window.claims.row_count() == 4
    assert window.banner_bar.isVisible()
    text = window.banner.text()
    assert f"{briefing_file}:5:" in text or f"{briefing_file}:6:" in text
    assert "error:" in text
    assert "last good version" in text


def test_fixed_save_reloads_and_hides_the_banner(window, qtbot, briefing_file, briefings):
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        _save_broken(briefing_file)
    assert window.banner_bar.isVisible()
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        briefing_file.write_text(briefings.yaml(title="Fixed"), encoding="utf-8")
    assert window.document.briefing.title == "Fixed"
    assert not window.banner_bar.isVisible()


def test_save_by_rename_reloads_and_keeps_watching(window, qtbot, briefing_file, briefings):
    for title in ("Renamed once", "Renamed twice"):
        temporary = briefing_file.with_suffix(".tmp")
        temporary.write_text(briefings.yaml(title=title), encoding="utf-8")
        with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
            os.replace(temporary, briefing_file)
        assert window.document.briefing.title == title


def test_file_that_disappears_and_reappears_reloads(window, qtbot, briefing_file, briefings):
    briefing_file.unlink()
    qtbot.wait(50)  # let the watcher see the removal before the file comes back
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        briefing_file.write_text(briefings.yaml(title="Back again"), encoding="utf-8")
    assert window.document.briefing.title == "Back again"


def test_opening_a_broken_file_shows_the_banner_not_a_traceback(open_window, tmp_path):
    path = tmp_path / "broken.yaml"
    _save_broken(path)
    window = open_window(path)
    assert window.document.briefing is None
    assert window.banner_bar.isVisible()
    assert f"{path}:" in window.banner.text()
    assert window.claims.row_count() == 0
    assert window.timeline.shown_event_ids() == set()


def test_watcher_reports_a_burst_of_writes_once(qtbot, tmp_path):
    path = tmp_path / "watched.yaml"
    path.write_text("a", encoding="utf-8")
    watcher = FileWatcher()
    watcher.watch(str(path))
    seen: list[str] = []
    watcher.changed.connect(seen.append)
    with qtbot.waitSignal(watcher.changed, timeout=3000):
        for text in ("ab", "abc", "abcd"):
            path.write_text(text, encoding="utf-8")
    qtbot.wait(400)  # longer than the debounce: a second report would have arrived by now
    assert seen == [str(path)]
    watcher.stop()


def test_warnings_are_listed_in_the_problems_panel(window):
    items = window.problems.row_texts()
    assert any("c-open" in item and "warning" in item for item in items)
    assert "1 warning" in window.status.text()


def test_a_figure_too_large_is_shown_at_its_line_not_as_a_crash(window, qtbot, briefing_file):
    text = briefing_file.read_text(encoding="utf-8")
    huge = text.replace("value: 1960", "value: 1" + "0" * 400)
    line = text[: text.index("value: 1960")].count("\n") + 1
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        briefing_file.write_text(huge, encoding="utf-8")
    banner = window.banner.text()
    assert f"{briefing_file}:{line}:10: error: " in banner
    assert "too large for a count" in banner and "OverflowError" not in banner


def test_file_replaced_by_a_named_pipe_is_refused_not_waited_on(window, qtbot, briefing_file):
    briefing_file.unlink()
    os.mkfifo(briefing_file)
    try:
        with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
            pass  # the watcher sees the change and the load refuses the pipe
        assert window.document.briefing.title == "Test briefing"
        assert "named pipe" in window.banner.text()
        assert not window.document.is_loading
    finally:
        # A reader stuck on the pipe (the bug this test guards against) gets EOF.
        with contextlib.suppress(OSError):
            os.close(os.open(briefing_file, os.O_WRONLY | os.O_NONBLOCK))
