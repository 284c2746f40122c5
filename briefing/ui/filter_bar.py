"""The search field and filter controls: free text, sides, claim kinds, sources, date range.

The bar only builds a Filter from what the analyst set and hands it to the document; the
predicates live in filters.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from briefing.filters import Filter
from briefing.model import ClaimKind
from briefing.ui.document import Document
from briefing.words import short_citation

SEARCH_DELAY_MS = 150
EAGER_CHOICES = 50  # up to this many choices, a menu's actions are made with the choices


def date_text(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b')} {day.year}"


class ChoiceButton(QToolButton):
    """A drop-down of checkable choices; none checked means "all".

    Past EAGER_CHOICES, the menu's actions are made when it first opens (or when asked for
    them), not with the choices: the 1,000 sources of a big briefing took 50-110 ms of
    QActions, mostly never opened. Until then the checked keys are kept here.
    """

    def __init__(self, name: str, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.noun = noun
        self.setAccessibleName(f"Filter by {noun}")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().setObjectName(f"{name}Menu")
        self.menu().aboutToShow.connect(self._fill_menu)
        self._keys: list[str] = []
        self._labels: Callable[[], list[str]] = list
        self._checked: frozenset[str] = frozenset()  # while the menu is not made
        self._filled = True  # the menu holds an action per key
        self.set_choices([])

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """(key, label) pairs; keeps checked keys that still exist."""
        labels = [label for _, label in choices]
        self.set_keys([key for key, _ in choices], lambda: labels)

    def set_keys(self, keys: list[str], labels: Callable[[], list[str]]) -> None:
        """The choices' keys, and a function giving their labels when the menu is made."""
        checked = self.checked()
        self.menu().clear()
        self._keys, self._labels, self._filled = keys, labels, False
        self._checked = checked & frozenset(keys)
        self.setEnabled(bool(keys))
        if len(keys) <= EAGER_CHOICES:
            self._fill_menu()
        self._update_text()

    def _fill_menu(self) -> None:
        if self._filled:
            return
        self._filled = True
        menu = self.menu()
        for key, label in zip(self._keys, self._labels(), strict=True):
            # "&" in a side or outlet name ("R&D") is a letter, not a keyboard mnemonic.
            action = QAction(label.replace("&", "&&"), menu)
            action.setObjectName(f"{self.objectName()}:{key}")
            action.setData(key)
            action.setCheckable(True)
            action.setChecked(key in self._checked)
            action.toggled.connect(self._update_text)
            menu.addAction(action)
        self._update_text()

    def actions_by_key(self) -> dict[str, QAction]:
        self._fill_menu()
        return {action.data(): action for action in self.menu().actions()}

    def checked(self) -> frozenset[str]:
        if not self._filled:
            return self._checked
        return frozenset(a.data() for a in self.menu().actions() if a.isChecked())

    def clear(self) -> None:
        self._checked = frozenset()
        for action in self.menu().actions():
            action.setChecked(False)
        self._update_text()

    def _update_text(self, *_args: object) -> None:
        count = len(self.checked())
        self.setText(f"{self.noun.capitalize()}: {count if count else 'all'}")


class DateRange(QWidget):
    """From and to dates, each typed or picked from a calendar; values are date ordinals.

    Two date fields rather than superqt's range slider: an analyst filters to exact days, the
    fields work from the keyboard, and importing superqt (and qtpy under it) cost about a
    quarter of the window's start-up time.
    """

    valueChanged = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = self._date_edit("dateFrom", "From date")
        self.last = self._date_edit("dateTo", "To date")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.first)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.last)

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.dateChanged.connect(lambda _date: self.valueChanged.emit(self.value()))
        return edit

    def value(self) -> tuple[int, int]:
        return self.first.date().toPython().toordinal(), self.last.date().toPython().toordinal()

    def setValue(self, value: tuple[int, int]) -> None:
        low, high = (QDate(dt.date.fromordinal(int(v))) for v in value)
        blocked = self.blockSignals(True)
        self.first.setDate(low)
        self.last.setDate(high)
        self.blockSignals(blocked)
        self.valueChanged.emit(self.value())

    def setRange(self, low: int, high: int) -> None:
        first, last = QDate(dt.date.fromordinal(low)), QDate(dt.date.fromordinal(high))
        for edit in (self.first, self.last):
            edit.setDateRange(first, last)


class FilterBar(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.setAccessibleName("Search and filters")
        self.document = document
        self.search = QLineEdit()
        self.search.setObjectName("searchField")
        self.search.setAccessibleName("Search")
        self.search.setPlaceholderText("Search events, figures, claims, sources (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.sides = ChoiceButton("sideFilter", "sides")
        self.kinds = ChoiceButton("kindFilter", "claim kinds")
        self.kinds.set_choices([(k.value, k.value) for k in ClaimKind])
        self.sources = ChoiceButton("sourceFilter", "sources")
        self.dates = DateRange()
        self.dates.setObjectName("dateFilter")
        self.dates.setAccessibleName("Date range")
        self.dates.setMinimumWidth(100)
        self.date_label = QLabel()
        self.date_label.setObjectName("dateFilterLabel")
        self.date_label.setTextFormat(Qt.TextFormat.PlainText)
        self.date_label.setVisible(False)  # the date fields show the range themselves
        self.reset = QToolButton()
        self.reset.setObjectName("resetFilters")
        self.reset.setText("Reset")
        self.reset.setToolTip("Show everything again")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.search, 3)
        for widget in (self.sides, self.kinds, self.sources):
            layout.addWidget(widget)
        dates = QLabel("Dates:")
        dates.setBuddy(self.dates)
        layout.addWidget(dates)
        layout.addWidget(self.dates)
        layout.addWidget(self.date_label)
        layout.addWidget(self.reset)
        self._extent: tuple[dt.date, dt.date] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply)
        self.search.textChanged.connect(self._timer.start)
        for button in (self.sides, self.kinds, self.sources):
            button.menu().triggered.connect(self.apply)
        self.dates.valueChanged.connect(self._on_dates_moved)
        self.reset.clicked.connect(self.clear)
        document.briefingChanged.connect(self._on_briefing_changed)
        self.refresh()

    def filter(self) -> Filter:
        date_from = date_to = None
        if self._extent is not None:
            low, high = (int(v) for v in self.dates.value())
            first, last = self._extent
            if low > first.toordinal():
                date_from = dt.date.fromordinal(low)
            if high < last.toordinal():
                date_to = dt.date.fromordinal(high)
        return Filter(
            text=self.search.text().strip(),
            sides=self.sides.checked(),
            kinds=frozenset(ClaimKind(k) for k in self.kinds.checked()),
            sources=self.sources.checked(),
            date_from=date_from,
            date_to=date_to,
        )

    def apply(self, *_args: object) -> None:
        self._timer.stop()
        self.document.set_filter(self.filter())

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        for button in (self.sides, self.kinds, self.sources):
            button.clear()
        if self._extent is not None:
            self.dates.setValue((self._extent[0].toordinal(), self._extent[1].toordinal()))
        self.apply()

    def set_date_range(self, first: dt.date, last: dt.date) -> None:
        self.dates.setValue((first.toordinal(), last.toordinal()))
        self.apply()

    def _on_dates_moved(self, _value: object) -> None:
        self._show_dates()
        self._timer.start()

    def _show_dates(self) -> None:
        if self._extent is None:
            self.date_label.setText("")
            return
        low, high = (dt.date.fromordinal(int(v)) for v in self.dates.value())
        self.date_label.setText(f"{date_text(low)} – {date_text(high)}")

    def _on_briefing_changed(self) -> None:
        self.document.later(self, self.refresh)  # in a turn of its own

    def refresh(self) -> None:
        """Fill the choices and the date range from the document's briefing."""
        self.document.cancel(self)
        briefing = self.document.briefing
        if briefing is None:
            self.sides.set_choices([])
            self.sources.set_choices([])
            self._extent = None
            self.dates.setEnabled(False)
            self._show_dates()
            return
        self.sides.set_choices([(s.id, s.name) for s in briefing.sides])
        sources = briefing.sources
        self.sources.set_keys([s.id for s in sources], lambda: [short_citation(s) for s in sources])
        extent = self.document.derived.date_extent
        if extent != self._extent:
            self._extent = extent
            self.dates.blockSignals(True)
            if extent is not None:
                self.dates.setRange(extent[0].toordinal(), extent[1].toordinal())
                self.dates.setValue((extent[0].toordinal(), extent[1].toordinal()))
            self.dates.blockSignals(False)
        self.dates.setEnabled(extent is not None)
        self._show_dates()
