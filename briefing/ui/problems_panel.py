"""The Problems panel: each problem of the file, wrapped, by file name; activating one opens
the analyst's editor at its line and column.

A row reads `NAME:LINE:COL: severity: message` with the file's name only; its tooltip holds
the full path. Double-click or Enter asks `open_in_editor`, which builds the argv with
briefing/editor.py (a template from the settings, else $VISUAL / $EDITOR) and starts it
detached, never through a shell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QProcess, QSettings, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from briefing.editor import EditorError, editor_argv
from briefing.problems import Problem, more_line, shown

ProblemRole = Qt.ItemDataRole.UserRole + 1
EDITOR_SETTING = "editorCommand"  # a template such as "code -g {file}:{line}:{col}"


def problem_summary(errors: int, warnings: int) -> str:
    """ "2 errors, 1 warning": the count the panel's title and the status bar both show."""
    parts = []
    if errors:
        parts.append(f"{errors:,} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings:,} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)


def row_text(problem: Problem) -> str:
    """The problem as the list shows it: the file's name, not its folders."""
    name = shown(Path(problem.path).name or problem.path)
    return f"{name}:{problem.line}:{problem.column}: {problem.severity}: {problem.message}"


def start_detached(argv: list[str]) -> bool:
    """Start the editor on its own; no shell reads the argv."""
    started, _pid = QProcess.startDetached(argv[0], argv[1:])
    return bool(started)


class ProblemsPanel(QListWidget):
    """The problems of the last load, wrapped; `failed` carries a one-line reason when the
    editor cannot be started (the window shows it in the status bar)."""

    failed = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self.setAccessibleName("Problems in the briefing file")
        self.settings = settings
        self.start: Callable[[list[str]], bool] = start_detached  # tests read the argv
        # Wrapped rows differ in height; the list holds at most MAX_LISTED + 1 of them.
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(True)  # where one wrapped message ends and the next starts
        self.itemActivated.connect(self._on_activated)

    def show_problems(self, problems: Sequence[Problem], unlisted: int) -> None:
        self.clear()
        for problem in problems:
            item = QListWidgetItem(row_text(problem))
            item.setToolTip(str(problem))  # the full path; plain text, as QListWidget shows it
            item.setData(ProblemRole, problem)
            self.addItem(item)
        if unlisted:
            self.addItem(more_line(unlisted))

    def editor_command(self, item: QListWidgetItem | None) -> list[str]:
        """The argv that opens the item's problem in the editor; EditorError if none can."""
        problem = item.data(ProblemRole) if item is not None else None
        if not isinstance(problem, Problem):
            raise EditorError("no problem is chosen")
        template = str(self.settings.value(EDITOR_SETTING, "") or "")
        return editor_argv(problem.path, problem.line, problem.column, template)

    def _on_activated(self, item: QListWidgetItem) -> None:
        if not isinstance(item.data(ProblemRole), Problem):
            return  # the "… and N more" line
        try:
            argv = self.editor_command(item)
        except EditorError as error:
            self.failed.emit(str(error))
            return
        if not self.start(argv):
            self.failed.emit(f"cannot start the editor: {shown(argv[0])}")
