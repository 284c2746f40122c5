"""Fixtures for the viewer tests: settings in a temporary folder, a window with a briefing open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefing.ui.main_window import MainWindow
from briefing.ui.settings import SETTINGS_DIR_ENV


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its settings in its own folder, never in the analyst's."""
    folder = tmp_path / "settings"
    folder.mkdir()
    monkeypatch.setenv(SETTINGS_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[[Path], MainWindow]]:
    """Opens a file in a new, shown window and waits until it is loaded."""
    windows: list[MainWindow] = []

    def opener(path: Path, timeout: int = 5000) -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(1400, 900)
        window.show()
        with qtbot.waitSignal(window.document.loadFinished, timeout=timeout):
            window.open_file(path)
        return window

    yield opener
    for window in windows:
        window.watcher.stop()


@pytest.fixture
def window(open_window, briefing_file: Path) -> MainWindow:
    return open_window(briefing_file)


@pytest.fixture
def settings_for_panel(private_settings: Path):
    from briefing.ui.settings import app_settings

    return app_settings()


@pytest.fixture(autouse=True)
def clipboard_text_only() -> Iterator[None]:
    """After each test, the clipboard holds no QMimeData made in Python (PySide6 6.11 crashed
    at exit with one there; the app does the same on aboutToQuit, see ui/item_menu.py)."""
    yield
    from briefing.ui.item_menu import keep_text_only

    keep_text_only()
