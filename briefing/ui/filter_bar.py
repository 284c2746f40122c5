"""The search field and filter controls: free text, sides, claim kinds, sources, date range.

The bar only builds a Filter from what the analyst set and hands it to the document; the
predicates live in filters.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from html import escape

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
from briefing.model import ClaimKind, Reliability, Source
from briefing.ui.document import Document
from briefing.words import clipped, short_citation

SEARCH_DELAY_MS = 150
NAME_LIMIT = 28  # characters of a chosen name on a filter button
EAGER_CHOICES = 50  # up to this many choices, a menu's actions are made with the choices


def by_outlet(sources: tuple[Source, ...]) -> list[Source]:
    """Sources as the filter menu lists them: by outlet, then date, then id."""
    return sorted(
        sources,
        key=lambda s: (s.outlet.casefold(), s.date.start if s.date else dt.date.min, s.id),
    )


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
        self._name: Callable[[str], str] | None = None  # a chosen key's name on the button
        self._checked: frozenset[str] = frozenset()  # while the menu is not made
        self._filled = True  # the menu holds an action per key
        self.set_choices([])

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """(key, label) pairs; keeps checked keys that still exist."""
        labels = [label for _, label in choices]
        by_key = dict(choices)
        self.set_keys([key for key, _ in choices], lambda: labels, by_key.__getitem__)

    def set_keys(
        self,
        keys: list[str],
        labels: Callable[[], list[str]],
        name: Callable[[str], str] | None = None,
    ) -> None:
        """The choices' keys, a function giving their labels when the menu is made, and one
        naming a single chosen key on the button ("Sources: TRT Haber")."""
        checked = self.checked()
        self.menu().clear()
        self._keys, self._labels, self._filled, self._name = keys, labels, False, name
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
        self.set_checked(frozenset())

    def set_checked(self, keys: frozenset[str]) -> None:
        """Check these keys (those that are choices) and no others; no action is triggered."""
        self._checked = keys & frozenset(self._keys)
        for action in self.menu().actions():
            blocked = action.blockSignals(True)
            action.setChecked(action.data() in self._checked)
            action.blockSignals(blocked)
        self._update_text()

    def _update_text(self, *_args: object) -> None:
        """ "Sources: all", "Sources: TRT Haber", "Sources: 2 of 15"."""
        checked = self.checked()
        if not checked:
            chosen = "all"
        elif len(checked) == 1:
            key = next(iter(checked))
            chosen = " ".join((self._name(key) if self._name is not None else key).split())
        else:
            chosen = f"{len(checked)} of {len(self._keys)}"
        # A long outlet must not widen the filter bar past a laptop screen.
        short = chosen if len(chosen) <= NAME_LIMIT else chosen[: NAME_LIMIT - 1] + "…"
        self.setText(f"{self.noun.capitalize()}: {short}".replace("&", "&&"))
        # Escaped HTML: Qt would read a tooltip that looks like markup as markup.
        self.setToolTip(f"<p>Filter by {self.noun}: {escape(clipped(chosen, 500))}</p>")


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
        self.grades = ChoiceButton("gradeFilter", "grades")
        self.grades.setAccessibleName("Filter by source reliability (Admiralty grade)")
        self.grades.set_keys(
            [r.value for r in Reliability],
            lambda: [f"{r.value}: {r.meaning}" for r in Reliability],
            str,  # "Grades: B"
        )
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
        for widget in (self.sides, self.kinds, self.sources, self.grades):
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
        for button in self._choices():
            button.menu().triggered.connect(self.apply)
        self.dates.valueChanged.connect(self._on_dates_moved)
        self.reset.clicked.connect(self.clear)
        document.briefingChanged.connect(self._on_briefing_changed)
        document.filterChanged.connect(self._on_filter_changed)
        self.refresh()

    def _choices(self) -> tuple[ChoiceButton, ...]:
        return (self.sides, self.kinds, self.sources, self.grades)

    def filter(self) -> Filter:
        date_from = date_to = None
        if self._extent is not None:
            low, high = (int(v) for v in self.dates.value())
            first, last = self._extent
            # A bound anywhere but the briefing's first or last day is the analyst's (one from
            # before a reload may lie outside the briefing's extent now, and stays).
            if low != first.toordinal():
                date_from = dt.date.fromordinal(low)
            if high != last.toordinal():
                date_to = dt.date.fromordinal(high)
        return Filter(
            text=self.search.text().strip(),
            sides=self.sides.checked(),
            kinds=frozenset(ClaimKind(k) for k in self.kinds.checked()),
            sources=self.sources.checked(),
            date_from=date_from,
            date_to=date_to,
            grades=frozenset(Reliability(g) for g in self.grades.checked()),
        )

    def show_filter(self, shown: Filter) -> None:
        """Set every control to a filter the document has (after Undo/Redo, or a reload)."""
        self._timer.stop()
        if self.search.text().strip() != shown.text:
            blocked = self.search.blockSignals(True)
            self.search.setText(shown.text)
            self.search.blockSignals(blocked)
        self.sides.set_checked(shown.sides)
        self.kinds.set_checked(frozenset(k.value for k in shown.kinds))
        self.sources.set_checked(shown.sources)
        self.grades.set_checked(frozenset(g.value for g in shown.grades))
        self._show_date_range(shown)

    def _show_date_range(self, shown: Filter) -> None:
        """The date fields at the filter's range; the whole extent where it sets no bound."""
        if self._extent is None:
            return
        first, last = self._extent
        low = shown.date_from or first
        high = shown.date_to or last
        # A range from before a reload may reach past the briefing's new extent: it stays.
        self.dates.setRange(min(low, first).toordinal(), max(high, last).toordinal())
        blocked = self.dates.blockSignals(True)
        self.dates.setValue((low.toordinal(), high.toordinal()))
        self.dates.blockSignals(blocked)
        self._show_dates()

    def _on_filter_changed(self) -> None:
        if self.document.filter != self.filter():
            self.show_filter(self.document.filter)

    def apply(self, *_args: object) -> None:
        self._timer.stop()
        self.document.set_filter(self.filter())

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        for button in self._choices():
            button.clear()
        self._show_date_range(Filter())
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
        sources = by_outlet(briefing.sources)
        outlets = {s.id: s.outlet for s in sources}
        self.sources.set_keys(
            [s.id for s in sources],
            lambda: [short_citation(s) for s in sources],
            lambda key: outlets.get(key, key),
        )
        extent = self.document.derived.date_extent
        if extent != self._extent:
            self._extent = extent
            # The document's filter outlives the reload, its date range too: the fields show it.
            self._show_date_range(self.document.filter)
        self.dates.setEnabled(extent is not None)
        self._show_dates()
        self._drop_vanished_choices()

    def _drop_vanished_choices(self) -> None:
        """A side or source the new briefing no longer has leaves the filter (Undo brings it
        back): kept, it hid everything while its button said "all"."""
        kept = self.document.filter
        briefing = self.document.briefing
        if briefing is None:
            return
        pruned = replace(
            kept,
            sides=kept.sides & briefing.sides_by_id.keys(),
            sources=kept.sources & briefing.sources_by_id.keys(),
        )
        if pruned != kept:
            self.document.set_filter(pruned)
