"""The claims pane: every claim with its kind, likelihood and sources; unsourced ones stand out.

A table model over the briefing's claims, a proxy that keeps the rows the document's filter
leaves, and a delegate that draws kind and "UNSOURCED" as badges. Text is given to Qt as plain
display text; only tooltips are HTML, built escaped in describe.py.
"""

from __future__ import annotations

from itertools import compress
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.model import Briefing, Claim
from briefing.ui.colours import KIND_COLOURS, WARNING
from briefing.ui.describe import citations, claim_tooltip
from briefing.ui.document import Document
from briefing.ui.filters import ItemKind
from briefing.ui.item_menu import show_item_menu

ClaimIdRole = Qt.ItemDataRole.UserRole + 1
BadgeColourRole = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Claim", "Kind, likelihood", "Sources [reliability]")
TEXT, KIND, SOURCES = range(3)
UNSOURCED = "UNSOURCED"

Index = QModelIndex | QPersistentModelIndex
_claim_id = attrgetter("id")


def likelihood_text(claim: Claim) -> str:
    if claim.likelihood is None:
        return ""
    low, high = claim.likelihood.probability
    return f"{claim.likelihood.value} ({low}–{high} %)"


def sources_text(briefing: Briefing, claim: Claim) -> str:
    return "\n".join(citations(briefing, claim.sources)) if claim.is_sourced else UNSOURCED


class ClaimsModel(QAbstractTableModel):
    """The claims the document's filter leaves, in briefing order, one row each.

    The filter lives here, not in the proxy: the model keeps the briefing positions of the
    shown claims (`_rows`, worked out once per filter change), so Qt never asks Python about
    each row. A Python `filterAcceptsRow` costs about 2 µs a row, called for every claim on
    each reset and filter change (60,000 calls, 1.9 s, for a briefing of 30,000 claims).
    Cell text is made when a cell is drawn, so a new briefing costs nothing per claim.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._briefing: Briefing | None = None
        self._claims: tuple[Claim, ...] = ()
        self._shown: frozenset[str] | None = None
        self._rows: list[int] = []  # briefing position of each row's claim
        self._row_of: dict[str, int] | None = None  # claim id -> row, built on first use
        self._sources: dict[int, str] = {}  # citations text by briefing position, on first use

    def set_briefing(self, briefing: Briefing | None, shown: frozenset[str] | None = None) -> None:
        self.beginResetModel()
        self._briefing = briefing
        self._claims = briefing.claims if briefing else ()
        self._sources = {}
        self._set_rows(shown)
        self.endResetModel()

    def set_shown(self, shown: frozenset[str] | None) -> None:
        """Show only the claims with these ids (None: all of them)."""
        if shown == self._shown and shown is not None:
            return
        self.beginResetModel()
        self._set_rows(shown)
        self.endResetModel()

    def _set_rows(self, shown: frozenset[str] | None) -> None:
        self._shown = shown
        claims = self._claims
        by_id = self._briefing.claims_by_id if self._briefing is not None else {}
        if shown is None or (len(by_id) == len(claims) and shown == by_id.keys()):
            self._rows = list(range(len(claims)))  # no filter: a new briefing, mostly
        else:  # in C: a Python loop over 30,000 claims took 13 ms
            keep = map(shown.__contains__, map(_claim_id, claims))
            self._rows = list(compress(range(len(claims)), keep))
        self._row_of = None

    def claim(self, row: int) -> Claim:
        return self._claims[self._rows[row]]

    def row_of(self, claim_id: str) -> int | None:
        """The row showing a claim, or None when it is filtered out or not in the briefing."""
        if self._row_of is None:
            claims = self._claims
            self._row_of = {claims[i].id: row for row, i in enumerate(self._rows)}
        return self._row_of.get(claim_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._briefing is None:
            return None
        position = self._rows[index.row()]
        claim = self._claims[position]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(claim, position, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return claim_tooltip(self._briefing, claim)
        if role == ClaimIdRole:
            return claim.id
        if role == BadgeColourRole:
            if column == KIND:
                return QColor(KIND_COLOURS[claim.kind])
            if column == SOURCES and not claim.is_sourced:
                return QColor(WARNING)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(claim, position, column)
        return None

    def _display(self, claim: Claim, position: int, column: int) -> str:
        if column == TEXT:
            return " ".join(claim.text.split())
        if column == KIND:
            likelihood = likelihood_text(claim)
            return f"{claim.kind.value}\n{likelihood}" if likelihood else claim.kind.value
        text = self._sources.get(position)
        if text is None and self._briefing is not None:
            text = self._sources[position] = sources_text(self._briefing, claim)
        return text or ""


class ClaimsFilter(QSortFilterProxyModel):
    """Sorts the claims when a header is clicked; the rows it gets are already filtered.

    `set_shown` hands the document's shown claim ids to the source model (see ClaimsModel):
    no `filterAcceptsRow` here, so rebuilding the mapping stays in C++ (2 ms for 30,000 rows).
    """

    def set_shown(self, claim_ids: frozenset[str] | None) -> None:
        model = self.sourceModel()
        if isinstance(model, ClaimsModel):
            model.set_shown(claim_ids)


class BadgeDelegate(QStyledItemDelegate):
    """Draws a cell with a badge colour: its first line as a rounded badge, the rest below."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if isinstance(index.data(BadgeColourRole), QColor):
            size.setHeight(size.height() + 10)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        colour = index.data(BadgeColourRole)
        if not isinstance(colour, QColor):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        # initStyleOption turns the model's "\n" into U+2028 (Qt's line separator).
        text, _, rest = option.text.replace("\u2028", "\n").partition("\n")
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(style.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(text) + 12
        height = metrics.height() + 4
        rect = QRectF(option.rect.x() + 4, option.rect.y() + 4, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        if rest:
            font.setBold(False)
            painter.setFont(font)
            selected = option.state & QStyle.StateFlag.State_Selected
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            painter.setPen(option.palette.color(role))
            below = option.rect.adjusted(6, int(height) + 8, -4, 0)
            painter.drawText(below, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, rest)
        painter.restore()


class ClaimsPane(QWidget):
    """The table of claims; selecting a row selects the claim in the document."""

    FIT_ALL_ROWS = 300  # up to this many rows, every row is fitted to its wrapped text

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimsPane")
        self.setAccessibleName("Sourced claims")
        self.document = document
        self.model = ClaimsModel(self)
        self.proxy = ClaimsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTableView()
        self.view.setObjectName("claimsTable")
        self.view.setAccessibleName("Claims table")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        # Rows start three lines high; the rows on screen are then fitted to their wrapped
        # text (_fit_rows), never all rows at once: measuring 30,000 rows took seconds.
        lines = self.view.fontMetrics().lineSpacing()
        self.view.verticalHeader().setDefaultSectionSize(3 * lines + 12)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setItemDelegate(BadgeDelegate(self.view))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_item_menu)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((KIND, 150), (SOURCES, 220)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(30)
        self._fit_timer.timeout.connect(self._fit_rows)
        header.sectionResized.connect(self._refit_rows)
        self.view.verticalScrollBar().valueChanged.connect(self._fit_timer.start)
        self.proxy.layoutChanged.connect(self._fit_timer.start)  # sorted by a header click
        self._fitted: set[int] = set()  # source rows fitted at the current column widths
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._syncing = False
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        document.briefingChanged.connect(self._on_briefing_changed)
        document.filterChanged.connect(self._on_filter_changed)
        document.selectionChanged.connect(self._on_selection_changed)
        self.refresh()

    # State the tests and the window read.
    def row_count(self) -> int:
        return self.proxy.rowCount()

    def shown_claim_ids(self) -> list[str]:
        return [self.proxy.index(r, 0).data(ClaimIdRole) for r in range(self.proxy.rowCount())]

    def selected_claim_ids(self) -> set[str]:
        rows = self.view.selectionModel().selectedRows()
        return {index.data(ClaimIdRole) for index in rows}

    def highlighted_ids(self) -> set[str]:
        return self.selected_claim_ids()

    # What the document says.
    def _on_briefing_changed(self) -> None:
        self.document.later(self, self.refresh)  # in a turn of its own

    def refresh(self) -> None:
        """Show the document's briefing now."""
        self.document.cancel(self)
        self.model.set_briefing(self.document.briefing, self.document.visible.claims)
        self._rows_changed()

    def _on_filter_changed(self) -> None:
        self.proxy.set_shown(self.document.visible.claims)
        self._rows_changed()

    def _rows_changed(self) -> None:
        """After a reset: fit the rows, and select again what the document has selected."""
        self._fitted.clear()
        self._fit_rows()
        self._on_selection_changed()

    def _refit_rows(self, *_args: object) -> None:
        self._fitted.clear()  # wrapped heights depend on the column widths
        self._fit_timer.start()

    def _fit_rows(self, *_args: object) -> None:
        """Fit rows to their wrapped text: all of them when few, else those on screen."""
        view = self.view
        count = self.proxy.rowCount()
        if count <= self.FIT_ALL_ROWS:
            view.resizeRowsToContents()
            return
        viewport = view.viewport().height()
        top = max(view.rowAt(0), 0)
        row, y, fitted = top, view.rowViewportPosition(top), 0
        # Every fitted row moves the rows below it; go on until the screen is full.
        while row < count and y < viewport + 200 and fitted < 200:
            source_row = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            if source_row not in self._fitted:
                self._fitted.add(source_row)
                view.resizeRowToContents(row)
                fitted += 1
            y += view.rowHeight(row)
            row += 1

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()

    def _on_selection_changed(self) -> None:
        selection = QItemSelection()
        first: QModelIndex | None = None
        for claim_id in self.document.linked.claims:
            row = self.model.row_of(claim_id)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            last = index.siblingAtColumn(len(COLUMNS) - 1)
            selection.select(index, last)
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
        self.document.select(ItemKind.CLAIM, current.data(ClaimIdRole))

    def _show_item_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)  # pos is in the viewport's coordinates
        claim_id = index.data(ClaimIdRole) if index.isValid() else None
        show_item_menu(self.view.viewport(), self.document, ItemKind.CLAIM, claim_id, pos)

    def apply_palette(self, palette: QPalette) -> None:
        self.view.setPalette(palette)
