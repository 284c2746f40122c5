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
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QProcess,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

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


class ProblemsModel(QAbstractListModel):
    """The listed problems, one row each, and the "… and N more" line; reset at once, so a
    thousand problems cost one model reset, not a thousand row insertions (120 ms)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problems: tuple[Problem, ...] = ()
        self._more = ""

    def set_problems(self, problems: Sequence[Problem], unlisted: int) -> None:
        self.beginResetModel()
        self._problems = tuple(problems)
        self._more = more_line(unlisted) if unlisted else ""
        self.endResetModel()

    def problem(self, row: int) -> Problem | None:
        return self._problems[row] if 0 <= row < len(self._problems) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems) + bool(self._more)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        problem = self.problem(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row_text(problem) if problem is not None else self._more
        if role == Qt.ItemDataRole.ToolTipRole and problem is not None:
            return str(problem)  # the full path; plain text, as an item view shows it
        if role == ProblemRole:
            return problem
        return None


class ProblemsPanel(QListView):
    """The problems of the last load, wrapped; `failed` carries a one-line reason when the
    editor cannot be started (the window shows it in the status bar)."""

    failed = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self.setAccessibleName("Problems in the briefing file")
        self.settings = settings
        self.start: Callable[[list[str]], bool] = start_detached  # tests read the argv
        self.problems = ProblemsModel(self)
        self.setModel(self.problems)
        # Wrapped rows differ in height: they are measured in batches, a few per turn.
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(50)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)  # where one wrapped message ends and the next starts
        self.activated.connect(self._on_activated)

    def show_problems(self, problems: Sequence[Problem], unlisted: int) -> None:
        self.problems.set_problems(problems, unlisted)

    def count(self) -> int:
        return self.problems.rowCount()

    def row_texts(self) -> list[str]:
        """Each row as shown, for tests and the window."""
        return [self.problems.index(r).data() for r in range(self.count())]

    def editor_command(self, row: int) -> list[str]:
        """The argv that opens the row's problem in the editor; EditorError if none can."""
        problem = self.problems.problem(row)
        if problem is None:
            raise EditorError("no problem is chosen")
        template = str(self.settings.value(EDITOR_SETTING, "") or "")
        return editor_argv(problem.path, problem.line, problem.column, template)

    def _on_activated(self, index: QModelIndex) -> None:
        if self.problems.problem(index.row()) is None:
            return  # the "… and N more" line
        try:
            argv = self.editor_command(index.row())
        except EditorError as error:
            self.failed.emit(str(error))
            return
        if not self.start(argv):
            self.failed.emit(f"cannot start the editor: {shown(argv[0])}")
