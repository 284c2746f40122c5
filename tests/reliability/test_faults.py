"""Faults around the window: a failed export, a file that moves under the watcher, a bug in a slot.

The command line's side of a failed export (one line, exit 1, nothing left) is in
tests/export/test_pdf.py; here the window must say why in a message box and leave nothing.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
from pathlib import Path

import pikepdf
import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from briefing.links import ItemKind
from briefing.ui.app import install_exception_hook
from briefing.ui.main_window import MainWindow

IS_ROOT = os.name == "posix" and os.geteuid() == 0


class Boxes:
    """QMessageBox's static calls, recorded instead of shown."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: list[tuple[str, str, str]] = []
        for kind in ("warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, kind, self._recorder(kind))

    def _recorder(self, kind: str):
        def record(_parent, title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
            self.shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return staticmethod(record)


@pytest.fixture
def boxes(monkeypatch) -> Boxes:
    return Boxes(monkeypatch)


def export_to(window: MainWindow, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Export PDF… as the analyst would, with the save dialog answering `out`."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), "PDF"))
    window.export_action.trigger()
    job = window.exports.job  # the PDF is drawn on a thread: wait for it, then for its word
    if job is not None:
        job.wait()
        QApplication.processEvents()


def assert_refused(boxes: Boxes, out: Path, reason: str) -> None:
    assert len(boxes.shown) == 1, boxes.shown
    kind, title, text = boxes.shown[0]
    assert (kind, title) == ("warning", "Export PDF")
    assert text == f"The PDF could not be written:\ncannot write {out}: {reason}"
    assert "Traceback" not in text


def test_export_into_a_missing_folder_says_why_and_writes_nothing(
    window, boxes, tmp_path, qtbot, monkeypatch
):
    out = tmp_path / "no" / "such" / "out.pdf"
    export_to(window, out, monkeypatch)
    assert_refused(boxes, out, "No such file or directory")
    assert not (tmp_path / "no").exists()
    assert (
        window.findChild(QObject, "exportProgress") is None
        or not window.findChild(QObject, "exportProgress").isVisible()
    )


def test_export_into_a_read_only_folder_says_why_and_writes_nothing(
    window, boxes, tmp_path, monkeypatch
):
    folder = tmp_path / "locked"
    folder.mkdir()
    if IS_ROOT:  # root writes anywhere: refuse the way a read-only folder does
        import tempfile

        def refuse(*_args: object, **_kwargs: object):
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    folder.chmod(0o555)
    try:
        out = folder / "out.pdf"
        export_to(window, out, monkeypatch)
        assert_refused(boxes, out, "Permission denied")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_export_onto_a_full_disk_keeps_the_old_file_and_says_why(
    window, boxes, tmp_path, monkeypatch
):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"last week's export")

    def save_half_then_fill_the_disk(self, out, *args, **kwargs):
        out.write(b"%PDF-1.4\n" + b"0" * 4096)  # part of the file got out
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(pikepdf.Pdf, "save", save_half_then_fill_the_disk)
    export_to(window, out, monkeypatch)
    assert_refused(boxes, out, "No space left on device")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")) == [
        "out.pdf"
    ]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left
    assert out.read_bytes() == b"last week's export"
    # The window carries on: the next export, with room on the disk, works.
    monkeypatch.undo()
    Boxes(monkeypatch)
    export_to(window, out, monkeypatch)
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) > 1


def test_export_with_nothing_open_says_so(open_window, boxes, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [", encoding="utf-8")
    window = open_window(broken)
    window.export_action.trigger()
    assert boxes.shown == [("information", "Export PDF", "There is no briefing to export.")]


# ----- the watched file


def assert_last_good_view(window: MainWindow) -> None:
    assert window.document.briefing.title == "Test briefing"
    assert window.claims.row_count() == 4
    assert len(window.timeline.shown_event_ids()) == 4
    window.document.select(ItemKind.CLAIM, "c-troops")
    assert "Russia deployed about 1,960 troops." in window.details.text()


def test_deleted_file_keeps_the_last_good_view_even_on_reload(window, qtbot, briefing_file):
    briefing_file.unlink()
    qtbot.wait(400)  # past the watcher's debounce: it has looked and found nothing
    assert_last_good_view(window)
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        window.reload_action.trigger()
    assert_last_good_view(window)
    assert "cannot read" in window.banner.text()
    assert "showing the last good version" in window.banner.text()


def test_file_renamed_away_keeps_the_last_good_view(window, qtbot, briefing_file):
    briefing_file.rename(briefing_file.with_name("moved.yaml"))
    qtbot.wait(400)
    assert_last_good_view(window)
    assert not window.banner_bar.isVisible()


def test_file_replaced_by_rename_with_a_broken_one_keeps_the_last_good_view(
    window, qtbot, briefing_file, briefings
):
    temporary = briefing_file.with_name(".test.yaml.swp")
    temporary.write_text(briefings.broken, encoding="utf-8")
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        os.replace(temporary, briefing_file)
    assert_last_good_view(window)
    assert window.banner_bar.isVisible()


def test_save_truncated_mid_write_keeps_the_view_until_the_rest_arrives(
    window, qtbot, briefing_file, briefings
):
    full = briefings.yaml(title="Saved in two steps").encode()
    # Cut inside the quoted date of an event: the first half cannot be a valid briefing.
    cut = full.index(b"date: '2020-11-10'") + len("date: '20")
    with open(briefing_file, "wb") as handle:
        handle.write(full[:cut])
        handle.flush()
        with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
            pass  # the watcher fires on the half-written file and the load finishes
        assert_last_good_view(window)
        assert window.banner_bar.isVisible()
        with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
            handle.write(full[cut:])
            handle.flush()
    assert window.document.briefing.title == "Saved in two steps"
    assert not window.banner_bar.isVisible()
    assert window.claims.row_count() == 4


def test_loader_failing_on_its_thread_ends_the_load_with_an_error(window, qtbot, monkeypatch):
    from briefing.ui import load_runner

    def broken_loader(_path: str):
        raise MemoryError("out of memory while reading")

    monkeypatch.setattr(load_runner, "load_path", broken_loader)
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        window.reload_action.trigger()
    assert not window.document.is_loading
    assert_last_good_view(window)
    assert "MemoryError: out of memory while reading" in window.banner.text()


# ----- a bug inside a slot


class Trigger(QObject):
    fired = Signal()


@pytest.mark.qt_no_exception_capture  # pytest-qt would take the exception before our hook
def test_exception_in_a_slot_is_logged_shown_and_the_window_carries_on(
    window, qtbot, monkeypatch, caplog
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back the hook after the test
    install_exception_hook(window)
    trigger = Trigger()

    def buggy_slot() -> None:
        raise ZeroDivisionError("<b>bug</b> in a slot")

    trigger.fired.connect(buggy_slot)
    with caplog.at_level(logging.ERROR, logger="briefing"):
        trigger.fired.emit()
        trigger.fired.emit()  # a second error reuses the same box
    assert any(
        r.exc_info and r.exc_info[0] is ZeroDivisionError and "buggy_slot" in r.exc_text
        for r in caplog.records
    ), caplog.text
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox, "internalErrorBox")))
    (box,) = window.findChildren(QMessageBox, "internalErrorBox")
    assert box.isVisible() and not box.isModal()
    assert "ZeroDivisionError: <b>bug</b> in a slot" in box.text()
    assert box.textFormat() == box.textFormat().PlainText
    assert "buggy_slot" in box.detailedText()
    # Still working: selection, details and a reload.
    assert_last_good_view(window)
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        window.reload_action.trigger()
    assert_last_good_view(window)
    box.close()
