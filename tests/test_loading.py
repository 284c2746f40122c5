"""Loading in a child process: the result goes out in pickled pieces and comes back whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import loading
from briefing.loader import load_path, load_text

ROOT = Path(__file__).resolve().parent.parent


def test_pieces_put_back_together_give_the_same_result(briefings):
    result = load_text(briefings.yaml())
    pieces = list(loading.pack(result, piece=2))
    assert len(pieces) == loading.count_pieces(result, piece=2)
    seen: list[int] = []
    back = loading.unpack(pieces, seen.append)
    assert back == result
    assert back.briefing.events_by_id.keys() == result.briefing.events_by_id.keys()
    assert seen == list(range(1, len(pieces)))


def test_the_loading_process_runs_as_python_m_briefing_loading(briefing_file):
    """The command the window starts its loading process with, without Qt."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing.loading", str(briefing_file)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    with process.stdout:
        pieces = loading.receive(process.stdout)
        next(pieces)  # the count of pieces
        back = loading.unpack(pieces)
    assert process.wait(timeout=30) == 0
    assert back == load_path(str(briefing_file))


# ForkedLoad: `briefing open FILE` loads FILE in a forked child while Qt is imported.
needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="no fork here"
)


def _reaped(pid: int) -> bool:
    """No child of ours with this id is left, running or a zombie."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _forked(path: Path) -> loading.ForkedLoad:
    forked = loading.ForkedLoad.start(str(path), from_bytes=0)
    assert forked is not None
    return forked


@needs_fork
def test_a_forked_load_gives_what_load_path_gives_and_leaves_nothing_behind(tmp_path, briefings):
    path = briefings.write(tmp_path / "b.yaml", briefings.yaml(**briefings.tradecraft_data()))
    forked = _forked(path)
    pid = forked._pid
    assert pid is not None
    result = forked.result(str(path.absolute()))
    assert result == load_path(str(path.absolute()))
    assert result.briefing.claims_by_id.keys() == {c.id for c in result.briefing.claims}
    assert _reaped(pid)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"]  # no stray file
    assert forked.result(str(path.absolute())) is None  # taken once


@needs_fork
def test_a_broken_file_forked_gives_the_same_positioned_errors(tmp_path, briefings):
    path = briefings.write(tmp_path / "broken.yaml", briefings.broken)
    result = _forked(path).result(str(path.absolute()))
    expected = load_path(str(path.absolute()))
    assert result == expected and result.briefing is None
    assert [str(p) for p in result.problems] == [str(p) for p in expected.problems]
    assert str(result.problems[0]).startswith(f"{path.absolute()}:6:1: error: ")


def test_no_fork_for_what_the_window_reports_itself(tmp_path, briefings, monkeypatch):
    """A missing file, a folder, a small file, one over the loader's limit, or no fork on this
    platform: no child, and the window's own load says what it says today."""
    path = briefings.write(tmp_path / "b.yaml")
    assert loading.ForkedLoad.start(str(tmp_path / "gone.yaml"), from_bytes=0) is None
    assert loading.ForkedLoad.start(str(tmp_path), from_bytes=0) is None
    assert loading.ForkedLoad.start(str(path)) is None  # under PROCESS_FROM_BYTES
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 10)
    assert loading.ForkedLoad.start(str(path), from_bytes=0) is None
    monkeypatch.undo()
    monkeypatch.delattr(os, "fork", raising=False)
    assert loading.ForkedLoad.start(str(path), from_bytes=0) is None


@needs_fork
def test_a_child_that_fails_gives_none_so_the_window_loads_the_file_itself(
    tmp_path, briefings, monkeypatch
):
    path = briefings.write(tmp_path / "b.yaml")

    def broken_loader(_path: str) -> None:
        raise MemoryError("in the child")

    monkeypatch.setattr(loading, "load_path", broken_loader)  # the child inherits it
    forked = _forked(path)
    pid = forked._pid
    assert forked.result(str(path.absolute())) is None
    assert _reaped(pid)


@needs_fork
def test_a_file_changed_since_the_fork_or_another_path_gives_none(tmp_path, briefings):
    path = briefings.write(tmp_path / "b.yaml")
    forked = _forked(path)
    pid = forked._pid
    briefings.write(path, title="Changed since")
    assert forked.result(str(path.absolute())) is None
    assert _reaped(pid)
    other = _forked(path)
    pid = other._pid
    assert other.result(str(tmp_path / "other.yaml")) is None
    assert _reaped(pid)


@needs_fork
def test_a_forked_load_not_taken_is_stopped_and_reaped(tmp_path, briefings):
    forked = _forked(briefings.write(tmp_path / "b.yaml"))
    pid = forked._pid
    forked.discard()
    assert _reaped(pid)
    forked.discard()  # twice is harmless
    assert forked.result(str((tmp_path / "b.yaml").absolute())) is None


def test_a_core_is_spared_only_when_the_machine_is_not_busy(monkeypatch, tmp_path):
    counts = tmp_path / "loadavg"
    monkeypatch.setattr(loading, "LOADAVG", str(counts))
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    counts.write_text("1.90 1.20 0.80 1/345 9999\n")  # only this process runs now
    assert loading.core_to_spare()
    counts.write_text("0.10 0.20 0.30 2/345 9999\n")  # another one runs now
    assert not loading.core_to_spare()  # the other core is taken: forking costs, not saves
    counts.unlink()  # no count to read: the minute's average decides
    monkeypatch.setattr(os, "getloadavg", lambda: (0.4, 0.0, 0.0))
    assert loading.core_to_spare()
    monkeypatch.setattr(os, "getloadavg", lambda: (1.0, 0.0, 0.0))
    assert not loading.core_to_spare()
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert not loading.core_to_spare()  # one core
