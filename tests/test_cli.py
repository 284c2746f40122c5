"""`briefing validate` and the command line: exit codes and FILE:LINE:COL messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from tests.conftest import briefing_yaml, write_briefing
from tests.test_loader import BUNDLED

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "yaml-test-suite-errors"


def run_briefing(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, timeout=60
    )


def test_bundled_briefing_validates(capsys):
    assert main(["validate", str(BUNDLED)]) == 0
    assert "error:" not in capsys.readouterr().out


def test_one_broken_line_fails_with_that_line(tmp_path, capsys):
    lines = BUNDLED.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if line.strip().startswith("title:") and i > 5)
    lines[target] = lines[target].replace("title:", "title: [unclosed", 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text("".join(lines), encoding="utf-8")
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:{target + 1}:" in out or f"{broken}:{target + 2}:" in out


def test_missing_source_id_fails_with_that_line(tmp_path, capsys):
    lines = BUNDLED.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if line.strip().startswith("sources: ["))
    lines[target] = lines[target].replace("sources: [", "sources: [no-such-source, ", 1)
    broken = tmp_path / "dangling.yaml"
    broken.write_text("".join(lines), encoding="utf-8")
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:{target + 1}:" in out
    assert "no source has the id 'no-such-source'" in out


def test_exit_codes_and_usage():
    assert run_briefing("--version").stdout.startswith("briefing ")
    assert run_briefing("validate").returncode == 2
    missing = run_briefing("validate", "/no/such/file.yaml")
    assert missing.returncode == 1
    assert missing.stdout.startswith("/no/such/file.yaml:1:1: error: cannot read")
    assert "Traceback" not in missing.stderr


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not beside the project")
def test_every_malformed_yaml_case_is_refused_with_a_position(capsys):
    cases = sorted(CORPUS.glob("*.yaml"))
    assert len(cases) > 40
    for case in cases:
        assert main(["validate", str(case)]) == 1, case.name
        out = capsys.readouterr().out
        assert out.startswith(f"{case}:"), case.name
        line, column = out[len(str(case)) + 1 :].split(":")[:2]
        assert line.isdigit() and column.isdigit(), (case.name, out)


def _dangling_briefing(path: Path, events: int) -> Path:
    """A briefing with one error line per event: enough output to fill a pipe."""
    dangling = [
        {"id": f"e{i}", "date": "2020", "title": "t", "sources": ["nope"]} for i in range(events)
    ]
    return write_briefing(path, events=dangling)


def test_a_closed_pipe_ends_quietly(tmp_path):
    # `briefing validate BIG | head -1`: the reader goes away after the first line.
    big = _dangling_briefing(tmp_path / "big.yaml", 3000)
    with subprocess.Popen(
        [sys.executable, "-m", "briefing", "validate", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout.readline().startswith(str(big).encode())
        process.stdout.close()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 1
    assert stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("buffered", [True, False])
def test_a_full_disk_on_standard_output_is_one_line(tmp_path, buffered):
    bad = write_briefing(tmp_path / "bad.yaml", title="")
    env = {**os.environ, "PYTHONUNBUFFERED": "" if buffered else "1"}
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "briefing", "validate", str(bad)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "briefing: cannot write standard output: No space left on device"
    )
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_a_file_name_that_is_not_utf8_is_printed_with_its_bytes_escaped(tmp_path):
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.yaml")
    with open(name, "w", encoding="utf-8") as handle:
        handle.write("format: briefing/1\n")
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "validate", os.fsdecode(name)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
        timeout=60,
    )
    assert result.returncode == 1
    # An undecodable byte is shown as \xe9 on one line: raw, 0x80-0x9f are terminal controls.
    assert result.stdout.startswith(name.replace(b"\xe9", b"\\xe9") + b":1:1: error: ")
    assert b"Traceback" not in result.stderr


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="no X11 or Wayland there")
def test_open_with_no_display_says_so_in_one_line(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "open", str(BUNDLED)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "briefing: no display: neither DISPLAY nor WAYLAND_DISPLAY is set; "
        "use --screenshot or set DISPLAY\n"
    )


@pytest.mark.slow
@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="no X11 or Wayland there")
def test_a_screenshot_needs_no_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"  # asked for, but with no display it would abort
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "open", str(BUNDLED), "--screenshot", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
    # The offscreen platform's notes ("This plugin does not support propagateSizeHints()")
    # are about Qt, not the briefing: a screenshot run that went well prints nothing.
    assert result.stderr == ""


def test_an_unexpected_error_is_one_line(monkeypatch, capsys):
    def broken(files: object, quiet: bool, keep: object = None) -> int:
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr("briefing.cli.validate", broken)
    monkeypatch.delenv("BRIEFING_DEBUG", raising=False)
    assert main(["validate", "x.yaml"]) == 1
    assert capsys.readouterr().err == "briefing: internal error: RuntimeError: something broke\n"
    monkeypatch.setenv("BRIEFING_DEBUG", "1")
    assert main(["validate", "x.yaml"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefing: internal error: RuntimeError") and "Traceback" in err


@pytest.mark.parametrize("value", ["1" + "0" * 400, "1.7976931348623157e308"])
def test_a_figure_too_large_is_refused_by_validate_and_export(tmp_path, capsys, value):
    text = briefing_yaml().replace("value: 1960", f"value: {value}")
    path = write_briefing(tmp_path / "big-value.yaml", text)
    line = text[: text.index(f"value: {value}")].count("\n") + 1
    assert main(["validate", str(path)]) == 1
    assert f"{path}:{line}:10: error: " in capsys.readouterr().out
    assert main(["export", str(path), "-o", str(tmp_path / "out.csv")]) == 1
    assert f"{path}:{line}:10: error: " in capsys.readouterr().out
    assert not (tmp_path / "out.csv").exists()


def test_main_leaves_standard_output_as_it_found_it(capsys):
    before = sys.stdout.errors
    main(["validate", str(BUNDLED)])
    assert sys.stdout.errors == before


def test_validate_and_pdf_export_show_a_file_name_with_controls_escaped(
    tmp_path, capsys, briefings
):
    broken = briefings.write(tmp_path / "new\nline\x1b[2J.yaml", briefings.broken)
    escaped = str(broken).replace("\n", "\\n").replace("\x1b", "\\x1b")
    for args in (["validate", str(broken)], ["export", str(broken), "-o", str(tmp_path / "o.pdf")]):
        assert main(args) == 1
        captured = capsys.readouterr()
        lines = (captured.out + captured.err).splitlines()
        assert len(lines) == 2 and all(line.startswith(escaped + ":") for line in lines), lines


@pytest.mark.slow
def test_a_screenshot_that_cannot_be_written_names_it_on_one_line(tmp_path):
    out = tmp_path / "missing\nfolder" / "shot.png"
    result = run_briefing("open", str(BUNDLED), "--screenshot", str(out), "--size", "400x300")
    assert result.returncode == 1
    escaped = str(out).replace("\n", "\\n")
    assert f"briefing: cannot write {escaped}: No such file or directory\n" in result.stderr
    assert "Traceback" not in result.stderr


# `python -m briefing`, with a handler that says whether Python's tear-down at exit ran.
WITH_TEARDOWN_MARK = """
import atexit, runpy, sys
atexit.register(lambda: print("torn down", flush=True))
sys.argv = ["briefing", *sys.argv[1:]]
runpy.run_module("briefing", run_name="__main__")
"""


def test_validate_ends_its_process_at_once_with_all_its_output(tmp_path, capsys):
    """`python -m briefing validate` skips Python's tear-down (os._exit), but only after its
    output is flushed: a pipe gets every line it would have got, and the status."""
    big = _dangling_briefing(tmp_path / "big.yaml", 3000)
    assert main(["validate", str(big)]) == 1
    expected = capsys.readouterr()
    result = subprocess.run(
        [sys.executable, "-c", WITH_TEARDOWN_MARK, "validate", str(big)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert (result.stdout, result.stderr) == (expected.out, expected.err)
    assert "torn down" not in result.stdout


def test_commands_that_write_or_open_a_window_end_as_usual(tmp_path):
    """Only validate ends at once: the others keep Python's exit, which runs what must run
    at exit (settings of the window, files of the libraries they use)."""
    one = write_briefing(tmp_path / "one.yaml")
    result = subprocess.run(
        [sys.executable, "-c", WITH_TEARDOWN_MARK, "diff", str(one), str(one)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "torn down"


def test_validate_leaves_the_last_result_to_a_caller_that_ends_at_once(tmp_path, capsys):
    """`python -m briefing validate` passes `keep` and then ends with os._exit: the last file's
    briefing, and the parser's plain data it was built from, are never freed object by object.
    Earlier files' results are not held."""
    one, two = write_briefing(tmp_path / "one.yaml"), write_briefing(tmp_path / "two.yaml")
    kept: list[object] = []
    assert main(["validate", str(one), str(two)], keep=kept) == 0
    data, result = kept
    assert result.path == str(two) and result.briefing is not None
    assert type(data) is dict and data["title"] == result.briefing.title
    assert data["events"][0]["id"] == result.briefing.events[0].id
    assert main(["validate", str(one)]) == 0  # and without `keep`, as ever


# `python -m briefing`, saying whether the cyclic collector is on when a command runs.
WITH_COLLECTOR_MARK = """
import gc, runpy, sys
import briefing.cli

def spying(command):
    def run(*args, **keywords):
        print("collector on" if gc.isenabled() else "collector off", flush=True)
        return command(*args, **keywords)
    return run

briefing.cli.validate = spying(briefing.cli.validate)
briefing.cli.diff_command = spying(briefing.cli.diff_command)
sys.argv = ["briefing", *sys.argv[1:]]
runpy.run_module("briefing", run_name="__main__")
"""


def test_only_validate_runs_without_the_cyclic_collector(tmp_path):
    """validate ends at once and makes no cycles worth collecting: no collections at all;
    every other command keeps the collector."""
    one = write_briefing(tmp_path / "one.yaml")
    for args, expected in ((["validate", str(one)], "off"), (["diff", str(one), str(one)], "on")):
        result = subprocess.run(
            [sys.executable, "-c", WITH_COLLECTOR_MARK, *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0
        assert result.stdout.splitlines()[0] == f"collector {expected}"


def test_every_entry_of_the_command_ends_validate_at_once():
    """The installed `briefing` script and the frozen app's entry run the same `run` as
    `python -m briefing`, so each gets validate's quick exit, not only `python -m`."""
    import tomllib

    root = Path(__file__).parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["briefing"] == "briefing.__main__:run"
    frozen = (root / "packaging" / "briefing_main.py").read_text()
    assert "from briefing.__main__ import run" in frozen
    by_run = WITH_TEARDOWN_MARK.replace(
        'runpy.run_module("briefing", run_name="__main__")',
        "from briefing.__main__ import run\nrun()",
    )
    result = subprocess.run(
        [sys.executable, "-c", by_run, "validate", str(BUNDLED)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout + result.stderr
    assert "torn down" not in result.stdout
