"""One briefing drawn on screen and on paper: the same colours, lanes and qualifier marks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

import briefing.export.charts as paper_charts
import briefing.ui.forces as screen_forces
from briefing.drawing.lanes import event_lanes
from briefing.drawing.marks import mark_of, paint_figure_mark
from briefing.drawing.palette import NO_SIDE_COLOUR, side_colours
from briefing.export.pdf import export_pdf
from briefing.model import Qualifier
from tests.conftest import chart_briefing_data


@pytest.fixture
def drawn(open_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """Open the chart briefing in the window and export it, recording every figure mark each
    paints (qualifier, colour) and the PDF's timeline."""
    marks: dict[str, list[tuple[Qualifier, str]]] = {"screen": [], "paper": []}

    def recorder(where: str):
        def record(painter, bar, qualifier, colour, *args, **kwargs) -> None:
            marks[where].append((qualifier, colour.name()))
            paint_figure_mark(painter, bar, qualifier, colour, *args, **kwargs)

        return record

    charts: list[object] = []

    def recording(draw):
        def record_chart(self, *args, **kwargs) -> None:
            charts.append(self)
            draw(self, *args, **kwargs)

        return record_chart

    monkeypatch.setattr(screen_forces, "paint_figure_mark", recorder("screen"))
    monkeypatch.setattr(paper_charts, "paint_figure_mark", recorder("paper"))
    for chart in (paper_charts.TimelineChart, paper_charts.ForcePages):
        monkeypatch.setattr(chart, "draw", recording(chart.draw))

    path = tmp_path / "charts.yaml"
    path.write_text(yaml.safe_dump(chart_briefing_data(), sort_keys=False), encoding="utf-8")
    window = open_window(path)
    window.forces.rebuild()
    window.forces.graphics.grab()  # one full paint of the force chart
    export_pdf(window.document.briefing, tmp_path / "charts.pdf")
    timeline = next(c for c in charts if isinstance(c, paper_charts.TimelineChart))
    forces = next(c for c in charts if isinstance(c, paper_charts.ForcePages))
    return {"window": window, "marks": marks, "timeline": timeline, "forces": forces}


def test_screen_and_paper_draw_every_figure_with_the_same_mark_and_colour(drawn) -> None:
    b = drawn["window"].document.briefing
    colours = side_colours(b)
    expected = Counter((mark_of(f), colours[f.side].name()) for f in b.forces)
    assert {mark for mark, _ in expected} == set(Qualifier)  # the briefing has every qualifier
    # The paper's legend shows each mark once, in grey; the rest are the figures.
    legend = Counter((q, NO_SIDE_COLOUR) for q in Qualifier)
    assert Counter(drawn["marks"]["paper"]) - legend == expected
    # The screen paints each figure once per paint; the grab paints them all at least once.
    screen = Counter(drawn["marks"]["screen"])
    assert set(screen) == set(expected)
    assert all(screen[mark] % expected[mark] == 0 for mark in expected)


def test_screen_and_paper_use_the_same_colours_and_lanes(drawn) -> None:
    window, timeline = drawn["window"], drawn["timeline"]
    b = window.document.briefing
    colours = {key: colour.name() for key, colour in side_colours(b).items()}
    screen_lanes = window.timeline.marks.lanes
    assert {lane.key: lane.colour.name() for lane in screen_lanes}.items() <= colours.items()
    assert {lane.side: lane.colour.name() for lane in timeline.lanes}.items() <= colours.items()
    assert {k: c.name() for k, c in window.forces.colours.items()}.items() <= colours.items()
    # No colour of its own: not Turkey's vermillion, nor the blue next to Russia's #2f7fc1.
    assert colours["az"] == "#009e73"

    expected = event_lanes(b)
    keys = [key for key, _ in expected.keys]
    assert [lane.key for lane in screen_lanes] == keys == [lane.side for lane in timeline.lanes]
    marks = window.timeline.marks.marks
    on_screen: dict[str, set[str]] = {}
    for event, lane in zip(marks.event.tolist(), marks.lane.tolist(), strict=True):
        on_screen.setdefault(marks.ids[event], set()).add(keys[lane])
    on_paper = {event: set(lanes) for event, lanes in timeline.lanes_by_event().items()}
    wanted = {e.id: {keys[i] for i in expected.of_event[n]} for n, e in enumerate(b.events)}
    assert on_screen == on_paper == wanted
    assert wanted["e-akar"] == {"tr"}  # sided only through its actor, in that side's lane


def test_unknown_is_a_question_mark_at_zero_on_screen(drawn) -> None:
    bars = {bar.force.id: bar for _, bars in drawn["window"].forces._plots for bar in bars}
    assert bars["f-tr-troops"].length == 0
    assert (Qualifier.UNKNOWN, "#d55e00") in drawn["marks"]["screen"]


def test_screen_and_paper_scale_each_category_alike(drawn) -> None:
    on_paper = {group.category: group.ticks for group in drawn["forces"].blocks}
    assert drawn["window"].forces.category_ticks() == on_paper
    assert on_paper["aircraft"] == [0, 2, 4, 6]  # counts: whole ticks only
