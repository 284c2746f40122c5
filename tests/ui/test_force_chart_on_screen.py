"""The force chart on a laptop: labels whole at the right edge, bars that keep their
thickness whatever a filter leaves, and words instead of a blank pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from briefing.drawing.marks import mark_of, mark_reach
from briefing.filters import Filter
from briefing.ui.forces import BAR_PX, NO_FIGURES, NO_MATCH

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "karabakh-2020.yaml"


def test_labels_and_values_are_never_cut_at_the_right_edge(open_window, qtbot) -> None:
    window = open_window(BUNDLED)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 768))
    window.details_dock.hide()  # the chart has its row of the window to itself: ~330 px wide
    window.problems_dock.hide()
    docks = [window.claims_dock, window.timeline_dock]
    window.resizeDocks(docks, [1024 - 330, 330], Qt.Orientation.Horizontal)
    forces = window.forces
    qtbot.waitUntil(lambda: 300 < forces.width() < 360)
    forces.graphics.grab()
    metrics = QFontMetricsF(forces.graphics.font())
    briefing = window.document.briefing
    assert set(forces.drawn_text) == {f.id for f in briefing.forces}
    for (plot, bars), item in zip(forces._plots, forces._items, strict=True):
        width = plot.view.width()
        scale = width / item.extent
        for bar in bars:
            name, label = forces.drawn_text[bar.force.id]
            assert label == forces.label_of(bar.force)  # whole: "about 1,960 · 14 Nov 2020"
            end = bar.length * scale + mark_reach(mark_of(bar.force), BAR_PX) + 4
            assert end + metrics.horizontalAdvance(label) <= width
            # A long name is elided with "…", never cut mid-letter at the edge.
            assert metrics.horizontalAdvance(name) <= width - 4
            assert name == bar.tick or name.endswith("…")


def test_bars_keep_their_thickness_after_a_filter(window, qtbot) -> None:
    forces = window.forces
    forces.graphics.grab()
    assert forces.bar_thickness() == {BAR_PX}
    rows = {plot.titleLabel.text: plot.view.height() / len(bars) for plot, bars in forces._plots}
    with qtbot.waitSignal(window.document.filterChanged):
        window.document.set_filter(Filter(sides=frozenset({"ru"})))
    assert forces.shown_figure_ids() == {"f-ru-troops"}
    forces.graphics.grab()
    assert forces.bar_thickness() == {BAR_PX}  # not ~80 px in a pane left to one figure
    (plot, bars), *_ = forces._plots
    assert plot.view.height() / len(bars) <= max(rows.values()) + 1


def test_an_empty_chart_says_why(window, qtbot, tmp_path, briefings) -> None:
    forces = window.forces
    assert forces.empty_text() == ""
    with qtbot.waitSignal(window.document.filterChanged):
        window.document.set_filter(Filter(text="nothing matches this"))
    assert forces.empty_text() == NO_MATCH == "No figures match the filter"
    assert forces.empty.isVisible() and not forces.scroll.isVisible()
    with qtbot.waitSignal(window.document.filterChanged):
        window.document.set_filter(Filter())
    assert forces.empty_text() == "" and forces.scroll.isVisible()
    path = briefings.write(tmp_path / "none.yaml", forces=[], claims=[])
    with qtbot.waitSignal(window.document.loadFinished):
        window.open_file(path)
    qtbot.waitUntil(lambda: forces.empty_text() == NO_FIGURES)
