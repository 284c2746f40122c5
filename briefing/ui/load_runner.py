"""Loads a briefing off the UI thread, on a thread or in a child process, and hands back the
result with what the panels need of it (briefing.derived), one load at a time.

Each load has a generation; a newer load makes the older ones out of date, and their results
are dropped. The result comes back to the UI thread by a queued signal that carries only the
generation (a plain int): queued Python objects across threads have hit refcount bugs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from briefing import loading
from briefing.derived import Derived, derive
from briefing.filters import Filter
from briefing.loader import LoadResult, load_path
from briefing.problems import Problem, Severity

# Files from this size on load in a separate process (briefing/loading.py says why).
PROCESS_FROM_BYTES = loading.PROCESS_FROM_BYTES

LOADING_MODULE = "briefing.loading"  # run as `python -m` in the child process


def in_process(path: str) -> bool:
    """Whether to load this file in a separate process (not in the frozen app: it has no
    Python interpreter to run `-m briefing.loading` with)."""
    if getattr(sys, "frozen", False):
        return False
    try:
        return os.path.getsize(path) >= PROCESS_FROM_BYTES
    except OSError:
        return False  # the loader reports a missing or unreadable file


def loader_command(path: str) -> tuple[list[str], dict[str, str]]:
    """The child process's command line and environment."""
    # A plain child process, not multiprocessing: its spawn re-imports the parent's __main__,
    # which re-runs a script that opens a window without an `if __name__` guard.
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    return [sys.executable, "-m", LOADING_MODULE, path], env


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

    def start(self, path: str, shown: Filter, forked: loading.ForkedLoad | None = None) -> None:
        """Load `path` on a thread; derive what the panels need under the filter `shown`.
        `forked`: a load of `path` begun before the window (its result is taken if good)."""
        generation = self.supersede()

        def progress(percent: int) -> None:
            if generation == self._generation:
                self.progress.emit(percent)

        def work() -> None:
            try:
                result = None if forked is None else forked.result(path, progress)
                if result is None:
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
        self, path: str, generation: int, progress: Callable[[int], None]
    ) -> LoadResult:
        """Parse in a child process; take the result back piece by piece (on this thread)."""
        command, env = loader_command(path)
        with self._lock:
            if generation != self._generation:
                raise RuntimeError("a newer load started")
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env=env
            )
            self._process = process
        assert process.stdout is not None
        try:
            return loading.take(process.stdout, progress)
        finally:
            process.stdout.close()
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
