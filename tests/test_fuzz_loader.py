"""Property-based fuzzing of the loader: it returns a model or problems, never anything else.

Mutations of the bundled briefing must give a LoadResult (never an exception), with errors
whenever no briefing comes back, positions inside the file, and the same answer from the fast
and the exact path. Random valid briefings written by the writer must load back unchanged.
"""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate
from briefing.dates import parse_date
from briefing.loader import load_text
from briefing.model import (
    Alternative,
    Assumption,
    Briefing,
    Claim,
    ClaimKind,
    Confidence,
    Consistency,
    Event,
    ForceFigure,
    Indicator,
    IndicatorStatus,
    KeyJudgment,
    Likelihood,
    Qualifier,
    Reliability,
    Side,
    Source,
    SourceKind,
)
from briefing.writer import dump
from tests.test_loader import BUNDLED

ORIGINAL = BUNDLED.read_text(encoding="utf-8")
LINES = ORIGINAL.splitlines(keepends=True)
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_BITS = [
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "\t",
    "\x00",
    "'",
    '"',
    "#",
    "|",
    ">",
    "---\n",
    "...\n",
    "? ",
    "%YAML 1.1\n",
    "~",
    "null",
    "no",
    "0x1F",
    ".nan",
    "2021-02-29",
    "1990s",
    "é",
    "\u202e",
    "🛰",
    "\ufeff",
    "\r",
    "  ",
    "\n",
]


@st.composite
def mutated(draw: st.DrawFn, original: list[str] = LINES) -> str:
    lines = list(original)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "swap"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        else:
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            bit = draw(st.sampled_from(YAML_BITS) | st.text(max_size=3))
            cut = 0 if action == "insert" else draw(st.integers(0, 4))
            lines[index] = line[:at] + bit + line[at + cut :]
        if not lines:
            lines = [""]
    return "".join(lines)


def assert_sane(text: str) -> None:
    result = load_text(text, "m.yaml")
    exact = load_text(text, "m.yaml", fast=False)
    assert result == exact, "the fast and the exact path disagree"
    if result.briefing is None:
        assert result.errors, "no briefing and no error"
    else:
        assert not result.errors
    last_line = text.count("\n") + 2
    for problem in result.problems:
        assert 1 <= problem.line <= last_line, problem
        assert problem.column >= 1, problem
        assert problem.message


@QUICK
@given(mutated())
def test_mutated_bundled_briefing_never_crashes(text):
    assert_sane(text)


@pytest.mark.slow
@LONG
@given(mutated())
def test_mutated_bundled_briefing_never_crashes_long(text):
    assert_sane(text)


# A bigger, generated file with a few mutations: most of them leave it block-style YAML that the
# fast path reads, so its problems are located item by item; both paths must still agree.
GENERATED_LINES = generate(40, 7).splitlines(keepends=True)


@QUICK
@given(mutated(GENERATED_LINES))
def test_mutated_generated_briefing_is_located_like_the_exact_path(text):
    assert_sane(text)


@QUICK
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(data):
    from briefing.loader import load_bytes

    result = load_bytes(data, "b.bin")
    assert result.briefing is not None or result.errors


# ----- random valid briefings

ids = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda t: t.strip() == t and t
)
days = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))


@st.composite
def fuzzy_dates(draw: st.DrawFn):
    day = draw(days)
    later = day + dt.timedelta(days=draw(st.integers(0, 900)))
    form = draw(st.sampled_from(["day", "month", "year", "decade", "season", "range"]))
    text = {
        "day": day.isoformat(),
        "month": day.isoformat()[:7],
        "year": str(day.year),
        "decade": f"{day.year // 10 * 10}s",
        "season": f"{draw(st.sampled_from(['spring', 'summer', 'autumn', 'winter']))} {day.year}",
        "range": f"{day.isoformat()}/{later.isoformat()}",
    }[form]
    return parse_date(text)


@st.composite
def briefings(draw: st.DrawFn) -> Briefing:
    side_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    source_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    event_ids = draw(st.lists(ids, max_size=5, unique=True))
    sides = tuple(Side(i, draw(texts)) for i in side_ids)
    sources = tuple(
        Source(
            i,
            draw(texts),
            draw(st.sampled_from(SourceKind)),
            draw(st.sampled_from(Reliability)),
            date=draw(st.none() | fuzzy_dates()),
        )
        for i in source_ids
    )
    events = tuple(
        Event(
            i,
            draw(fuzzy_dates()),
            draw(texts),
            sides=tuple(draw(st.lists(st.sampled_from(side_ids), max_size=2, unique=True))),
            sources=(
                source_ids[0],
                *draw(st.lists(st.sampled_from(source_ids), max_size=2, unique=True)),
            ),
        )
        for i in event_ids
    )
    qualifier = draw(st.sampled_from(Qualifier))
    forces = (
        ForceFigure(
            "f1",
            side_ids[0],
            draw(texts),
            qualifier,
            value=None if qualifier is Qualifier.UNKNOWN else float(draw(st.integers(0, 10**6))),
            sources=(source_ids[0],),
        ),
    )
    # briefing/2's tradecraft: assumptions, alternatives with consistency marks, indicators.
    assumption_ids = draw(st.lists(ids, max_size=3, unique=True))
    alternative_ids = draw(st.lists(ids, max_size=3, unique=True))
    assumptions = tuple(Assumption(i, draw(texts)) for i in assumption_ids)
    alternatives = tuple(
        Alternative(i, draw(texts), draw(st.none() | st.sampled_from(Likelihood)))
        for i in alternative_ids
    )
    claims = []
    for n, kind in enumerate(draw(st.lists(st.sampled_from(ClaimKind), max_size=4))):
        fact = kind is ClaimKind.FACT
        marks = (
            draw(st.lists(st.sampled_from(alternative_ids), unique=True)) if alternative_ids else []
        )
        claims.append(
            Claim(
                f"c{n}",
                draw(texts),
                kind,
                likelihood=None if fact else draw(st.sampled_from(Likelihood)),
                credibility=draw(st.none() | st.integers(1, 6)),
                sources=tuple(draw(st.lists(st.sampled_from(source_ids), max_size=2, unique=True))),
                events=tuple(draw(st.lists(st.sampled_from(event_ids), max_size=2, unique=True)))
                if event_ids
                else (),
                forces=("f1",),
                confidence=None if fact else draw(st.none() | st.sampled_from(Confidence)),
                confidence_basis=None if fact else draw(st.none() | texts),
                assumptions=tuple(draw(st.lists(st.sampled_from(assumption_ids), unique=True)))
                if assumption_ids
                else (),
                consistency=tuple((i, draw(st.sampled_from(Consistency))) for i in marks),
            )
        )
    judgments = tuple(
        KeyJudgment(
            draw(texts),
            confidence=draw(st.none() | st.sampled_from(Confidence)),
            assumptions=tuple(assumption_ids[:1]),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    indicators = tuple(
        Indicator(
            f"i{n}",
            draw(texts),
            status=IndicatorStatus.SEEN if seen else IndicatorStatus.NOT_SEEN,
            bears_on=tuple(alternative_ids[:1]),
            seen_on=draw(fuzzy_dates()) if seen else None,
            sources=(source_ids[0],) if seen else (),
        )
        for n, seen in enumerate(draw(st.lists(st.booleans(), max_size=2)))
    )
    # A briefing/1 file may use none of it; one that does not may be of either version.
    uses_version_2 = any((assumptions, alternatives, indicators, judgments)) or any(
        c.confidence or c.confidence_basis or c.consistency or c.assumptions for c in claims
    )
    versions = ["briefing/2"] if uses_version_2 else ["briefing/1", "briefing/2"]
    return Briefing(
        draw(texts),
        format=draw(st.sampled_from(versions)),
        sides=sides,
        sources=sources,
        events=events,
        forces=forces,
        claims=tuple(claims),
        key_judgments=judgments,
        assumptions=assumptions,
        alternatives=alternatives,
        indicators=indicators,
    )


@QUICK
@given(briefings())
def test_random_valid_briefings_load_back_unchanged(briefing):
    text = dump(briefing)
    result = load_text(text, "r.yaml")
    assert result.errors == (), [str(p) for p in result.errors]
    assert result.briefing == briefing
    assert load_text(text, "r.yaml", fast=False) == result
