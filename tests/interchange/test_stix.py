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


def _notes(bundle, label):
    """The notes made from one kind of entity: "event", "force-figure", "fact"..."""
    return [obj for obj in _objects(bundle, "note") if label in obj["labels"]]


def _claims(bundle):
    return [n for n in _objects(bundle, "note") if "x_briefing_claim_kind" in n]


def test_bundled_briefing_passes_the_oasis_validator(briefing):
    results = validate_string(to_stix_json(briefing).decode(), ValidationOptions(version="2.1"))
    errors = [str(error) for error in results.errors]
    assert results.is_valid, errors
    assert errors == []


def test_report_holds_every_object(bundle):
    report, *rest = bundle["objects"]
    assert report["type"] == "report"
    definitions = ("marking-definition", "extension-definition")
    assert report["object_refs"] == [obj["id"] for obj in rest if obj["type"] not in definitions]
    ids = [obj["id"] for obj in bundle["objects"]]
    assert len(ids) == len(set(ids))


def test_every_entity_has_its_object(briefing, bundle):
    assert len(_claims(bundle)) == len(briefing.claims)
    assert len(_notes(bundle, "key-judgment")) == len(briefing.key_judgments)
    assert len(_notes(bundle, "event")) == len(briefing.events)
    assert len(_notes(bundle, "force-figure")) == len(briefing.forces)
    identities = _objects(bundle, "identity")
    assert {i["name"] for i in identities} >= {s.name for s in briefing.sides} | {
        a.name for a in briefing.actors
    }
    report = bundle["objects"][0]
    assert [ref["external_id"] for ref in report["external_references"]] == [
        s.id for s in briefing.sources
    ]


def test_each_assessment_likelihood_lands_on_the_dni_scale(briefing, bundle):
    notes = {n["x_briefing_id"]: n for n in _claims(bundle)}
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
        (note,) = _claims(to_stix(one))
        assert note["confidence"] == DNI[likelihood.value]


def test_sources_and_admiralty_grades_are_carried(briefing, bundle):
    note = next(n for n in _claims(bundle) if n["x_briefing_id"] == "c-ru-units")
    (reference,) = note["external_references"]
    assert reference["source_name"] == "The Moscow Times"
    assert "date: 2020-11-10" in reference["description"]
    assert "kind: press" in reference["description"]
    assert "reliability: F (reliability cannot be judged)" in reference["description"]
    assert note["x_briefing_reliability"] == ["F"]
    assert note["x_briefing_claim_kind"] == "fact"
    assert note["labels"] == ["fact"]


def test_events_keep_their_date_and_precision(bundle):
    events = {e["x_briefing_id"]: e for e in _notes(bundle, "event")}
    decade = events["e-northern-iraq-1990s"]
    assert (decade["x_briefing_date"], decade["x_briefing_date_precision"]) == ("1990s", "decade")
    assert (decade["x_briefing_first_day"], decade["x_briefing_last_day"]) == (
        "1990-01-01T00:00:00.000Z",
        "1999-12-31T00:00:00.000Z",
    )
    assert decade["x_briefing_date_text"] == "during the 1990s"
    assert decade["abstract"].startswith("1990s: ")
    assert events["e-tb2-paraded"]["x_briefing_date_precision"] == "range"


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
    """Objects by what they stand for in the briefing: their type, labels and x_briefing_id or
    name."""
    return {
        (
            obj["type"],
            *obj.get("labels", ()),
            obj.get("x_briefing_id") or obj.get("name") or obj.get("abstract"),
        ): obj
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
    assert after[("note", "event", "e-mou")]["x_briefing_title"] == "Memorandum signed in Moscow"


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
    assert _warnings(to_stix_json(briefing).decode()) == set()
    with_url = json.dumps(_stix(briefings, handling="OPEN"))  # source "aa" has a URL
    hashes = "{302} External reference 'Anadolu Agency' has a URL but no hash."
    assert _warnings(with_url) == {hashes}
    doc = (Path(__file__).resolve().parents[2] / "docs" / "format.md").read_text()
    assert "`{302} External reference 'OUTLET' has a URL but no hash.`" in doc
    assert "{103}" not in doc


def test_the_report_carries_the_briefing_id(briefings):
    assert _stix(briefings, id="tr-karabakh")["objects"][0]["x_briefing_id"] == "tr-karabakh"


# The types OpenCTI imports that a briefing could use, from its client pycti:
# SUPPORTED_STIX_ENTITY_OBJECTS in pycti/utils/opencti_stix2_utils.py. Its bundle splitter
# (pycti/utils/opencti_stix2_splitter.py) sets aside objects of any other type and takes
# references to them out of every `_refs` list. Extension definitions only declare.
OPENCTI_IMPORTS = {"report", "note", "identity", "marking-definition", "event"}
# OpenCTI's reliability vocabulary (reliability_ov), as its identities carry it.
OPENCTI_RELIABILITY = {
    "A": "A - Completely reliable",
    "B": "B - Usually reliable",
    "C": "C - Fairly reliable",
    "D": "D - Not usually reliable",
    "E": "E - Unreliable",
    "F": "F - Reliability cannot be judged",
}


def _errors(bundle_json: str) -> list[str]:
    options = ValidationOptions(version="2.1", strict=True, interop=True)
    return [str(error) for error in validate_string(bundle_json, options).errors]


@pytest.mark.slow
def test_strict_and_interop_validation_find_no_errors(briefing, briefings):
    assert _errors(to_stix_json(briefing).decode()) == []
    no_urls = briefings.data()
    for source in no_urls["sources"]:
        source.pop("url", None)
    assert _errors(json.dumps(_stix(briefings, handling="OPEN", sources=no_urls["sources"]))) == []


def test_strict_mode_refuses_only_the_unhashed_urls(briefings):
    errors = _errors(json.dumps(_stix(briefings, handling="OPEN")))
    assert errors
    assert {error.split(": ", 1)[1] for error in errors} == {
        "{302} External reference 'Anadolu Agency' has a URL but no hash."
    }


def test_ids_are_deterministic_and_shaped_as_uuid4(bundle, briefing):
    import uuid

    ids = [bundle["id"], *(obj["id"] for obj in bundle["objects"])]
    for stix_id in ids:
        value = uuid.UUID(stix_id.split("--", 1)[1])
        assert (value.version, value.variant) == (4, uuid.RFC_4122), stix_id
    assert ids[1:] == [obj["id"] for obj in to_stix(load(BUNDLED))["objects"]]


@pytest.mark.parametrize("handling", [None, "UNCLASSIFIED - open sources only"])
def test_the_stix2_library_parses_the_bundle_without_custom_content(briefings, handling):
    import stix2

    text = json.dumps(_stix(briefings, handling=handling))
    parsed = stix2.parse(text, allow_custom=False)
    assert len(parsed.objects) == len(json.loads(text)["objects"])


def test_the_stix2_library_parses_the_bundled_briefing(briefing):
    import stix2

    parsed = stix2.parse(to_stix_json(briefing).decode(), allow_custom=False)
    assert parsed.objects[0].name == briefing.title


def test_every_source_keeps_its_grade_as_opencti_reads_it(briefing, bundle):
    graded = {
        ref["external_id"]: identity["x_opencti_reliability"]
        for identity in _objects(bundle, "identity")
        if "source" in identity.get("labels", ())
        for ref in identity["external_references"]
    }
    assert graded == {s.id: OPENCTI_RELIABILITY[s.reliability.value] for s in briefing.sources}
    edm = [i for i in _objects(bundle, "identity") if i["name"] == "EDM"]
    assert len(edm) == 1 and len(edm[0]["external_references"]) == 3  # one outlet, one identity


def test_an_outlet_graded_twice_gives_one_identity_per_source(briefings):
    sources = briefings.data()["sources"]
    sources.append({**sources[0], "id": "aa-2", "reliability": "E"})
    bundle = _stix(briefings, sources=sources)
    outlet = sources[0]["outlet"]
    names = {
        i["name"]: i["x_opencti_reliability"]
        for i in _objects(bundle, "identity")
        if "source" in i.get("labels", ())
    }
    assert names[f"{outlet} ({sources[0]['id']})"].startswith(sources[0]["reliability"] + " - ")
    assert names[f"{outlet} (aa-2)"] == "E - Unreliable"
    assert outlet not in names


def test_every_object_is_one_opencti_imports_and_every_note_points_at_one(bundle):
    kinds = {obj["type"] for obj in bundle["objects"]} - {"extension-definition"}
    assert kinds <= OPENCTI_IMPORTS
    imported = {obj["id"] for obj in bundle["objects"] if obj["type"] in OPENCTI_IMPORTS}
    for note in _objects(bundle, "note"):
        assert set(note["object_refs"]) <= imported, note["abstract"]
    report = bundle["objects"][0]
    assert set(report["object_refs"]) <= imported


def test_events_and_figures_are_notes_about_who_is_involved(briefing, bundle):
    sides = {
        s["x_briefing_id"]: s["id"]
        for s in _objects(bundle, "identity")
        if "side" in s.get("labels", ())
    }
    figures = {n["x_briefing_id"]: n for n in _notes(bundle, "force-figure")}
    for force in briefing.forces:
        note = figures[force.id]
        assert note["object_refs"] == [sides[force.side]]
        assert note["abstract"] == f"{force.category}: {force.value_label()}"
    claims = {n["x_briefing_id"]: n for n in _claims(bundle)}
    about = [c for c in briefing.claims if c.events or c.forces]
    assert about
    for claim in about:
        labels = {
            next(o for o in bundle["objects"] if o["id"] == ref)["labels"][0]
            for ref in claims[claim.id]["object_refs"]
        }
        assert labels <= {"event", "force-figure"}, claim.id


def test_analytic_confidence_is_carried_apart_from_the_likelihood(briefings):
    from briefing.loader import load_text

    data = briefings.tradecraft_data()
    data["claims"][2]["confidence_basis"] = "One agency report."
    result = load_text(json.dumps(data))
    assert result.errors == ()
    bundle = to_stix(result.briefing)
    claim = next(n for n in _claims(bundle) if n["x_briefing_id"] == "c-f16")
    assert claim["confidence"] == DNI["likely"]  # STIX's confidence stays the likelihood
    assert claim["x_briefing_analytic_confidence"] == "moderate"
    assert claim["x_briefing_confidence_basis"] == "One agency report."
    judgment = _notes(bundle, "key-judgment")[0]
    assert judgment["x_briefing_analytic_confidence"] == "moderate"
    assert judgment["x_briefing_confidence_basis"] == "One agency report."
    assert "x_briefing_analytic_confidence" not in _notes(bundle, "fact")[0]
    declared = next(o for o in bundle["objects"] if o["type"] == "extension-definition")
    assert "x_briefing_analytic_confidence" in declared["extension_properties"]
    assert validate_string(json.dumps(bundle), ValidationOptions(version="2.1")).is_valid
