"""The window as a whole: shortcuts, settings, recent files, theme, help, screenshots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication

import briefing
from briefing.ui.main_window import MainWindow, about_text, format_dialog
from briefing.ui.theme import Theme


def test_open_and_find_use_standard_shortcuts(window):
    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.export_action.shortcut() == QKeySequence("Ctrl+E")
    window.find_action.trigger()
    assert QApplication.focusWidget() is window.filter_bar.search


def test_layout_and_recent_files_are_remembered_in_the_settings_folder(
    window, qtbot, private_settings, briefing_file
):
    window.forces_dock.hide()
    window.close()
    assert (private_settings / "briefing.ini").exists()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert not again.forces_dock.isVisible()
    assert again.timeline_dock.isVisible()
    assert again.recent_files()[0] == str(briefing_file.absolute())


def test_theme_toggle_switches_palette(window):
    window.set_theme(Theme.LIGHT)
    assert not window.is_dark()
    light = window.palette().color(window.palette().ColorRole.Window).lightness()
    window.toggle_theme_action.trigger()
    assert window.is_dark()
    dark = window.palette().color(window.palette().ColorRole.Window).lightness()
    assert dark < 128 < light
    assert window.theme_actions[Theme.DARK].isChecked()


def test_about_names_the_version():
    assert briefing.__version__ in about_text()


def test_format_reference_opens_offline_and_follows_no_link(qtbot):
    dialog = format_dialog()
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QTextBrowser

    text = dialog.findChild(QTextBrowser, "formatReferenceText")
    assert "briefing/1" in text.toPlainText()
    assert not text.openLinks() and not text.openExternalLinks()


def test_screenshot_renders_the_loaded_window(tmp_path, briefing_file):
    from briefing.ui.app import run

    out = tmp_path / "shot.png"
    assert run(str(briefing_file), screenshot=str(out), size=(1000, 700)) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)


def test_drop_of_a_yaml_file_opens_it(window, qtbot, tmp_path, briefings):
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    other = briefings.write(tmp_path / "other.yaml", title="Dropped")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    drop = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.document.loadFinished, timeout=5000):
        window.dropEvent(drop)
    assert window.document.briefing.title == "Dropped"
    assert Path(window.watcher.path) == other.absolute()
