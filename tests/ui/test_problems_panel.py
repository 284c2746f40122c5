"""The Problems panel: wrapped rows by file name, the same count as the status bar, and the
analyst's editor opened at a problem's line and column."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.problems import Problem, Severity
from briefing.ui.problems_panel import EDITOR_SETTING, ProblemsPanel
from tests.conftest import BROKEN_YAML


def test_rows_show_the_file_name_and_the_tooltip_the_full_path(window, briefing_file):
    index = window.problems.model().index(0, 0)
    assert index.data().startswith(f"{briefing_file.name}:")
    assert str(briefing_file.parent) not in index.data()
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith(f"{briefing_file}:")


def test_count_matches_the_status_bar_while_the_file_is_broken(window, qtbot, briefing_file):
    assert window.problems_dock.windowTitle() == "Problems (1 warning)"
    assert window.status.text().endswith(" · 1 warning (View → Problems)")
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        briefing_file.write_text(BROKEN_YAML, encoding="utf-8")
    assert window.document.is_stale
    assert window.problems_dock.windowTitle() == "Problems (1 error)"
    assert window.status.text().endswith(" · 1 error (View → Problems)")
    assert len(window.problems.row_texts()) == 1


def test_long_messages_wrap_instead_of_running_off_the_side(qtbot, settings_for_panel):
    panel = ProblemsPanel(settings_for_panel)
    qtbot.addWidget(panel)
    long = Problem("/a/b.yaml", 3, 4, Severity.ERROR, "a word " * 60)
    panel.show_problems([long, Problem("/a/b.yaml", 5, 1, Severity.WARNING, "short")], 0)
    panel.resize(300, 400)
    panel.show()
    qtbot.waitExposed(panel)
    line = panel.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: panel.visualRect(panel.model().index(0, 0)).height() > 4 * line)
    assert panel.visualRect(panel.model().index(1, 0)).height() < 2 * line
    assert panel.horizontalScrollBar().maximum() == 0


def test_double_click_opens_the_editor_from_the_environment(window, qtbot, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "vim -p")
    started: list[list[str]] = []
    window.problems.start = lambda argv: started.append(argv) or True
    problem = window.document.problems[0]
    window.problems_dock.raise_()
    panel = window.problems
    qtbot.waitUntil(panel.isVisible)
    rect = panel.visualRect(panel.model().index(0, 0))
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert started == []  # one click only chooses
    qtbot.mouseDClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert started == [["vim", "-p", f"+{problem.line}", problem.path]]


def test_enter_uses_the_command_from_the_preferences(window, qtbot, monkeypatch):
    monkeypatch.setenv("EDITOR", "vi")
    window.settings.setValue(EDITOR_SETTING, "code -g {file}:{line}:{col}")
    started: list[list[str]] = []
    window.problems.start = lambda argv: started.append(argv) or True
    problem = window.document.problems[0]
    window.problems.setCurrentIndex(window.problems.model().index(0, 0))
    window.problems.setFocus()
    qtbot.keyClick(window.problems, Qt.Key.Key_Return)
    assert started == [["code", "-g", f"{problem.path}:{problem.line}:{problem.column}"]]


def test_no_editor_set_is_said_in_the_status_bar(window, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    started: list[list[str]] = []
    window.problems.start = lambda argv: started.append(argv) or True
    window.problems.activated.emit(window.problems.model().index(0, 0))
    assert started == []
    assert window.statusBar().currentMessage().startswith("no editor is set")


def test_the_editor_command_is_in_the_edit_menu(window):
    menu = window.menuBar().actions()[1].menu()
    assert "editorCommandAction" in [a.objectName() for a in menu.actions()]
