"""Loading a big briefing in a separate process and bringing it back in small pieces. No Qt.

A YAML parse is one long C call that holds the GIL (about 2 s for 10,000 events), so a loading
*thread* still freezes the window. In a separate process the parse cannot touch the UI thread's
GIL; the result comes back pickled in pieces of PIECE items, each unpickled by the loading
thread in about 10 ms, so the UI thread gets the GIL back between pieces. Unpickling the whole
result at once took 0.65 s.

`briefing open FILE` goes further (ForkedLoad): before Qt is imported, while the process has
no thread but its own, it forks, and the child loads FILE while the parent imports Qt and builds
the window; the window then takes the result from the pipe instead of reading the file again.

This module imports no Qt: the loading process imports it, and starts faster without Qt.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import pickle
import queue
import signal
import stat
import struct
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from briefing.files import Signature, file_signature
from briefing.loader import MAX_FILE_BYTES, LoadResult, load_path
from briefing.model import Briefing
from briefing.problems import Problem, Severity

# Files from this size on load in a separate process. Below it a thread is quicker: the parse
# holds the GIL for a few ms, less than starting (or forking) a process.
PROCESS_FROM_BYTES = 1_000_000

PIECE = 1000  # items per piece: 1,000 events unpickle in about 10 ms
SPLIT = ("events", "claims", "sources", "forces", "actors", "sides", "key_judgments")
LOOKUPS = (
    "sides_by_id",
    "actors_by_id",
    "sources_by_id",
    "events_by_id",
    "forces_by_id",
    "claims_by_id",
)


def pack(result: LoadResult, piece: int = PIECE) -> Iterator[bytes]:
    """The result as pickled pieces: first the briefing without its long tuples, then those."""
    briefing = result.briefing
    head = None if briefing is None else replace(briefing, **dict.fromkeys(SPLIT, ()))
    unlisted = (result.unlisted_errors, result.unlisted_warnings)
    yield pickle.dumps((result.path, head, unlisted), protocol=pickle.HIGHEST_PROTOCOL)
    parts: list[tuple[str, tuple]] = [("problems", result.problems)]
    if briefing is not None:
        parts += [(name, getattr(briefing, name)) for name in SPLIT]
    for name, items in parts:
        for start in range(0, len(items), piece):
            chunk = (name, items[start : start + piece])
            yield pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)


def count_pieces(result: LoadResult, piece: int = PIECE) -> int:
    briefing = result.briefing
    sizes = [len(result.problems)]
    if briefing is not None:
        sizes += [len(getattr(briefing, name)) for name in SPLIT]
    return 1 + sum(-(-size // piece) for size in sizes)


def unpack(pieces: Iterable[bytes], progress: Callable[[int], None] | None = None) -> LoadResult:
    """Put a result back together from `pack`'s pieces; `progress` gets each piece's number."""
    iterator = iter(pieces)
    path, head, unlisted = pickle.loads(next(iterator))
    parts: dict[str, list] = {"problems": []}
    for number, data in enumerate(iterator, start=1):
        name, items = pickle.loads(data)
        parts.setdefault(name, []).extend(items)
        if progress is not None:
            progress(number)
    problems = tuple(parts.pop("problems"))
    briefing = None
    if head is not None:
        briefing = replace(head, **{name: tuple(items) for name, items in parts.items()})
    return LoadResult(path, briefing, problems, *unlisted)


def build_lookups(briefing: Briefing | None) -> None:
    """Build the briefing's lookups by id here, off the UI thread, before the panels ask."""
    if briefing is not None:
        for name in LOOKUPS:
            getattr(briefing, name)


FRAME = struct.Struct("<Q")  # each piece on the pipe: its length, then its bytes


def serve(path: str, out: BinaryIO) -> None:
    """The loading process: load the file, write the number of pieces, then the pieces."""
    try:
        result = load_path(path)
    except Exception as exc:  # as on the loading thread: a loader bug ends the load
        message = f"cannot load: {type(exc).__name__}: {exc}"
        result = LoadResult(path, None, (Problem(path, 1, 1, Severity.ERROR, message),))
    send(result, out)


def send(result: LoadResult, out: BinaryIO) -> None:
    """Write the number of pieces, then the pieces, each after its length."""
    out.write(FRAME.pack(count_pieces(result)))
    for data in pack(result):
        out.write(FRAME.pack(len(data)))
        out.write(data)
    out.flush()


def receive(stream: BinaryIO) -> Iterator[bytes]:
    """The pieces `serve` wrote, read from its standard output."""

    def exactly(size: int) -> bytes:
        data = stream.read(size)
        if len(data) != size:
            raise RuntimeError("the loading process ended before sending the briefing")
        return data

    (count,) = FRAME.unpack(exactly(FRAME.size))
    yield FRAME.pack(count)  # the first item tells the reader how many pieces follow
    for _ in range(count):
        (size,) = FRAME.unpack(exactly(FRAME.size))
        yield exactly(size)


def take(stream: BinaryIO, progress: Callable[[int], None] | None = None) -> LoadResult:
    """The result `send` wrote to `stream`, with its lookups by id built; `progress` gets the
    percent done every 5 %. RuntimeError when the stream ends too soon."""
    pieces = receive(stream)
    total = FRAME.unpack(next(pieces))[0]

    def report(number: int) -> None:
        if progress is not None and number * 20 // total != (number - 1) * 20 // total:
            progress(number * 100 // total)

    # Unpickling makes some 10^6 objects: each full collection they trigger walks them all
    # (75 ms, holding the GIL). No collections while unpacking; then the new objects are
    # frozen out of later collections (they are freed by reference counting as before).
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = unpack(pieces, report)
        build_lookups(result.briefing)
        gc.freeze()
        return result
    finally:
        if collecting:
            gc.enable()


class ForkedLoad:
    """A load of one file begun in a forked child process at the start of `briefing open`,
    while the parent imports Qt and builds the window; the window takes its result.

    Anything amiss (no fork here, the child failed or died, the file changed since) gives None
    from `result`, and the caller loads the file itself as it would have without: the child
    never reports an error of its own, so every message is the loader's, as before.
    """

    def __init__(self, path: str, pid: int, pipe: BinaryIO, signature: Signature) -> None:
        self.path = path
        self._pid: int | None = pid
        self._pipe = pipe
        self._signature = signature

    @classmethod
    def start(cls, path: str, from_bytes: int | None = None) -> ForkedLoad | None:
        """Fork a child that loads `path` (as the window will name it: absolute), or None
        where that would not pay or not be safe: no fork (Windows), macOS (its system
        libraries are not fork-safe), a file under `from_bytes` (default PROCESS_FROM_BYTES),
        over the loader's limit or not a regular file (the window's own load reports those).

        Call it before Qt is imported or any thread started: a fork copies only the calling
        thread, and a lock another thread held stays locked in the child.
        """
        if not hasattr(os, "fork") or sys.platform == "darwin":
            return None
        name = str(Path(path).absolute())
        signature = file_signature(name)
        if signature is None or not stat.S_ISREG(signature[3]):
            return None
        if from_bytes is None:
            from_bytes = PROCESS_FROM_BYTES
        if not from_bytes <= signature[1] <= MAX_FILE_BYTES:
            return None
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _load_for_parent(name, write_end)
        os.close(write_end)
        return cls(name, pid, os.fdopen(read_end, "rb"), signature)

    def result(self, path: str, progress: Callable[[int], None] | None = None) -> LoadResult | None:
        """The child's result for `path`, or None (the caller loads it itself): another path,
        a file changed since the fork, or a child that failed. Only the first call can give
        a result; the child is reaped either way."""
        if self._pid is None:
            return None
        if path != self.path or file_signature(path) != self._signature:
            self.discard()
            return None
        try:
            with self._pipe:
                result = take(self._pipe, progress)
        except Exception:  # a child that died, or bytes that do not unpickle
            result = None
        if self._reap() != 0:
            return None
        # The file may have changed while the child read it.
        return result if file_signature(path) == self._signature else None

    def discard(self) -> None:
        """Stop the child if it is still loading, and reap it; `result` gives None after."""
        if self._pid is None:
            return
        self._pipe.close()
        with contextlib.suppress(OSError):  # it has ended already: reaped below
            os.kill(self._pid, signal.SIGKILL)
        self._reap()

    def _reap(self) -> int:
        """Wait for the child to end; its exit status (-1 when it could not be told)."""
        pid, self._pid = self._pid, None
        if pid is None:
            return -1
        try:
            return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        except ChildProcessError:  # reaped by someone else
            return -1


LOADAVG = "/proc/loadavg"  # Linux: its fourth field is "running/all" scheduling entities


def core_to_spare() -> bool:
    """Whether a core is free to load on while this process starts Qt: right now no more
    entities running or waiting for a core than the cores this process may use, less one for
    the child (this process is one of them). Where that count is not known, the load average
    of the last minute must leave one and a half cores.

    A forked load costs more work in all (pickling there, unpickling here: about 0.5 s for
    10,000 events) and pays only by running beside the parent. On a 2-core machine busy with
    other work (load 4-6), `briefing open BIG --screenshot` took 1.9x the bundled briefing's
    with the fork and 1.65x without it (bench/run.py screenshot, medians of 4 runs each); with
    the other core free, 1.11x with it and 1.49x without (medians of 5). The count right now,
    not the minute's average: back-to-back commands each leave an average of about one core
    behind them that no longer runs."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every platform
        cores = os.cpu_count() or 1
    if cores < 2:
        return False
    try:
        with open(LOADAVG, encoding="ascii") as counts:
            running = int(counts.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        running = None
    if running is not None:
        return cores - running >= 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows (no fork there either), or not known
        return True
    return cores - busy >= 1.5


def _load_for_parent(path: str, pipe: int) -> None:
    """In the forked child: load `path` and write the result to `pipe`, then exit; status 1 on
    any exception (the parent then loads the file itself and reports what is wrong).

    A thread writes the pieces to the pipe as they are pickled: the parent unpickles each as it
    comes, on the other core, if it is waiting already; if it is still busy with Qt, pickling
    goes on regardless (written straight to the pipe, it would wait after the first 64 KiB).
    os._exit: no atexit handlers, no flushing of the parent's buffers copied into the child.
    """
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C ends it with the parent
        result = load_path(path)
        with _PipeWriter(pipe) as out:
            send(result, out)
        status = 0
    except BaseException:  # whatever it is, the parent loads the file again
        status = 1
    finally:
        os._exit(status)


class _PipeWriter(io.RawIOBase):
    """Writes to a pipe on a thread of its own, so that the writer never waits on the reader."""

    def __init__(self, pipe: int) -> None:
        super().__init__()
        self._pipe = os.fdopen(pipe, "wb")
        self._pieces: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._failed: BaseException | None = None
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self._failed is not None:
            raise self._failed
        self._pieces.put(bytes(data))
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._pieces.put(None)
            self._thread.join()
            self._pipe.close()
        super().close()
        if self._failed is not None:
            raise self._failed

    def _drain(self) -> None:
        try:
            while (data := self._pieces.get()) is not None:
                self._pipe.write(data)
            self._pipe.flush()
        except BaseException as exc:  # the parent went away: the child ends with status 1
            self._failed = exc


if __name__ == "__main__":  # python -m briefing.loading FILE: pieces on standard output
    serve(sys.argv[1], sys.stdout.buffer)
