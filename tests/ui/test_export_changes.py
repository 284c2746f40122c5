"""The window's Export PDF… and Export as… (Word) while comparing with an earlier version: a
checked "Changes since …" box in the save dialog adds the section `export --changes-since`
writes; unchecked, or with nothing compared, the export has no such section."""

from __future__ import annotations

from pathlib import Path

import docx
import pikepdf
import pytest
from PySide6.QtWidgets import QCheckBox, QDialog, QFileDialog

from briefing.ui import export_dialog
from tests.ui.test_change_marks import _current, _earlier, _write


@pytest.fixture
def window(open_window, tmp_path: Path):
    return open_window(_write(tmp_path / "now.yaml", _current()))


def _answer_save_dialog(monkeypatch, out: Path, keep_checked: bool) -> list[tuple[str, bool]]:
    """Answers the window's own save dialog: picks `out` and leaves the Changes box checked
    or not; returns the box's text and state as offered."""
    offered: list[tuple[str, bool]] = []

    def answer(dialog: QFileDialog) -> int:
        box = dialog.findChild(QCheckBox, "changesSinceBox")
        offered.append((box.text(), box.isChecked()))
        box.setChecked(keep_checked)
        dialog.selectFile(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.QFileDialog, "exec", answer)
    return offered


def _outline(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        return [item.title for item in outline.root]


def _export(window, qtbot, action, out: Path) -> None:
    action.trigger()
    qtbot.waitUntil(lambda: window.exports.job is None and out.exists(), timeout=30_000)


def test_export_pdf_while_comparing_adds_changes_since_by_default(
    window, tmp_path, qtbot, monkeypatch
) -> None:
    assert window.compare_with_file(_write(tmp_path / "old.yaml", _earlier()))
    out = tmp_path / "out.pdf"
    offered = _answer_save_dialog(monkeypatch, out, keep_checked=True)
    _export(window, qtbot, window.export_action, out)
    assert offered == [("Add a “Changes since old.yaml” section", True)]
    titles = _outline(out)
    assert titles.index("Changes since old.yaml") < titles.index("Timeline")


def test_export_pdf_with_the_box_unchecked_has_no_changes_section(
    window, tmp_path, qtbot, monkeypatch
) -> None:
    assert window.compare_with_file(_write(tmp_path / "old.yaml", _earlier()))
    out = tmp_path / "out.pdf"
    _answer_save_dialog(monkeypatch, out, keep_checked=False)
    _export(window, qtbot, window.export_action, out)
    assert not [t for t in _outline(out) if t.startswith("Changes since")]


def test_export_pdf_without_a_comparison_offers_no_box(window, tmp_path, qtbot, monkeypatch):
    out = tmp_path / "out.pdf"
    monkeypatch.setattr(
        export_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "")
    )
    monkeypatch.setattr(export_dialog.QFileDialog, "exec", lambda _dialog: pytest.fail("asked"))
    _export(window, qtbot, window.export_action, out)
    assert "Timeline" in _outline(out)
    assert not [t for t in _outline(out) if t.startswith("Changes since")]


def test_export_as_word_while_comparing_adds_changes_since(window, tmp_path, qtbot, monkeypatch):
    assert window.compare_with_file(_write(tmp_path / "old.yaml", _earlier()))
    out = tmp_path / "out.docx"
    offered = _answer_save_dialog(monkeypatch, out, keep_checked=True)
    _export(window, qtbot, window.export_as_action, out)
    assert offered == [("Add a “Changes since old.yaml” section (Word only)", True)]
    text = [paragraph.text for paragraph in docx.Document(str(out)).paragraphs]
    assert "Changes since old.yaml" in text
    assert any("Talks in Sochi" in line for line in text)  # the removed event, listed
