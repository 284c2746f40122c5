"""Cross-briefing rules: duplicate and dangling ids, unsourced and uncited items, wording.

Each finding is (line, column, severity, message); the loader adds the file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

from briefing.model import Briefing, ClaimKind, IndicatorStatus, Position
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


# ICD 203's two rows of likelihood terms: a product keeps to one, or says they mean the same.
LIKELIHOOD_ROWS = (
    (
        "almost no chance",
        "very unlikely",
        "unlikely",
        "roughly even chance",
        "likely",
        "very likely",
        "almost certain",
        "almost certainly",
    ),
    (
        "remote",
        "highly improbable",
        "improbable",
        "roughly even odds",
        "probable",
        "probably",
        "highly probable",
        "nearly certain",
        "nearly certainly",
    ),
)
# "remote" counts only where it estimates: "a remote chance", "the prospect is remote".
_ROW_PATTERNS = tuple(
    re.compile(
        r"\b(?:"
        + "|".join(
            r"remote(?=\s+(?:chance|possibility|prospect|likelihood|probability))"
            r"|(?:(?<=\bis )|(?<=\bare )|(?<=\bwas )|(?<=\bremains ))remote\b"
            if term == "remote"
            else re.escape(term)
            for term in row
        )
        + r")\b",
        re.IGNORECASE,
    )
    for row in LIKELIHOOD_ROWS
)
_CONFIDENCE_LEVEL = re.compile(r"\b(?:high|moderate|low)[- ]confidence\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_TRADECRAFT_V1 = "briefing/1"


def likelihood_rows(text: str) -> tuple[str | None, str | None]:
    """The first term of each ICD 203 row that text uses, or None for a row it does not use."""
    found = [pattern.search(text) for pattern in _ROW_PATTERNS]
    return found[0][0] if found[0] else None, found[1][0] if found[1] else None


def confidence_with_likelihood(text: str) -> tuple[str, str] | None:
    """A confidence level and a likelihood term written in one sentence, which ICD 203 forbids:
    the two say different things. None when no sentence has both."""
    for sentence in _SENTENCE_END.split(text):
        level = _CONFIDENCE_LEVEL.search(sentence)
        if level is None:
            continue
        for pattern in _ROW_PATTERNS:
            if term := pattern.search(sentence):
                return level[0], term[0]
    return None


def _at(where: Mapping[str, Position], *keys: str) -> Position:
    for key in keys:
        if key in where:
            return where[key]
    return where.get("", (1, 1))


def _duplicates(kind: str, items: Sequence[Any], by_id: Mapping[str, Any]) -> Iterator[Finding]:
    if len(by_id) == len(items):  # the lookup by id kept every item: no id is repeated
        return
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
) -> tuple[list[Finding], set[str]]:
    """References from owners' `key` to ids that do not exist, and every id referenced; one
    set test when all resolve."""
    owners = tuple(owners)
    values = list(map(attrgetter(key), owners))
    if values and isinstance(values[0], tuple):
        referenced = set(chain.from_iterable(values))
    else:
        referenced = set(values)
        referenced.discard(None)
    if referenced <= known.keys():
        return [], referenced
    findings = [
        finding
        for owner in owners
        for finding in _references(owner, key, _refs(owner, key), known, kind, dropped)
    ]
    return findings, referenced


def check(briefing: Briefing, dropped_ids: set[str] | None = None) -> list[Finding]:
    """Every cross-cutting problem of a briefing, in no particular order."""
    dropped = dropped_ids or set()
    b = briefing
    findings: list[Finding] = []
    for kind, items, by_id in (
        ("side", b.sides, b.sides_by_id),
        ("actor", b.actors, b.actors_by_id),
        ("source", b.sources, b.sources_by_id),
        ("event", b.events, b.events_by_id),
        ("force figure", b.forces, b.forces_by_id),
        ("claim", b.claims, b.claims_by_id),
        ("assumption", b.assumptions, b.assumptions_by_id),
        ("alternative", b.alternatives, b.alternatives_by_id),
        ("indicator", b.indicators, b.indicators_by_id),
    ):
        findings += _duplicates(kind, items, by_id)

    sides, actors, sources = b.sides_by_id, b.actors_by_id, b.sources_by_id
    # The sources that events, figures, claims and indicators cite: gathered by the walks
    # below for their dangling references, not walked again for the uncited sources.
    cited: set[str] = set()
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
        (b.claims, "assumptions", b.assumptions_by_id, "assumption"),
        (b.key_judgments, "assumptions", b.assumptions_by_id, "assumption"),
        (b.indicators, "sources", sources, "source"),
    ):
        dangling, referenced = _dangling(owners, key, known, kind, dropped)
        findings += dangling
        if known is sources:
            cited |= referenced
    if b.format == _TRADECRAFT_V1:
        findings += _version_2_fields(b)
    else:
        findings += _tradecraft(b, dropped)

    for force in b.forces:
        if not force.sources:
            line, column = _at(force.where)
            message = f"force figure {force.id!r} has no source; it will be shown as unsourced"
            findings.append((line, column, Severity.WARNING, message))
    facts = [claim for claim in b.claims if claim.kind is ClaimKind.FACT]
    # One search over all facts' text; claim by claim only when some fact has such a word. The
    # regex is slow on a large text (its alternatives are tried at each word), so it runs only
    # when one of the words is in the text at all, which a substring test tells fast.
    lowered = "\n".join(claim.text for claim in facts).lower()
    if any(word in lowered for word in ESTIMATIVE_WORDS) and _ESTIMATIVE_LOWER.search(lowered):
        findings += [finding for claim in facts for finding in _estimative_fact(claim)]
    if _claim_likelihood_may_find(b.claims, facts):
        for claim in b.claims:
            findings += _claim_likelihood(claim)

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


def _claim_likelihood_may_find(claims: Sequence[Any], facts: Sequence[Any]) -> bool:
    """Whether _claim_likelihood (below) can find anything in these claims: some fact has a
    likelihood, some judgment has none, or some claim is unsourced. Attribute tests over all
    claims at C speed, so a clean briefing skips the claim-by-claim walk."""
    judged = len(claims) - list(map(attrgetter("likelihood"), claims)).count(None)
    return (
        len(claims) - len(facts) != judged
        or any(map(attrgetter("likelihood"), facts))
        or not all(map(attrgetter("sources"), claims))
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


# The fields briefing/2 added to items; a briefing/1 file that uses one is refused. (Those of
# the top level are refused by the loader, which has their positions on both paths.)
_VERSION_2_FIELDS = {
    "claim": ("confidence", "confidence_basis", "assumptions", "consistency"),
    "key judgment": ("confidence", "confidence_basis", "assumptions"),
}


def version_2_message(name: str) -> str:
    return (
        f"{name!r} is a field of briefing/2 but this file says format: briefing/1; "
        "run `briefing migrate` on it"
    )


def _version_2_fields(b: Briefing) -> Iterator[Finding]:
    """Errors for briefing/2 fields in a file that says briefing/1: a reader of briefing/1
    would refuse them, so the file must say the version it is written in."""
    # Item by item only when some item has such a field: one test per field over all items.
    if not any(
        any(map(attrgetter(name), items))
        for items, kind in ((b.claims, "claim"), (b.key_judgments, "key judgment"))
        for name in _VERSION_2_FIELDS[kind]
    ):
        return
    owners: list[tuple[str, Any]] = [("claim", claim) for claim in b.claims]
    owners += [("key judgment", judgment) for judgment in b.key_judgments]
    for kind, owner in owners:
        for name in _VERSION_2_FIELDS[kind]:
            if getattr(owner, name) not in (None, ()):
                line, column = _at(owner.where, name)
                yield line, column, Severity.ERROR, version_2_message(name)


def _tradecraft(b: Briefing, dropped: set[str]) -> list[Finding]:
    """The rules of briefing/2: confidence, alternatives, indicators and ICD 203 wording."""
    findings: list[Finding] = []
    alternatives = b.alternatives_by_id
    for claim in b.claims:
        for alternative, _mark in claim.consistency:
            if alternative not in alternatives and alternative not in dropped:
                line, column = _at(claim.where, "consistency")
                message = f"no alternative has the id {alternative!r}"
                findings.append((line, column, Severity.ERROR, message))
        if claim.kind is ClaimKind.FACT and claim.confidence is not None:
            line, column = _at(claim.where, "confidence")
            message = (
                f"claim {claim.id!r} is a fact and cannot have a confidence; "
                "confidence is for assessments, forecasts and key judgments"
            )
            findings.append((line, column, Severity.ERROR, message))
        if mixed := confidence_with_likelihood(claim.text):
            findings.append(_mixed_sentence(f"claim {claim.id!r}", claim.where, mixed))
    for number, judgment in enumerate(b.key_judgments, start=1):
        if judgment.confidence is None:
            line, column = _at(judgment.where)
            message = f"key judgment {number} has no confidence; give low, moderate or high"
            findings.append((line, column, Severity.WARNING, message))
        if mixed := confidence_with_likelihood(judgment.text):
            findings.append(_mixed_sentence(f"key judgment {number}", judgment.where, mixed))
    forecasts = {claim.id for claim in b.claims if claim.kind is ClaimKind.FORECAST}
    for indicator in b.indicators:
        findings += _indicator(b, indicator, forecasts | alternatives.keys(), dropped)
    if b.likelihood_note is None:
        findings += _mixed_rows(b)
    return findings


def _mixed_sentence(what: str, where: Mapping[str, Position], mixed: tuple[str, str]) -> Finding:
    line, column = _at(where, "text")
    level, term = mixed
    return (
        line,
        column,
        Severity.WARNING,
        f"{what} puts {level!r} and {term!r} in one sentence; ICD 203 keeps confidence and "
        "likelihood apart: say them in separate sentences",
    )


def _indicator(
    b: Briefing, indicator: Any, known: Iterable[str], dropped: set[str]
) -> Iterator[Finding]:
    known = set(known)
    for index, ref in enumerate(indicator.bears_on):
        if ref not in known and ref not in dropped:
            line, column = _at(indicator.where, f"bears_on.{index}", "bears_on")
            yield line, column, Severity.ERROR, f"no forecast or alternative has the id {ref!r}"
    seen = indicator.status is IndicatorStatus.SEEN
    if not seen and indicator.seen_on is not None:
        line, column = _at(indicator.where, "seen_on")
        message = f"indicator {indicator.id!r} has a seen_on date but its status is not_seen"
        yield line, column, Severity.ERROR, message
    if seen and indicator.seen_on is None:
        line, column = _at(indicator.where, "status")
        message = f"indicator {indicator.id!r} is seen but says not when; give seen_on"
        yield line, column, Severity.WARNING, message
    if seen and not indicator.sources:
        line, column = _at(indicator.where, "status")
        message = f"indicator {indicator.id!r} is seen but cites no source"
        yield line, column, Severity.WARNING, message
    if indicator.seen_on and b.as_of and b.seen_after_as_of(indicator):
        line, column = _at(indicator.where, "seen_on")
        yield (
            line,
            column,
            Severity.WARNING,
            f"indicator {indicator.id!r} was seen on {indicator.seen_on.label()}, after the "
            f"briefing's as-of date ({b.as_of.label()}); update as_of or the judgments",
        )


def _mixed_rows(b: Briefing) -> list[Finding]:
    """One warning where the briefing's texts use both rows of ICD 203 terms with no note."""
    texts: list[tuple[str, Mapping[str, Position]]] = [(b.summary or "", b.where)]
    texts += [(judgment.text, judgment.where) for judgment in b.key_judgments]
    texts += [(claim.text, claim.where) for claim in b.claims]
    texts += [(item.text, item.where) for item in (*b.assumptions, *b.alternatives)]
    texts += [(indicator.text, indicator.where) for indicator in b.indicators]
    first: list[tuple[str, Mapping[str, Position]] | None] = [None, None]
    for text, where in texts:
        for row, term in enumerate(likelihood_rows(text)):
            if term is not None and first[row] is None:
                first[row] = (term, where)
        if first[0] and first[1]:
            (one, _), (other, where_other) = first[0], first[1]
            line, column = _at(where_other, "text")
            message = (
                f"the briefing uses both rows of ICD 203 terms ({one!r} and {other!r}) with no "
                "likelihood_note saying they mean the same; keep to one row or add the note"
            )
            return [(line, column, Severity.WARNING, message)]
    return []
