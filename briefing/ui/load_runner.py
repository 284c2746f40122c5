"""Loads a briefing off the UI thread, on a thread or in a child process, and hands back the
result with what the panels need of it (briefing.derived), one load at a time.

Each load has a generation; a newer load makes the older ones out of date, and their results
are dropped. The result comes back to the UI thread by a queued signal that carries only the
generation (a plain int): queued Python objects across threads have hit refcount bugs.
"""

from __future__ import annotations

import gc
import subprocess
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from briefing import loading
from briefing.derived import Derived, derive
from briefing.filters import Filter
from briefing.loader import LoadResult, load_path
from briefing.loading import PROCESS_FROM_BYTES, in_process  # noqa: F401  (tests read them)
from briefing.problems import Problem, Severity


class LoadRunner(QObject):
    """Runs loads off the UI thread and says when each current one is done."""

    progress = Signal(int)  # percent of the current load done, once the loader can tell
    # On the UI thread: a current load's result, and what the panels need of it (None when
    # that could not be worked out off the UI thread).
    loaded = Signal(object, object)
    _done = Signal(int)  # from the loading thread: the generation whose result waits

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._results: dict[int, tuple[LoadResult, Derived | None]] = {}
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._done.connect(self._on_done)

    @property
    def generation(self) -> int:
        """The number of the newest load (or of the newest load done another way)."""
        return self._generation

    def supersede(self) -> int:
        """Make every load under way out of date (a load done another way replaces them)."""
        self._generation += 1
        self._stop_process()
        return self._generation

    def start(self, path: str, shown: Filter, started: loading.EarlyLoad | None = None) -> None:
        """Load `path` on a thread; derive what the panels need under the filter `shown`.

        `started`: a loading process already under way for `path` (loading.start_early),
        begun before the window was built so that the parse runs beside the start-up; the
        load takes its result instead of starting another."""
        generation = self.supersede()
        if started is not None:
            with self._lock:
                self._process = started.process

        def progress(percent: int) -> None:
            if generation == self._generation:
                self.progress.emit(percent)

        def work() -> None:
            try:
                if started is not None or in_process(path):
                    result = self._load_in_process(path, generation, progress, started)
                else:
                    result = load_path(path)
                loading.build_lookups(result.briefing)
            except Exception as exc:  # a loader bug or MemoryError must still end the load;
                # uncaught, it killed the thread, loadFinished never came and the window
                # stayed "loading" for good (tests/reliability/test_faults.py).
                message = f"cannot load: {type(exc).__name__}: {exc}"
                result = LoadResult(path, None, (Problem(path, 1, 1, Severity.ERROR, message),))
            derived = None
            if result.briefing is not None and generation == self._generation:
                try:
                    derived = derive(result.briefing, shown)
                except Exception:  # worked out again on the UI thread, which reports it
                    derived = None
            with self._lock:
                self._results[generation] = (result, derived)
            self._done.emit(generation)

        threading.Thread(target=work, name="briefing-load", daemon=True).start()

    def _load_in_process(
        self,
        path: str,
        generation: int,
        progress: Callable[[int], None],
        started: loading.EarlyLoad | None = None,
    ) -> LoadResult:
        """Parse in a child process (or take `started`'s result); take the result back piece
        by piece (on this thread)."""
        with self._lock:
            if generation != self._generation:
                raise RuntimeError("a newer load started")
            process = started.process if started is not None else loading.start(path)
            self._process = process
        output = started.output if started is not None else process.stdout
        assert output is not None
        pieces = started.pieces() if started is not None else loading.receive(output)
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
            output.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            with self._lock:
                if self._process is process:
                    self._process = None

    def _stop_process(self) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()  # its thread reads EOF and ends with a result nobody waits for

    @Slot(int)
    def _on_done(self, generation: int) -> None:
        with self._lock:
            done = self._results.pop(generation, None)
        if done is None or generation != self._generation:
            return  # a newer load has started; this one is out of date
        self.loaded.emit(*done)
