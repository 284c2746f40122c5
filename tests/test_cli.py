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
