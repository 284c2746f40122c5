"""Start-up: a small briefing is in the window at its first paint; a big or missing one is not
loaded on the UI thread before the window shows."""

from __future__ import annotations

import os
import subprocess
import sys
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


# Modules the window on the bundled briefing does not use until the analyst asks for more, and
# why each was found imported at start-up (python -X importtime).
NOT_AT_START = {
    "numpy.ma": "np.unique asks np.ma.is_masked (gap shortening, the timeline's spans)",
    "briefing.revisions": "git, for File → Compare with last commit",
}

FIRST_PAINT = """
import os, sys
from briefing.ui.app import application, start_window
application()
window = start_window(sys.argv[1])
window.timeline.plot.viewport().repaint()
window.repaint()
print(",".join(sorted(set(sys.argv[2].split(",")) & set(sys.modules))))
sys.stdout.flush()
os._exit(0)
"""


def test_start_up_imports_nothing_the_first_window_does_not_use(tmp_path: Path) -> None:
    from tests.test_loader import BUNDLED

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFING_SETTINGS_DIR": str(tmp_path)}
    names = ",".join(NOT_AT_START)
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(BUNDLED), names],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    imported = [name for name in out.stdout.strip().split(",") if name]
    assert imported == [], {name: NOT_AT_START[name] for name in imported}
