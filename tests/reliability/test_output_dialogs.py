"""The window's Export PDF… dialog follows the same output rule as the command line.

The rule and every kind of target are tested in tests/test_outputs.py; here the dialog's slot,
with the save dialog answering a name, must refuse the same targets in a message box and keep
the mode of a file it replaces.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.ui.main_window import MainWindow
from tests.reliability.test_faults import Boxes, assert_refused, export_to


def _open_briefing(window: MainWindow, folder: Path) -> Path:
    return Path(window.document.path or "")


def _link_to_it(window: MainWindow, folder: Path) -> Path:
    link = folder / "link.pdf"
    link.symlink_to(window.document.path or "")
    return link


def _fifo(window: MainWindow, folder: Path) -> Path:
    os.mkfifo(folder / "pipe.pdf")
    return folder / "pipe.pdf"


def _read_only(window: MainWindow, folder: Path) -> Path:
    (folder / "old.pdf").write_bytes(b"keep me")
    (folder / "old.pdf").chmod(0o444)
    return folder / "old.pdf"


def _files(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Each name in the folder with its mode and, for a regular file, its bytes."""
    return {
        path.name: (path.lstat().st_mode, path.read_bytes() if path.is_file() else None)
        for path in folder.iterdir()
    }


REFUSED: list[tuple[str, Callable[[MainWindow, Path], Path], str]] = [
    ("the open briefing", _open_briefing, "it is the input; choose another name"),
    ("a link to it", _link_to_it, "it is the input; choose another name"),
    ("a FIFO", _fifo, "it is a FIFO (named pipe), not a regular file"),
    ("a read-only file", _read_only, "the file is read-only"),
]


@pytest.mark.parametrize(("what", "make", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_export_dialog_refuses_what_the_command_refuses(
    window: MainWindow, tmp_path: Path, monkeypatch, what, make, reason
) -> None:
    boxes = Boxes(monkeypatch)
    out = make(window, tmp_path)
    before = {
        p.name: (p.lstat().st_mode, p.is_file() and p.read_bytes()) for p in tmp_path.iterdir()
    }
    export_to(window, out, monkeypatch)
    assert_refused(boxes, out, reason)
    after = {
        p.name: (p.lstat().st_mode, p.is_file() and p.read_bytes()) for p in tmp_path.iterdir()
    }
    assert after == before


def test_export_dialog_keeps_the_mode_of_the_file_it_replaces(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    boxes = Boxes(monkeypatch)
    out = tmp_path / "private.pdf"
    out.write_bytes(b"last week's")
    out.chmod(0o600)
    export_to(window, out, monkeypatch)
    assert boxes.shown == []
    assert out.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
