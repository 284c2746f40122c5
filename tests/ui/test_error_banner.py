"""The reload-error banner: its problem lines are readable at a narrow window width."""

from __future__ import annotations

import pytest

from tests.conftest import BROKEN_YAML


@pytest.mark.parametrize("repeats", [1, 2], ids=["heading-fits", "heading-too-long"])
def test_one_long_problem_line_is_not_hidden_under_its_scrollbar(
    open_window, tmp_path, qtbot, repeats
):
    path = tmp_path / (
        "a-long-name-for-a-briefing-on-the-peacekeepers-in-karabakh-" * repeats + ".yaml"
    )
    path.write_text(BROKEN_YAML, encoding="utf-8")
    window = open_window(path)
    window.resize(1000, 700)
    problems = window.banner.problems
    # A long file name in the heading does not hold the window wider than 1000 px.
    qtbot.waitUntil(lambda: window.banner_bar.isVisible() and window.width() == 1000)
    assert problems.blockCount() == 1
    bar = problems.horizontalScrollBar()
    qtbot.waitUntil(bar.isVisible)  # the line is wider than the window: it scrolls sideways
    line = problems.fontMetrics().lineSpacing()
    margin = problems.document().documentMargin()
    qtbot.waitUntil(lambda: problems.viewport().height() >= line + 2 * margin)
    # The scrollbar sits below the text, not over it.
    top_of_bar = bar.mapTo(problems, bar.rect().topLeft()).y()
    bottom_of_text = problems.viewport().mapTo(problems, problems.viewport().rect().topLeft()).y()
    assert bottom_of_text + margin + line <= top_of_bar
