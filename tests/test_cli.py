"""`briefing validate` and the command line: exit codes and FILE:LINE:COL messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
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
    assert f"briefing: cannot write {escaped}\n" in result.stderr
    assert "Traceback" not in result.stderr
