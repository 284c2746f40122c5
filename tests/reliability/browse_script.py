"""Browses a briefing the way an analyst does, offscreen, then exits: run by test_offline_browsing.

Usage: python -m tests.reliability.browse_script BRIEFING OUT.pdf
Opens the window, selects every claim and event, applies search and filters, opens the About
box and the format reference, exports a PDF through the Export action, and quits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from briefing.links import ItemKind
from briefing.ui.app import application, install_exception_hook, settle
from briefing.ui.main_window import MainWindow


def browse(path: str, out: str) -> int:
    app = application()
    window = MainWindow(restore=False)
    install_exception_hook(window)
    window.show()
    window.open_file_now(path)
    briefing = window.document.briefing
    if briefing is None:
        return 2
    for claim in briefing.claims:
        window.document.select(ItemKind.CLAIM, claim.id)
    for event in briefing.events[:50]:
        window.document.select(ItemKind.EVENT, event.id)
    window.filter_bar.search.setText("troops")
    window.filter_bar.apply()
    for button in (window.filter_bar.sides, window.filter_bar.kinds, window.filter_bar.sources):
        actions = button.menu().actions()
        if actions:
            actions[0].trigger()
    window.filter_bar.clear()
    window.zoom_in_action.trigger()
    window.fit_action.trigger()
    window.toggle_theme_action.trigger()
    # The About box is modal: close it from the event loop once it is up.
    QTimer.singleShot(200, lambda: [w.close() for w in app.topLevelWidgets() if w.isModal()])
    window.about_action.trigger()
    window.format_action.trigger()
    settle(100)
    QFileDialog.getSaveFileName = staticmethod(lambda *_a, **_k: (out, "PDF"))  # type: ignore
    QMessageBox.warning = staticmethod(lambda *_a, **_k: sys.exit(3))  # type: ignore
    window.export_action.trigger()
    if window.exports.job is not None:  # the PDF is drawn on a thread
        window.exports.job.wait()
    settle(100)
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(browse(sys.argv[1], sys.argv[2]))
