"""Starts the viewer: the Qt application, the window, and the --screenshot mode."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

import briefing
from briefing.ui.main_window import MainWindow, app_icon
from briefing.ui.theme import Theme

SETTLE_MS = 250


def application() -> QApplication:
    """The one QApplication, made the first time it is asked for."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Briefing")
    app.setOrganizationName("Briefing")
    app.setApplicationVersion(briefing.__version__)
    app.setDesktopFileName("briefing")
    app.setStyle("Fusion")
    app.setWindowIcon(app_icon())
    return app


def settle(ms: int = SETTLE_MS) -> None:
    """Let layouts and the pyqtgraph views finish before a grab."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def grab_window(window: MainWindow, out: str) -> bool:
    settle()
    window.timeline.reset_view()
    settle(50)
    return window.grab().save(out)


def run(path: str, screenshot: str | None = None, size: tuple[int, int] = (1600, 1000)) -> int:
    if screenshot and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    if screenshot:
        return _screenshot(path, screenshot, size)
    window = MainWindow()
    window.show()
    window.open_file(path)
    return app.exec()


def _screenshot(path: str, out: str, size: tuple[int, int]) -> int:
    # A fixed layout and light theme, and no settings written: the same picture every time.
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "briefing.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, restore=False)
        window.set_theme(Theme.LIGHT)
        window.resize(*size)
        window.show()
        window.open_file_now(path)
        saved = grab_window(window, out)
        window.watcher.stop()
    if not saved:
        print(f"briefing: cannot write {out}", file=sys.stderr)
        return 1
    return 0
