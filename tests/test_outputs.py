"""Every command that writes, against every kind of target: what it does and the one line it says.

The rule lives in `briefing/output.py`; these tests drive the commands (in-process, through
`briefing.cli.main`) so that a writer that bypasses the rule fails here.
"""

from __future__ import annotations

import errno
import json
import os
import re
import socket
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.cli import main
from tests.conftest import briefing_yaml

IS_ROOT = os.name == "posix" and os.geteuid() == 0
UMASK = 0o027  # new files must follow it: 0640, not the 0644 a writer might force
TIMELINE_JSON = json.dumps(
    {"events": [{"start_date": {"year": 2020, "month": 11}, "text": {"headline": "Signed"}}]}
)


@dataclass(frozen=True)
class Writer:
    """One command that writes a file, and how to tell that it wrote it."""

    name: str
    input_suffix: str
    out_suffix: str
    target_suffix: str  # the file under test: the output, or the claims table beside it
    magic: bytes  # how the written file starts
    said: str  # a regular expression for the one line of success; "" for silence

    def input_text(self) -> str:
        return TIMELINE_JSON if self.name == "import" else briefing_yaml()

    def argv(self, source: Path, out: str) -> list[str]:
        if self.name == "import":
            return ["import", str(source), "-o", out]
        if self.name == "migrate":
            return ["migrate", str(source), "-o", out]
        if self.name == "screenshot":
            return ["open", str(source), "--screenshot", out, "--size", "400x300"]
        fmt = self.name.split()[1].removesuffix("-claims")
        return ["export", str(source), "-o", out, "--format", fmt]


BOM = "\ufeff".encode()
WRITERS = [
    Writer("export pdf", ".yaml", ".pdf", ".pdf", b"%PDF-", r"{out}: \d+ pages"),
    Writer("export stix", ".yaml", ".json", ".json", b'{\n  "type": "bundle"', r"{src}: wrote .*"),
    Writer("export csv", ".yaml", ".csv", ".csv", BOM + b"id,", r"{src}: wrote .*"),
    Writer("export csv-claims", ".yaml", ".csv", "-claims.csv", BOM + b"id,", r"{src}: wrote .*"),
    Writer("import", ".json", ".yaml", ".yaml", b"format: briefing/2", r"{src}: wrote {out} .*"),
    Writer("migrate", ".yaml", ".yaml", ".yaml", b"format: briefing/2", r"{src}: wrote {out} .*"),
    Writer("screenshot", ".yaml", ".png", ".png", b"\x89PNG", ""),
]


@dataclass
class Case:
    """A folder with an input and a target of one kind; `out` is what the command is given."""

    root: Path
    writer: Writer
    folder: Path = Path()
    stem: str = "out"
    source: Path | None = None

    def __post_init__(self) -> None:
        self.folder = self.folder if self.folder != Path() else self.root

    @property
    def target(self) -> Path:
        return self.folder / f"{self.stem}{self.writer.target_suffix}"

    @property
    def out(self) -> Path:
        return self.target.with_name(f"{self.stem}{self.writer.out_suffix}")

    def make_input(self, path: Path | None = None) -> Path:
        self.source = path or self.root / f"input{self.writer.input_suffix}"
        self.source.write_text(self.writer.input_text(), encoding="utf-8")
        return self.source


def _the_input(case: Case) -> None:
    case.make_input(case.target)


def _link_to_the_input(case: Case) -> None:
    case.target.symlink_to(case.make_input())


def _hard_link_to_the_input(case: Case) -> None:
    case.target.hardlink_to(case.make_input())


def _directory(case: Case) -> None:
    case.target.mkdir()


def _device(case: Case) -> None:
    try:  # the same numbers as /dev/null, made here so nothing real is at stake
        os.mknod(case.target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")


def _fifo(case: Case) -> None:
    os.mkfifo(case.target)


def _socket(case: Case) -> None:
    here = Path.cwd()
    os.chdir(case.folder)  # a socket's path is short-lived and limited to ~100 bytes
    try:
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind(case.target.name)
    finally:
        os.chdir(here)


def _link_elsewhere(case: Case) -> None:
    other = case.folder / "other.txt"
    other.write_text("another file")
    case.target.symlink_to(other)


def _dangling_link(case: Case) -> None:
    case.target.symlink_to(case.folder / "nowhere.txt")


def _read_only_file(case: Case) -> None:
    case.target.write_text("keep me")
    case.target.chmod(0o444)


def _private_file(case: Case) -> None:
    case.target.write_text("last week's")
    case.target.chmod(0o600)


def _nothing(case: Case) -> None:
    pass


def _long_name(case: Case) -> None:
    case.stem = "n" * (245 - len(case.writer.target_suffix))
    assert len(case.target.name) == 245


def _missing_folder(case: Case) -> None:
    case.folder = case.folder / "no" / "such"


def _file_as_folder(case: Case) -> None:
    (case.folder / "plain").write_text("a file, not a folder")
    case.folder = case.folder / "plain"


def _read_only_folder(case: Case) -> None:
    case.folder = case.folder / "locked"
    case.folder.mkdir()
    case.folder.chmod(0o555)


def _full_disk(case: Case) -> None:
    if not IS_ROOT:
        pytest.skip("mounting a small tmpfs needs root")
    case.folder = case.folder / "full"
    case.folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(case.folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    case.target.write_text("last week's")
    try:  # fill every block that is left
        with open(case.folder / "filler", "wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
    except OSError as exc:
        assert exc.errno == errno.ENOSPC


@dataclass(frozen=True)
class Kind:
    name: str
    make: Callable[[Case], None]
    said: str | None  # the reason after "cannot write OUT: "; None: written
    of_folder: bool = False  # the folder is at fault: the first file named is the one refused


IS_INPUT = "it is the input; choose another name"
KINDS = [
    Kind("the input", _the_input, IS_INPUT),
    Kind("a link to the input", _link_to_the_input, IS_INPUT),
    Kind("a hard link to the input", _hard_link_to_the_input, IS_INPUT),
    Kind("a directory", _directory, "Is a directory"),
    Kind("a device", _device, "it is a character device, not a regular file"),
    Kind("a FIFO", _fifo, "it is a FIFO (named pipe), not a regular file"),
    Kind("a socket", _socket, "it is a socket, not a regular file"),
    Kind("a link elsewhere", _link_elsewhere, "it is a symbolic link; name the file itself"),
    Kind("a dangling link", _dangling_link, "it is a symbolic link; name the file itself"),
    Kind("a read-only file", _read_only_file, "the file is read-only"),
    Kind("a read-only folder", _read_only_folder, "Permission denied", of_folder=True),
    Kind("a missing folder", _missing_folder, "No such file or directory", of_folder=True),
    Kind("a file as folder", _file_as_folder, "Not a directory", of_folder=True),
    Kind("a full disk", _full_disk, "No space left on device", of_folder=True),
    Kind("a 0600 file", _private_file, None),
    Kind("a new file", _nothing, None),
    Kind("a 245-character name", _long_name, None),
]


def _state(root: Path) -> dict[str, tuple[int, bytes | str | None]]:
    """Every name under root (links not followed) with its mode and content or link target."""
    found: dict[str, tuple[int, bytes | str | None]] = {}
    for place, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(place, name)
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                content: bytes | str | None = os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                content = path.read_bytes()
            else:
                content = None
            found[str(path)] = (info.st_mode, content)
    return found


@pytest.fixture
def umask():
    previous = os.umask(UMASK)
    yield UMASK
    os.umask(previous)


@pytest.fixture
def case(request, tmp_path: Path):
    """A Case whose folder is put back the way it was found: unmounted, writable."""
    made = Case(tmp_path, request.param)
    yield made
    if IS_ROOT and os.path.ismount(made.folder):
        subprocess.run(["umount", str(made.folder)], check=True)
    for path in (made.folder, tmp_path / "locked"):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)


def _one_line(capsys: pytest.CaptureFixture[str]) -> list[str]:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err.splitlines()


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
@pytest.mark.parametrize("case", WRITERS, ids=lambda w: w.name, indirect=True)
def test_every_writer_against_every_kind_of_target(
    case: Case, kind: Kind, qapp, umask: int, capsys: pytest.CaptureFixture[str]
) -> None:
    kind.make(case)
    source = case.source or case.make_input()
    before = _state(case.root)
    status = main(case.writer.argv(source, str(case.out)))
    lines = _one_line(capsys)
    if kind.said is not None:
        named = case.out if kind.of_folder else case.target
        assert (status, lines) == (1, [f"briefing: cannot write {named}: {kind.said}"])
        assert _state(case.root) == before, "a refused output changed a file"
        return
    assert status == 0, lines
    if case.writer.said:
        expected = case.writer.said.format(out=re.escape(str(case.out)), src=re.escape(str(source)))
        assert len(lines) == 1 and re.fullmatch(expected, lines[0]), lines
    else:
        assert lines == []
    written = case.target.read_bytes()
    assert written.startswith(case.writer.magic)
    mode = stat.S_IMODE(case.target.stat().st_mode)
    assert mode == (0o600 if kind.name == "a 0600 file" else 0o666 & ~umask)
    assert not [p.name for p in case.folder.iterdir() if p.name.startswith(".")], "a temporary"


@pytest.mark.parametrize("name", ["", "/", ".", "..", "somewhere/"])
@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_a_name_that_is_no_file_is_refused_in_one_line(
    writer: Writer, name: str, tmp_path: Path, monkeypatch, qapp, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "somewhere").mkdir()
    source = Case(tmp_path, writer).make_input()
    assert main(writer.argv(source, name)) == 1
    reason = "no file name given" if name == "" else "Is a directory"
    shown = name or "''"
    assert _one_line(capsys) == [f"briefing: cannot write {shown}: {reason}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([source.name, "somewhere"])


def test_the_claims_table_is_checked_before_the_events_table_is_written(
    tmp_path: Path, capsys
) -> None:
    """All or nothing: when OUT-claims.csv is refused, OUT.csv is not written either."""
    source = tmp_path / "in.yaml"
    source.write_text(briefing_yaml(), encoding="utf-8")
    (tmp_path / "out-claims.csv").mkdir()
    assert main(["export", str(source), "-o", str(tmp_path / "out.csv")]) == 1
    assert _one_line(capsys) == [
        f"briefing: cannot write {tmp_path / 'out-claims.csv'}: Is a directory"
    ]
    assert not (tmp_path / "out.csv").exists()


def test_the_input_named_through_a_link_is_still_the_input(tmp_path: Path, capsys) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(briefing_yaml(), encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(real)
    assert main(["export", str(tmp_path / "link.yaml"), "-o", str(real), "--format", "stix"]) == 1
    assert _one_line(capsys) == [f"briefing: cannot write {real}: {IS_INPUT}"]
    assert real.read_text(encoding="utf-8") == briefing_yaml()


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file away")
def test_root_replacing_someone_elses_file_leaves_it_theirs(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.yaml"
    source.write_text(briefing_yaml(), encoding="utf-8")
    out = tmp_path / "theirs.json"
    out.write_text("last week's")
    os.chown(out, 4321, 4321)
    assert main(["export", str(source), "-o", str(out)]) == 0
    info = out.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4321)
    assert out.read_bytes().startswith(b'{\n  "type": "bundle"')
