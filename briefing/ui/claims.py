"""The claims pane: every claim with its kind, likelihood and sources; unsourced ones stand out.

A table model over the briefing's claims, a proxy that keeps the rows the document's filter
leaves, and a delegate that draws kind and "UNSOURCED" as badges. One claim a row, on as many
lines as the pane has room for (one on a laptop screen), with its printed number (C1…, as in
the PDF), a small kind badge and the sources shortened to outlet and grade; the full text and
citations are in the tooltip and in Details. Text is given to Qt as plain display text; only
tooltips are HTML, built escaped in tooltips.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import compress
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QRect,
    QRectF,
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

from briefing.links import ItemKind
from briefing.model import Briefing, Claim
from briefing.numbering import claim_label, claim_numbers
from briefing.tooltips import claim_tooltip
from briefing.ui.colours import KIND_COLOURS, WARNING
from briefing.ui.document import Document
from briefing.ui.item_menu import show_item_menu
from briefing.ui.removed_line import RemovedLine
from briefing.ui.table_model import ColumnsModel, Index
from briefing.words import likelihood_label

ClaimIdRole = Qt.ItemDataRole.UserRole + 1
BadgeColourRole = Qt.ItemDataRole.UserRole + 2
ClaimNumberRole = Qt.ItemDataRole.UserRole + 3  # the printed number, to sort C2 before C10

COLUMNS = ("No.", "Claim", "Kind", "Sources")
NUMBER, TEXT, KIND, SOURCES = range(4)
MAX_LINES = 3  # lines of claim text a row grows to when the pane has room
UNSOURCED = "UNSOURCED"

_claim_id = attrgetter("id")


def sources_text(briefing: Briefing, claim: Claim) -> str:
    """The sources shortened to outlet and grade, "Anadolu Agency [B]; TASS [D]"; the dates
    and titles are in the tooltip and Details."""
    if not claim.is_sourced:
        return UNSOURCED
    known = briefing.sources_by_id
    return "; ".join(
        f"{known[s].outlet} [{known[s].reliability.value}]" for s in claim.sources if s in known
    )


class ClaimsModel(ColumnsModel):
    """The claims the document's filter leaves, in briefing order, one row each.

    The filter lives here, not in the proxy: the model keeps the briefing positions of the
    shown claims (`_rows`, worked out once per filter change), so Qt never asks Python about
    each row. A Python `filterAcceptsRow` costs about 2 µs a row, called for every claim on
    each reset and filter change (60,000 calls, 1.9 s, for a briefing of 30,000 claims).
    Cell text is made when a cell is drawn, so a new briefing costs nothing per claim.
    """

    columns = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._briefing: Briefing | None = None
        self._claims: tuple[Claim, ...] = ()
        self._shown: frozenset[str] | None = None
        self._rows: list[int] = []  # briefing position of each row's claim
        self._row_of: dict[str, int] | None = None  # claim id -> row, built on first use
        self._sources: dict[int, str] = {}  # citations text by briefing position, on first use
        self._numbers: dict[str, int] = {}  # claim id -> printed number (numbering.py)
        # The mark before a claim's text, by claim id ("[new] "), when comparing versions
        self.change_mark: Callable[[str], str] = lambda _claim_id: ""

    def set_briefing(
        self,
        briefing: Briefing | None,
        shown: frozenset[str] | None = None,
        numbers: dict[str, int] | None = None,
    ) -> None:
        """`numbers`: claim_numbers(briefing), when already worked out."""
        self.beginResetModel()
        self._briefing = briefing
        self._claims = briefing.claims if briefing else ()
        self._sources = {}
        if numbers is None:
            numbers = claim_numbers(briefing) if briefing else {}
        self._numbers = numbers
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
        if role == ClaimNumberRole and column == NUMBER:
            return self._numbers.get(claim.id, 0)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(claim, position, column)
        return None

    def _display(self, claim: Claim, position: int, column: int) -> str:
        if column == NUMBER:
            number = self._numbers.get(claim.id)
            return claim_label(number) if number is not None else ""
        if column == TEXT:
            return self.change_mark(claim.id) + " ".join(claim.text.split())
        if column == KIND:
            grades = [likelihood_label(claim.likelihood)] if claim.likelihood else []
            if claim.confidence is not None:  # apart from the likelihood, as ICD 203 asks
                grades.append(f"{claim.confidence} confidence")
            return "\n".join([claim.kind.value, " · ".join(grades)]) if grades else claim.kind.value
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

    def lessThan(self, left: Index, right: Index) -> bool:
        if left.column() == NUMBER:  # C2 before C10
            return (left.data(ClaimNumberRole) or 0) < (right.data(ClaimNumberRole) or 0)
        return super().lessThan(left, right)


SHORT_KINDS = {"assessment": "assess."}
SHORT_CONFIDENCE = {"moderate": "mod."}


def compact_badge(badge: str, rest: str, width: Callable[[str], int], room: int) -> tuple[str, str]:
    """The badge and the words beside it, shortened step by step until both fit the room: the
    likelihood's percentages dropped ("likely (55–80 %)" → "likely"), the confidence shortened
    ("moderate confidence" → "conf. mod."), then the kind ("assessment" → "assess."). The full
    words stay in the tooltip and in Details."""
    steps = [(badge, rest)]
    if " (" in rest:
        rest = re.sub(r" \([^)]*\)", "", rest)
        steps.append((badge, rest))
    if " confidence" in rest:
        rest = re.sub(
            r"(\w+) confidence", lambda m: f"conf. {SHORT_CONFIDENCE.get(m[1], m[1])}", rest
        )
        steps.append((badge, rest))
    steps.append((SHORT_KINDS.get(badge, badge), rest))
    for short_badge, short_rest in steps:
        if width(short_badge) + 8 + (width(short_rest) + 6 if short_rest else 0) <= room:
            return short_badge, short_rest
    return steps[-1]


class BadgeDelegate(QStyledItemDelegate):
    """Draws a cell with a badge colour: its first line as a small rounded badge, the rest
    (a likelihood) beside it on the same line, cut with "…" when the column is narrow."""

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
        font.setPointSizeF(font.pointSizeF() * 0.9)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        room = option.rect.width() - 8
        text, rest = compact_badge(text, rest, lambda s: metrics.horizontalAdvance(s), room - 14)
        badge = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room - 8, 0))
        width = min(metrics.horizontalAdvance(badge) + 8, room)
        height = metrics.height() + 2
        top = option.rect.y() + 3
        rect = QRectF(option.rect.x() + 4, top, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge)
        left = int(rect.right()) + 6
        if rest and left < option.rect.right() - 12:
            selected = option.state & QStyle.StateFlag.State_Selected
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            painter.setPen(option.palette.color(role))
            beside = QRect(left, int(top), option.rect.right() - left - 2, int(height))
            shown = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, beside.width())
            painter.drawText(beside, Qt.AlignmentFlag.AlignVCenter, shown)
        painter.restore()


class ClaimsPane(QWidget):
    """The table of claims; selecting a row selects the claim in the document."""

    SOURCES_FROM_WIDTH = 600  # pixels of pane from which the Sources column is shown

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
        self.view.setAlternatingRowColors(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.verticalHeader().hide()
        # Every row is the same height (no row is measured: 30,000 rows took seconds), of as
        # many lines as the pane has room for (_fit_lines): one on a laptop screen.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setItemDelegate(BadgeDelegate(self.view))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_item_menu)
        header = self.view.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        digits = self.view.fontMetrics().horizontalAdvance("C000") + 12
        for column, width in ((NUMBER, digits), (KIND, 125), (SOURCES, 130)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.lines = 0  # lines of text a row shows now
        self._set_lines(1)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(30)
        self._fit_timer.timeout.connect(self._fit_lines)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.removed = RemovedLine(document, "claims")
        layout.addWidget(self.removed)
        self.setFocusProxy(self.view)
        self._syncing = False
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        document.briefingChanged.connect(self._on_briefing_changed)
        document.filterChanged.connect(self._on_filter_changed)
        document.selectionChanged.connect(self._on_selection_changed)
        document.comparisonChanged.connect(self.refresh)
        self.model.change_mark = lambda claim_id: document.change_mark("claims", claim_id)
        self.refresh()

    # State the tests and the window read.
    def row_count(self) -> int:
        return self.proxy.rowCount()

    def cell_text(self, claim_id: str, column: int) -> str:
        """The text a claim's cell shows, as the model gives it to Qt."""
        row = self.model.row_of(claim_id)
        return "" if row is None else str(self.model.index(row, column).data() or "")

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
        derived = self.document.derived
        briefing = self.document.briefing
        self.model.set_briefing(briefing, derived.visible.claims, derived.claim_numbers)
        self._rows_changed()

    def _on_filter_changed(self) -> None:
        self.proxy.set_shown(self.document.visible.claims)
        self._rows_changed()

    def _rows_changed(self) -> None:
        """After a reset: fit the rows, and select again what the document has selected."""
        self._fit_lines()
        self._on_selection_changed()
        if not self.view.currentIndex().isValid() and self.proxy.rowCount():
            # Else the table makes its first row current, and so selects that claim, when it
            # merely gets the focus (F6, Tab).
            self._syncing = True
            try:
                self.view.selectionModel().setCurrentIndex(
                    self.proxy.index(0, TEXT), QItemSelectionModel.SelectionFlag.NoUpdate
                )
            finally:
                self._syncing = False

    def row_height(self, lines: int) -> int:
        return lines * self.view.fontMetrics().lineSpacing() + 10

    def _set_lines(self, lines: int) -> None:
        if lines == self.lines:
            return
        self.lines = lines
        self.view.setWordWrap(lines > 1)  # one line: cut with "…"; more: wrapped, then cut
        self.view.verticalHeader().setDefaultSectionSize(self.row_height(lines))

    def _fit_lines(self) -> None:
        """As many lines a row (up to MAX_LINES) as let every shown claim fit the pane; one
        line when they cannot all fit anyway, so a laptop screen shows the most claims."""
        rows = max(self.proxy.rowCount(), 1)
        room = self.view.viewport().height()
        lines = 1
        while lines < MAX_LINES and rows * self.row_height(lines + 1) <= room:
            lines += 1
        self._set_lines(lines)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A narrow pane gives the claim text the room of the Sources column (the sources
        # stay in the tooltip and in Details); it comes back as the pane grows.
        self.view.setColumnHidden(SOURCES, event.size().width() < self.SOURCES_FROM_WIDTH)
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
