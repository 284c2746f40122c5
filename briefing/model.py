"""The briefing as plain frozen dataclasses: no Qt, no YAML, no I/O.

Every entity remembers where its fields were written (`where`, excluded from equality), so that
the cross-checks in `checks.py` can point the analyst at the exact line of a problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from briefing.dates import FuzzyDate
from briefing.pickling import pickled_by_fields

# The version this app writes; it reads every version in FORMAT_VERSIONS. briefing/2 adds the
# tradecraft of ICD 203: confidence, assumptions, alternatives, indicators and a likelihood note.
FORMAT_VERSION = "briefing/2"
FORMAT_VERSIONS = ("briefing/1", "briefing/2")

# (line, column), both counted from 1, of a field or list item in the file.
Position = tuple[int, int]


def _no_positions() -> Mapping[str, Position]:
    return {}


class SourceKind(StrEnum):
    PRESS = "press"
    OFFICIAL = "official"
    SOCIAL_MEDIA = "social_media"
    VIDEO = "video"
    BROADCAST = "broadcast"
    ANALYSIS = "analysis"
    OTHER = "other"


class Reliability(StrEnum):
    """Source reliability on the Admiralty (NATO AJP-2.1) scale."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @property
    def meaning(self) -> str:
        return RELIABILITY_MEANING[self]


RELIABILITY_MEANING = {
    Reliability.A: "completely reliable",
    Reliability.B: "usually reliable",
    Reliability.C: "fairly reliable",
    Reliability.D: "not usually reliable",
    Reliability.E: "unreliable",
    Reliability.F: "reliability cannot be judged",
}

# Information credibility on the Admiralty scale, 1 to 6.
CREDIBILITY_MEANING = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


class ClaimKind(StrEnum):
    FACT = "fact"
    ASSESSMENT = "assessment"
    FORECAST = "forecast"


class Likelihood(StrEnum):
    """The estimative terms of ICD 203, in order, each with the probability range it means."""

    ALMOST_NO_CHANCE = "almost no chance"
    VERY_UNLIKELY = "very unlikely"
    UNLIKELY = "unlikely"
    ROUGHLY_EVEN_CHANCE = "roughly even chance"
    LIKELY = "likely"
    VERY_LIKELY = "very likely"
    ALMOST_CERTAIN = "almost certain"

    @property
    def probability(self) -> tuple[int, int]:
        """The range in percent that ICD 203 gives this term."""
        return LIKELIHOOD_PERCENT[self]


LIKELIHOOD_PERCENT = {
    Likelihood.ALMOST_NO_CHANCE: (1, 5),
    Likelihood.VERY_UNLIKELY: (5, 20),
    Likelihood.UNLIKELY: (20, 45),
    Likelihood.ROUGHLY_EVEN_CHANCE: (45, 55),
    Likelihood.LIKELY: (55, 80),
    Likelihood.VERY_LIKELY: (80, 95),
    Likelihood.ALMOST_CERTAIN: (95, 99),
}


class Confidence(StrEnum):
    """Analytic confidence in a judgment (ICD 203), kept apart from its likelihood; in order."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class Consistency(StrEnum):
    """How a claim bears on a competing hypothesis, in the analysis of competing hypotheses."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    NEUTRAL = "neutral"


class IndicatorStatus(StrEnum):
    NOT_SEEN = "not_seen"
    SEEN = "seen"


class Qualifier(StrEnum):
    """How a force figure's value is meant; "unknown" is not zero."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    UNKNOWN = "unknown"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Side:
    id: str
    name: str
    colour: str | None = None
    where: Mapping[str, Position] = field(default_factory=_no_positions, compare=False, repr=False)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    side: str | None = None
    role: str | None = None
    where: Mapping[str, Position] = field(default_factory=_no_positions, compare=False, repr=False)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Source:
    id: str
    outlet: str
    kind: SourceKind
    reliability: Reliability
    date: FuzzyDate | None = None
    title: str | None = None
    language: str | None = None
    url: str | None = None
    note: str | None = None
    where: Mapping[str, Position] = field(default_factory=_no_positions, compare=False, repr=False)

    def citation(self) -> str:
        """The short form a note shows: "Anadolu Agency, 22 Nov 2020"."""
        return f"{self.outlet}, {self.date.label()}" if self.date else self.outlet


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: FuzzyDate
    title: str
    text: str | None = None
    date_text: str | None = None
    sides: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    place: str | None = None
    sources: tuple[str, ...] = ()
    where: Mapping[str, Position] = field(default_factory=_no_positions, compare=False, repr=False)

    def date_label(self) -> str:
        """The date as the source wrote it where given, else as parsed."""
        return self.date_text or self.date.label()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ForceFigure:
    id: str
    side: str
    category: str
    qualifier: Qualifier
    value: float | None = None
    as_of: FuzzyDate | None = None
    units: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note: str | None = None
    where: Mapping[str, Position] = field(default_factory=_no_positions, compare=False, repr=False)

    def value_label(self) -> str:
        """The value with its qualifier: "about 1,960", "at least 4", "unknown"."""
        if self.qualifier is Qualifier.UNKNOWN or self.value is None:
            return "unknown"
        number = f"{self.value:,.0f}" if float(self.value).is_integer() else f"{self.value:,}"
        prefix = {
            Qualifier.EXACT: "",
            Qualifier.ABOUT: "about ",
            Qualifier.AT_LEAST: "at least ",
            Qualifier.AT_MOST: "at most ",
        }[self.qualifier]
        return prefix + number


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    text: str
    kind: ClaimKind
    likelihood: Likelihood | None = None
    credibility: int | None = None
    sources: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    forces: tuple[str, ...] = ()
    note: str | None = None
    confidence: Confidence | None = None
    confidence_basis: str | None = None
    assumptions: tuple[str, ...] = ()
    # (alternative id, consistency) in the order written: a tuple keeps the claim hashable.
    consistency: tuple[tuple[str, Consistency], ...] = ()
    where: Mapping[str, Position] = field(default_factory=_no_positions, compare=False, repr=False)

    @property
    def is_sourced(self) -> bool:
        return bool(self.sources)

    def consistency_with(self, alternative_id: str) -> Consistency | None:
        """How this claim bears on one alternative, or None where the briefing does not say."""
        return dict(self.consistency).get(alternative_id)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class KeyJudgment:
    text: str
    claims: tuple[str, ...] = ()
    confidence: Confidence | None = None
    confidence_basis: str | None = None
    assumptions: tuple[str, ...] = ()
    where: Mapping[str, Position] = field(default_factory=_no_positions, compare=False, repr=False)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Assumption:
    """A linchpin assumption: taken as true without evidence, and judgments rest on it."""

    id: str
    text: str
    where: Mapping[str, Position] = field(default_factory=_no_positions, compare=False, repr=False)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Alternative:
    """A competing hypothesis or scenario, with how likely the analyst holds it."""

    id: str
    text: str
    likelihood: Likelihood | None = None
    where: Mapping[str, Position] = field(default_factory=_no_positions, compare=False, repr=False)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Indicator:
    """A signpost: what to watch for that would bear on forecasts or alternatives."""

    id: str
    text: str
    status: IndicatorStatus = IndicatorStatus.NOT_SEEN
    bears_on: tuple[str, ...] = ()
    seen_on: FuzzyDate | None = None
    sources: tuple[str, ...] = ()
    where: Mapping[str, Position] = field(default_factory=_no_positions, compare=False, repr=False)


@dataclass(frozen=True)
class Briefing:
    title: str
    format: str = FORMAT_VERSION
    # A stable name for this briefing across its revisions; exports derive their ids from it.
    id: str | None = None
    publication: str | None = None
    author: str | None = None
    as_of: FuzzyDate | None = None
    # When this revision was made, as written: "2020-12-18" or "2020-12-18T14:05Z" (UTC).
    revised: str | None = None
    handling: str | None = None
    summary: str | None = None
    # Says that the two rows of ICD 203 terms ("likely" and "probable") mean the same.
    likelihood_note: str | None = None
    key_judgments: tuple[KeyJudgment, ...] = ()
    sides: tuple[Side, ...] = ()
    actors: tuple[Actor, ...] = ()
    sources: tuple[Source, ...] = ()
    events: tuple[Event, ...] = ()
    forces: tuple[ForceFigure, ...] = ()
    claims: tuple[Claim, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    where: Mapping[str, Position] = field(default_factory=_no_positions, compare=False, repr=False)

    # Lookups by id, built once on first use (cached_property writes past the frozen guard).
    @cached_property
    def sides_by_id(self) -> dict[str, Side]:
        return {side.id: side for side in self.sides}

    @cached_property
    def actors_by_id(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in self.actors}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def events_by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self.events}

    @cached_property
    def forces_by_id(self) -> dict[str, ForceFigure]:
        return {force.id: force for force in self.forces}

    @cached_property
    def claims_by_id(self) -> dict[str, Claim]:
        return {claim.id: claim for claim in self.claims}

    @cached_property
    def assumptions_by_id(self) -> dict[str, Assumption]:
        return {assumption.id: assumption for assumption in self.assumptions}

    @cached_property
    def alternatives_by_id(self) -> dict[str, Alternative]:
        return {alternative.id: alternative for alternative in self.alternatives}

    @cached_property
    def indicators_by_id(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.indicators}

    def resting_on(self, assumption_id: str) -> tuple[list[Claim], list[KeyJudgment]]:
        """The claims and key judgments that depend on an assumption."""
        return (
            [claim for claim in self.claims if assumption_id in claim.assumptions],
            [judgment for judgment in self.key_judgments if assumption_id in judgment.assumptions],
        )

    def indicators_bearing_on(self, item_id: str) -> list[Indicator]:
        """The indicators that bear on a forecast or an alternative."""
        return [indicator for indicator in self.indicators if item_id in indicator.bears_on]

    def seen_after_as_of(self, indicator: Indicator) -> bool:
        """Whether an indicator was seen after the briefing's as-of date: its judgments may be
        out of date. Fuzzy dates count as after only when they start after as_of ends."""
        seen, as_of = indicator.seen_on, self.as_of
        return seen is not None and as_of is not None and seen.start > as_of.end

    def claims_about_event(self, event_id: str) -> list[Claim]:
        return [claim for claim in self.claims if event_id in claim.events]

    def claims_about_force(self, force_id: str) -> list[Claim]:
        return [claim for claim in self.claims if force_id in claim.forces]
