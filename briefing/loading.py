"""Loading a big briefing in a separate process and bringing it back in small pieces. No Qt.

A YAML parse is one long C call that holds the GIL (about 2 s for 10,000 events), so a loading
*thread* still freezes the window. In a separate process the parse cannot touch the UI thread's
GIL; the result comes back pickled in pieces of PIECE items, each unpickled by the loading
thread in about 10 ms, so the UI thread gets the GIL back between pieces. Unpickling the whole
result at once took 0.65 s.

This module imports no Qt: the loading process imports it, and starts faster without Qt.
"""

from __future__ import annotations

import pickle
import struct
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import BinaryIO

from briefing.loader import LoadResult, load_path
from briefing.model import Briefing
from briefing.problems import Problem, Severity

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


if __name__ == "__main__":  # python -m briefing.loading FILE: pieces on standard output
    serve(sys.argv[1], sys.stdout.buffer)
