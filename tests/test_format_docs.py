"""The format reference and the JSON Schema agree with the loader, example by example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from briefing import loader
from briefing.loader import load_path, load_text
from briefing.model import (
    FORMAT_VERSIONS,
    ClaimKind,
    Confidence,
    Consistency,
    IndicatorStatus,
    Likelihood,
    Qualifier,
    Reliability,
    SourceKind,
)
from briefing.writer import dump

ROOT = Path(__file__).resolve().parent.parent
FORMAT_DOC = ROOT / "docs" / "format.md"
SCHEMA = json.loads((ROOT / "briefing" / "schema.json").read_text())
EXAMPLES = re.findall(r"```yaml\n(.*?)```", FORMAT_DOC.read_text(), re.S)


class _TextDates(yaml.SafeLoader):
    """Safe loading for the schema check, with dates left as the strings the format takes."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_docs_have_an_example_of_every_section():
    assert len(EXAMPLES) >= 6
    text = "\n".join(EXAMPLES)
    for section in (
        "sides:",
        "actors:",
        "sources:",
        "events:",
        "forces:",
        "claims:",
        "key_judgments:",
        "confidence:",
        "assumptions:",
        "alternatives:",
        "consistency:",
        "indicators:",
        "likelihood_note:",
    ):
        assert section in text


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.split("title: ")[1].split("\n")[0])
def test_each_example_loads_and_round_trips(example):
    first = load_text(example, "example")
    assert first.errors == ()
    again = load_text(dump(first.briefing), "dumped")
    assert again.errors == ()
    assert again.briefing == first.briefing


def test_bundled_briefing_round_trips():
    original = load_path(ROOT / "data" / "karabakh-2020.yaml").briefing
    assert load_text(dump(original)).briefing == original


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.split("title: ")[1].split("\n")[0])
def test_schema_accepts_each_example(example):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    data = yaml.load(example, Loader=_TextDates)
    errors = [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)]
    assert errors == []


def test_schema_accepts_the_bundled_briefing():
    data = yaml.load((ROOT / "data" / "karabakh-2020.yaml").read_text(), Loader=_TextDates)
    errors = [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)]
    assert errors == []


def test_schema_names_the_fields_and_choices_the_loader_reads():
    defs = SCHEMA["$defs"]
    assert set(SCHEMA["properties"]) == set(loader.BRIEFING_FIELDS)
    for name, fields in [
        ("side", loader.SIDE_FIELDS),
        ("actor", loader.ACTOR_FIELDS),
        ("source", loader.SOURCE_FIELDS),
        ("event", loader.EVENT_FIELDS),
        ("force", loader.FORCE_FIELDS),
        ("claim", loader.CLAIM_FIELDS),
        ("assumption", loader.ASSUMPTION_FIELDS),
        ("alternative", loader.ALTERNATIVE_FIELDS),
        ("indicator", loader.INDICATOR_FIELDS),
    ]:
        assert set(defs[name]["properties"]) == set(fields), name
        required = {key for key, field in fields.items() if field.required}
        assert set(defs[name]["required"]) == required, name
    assert defs["source"]["properties"]["kind"]["enum"] == [k.value for k in SourceKind]
    assert defs["source"]["properties"]["reliability"]["enum"] == [r.value for r in Reliability]
    assert defs["claim"]["properties"]["kind"]["enum"] == [k.value for k in ClaimKind]
    # null: a likelihood left empty, which the loader reads as none given.
    terms = [lk.value for lk in Likelihood]
    assert defs["claim"]["properties"]["likelihood"]["enum"] == [*terms, None]
    assert defs["force"]["properties"]["qualifier"]["enum"] == [q.value for q in Qualifier]
    judgment = defs["key_judgment"]["oneOf"][1]["properties"]
    assert set(judgment) == set(loader.KEY_JUDGMENT_FIELDS)
    levels = [*(level.value for level in Confidence), None]
    assert defs["claim"]["properties"]["confidence"]["enum"] == levels
    assert judgment["confidence"]["enum"] == levels
    consistency = defs["claim"]["properties"]["consistency"]["additionalProperties"]["enum"]
    assert consistency == [mark.value for mark in Consistency]
    assert defs["indicator"]["properties"]["status"]["enum"] == [
        *(status.value for status in IndicatorStatus),
        None,
    ]
    assert SCHEMA["properties"]["format"]["enum"] == list(FORMAT_VERSIONS)


def test_schema_rejects_a_typo_an_editor_should_flag():
    data = yaml.load(EXAMPLES[1].replace("name: Turkey", "nmae: Turkey"), Loader=_TextDates)
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))


def test_schema_says_the_loader_limits():
    defs = SCHEMA["$defs"]
    assert defs["id"]["pattern"] == f"^{loader.ID_PATTERN.pattern}$"
    assert defs["force"]["properties"]["value"]["maximum"] == loader.MAX_COUNT
    assert "\\d" not in defs["date"]["pattern"]  # Python's \d, as jsonschema uses it, is Unicode
    forces = next(e for e in EXAMPLES if "value: 1960" in e)
    data = yaml.load(forces.replace("value: 1960", "value: 1000000000000001"), Loader=_TextDates)
    errors = [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)]
    assert errors and "is greater than the maximum" in errors[0]
