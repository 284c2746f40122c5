"""How a briefing's things are named in words, once for the window, the PDF and the exports."""

from __future__ import annotations

from briefing.loader import load_text
from briefing.model import Likelihood
from briefing.tooltips import force_tooltip
from briefing.words import (
    clipped,
    credibility_label,
    force_summary,
    likelihood_label,
    probability_range,
    side_name,
    side_names,
)


def test_a_likelihood_is_named_with_its_range_of_probabilities() -> None:
    assert probability_range(Likelihood.LIKELY) == "55–80 %"
    assert likelihood_label(Likelihood.LIKELY) == "likely (55–80 %)"
    assert likelihood_label(Likelihood.ALMOST_NO_CHANCE) == "almost no chance (1–5 %)"


def test_a_credibility_grade_is_named_with_its_meaning() -> None:
    assert credibility_label(2) == "2 (probably true)"
    assert credibility_label(6) == "6 (truth cannot be judged)"


def test_a_side_the_briefing_does_not_name_is_shown_by_its_id(briefings) -> None:
    briefing = load_text(briefings.yaml()).briefing
    assert side_name(briefing, "ru") == "Russia"
    assert side_name(briefing, "xx") == "xx"
    assert side_names(briefing, ("tr", "xx", "ru")) == ["Turkey", "Russia"]


def test_a_force_figure_in_one_line_and_in_its_tooltip_names_its_side(briefings) -> None:
    briefing = load_text(briefings.yaml()).briefing
    figure = briefing.forces_by_id["f-ru-troops"]
    assert force_summary(briefing, figure) == f"Russia troops: {figure.value_label()}"
    assert force_tooltip(briefing, figure).startswith("<p><b>Russia: troops</b>")


def test_endless_text_is_clipped_and_says_how_long_it_was() -> None:
    assert clipped("short") == "short"
    assert clipped("x" * 20, limit=5) == "xxxxx… (20 characters in all)"
