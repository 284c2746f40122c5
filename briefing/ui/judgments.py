"""The key judgments panel: the briefing's bottom line, first on screen.

The title, as-of date and handling line, then each key judgment on one line with the numbers
of the claims behind it (C3, C5…, as the PDF prints them). Picking a judgment (click, or the
arrow keys and Enter) selects it in the document, which links it to those claims and their
events and figures on every panel. Briefing text is shown as plain text only.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.links import ItemKind
from briefing.model import Briefing, KeyJudgment
from briefing.numbering import claim_label
from briefing.ui.document import Document
from briefing.words import clipped, confidence_label

JudgmentRole = Qt.ItemDataRole.UserRole + 1  # the judgment's printed number, as a string


def heading_text(briefing: Briefing | None) -> str:
    """The line above the judgments: title · as of … · handling."""
    if briefing is None:
        return "No briefing loaded"
    parts = [clipped(" ".join(briefing.title.split()), 300)]
    parts.append(f"As of {briefing.as_of.label()}" if briefing.as_of else "As of: not given")
    if briefing.handling:
        parts.append(" ".join(briefing.handling.split()))
    return " · ".join(parts)


def judgment_claims(numbers: dict[str, int], judgment: KeyJudgment) -> list[str]:
    """The printed numbers of the claims a judgment rests on, in the order it lists them."""
    return [claim_label(numbers[c]) for c in judgment.claims if c in numbers]


def judgment_line(number: int, judgment: KeyJudgment, claims: list[str], mark: str = "") -> str:
    """ "2. [changed: likelihood up] Text  (C3, C5) · confidence moderate": `mark` is the
    judgment's change mark when the window compares versions."""
    text = mark + clipped(" ".join(judgment.text.split()), 2_000)
    cited = f"  ({', '.join(claims)})" if claims else "  (no claims)"
    # After the claims, apart from the judgment's words: ICD 203 keeps confidence out of them.
    confidence = f" · confidence {judgment.confidence}" if judgment.confidence else ""
    return f"{number}. {text}{cited}{confidence}"


class JudgmentsPanel(QWidget):
    """The bottom line up front; a judgment picked here selects the claims behind it."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("judgmentsPanel")
        self.setAccessibleName("Key judgments")
        self.document = document
        self.heading = QLabel()
        self.heading.setObjectName("briefingHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = QListWidget()
        self.list.setObjectName("judgmentsList")
        self.list.setAccessibleName("Key judgments, each with the claims behind it")
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps the claim numbers
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self.setFocusProxy(self.list)
        self._syncing = False
        self.list.currentRowChanged.connect(self._on_current_row_changed)
        self.list.itemActivated.connect(self._select_item)  # Enter, or a click on the current
        self.list.itemClicked.connect(self._select_item)
        document.briefingChanged.connect(self._on_briefing_changed)
        document.selectionChanged.connect(self._on_selection_changed)
        document.comparisonChanged.connect(self.refresh)
        self.refresh()

    # State the tests and the window read.
    def lines(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def height_for_rows(self, rows: int) -> int:
        """The height that shows the heading and this many judgments: for the layout."""
        row = self.fontMetrics().lineSpacing() + 2
        margins = self.layout().contentsMargins()
        return (
            self.heading.sizeHint().height()
            + rows * row
            + 2 * self.list.frameWidth()
            + margins.top()
            + margins.bottom()
            + self.layout().spacing()
            + 4
        )

    # What the document says.
    def _on_briefing_changed(self) -> None:
        self.document.later(self, self.refresh)  # in a turn of its own

    def refresh(self) -> None:
        self.document.cancel(self)
        current = self.document.briefing
        self.heading.setText(heading_text(current))
        self.heading.setToolTip(heading_text(current))
        self._syncing = True
        try:
            self.list.clear()
            if current is not None:
                numbers = self.document.derived.claim_numbers
                for n, judgment in enumerate(current.key_judgments, 1):
                    claims = judgment_claims(numbers, judgment)
                    mark = self.document.change_mark("key_judgments", f"#{n}")
                    item = QListWidgetItem(judgment_line(n, judgment, claims, mark))
                    # Escaped in a paragraph: the tooltip wraps, and "<b>" stays text.
                    tip = judgment_line(n, judgment, claims, mark)
                    basis = confidence_label(judgment.confidence, judgment.confidence_basis)
                    if basis:
                        tip += "\n" + basis
                    item.setToolTip(f"<p>{html.escape(tip).replace(chr(10), '<br>')}</p>")
                    item.setData(JudgmentRole, str(n))
                    self.list.addItem(item)
                # A current row from the start: else the list makes its first row current,
                # and so selects it, when it merely gets the focus (F6, Tab).
                self.list.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
                if not current.key_judgments:
                    empty = QListWidgetItem("The briefing states no key judgments.")
                    empty.setFlags(Qt.ItemFlag.NoItemFlags)
                    self.list.addItem(empty)
        finally:
            self._syncing = False
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        selection = self.document.selection
        chosen = selection.id if selection and selection.kind is ItemKind.JUDGMENT else None
        self._syncing = True
        try:
            for row in range(self.list.count()):
                item = self.list.item(row)
                if item.data(JudgmentRole) == chosen:
                    self.list.setCurrentItem(item)
                    break
            else:
                self.list.clearSelection()
        finally:
            self._syncing = False

    # What the analyst does.
    def _on_current_row_changed(self, row: int) -> None:
        if not self._syncing and row >= 0:
            self._select_item(self.list.item(row))

    def _select_item(self, item: QListWidgetItem | None) -> None:
        if self._syncing or item is None:
            return
        number = item.data(JudgmentRole)
        if isinstance(number, str):
            self.document.select(ItemKind.JUDGMENT, number)
