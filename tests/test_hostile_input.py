"""Hostile and malformed briefing files: a positioned error, never a crash, hang or blow-up."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from briefing.loader import load_bytes, load_text
from tests.test_loader import GOOD, with_line

# Nine levels of nine aliases each: a billion "lol"s if anything expanded them.
BILLION_LAUGHS = "format: briefing/1\ntitle: lol\nsummary: &l0 lol\nsides:\n" + "".join(
    f"  - &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


def only_error(text: str) -> tuple[int, int, str]:
    result = load_text(text, "h.yaml")
    assert result.briefing is None
    errors = result.errors
    assert errors, "expected at least one error"
    return errors[0].line, errors[0].column, errors[0].message


def test_billion_laughs_is_refused_at_the_first_alias_without_expanding():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    line, column, message = only_error(BILLION_LAUGHS)
    assert (line, column, message) == (5, 5, "expected a side as a mapping of fields")
    # The same aliases where a mapping is expected are refused as aliases.
    text = BILLION_LAUGHS.replace("summary: &l0 lol", "summary: &l0 {id: x, name: y}")
    text = text.replace("sides:\n", "sides:\n  - *l0\n", 1)
    assert any("alias" in problem.message for problem in load_text(text).errors)
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 50


@pytest.mark.parametrize("depth", [500, 5_000, 200_000])
def test_deep_nesting_is_refused(depth):
    line, column, message = only_error("format: briefing/1\ntitle: " + "[" * depth + "]" * depth)
    assert line == 2 and column > 0
    assert message


def test_binary_garbage_is_refused_with_a_position():
    garbage = bytes(range(256)) * 64
    (problem,) = load_bytes(garbage, "g.bin").problems
    assert problem.line >= 1 and problem.column >= 1 and problem.is_error


def test_latin1_file_is_refused_as_not_utf8():
    data = GOOD.replace("Test brief", "Erdoğan").encode("utf-8").replace(b"\xc4\x9f", b"\xf0")
    (problem,) = load_bytes(data, "l.yaml").problems
    assert "not UTF-8" in problem.message and problem.line == 2


@pytest.mark.parametrize(
    "tag", ["!!python/object/apply:os.system ['touch /tmp/pwned']", "!!python/object:dict {}"]
)
def test_python_tags_construct_nothing(tag, tmp_path):
    text = with_line(GOOD, "title: Test brief", f"title: {tag}")
    line, column, message = only_error(text)
    assert (line, column) == (2, 8) and "tag" in message


@pytest.mark.parametrize(
    ("date", "reason"), [("0000-01-01", "year 0"), ("99999-01-01", "cannot read")]
)
def test_out_of_range_years(date, reason):
    text = with_line(GOOD, "    date: 2020-11-22\n    title", f"    date: {date}\n    title")
    assert reason in only_error(text)[2]


@pytest.mark.parametrize("value", ["-1", ".nan", ".inf", "-.inf", "1e400"])
def test_negative_nan_and_infinite_figures(value):
    text = with_line(GOOD, "    value: 4", f"    value: {value}")
    line, column, _ = only_error(text)
    assert (line, column) == (22, 12)


def test_a_million_character_string_loads():
    text = with_line(GOOD, "title: Test brief", "title: " + "x" * 1_000_000)
    assert len(load_text(text).briefing.title) == 1_000_000


def test_right_to_left_text_and_emoji_survive():
    title = "שלום עליכם مرحبا 🛰️🇹🇷 Erdoğan"
    text = with_line(GOOD, "title: Test brief", f'title: "{title}"')
    assert load_text(text).briefing.title == title


def test_huge_file_is_refused_quickly_without_reading_it_all(tmp_path):
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # a sparse 300 MB file
    script = (
        # VmHWM is this process's own peak; ru_maxrss would include the forking parent's.
        "import re, sys; from briefing.cli import main;"
        "code = main(['validate', sys.argv[1]]);"
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1];"
        "print(int(hwm) // 1024, file=sys.stderr);"
        "sys.exit(code)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(huge)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 1
    assert "larger than 64 MiB" in run.stdout
    peak_mib = int(run.stderr.strip().splitlines()[-1])
    assert peak_mib < 300, f"validate read too much of the file: {peak_mib} MiB peak"
