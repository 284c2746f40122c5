"""Problem and file names in messages: one line each, whatever characters the name holds."""

from __future__ import annotations

import pytest

from briefing.problems import Problem, Severity, shown


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a\nb.yaml", "a\\nb.yaml"),
        ("\x1b[31mred.yaml", "\\x1b[31mred.yaml"),
        ("tab\there\r.yaml", "tab\\there\\r.yaml"),
        ("nel\x85.yaml", "nel\\x85.yaml"),
        ("line\u2028sep.yaml", "line\\u2028sep.yaml"),
        ("bad\udcff.yaml", "bad\\xff.yaml"),  # an undecodable byte (os.fsdecode): the byte
        ("Türkiye Erdoğan.yaml", "Türkiye Erdoğan.yaml"),
        ("C:\\briefs\\k.yaml", "C:\\briefs\\k.yaml"),
    ],
)
def test_file_names_show_control_characters_escaped(name, expected):
    assert shown(name) == expected


def test_problem_with_a_newline_in_its_file_name_reads_as_one_line():
    problem = Problem("evil\n\x1b[2Jname.yaml", 3, 4, Severity.ERROR, "title is required")
    text = str(problem)
    assert text == "evil\\n\\x1b[2Jname.yaml:3:4: error: title is required"
    assert text.isprintable()
