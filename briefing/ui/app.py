"""Starts the viewer: the Qt application, the window, and the --screenshot mode."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import briefing
from briefing.problems import shown
from briefing.ui.main_window import MainWindow, app_icon
from briefing.ui.theme import Theme

SETTLE_MS = 250
# Below this size a briefing loads in milliseconds (the bundled one: about 10 ms), less than
# the extra paint of an empty window would cost; above it, loading runs off the UI thread.
SYNC_OPEN_BYTES = 256 * 1024

log = logging.getLogger("briefing")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


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
    start_window(path)
    return app.exec()


def start_window(path: str) -> MainWindow:
    """The window on `path`, shown. A small file loads before the first paint, so the window
    appears once, filled; a big one loads after it, off the UI thread, with progress."""
    window = MainWindow()
    install_exception_hook(window)
    try:
        small = os.path.getsize(path) < SYNC_OPEN_BYTES
    except OSError:
        small = False  # a missing file: the normal path reports it in the banner
    if small:
        window.open_file_now(path, remember=True)
        window.show()
    else:
        window.show()
        window.open_file(path)
    return window


def install_exception_hook(window: MainWindow) -> ExceptHook:
    """Catch what escapes a Qt slot or event handler: log it, tell the analyst, carry on.

    PySide6 hands an exception raised in a slot to sys.excepthook and returns to the event
    loop; the default hook only prints to a terminal the analyst never sees. This one logs the
    traceback with `logging` and shows one non-modal message box (reused, so an error repeated
    on every paint does not pile up boxes). The window keeps working. Returns the new hook;
    the one it replaced is kept for Ctrl+C and for when the window is gone.
    """
    previous = sys.excepthook
    showing = False

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt | SystemExit) or showing:
            previous(kind, error, tb)
            return
        log.error("Unexpected error in the window", exc_info=(kind, error, tb))
        showing = True  # an error while showing the box must not recurse into another box
        try:
            _show_internal_error(window, kind, error, tb)
        except RuntimeError:  # the window was deleted: nothing left to tell
            previous(kind, error, tb)
        finally:
            showing = False

    sys.excepthook = hook
    return hook


def _show_internal_error(
    window: MainWindow, kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    box = window.findChild(QMessageBox, "internalErrorBox")
    if box is None:
        box = QMessageBox(window)
        box.setObjectName("internalErrorBox")
        box.setWindowTitle("Briefing: unexpected error")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message may quote briefing text
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
    summary = " ".join(str(error).split())[:300]
    what = f"{kind.__name__}: {summary}" if summary else kind.__name__
    box.setText(f"Something went wrong inside Briefing; the window carries on.\n\n{what}")
    box.setDetailedText("".join(traceback.format_exception(kind, error, tb)))
    box.show()


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
        print(f"briefing: cannot write {shown(out)}", file=sys.stderr)
        return 1
    return 0
