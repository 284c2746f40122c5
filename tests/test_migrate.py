"""`briefing migrate`: briefing/1 to briefing/2 with every comment and byte kept but one value."""

from __future__ import annotations

import codecs
import os
import re
import stat

import pytest

from briefing.cli import main
from briefing.loader import load_path, load_text
from briefing.migrate import MigrateError, migrate_bytes
from tests.conftest import briefing_yaml, write_briefing
from tests.test_loader import BUNDLED

COMMENTED = """\
# A briefing with comments everywhere.
format: "briefing/1"   # the version
title: Commented      # the title
key_judgments:
  - Turkey stays.     # no confidence yet
"""


def test_only_the_format_value_changes_and_comments_stay():
    migrated = migrate_bytes(COMMENTED.encode())
    assert migrated.changed
    assert migrated.data.decode() == COMMENTED.replace('"briefing/1"', "briefing/2")
    assert load_text(migrated.data.decode()).briefing.format == "briefing/2"


@pytest.mark.parametrize(
    "written",
    [
        "format: briefing/1",
        "format: 'briefing/1'",
        "format:   briefing/1  # v1",
        "format: briefing/1\r",
    ],
)
def test_any_spelling_of_the_format_line_is_rewritten(written):
    text = f"{written}\ntitle: T\n"
    migrated = migrate_bytes(text.encode()).data.decode()
    assert " ".join(migrated.splitlines()[0].split("#")[0].split()) == "format: briefing/2"
    assert migrated.split("\n", 1)[1] == "title: T\n"
    assert ("# v1" in migrated) == ("# v1" in written)
    assert ("\r" in migrated) == ("\r" in written)


def test_a_bom_is_kept():
    migrated = migrate_bytes(codecs.BOM_UTF8 + b"format: briefing/1\ntitle: T\n").data
    assert migrated == codecs.BOM_UTF8 + b"format: briefing/2\ntitle: T\n"


def test_the_migrated_bundled_briefing_is_the_same_model_but_for_its_version():
    before = load_path(BUNDLED).briefing
    migrated = migrate_bytes(BUNDLED.read_bytes())
    after = load_text(migrated.data.decode()).briefing
    assert after.format == "briefing/2"
    assert after.claims == before.claims and after.events == before.events
    old_lines = BUNDLED.read_text().splitlines()
    new_lines = migrated.data.decode().splitlines()
    assert [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b] == [
        old_lines.index("format: briefing/1")
    ]


def test_a_briefing_2_file_is_left_as_it_is():
    data = briefing_yaml(format="briefing/2").encode()
    migrated = migrate_bytes(data)
    assert not migrated.changed and migrated.data == data


@pytest.mark.parametrize(
    "text, reason",
    [
        ("format: briefing/1\ntitle: [unclosed\n", "1 error(s), the first at 3:1:"),
        ("format: briefing/3\ntitle: T\n", "unsupported format"),
        ("format: |\n  briefing/1\ntitle: T\n", "not written on one line"),
    ],
)
def test_a_file_that_cannot_be_migrated_says_why(text, reason):
    with pytest.raises(MigrateError, match=re.escape(reason)):
        migrate_bytes(text.encode())


def test_cli_migrates_in_place_keeping_the_mode(tmp_path, capsys):
    path = tmp_path / "b.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    os.chmod(path, 0o640)
    assert main(["migrate", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == COMMENTED.replace('"briefing/1"', "briefing/2")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    err = capsys.readouterr().err
    assert f"{path}: wrote {path} as briefing/2, 1 warning(s)" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"]  # no temporary left
    assert main(["migrate", str(path)]) == 0
    assert "already briefing/2; nothing written" in capsys.readouterr().err


def test_cli_migrates_to_another_file_and_leaves_the_input(tmp_path, capsys):
    source = write_briefing(tmp_path / "old.yaml")
    before = source.read_bytes()
    out = tmp_path / "new.yaml"
    assert main(["migrate", str(source), "-o", str(out)]) == 0
    assert source.read_bytes() == before
    assert out.read_bytes() == before.replace(b"format: briefing/1", b"format: briefing/2", 1)


def test_cli_refuses_a_broken_file_and_writes_nothing(tmp_path, capsys, briefings):
    path = write_briefing(tmp_path / "broken.yaml", briefings.broken)
    before = path.read_bytes()
    assert main(["migrate", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith("fix them before migrating; nothing written")
    assert path.read_bytes() == before


def test_cli_refuses_a_read_only_file_and_a_missing_one(tmp_path, capsys):
    path = write_briefing(tmp_path / "ro.yaml")
    os.chmod(path, 0o444)
    assert main(["migrate", str(path)]) == 1
    assert "the file is read-only" in capsys.readouterr().err
    assert main(["migrate", str(tmp_path / "missing.yaml")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_other_writers_still_refuse_their_input(tmp_path, capsys):
    path = write_briefing(tmp_path / "b.yaml")
    assert main(["migrate", str(path), "-o", str(path)]) == 1
    assert "it is the input; choose another name" in capsys.readouterr().err


def test_the_bundled_briefing_migrated_gains_only_the_honest_confidence_warnings():
    """The article gives no analytic confidence: migrated, each key judgment says so."""
    before = load_path(BUNDLED)
    after = load_text(migrate_bytes(BUNDLED.read_bytes()).data.decode(), str(BUNDLED))
    assert before.briefing.format == "briefing/1"  # shipped as briefing/1: it uses nothing new
    new = sorted(set(map(str, after.problems)) - set(map(str, before.problems)))
    count = len(before.briefing.key_judgments)
    assert len(new) == count
    assert all("has no confidence; give low, moderate or high" in line for line in new)
