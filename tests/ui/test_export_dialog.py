"""Export and import from the window: the broken-file question, page size, the PDF drawn off
the UI thread with progress and cancel, File → Export as… and File → Import…."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import pikepdf
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

import briefing.export.pdf as pdf_module
from briefing.ui import export_dialog
from tests.conftest import BROKEN_YAML

DATA = Path(__file__).resolve().parent.parent / "data" / "interchange"


def answer_modal(handle) -> list[QDialog]:
    """Have `handle(dialog)` answer the next modal dialog; the list gets each one answered."""
    answered: list[QDialog] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, look)
            return
        answered.append(dialog)
        handle(dialog)

    QTimer.singleShot(0, look)
    return answered


def read_and_close(texts: list[str]):
    """Answers a message box (which QMessageBox.warning deletes after), keeping its text."""

    def handle(box) -> None:
        texts.append(box.text())
        box.accept()

    return handle


def save_as(monkeypatch, path: Path | str, chosen: str = "") -> list[tuple]:
    """The save dialog answers `path` with the file type `chosen`; the list gets each call."""
    calls: list[tuple] = []

    def answer(*args, **kwargs):
        calls.append(args)
        return str(path), chosen

    monkeypatch.setattr(export_dialog.QFileDialog, "getSaveFileName", answer)
    return calls


def click(role_name: str):
    def handle(box) -> None:
        for button in box.buttons():
            if button.objectName() == role_name or button.text() == role_name:
                button.click()
                return
        raise AssertionError(f"no button {role_name}: {[b.text() for b in box.buttons()]}")

    return handle


def test_file_menu_has_import_export_pdf_and_export_as(window):
    file_menu = window.menuBar().actions()[0].menu()
    found = {a.objectName(): a.shortcut().toString() for a in file_menu.actions()}
    assert found["importAction"] == "Ctrl+I"
    assert found["exportPdfAction"] == "Ctrl+E"
    assert found["exportAsAction"] == "Ctrl+Shift+E"


def test_pdf_on_letter_paper_is_drawn_off_the_ui_thread(window, qtbot, tmp_path, monkeypatch):
    drawn_on: list[threading.Thread] = []
    real = pdf_module._write_qt_pdf

    def recording(*args, **kwargs):
        drawn_on.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf_module, "_write_qt_pdf", recording)
    out = tmp_path / "out.pdf"
    calls = save_as(monkeypatch, out, "PDF on US Letter paper (*.pdf)")
    window.export_action.trigger()
    # The paper is chosen as the file type; A4 comes first and is chosen until then.
    assert calls[0][3:] == (
        "PDF on A4 paper (*.pdf);;PDF on US Letter paper (*.pdf)",
        "PDF on A4 paper (*.pdf)",
    )
    job = window.exports.job
    assert job is not None and window.exports.progress.isVisible()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: window.exports.job is None)
    assert drawn_on and drawn_on[0] is not threading.main_thread()
    with pikepdf.open(out) as written:
        assert [round(float(v)) for v in written.pages[0].MediaBox] == [0, 0, 612, 792]
    assert window.statusBar().currentMessage().startswith(f"Exported {out} (")
    assert window.settings.value("pageSize") == "Letter"  # chosen first next time
    assert window.exports.progress is None


def test_cancel_stops_the_export_and_writes_nothing(window, qtbot, tmp_path, monkeypatch):
    go_on = threading.Event()
    real = pdf_module._write_qt_pdf

    def held(*args, **kwargs):
        go_on.wait(10)  # until the test has pressed Cancel
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf_module, "_write_qt_pdf", held)
    out = tmp_path / "out.pdf"
    save_as(monkeypatch, out, "PDF on A4 paper (*.pdf)")
    window.export_action.trigger()
    job = window.exports.job
    window.exports.progress.findChild(QPushButton).click()  # its Cancel button
    with qtbot.waitSignal(job.cancelled, timeout=20_000):
        go_on.set()
    qtbot.waitUntil(lambda: window.exports.job is None)
    assert not out.exists()
    assert list(tmp_path.glob(".briefing-*")) == []
    assert window.statusBar().currentMessage() == "Export cancelled; nothing written"


def test_broken_file_on_disk_asks_before_exporting_the_last_good_version(
    window, qtbot, briefing_file, monkeypatch
):
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        briefing_file.write_text(BROKEN_YAML, encoding="utf-8")
    assert window.document.is_stale
    shown = save_as(monkeypatch, "")  # the save dialog, cancelled
    asked = answer_modal(click("Cancel"))
    window.export_action.trigger()
    assert asked and asked[0].objectName() == "staleExportQuestion"
    assert f"{briefing_file.name} has 1 error on disk" in asked[0].text()
    assert shown == []  # cancelled: no save dialog
    answer_modal(click("exportLastGoodButton"))
    window.export_action.trigger()
    assert len(shown) == 1  # the last good version goes on to the save dialog


def test_the_open_file_is_refused_as_the_pdf(window, qtbot, briefing_file):
    before = briefing_file.read_bytes()
    warned: list[str] = []
    answer_modal(read_and_close(warned))
    window.exports.start_pdf(window.document.briefing, str(briefing_file), "A4")
    assert "it is the input" in warned[0]
    assert window.exports.job is None
    assert briefing_file.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "chosen", "written"),
    [
        ("out.json", "STIX 2.1 bundle (*.json)", ["out.json"]),
        ("out.csv", "CSV, events and claims (*.csv)", ["out-claims.csv", "out.csv"]),
    ],
)
def test_export_as_stix_and_csv(window, tmp_path, monkeypatch, name, chosen, written):
    out = tmp_path / "exports" / name
    out.parent.mkdir()
    monkeypatch.setattr(
        export_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), chosen)
    )
    window.export_as_action.trigger()
    assert sorted(p.name for p in out.parent.iterdir()) == written
    assert window.statusBar().currentMessage().startswith("Exported ")


def test_export_as_word_runs_on_the_export_thread(window, tmp_path, monkeypatch, qtbot):
    out = tmp_path / "brief.docx"
    monkeypatch.setattr(
        export_dialog.QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(out), "Word document (*.docx)"),
    )
    window.export_as_action.trigger()
    job = window.exports.job
    assert job is not None and job.fmt == "docx"
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: window.exports.job is None)
    with zipfile.ZipFile(out) as docx:  # a Word document: a zip with the document part
        assert "word/document.xml" in docx.namelist()
    assert window.statusBar().currentMessage() == f"Exported {out}"


def test_export_as_refuses_the_open_file(window, monkeypatch, briefing_file):
    before = briefing_file.read_bytes()
    monkeypatch.setattr(
        export_dialog.QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(briefing_file), "CSV, events and claims (*.csv)"),
    )
    warned: list[str] = []
    answer_modal(read_and_close(warned))
    window.export_as_action.trigger()
    assert "it is the input" in warned[0]
    assert briefing_file.read_bytes() == before


def test_import_writes_the_briefing_and_opens_it(window, qtbot, tmp_path, monkeypatch):
    source = DATA / "timeline.json"
    out = tmp_path / "imported.yaml"
    monkeypatch.setattr(
        export_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), "")
    )
    monkeypatch.setattr(
        export_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "")
    )
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        window.import_action.trigger()
    assert window.document.path == str(out)
    assert window.document.briefing is not None and window.document.briefing.events
    assert window.statusBar().currentMessage().startswith("Imported timeline.json as imported")


def test_import_writes_the_yaml_it_checked_without_writing_it_again(window, tmp_path, monkeypatch):
    import briefing.writer

    def no_second_dump(*args, **kwargs):
        raise AssertionError("the briefing was written a second time")

    source, out = DATA / "timeline.json", tmp_path / "imported.yaml"
    monkeypatch.setattr(briefing.writer, "dump", no_second_dump)
    assert window.exports.import_to(str(source), str(out)) is True
    monkeypatch.undo()
    from briefing.interchange import import_file

    assert out.read_bytes() == import_file(source).yaml


def test_a_broken_import_writes_nothing_and_says_where(window, tmp_path):
    source = tmp_path / "bad.json"
    source.write_text('{"events": [', encoding="utf-8")
    out = tmp_path / "bad.yaml"
    told = answer_modal(lambda box: box.accept())
    assert window.exports.import_to(str(source), str(out)) is False
    assert told[0].objectName() == "importFailedBox"
    assert "bad.json:1:" in told[0].detailedText()
    assert not out.exists()


def test_import_never_writes_over_its_source(window, tmp_path):
    source = tmp_path / "sheet.csv"
    source.write_bytes((DATA / "timeline-sheet.csv").read_bytes())
    warned: list[str] = []
    answer_modal(read_and_close(warned))
    assert window.exports.import_to(str(source), str(source)) is False
    assert "it is the input" in warned[0]
    assert source.read_bytes() == (DATA / "timeline-sheet.csv").read_bytes()
