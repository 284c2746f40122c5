"""`briefing import` and `briefing export --format stix|csv`: messages, exit codes, no leftovers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.loader import load_path

DATA = Path(__file__).resolve().parents[1] / "data" / "interchange"
BUNDLED = Path(__file__).resolve().parents[2] / "data" / "karabakh-2020.yaml"


def run_briefing(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, timeout=60
    )


def test_import_writes_a_briefing_that_validates(tmp_path, capsys):
    out = tmp_path / "imported.yaml"
    assert main(["import", str(DATA / "timeline.json"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    carry = [line for line in err.splitlines() if "could not carry:" in line]
    assert len(carry) == 1 and "1 media thumbnail" in carry[0]
    assert main(["validate", str(out)]) == 0
    assert len(load_path(out).briefing.events) == 8


def test_import_kind_can_be_forced(tmp_path, capsys):
    out = tmp_path / "x.yaml"
    assert main(["import", str(DATA / "timeline.json"), "--from", "csv", "-o", str(out)]) == 1
    assert "header row" in capsys.readouterr().out
    assert not out.exists()


def test_malformed_json_gives_a_positioned_error_and_no_file(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"events": [\n  {"start_date": {"year": 2020,}}\n]}')
    out = tmp_path / "out.yaml"
    result = run_briefing("import", str(broken), "-o", str(out))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{broken}:2:32: error: not valid JSON")
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json"]


def test_structurally_wrong_json_points_at_the_value(tmp_path, capsys):
    broken = tmp_path / "wrong.json"
    broken.write_text('{\n  "events": "not a list"\n}')
    assert main(["import", str(broken), "-o", str(tmp_path / "out.yaml")]) == 1
    assert capsys.readouterr().out.startswith(f"{broken}:2:13: error: ")
    assert not (tmp_path / "out.yaml").exists()


def test_malformed_csv_gives_row_errors_and_no_file(tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"\xef\xbb\xbfdate,title\r\n2020-11-11,ok\r\n2021-02-29,leap\r\n")
    out = tmp_path / "out.yaml"
    result = run_briefing("import", str(broken), "-o", str(out))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{broken}:3: error: date: day 29 does not exist: February 2021 has 28 days"
    ]
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_unwritable_output_is_one_line_and_leaves_nothing(tmp_path, suffix):
    missing = tmp_path / "no" / "such" / f"out{suffix}"
    result = run_briefing("export", str(BUNDLED), "-o", str(missing))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"briefing: cannot write {missing}: No such file or directory"
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder_leaves_no_partial_file(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert main(["export", str(BUNDLED), "-o", str(folder / "out.csv")]) == 1
        assert "briefing: cannot write" in capsys.readouterr().err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_failed_write_removes_its_temporary(tmp_path, monkeypatch, capsys):
    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    out = tmp_path / "out.json"
    assert main(["export", str(BUNDLED), "-o", str(out)]) == 1
    assert capsys.readouterr().err.strip() == f"briefing: cannot write {out}: Permission denied"
    assert list(tmp_path.iterdir()) == []


def test_unwritable_import_output(tmp_path, capsys):
    out = tmp_path / "missing" / "out.yaml"
    assert main(["import", str(DATA / "timeline.json"), "-o", str(out)]) == 1
    assert (
        capsys.readouterr().err.strip()
        == f"briefing: cannot write {out}: No such file or directory"
    )


def test_format_is_guessed_from_the_suffix_or_given(tmp_path, capsys):
    assert main(["export", str(BUNDLED), "-o", str(tmp_path / "b.json")]) == 0
    assert (tmp_path / "b.json").read_text().startswith('{\n  "type": "bundle"')
    assert main(["export", str(BUNDLED), "-o", str(tmp_path / "t.csv")]) == 0
    assert (tmp_path / "t-claims.csv").exists()
    assert main(["export", str(BUNDLED), "--format", "stix", "-o", str(tmp_path / "s.out")]) == 0
    assert (tmp_path / "s.out").read_text().startswith("{")
    with pytest.raises(SystemExit) as usage:
        main(["export", str(BUNDLED), "-o", str(tmp_path / "x.txt")])
    assert usage.value.code == 2


def test_export_of_a_broken_briefing_lists_its_errors(tmp_path, capsys):
    broken = tmp_path / "b.yaml"
    broken.write_text("format: briefing/1\ntitle: [unclosed\n")
    assert main(["export", str(broken), "-o", str(tmp_path / "b.json")]) == 1
    assert capsys.readouterr().out.startswith(f"{broken}:")
    assert not (tmp_path / "b.json").exists()


NO_QT = """
import contextlib, io, sys
from briefing.cli import main
out = sys.argv[1]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    codes = [
        main(["export", sys.argv[2], "-o", out + "/b.json"]),
        main(["export", sys.argv[2], "-o", out + "/b.csv"]),
        main(["import", out + "/b.csv", "-o", out + "/b.yaml"]),
    ]
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "pyqtgraph"})
print(*codes, ",".join(loaded))
"""


def test_stix_csv_export_and_import_load_no_qt(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", NO_QT, str(tmp_path), str(BUNDLED)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["0", "0", "0"], "failed or loaded Qt: " + result.stdout


@pytest.mark.parametrize("name", ["two\nlines.json", "esc\x1b[2J.json"])
def test_a_file_name_with_control_characters_stays_on_one_line(tmp_path, capsys, name):
    source = tmp_path / name
    source.write_text('{"events": "not a list"}')
    out = tmp_path / "out\n.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    escaped = str(source).replace("\n", "\\n").replace("\x1b", "\\x1b")
    assert captured.out.splitlines() == [
        f'{escaped}:1:12: error: the timeline "events" must be a list'
    ]
    assert captured.err.splitlines() == [f"{escaped}: 1 error(s); nothing written"]
    exported = tmp_path / "out\n.json"
    for args in (["validate", str(source)], ["export", str(source), "-o", str(exported)]):
        assert main(args) == 1
        captured = capsys.readouterr()
        lines = (captured.out + captured.err).splitlines()
        assert lines and all(line.startswith(escaped) for line in lines), lines


def test_a_good_import_names_its_files_escaped(tmp_path, capsys):
    out = tmp_path / "new\nbriefing.yaml"
    assert main(["import", str(DATA / "timeline.json"), "-o", str(out)]) == 0
    wrote = capsys.readouterr().err.splitlines()[-1]
    assert f"wrote {tmp_path}/new\\nbriefing.yaml (8 event(s)" in wrote
    assert main(["validate", str(out)]) == 0
    (summary,) = capsys.readouterr().err.splitlines()
    assert summary.startswith(f"{tmp_path}/new\\nbriefing.yaml: valid, ")


@pytest.mark.parametrize("content", [b"", b"  \r\n", b"\xef\xbb\xbf"])
def test_an_empty_json_import_says_empty_file(tmp_path, capsys, content):
    empty = tmp_path / "empty.json"
    empty.write_bytes(content)
    assert main(["import", str(empty), "-o", str(tmp_path / "out.yaml")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{empty}:1:1: error: empty file; nothing to import"
    ]
    assert not (tmp_path / "out.yaml").exists()


def test_the_kind_is_guessed_by_suffix_before_content(tmp_path, capsys):
    sheet = tmp_path / "odd.json"
    sheet.write_text("date,title\n2020-11-11,Memorandum signed\n")
    assert main(["import", str(sheet), "-o", str(tmp_path / "out.yaml")]) == 1
    assert "not valid JSON" in capsys.readouterr().out
    spreadsheet = tmp_path / "braces.csv"
    spreadsheet.write_text("{date},title\n2020,x\n")
    assert main(["import", str(spreadsheet), "-o", str(tmp_path / "out.yaml")]) == 1
    assert "the header row names neither" in capsys.readouterr().out


def test_control_characters_are_dropped_and_said_so(tmp_path, capsys):
    sheet = tmp_path / "controls.csv"
    sheet.write_bytes(
        b"date,title,text,side\r\n"
        b'2020-11-11,Memo\x1b[2J signed,"one\x00two\x07\r\nthree",Tur\x7fk\xc2\x85ey\r\n'
    )
    out = tmp_path / "out.yaml"
    assert main(["import", str(sheet), "-o", str(out)]) == 0
    carry = [line for line in capsys.readouterr().err.splitlines() if "could not carry" in line]
    assert carry == [f"{sheet}: could not carry: 5 control characters (dropped)"]
    assert main(["validate", str(out)]) == 0
    (event,) = load_path(out).briefing.events
    assert (event.title, event.text) == ("Memo[2J signed", "onetwo\nthree")
    assert [side.name for side in load_path(out).briefing.sides] == ["Turkey"]
    assert "\\x" not in out.read_text(encoding="utf-8")


def test_an_import_too_big_to_load_is_refused_with_its_reason(tmp_path, capsys, monkeypatch):
    from briefing import loader

    sheet = tmp_path / "big.csv"
    sheet.write_text("date,title\n" + "".join(f"2020,event {n}\n" for n in range(200)))
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 4096)  # the YAML of 200 events is ~8 KiB
    out = tmp_path / "out.yaml"
    assert main(["import", str(sheet), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    (reason,) = captured.out.splitlines()
    assert reason.startswith(f"{sheet}: error: the imported briefing would be ")
    assert reason.endswith(" MiB of YAML, over the 0.00390625 MiB a briefing file may be; refused")
    assert captured.err.splitlines() == [f"{sheet}: 1 error(s); nothing written"]
    assert not out.exists()


def test_import_writes_the_yaml_it_checked_without_writing_it_again(tmp_path, monkeypatch):
    from briefing import writer
    from briefing.interchange import draft, import_file

    dumped = []

    def counted(briefing):
        dumped.append(briefing)
        return writer_dump(briefing)

    writer_dump = writer.dump
    monkeypatch.setattr(writer, "dump", counted)
    monkeypatch.setattr(draft, "dump", counted)
    sheet = tmp_path / "a.csv"
    sheet.write_text('date,title,text\n2020-11-11,"Memo: signed #1","yes\n- no"\n')
    out = tmp_path / "out.yaml"
    assert main(["import", str(sheet), "-o", str(out)]) == 0
    assert len(dumped) == 1, "the import's YAML was written twice"
    imported = import_file(sheet)
    assert out.read_bytes() == imported.yaml
    assert load_path(out).briefing == imported.briefing == dumped[0]
