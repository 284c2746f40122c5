"""The window on a laptop: key judgments first, claim numbers, a layout for 1366×768, F6."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QTabBar

from briefing.filters import Filter
from briefing.links import ItemKind
from briefing.ui.claims import NUMBER, SOURCES, TEXT
from briefing.ui.main_window import LAYOUT_VERSION, MainWindow

ROOT = Path(__file__).resolve().parents[2]
KARABAKH = ROOT / "data" / "karabakh-2020.yaml"

JUDGMENTS = [
    {"text": "Russia <b>leads</b> the mission.", "claims": ["c-troops", "c-open"]},
    {"text": "Turkey keeps its air power in Azerbaijan.", "claims": ["c-f16"]},
]


@pytest.fixture
def judged(open_window, tmp_path, briefings) -> MainWindow:
    claims = briefings.data()["claims"]
    path = briefings.write(
        tmp_path / "judged.yaml",
        key_judgments=JUDGMENTS,
        handling="UNCLASSIFIED // Open sources",
        claims=[claims[3], *claims[:3]],  # the forecast first in the file: it is C4
    )
    return open_window(path)


def test_key_judgments_come_first_with_title_date_and_handling(judged) -> None:
    panel = judged.judgments
    assert panel.heading.text() == ("Test briefing · As of Dec 2020 · UNCLASSIFIED // Open sources")
    assert panel.heading.textFormat() == Qt.TextFormat.PlainText
    assert panel.lines() == [
        "1. Russia <b>leads</b> the mission.  (C2, C4)",  # markup stays text
        "2. Turkey keeps its air power in Azerbaijan.  (C3)",
    ]
    # At the top of the window, above the claims and the timeline.
    dock = judged.judgments_dock
    for other in (judged.claims_dock, judged.timeline_dock):
        assert dock.geometry().bottom() < other.geometry().top()


def test_a_key_judgment_selects_the_claims_behind_it(judged, qtbot) -> None:
    panel = judged.judgments
    item = panel.list.item(0)
    with qtbot.waitSignal(judged.document.selectionChanged):
        panel.list.itemClicked.emit(item)
    assert judged.document.selection.kind is ItemKind.JUDGMENT
    assert judged.claims.selected_claim_ids() == {"c-troops", "c-open"}
    assert judged.document.linked.events == {"e-deploy"}  # linked on, to the timeline
    # From the keyboard: the arrow moves to the next judgment and selects its claims.
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert judged.claims.selected_claim_ids() == {"c-f16"}
    assert "Turkey keeps its air power" in judged.details.text()
    assert "C3 Turkish F-16s stayed in Azerbaijan." in judged.details.text()
    # Enter on the current judgment selects it again after the selection was cleared.
    judged.document.clear_selection()
    assert judged.claims.selected_claim_ids() == set()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert judged.claims.selected_claim_ids() == {"c-f16"}


def test_claim_numbers_show_and_can_be_searched(judged, qtbot) -> None:
    proxy = judged.claims.proxy
    shown = {proxy.index(r, NUMBER).data(): proxy.index(r, TEXT).data() for r in range(4)}
    assert shown["C4"] == "A statement nobody has sourced yet."
    assert shown["C1"] == "The ministers signed a memorandum."
    judged.document.set_filter(Filter(text="C4"))
    assert judged.claims.shown_claim_ids() == ["c-open"]


def _shown_rows(window: MainWindow) -> int:
    view = window.claims.view
    height = view.viewport().height()
    return sum(
        1
        for row in range(window.claims.row_count())
        if view.rowViewportPosition(row) >= 0
        and view.rowViewportPosition(row) + view.rowHeight(row) <= height
    )


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_at_laptop_sizes_most_claims_read_on_one_line_each(open_window, qtbot, size) -> None:
    window = open_window(KARABAKH)
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    window.default_layout()
    qtbot.waitUntil(lambda: window.claims.view.viewport().height() > 300)
    qtbot.waitUntil(lambda: window.claims.view.columnWidth(TEXT) >= 300)
    qtbot.waitUntil(lambda: window.claims.lines == 1)
    claims = window.claims
    assert _shown_rows(window) >= 16  # of 33 claims
    # Nothing to scroll sideways, and the text column is the widest.
    assert not claims.view.horizontalScrollBar().isVisible()
    widths = [claims.view.columnWidth(c) for c in range(claims.proxy.columnCount())]
    assert widths[TEXT] == max(widths)
    assert window.judgments.list.count() == 5
    bottom = window.judgments.list.visualItemRect(window.judgments.list.item(4)).bottom()
    assert bottom <= window.judgments.list.viewport().height()  # every judgment in view
    for dock in window.panel_docks[:4]:
        assert dock.isVisible() and dock.width() >= 250 and dock.height() >= 100


def test_claim_rows_grow_when_there_is_room(window, qtbot) -> None:
    """Four claims in a tall pane: each gets more than one line."""
    qtbot.waitUntil(lambda: window.claims.lines > 1)
    assert window.claims.view.wordWrap()


def test_an_old_saved_layout_is_not_restored(qtbot, briefing_file) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.judgments_dock.hide()
    first.timeline_dock.hide()
    first.settings.setValue("windowState", first.saveState())  # as versions before 2 saved it
    first.settings.sync()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.judgments_dock.isVisible() and second.timeline_dock.isVisible()
    # A layout saved by this version is restored.
    second.timeline_dock.hide()
    second.save_settings()
    third = MainWindow()
    qtbot.addWidget(third)
    third.show()
    assert not third.timeline_dock.isVisible()
    assert isinstance(third.settings.value("windowState"), QByteArray)
    assert LAYOUT_VERSION >= 2


def test_reset_layout_brings_every_panel_back(window) -> None:
    window.timeline_dock.hide()
    window.judgments_dock.setFloating(True)
    action = window.findChild(type(window.reset_layout_action), "resetLayoutAction")
    assert (
        action
        in window.menuBar()
        .findChild(type(window.menuBar().actions()[0].menu()), "viewMenu")
        .actions()
    )
    action.trigger()
    assert window.timeline_dock.isVisible() and not window.judgments_dock.isFloating()
    assert window.judgments_dock.geometry().bottom() < window.claims_dock.geometry().top()


def test_f6_walks_the_panels_and_marks_the_focused_one(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    docks = window.shown_panel_docks()
    assert [d.objectName() for d in docks] == [
        "judgmentsDock",
        "timelineDock",
        "claimsDock",
        "forceDock",
        "detailsDock",
    ]
    window.focus_search()  # in no panel: F6 starts at the first
    qtbot.waitUntil(lambda: window.focused_panel_dock() is None)
    visited: list[QDockWidget | None] = []
    for _ in range(len(docks) + 1):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F6)
        visited.append(window.focused_panel_dock())
    names = [d and d.objectName() for d in visited]
    assert names == [d.objectName() for d in [*docks, docks[0]]]
    assert window.document.selection is None  # walking the panels selects nothing
    marked = [d for d in window.panel_docks if d.property("panelFocused")]
    assert marked == [docks[0]] and "highlight" in docks[0].styleSheet()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.focused_panel_dock() is docks[-1]
    assert docks[0].styleSheet() == ""


def test_f6_puts_the_keyboard_in_the_claims_table(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    for _ in range(len(window.panel_docks)):
        if window.focused_panel_dock() is window.claims_dock:
            break
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F6)
    assert window.claims.view.hasFocus()
    assert window.document.selection is None  # moving the focus selects nothing
    qtbot.keyClick(window.claims.view, Qt.Key.Key_Down)
    assert window.document.selection is not None
    assert window.document.selection.kind is ItemKind.CLAIM


def test_every_action_is_in_a_menu() -> None:
    window = MainWindow(restore=False)
    try:
        in_menus = set()
        for menu_action in window.menuBar().actions():
            stack = [menu_action.menu()]
            while stack:
                menu = stack.pop()
                for action in menu.actions():
                    in_menus.add(action)
                    if action.menu() is not None:
                        stack.append(action.menu())
        named = [a for a in window.actions() if a.objectName()]
        assert named and all(a in in_menus for a in named), [
            a.objectName() for a in named if a not in in_menus
        ]
        assert window.next_panel_action.shortcut().toString() == "F6"
        assert window.previous_panel_action.shortcut().toString() == "Shift+F6"
    finally:
        window.watcher.stop()
        window.deleteLater()


FIT_SCRIPT = """
from PySide6.QtWidgets import QApplication
from briefing.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow(restore=False)
window.show()
app.processEvents()
room, frame = window.screen().availableGeometry(), window.frameGeometry()
print(room.contains(frame), frame.width(), frame.height(), room.width(), room.height())
window.watcher.stop()
"""


@pytest.mark.slow
def test_the_window_fits_the_screen_at_scale_factor_2(tmp_path) -> None:
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["BRIEFING_SETTINGS_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", FIT_SCRIPT], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    fits, width, height, room_w, room_h = done.stdout.split()
    assert (room_w, room_h) == ("400", "400")  # the offscreen screen, 800 px at scale 2
    assert fits == "True", (width, height)


@pytest.mark.slow
def test_a_dark_screenshot_from_the_command_line(tmp_path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "dark.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    command = [sys.executable, "-m", "briefing", "open", str(KARABAKH), "--screenshot", str(out)]
    done = subprocess.run(
        [*command, "--size", "1024x600", "--theme", "dark"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert image.width() == 1024
    assert image.pixelColor(500, 590).lightness() < 100  # the status bar, dark


def test_kind_and_likelihood_shorten_to_fit_a_narrow_column() -> None:
    from briefing.ui.claims import compact_badge

    width = len  # one unit a character
    assert compact_badge("assessment", "likely (55–80 %)", width, 40) == (
        "assessment",
        "likely (55–80 %)",
    )
    assert compact_badge("assessment", "likely (55–80 %)", width, 30) == ("assessment", "likely")
    assert compact_badge("assessment", "very likely", width, 30) == ("assess.", "very likely")
    assert compact_badge("fact", "", width, 20) == ("fact", "")


def test_a_narrow_claims_pane_gives_the_sources_room_to_the_text(window, qtbot) -> None:
    pane = window.claims
    docks, horizontal = [window.claims_dock, window.timeline_dock], Qt.Orientation.Horizontal
    window.resizeDocks(docks, [500, 900], horizontal)
    qtbot.waitUntil(lambda: pane.view.isColumnHidden(SOURCES))
    window.resizeDocks(docks, [800, 600], horizontal)
    qtbot.waitUntil(lambda: not pane.view.isColumnHidden(SOURCES))


def _tab_bar(window: MainWindow, dock: QDockWidget) -> QTabBar | None:
    """The tab bar in use under a dock's group, once laid out: shown, with the group's titles."""
    titles = sorted(d.windowTitle() for d in [dock, *window.tabifiedDockWidgets(dock)])
    bars = [
        bar
        for bar in window.findChildren(QTabBar)
        if bar.isVisible() and sorted(bar.tabText(i) for i in range(bar.count())) == titles
    ]
    assert len(bars) <= 1, [b.geometry() for b in bars]  # no stale tab bar drawn as well
    return bars[0] if bars else None


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1024, 768)])
def test_the_lists_of_analytic_items_are_tabs_behind_the_claims_with_titles_whole(
    open_window, qtbot, size
) -> None:
    window = open_window(KARABAKH)  # its Problems tab says "Problems (6 warnings)"
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    window.default_layout()
    claims_group = {window.sources_dock, window.assumptions_dock, window.alternatives_dock}
    assert set(window.tabifiedDockWidgets(window.claims_dock)) == claims_group
    assert window.tabifiedDockWidgets(window.details_dock) == [window.problems_dock]
    assert window.problems_dock.windowTitle() == "Problems (6 warnings)"
    # Claims and Details in front: the bottom line up front is unchanged.
    qtbot.waitUntil(lambda: not window.claims_dock.visibleRegion().isEmpty())
    assert [d.objectName() for d in window.shown_panel_docks()] == [
        "judgmentsDock",
        "timelineDock",
        "claimsDock",
        "forceDock",
        "detailsDock",
    ]
    for dock in (window.claims_dock, window.details_dock):
        qtbot.waitUntil(lambda d=dock: _tab_bar(window, d) is not None)
        bar = _tab_bar(window, dock)
        assert bar is not None
        for i in range(bar.count()):
            text = bar.tabText(i)
            width = bar.tabRect(i).width()
            assert width >= bar.tabSizeHint(i).width(), (text, width)  # not elided
            assert width > bar.fontMetrics().horizontalAdvance(text), (text, width)
    # The tabs sit under the claims, at the foot of the wide left area.
    bar = _tab_bar(window, window.claims_dock)
    assert bar is not None
    assert bar.geometry().top() >= window.claims_dock.geometry().bottom()
    assert bar.geometry().left() <= window.claims_dock.geometry().left() + 4


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_at_laptop_sizes_the_matrix_and_the_sources_read_without_sideways_scrolling(
    open_window, qtbot, tmp_path, briefings, size
) -> None:
    data = briefings.tradecraft_data()
    for n in range(3, 6):  # five hypotheses, each with an indicator: 11 lines with the legend
        data["alternatives"].append({"id": f"h-{n}", "text": f"Hypothesis number {n}."})
        data["indicators"].append({"id": f"i-{n}", "text": f"Sign {n}.", "bears_on": [f"h-{n}"]})
    path = briefings.write(tmp_path / "tradecraft.yaml", **data)
    window = open_window(path)
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    window.default_layout()
    window.alternatives_dock.raise_()
    panel = window.alternatives
    qtbot.waitUntil(lambda: not panel.view.visibleRegion().isEmpty())
    qtbot.waitUntil(lambda: panel.view.viewport().width() >= 500)
    assert panel.view.horizontalScrollBar().maximum() == 0
    # Every line of the hypotheses and their indicators in view without scrolling.
    assert panel.hypotheses.verticalScrollBar().maximum() == 0
    assert panel.view.viewport().height() >= 8 * panel.view.verticalHeader().defaultSectionSize()
    window.sources_dock.raise_()
    view = window.sources.view
    qtbot.waitUntil(lambda: not view.visibleRegion().isEmpty())
    # Its columns are fitted in the event-loop turn after its tab comes to the front.
    qtbot.waitUntil(lambda: not window.sources._unfitted)
    columns = range(window.sources.proxy.columnCount())
    assert sum(view.columnWidth(c) for c in columns) <= view.viewport().width()
    # Qt sets the scroll bar's range in a later turn of the event loop.
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)
    assert not any(view.isColumnHidden(c) for c in range(window.sources.proxy.columnCount()))


def test_a_panel_shortcut_brings_its_tab_to_the_front_and_then_hides_it(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    sources, claims = window.sources_dock, window.claims_dock
    qtbot.waitUntil(lambda: not claims.visibleRegion().isEmpty())
    assert window.is_behind_tab(sources)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)  # Sources
    qtbot.waitUntil(lambda: not sources.visibleRegion().isEmpty())
    assert sources.isVisible() and sources.toggleViewAction().isChecked()
    assert window.is_behind_tab(claims) and window.focused_panel_dock() is sources
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # the claims
    qtbot.waitUntil(lambda: not claims.visibleRegion().isEmpty())
    assert window.is_behind_tab(sources) and window.focused_panel_dock() is claims
    # In front, the same key hides the panel, and brings it back.
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert not claims.isVisible() and not claims.toggleViewAction().isChecked()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not claims.visibleRegion().isEmpty())
    assert claims.toggleViewAction().isChecked()
    # F6 walks what is in front: the tab brought forward, not the one behind it.
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)  # Alternatives
    qtbot.waitUntil(lambda: window.alternatives_dock in window.shown_panel_docks())
    assert claims not in window.shown_panel_docks()


def test_a_layout_saved_for_the_tabs_beside_details_is_not_restored(qtbot) -> None:
    """A window state of layout 3 (five tabs in the Details place) is refused; the analyst gets
    the wide tabs behind the claims."""
    first = MainWindow()
    qtbot.addWidget(first)
    for dock in (first.sources_dock, first.assumptions_dock, first.alternatives_dock):
        first.tabifyDockWidget(first.details_dock, dock)
    assert first.sources_dock in first.tabifiedDockWidgets(first.details_dock)
    first.settings.setValue("windowState", first.saveState(3))
    first.settings.sync()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.sources_dock in second.tabifiedDockWidgets(second.claims_dock)
    assert second.sources_dock not in second.tabifiedDockWidgets(second.details_dock)
    assert LAYOUT_VERSION > 3
