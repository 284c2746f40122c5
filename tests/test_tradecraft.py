"""briefing/2's tradecraft fields: how they load on both paths, their checks, and the ACH matrix."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from briefing.ach import ach_matrix
from briefing.checks import confidence_with_likelihood, likelihood_rows
from briefing.loader import LoadResult, load_text
from briefing.model import Confidence, Consistency, IndicatorStatus
from briefing.writer import dump
from tests.conftest import briefing_data, tradecraft_briefing_data


def _load(data: dict[str, Any]) -> LoadResult:
    """Load on the fast path and the exact path; both must give the same model and problems."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    fast, exact = load_text(text), load_text(text, fast=False)
    assert fast.briefing == exact.briefing
    assert fast.problems == exact.problems
    return exact


def _messages(data: dict[str, Any], severity: str | None = None) -> list[str]:
    return [
        f"{p.line}:{p.severity.value}: {p.message}"
        for p in _load(data).problems
        if severity is None or p.severity.value == severity
    ]


def _without_unsourced(messages: list[str]) -> list[str]:
    return [m for m in messages if "unsourced" not in m]


def test_the_tradecraft_fields_load_into_the_model():
    result = _load(tradecraft_briefing_data())
    b = result.briefing
    assert b.format == "briefing/2"
    assert _without_unsourced(_messages(tradecraft_briefing_data())) == []
    judgment = b.key_judgments[0]
    assert judgment.confidence is Confidence.MODERATE
    assert judgment.confidence_basis == "One agency report."
    assert judgment.assumptions == ("a-ties",)
    claim = b.claims_by_id["c-f16"]
    assert claim.consistency_with("h-partners") is Consistency.INCONSISTENT
    assert claim.consistency_with("nope") is None
    assert [a.id for a in b.assumptions] == ["a-ties"]
    claims, judgments = b.resting_on("a-ties")
    assert [c.id for c in claims] == ["c-f16"] and judgments == [judgment]
    assert [i.id for i in b.indicators_bearing_on("h-balance")] == ["i-base", "i-drill"]
    assert b.indicators_by_id["i-base"].status is IndicatorStatus.NOT_SEEN
    assert b.indicators_by_id["i-drill"].seen_on.text == "2020-12-07"


def test_a_tradecraft_briefing_round_trips_through_the_writer():
    original = _load(tradecraft_briefing_data()).briefing
    written = dump(original)
    assert written.startswith("format: briefing/2\n")
    assert "h-partners: inconsistent" in written
    assert load_text(written).briefing == original


def test_a_briefing_1_file_loads_as_before_and_is_written_as_briefing_1():
    data = briefing_data(key_judgments=["Turkey stays."])
    result = _load(data)
    assert result.briefing.format == "briefing/1"
    # No tradecraft warning: a briefing/1 file cannot answer it.
    assert not [m for m in _messages(data) if "confidence" in m]
    assert dump(result.briefing).startswith("format: briefing/1\n")


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda d: d["claims"][2].update(confidence="high"), "'confidence'"),
        (lambda d: d.update(likelihood_note="Same."), "'likelihood_note'"),
        (lambda d: d.update(assumptions=[{"id": "a", "text": "A."}]), "'assumptions'"),
        (lambda d: d.update(key_judgments=[{"text": "K.", "confidence": "low"}]), "'confidence'"),
    ],
)
def test_a_briefing_2_field_in_a_briefing_1_file_is_an_error(change, field):
    data = briefing_data()
    change(data)
    errors = _messages(data, "error")
    assert len(errors) == 1
    assert f"{field} is a field of briefing/2" in errors[0]
    assert "briefing migrate" in errors[0]


def test_a_key_judgment_without_confidence_warns():
    data = tradecraft_briefing_data()
    del data["key_judgments"][0]["confidence"]
    data["key_judgments"].append("A judgment in the short form.")
    warnings = [m for m in _messages(data, "warning") if "no confidence" in m]
    assert [w.split(": ", 1)[1] for w in warnings] == [
        "key judgment 1 has no confidence; give low, moderate or high",
        "key judgment 2 has no confidence; give low, moderate or high",
    ]


def test_confidence_on_a_fact_is_an_error():
    data = tradecraft_briefing_data()
    data["claims"][0]["confidence"] = "high"
    assert any("'c-mou' is a fact and cannot have a confidence" in m for m in _messages(data))


@pytest.mark.parametrize(
    "text, warned",
    [
        ("We assess with high confidence that Turkey will likely stay.", True),
        ("Moderate confidence: a base is probable within the year.", True),
        ("It is almost certainly a rotation, in low-confidence reporting.", True),
        ("We have high confidence in this. Turkey will likely stay.", False),
        ("Turkey will likely stay.", False),
        ("High confidence rests on imagery.", False),
    ],
)
def test_a_confidence_level_and_a_likelihood_term_in_one_sentence_warn(text, warned):
    data = tradecraft_briefing_data(likelihood_note="Both rows mean the same.")
    data["claims"][2]["text"] = text
    mixed = [m for m in _messages(data) if "in one sentence" in m]
    assert bool(mixed) is warned
    if warned:
        assert "claim 'c-f16' puts" in mixed[0]


def test_a_key_judgment_mixing_confidence_and_likelihood_warns():
    data = tradecraft_briefing_data()
    data["key_judgments"][0]["text"] = "We judge with moderate confidence that Turkey likely stays."
    assert any(
        "key judgment 1 puts 'moderate confidence' and 'likely'" in m for m in _messages(data)
    )


def test_the_two_rows_of_terms_mixed_without_a_note_warn_once():
    data = tradecraft_briefing_data()
    data["claims"][2]["text"] = "Turkish F-16s probably stayed."
    data["claims"][3]["text"] = "Talks are likely to fail; a deal is improbable."
    mixed = [m for m in _messages(data) if "both rows" in m]
    assert len(mixed) == 1
    assert "('likely' and 'probably')" in mixed[0]
    noted = tradecraft_briefing_data(likelihood_note="Likely and probable mean the same.")
    noted["claims"] = data["claims"]
    assert not [m for m in _messages(noted) if "both rows" in m]


def test_one_row_alone_or_remote_areas_do_not_warn():
    data = tradecraft_briefing_data()
    data["claims"][2]["text"] = "Likely, very likely, unlikely: one row. Troops in remote areas."
    assert not [m for m in _messages(data) if "both rows" in m]


def test_likelihood_rows_and_sentences():
    assert likelihood_rows("A remote chance, and it is unlikely.") == ("unlikely", "remote")
    assert likelihood_rows("improbable") == (None, "improbable")
    assert likelihood_rows("remote areas, unlikelihood") == (None, None)
    assert confidence_with_likelihood("High confidence. Very likely.") is None


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["claims"][2].update(assumptions=["a-nope"]), "no assumption has the id"),
        (
            lambda d: d["key_judgments"][0].update(assumptions=["a-nope"]),
            "no assumption has the id",
        ),
        (
            lambda d: d["claims"][2]["consistency"].update({"h-nope": "neutral"}),
            "no alternative has the id 'h-nope'",
        ),
        (
            lambda d: d["indicators"][0].update(bears_on=["c-mou"]),
            "no forecast or alternative has the id 'c-mou'",
        ),
        (lambda d: d["indicators"][1].update(sources=["nope"]), "no source has the id 'nope'"),
        (lambda d: d["assumptions"].append(dict(d["assumptions"][0])), "duplicate assumption id"),
        (
            lambda d: d["alternatives"].append(dict(d["alternatives"][0])),
            "duplicate alternative id",
        ),
        (
            lambda d: d["indicators"][0].update(seen_on="2020-11-01"),
            "has a seen_on date but its status is not_seen",
        ),
        (
            lambda d: d["claims"][2]["consistency"].update({"h-balance": "consistant"}),
            "'consistant' is not a consistency (did you mean 'consistent'?)",
        ),
        (lambda d: d["claims"][2].update(confidence="medium"), "'medium' is not a confidence"),
        (lambda d: d["claims"][2].update(consistency=["h-balance"]), "expected a mapping"),
        (lambda d: d["indicators"][0].update(status="spotted"), "not a indicator status"),
    ],
)
def test_each_wrong_reference_or_value_is_an_error_with_its_line(change, message):
    data = tradecraft_briefing_data()
    change(data)
    errors = _messages(data, "error")
    assert len(errors) == 1, errors
    assert message in errors[0]
    assert int(errors[0].split(":")[0]) > 1  # a real line, not the file's first


def test_an_indicator_seen_after_as_of_is_flagged():
    data = tradecraft_briefing_data()
    data["indicators"][1]["seen_on"] = "2021-01-05"
    warnings = [m for m in _messages(data, "warning") if "after the briefing's as-of date" in m]
    assert len(warnings) == 1
    expected = (
        "indicator 'i-drill' was seen on 5 Jan 2021, after the briefing's as-of date (Dec 2020)"
    )
    assert expected in warnings[0]
    # Seen within the as-of month: not after it.
    assert not [m for m in _messages(tradecraft_briefing_data()) if "as-of" in m]


def test_a_seen_indicator_without_date_or_source_warns():
    data = tradecraft_briefing_data()
    del data["indicators"][1]["seen_on"]
    del data["indicators"][1]["sources"]
    warnings = _messages(data, "warning")
    assert any("'i-drill' is seen but says not when" in m for m in warnings)
    assert any("'i-drill' is seen but cites no source" in m for m in warnings)


def test_the_ach_matrix_sorts_claims_by_how_they_discriminate():
    briefing = _load(tradecraft_briefing_data()).briefing
    matrix = ach_matrix(briefing)
    assert [alt.id for alt in matrix.alternatives] == ["h-balance", "h-partners"]
    assert [row.claim.id for row in matrix.rows] == ["c-mou", "c-troops", "c-f16"]
    rows = {row.claim.id: row for row in matrix.rows}
    assert rows["c-f16"].marks == (Consistency.CONSISTENT, Consistency.INCONSISTENT)
    # Inconsistent with both: it favours neither, so it does not discriminate.
    assert rows["c-troops"].discrimination == 0
    assert rows["c-f16"].discrimination == 1
    assert matrix.by_discrimination()[0].claim.id == "c-f16"
    # ACH favours the hypothesis with the fewest inconsistencies.
    assert matrix.inconsistencies() == (1, 2)


def test_a_claim_that_marks_only_some_alternatives_has_none_for_the_rest():
    data = tradecraft_briefing_data()
    data["claims"][1]["consistency"] = {"h-partners": "inconsistent"}
    matrix = ach_matrix(_load(data).briefing)
    row = next(row for row in matrix.rows if row.claim.id == "c-troops")
    assert row.marks == (None, Consistency.INCONSISTENT)
    assert row.discrimination == 0


def test_validate_prints_the_tradecraft_problems_with_their_lines(tmp_path, capsys):
    from briefing.cli import main

    data = tradecraft_briefing_data()
    del data["key_judgments"][0]["confidence"]
    data["claims"][2]["assumptions"] = ["a-nope"]
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:" in out
    assert "warning: key judgment 1 has no confidence" in out
    assert "error: no assumption has the id 'a-nope'" in out
