"""Work stays bounded under the 64 MiB limit: capped problem lists, special files refused,
screenshot sizes in range, and a few errors not sending a big file down the slow path."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.loader import load_path, load_text
from briefing.problems import MAX_LISTED


@pytest.mark.parametrize("size", ["40000x40000", "0x0", "-5x-5", "100x1000", "1600x9000"])
def test_screenshot_size_out_of_range_is_bad_usage(size, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["open", "--screenshot", str(tmp_path / "out.png"), f"--size={size}"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "200..8192" in err or "WIDTHxHEIGHT" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.png").exists()


@pytest.mark.parametrize("size", ["1600x", "x", "1e3x200", "²00x300", "200x300x4"])
def test_screenshot_size_that_is_not_a_size_is_bad_usage(size, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["open", "--screenshot", str(tmp_path / "out.png"), f"--size={size}"])
    assert exit_info.value.code == 2
    assert "WIDTHxHEIGHT" in capsys.readouterr().err


# ----- named pipes and devices are refused before a byte is read


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe; at the end anything stuck reading it (a failing test) is let go."""
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    yield path
    with contextlib.suppress(OSError):  # OSError: nobody is reading, nothing to let go
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # EOF to a blocked reader


def _in_subprocess(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, timeout=30
    )


def test_load_path_refuses_a_named_pipe(fifo):
    (problem,) = load_path(fifo).problems
    assert problem.is_error and "named pipe" in problem.message
    assert str(problem).startswith(f"{fifo}:1:1: error: cannot read:")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_load_path_refuses_a_device():
    (problem,) = load_path("/dev/zero").problems
    assert "device" in problem.message


def test_load_path_refuses_a_folder(tmp_path):
    (problem,) = load_path(tmp_path).problems
    assert "folder" in problem.message


def test_validate_of_a_named_pipe_ends_with_one_line(fifo):
    run = _in_subprocess("validate", str(fifo))
    assert run.returncode == 1
    assert run.stdout.strip().count("\n") == 0 and "named pipe" in run.stdout
    assert "Traceback" not in run.stderr


def test_import_of_a_named_pipe_is_refused(fifo, tmp_path):
    run = _in_subprocess("import", str(fifo), "-o", str(tmp_path / "out.yaml"))
    assert run.returncode == 1
    assert "named pipe" in run.stdout
    assert not (tmp_path / "out.yaml").exists()


# ----- millions of problems: the first MAX_LISTED kept, the rest counted


EMPTY_EVENTS = "format: briefing/1\ntitle: Empties\nevents:\n" + "- {}\n" * 2000


def test_problems_beyond_the_cap_are_counted_not_kept():
    result = load_text(EMPTY_EVENTS, "e.yaml")
    assert len(result.problems) == MAX_LISTED
    assert result.error_count == 3 * 2000  # no id, no date, no title in each
    assert result.unlisted == 3 * 2000 - MAX_LISTED
    assert result.problems == tuple(sorted(result.problems))
    assert result.problems[0].line == 4 and result.problems[-1].line < 4 + 400
    assert load_text(EMPTY_EVENTS, "e.yaml", fast=False) == result


def test_validate_lists_the_first_problems_then_says_how_many_more(tmp_path, capsys):
    path = tmp_path / "empties.yaml"
    path.write_text(EMPTY_EVENTS, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == MAX_LISTED + 1
    assert lines[-1] == f"{path}: … and 5,000 more problems (only the first 1,000 are listed)"
    assert err.strip() == f"{path}: 6000 error(s), 0 warning(s)"


def test_the_loading_process_carries_the_count_of_unlisted_problems():
    from briefing.loading import pack, unpack

    result = load_text(EMPTY_EVENTS, "e.yaml")
    assert unpack(pack(result)) == result


# ----- import: linear in its input


def test_writing_a_briefing_pauses_the_garbage_collector(monkeypatch):
    """PyYAML kept every node of a dump alive; full collections walking them all made the dump
    of an import grow faster than its rows (20,000 rows: 6.4 times the time of 5,000). The
    writer now writes line by line (tests/test_writer.py) and still pauses the collector."""
    import gc

    from briefing import writer

    seen = []
    real_emit = writer._emit_mapping

    def watched_emit(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_emit(*args, **kwargs)

    monkeypatch.setattr(writer, "_emit_mapping", watched_emit)
    assert gc.isenabled()
    writer.dump(load_text(EMPTY_EVENTS.replace("- {}\n" * 2000, "")).briefing)
    assert seen and not any(seen)
    assert gc.isenabled()


@pytest.mark.slow  # starts Qt in a process of its own: about 5 s
def test_screenshot_of_a_named_pipe_shows_the_refusal_instead_of_waiting(fifo, tmp_path):
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "open", str(fifo), "--screenshot", str(out)],
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 0
