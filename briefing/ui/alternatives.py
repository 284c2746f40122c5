"""The alternatives panel: the competing hypotheses and the matrix of the analysis of competing
hypotheses (claims × hypotheses), sortable by how strongly a claim tells them apart.

Above the matrix, each hypothesis (H1, H2…) with its likelihood and the indicators that bear on
it; an indicator seen after the as-of date says so. Each cell shows the claim's mark for a
hypothesis as a plain-text symbol (+ consistent, − inconsistent, 0 neutral) on a colour; the
matrix opens sorted with the most discriminating claims first and sorts itself by any column
(a header click). Selecting a row selects the claim in the document. Text goes to Qt as plain
display text; tooltips are escaped HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.ach import AchMatrix, AchRow, ach_matrix
from briefing.links import ItemKind
from briefing.model import Briefing, Consistency
from briefing.numbering import claim_label, claim_numbers
from briefing.ui.document import Document
from briefing.ui.table_model import Index
from briefing.words import (
    CONSISTENCY_LEGEND,
    CONSISTENCY_MARKS,
    clipped,
    indicator_status,
    likelihood_label,
)

ClaimIdRole = Qt.ItemDataRole.UserRole + 1
CLAIM, DISCRIMINATION = 0, 1  # the hypotheses' columns follow, H1 at 2
FIXED_HEADINGS = ("Claim", "Tells apart")
# Light cell colours under dark text, in either theme: the mark is the message, colour helps.
MARK_COLOURS = {
    Consistency.CONSISTENT: "#cfe8d4",
    Consistency.INCONSISTENT: "#f4cccc",
    Consistency.NEUTRAL: "#e6e6e6",
}
NO_ALTERNATIVES = "The briefing states no competing hypotheses."
# Lines of hypotheses and indicators shown before their box scrolls: the matrix keeps the rest.
HYPOTHESES_LINES = 12


def _no_mark(_section: str, _key: str) -> str:
    return ""


ChangeMark = Callable[[str, str], str]  # (diff section, id) -> "[new] ", or ""


def hypotheses_text(briefing: Briefing | None, mark: ChangeMark = _no_mark) -> str:
    """One line per hypothesis: "H1 text — likely (55–80 %)", then its indicators; each after
    its change mark ("[new] ") when the window compares versions."""
    if briefing is None or not briefing.alternatives:
        return NO_ALTERNATIVES
    lines = []
    for n, alt in enumerate(briefing.alternatives, 1):
        grade = likelihood_label(alt.likelihood) if alt.likelihood else "likelihood not given"
        text = clipped(" ".join(alt.text.split()), 500)
        lines.append(f"H{n}  {mark('alternatives', alt.id)}{text} — {grade}")
        for indicator in briefing.indicators_bearing_on(alt.id):
            status = indicator_status(briefing, indicator)
            said = clipped(" ".join(indicator.text.split()), 300)
            lines.append(f"      indicator: {mark('indicators', indicator.id)}{said} ({status})")
    lines.append(CONSISTENCY_LEGEND)
    return "\n".join(lines)


class AchModel(QAbstractTableModel):
    """The matrix: one row per claim that marks a hypothesis.

    It sorts itself (`sort`), with a Python key per row: a sorting proxy asks `data` twice per
    comparison, which took 5.9 s for 30,000 claims."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._matrix = AchMatrix((), ())
        self._rows: list[AchRow] = []  # in the order shown
        self._row_of: dict[str, int] = {}
        self._numbers: dict[str, int] = {}
        self._briefing: Briefing | None = None
        self.change_mark: ChangeMark = _no_mark  # of claims and hypotheses, when comparing

    def set_briefing(
        self, briefing: Briefing | None, numbers: dict[str, int] | None = None
    ) -> None:
        """`numbers`: claim_numbers(briefing), when already worked out."""
        self.beginResetModel()
        self._briefing = briefing
        self._matrix = ach_matrix(briefing) if briefing else AchMatrix((), ())
        self._rows = list(self._matrix.rows)
        self._row_of = {row.claim.id: n for n, row in enumerate(self._rows)}
        if numbers is None:
            numbers = claim_numbers(briefing) if briefing else {}
        self._numbers = numbers
        self.endResetModel()

    def row(self, row: int) -> AchRow:
        return self._rows[row]

    def row_of(self, claim_id: str) -> int | None:
        return self._row_of.get(claim_id)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Rows by a column; ties keep the briefing's order, in either direction."""
        hypothesis = column - len(FIXED_HEADINGS)
        marks = list(Consistency)

        def key(row: AchRow) -> int:
            if column == CLAIM:
                return self._numbers.get(row.claim.id, 0)
            if column == DISCRIMINATION:
                return row.discrimination
            mark = row.marks[hypothesis] if 0 <= hypothesis < len(row.marks) else None
            return marks.index(mark) if mark else -1

        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        shown = [self._rows[index.row()] for index in before]
        self._rows = sorted(
            self._matrix.rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder
        )
        self._row_of = {row.claim.id: n for n, row in enumerate(self._rows)}
        after = [
            self.index(self._row_of[row.claim.id], index.column())
            for row, index in zip(shown, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._matrix.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED_HEADINGS) + len(self._matrix.alternatives)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        hypothesis = section - len(FIXED_HEADINGS)
        if role == Qt.ItemDataRole.DisplayRole:
            return FIXED_HEADINGS[section] if hypothesis < 0 else f"H{hypothesis + 1}"
        if role == Qt.ItemDataRole.ToolTipRole and hypothesis >= 0:
            # The change mark here, not in the heading: "H2 [changed]" took the narrow
            # matrix's width from the claims (the hypotheses above say it too).
            alternative = self._matrix.alternatives[hypothesis]
            text = self.change_mark("alternatives", alternative.id) + alternative.text
            return f"<p>H{hypothesis + 1}: {escape(clipped(' '.join(text.split()), 2_000))}</p>"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        hypothesis = column - len(FIXED_HEADINGS)
        mark = row.marks[hypothesis] if hypothesis >= 0 else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == CLAIM:
                number = self._numbers.get(row.claim.id)
                label = claim_label(number) if number is not None else row.claim.id
                mark = self.change_mark("claims", row.claim.id)
                return f"{label}  {mark}{clipped(' '.join(row.claim.text.split()), 2_000)}"
            if column == DISCRIMINATION:
                return str(row.discrimination)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return mark.value if mark else "not said"
            return CONSISTENCY_MARKS[mark] if mark else ""
        if role == Qt.ItemDataRole.BackgroundRole and mark is not None:
            return QColor(MARK_COLOURS[mark])
        if role == Qt.ItemDataRole.ForegroundRole and mark is not None:
            return QColor("#1a1a1a")
        if role == Qt.ItemDataRole.TextAlignmentRole and column != CLAIM:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            text = escape(clipped(" ".join(row.claim.text.split()), 2_000))
            if hypothesis < 0:
                said = f"inconsistent with {row.inconsistent} hypotheses"
                return f"<p>{text}<br>{said}{self._indicators_html(row.claim.id)}</p>"
            said = mark.value if mark else "not said"
            return f"<p>{text}<br><b>{escape(said)}</b> with H{hypothesis + 1}</p>"
        if role == ClaimIdRole:
            return row.claim.id
        return None

    def _indicators_html(self, claim_id: str) -> str:
        """The indicators bearing on a forecast, a line each, for its tooltip."""
        briefing = self._briefing
        if briefing is None:
            return ""
        return "".join(
            f"<br>indicator: {escape(clipped(' '.join(i.text.split()), 300))}"
            f" ({escape(indicator_status(briefing, i))})"
            for i in briefing.indicators_bearing_on(claim_id)
        )


class AlternativesPanel(QWidget):
    """The hypotheses and their matrix; a row picked here selects its claim."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alternativesPanel")
        self.setAccessibleName("Alternatives")
        self.document = document
        # Plain text that scrolls: a wrapped label would make its whole height the panel's
        # least, and the window would no longer fit a small screen.
        self.hypotheses = QPlainTextEdit()
        self.hypotheses.setObjectName("hypothesesText")
        self.hypotheses.setAccessibleName("The competing hypotheses and their indicators")
        self.hypotheses.setReadOnly(True)
        self.hypotheses.setFrameShape(QFrame.Shape.NoFrame)
        self.hypotheses.setMinimumHeight(self.fontMetrics().lineSpacing())
        self.model = AchModel(self)
        self.view = QTableView()
        self.view.setObjectName("achTable")
        self.view.setAccessibleName("Claims against the competing hypotheses")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.setSortingEnabled(True)
        # Small at least, so that the window still fits a small screen (at scale factor 2).
        self.view.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.hypotheses)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        self._syncing = False
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        document.briefingChanged.connect(self._on_briefing_changed)
        document.selectionChanged.connect(self._on_selection_changed)
        document.comparisonChanged.connect(self.refresh)
        self.model.change_mark = document.change_mark
        self.refresh()

    # State the tests and the window read.
    def rows(self) -> list[list[str]]:
        """The matrix as shown, in the order shown."""
        model = self.model
        return [
            [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]

    def selected_claim_ids(self) -> set[str]:
        return {i.data(ClaimIdRole) for i in self.view.selectionModel().selectedRows()}

    # What the document says.
    def _on_briefing_changed(self) -> None:
        self.document.later(self, self.refresh)  # in a turn of its own

    def refresh(self) -> None:
        self.document.cancel(self)
        self._syncing = True
        try:
            self.hypotheses.setPlainText(
                hypotheses_text(self.document.briefing, self.document.change_mark)
            )
            self._fit_hypotheses()
            self.model.set_briefing(self.document.briefing, self.document.derived.claim_numbers)
            header = self.view.horizontalHeader()
            header.setSectionResizeMode(CLAIM, QHeaderView.ResizeMode.Stretch)
            # Widths from the headings, not ResizeToContents: that measures every row (half a
            # second for 30,000 claims, on each sort).
            metrics = self.view.fontMetrics()
            for column in range(DISCRIMINATION, self.model.columnCount()):
                heading = str(self.model.headerData(column, Qt.Orientation.Horizontal, 0))
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(column, metrics.horizontalAdvance(heading + " ▼") + 16)
            self.view.sortByColumn(DISCRIMINATION, Qt.SortOrder.DescendingOrder)
        finally:
            self._syncing = False
        self._on_selection_changed()

    def _fit_hypotheses(self) -> None:
        """The hypotheses' box as tall as its lines, wrapped at its width, up to
        HYPOTHESES_LINES; the matrix below gets the rest of the panel."""
        box = self.hypotheses
        line = box.fontMetrics().lineSpacing()
        block, height = box.document().firstBlock(), 0.0
        while block.isValid() and height < line * HYPOTHESES_LINES:
            height += box.blockBoundingRect(block).height()
            block = block.next()
        margins = 2 * box.document().documentMargin() + 2 * box.frameWidth()
        box.setMaximumHeight(round(min(height, line * HYPOTHESES_LINES) + margins))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_hypotheses()  # lines wrap anew at another width

    def _on_selection_changed(self) -> None:
        selection = QItemSelection()
        for claim_id in self.document.linked.claims:
            row = self.model.row_of(claim_id)
            if row is None:
                continue
            first = self.model.index(row, 0)
            selection.select(first, first.siblingAtColumn(self.model.columnCount() - 1))
        self._syncing = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.view.selectionModel().select(selection, flags)
        finally:
            self._syncing = False

    # What the analyst does.
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing and current.isValid():
            self.document.select(ItemKind.CLAIM, current.data(ClaimIdRole))
