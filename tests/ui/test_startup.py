"""Start-up: a small briefing is in the window at its first paint; a big or missing one is not
loaded on the UI thread before the window shows."""

from __future__ import annotations

from pathlib import Path

from briefing.ui import app
from briefing.ui.app import start_window


def test_small_file_is_loaded_before_the_window_shows(qtbot, briefing_file: Path, monkeypatch):
    shown_with: list[bool] = []
    monkeypatch.setattr(
        app.MainWindow,
        "show",
        lambda self: shown_with.append(self.document.briefing is not None),
    )
    window = start_window(str(briefing_file))
    qtbot.addWidget(window)
    assert shown_with == [True]
    assert not window.document.is_loading
    assert str(briefing_file.absolute()) in window.recent_files()
    window.watcher.stop()


def test_big_file_loads_after_the_window_shows(qtbot, briefing_file: Path, monkeypatch):
    monkeypatch.setattr(app, "SYNC_OPEN_BYTES", 10)  # every file counts as big
    window = start_window(str(briefing_file))
    qtbot.addWidget(window)
    assert window.isVisible() and window.document.briefing is None
    with qtbot.waitSignal(window.document.loadFinished, timeout=10_000):
        pass
    assert window.document.briefing is not None
    window.watcher.stop()


def test_missing_file_opens_the_window_with_the_error(qtbot, tmp_path: Path):
    missing = tmp_path / "gone.yaml"
    window = start_window(str(missing))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(window.document.errors), timeout=10_000)
    assert "cannot read" in str(window.document.errors[0])
    assert window.isVisible()
    window.watcher.stop()
