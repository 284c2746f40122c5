"""What the force chart writes beside each figure's side: enough to tell two figures apart."""

from briefing.model import ForceFigure, Qualifier
from briefing.ui.forces import descriptor


def test_every_unit_is_named_not_just_the_first():
    force = ForceFigure(
        "f", "ru", "units", Qualifier.EXACT, 2.0, units=("15th Motorized Rifle", "31st Guards")
    )
    assert descriptor(force) == "15th Motorized Rifle; 31st Guards"


def test_without_units_the_note_up_to_its_first_clause():
    force = ForceFigure(
        "f", "tr", "personnel", Qualifier.UNKNOWN, note="Liaison team; size unknown"
    )
    assert descriptor(force) == "Liaison team"


def test_long_descriptions_are_cut_with_an_ellipsis():
    force = ForceFigure("f", "tr", "units", Qualifier.EXACT, 1.0, units=("x" * 100,))
    text = descriptor(force, limit=20)
    assert len(text) == 20 and text.endswith("…")
