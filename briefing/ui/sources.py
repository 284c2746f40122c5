"""The sources panel: every source with its grade, kind, date, language and times cited.

A table model over the briefing's sources and a sorting proxy that keeps the grades the
document's filter asks for. Selecting a row selects the source in the document, which then
highlights what cites it on every panel; the rows of the sources behind any other selection
are selected in turn. Text goes to Qt as plain display text; tooltips are escaped HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from briefing.derived import times_cited
from briefing.links import ItemKind
from briefing.model import Briefing, Reliability, Source
from briefing.ui.document import Document
from briefing.ui.removed_line import RemovedLine
from briefing.ui.table_model import ColumnsModel, Index
from briefing.words import grade

SourceIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2


COLUMNS = ("Outlet", "Grade", "Kind", "Date", "Language", "Cited")
OUTLET, GRADE, KIND, DATE, LANGUAGE, CITED = range(len(COLUMNS))

# The outlet column's least width, and the columns hidden in turn when the panel is too narrow.
MIN_OUTLET = 140
NARROW_DROPS = (LANGUAGE, KIND, DATE)


def source_tooltip(source: Source, cited: int) -> str:
    title = f"<br>{escape(source.title)}" if source.title else ""
    facts = [source.kind.value.replace("_", " ")]
    facts += [source.date.label()] if source.date else []
    facts += [source.language] if source.language else []
    return (
        f"<p><b>{escape(source.outlet)}</b>{title}<br>{escape(', '.join(facts))}"
        f"<br>{escape(grade(source))}<br>cited {cited:,} time{'s' if cited != 1 else ''}</p>"
    )


class SourcesModel(ColumnsModel):
    """The briefing's sources in file order, one row each."""

    columns = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sources: tuple[Source, ...] = ()
        self._cited: dict[str, int] = {}
        self._row_of: dict[str, int] = {}
        # The mark before an outlet, by source id ("[new] "), when comparing versions
        self.change_mark: Callable[[str], str] = lambda _source_id: ""

    def set_briefing(self, briefing: Briefing | None, cited: dict[str, int] | None = None) -> None:
        """`cited`: times_cited(briefing), when already worked out."""
        self.beginResetModel()
        self._sources = briefing.sources if briefing else ()
        if cited is None:
            cited = times_cited(briefing) if briefing else {}
        self._cited = cited
        self._row_of = {source.id: row for row, source in enumerate(self._sources)}
        self.endResetModel()

    def source(self, row: int) -> Source:
        return self._sources[row]

    def row_of(self, source_id: str) -> int | None:
        return self._row_of.get(source_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sources)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        source = self._sources[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(source, column)
        if role == SortRole:
            return self._sort_key(source, column)
        if role == SourceIdRole:
            return source.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return source_tooltip(source, self._cited.get(source.id, 0))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == CITED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, source: Source, column: int) -> str:
        if column == OUTLET:
            return self.change_mark(source.id) + " ".join(source.outlet.split())
        if column == GRADE:
            return source.reliability.value
        if column == KIND:
            return source.kind.value.replace("_", " ")
        if column == DATE:
            return source.date.label() if source.date else ""
        if column == LANGUAGE:
            return source.language or ""
        return f"{self._cited.get(source.id, 0):,}"

    def _sort_key(self, source: Source, column: int) -> Any:
        if column == DATE:  # undated sources last in ascending order
            return source.date.start.toordinal() if source.date else 10**7
        if column == CITED:
            return self._cited.get(source.id, 0)
        if column == OUTLET:  # by the outlet's name, whatever its change mark
            return " ".join(source.outlet.split()).casefold()
        return self._display(source, column).casefold()


class SourcesFilter(QSortFilterProxyModel):
    """Sorts by any column; keeps the sources of the grades the filter asks for."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._grades: frozenset[Reliability] = frozenset()
        self.setSortRole(SortRole)

    def set_grades(self, grades: frozenset[Reliability]) -> None:
        if grades != self._grades:
            self.beginFilterChange()
            self._grades = grades
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, _parent: Index) -> bool:
        if not self._grades:
            return True
        model = self.sourceModel()
        assert isinstance(model, SourcesModel)
        return model.source(source_row).reliability in self._grades


class SourcesPanel(QWidget):
    """The table of sources; selecting a row selects the source in the document."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcesPanel")
        self.setAccessibleName("Sources")
        self.document = document
        self.model = SourcesModel(self)
        self.proxy = SourcesFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("sourcesTable")
        self.view.setAccessibleName("Sources table")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # file order until asked
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.removed = RemovedLine(document, "sources")
        layout.addWidget(self.removed)
        self._syncing = False
        self._unfitted = False  # columns to fit when the panel is next shown
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        document.briefingChanged.connect(self._on_briefing_changed)
        document.filterChanged.connect(self._on_filter_changed)
        document.selectionChanged.connect(self._on_selection_changed)
        document.comparisonChanged.connect(self.refresh)
        self.model.change_mark = lambda source_id: document.change_mark("sources", source_id)
        self.refresh()

    # State the tests and the window read.
    def shown_source_ids(self) -> list[str]:
        return [self.proxy.index(r, 0).data(SourceIdRole) for r in range(self.proxy.rowCount())]

    def highlighted_ids(self) -> set[str]:
        return {i.data(SourceIdRole) for i in self.view.selectionModel().selectedRows()}

    def cell(self, source_id: str, column: int) -> str:
        row = self.model.row_of(source_id)
        return "" if row is None else self.model.index(row, column).data()

    # What the document says.
    def _on_briefing_changed(self) -> None:
        self.document.later(self, self.refresh)  # in a turn of its own

    def refresh(self) -> None:
        self.document.cancel(self)
        self.model.set_briefing(self.document.briefing, self.document.derived.times_cited)
        self._on_filter_changed()

    def _on_filter_changed(self) -> None:
        self.proxy.set_grades(self.document.filter.grades)
        self._on_selection_changed()
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The short columns fitted to their text, the outlet in the rest of the width; in a
        narrow panel language, kind and date step aside (the tooltip still gives them), so
        nothing scrolls sideways. (Qt's Stretch next to ResizeToContents gave the outlet the
        whole width before the short columns had their sizes.) A hidden panel (a tab behind
        another) is fitted when it is next shown: measuring 1,000 sources took 0.3-2 s of the
        UI thread while a big briefing loaded."""
        if not self.on_screen():
            self._unfitted = True
            return
        self._unfitted = False
        view = self.view
        widths = {}
        for column in range(1, len(COLUMNS)):
            view.setColumnHidden(column, False)
            view.resizeColumnToContents(column)
            widths[column] = view.columnWidth(column)
        room = view.viewport().width()
        for column in NARROW_DROPS:
            if sum(widths.values()) + MIN_OUTLET <= room:
                break
            view.setColumnHidden(column, True)
            del widths[column]
        view.setColumnWidth(OUTLET, max(room - sum(widths.values()), MIN_OUTLET))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def on_screen(self) -> bool:
        """Shown, and not a tab behind another (Qt moves those off the window, still visible)."""
        return self.isVisible() and not self.view.viewport().visibleRegion().isEmpty()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_if_unfitted()

    def fit_if_unfitted(self) -> None:
        """Fit the columns left unfitted while the panel was off screen (its dock's tab was
        chosen, or the panel shown)."""
        if self._unfitted:
            self._fit_columns()

    def _on_selection_changed(self) -> None:
        selection = QItemSelection()
        first: QModelIndex | None = None
        for source_id in self.document.linked.sources:
            row = self.model.row_of(source_id)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():
                continue  # filtered out by grade
            selection.select(index, index.siblingAtColumn(len(COLUMNS) - 1))
            if first is None or index.row() < first.row():
                first = index
        self._syncing = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.view.selectionModel().select(selection, flags)
            if first is not None:
                self.view.scrollTo(first, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    # What the analyst does.
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        self.document.select(ItemKind.SOURCE, current.data(SourceIdRole))
