"""The Problems list: thousands of mistakes list the first 1,000 and count the rest."""

from __future__ import annotations

from tests.test_limits import EMPTY_EVENTS


def test_problems_list_is_capped_and_says_how_many_more(open_window, tmp_path):
    path = tmp_path / "empties.yaml"
    path.write_text(EMPTY_EVENTS, encoding="utf-8")
    window = open_window(path)
    rows = window.problems.count()
    assert rows == 1001
    assert window.problems.row_texts()[-1].startswith("… and 5,000 more problems")
    assert window.problems_dock.windowTitle() == "Problems (6,000 errors)"
    assert window.status.text() == "6,000 errors (View → Problems)"
    assert "6,000 errors" in window.banner.text()
