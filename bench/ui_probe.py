"""One window measurement per run, in its own process, for bench/run.py: prints one JSON line.

    python bench/ui_probe.py startup-baseline
    python bench/ui_probe.py startup-app FILE
    python bench/ui_probe.py frames FILE
    python bench/ui_probe.py stall FILE
    python bench/ui_probe.py memory FILE

Start-up runs end at the first paint of the window (for the app: the first paint after the
briefing is on screen) and exit at once, so bench/run.py times the whole process from outside.
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _exit_on_paint(widget, ready=lambda: True) -> None:
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and ready():
                sys.stdout.flush()
                os._exit(0)
            return False

    widget._first_paint = FirstPaint(widget)
    widget.installEventFilter(widget._first_paint)


def startup_baseline() -> None:
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    plot = pg.PlotWidget()
    plot.plot([1, 2, 3], [3, 1, 2])
    plot.resize(1200, 800)
    _exit_on_paint(plot.viewport())
    plot.show()
    app.exec()


def _window(settings_dir: str):
    from PySide6.QtCore import QSettings

    from briefing.ui.app import application
    from briefing.ui.main_window import MainWindow

    application()
    settings = QSettings(os.path.join(settings_dir, "b.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, restore=False)
    window.resize(1600, 1000)
    return window


def startup_app(path: str) -> None:
    """The app's own start-up path (`start_window`), to the first paint with the briefing in."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        os.environ["BRIEFING_SETTINGS_DIR"] = folder  # leave the user's settings alone
        from briefing.ui.app import application, start_window

        application()
        window = start_window(path)
        document = window.document
        # Ready once the briefing is in and every panel has caught up (not loading); a file
        # loaded off the UI thread gets one more full paint when it is done.
        _exit_on_paint(
            window.timeline.plot.viewport(),
            lambda: document.briefing is not None and not document.is_loading,
        )
        document.loadFinished.connect(window.repaint)
        application().exec()


def frames(path: str) -> None:
    """Median time to repaint the timeline after one zoom or pan step."""
    import tempfile

    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as folder:
        window = _window(folder)
        window.show()
        window.open_file_now(path)
        timeline = window.timeline
        viewport = timeline.plot.viewport()
        for _ in range(5):
            QApplication.processEvents()
        timeline.fit_all()
        times = []
        steps = [(timeline.zoom, 1.25)] * 6 + [(timeline.pan, 0.1)] * 6 + [(timeline.zoom, 0.8)] * 6
        for action, amount in steps * 2:
            start = time.perf_counter()
            action(amount)
            viewport.repaint()  # one synchronous paint of the new view: one frame
            times.append(time.perf_counter() - start)
            QApplication.processEvents()  # what else the step queued, outside the frame
        print(
            json.dumps({"frame_ms": statistics.median(times) * 1000, "worst_ms": max(times) * 1000})
        )


def stall(path: str) -> None:
    """The longest the UI thread goes without serving a 5 ms timer while a file loads."""
    import tempfile

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from briefing.ui.app import application

    with tempfile.TemporaryDirectory() as folder:
        window = _window(folder)
        window.show()
        for _ in range(5):
            QApplication.processEvents()
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        done: list[float] = []

        def finished() -> None:
            done.append(time.perf_counter())
            QTimer.singleShot(300, application().quit)  # the panels' own updates come after

        window.document.loadFinished.connect(finished)
        timer.start()
        start = time.perf_counter()
        ticks.append(start)
        window.open_file(path)
        application().exec()
        ticks.append(time.perf_counter())
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        print(
            json.dumps(
                {
                    "max_stall_ms": max(gaps) * 1000,
                    "load_s": done[0] - start if done else None,
                    "events": len(window.document.briefing.events)
                    if window.document.briefing
                    else 0,
                }
            )
        )


def memory(path: str) -> None:
    import tempfile

    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as folder:
        window = _window(folder)
        window.show()
        window.open_file_now(path)
        for _ in range(10):
            QApplication.processEvents()
        window.timeline.plot.viewport().repaint()
        events = len(window.document.briefing.events) if window.document.briefing else 0
        # VmHWM is this process's own peak; ru_maxrss would count the parent it forked from.
        with open("/proc/self/status") as status_file:
            status = status_file.read()
        peak_mib = int(status.split("VmHWM:")[1].split()[0]) / 1024
        print(json.dumps({"peak_mib": peak_mib, "events": events}))


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    {
        "startup-baseline": startup_baseline,
        "startup-app": startup_app,
        "frames": frames,
        "stall": stall,
        "memory": memory,
    }[mode](*args)
