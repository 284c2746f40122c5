"""The window as a whole: shortcuts, settings, recent files, theme, help, screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
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


@pytest.mark.slow
def test_a_big_file_loaded_beside_the_start_up_pictures_the_same_window(tmp_path):
    """`briefing open BIG --screenshot` parses in its own process from before Qt is imported;
    the picture is the window as loaded on the UI thread."""
    from bench.generate import generate
    from briefing import loading
    from briefing.ui.app import run

    path = tmp_path / "big.yaml"
    path.write_text(generate(1500), encoding="utf-8")
    assert loading.in_process(str(path))
    shots = tmp_path / "on-ui-thread.png", tmp_path / "beside.png"
    assert run(str(path), screenshot=str(shots[0]), size=(1000, 700)) == 0
    started = loading.start_early(str(path))
    assert run(str(path), screenshot=str(shots[1]), size=(1000, 700), started=started) == 0
    assert started.process.poll() == 0 and started.output.closed  # its whole result was taken
    assert QImage(str(shots[1])) == QImage(str(shots[0]))


def test_a_loading_process_not_used_is_ended(tmp_path):
    """A screenshot refused before the window is built still ends the process begun for it."""
    from bench.generate import generate
    from briefing import loading
    from briefing.ui.app import run

    path = tmp_path / "big.yaml"
    path.write_text(generate(1500), encoding="utf-8")
    started = loading.start_early(str(path))
    assert run(str(path), screenshot=str(tmp_path / "shot.nope"), size=(1000, 700), started=started)
    assert started.process.poll() is not None and started.output.closed
