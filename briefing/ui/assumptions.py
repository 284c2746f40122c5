"""The assumptions panel: each linchpin assumption with the key judgments and claims resting on it.

A table model over the briefing's assumptions. Selecting one selects it in the document, which
links it to the claims that rest on it (and those behind the key judgments that do), so every
panel highlights what would fall with it. Text goes to Qt as plain display text; tooltips are
escaped HTML.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from briefing.links import ItemKind
from briefing.model import Assumption, Briefing
from briefing.numbering import claim_numbers
from briefing.ui.document import Document
from briefing.ui.removed_line import RemovedLine
from briefing.ui.table_model import ColumnsModel, Index
from briefing.words import clipped, resting_on

AssumptionIdRole = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Assumption", "Rests on it")
TEXT, RESTING = range(len(COLUMNS))


class AssumptionsModel(ColumnsModel):
    """The briefing's assumptions in file order, one row each."""

    columns = COLUMNS

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self._briefing: Briefing | None = None
        self._rows: tuple[Assumption, ...] = ()
        self._numbers: dict[str, int] = {}

    def set_briefing(
        self, briefing: Briefing | None, numbers: dict[str, int] | None = None
    ) -> None:
        """`numbers`: claim_numbers(briefing), when already worked out."""
        self.beginResetModel()
        self._briefing = briefing
        self._rows = briefing.assumptions if briefing else ()
        if numbers is None:
            numbers = claim_numbers(briefing) if briefing else {}
        self._numbers = numbers
        self.endResetModel()

    def assumption(self, row: int) -> Assumption:
        return self._rows[row]

    def row_of(self, assumption_id: str) -> int | None:
        return next((n for n, a in enumerate(self._rows) if a.id == assumption_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._briefing is None:
            return None
        assumption = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(assumption, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            text = escape(clipped(" ".join(assumption.text.split())))
            rests = escape(resting_on(self._briefing, assumption, self._numbers))
            return f"<p><b>{escape(assumption.id)}</b>: {text}<br>Rests on it: {rests}</p>"
        if role == AssumptionIdRole:
            return assumption.id
        return None

    def _display(self, assumption: Assumption, column: int) -> str:
        assert self._briefing is not None
        if column == RESTING:
            return resting_on(self._briefing, assumption, self._numbers)
        marker = self.document.change_mark("assumptions", assumption.id)
        return marker + clipped(" ".join(assumption.text.split()), 2_000)


class AssumptionsPanel(QWidget):
    """The assumptions; picking one highlights what rests on it on every panel."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assumptionsPanel")
        self.setAccessibleName("Assumptions")
        self.document = document
        self.model = AssumptionsModel(document, self)
        self.view = QTableView()
        self.view.setObjectName("assumptionsTable")
        self.view.setAccessibleName("Assumptions, each with what rests on it")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RESTING, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(RESTING, 150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.removed = RemovedLine(document, "assumptions")
        layout.addWidget(self.removed)
        self.setFocusProxy(self.view)
        self._syncing = False
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        document.briefingChanged.connect(self._on_briefing_changed)
        document.selectionChanged.connect(self._on_selection_changed)
        document.comparisonChanged.connect(self.refresh)
        self.refresh()

    # State the tests and the window read.
    def lines(self) -> list[str]:
        return [
            " | ".join(self.model.index(row, c).data() for c in range(len(COLUMNS)))
            for row in range(self.model.rowCount())
        ]

    def selected_ids(self) -> set[str]:
        return {i.data(AssumptionIdRole) for i in self.view.selectionModel().selectedRows()}

    # What the document says.
    def _on_briefing_changed(self) -> None:
        self.document.later(self, self.refresh)  # in a turn of its own

    def refresh(self) -> None:
        self.document.cancel(self)
        self._syncing = True
        try:
            self.model.set_briefing(self.document.briefing, self.document.derived.claim_numbers)
        finally:
            self._syncing = False
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        selection = self.document.selection
        chosen = selection.id if selection and selection.kind is ItemKind.ASSUMPTION else None
        row = self.model.row_of(chosen) if chosen is not None else None
        self._syncing = True
        try:
            if row is None:
                self.view.clearSelection()
            else:
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows
                )
                self.view.selectionModel().setCurrentIndex(self.model.index(row, TEXT), flags)
        finally:
            self._syncing = False

    # What the analyst does.
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing and current.isValid():
            self.document.select(ItemKind.ASSUMPTION, current.data(AssumptionIdRole))
