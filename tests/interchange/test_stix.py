"""STIX 2.1 export: a valid bundle, likelihood on the DNI scale, the same bytes every time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from stix2validator import ValidationOptions, validate_string

from briefing.interchange import export_file
from briefing.interchange.stix import to_stix, to_stix_json
from briefing.loader import load
from briefing.model import Likelihood

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "karabakh-2020.yaml"

# STIX 2.1, confidence scales appendix, "DNI Scale to STIX Confidence".
DNI = {
    "almost no chance": 5,
    "very unlikely": 15,
    "unlikely": 30,
    "roughly even chance": 50,
    "likely": 70,
    "very likely": 85,
    "almost certain": 95,
}


@pytest.fixture(scope="module")
def briefing():
    return load(BUNDLED)


@pytest.fixture(scope="module")
def bundle(briefing):
    return to_stix(briefing)


def _objects(bundle, kind):
    return [obj for obj in bundle["objects"] if obj["type"] == kind]


def test_bundled_briefing_passes_the_oasis_validator(briefing):
    results = validate_string(to_stix_json(briefing).decode(), ValidationOptions(version="2.1"))
    errors = [str(error) for error in results.errors]
    assert results.is_valid, errors
    assert errors == []


def test_report_holds_every_object(bundle):
    report, *rest = bundle["objects"]
    assert report["type"] == "report"
    assert report["object_refs"] == [obj["id"] for obj in rest]
    ids = [obj["id"] for obj in bundle["objects"]]
    assert len(ids) == len(set(ids))


def test_every_entity_has_its_object(briefing, bundle):
    notes = _objects(bundle, "note")
    assert len(notes) == len(briefing.claims) + len(briefing.key_judgments)
    assert len(_objects(bundle, "x-briefing-event")) == len(briefing.events)
    assert len(_objects(bundle, "x-briefing-force-figure")) == len(briefing.forces)
    identities = _objects(bundle, "identity")
    assert {i["name"] for i in identities} >= {s.name for s in briefing.sides} | {
        a.name for a in briefing.actors
    }
    report = bundle["objects"][0]
    assert [ref["external_id"] for ref in report["external_references"]] == [
        s.id for s in briefing.sources
    ]


def test_each_assessment_likelihood_lands_on_the_dni_scale(briefing, bundle):
    notes = {n.get("x_briefing_id"): n for n in _objects(bundle, "note")}
    estimated = [c for c in briefing.claims if c.likelihood is not None]
    assert estimated, "the bundled briefing has assessments with a likelihood"
    for claim in estimated:
        note = notes[claim.id]
        assert note["confidence"] == DNI[claim.likelihood.value], claim.id
        assert note["x_briefing_likelihood"] == claim.likelihood.value
    assert {likelihood.value for likelihood in Likelihood} == set(DNI)


def test_every_likelihood_term_maps_to_its_dni_value(briefing):
    from dataclasses import replace

    from briefing.model import ClaimKind

    claim = replace(briefing.claims[0], kind=ClaimKind.ASSESSMENT, credibility=None)
    for likelihood in Likelihood:
        one = replace(briefing, claims=(replace(claim, likelihood=likelihood),))
        note = next(n for n in _objects(to_stix(one), "note") if "x_briefing_id" in n)
        assert note["confidence"] == DNI[likelihood.value]


def test_sources_and_admiralty_grades_are_carried(briefing, bundle):
    note = next(n for n in _objects(bundle, "note") if n.get("x_briefing_id") == "c-ru-units")
    (reference,) = note["external_references"]
    assert reference["source_name"] == "The Moscow Times"
    assert "date: 2020-11-10" in reference["description"]
    assert "kind: press" in reference["description"]
    assert "reliability: F (reliability cannot be judged)" in reference["description"]
    assert note["x_briefing_reliability"] == ["F"]
    assert note["x_briefing_claim_kind"] == "fact"
    assert note["labels"] == ["fact"]


def test_events_keep_their_date_and_precision(bundle):
    events = {e["x_briefing_id"]: e for e in _objects(bundle, "x-briefing-event")}
    decade = events["e-northern-iraq-1990s"]
    assert (decade["date"], decade["date_precision"]) == ("1990s", "decade")
    assert (decade["first_day"], decade["last_day"]) == (
        "1990-01-01T00:00:00.000Z",
        "1999-12-31T00:00:00.000Z",
    )
    assert decade["date_text"] == "during the 1990s"
    assert events["e-tb2-paraded"]["date_precision"] == "range"


def test_same_briefing_gives_the_same_bytes(briefing, tmp_path):
    export_file(briefing, tmp_path / "a.json", "stix")
    export_file(load(BUNDLED), tmp_path / "b.json", "stix")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    stamps = {
        obj.get("created") for obj in json.loads((tmp_path / "a.json").read_text())["objects"]
    }
    assert stamps == {"2020-12-01T00:00:00.000Z"}


def _stix(briefings, **changes) -> dict:
    from briefing.loader import load_text

    result = load_text(briefings.yaml(**changes))
    assert result.errors == (), result.errors
    return to_stix(result.briefing)


def _by_key(bundle) -> dict:
    """Objects by what they stand for in the briefing: their type and x_briefing_id or name."""
    return {
        (obj["type"], obj.get("x_briefing_id") or obj.get("name") or obj.get("abstract")): obj
        for obj in bundle["objects"]
    }


def test_an_edit_exported_with_a_later_revised_is_a_new_version(briefings):
    before = _by_key(_stix(briefings, revised="2020-12-18"))
    events = briefings.data()["events"]
    events[0]["title"] = "Memorandum signed in Moscow"
    after = _by_key(_stix(briefings, events=events, revised="2020-12-19T09:30Z"))
    assert before.keys() == after.keys()
    for key, old in before.items():
        new = after[key]
        assert new["id"] == old["id"], key  # the same object...
        if "modified" in old:
            assert new["created"] == old["created"] == "2020-12-01T00:00:00.000Z"
            assert (old["modified"], new["modified"]) == (
                "2020-12-18T00:00:00.000Z",
                "2020-12-19T09:30:00.000Z",
            )  # ...in a later version, which a consumer takes over the old one
    assert after[("x-briefing-event", "e-mou")]["name"] == "Memorandum signed in Moscow"


def test_modified_is_never_before_created(briefings):
    bundle = _stix(briefings, revised="2019-01-01")
    assert {obj.get("modified") for obj in bundle["objects"]} - {None} == {
        "2020-12-01T00:00:00.000Z"
    }


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({}, {"author": "Someone Else"}),
        ({}, {"publication": "Another Journal"}),
        ({"id": "tr-karabakh"}, {"id": "ru-karabakh"}),
        ({}, {"as_of": "2021-01"}),
    ],
)
def test_two_briefings_with_the_same_title_share_no_ids(briefings, first, second):
    bundles = [_stix(briefings, **changes) for changes in (first, second)]
    ids = [{bundle["id"], *(obj["id"] for obj in bundle["objects"])} for bundle in bundles]
    assert ids[0].isdisjoint(ids[1])


def test_a_briefing_id_keeps_object_ids_through_a_new_title(briefings):
    old = _stix(briefings, id="tr-karabakh")
    new = _stix(briefings, id="tr-karabakh", title="Renamed")
    assert [obj["id"] for obj in old["objects"]] == [obj["id"] for obj in new["objects"]]


def test_a_revised_bundle_passes_the_oasis_validator(briefings):
    bundle = _stix(briefings, id="tr-karabakh", revised="2020-12-19T09:30:15Z")
    results = validate_string(json.dumps(bundle), ValidationOptions(version="2.1"))
    assert results.is_valid, [str(error) for error in results.errors]


def _warnings(bundle_json: str) -> set[str]:
    """The validator's warnings, with the uuids taken out, as docs/format.md lists them."""
    import re

    results = validate_string(bundle_json, ValidationOptions(version="2.1"))
    assert results.is_valid and results.errors == []
    return {
        re.sub(r"--[0-9a-f-]{36}", "--UUID", str(w)).split(": ", 1)[1] for w in results.warnings
    }


def test_the_validator_warns_only_as_the_format_reference_says(briefing, briefings):
    ids = {
        f"{{103}} Given ID value {kind}--UUID is not a valid UUIDv4 ID."
        for kind in (
            "bundle",
            "report",
            "identity",
            "note",
            "x-briefing-event",
            "x-briefing-force-figure",
            "extension-definition",
            "marking-definition",
        )
    }
    assert _warnings(to_stix_json(briefing).decode()) == ids
    with_url = json.dumps(_stix(briefings, handling="OPEN"))  # source "aa" has a URL
    hashes = "{302} External reference 'Anadolu Agency' has a URL but no hash."
    assert _warnings(with_url) == ids | {hashes}
    doc = (Path(__file__).resolve().parents[2] / "docs" / "format.md").read_text()
    assert "`{103} Given ID value TYPE--UUID is not a valid UUIDv4 ID.`" in doc
    assert "`{302} External reference 'OUTLET' has a URL but no hash.`" in doc


def test_the_report_carries_the_briefing_id(briefings):
    assert _stix(briefings, id="tr-karabakh")["objects"][0]["x_briefing_id"] == "tr-karabakh"
