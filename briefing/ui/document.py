"""The open briefing, what is selected and what is filtered: one QObject the panels listen to.

Panels never talk to each other. They read from the document and tell it what the analyst did;
the document says what changed with its signals. Loading runs off the UI thread; a failed load
keeps the last good briefing and only replaces the problems, so a broken save never blanks the
window.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from briefing.history import History
from briefing.loader import LoadResult, load_path
from briefing.model import Briefing
from briefing.problems import Problem, Severity
from briefing.search import search_index
from briefing.ui import loading
from briefing.ui.filters import (
    Filter,
    ItemKind,
    Linked,
    Selection,
    Visible,
    items_of,
    linked,
    visible,
)

# Files from this size on load in a separate process (briefing/ui/loading.py says why). Below
# it a thread is quicker: the parse holds the GIL for a few ms, less than starting a process.
PROCESS_FROM_BYTES = 1_000_000

# Panels refresh in steps, each in an event-loop turn of its own (see Document.later). One turn
# runs steps until this much time has gone, so tiny steps share a turn and big ones do not.
STEP_BUDGET_S = 0.004

# Work a panel hands the document: a callable, run in a later turn; when it returns an
# iterator, each further step of that iterator runs in a turn of its own.
Work = Callable[[], Iterator[object] | None]


def in_process(path: str) -> bool:
    """Whether to load this file in a separate process (not in the frozen app: it has no
    Python interpreter to run `-m briefing.ui.loading` with)."""
    if getattr(sys, "frozen", False):
        return False
    try:
        return os.path.getsize(path) >= PROCESS_FROM_BYTES
    except OSError:
        return False  # the loader reports a missing or unreadable file


def _loader_command(path: str) -> tuple[list[str], dict[str, str]]:
    # A plain child process, not multiprocessing: its spawn re-imports the parent's __main__,
    # which re-runs a script that opens a window without an `if __name__` guard.
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    return [sys.executable, "-m", "briefing.ui.loading", path], env


# The key under which the loading thread leaves (filter, what it leaves visible).
_VISIBLE = "__visible__"
# The name of the briefing's folded search text (search_index) in prepared().
SEARCH = "search index"


class Document(QObject):
    """The open briefing and what the analyst did to it.

    A new briefing reaches the panels in steps: `briefingChanged` is a notice, on which each
    panel hands `later` what it has to do; the document runs that work in later turns of the
    event loop, a few ms a turn, so the window paints and answers in between (a 10,000-event
    briefing took 300 ms in one turn otherwise). `loadFinished` comes once every panel has
    caught up. `open_now` and `flush` do it all at once, for screenshots and tests. Work that
    needs no Qt can run on the loading thread before the briefing arrives: see `prepare`.
    """

    briefingChanged = Signal()  # a new good briefing replaced the old one; panels call later()
    problemsChanged = Signal()  # the problems of the last load changed (errors or warnings)
    filterChanged = Signal()
    selectionChanged = Signal()
    historyChanged = Signal()  # what back/forward and undo/redo can do changed
    loadStarted = Signal()  # a load off the UI thread began
    loadProgress = Signal(int)  # percent of the load done, once the loader can tell
    loadFinished = Signal()  # every load attempt ends with this, good or bad
    # From the loading thread: only the generation travels in the signal (a plain int); the
    # result waits in _results. Queued Python objects across threads have hit refcount bugs.
    _loaded = Signal(int)

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
        self._visible = Visible()
        self._selection: Selection | None = None
        self._linked = Linked()
        self._generation = 0
        self._loading = False
        self._results: dict[int, tuple[LoadResult, dict[str, Any]]] = {}
        self._results_lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._loaded.connect(self._on_loaded)
        # Panel work waiting for a turn, by key, in the order it came: a callable not started
        # yet, or the iterator of its remaining steps.
        self._pending: dict[object, Work | Iterator[object]] = {}
        self._unfinished = 0  # loads applied whose loadFinished waits for the pending work
        self._applied = 0  # the generation of the last load applied
        self._stepper = QTimer(self)
        self._stepper.setSingleShot(True)
        self._stepper.setInterval(0)
        self._stepper.timeout.connect(self._run_steps)
        # Work done on the loading thread for each new briefing (name -> function), and what
        # it gave for the briefing shown now.
        self._preparers: dict[str, Callable[[Briefing], Any]] = {}
        self._prepared: dict[str, Any] = {}
        self._prepared_lock = threading.Lock()
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
        return self._visible

    @property
    def selection(self) -> Selection | None:
        return self._selection

    @property
    def linked(self) -> Linked:
        return self._linked

    # What panels tell it.
    def open(self, path: str | Path) -> None:
        """Load a file off the UI thread; loadFinished says when it is done."""
        self._path = str(path)
        self._start_load(self._path)

    def reload(self) -> None:
        if self._path is not None:
            self._start_load(self._path)

    def open_now(self, path: str | Path) -> None:
        """Load on the calling thread (screenshots, scripts): every panel is filled on return."""
        self._path = str(path)
        self._generation += 1
        self.apply(load_path(self._path))
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
            if self._applied == self._generation:
                self._loading = False  # else a newer load is still under way
            for _ in range(count):
                self.loadFinished.emit()

    # Work on the loading thread.
    def prepare(self, name: str, function: Callable[[Briefing], Any]) -> None:
        """Have `function(briefing)` worked out on the loading thread for each new briefing.

        It must not touch widgets or the shown briefing. `prepared(name)` then gives its value
        without work on the UI thread (or works it out there, for a synchronous load).
        """
        self._preparers[name] = function

    def prepared(self, name: str) -> Any:
        """What the function given to `prepare` made of the shown briefing."""
        with self._prepared_lock:
            if name in self._prepared:
                return self._prepared[name]
        value = None if self._briefing is None else self._preparers[name](self._briefing)
        with self._prepared_lock:
            self._prepared[name] = value
        return value

    def _prepare_all(self, briefing: Briefing | None) -> dict[str, Any]:
        """On the loading thread: run each preparer; one that fails runs again on the UI
        thread when asked, and raises there."""
        done: dict[str, Any] = {}
        if briefing is None:
            return done
        for name, function in list(self._preparers.items()):
            try:
                done[name] = function(briefing)
            except Exception:  # prepared() runs it again on the UI thread, and reports it
                continue
        return done

    def _start_load(self, path: str) -> None:
        self._generation += 1
        generation = self._generation
        self._loading = True
        # What the filter leaves of the new briefing is worked out on the loading thread too,
        # for the filter of now; apply() uses it if the filter has not changed meanwhile.
        active_filter = self._filter
        self._stop_process()  # an older load still parsing is out of date

        def progress(percent: int) -> None:
            if generation == self._generation:
                self.loadProgress.emit(percent)

        def work() -> None:
            try:
                if in_process(path):
                    result = self._load_in_process(path, generation, progress)
                else:
                    result = load_path(path)
                loading.build_lookups(result.briefing)
            except Exception as exc:  # a loader bug or MemoryError must still end the load;
                # uncaught, it killed the thread, loadFinished never came and the window
                # stayed "loading" for good (tests/reliability/test_faults.py).
                message = f"cannot load: {type(exc).__name__}: {exc}"
                result = LoadResult(path, None, (Problem(path, 1, 1, Severity.ERROR, message),))
            prepared = self._prepare_all(result.briefing) if generation == self._generation else {}
            if result.briefing is not None and generation == self._generation:
                # The folded search text only when a search needs it now: otherwise the first
                # search after the load folds it (about 150 ms for 10,000 events).
                if active_filter.text:
                    prepared[SEARCH] = search_index(result.briefing)
                shown = visible(result.briefing, active_filter, prepared.get(SEARCH))
                prepared[_VISIBLE] = (active_filter, shown)
            with self._results_lock:
                self._results[generation] = (result, prepared)
            self._loaded.emit(generation)

        self.loadStarted.emit()
        threading.Thread(target=work, name="briefing-load", daemon=True).start()

    def _load_in_process(
        self, path: str, generation: int, progress: Callable[[int], None]
    ) -> LoadResult:
        """Parse in a child process; take the result back piece by piece (on this thread)."""
        command, env = _loader_command(path)
        with self._results_lock:
            if generation != self._generation:
                raise RuntimeError("a newer load started")
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env=env
            )
            self._process = process
        assert process.stdout is not None
        pieces = loading.receive(process.stdout)
        total = loading.FRAME.unpack(next(pieces))[0]

        def report(number: int) -> None:
            if number * 20 // total != (number - 1) * 20 // total:
                progress(number * 100 // total)  # every 5 %

        # Unpickling makes some 10^6 objects: each full collection they trigger walks them all
        # (75 ms, holding the GIL). No collections while unpacking; then the new objects are
        # frozen out of later collections (they are freed by reference counting as before).
        collecting = gc.isenabled()
        gc.disable()
        try:
            result = loading.unpack(pieces, report)
            loading.build_lookups(result.briefing)
            gc.freeze()
            return result
        finally:
            if collecting:
                gc.enable()
            process.stdout.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            with self._results_lock:
                if self._process is process:
                    self._process = None

    def _stop_process(self) -> None:
        with self._results_lock:
            process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()  # its thread reads EOF and ends with a result nobody waits for

    @Slot(int)
    def _on_loaded(self, generation: int) -> None:
        with self._results_lock:
            done = self._results.pop(generation, None)
        if done is None or generation != self._generation:
            return  # a newer load has started; this one is out of date
        self.apply(*done)

    def apply(self, result: LoadResult, prepared: dict[str, Any] | None = None) -> None:
        """Take a load result: a good briefing replaces the old one; a bad one keeps it.

        The panels catch up in later turns; loadFinished comes when they have (at once when
        there is nothing for them to do). `prepared`: what the preparers made of it.
        """
        new_path = result.path != self._shown_path
        self._path = result.path
        self._problems = result.problems
        self._unlisted = (result.unlisted_errors, result.unlisted_warnings)
        if result.briefing is not None or new_path:
            self._briefing = result.briefing
            with self._prepared_lock:
                self._prepared = dict(prepared or {})
            self._shown_path = result.path
            ready = (prepared or {}).get(_VISIBLE)
            if ready is not None and ready[0] == self._filter:
                self._visible = ready[1]
            else:
                self._visible = self._visible_for(self._filter)
            self._keep_selection_if_present()
            self.briefingChanged.emit()
        self.problemsChanged.emit()
        self._applied = self._generation
        self._unfinished += 1
        if not self._pending:
            self._finish_loads()

    def _keep_selection_if_present(self) -> None:
        selection = self._selection
        if selection is not None and self._briefing is not None:
            if selection.id not in items_of(self._briefing, selection.kind):
                selection = None
        else:
            selection = None
        self._selection = selection
        self._linked = linked(self._briefing, selection)

    def _visible_for(self, new_filter: Filter) -> Visible:
        if not new_filter.text or self._briefing is None:
            return visible(self._briefing, new_filter)
        with self._prepared_lock:
            index = self._prepared.get(SEARCH)
        if index is None:  # folded once per briefing, then every keystroke reuses it
            index = search_index(self._briefing)
            with self._prepared_lock:
                self._prepared[SEARCH] = index
        return visible(self._briefing, new_filter, index)

    def set_filter(self, new_filter: Filter) -> None:
        if new_filter == self._filter:
            return
        self._filter = new_filter
        self._visible = self._visible_for(new_filter)
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
        self._visible = self._visible_for(old_filter)
        self.filterChanged.emit()
        self.historyChanged.emit()
