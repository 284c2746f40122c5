"""Cross-briefing rules: duplicate and dangling ids, unsourced and uncited items, wording.

Each finding is (line, column, severity, message); the loader adds the file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from operator import attrgetter
from typing import Any

from briefing.model import Briefing, ClaimKind, Position
from briefing.problems import Severity

Finding = tuple[int, int, Severity, str]

# Words that estimate rather than report; in a claim marked as fact they suggest an assessment.
ESTIMATIVE_WORDS = (
    "likely",
    "unlikely",
    "probably",
    "probable",
    "possibly",
    "possible",
    "perhaps",
    "may",
    "might",
    "could",
    "expected",
    "expect",
    "anticipate",
    "almost certainly",
    "apparently",
    "presumably",
    "suggests",
)
_ESTIMATIVE = re.compile(r"\b(" + "|".join(ESTIMATIVE_WORDS) + r")\b", re.IGNORECASE)
# The same words for lower-cased text: twice as fast without IGNORECASE, for the bulk search.
_ESTIMATIVE_LOWER = re.compile(r"\b(?:" + "|".join(ESTIMATIVE_WORDS) + r")\b")


def _at(where: Mapping[str, Position], *keys: str) -> Position:
    for key in keys:
        if key in where:
            return where[key]
    return where.get("", (1, 1))


def _duplicates(kind: str, items: Iterable[Any]) -> Iterator[Finding]:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            line, column = _at(item.where, "id")
            yield line, column, Severity.ERROR, f"duplicate {kind} id {item.id!r}"
        seen.add(item.id)


def _references(
    owner: Any, key: str, ids: Iterable[str], known: Mapping[str, Any], kind: str, dropped: set[str]
) -> Iterator[Finding]:
    for index, ref in enumerate(ids):
        if ref not in known and ref not in dropped:
            line, column = _at(owner.where, f"{key}.{index}", key)
            yield line, column, Severity.ERROR, f"no {kind} has the id {ref!r}"


def _refs(owner: Any, key: str) -> tuple[str, ...]:
    value = getattr(owner, key)
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else value


def _dangling(
    owners: Iterable[Any], key: str, known: Mapping[str, Any], kind: str, dropped: set[str]
) -> list[Finding]:
    """References from owners' `key` to ids that do not exist; one set test when all resolve."""
    owners = tuple(owners)
    values = list(map(attrgetter(key), owners))
    if values and isinstance(values[0], tuple):
        referenced = set(chain.from_iterable(values))
    else:
        referenced = set(values)
        referenced.discard(None)
    if referenced <= known.keys():
        return []
    return [
        finding
        for owner in owners
        for finding in _references(owner, key, _refs(owner, key), known, kind, dropped)
    ]


def check(briefing: Briefing, dropped_ids: set[str] | None = None) -> list[Finding]:
    """Every cross-cutting problem of a briefing, in no particular order."""
    dropped = dropped_ids or set()
    b = briefing
    findings: list[Finding] = []
    for kind, items in (
        ("side", b.sides),
        ("actor", b.actors),
        ("source", b.sources),
        ("event", b.events),
        ("force figure", b.forces),
        ("claim", b.claims),
    ):
        findings += _duplicates(kind, items)

    sides, actors, sources = b.sides_by_id, b.actors_by_id, b.sources_by_id
    for owners, key, known, kind in (
        (b.actors, "side", sides, "side"),
        (b.events, "sides", sides, "side"),
        (b.events, "actors", actors, "actor"),
        (b.events, "sources", sources, "source"),
        (b.forces, "side", sides, "side"),
        (b.forces, "sources", sources, "source"),
        (b.claims, "sources", sources, "source"),
        (b.claims, "events", b.events_by_id, "event"),
        (b.claims, "forces", b.forces_by_id, "force figure"),
        (b.key_judgments, "claims", b.claims_by_id, "claim"),
    ):
        findings += _dangling(owners, key, known, kind, dropped)

    for force in b.forces:
        if not force.sources:
            line, column = _at(force.where)
            message = f"force figure {force.id!r} has no source; it will be shown as unsourced"
            findings.append((line, column, Severity.WARNING, message))
    facts = [claim for claim in b.claims if claim.kind is ClaimKind.FACT]
    # One search over all facts' text; claim by claim only when some fact has such a word.
    if _ESTIMATIVE_LOWER.search("\n".join(claim.text for claim in facts).lower()):
        findings += [finding for claim in facts for finding in _estimative_fact(claim)]
    for claim in b.claims:
        findings += _claim_likelihood(claim)

    cited = {ref for item in (*b.events, *b.forces, *b.claims) for ref in item.sources}
    for source in b.sources:
        if source.id not in cited:
            line, column = _at(source.where, "id")
            message = f"source {source.id!r} is never cited by an event, figure or claim"
            findings.append((line, column, Severity.WARNING, message))
    return findings


def _estimative_fact(claim: Any) -> Iterator[Finding]:
    if match := _ESTIMATIVE.search(claim.text):
        line, column = _at(claim.where, "text")
        yield (
            line,
            column,
            Severity.WARNING,
            f"claim {claim.id!r} is marked as fact but says {match[0]!r}, an estimative word; "
            "is it an assessment?",
        )


def _claim_likelihood(claim: Any) -> Iterator[Finding]:
    if claim.kind is ClaimKind.FACT:
        if claim.likelihood is not None:
            line, column = _at(claim.where, "likelihood")
            yield (
                line,
                column,
                Severity.ERROR,
                f"claim {claim.id!r} is a fact and cannot have a likelihood; "
                "make it an assessment or drop the likelihood",
            )
    elif claim.likelihood is None:
        line, column = _at(claim.where, "kind")
        yield (
            line,
            column,
            Severity.WARNING,
            f"{claim.kind.value} {claim.id!r} has no likelihood; give one of the ICD 203 terms",
        )
    if not claim.sources:
        line, column = _at(claim.where)
        yield line, column, Severity.WARNING, f"claim {claim.id!r} has no source: it is unsourced"
