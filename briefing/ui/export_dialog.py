"""Export and import from the window: PDF off the UI thread with page size, progress and cancel;
Word, STIX and CSV through File → Export as…; TimelineJS JSON and CSV through File → Import….

While the window compares with an earlier version, the PDF and Word save dialogs carry a
checked "Changes since …" box: the section `briefing export --changes-since` writes, from the
same comparison the panels mark.

Every output goes through briefing/output.py's one rule, with the open file as the input, so
no dialog can write over the briefing it shows. When the file on disk is broken the window
shows its last good version; an export then says so and offers that version or cancel.

The PDF is drawn on a QThread. That is safe with QtGui alone: QPdfWriter and QPainter may
paint on any thread, and the bundled fonts are registered in QFontDatabase here, on the GUI
thread, before the thread starts. Cancel sets a flag the progress callback reads; the
exporter then stops between pages and, since it writes whole or not at all, leaves nothing.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from briefing.model import Briefing
from briefing.output import OutputError, write_file
from briefing.problems import shown
from briefing.ui.document import Document

if TYPE_CHECKING:
    from briefing.export.content import ChangesSince
    from briefing.ui.main_window import MainWindow

PAGE_LABELS = {"A4": "A4", "Letter": "US Letter"}  # the sizes briefing.export.pdf draws
PAGE_SIZE_SETTING = "pageSize"
EXPORT_FILTERS = {
    "docx": "Word document (*.docx)",
    "stix": "STIX 2.1 bundle (*.json)",
    "csv": "CSV, events and claims (*.csv)",
}
SUFFIX_FORMATS = {".docx": "docx", ".json": "stix", ".csv": "csv"}
IMPORT_FILTER = "Timelines (*.json *.csv);;TimelineJS JSON (*.json);;CSV (*.csv);;All files (*)"
MAX_SHOWN_MESSAGES = 20


class ExportCancelled(Exception):
    """Raised in the progress callback when the analyst cancels; ends the drawing."""


def stale_question(parent: QWidget | None, document: Document, what: str) -> QMessageBox:
    """The question asked when the file on disk has errors: the last good version, or cancel."""
    name = Path(document.path or "").name
    count = document.error_count
    box = QMessageBox(parent)
    box.setObjectName("staleExportQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(what)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        f"{name} has {count:,} error{'s' if count != 1 else ''} on disk, so it cannot be "
        "exported as it is now."
    )
    box.setInformativeText(
        "The window shows the last good version. Export that version, or cancel and fix "
        "the file (View → Problems)."
    )
    box.addButton("Export last good version", QMessageBox.ButtonRole.AcceptRole).setObjectName(
        "exportLastGoodButton"
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def briefing_to_export(parent: QWidget, document: Document, what: str) -> Briefing | None:
    """The briefing an export may write, after asking when the file on disk is broken; None
    when there is none or the analyst cancels."""
    current = document.briefing
    if current is None:
        QMessageBox.information(parent, what, "There is no briefing to export.")
        return None
    if document.is_stale:
        box = stale_question(parent, document, what)
        box.exec()
        clicked = box.clickedButton()
        if clicked is None or box.buttonRole(clicked) != QMessageBox.ButtonRole.AcceptRole:
            return None
    return current


def changes_section(document: Document) -> ChangesSince | None:
    """The "Changes since …" section of the comparison the window shows, or None."""
    from briefing.export.content import ChangesSince

    changes = document.changes
    return None if changes is None else ChangesSince(document.earlier_name, changes)


def changes_box_text(since: str) -> str:
    return f"Add a “Changes since {since}” section"


def save_path(
    parent: QWidget, caption: str, default: str, filters: str, chosen: str = "", option: str = ""
) -> tuple[str, str, bool]:
    """The save dialog: (path, file type chosen, whether `option` was left checked). With an
    `option`, Qt's own dialog with a checked box for it below the file types (a platform's
    dialog takes no extra widget); without, the platform's dialog as before."""
    if not option:
        out, kind = QFileDialog.getSaveFileName(parent, caption, default, filters, chosen)
        return out, kind, False
    dialog = QFileDialog(parent, caption, default, filters)
    dialog.setObjectName("exportSaveDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    if chosen:
        dialog.selectNameFilter(chosen)
    dialog.selectFile(default)
    box = QCheckBox(option, dialog)
    box.setObjectName("changesSinceBox")
    box.setChecked(True)
    layout = dialog.layout()
    if isinstance(layout, QGridLayout):
        layout.addWidget(box, layout.rowCount(), 0, 1, -1)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return "", "", False
    return dialog.selectedFiles()[0], dialog.selectedNameFilter(), box.isChecked()


def pdf_filters() -> dict[str, str]:
    """The save dialog's file types, one per page size: choosing the type chooses the paper."""
    return {size: f"PDF on {label} paper (*.pdf)" for size, label in PAGE_LABELS.items()}


def page_size_of(chosen_filter: str, default: str) -> str:
    """The page size of the file type chosen in the save dialog; `default` for any other."""
    return next((size for size, f in pdf_filters().items() if f == chosen_filter), default)


class PdfExportThread(QThread):
    """Draws and writes one PDF (or Word document) off the UI thread; says how it went with
    its signals."""

    progressed = Signal(int)  # percent of the pages drawn
    succeeded = Signal(int)  # the page count
    failed = Signal(str)  # one line
    cancelled = Signal()

    def __init__(
        self,
        briefing: Briefing,
        out_path: str,
        page_size: str,
        inputs: list[str],
        parent: QObject | None = None,
        fmt: str = "pdf",
        changes: ChangesSince | None = None,
    ) -> None:
        super().__init__(parent)
        self.fmt = fmt
        self.changes = changes
        self.briefing = briefing
        self.out_path = out_path
        self.page_size = page_size
        self.inputs = inputs
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise ExportCancelled
        self.progressed.emit(int(100 * done / total) if total else 0)

    def run(self) -> None:
        from briefing.export.pdf import ExportError, export_pdf

        try:
            if self.fmt == "docx":  # no progress of its own: the dialog shows it is busy
                from briefing.export.docx import export_docx

                export_docx(self.briefing, self.out_path, self.page_size, self.inputs, self.changes)
                pages = 0
            else:
                pages = export_pdf(
                    self.briefing,
                    self.out_path,
                    self.page_size,
                    self._progress,
                    self.inputs,
                    self.changes,
                )
        except ExportError as error:
            if self._cancel.is_set():  # the exporter wraps our ExportCancelled
                self.cancelled.emit()
            else:
                self.failed.emit(str(error))
        except Exception as error:  # never let the thread die silently
            self.failed.emit(f"cannot write {shown(self.out_path)}: {error}")
        else:
            self.succeeded.emit(pages)


class WindowExports(QObject):
    """File → Export PDF…, Export as…, Import… for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document: Document = window.document
        self.settings: QSettings = window.settings
        self.job: PdfExportThread | None = None
        self.progress: QProgressDialog | None = None
        self._collecting = True  # whether to turn garbage collection back on after an export
        self._fmt = "pdf"  # what the export under way writes: "pdf" or "docx"

    def _inputs(self) -> list[str]:
        return [self.document.path] if self.document.path else []

    def _default(self, suffix: str) -> str:
        return str(Path(self.document.path or "briefing.yaml").with_suffix(suffix))

    def _changes_option(self, word_only: bool = False) -> str:
        """The save dialog's "Changes since …" box, while the window compares versions."""
        if self.document.changes is None:
            return ""
        text = changes_box_text(self.document.earlier_name)
        return f"{text} (Word only)" if word_only else text

    # --- PDF -------------------------------------------------------------------------------
    def export_pdf(self) -> None:
        if self.job is not None:
            return  # one export at a time; its progress dialog is open
        current = briefing_to_export(self.window, self.document, "Export PDF")
        if current is None:
            return
        remembered = str(self.settings.value(PAGE_SIZE_SETTING, "A4"))
        page_size = remembered if remembered in PAGE_LABELS else "A4"
        filters = pdf_filters()
        out, chosen, with_changes = save_path(
            self.window,
            "Export PDF",
            self._default(".pdf"),
            ";;".join(filters.values()),
            filters[page_size],
            self._changes_option(),
        )
        if not out:
            return
        page_size = page_size_of(chosen, page_size)
        self.settings.setValue(PAGE_SIZE_SETTING, page_size)
        changes = changes_section(self.document) if with_changes else None
        self.start_pdf(current, out, page_size, changes=changes)

    def start_pdf(
        self,
        current: Briefing,
        out_path: str,
        page_size: str,
        fmt: str = "pdf",
        changes: ChangesSince | None = None,
    ) -> None:
        """Refuse a bad output at once; else draw on a thread, with a progress dialog. `fmt`:
        "pdf", or "docx" for a Word document (the same thread, the same rule); `changes`: the
        "Changes since …" section to add, if any."""
        self._fmt = fmt
        try:
            from briefing.export.fonts import bundled_family
            from briefing.export.pdf import ensure_gui_app
            from briefing.output import check_output
        except ImportError as exc:
            QMessageBox.warning(self.window, "Export PDF", f"PDF export is not available: {exc}")
            return
        try:
            check_output(out_path, self._inputs())
            ensure_gui_app()
            bundled_family()  # registers the fonts here, on the GUI thread
        except Exception as error:  # OutputError, FontError: one line, no traceback
            self._pdf_failed(str(error))
            return
        job = PdfExportThread(current, out_path, page_size, self._inputs(), self, fmt, changes)
        what = "Word document" if fmt == "docx" else "PDF"
        progress = QProgressDialog(f"Exporting {what}…", "Cancel", 0, 100, self.window)
        if fmt == "docx":
            progress.setRange(0, 0)  # busy: python-docx reports no progress
        progress.setObjectName("exportProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(job.cancel)
        job.progressed.connect(progress.setValue)
        # Bound slots of this object (of the GUI thread), never lambdas: PySide ran a lambda
        # on the emitting thread, which closed the progress dialog from the export thread.
        job.succeeded.connect(self._pdf_succeeded)
        job.cancelled.connect(self._pdf_cancelled)
        job.failed.connect(self._pdf_failed)
        job.finished.connect(self._job_finished)
        self.job, self.progress = job, progress
        # No garbage collection on the export thread: one that the drawing triggered there
        # freed a dialog's wrapper on that thread, and shiboken crashed deleting it. So the
        # window's garbage is collected here, on the GUI thread, and automatic collection
        # waits until the export ends (reference counting still frees the drawing's objects).
        self._collecting = gc.isenabled()
        gc.collect()
        gc.disable()
        progress.setValue(0)
        progress.show()
        job.start()

    @Slot(int)
    def _pdf_succeeded(self, pages: int) -> None:
        out_path = self.job.out_path if self.job is not None else ""
        self._close_progress()
        counted = f" ({pages} pages)" if pages else ""
        self.window.statusBar().showMessage(f"Exported {out_path}{counted}", 8000)

    @Slot()
    def _pdf_cancelled(self) -> None:
        self._close_progress()
        self.window.statusBar().showMessage("Export cancelled; nothing written", 8000)

    @Slot(str)
    def _pdf_failed(self, message: str) -> None:
        self._close_progress()
        what = "Word document" if self._fmt == "docx" else "PDF"
        QMessageBox.warning(
            self.window, f"Export {what.split()[0]}", f"The {what} could not be written:\n{message}"
        )

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    @Slot()
    def _job_finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        if self._collecting:
            gc.enable()

    def stop(self) -> None:
        """On closing the window: cancel a running export and wait for its thread."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait()

    # --- STIX and CSV ----------------------------------------------------------------------
    def export_as(self) -> None:
        current = briefing_to_export(self.window, self.document, "Export as")
        if current is None:
            return
        filters = ";;".join(EXPORT_FILTERS.values())
        out, chosen, with_changes = save_path(
            self.window,
            "Export as",
            self._default(".json"),
            filters,
            option=self._changes_option(word_only=True),
        )
        if not out:
            return
        fmt = next((f for f, label in EXPORT_FILTERS.items() if label == chosen), None)
        fmt = SUFFIX_FORMATS.get(Path(out).suffix.lower(), fmt) or "stix"
        if fmt == "docx":
            remembered = str(self.settings.value(PAGE_SIZE_SETTING, "A4"))
            size = remembered if remembered in PAGE_LABELS else "A4"
            changes = changes_section(self.document) if with_changes else None
            self.start_pdf(current, out, size, fmt, changes)
            return
        self.export_interchange(current, out, fmt)

    def export_interchange(self, current: Briefing, out: str, fmt: str) -> bool:
        from briefing.interchange import export_file

        try:
            written = export_file(current, out, fmt, self._inputs())
        except (OutputError, ValueError) as error:
            QMessageBox.warning(self.window, "Export as", str(error))
            return False
        names = ", ".join(p.name for p in written)
        self.window.statusBar().showMessage(f"Exported {names}", 8000)
        return True

    # --- import ----------------------------------------------------------------------------
    def import_timeline(self) -> None:
        start = str(Path(self.document.path).parent) if self.document.path else ""
        source, _ = QFileDialog.getOpenFileName(
            self.window, "Import timeline", start, IMPORT_FILTER
        )
        if not source:
            return
        out, _ = QFileDialog.getSaveFileName(
            self.window,
            "Save the imported briefing as",
            str(Path(source).with_suffix(".yaml")),
            "Briefings (*.yaml *.yml)",
        )
        if out:
            self.import_to(source, out)

    def import_to(self, source: str, out: str) -> bool:
        """Import `source`, write the briefing to `out` (never over `source`), open it."""
        from briefing.interchange import ImportFailed, import_file
        from briefing.output import check_output

        try:
            check_output(out, [source])
            imported = import_file(source)
            notes = imported.notes
            # The YAML the import checked (size, loads back): written as it is, not again.
            write_file(out, imported.yaml, [source])
        except ImportFailed as failure:
            messages = list(failure.messages[:MAX_SHOWN_MESSAGES])
            if len(failure.messages) > MAX_SHOWN_MESSAGES:
                messages.append(f"… and {len(failure.messages) - MAX_SHOWN_MESSAGES:,} more")
            box = QMessageBox(QMessageBox.Icon.Warning, "Import", "", parent=self.window)
            box.setObjectName("importFailedBox")
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setText(f"{Path(source).name} could not be imported; nothing was written.")
            box.setDetailedText("\n".join(messages))
            box.exec()
            return False
        except OutputError as error:
            QMessageBox.warning(self.window, "Import", str(error))
            return False
        carried = f"; could not carry: {'; '.join(notes)}" if notes else ""
        message = f"Imported {Path(source).name} as {Path(out).name}{carried}"

        def say() -> None:  # after the window's own end-of-load message is cleared
            self.document.loadFinished.disconnect(say)
            self.window.statusBar().showMessage(message, 10_000)

        self.document.loadFinished.connect(say)
        self.window.open_file(out)
        return True
