"""The recent-files menu shows file names as they are: "&" is a character, not a shortcut."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write_briefing


def test_ampersand_in_a_file_name_shows_literally(qtbot, open_window, tmp_path: Path):
    path = write_briefing(tmp_path / "R&D brief.yaml")
    window = open_window(path)
    window._fill_recent_menu()
    labels = [action.text() for action in window.recent_menu.actions()]
    assert labels[0] == "&1 R&&D brief.yaml"  # Qt shows "&&" as one "&"; "&1" is the shortcut
    assert window.recent_menu.actions()[0].data() == str(path.absolute())
