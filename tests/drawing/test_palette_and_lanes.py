"""Side colours and timeline lanes: worked out once, for the panels and the PDF alike."""

from __future__ import annotations

from briefing.drawing.lanes import NO_SIDE, NO_SIDE_NAME, event_lanes
from briefing.drawing.palette import NO_SIDE_COLOUR, PALETTE, side_colours
from briefing.loader import load_text
from briefing.model import Briefing
from tests.conftest import briefing_data, briefing_yaml, chart_briefing_data


def _load(data: dict) -> Briefing:
    import yaml

    result = load_text(yaml.safe_dump(data, sort_keys=False), "test.yaml")
    assert result.briefing is not None, result.problems
    return result.briefing


def test_a_side_without_a_colour_takes_the_first_palette_colour_no_side_has() -> None:
    data = briefing_data()
    data["sides"] = [
        {"id": "a", "name": "A", "colour": PALETTE[0]},
        {"id": "b", "name": "B"},
        {"id": "c", "name": "C"},
    ]
    for key in ("events", "forces", "claims"):
        data[key] = []
    colours = {key: colour.name() for key, colour in side_colours(_load(data)).items()}
    assert colours == {"a": PALETTE[0], "b": PALETTE[1], "c": PALETTE[2], NO_SIDE: NO_SIDE_COLOUR}


def test_a_palette_colour_near_one_a_side_gave_itself_is_skipped() -> None:
    data = briefing_data()
    data["sides"].append({"id": "az", "name": "Azerbaijan"})
    for key in ("events", "forces", "claims"):
        data[key] = []
    colours = side_colours(_load(data))
    # Turkey is #d55e00 and Russia #2f7fc1: Okabe-Ito's blue #0072b2 is too close to Russia's.
    assert colours["az"].name() == "#009e73"


def test_sides_keep_their_own_colours() -> None:
    briefing = _load(briefing_data())
    colours = side_colours(briefing)
    assert [colours[side.id].name() for side in briefing.sides] == ["#d55e00", "#2f7fc1"]


def test_an_event_sided_through_an_actor_stands_in_that_side_lane() -> None:
    briefing = _load(chart_briefing_data())
    lanes = event_lanes(briefing)
    sides = [("tr", "Turkey"), ("ru", "Russia"), ("az", "Azerbaijan")]
    assert lanes.keys == [*sides, (NO_SIDE, NO_SIDE_NAME)]
    by_id = {event.id: lanes.of_event[i] for i, event in enumerate(briefing.events)}
    assert by_id["e-akar"] == (0,)  # Akar is Turkish: Turkey's lane, not "no side"
    assert by_id["e-mou"] == (0, 1)
    assert by_id["e-none"] == (3,)


def test_no_side_lane_only_when_an_event_has_no_side() -> None:
    assert event_lanes(_load(briefing_data())).keys == [("tr", "Turkey"), ("ru", "Russia")]
    assert "e-akar" not in briefing_yaml()  # the base briefing has no actor-sided event
