"""Starts the viewer: the Qt application, the window, and the --screenshot mode."""

from __future__ import annotations

import errno
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import briefing
from briefing.loader import collector_paused
from briefing.loading import ForkedLoad

with collector_paused():  # start-up: see briefing/ui/__init__.py
    from PySide6.QtCore import (
        QBuffer,
        QEventLoop,
        QIODevice,
        QMessageLogContext,
        QSettings,
        Qt,
        QTimer,
        QtMsgType,
        qInstallMessageHandler,
    )
    from PySide6.QtGui import QImageWriter
    from PySide6.QtWidgets import QApplication, QMessageBox

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


def grab_window(window: MainWindow, image_format: str = "PNG") -> bytes:
    """The settled window as an image file's bytes; empty when Qt cannot make that format."""
    settle()
    window.timeline.reset_view()
    settle(50)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not window.grab().save(buffer, image_format):
        return b""
    return bytes(buffer.data().data())


def no_display() -> str | None:
    """Why a window cannot be shown here, or None: on Linux and the other X11/Wayland systems,
    Qt's default platform needs DISPLAY or WAYLAND_DISPLAY, and without them it aborts the
    process (status 134, a list of plugins) instead of raising anything we could catch."""
    if sys.platform in ("win32", "darwin"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform not in ("", "xcb", "wayland", "wayland-egl"):
        return None  # offscreen, vnc, eglfs...: chosen on purpose, they need no display
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return "no display: neither DISPLAY nor WAYLAND_DISPLAY is set"


def run(
    path: str,
    screenshot: str | None = None,
    size: tuple[int, int] = (1600, 1000),
    theme: str | None = None,
    forked: ForkedLoad | None = None,
) -> int:
    """The window on `path` (or its screenshot); `theme` is "system", "light" or "dark";
    `forked`: a load of `path` begun at the start of the command, for the window to take."""
    if (reason := no_display()) is not None:
        # `--screenshot ''` is a screenshot with a bad name, refused; not the window left open.
        if screenshot is None:
            print(f"briefing: {reason}; use --screenshot or set DISPLAY", file=sys.stderr)
            return 1
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no display
    if screenshot is not None:
        qInstallMessageHandler(_quiet_offscreen_notes)
        application()
        return _screenshot(path, screenshot, size, Theme(theme or Theme.LIGHT), forked)
    app = application()
    window = start_window(path, forked)
    if theme is not None:
        window.set_theme(Theme(theme))
    return app.exec()


# What the offscreen platform says of every window it cannot resize for its contents: a note
# about the platform, not about the briefing, so a screenshot run does not print it.
OFFSCREEN_NOTE = "This plugin does not support "


def _quiet_offscreen_notes(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's messages on standard error as Qt prints them, less the offscreen platform's notes."""
    if not message.startswith(OFFSCREEN_NOTE):
        print(message, file=sys.stderr)


def start_window(path: str, forked: ForkedLoad | None = None) -> MainWindow:
    """The window on `path`, shown. A small file loads before the first paint, so the window
    appears once, filled; a big one loads after it, off the UI thread, with progress.
    `forked`: a load of `path` already under way, taken instead of reading the file again."""
    with collector_paused():  # start-up: see briefing/ui/__init__.py
        window = MainWindow()
        install_exception_hook(window)
        if forked is not None:
            window.document.expect(forked)
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


def _screenshot(
    path: str,
    out: str,
    size: tuple[int, int],
    theme: Theme = Theme.LIGHT,
    forked: ForkedLoad | None = None,
) -> int:
    from briefing.output import OutputError, check_output, write_file  # not for the window

    try:
        check_output(out, [path])  # at once, before the window is built
    except OutputError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 1
    image_format = (Path(out).suffix[1:] or "png").upper()
    if image_format.lower().encode() not in map(bytes, QImageWriter.supportedImageFormats()):
        print(f"briefing: cannot write {out}: no {image_format} images; use .png", file=sys.stderr)
        return 1
    # A fixed layout and theme (light unless asked), and no settings written: the same
    # picture every time.
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "briefing.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, restore=False)
        window.set_theme(theme)
        window.resize(*size)
        window.default_layout()  # laid out for this size, as a first start at this size is
        window.show()
        if forked is not None:
            window.document.expect(forked)
        window.open_file_now(path)
        image = grab_window(window, image_format)
        window.watcher.stop()
    try:
        if not image:
            raise OutputError(errno.EIO, "Qt could not render the window", out)
        write_file(out, image, [path])
    except OutputError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 1
    return 0
