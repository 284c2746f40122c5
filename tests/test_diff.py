"""`briefing diff`: items added, removed and changed in every section, and grades up or down."""

from __future__ import annotations

import json
from typing import Any

import yaml

from briefing.cli import main
from briefing.diff import ChangeKind, Shift, diff, to_json, to_text
from briefing.loader import load_text
from briefing.model import Briefing
from tests.conftest import tradecraft_briefing_data, write_briefing


def _briefing(data: dict[str, Any]) -> Briefing:
    result = load_text(yaml.safe_dump(data, sort_keys=False))
    assert result.errors == (), result.errors
    return result.briefing


def _revised() -> dict[str, Any]:
    """The tradecraft briefing with one item added, one removed and one changed in every list."""
    data = tradecraft_briefing_data()
    data["sides"].append({"id": "az", "name": "Azerbaijan"})
    data["sides"] = [s for s in data["sides"] if s["id"] != "ru"]
    for event in data["events"]:
        event["sides"] = [s for s in event.get("sides", []) if s != "ru"]
    data["forces"] = [f for f in data["forces"] if f["side"] != "ru"]
    data["claims"][1]["forces"] = []
    data["sources"].append({"id": "rfe", "outlet": "RFE/RL", "kind": "press", "reliability": "B"})
    data["sources"][2]["reliability"] = "C"  # edm changed
    data["sources"] = [s for s in data["sources"] if s["id"] != "tass"]
    data["events"] = [e for e in data["events"] if e["id"] != "e-deploy"]
    data["events"][0]["title"] = "Memorandum signed in Moscow"
    data["events"].append({"id": "e-new", "date": "2020-12-01", "title": "New", "sources": ["rfe"]})
    data["forces"][1]["value"] = 6  # f-tr-f16
    data["forces"].append(
        {
            "id": "f-az",
            "side": "az",
            "category": "troops",
            "qualifier": "unknown",
            "sources": ["rfe"],
        }
    )
    claims = {claim["id"]: claim for claim in data["claims"]}
    claims["c-f16"].update(likelihood="very likely", confidence="low", sources=["aa", "rfe"])
    claims["c-open"].update(likelihood="unlikely", confidence="high")
    del claims["c-troops"]
    claims["c-new"] = {"id": "c-new", "text": "New claim.", "kind": "fact", "sources": ["rfe"]}
    data["claims"] = list(claims.values())
    data["key_judgments"][0]["confidence"] = "high"
    data["key_judgments"].append({"text": "A second judgment.", "confidence": "low"})
    data["assumptions"] = [
        {"id": "a-ties", "text": "Ankara and Moscow keep talking, in Syria too."},
        {"id": "a-new", "text": "Baku wants both."},
    ]
    data["alternatives"][1]["likelihood"] = "roughly even chance"
    data["alternatives"].append({"id": "h-third", "text": "Russia alone."})
    data["alternatives"] = [a for a in data["alternatives"] if a["id"] != "h-balance"]
    for claim in data["claims"]:
        claim.get("consistency", {}).pop("h-balance", None)
    data["indicators"] = [data["indicators"][1]]
    data["indicators"][0]["bears_on"] = ["h-partners"]
    data["as_of"] = "2021-01"
    return data


def test_every_kind_of_item_added_removed_and_changed():
    result = diff(_briefing(tradecraft_briefing_data()), _briefing(_revised()))
    found = {(c.section, c.key, c.kind) for c in result.changes}
    added, removed, changed = ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.CHANGED
    for expected in [
        ("briefing", "", changed),
        ("sides", "az", added),
        ("sides", "ru", removed),
        ("sources", "rfe", added),
        ("sources", "tass", removed),
        ("sources", "edm", changed),
        ("events", "e-new", added),
        ("events", "e-deploy", removed),
        ("events", "e-mou", changed),
        ("forces", "f-az", added),
        ("forces", "f-ru-troops", removed),
        ("forces", "f-tr-f16", changed),
        ("claims", "c-new", added),
        ("claims", "c-troops", removed),
        ("claims", "c-f16", changed),
        ("key_judgments", "#1", changed),
        ("key_judgments", "#2", added),
        ("assumptions", "a-new", added),
        ("assumptions", "a-ties", changed),
        ("alternatives", "h-third", added),
        ("alternatives", "h-balance", removed),
        ("alternatives", "h-partners", changed),
        ("indicators", "i-base", removed),
        ("indicators", "i-drill", changed),
    ]:
        assert expected in found, expected
    assert result.of("briefing", "").fields == ("as_of",)
    assert result.of("events", "e-mou").fields == ("title", "sides")
    assert result.of("claims", "c-mou") is not None  # its consistency lost h-balance
    assert result.of("claims", "c-mou").fields == ("consistency",)


def test_likelihood_and_confidence_say_which_way_they_went_and_sources_what_came():
    result = diff(_briefing(tradecraft_briefing_data()), _briefing(_revised()))
    f16 = result.of("claims", "c-f16")
    assert (f16.likelihood, f16.likelihood_from, f16.likelihood_to) == (
        Shift.UP,
        "likely",
        "very likely",
    )
    assert (f16.confidence, f16.confidence_from, f16.confidence_to) == (
        Shift.DOWN,
        "moderate",
        "low",
    )
    assert f16.sources_added == ("rfe",) and f16.sources_removed == ()
    opened = result.of("claims", "c-open")
    assert (opened.likelihood, opened.confidence) == (Shift.DOWN, Shift.GIVEN)
    judgment = result.of("key_judgments", "#1")
    assert (judgment.confidence, judgment.likelihood) == (Shift.UP, None)
    assert result.of("alternatives", "h-partners").likelihood is Shift.UP
    assert result.of("sources", "edm").fields == ("reliability",)


def test_identical_briefings_have_no_changes():
    data = tradecraft_briefing_data()
    result = diff(_briefing(data), _briefing(data))
    assert result.is_empty
    assert to_text(result) == "no changes\n"


def test_key_judgments_match_by_text_then_in_order():
    data = tradecraft_briefing_data()
    data["key_judgments"] = ["First.", "Second.", "Third."]
    new = tradecraft_briefing_data()
    # "Second." moved to the front, "First." reworded, "Third." dropped, one added.
    new["key_judgments"] = ["Second.", "First, reworded.", "Fourth.", "Fifth."]
    result = diff(_briefing(data), _briefing(new))
    changes = [(c.key, c.kind, c.title) for c in result.in_section("key_judgments")]
    assert changes == [
        ("#2", ChangeKind.CHANGED, "First, reworded."),
        ("#3", ChangeKind.CHANGED, "Fourth."),
        ("#4", ChangeKind.ADDED, "Fifth."),
    ]
    # Removed when the new version has fewer.
    fewer = tradecraft_briefing_data(key_judgments=["Second."])
    removed = diff(_briefing(data), _briefing(fewer)).in_section("key_judgments")
    assert [(c.key, c.kind) for c in removed] == [
        ("#1", ChangeKind.REMOVED),
        ("#3", ChangeKind.REMOVED),
    ]


def test_the_text_report_reads_as_a_list_of_changes():
    text = to_text(diff(_briefing(tradecraft_briefing_data()), _briefing(_revised())))
    assert "claims:\n" in text
    assert "  ~ claim c-f16 changed: Turkish F-16s stayed in Azerbaijan.\n" in text
    assert "      likelihood up: likely -> very likely\n" in text
    assert "      confidence down: moderate -> low\n" in text
    assert "      confidence given: high\n" in text
    assert "      sources added: rfe\n" in text
    assert "  - event e-deploy removed: Russian troops deploy\n" in text
    assert "  + key judgment #2 added: A second judgment.\n" in text
    assert text.endswith("\n8 added, 7 removed, 11 changed\n")


def test_control_characters_of_a_title_are_escaped_in_the_text_report():
    old = tradecraft_briefing_data()
    new = tradecraft_briefing_data()
    new["events"][0]["title"] = "Red \x1b[31malert"
    text = to_text(diff(_briefing(old), _briefing(new)))
    assert "\x1b" not in text and "Red \\x1b[31malert" in text


def test_cli_diff_prints_text_and_json(tmp_path, capsys):
    old = write_briefing(tmp_path / "old.yaml", yaml.safe_dump(tradecraft_briefing_data()))
    new = write_briefing(tmp_path / "new.yaml", yaml.safe_dump(_revised()))
    assert main(["diff", str(old), str(new)]) == 0
    assert "likelihood up: likely -> very likely" in capsys.readouterr().out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    f16 = next(c for c in report["changes"] if c.get("key") == "c-f16")
    assert f16["item"] == "claim" and f16["kind"] == "changed"
    assert f16["likelihood"] == "up" and f16["sources_added"] == ["rfe"]
    assert report["counts"] == {"added": 8, "removed": 7, "changed": 11}
    assert report == to_json(diff(_briefing(tradecraft_briefing_data()), _briefing(_revised())))


def test_cli_diff_of_a_broken_file_is_one_error_line_and_exit_1(tmp_path, capsys, briefings):
    good = write_briefing(tmp_path / "good.yaml")
    broken = write_briefing(tmp_path / "broken.yaml", briefings.broken)
    assert main(["diff", str(good), str(broken)]) == 1
    captured = capsys.readouterr()
    assert f"{broken}: 1 error(s); nothing compared" in captured.err
    assert captured.out.startswith(f"{broken}:6:")
    assert main(["diff", str(good), str(tmp_path / "missing.yaml")]) == 1
    assert "cannot read" in capsys.readouterr().out
