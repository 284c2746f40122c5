"""A monkey on the real window: random clicks, keys, resizes and filter changes, no exception.

The seed is new each run (set BRIEFING_MONKEY_SEED to replay one) and printed in any failure.
Dialogs that would block a test (open/save file dialogs, message boxes, the drop-down filter
menus, which Qt runs in a nested loop) are answered or skipped; their actions are taken directly.
"""

from __future__ import annotations

import os
import random
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QToolButton

from briefing.ui.main_window import MainWindow
from tests.test_loader import BUNDLED

KEYS = [
    (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_T, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    (Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier),
]
WORDS = ["troops", "Turkey", "F-16", "", "zzz", "<b>", "2020", "ş", "Russia"]


def _blocks(widget) -> bool:
    """Widgets whose click runs a nested event loop (a drop-down menu) the monkey cannot close."""
    return isinstance(widget, QToolButton) and widget.menu() is not None


class Monkey:
    def __init__(self, window: MainWindow, rng: random.Random) -> None:
        self.window = window
        self.rng = rng
        self.log: list[str] = []

    def act(self) -> None:
        action = self.rng.choices(
            [self.click, self.key, self.resize, self.filter, self.toggle, self.dock],
            weights=[8, 5, 1, 3, 2, 1],
        )[0]
        action()

    def click(self) -> None:
        window = self.window
        point = QPoint(self.rng.randrange(window.width()), self.rng.randrange(window.height()))
        target = window.childAt(point)
        if target is None or _blocks(target):
            return
        local = target.mapFrom(window, point)
        button = self.rng.choice([Qt.MouseButton.LeftButton] * 4 + [Qt.MouseButton.RightButton])
        self.log.append(f"click {target.objectName() or type(target).__name__} {local.toTuple()}")
        if self.rng.random() < 0.2:
            QTest.mouseDClick(target, button, Qt.KeyboardModifier.NoModifier, local)
        else:
            QTest.mouseClick(target, button, Qt.KeyboardModifier.NoModifier, local)

    def key(self) -> None:
        key, modifiers = self.rng.choice(KEYS)
        target = QApplication.focusWidget() or self.window
        self.log.append(f"key {key.name} {modifiers} on {type(target).__name__}")
        QTest.keyClick(target, key, modifiers)

    def resize(self) -> None:
        size = (self.rng.randint(300, 1800), self.rng.randint(200, 1200))
        self.log.append(f"resize {size}")
        self.window.resize(*size)

    def filter(self) -> None:
        bar = self.window.filter_bar
        choice = self.rng.randrange(4)
        if choice == 0:
            word = self.rng.choice(WORDS)
            self.log.append(f"search {word!r}")
            bar.search.setText(word)
        elif choice == 1:
            button = self.rng.choice([bar.sides, bar.kinds, bar.sources])
            actions = button.menu().actions()
            if actions:
                action = self.rng.choice(actions)
                self.log.append(f"filter {action.objectName()}")
                action.trigger()
        elif choice == 2 and bar._extent is not None:
            low, high = (day.toordinal() for day in bar._extent)
            a, b = sorted(self.rng.randint(low, high) for _ in range(2))
            self.log.append(f"dates {a}..{b}")
            bar.dates.setValue((a, b))
        else:
            self.log.append("reset filters")
            bar.clear()

    def toggle(self) -> None:
        window = self.window
        action = self.rng.choice(
            [
                window.zoom_in_action,
                window.zoom_out_action,
                window.fit_action,
                window.focus_action,
                window.toggle_theme_action,
                window.clear_selection_action,
                window.reload_action,
                window.format_action,
            ]
        )
        self.log.append(f"action {action.objectName()}")
        action.trigger()

    def dock(self) -> None:
        window = self.window
        dock = self.rng.choice(
            [window.timeline_dock, window.claims_dock, window.forces_dock, window.details_dock]
        )
        self.log.append(f"toggle {dock.objectName()}")
        dock.setVisible(not dock.isVisible())


def run_monkey(open_window, qtbot, monkeypatch, actions: int, seconds: float) -> None:
    seed = int(os.environ.get("BRIEFING_MONKEY_SEED", time.time_ns() % 2**32))
    # Nothing modal may stop the monkey: file dialogs are cancelled, message boxes answered.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, lambda *_a, **_k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "exec", lambda *_a, **_k: 0)
    window = open_window(BUNDLED)
    claims = len(window.document.briefing.claims)
    monkey = Monkey(window, random.Random(seed))
    deadline = time.monotonic() + seconds
    with qtbot.captureExceptions() as exceptions:
        for _ in range(actions):
            if time.monotonic() > deadline:
                break
            try:
                monkey.act()
            except Exception as error:  # a failure in the driving code itself, with its seed
                raise AssertionError(f"seed {seed}, after {monkey.log[-5:]}") from error
            QApplication.processEvents()
            if exceptions:
                break
    assert not exceptions, (
        f"BRIEFING_MONKEY_SEED={seed}: {exceptions[0][1]!r} after {monkey.log[-10:]}"
    )
    # The window still works after the monkey: a reset shows everything again.
    for dock in (window.claims_dock, window.timeline_dock):
        dock.setVisible(True)
    window.filter_bar.clear()
    assert window.document.briefing is not None, f"seed {seed}"
    assert window.claims.row_count() == claims, f"seed {seed}"
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()


def test_monkey_on_the_window(open_window, qtbot, monkeypatch):
    run_monkey(open_window, qtbot, monkeypatch, actions=300, seconds=20)


@pytest.mark.slow
def test_monkey_on_the_window_long(open_window, qtbot, monkeypatch):
    run_monkey(open_window, qtbot, monkeypatch, actions=800, seconds=30)
