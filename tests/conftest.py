"""Helpers that build small test briefings as YAML text, so tests never copy YAML blobs."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

BASE: dict[str, Any] = {
    "format": "briefing/1",
    "title": "Test briefing",
    "as_of": "2020-12",
    "summary": "A small briefing for tests.",
    "sides": [
        {"id": "tr", "name": "Turkey", "colour": "#d55e00"},
        {"id": "ru", "name": "Russia", "colour": "#2f7fc1"},
    ],
    "sources": [
        {
            "id": "aa",
            "outlet": "Anadolu Agency",
            "date": "2020-11-22",
            "kind": "press",
            "reliability": "B",
            "url": "https://www.aa.com.tr/",
        },
        {"id": "tass", "outlet": "TASS", "date": "2020-11-10", "kind": "press", "reliability": "D"},
        {"id": "edm", "outlet": "Eurasia Daily Monitor", "kind": "analysis", "reliability": "B"},
    ],
    "events": [
        {
            "id": "e-mou",
            "date": "2020-11-11",
            "title": "Memorandum signed",
            "sides": ["tr", "ru"],
            "sources": ["edm"],
        },
        {
            "id": "e-iraq",
            "date": "1990s",
            "date_text": "during the 1990s",
            "title": "Operations in northern Iraq",
            "sides": ["tr"],
            "sources": ["edm"],
        },
        {
            "id": "e-deploy",
            "date": "2020-11-10",
            "title": "Russian troops deploy",
            "sides": ["ru"],
            "sources": ["tass"],
        },
        {
            "id": "e-parade",
            "date": "2020-12-07/2020-12-13",
            "date_text": "last week",
            "title": "Drones paraded",
            "sides": ["tr"],
            "sources": ["aa"],
        },
    ],
    "forces": [
        {
            "id": "f-ru-troops",
            "side": "ru",
            "category": "troops",
            "value": 1960,
            "qualifier": "about",
            "as_of": "2020-11-14",
            "sources": ["tass"],
        },
        {
            "id": "f-tr-troops",
            "side": "tr",
            "category": "troops",
            "qualifier": "unknown",
            "sources": ["edm"],
        },
        {
            "id": "f-tr-f16",
            "side": "tr",
            "category": "aircraft",
            "value": 4,
            "qualifier": "at_least",
            "as_of": "2020-10-26",
            "sources": ["aa"],
        },
    ],
    "claims": [
        {
            "id": "c-mou",
            "text": "The ministers signed a memorandum.",
            "kind": "fact",
            "sources": ["edm"],
            "events": ["e-mou"],
        },
        {
            "id": "c-troops",
            "text": "Russia deployed about 1,960 troops.",
            "kind": "fact",
            "sources": ["tass"],
            "events": ["e-deploy"],
            "forces": ["f-ru-troops"],
        },
        {
            "id": "c-f16",
            "text": "Turkish F-16s stayed in Azerbaijan.",
            "kind": "assessment",
            "likelihood": "likely",
            "sources": ["aa"],
            "forces": ["f-tr-f16"],
        },
        {
            "id": "c-open",
            "text": "A statement nobody has sourced yet.",
            "kind": "forecast",
            "likelihood": "roughly even chance",
        },
    ],
}


def briefing_data(**changes: Any) -> dict[str, Any]:
    """The base test briefing as plain data, with top-level fields replaced."""
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def chart_briefing_data() -> dict[str, Any]:
    """The base briefing with what charts tell apart: a side with no colour of its own, an
    event sided only through an actor, one with no side at all, and a figure of every
    qualifier."""
    data = briefing_data()
    data["sides"].append({"id": "az", "name": "Azerbaijan"})
    data["actors"] = [{"id": "akar", "name": "Hulusi Akar", "side": "tr"}]
    data["events"] += [
        {"id": "e-akar", "date": "2020-11-12", "title": "Akar speaks", "actors": ["akar"]},
        {"id": "e-none", "date": "2020-11", "title": "Nobody's event", "sources": ["edm"]},
        {"id": "e-az", "date": "2020-11-20", "title": "Baku parade", "sides": ["az"]},
    ]
    data["forces"] += [
        {
            "id": "f-az-tanks",
            "side": "az",
            "category": "troops",
            "value": 800,
            "qualifier": "exact",
        },
        {
            "id": "f-az-drones",
            "side": "az",
            "category": "aircraft",
            "value": 6,
            "qualifier": "at_most",
        },
    ]
    return data


def tradecraft_briefing_data(**changes: Any) -> dict[str, Any]:
    """The base briefing as briefing/2 with every tradecraft field: a key judgment with
    confidence and an assumption, two alternatives, consistency marks and two indicators.
    It raises no tradecraft warning of its own; tests add what they check."""
    data = briefing_data()
    data["format"] = "briefing/2"
    data["assumptions"] = [{"id": "a-ties", "text": "Ankara and Moscow keep talking."}]
    data["alternatives"] = [
        {"id": "h-balance", "text": "Turkey counter-balances Russia.", "likelihood": "likely"},
        {
            "id": "h-partners",
            "text": "Turkey and Russia share the region.",
            "likelihood": "unlikely",
        },
    ]
    data["key_judgments"] = [
        {
            "text": "Turkey stays in Azerbaijan.",
            "claims": ["c-f16"],
            "confidence": "moderate",
            "confidence_basis": "One agency report.",
            "assumptions": ["a-ties"],
        }
    ]
    claims = {claim["id"]: claim for claim in data["claims"]}
    claims["c-f16"].update(
        confidence="moderate",
        assumptions=["a-ties"],
        consistency={"h-balance": "consistent", "h-partners": "inconsistent"},
    )
    claims["c-mou"]["consistency"] = {"h-balance": "neutral", "h-partners": "consistent"}
    claims["c-troops"]["consistency"] = {"h-balance": "inconsistent", "h-partners": "inconsistent"}
    data["indicators"] = [
        {
            "id": "i-base",
            "text": "A base agreement goes to parliament.",
            "bears_on": ["c-open", "h-balance"],
        },
        {
            "id": "i-drill",
            "text": "A joint exercise in Nakhchivan.",
            "bears_on": ["h-balance"],
            "status": "seen",
            "seen_on": "2020-12-07",
            "sources": ["aa"],
        },
    ]
    data.update(changes)
    return data


def briefing_yaml(**changes: Any) -> str:
    return yaml.safe_dump(briefing_data(**changes), sort_keys=False, allow_unicode=True)


def write_briefing(path: Path, text: str | None = None, **changes: Any) -> Path:
    path.write_text(briefing_yaml(**changes) if text is None else text, encoding="utf-8")
    return path


BROKEN_YAML = "format: briefing/1\ntitle: Broken\nevents:\n  - id: e1\n    date: [unclosed\n"


@pytest.fixture
def briefing_file(tmp_path: Path) -> Path:
    return write_briefing(tmp_path / "test.yaml")


class Briefings:
    """The helpers above, as one fixture for tests in any folder."""

    data = staticmethod(briefing_data)
    chart_data = staticmethod(chart_briefing_data)
    tradecraft_data = staticmethod(tradecraft_briefing_data)
    yaml = staticmethod(briefing_yaml)
    write = staticmethod(write_briefing)
    broken = BROKEN_YAML


@pytest.fixture
def briefings() -> Briefings:
    return Briefings()
