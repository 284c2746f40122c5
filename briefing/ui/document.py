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
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from briefing.loader import LoadResult, load_path
from briefing.model import Briefing
from briefing.problems import Problem, Severity
from briefing.ui import loading
from briefing.ui.filters import Filter, ItemKind, Linked, Selection, Visible, linked, visible

# Files from this size on load in a separate process (briefing/ui/loading.py says why). Below
# it a thread is quicker: the parse holds the GIL for a few ms, less than starting a process.
PROCESS_FROM_BYTES = 1_000_000


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


class Document(QObject):
    briefingChanged = Signal()  # a new good briefing replaced the old one
    problemsChanged = Signal()  # the problems of the last load changed (errors or warnings)
    filterChanged = Signal()
    selectionChanged = Signal()
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
        self._filter = Filter()
        self._visible = Visible()
        self._selection: Selection | None = None
        self._linked = Linked()
        self._generation = 0
        self._loading = False
        self._results: dict[int, LoadResult] = {}
        self._results_lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._loaded.connect(self._on_loaded)

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
        """Load on the calling thread (screenshots, scripts)."""
        self._path = str(path)
        self._generation += 1
        self.apply(load_path(self._path))

    def _start_load(self, path: str) -> None:
        self._generation += 1
        generation = self._generation
        self._loading = True
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
            with self._results_lock:
                self._results[generation] = result
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
            result = self._results.pop(generation, None)
        if result is None or generation != self._generation:
            return  # a newer load has started; this one is out of date
        self.apply(result)

    def apply(self, result: LoadResult) -> None:
        """Take a load result: a good briefing replaces the old one; a bad one keeps it."""
        self._loading = False
        new_path = result.path != self._shown_path
        self._path = result.path
        self._problems = result.problems
        if result.briefing is not None or new_path:
            self._briefing = result.briefing
            self._shown_path = result.path
            self._visible = visible(self._briefing, self._filter)
            self._keep_selection_if_present()
            self.briefingChanged.emit()
        self.problemsChanged.emit()
        self.loadFinished.emit()

    def _keep_selection_if_present(self) -> None:
        selection = self._selection
        if selection is not None and self._briefing is not None:
            ids = {
                ItemKind.EVENT: self._briefing.events_by_id,
                ItemKind.FORCE: self._briefing.forces_by_id,
                ItemKind.CLAIM: self._briefing.claims_by_id,
            }[selection.kind]
            if selection.id not in ids:
                selection = None
        else:
            selection = None
        self._selection = selection
        self._linked = linked(self._briefing, selection)

    def set_filter(self, new_filter: Filter) -> None:
        if new_filter == self._filter:
            return
        self._filter = new_filter
        self._visible = visible(self._briefing, new_filter)
        self.filterChanged.emit()

    def select(self, kind: ItemKind | str, item_id: str) -> None:
        selection = Selection(ItemKind(kind), item_id)
        if selection == self._selection:
            return
        self._selection = selection
        self._linked = linked(self._briefing, selection)
        self.selectionChanged.emit()

    def clear_selection(self) -> None:
        if self._selection is None:
            return
        self._selection = None
        self._linked = Linked()
        self.selectionChanged.emit()
