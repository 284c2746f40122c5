"""Claim numbers: the PDF's order (by kind, then file order), shared with the window's search."""

from __future__ import annotations

from briefing.filters import Filter, visible
from briefing.loader import load_text
from briefing.numbering import claim_label, claim_numbers, label_number
from tests.conftest import briefing_data, briefing_yaml


def _briefing_with_forecast_first():
    claims = briefing_data()["claims"]
    reordered = [claims[3], *claims[:3]]  # the forecast first in the file
    return load_text(briefing_yaml(claims=reordered)).briefing


def test_claims_are_numbered_by_kind_then_file_order() -> None:
    current = _briefing_with_forecast_first()
    assert claim_numbers(current) == {"c-mou": 1, "c-troops": 2, "c-f16": 3, "c-open": 4}
    assert claim_label(4) == "C4"


def test_the_pdf_numbers_claims_the_same_way() -> None:
    from briefing.export.content import CLAIM_GROUPS, printed_claims

    current = _briefing_with_forecast_first()
    printed = [c.id for _kind, _title, _anchor, group in printed_claims(current) for c in group]
    assert printed == sorted(claim_numbers(current), key=claim_numbers(current).get)
    assert [kind.value for kind, *_ in CLAIM_GROUPS] == ["fact", "assessment", "forecast"]


def test_a_claim_number_typed_finds_that_claim_only() -> None:
    current = _briefing_with_forecast_first()
    assert label_number(" c 4 ") == 4 and label_number("C") is None and label_number("CX") is None
    assert visible(current, Filter(text="C4")).claims == {"c-open"}
    assert visible(current, Filter(text="c1")).claims == {"c-mou"}
