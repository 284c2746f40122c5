"""The open briefing, what is selected and what is filtered: one QObject the panels listen to.

Panels never talk to each other. They read from the document and tell it what the analyst did;
the document says what changed with its signals. Loading runs off the UI thread; a failed load
keeps the last good briefing and only replaces the problems, so a broken save never blanks the
window.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from briefing.derived import Derived, derive, refilter
from briefing.diff import BriefingDiff, Change, ChangeKind, change_mark, diff
from briefing.filters import Filter, Visible
from briefing.history import History
from briefing.links import ItemKind, Linked, Selection, contains, linked
from briefing.loader import LoadResult, load_path
from briefing.loading import ForkedLoad
from briefing.model import Briefing
from briefing.problems import Problem
from briefing.ui.load_runner import LoadRunner

# Panels refresh in steps, each in an event-loop turn of its own (see Document.later). One turn
# runs steps until this much time has gone, so tiny steps share a turn and big ones do not.
STEP_BUDGET_S = 0.004

# Work a panel hands the document: a callable, run in a later turn; when it returns an
# iterator, each further step of that iterator runs in a turn of its own.
Work = Callable[[], Iterator[object] | None]


class Document(QObject):
    """The open briefing and what the analyst did to it.

    A new briefing reaches the panels in steps: `briefingChanged` is a notice, on which each
    panel hands `later` what it has to do; the document runs that work in later turns of the
    event loop, a few ms a turn, so the window paints and answers in between (a 10,000-event
    briefing took 300 ms in one turn otherwise). `loadFinished` comes once every panel has
    caught up. `open_now` and `flush` do it all at once, for screenshots and tests. What the
    panels need of a briefing and the filter (`derived`) is worked out on the loading thread
    (briefing/ui/load_runner.py) before the briefing arrives.
    """

    briefingChanged = Signal()  # a new good briefing replaced the old one; panels call later()
    problemsChanged = Signal()  # the problems of the last load changed (errors or warnings)
    filterChanged = Signal()
    selectionChanged = Signal()
    historyChanged = Signal()  # what back/forward and undo/redo can do changed
    loadStarted = Signal()  # a load off the UI thread began
    loadProgress = Signal(int)  # percent of the load done, once the loader can tell
    loadFinished = Signal()  # every load attempt ends with this, good or bad
    comparisonChanged = Signal()  # an earlier version to compare with was set or dropped

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._briefing: Briefing | None = None
        self._path: str | None = None
        # The file the shown briefing came from. open() sets _path before the load ends, so
        # comparing with _path never saw a new file: a broken file opened over a good one kept
        # the old briefing and called it "the last good version" of the new file.
        self._shown_path: str | None = None
        self._problems: tuple[Problem, ...] = ()
        self._unlisted = (0, 0)  # errors, warnings found beyond those in _problems
        self._filter = Filter()
        self._derived = derive(None, self._filter)
        self._selection: Selection | None = None
        self._linked = Linked()
        self._loading = False
        self._forked: ForkedLoad | None = None  # a load begun before the window, not taken yet
        self._runner = LoadRunner(self)
        self._runner.progress.connect(self.loadProgress)
        self._runner.loaded.connect(self._on_loaded)
        # Panel work waiting for a turn, by key, in the order it came: a callable not started
        # yet, or the iterator of its remaining steps.
        self._pending: dict[object, Work | Iterator[object]] = {}
        self._unfinished = 0  # loads applied whose loadFinished waits for the pending work
        self._applied = 0  # the generation of the last load applied
        self._stepper = QTimer(self)
        self._stepper.setSingleShot(True)
        self._stepper.setInterval(0)
        self._stepper.timeout.connect(self._run_steps)
        # The earlier version the analyst compares with (File → Compare with…), its name, and
        # what changed since, worked out for one briefing at a time.
        self._earlier: Briefing | None = None
        self._earlier_name = ""
        self._changes: tuple[Briefing | None, BriefingDiff | None] = (None, None)
        # (section, id) -> its change, ADDED or CHANGED, for the panels to ask per cell:
        # BriefingDiff.of looks through every change (30,000 claims asked it: 8.7 s).
        self._shown_changes: dict[tuple[str, str], Change] = {}
        # Back/forward through selections; undo/redo through filters.
        self._selections: History[Selection | None] = History(None)
        self._filters: History[Filter] = History(Filter())

    # What panels ask.
    @property
    def briefing(self) -> Briefing | None:
        return self._briefing

    @property
    def path(self) -> str | None:
        return self._path

    @property
    def earlier_name(self) -> str:
        """The name of the version compared with ("" when none): a file, or "last commit"."""
        return self._earlier_name

    @property
    def earlier(self) -> Briefing | None:
        """The version compared with, or None."""
        return self._earlier

    @property
    def changes(self) -> BriefingDiff | None:
        """What changed from the earlier version to the shown briefing, or None."""
        if self._earlier is None or self._briefing is None:
            return None
        shown, found = self._changes
        if shown is not self._briefing or found is None:
            found = diff(self._earlier, self._briefing)
            self._changes = (self._briefing, found)
            shown_kinds = (ChangeKind.ADDED, ChangeKind.CHANGED)  # a removed item is not shown
            self._shown_changes = {
                (c.section, c.key): c for c in found.changes if c.kind in shown_kinds
            }
        return found

    def change_of(self, section: str, key: str) -> ChangeKind | None:
        """ADDED or CHANGED for an item of the shown briefing that is new or changed."""
        if self.changes is None:
            return None
        change = self._shown_changes.get((section, key))
        return None if change is None else change.kind

    def change_mark(self, section: str, key: str) -> str:
        """The mark before an item's text ("[new] ", "[changed: likelihood up] "), or "" when
        the item did not change or nothing is compared."""
        if self.changes is None:
            return ""
        change = self._shown_changes.get((section, key))
        return "" if change is None else change_mark(change.kind, change)

    def marked(self, section: str) -> dict[str, tuple[ChangeKind, str]]:
        """The items of a section new or changed since the version compared with, by id: the
        kind and the mark before the item's text. Empty when nothing is compared."""
        if self.changes is None:
            return {}
        return {
            key: (change.kind, change_mark(change.kind, change))
            for (of, key), change in self._shown_changes.items()
            if of == section
        }

    def removed(self, section: str) -> tuple:
        """The items of a section with ids (not key judgments) the version compared with had
        and the shown briefing has not, as the earlier version gave them (an event with its
        date and sides). Empty when nothing is compared."""
        changes = self.changes
        if changes is None or self._earlier is None:
            return ()
        keys = {c.key for c in changes.removed(section)}
        if not keys:
            return ()
        return tuple(item for item in getattr(self._earlier, section) if item.id in keys)

    def compare_with(self, earlier: Briefing | None, name: str = "") -> None:
        """Mark what changed since `earlier` on every panel; None stops comparing."""
        self._earlier, self._earlier_name = earlier, name if earlier is not None else ""
        self._changes = (None, None)
        self.comparisonChanged.emit()

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self._problems

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self._problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self._problems if not p.is_error)

    @property
    def unlisted(self) -> int:
        """Problems of the last load beyond those listed (the loader keeps the first 1,000)."""
        return sum(self._unlisted)

    @property
    def error_count(self) -> int:
        return len(self.errors) + self._unlisted[0]

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + self._unlisted[1]

    @property
    def is_stale(self) -> bool:
        """True when the file on disk has errors and the window shows the last good version."""
        return bool(self.errors) and self._briefing is not None

    @property
    def is_loading(self) -> bool:
        return self._loading

    @property
    def filter(self) -> Filter:
        return self._filter

    @property
    def visible(self) -> Visible:
        return self._derived.visible

    @property
    def derived(self) -> Derived:
        """What the panels need of the shown briefing under the filter of now."""
        return self._derived

    @property
    def selection(self) -> Selection | None:
        return self._selection

    @property
    def linked(self) -> Linked:
        return self._linked

    # What panels tell it.
    def expect(self, forked: ForkedLoad) -> None:
        """A load begun before the window (`briefing open FILE`): the next open of its file
        takes its result rather than reading the file again; any other open drops it."""
        self._drop_forked()
        self._forked = forked

    def _take_forked(self) -> ForkedLoad | None:
        forked, self._forked = self._forked, None
        return forked

    def _drop_forked(self) -> None:
        if (forked := self._take_forked()) is not None:
            forked.discard()

    def open(self, path: str | Path) -> None:
        """Load a file off the UI thread; loadFinished says when it is done."""
        self._path = str(path)
        self._start_load(self._path, self._take_forked())

    def reload(self) -> None:
        if self._path is not None:
            self._drop_forked()
            self._start_load(self._path)

    def open_now(self, path: str | Path) -> None:
        """Load on the calling thread (screenshots, scripts): every panel is filled on return."""
        self._path = str(path)
        self._runner.supersede()
        forked = self._take_forked()
        result = None if forked is None else forked.result(self._path)
        self.apply(load_path(self._path) if result is None else result)
        self.flush()

    # Panel work in later turns.
    def later(self, key: object, work: Work) -> None:
        """Run `work` in a later turn of the event loop, in place of any work pending for `key`.

        When `work` returns an iterator, each of its further steps runs in its own turn (or
        shares one with other small steps): a panel that has much to do yields between parts.
        """
        self._pending[key] = work
        if not self._stepper.isActive():
            self._stepper.start()

    def cancel(self, key: object) -> None:
        """Drop the work pending for `key` (its panel has just done it another way)."""
        self._pending.pop(key, None)

    def is_pending(self, key: object) -> bool:
        return key in self._pending

    def flush(self) -> None:
        """Run every pending step now; when a load waits for them, it finishes here."""
        while self._pending:
            self._step()
        self._stepper.stop()
        self._finish_loads()

    def _run_steps(self) -> None:
        deadline = time.perf_counter() + STEP_BUDGET_S
        try:
            while self._pending and time.perf_counter() < deadline:
                self._step()
        finally:
            if self._pending:
                self._stepper.start()
            else:
                self._finish_loads()

    def _step(self) -> None:
        key, work = next(iter(self._pending.items()))
        try:
            if isinstance(work, Iterator):
                next(work)
                return
            steps = work()
        except StopIteration:
            self._drop(key, work)
            return
        except BaseException:
            self._drop(key, work)  # a failing step must not block the queue
            raise
        if steps is not None and self._pending.get(key) is work:
            self._pending[key] = steps  # keeps its place in the queue
        else:
            self._drop(key, work)

    def _drop(self, key: object, work: object) -> None:
        if self._pending.get(key) is work:  # not new work the step put under its own key
            del self._pending[key]

    def _finish_loads(self) -> None:
        if self._unfinished and not self._pending:
            count, self._unfinished = self._unfinished, 0
            if self._applied == self._runner.generation:
                self._loading = False  # else a newer load is still under way
            for _ in range(count):
                self.loadFinished.emit()

    # Loading off the UI thread.
    def _start_load(self, path: str, forked: ForkedLoad | None = None) -> None:
        self._loading = True
        # What the panels need of the new briefing is worked out on the loading thread, for
        # the filter of now; apply() refilters it if the filter changes meanwhile.
        self._runner.start(path, self._filter, forked)
        self.loadStarted.emit()

    @Slot(object, object)
    def _on_loaded(self, result: LoadResult, derived: Derived | None) -> None:
        self.apply(result, derived)

    def apply(self, result: LoadResult, derived: Derived | None = None) -> None:
        """Take a load result: a good briefing replaces the old one; a bad one keeps it.

        The panels catch up in later turns; loadFinished comes when they have (at once when
        there is nothing for them to do). `derived`: what the panels need of it, if worked
        out already (for any filter: only what is visible is worked out again).
        """
        new_path = result.path != self._shown_path
        self._path = result.path
        self._problems = result.problems
        self._unlisted = (result.unlisted_errors, result.unlisted_warnings)
        if result.briefing is not None or new_path:
            self._briefing = result.briefing
            if derived is None or result.briefing is None:
                derived = derive(result.briefing, self._filter)
            self._derived = refilter(derived, result.briefing, self._filter)
            self._shown_path = result.path
            if new_path:  # an earlier version of another file says nothing about this one
                self._earlier, self._earlier_name = None, ""
                self._changes = (None, None)
            self._keep_selection_if_present()
            self.briefingChanged.emit()
        self.problemsChanged.emit()
        self._applied = self._runner.generation
        self._unfinished += 1
        if not self._pending:
            self._finish_loads()

    def _keep_selection_if_present(self) -> None:
        selection = self._selection
        if selection is None or self._briefing is None or not contains(self._briefing, selection):
            selection = None
        self._selection = selection
        self._linked = linked(self._briefing, selection)

    def set_filter(self, new_filter: Filter) -> None:
        if new_filter == self._filter:
            return
        self._filter = new_filter
        self._derived = refilter(self._derived, self._briefing, new_filter)
        self._filters.push(new_filter)
        self.filterChanged.emit()
        self.historyChanged.emit()

    def select(self, kind: ItemKind | str, item_id: str) -> None:
        self._show_selection(Selection(ItemKind(kind), item_id))

    def clear_selection(self) -> None:
        self._show_selection(None)

    def _show_selection(self, selection: Selection | None, remember: bool = True) -> None:
        if selection == self._selection:
            return
        self._selection = selection
        self._linked = linked(self._briefing, selection)
        if remember:
            self._selections.push(selection)
        self.selectionChanged.emit()
        self.historyChanged.emit()

    # History: back/forward through selections, undo/redo of filter changes.
    def can_go_back(self) -> bool:
        return self._selections.can_go_back()

    def can_go_forward(self) -> bool:
        return self._selections.can_go_forward()

    def go_back(self) -> None:
        if self._selections.can_go_back():
            self._show_selection(self._selections.back(), remember=False)

    def go_forward(self) -> None:
        if self._selections.can_go_forward():
            self._show_selection(self._selections.forward(), remember=False)

    def can_undo_filter(self) -> bool:
        return self._filters.can_go_back()

    def can_redo_filter(self) -> bool:
        return self._filters.can_go_forward()

    def undo_filter(self) -> None:
        self._step_filter(self._filters.back())

    def redo_filter(self) -> None:
        self._step_filter(self._filters.forward())

    def _step_filter(self, old_filter: Filter | None) -> None:
        if old_filter is None or old_filter == self._filter:
            return
        self._filter = old_filter
        self._derived = refilter(self._derived, self._briefing, old_filter)
        self.filterChanged.emit()
        self.historyChanged.emit()
