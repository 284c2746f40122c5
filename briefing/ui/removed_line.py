"""The grey line under a panel's list naming its items removed since the version compared with.

The list panels show the live briefing only (their rows, filters, counts and copies stay about
it); what the earlier version had and this one has not is named here, as plain text, and the
line is hidden when nothing of the panel's section was removed or nothing is compared.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from briefing.diff import Change
from briefing.drawing.palette import REMOVED_COLOUR
from briefing.ui.document import Document
from briefing.words import clipped

MAX_NAMED = 5  # items named on the line; past this a count says how many more
TITLE_CHARS = 40  # of each item's title


def removed_text(since: str, removed: tuple[Change, ...]) -> str:
    """ "Removed since old.yaml: c-gone 'Talks failed.', …", or "" when nothing was removed."""
    if not removed:
        return ""
    named = ", ".join(
        f"{change.key} '{clipped(' '.join(change.title.split()), TITLE_CHARS)}'"
        for change in removed[:MAX_NAMED]
    )
    more = len(removed) - MAX_NAMED
    return f"Removed since {since}: {named}" + (f", … and {more:,} more" if more > 0 else "")


class RemovedLine(QLabel):
    """One line, grey, under a list: the section's removed items, or hidden."""

    def __init__(self, document: Document, section: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.section = section
        self.setObjectName(f"{section}Removed")
        self.setAccessibleName("Removed since the version compared with")
        self.setTextFormat(Qt.TextFormat.PlainText)  # a title is data, never markup
        self.setWordWrap(False)
        self.setStyleSheet(f"color: {REMOVED_COLOUR}; padding: 2px 4px;")
        # A long line must not widen the panel: it is cut with "…" at the panel's edge; the
        # tooltip (escaped) holds it whole.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._whole = ""
        self.hide()
        document.comparisonChanged.connect(self.refresh)
        document.briefingChanged.connect(lambda: document.later(self, self.refresh))
        self.refresh()

    def refresh(self) -> None:
        self.document.cancel(self)
        changes = self.document.changes
        removed = () if changes is None else changes.removed(self.section)
        self._whole = removed_text(self.document.earlier_name, removed)
        self.setToolTip(f"<p>{escape(self._whole)}</p>" if self._whole else "")
        self._elide()
        self.setVisible(bool(self._whole))

    def _elide(self) -> None:
        mode, room = Qt.TextElideMode.ElideRight, max(self.contentsRect().width() - 8, 40)
        self.setText(self.fontMetrics().elidedText(self._whole, mode, room))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def shown_text(self) -> str:
        """What the line says, whole ("" when hidden): cut with "…" at the panel's edge."""
        return self._whole if not self.isHidden() else ""
