"""What the analyst filters on and what a filter leaves: plain predicates, no Qt.

The document applies these; tests call them directly. A filter narrows every panel the same way:
an event, a force figure or a claim is shown when it matches every part of the filter that is
set. Claim kind narrows the claims only (events and figures have no kind).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from briefing.dates import FuzzyDate
from briefing.model import Briefing, Claim, ClaimKind, Event, ForceFigure, Reliability
from briefing.numbering import claim_numbers, label_number
from briefing.search import (
    SearchIndex,
    claim_words,
    event_words,
    fold,
    force_words,
    search_index,
)


@dataclass(frozen=True)
class Filter:
    """Empty sets and None mean "no restriction"."""

    text: str = ""
    sides: frozenset[str] = frozenset()
    kinds: frozenset[ClaimKind] = frozenset()
    sources: frozenset[str] = frozenset()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    # Admiralty reliability grades: an item is shown when a source it cites has one of them.
    grades: frozenset[Reliability] = frozenset()

    @property
    def is_empty(self) -> bool:
        return self == Filter()


@dataclass(frozen=True)
class Visible:
    """The ids of the items a filter leaves."""

    events: frozenset[str] = frozenset()
    forces: frozenset[str] = frozenset()
    claims: frozenset[str] = frozenset()


@lru_cache(maxsize=16)
def _needle(text: str) -> str:
    return fold(text)


def _contains(needle: str, haystack: Iterable[str | None]) -> bool:
    return any(needle in fold(text) for text in haystack if text)


def _has_grade(briefing: Briefing, source_ids: Iterable[str], f: Filter) -> bool:
    return any(
        source.reliability in f.grades
        for s in source_ids
        if (source := briefing.sources_by_id.get(s)) is not None
    )


def _cited_as_asked(briefing: Briefing, source_ids: Iterable[str], f: Filter) -> bool:
    """Whether an item's sources pass the filter's sources and grades."""
    if f.sources and not (set(source_ids) & f.sources):
        return False
    return not f.grades or _has_grade(briefing, source_ids, f)


def _text_found(
    briefing: Briefing,
    f: Filter,
    folded: str | None,
    words: Callable[[], list[str | None]],
    source_ids: Iterable[str],
) -> bool:
    """Whether the search text is in an item: its folded text from a SearchIndex when there is
    one, else its words (made only then) and its sources' names."""
    if folded is not None:
        return _needle(f.text) in folded
    return _contains(_needle(f.text), [*words(), *_source_words(briefing, source_ids)])


def _overlaps(date: FuzzyDate | None, f: Filter) -> bool | None:
    """Whether a date meets the date range; None when there is no date to judge."""
    if date is None:
        return None
    if f.date_from is not None and date.end < f.date_from:
        return False
    return not (f.date_to is not None and date.start > f.date_to)


def _has_date_range(f: Filter) -> bool:
    return f.date_from is not None or f.date_to is not None


def _source_words(briefing: Briefing, source_ids: Iterable[str]) -> list[str | None]:
    words: list[str | None] = []
    for source_id in source_ids:
        source = briefing.sources_by_id.get(source_id)
        if source is not None:
            words += [source.outlet, source.title, source.citation()]
    return words


def event_sides(briefing: Briefing, event: Event) -> set[str]:
    """The sides of an event: its own, and those of its actors."""
    sides = set(event.sides)
    for actor_id in event.actors:
        actor = briefing.actors_by_id.get(actor_id)
        if actor is not None and actor.side:
            sides.add(actor.side)
    return sides


def event_matches(briefing: Briefing, event: Event, f: Filter, folded: str | None = None) -> bool:
    """`folded`: the event's text from a SearchIndex, when there is one."""
    if f.sides and not (event_sides(briefing, event) & f.sides):
        return False
    if not _cited_as_asked(briefing, event.sources, f):
        return False
    if _has_date_range(f) and not _overlaps(event.date, f):
        return False
    if f.text:
        return _text_found(briefing, f, folded, lambda: event_words(briefing, event), event.sources)
    return True


def force_matches(
    briefing: Briefing, force: ForceFigure, f: Filter, folded: str | None = None
) -> bool:
    if f.sides and force.side not in f.sides:
        return False
    if not _cited_as_asked(briefing, force.sources, f):
        return False
    if _has_date_range(f) and _overlaps(force.as_of, f) is False:
        return False
    if f.text:
        return _text_found(briefing, f, folded, lambda: force_words(briefing, force), force.sources)
    return True


def claim_sides(briefing: Briefing, claim: Claim) -> set[str]:
    """The sides a claim is about, through its events and force figures."""
    sides: set[str] = set()
    for event_id in claim.events:
        event = briefing.events_by_id.get(event_id)
        if event is not None:
            sides |= event_sides(briefing, event)
    for force_id in claim.forces:
        force = briefing.forces_by_id.get(force_id)
        if force is not None:
            sides.add(force.side)
    return sides


def _claim_in_range(briefing: Briefing, claim: Claim, f: Filter) -> bool:
    """A claim is dated by its events, else by its sources; an undated claim stays."""
    dates = [briefing.events_by_id[e].date for e in claim.events if e in briefing.events_by_id]
    if not dates:
        dates = [
            source.date
            for s in claim.sources
            if (source := briefing.sources_by_id.get(s)) is not None and source.date is not None
        ]
    if not dates:
        return True
    return any(_overlaps(date, f) for date in dates)


def claim_matches(
    briefing: Briefing,
    claim: Claim,
    f: Filter,
    folded: str | None = None,
    number: int | None = None,
) -> bool:
    """Whether the filter leaves the claim. `folded`: its text from a SearchIndex, when there
    is one; `number`: its printed number, so "C22" typed finds claim 22."""
    if f.kinds and claim.kind not in f.kinds:
        return False
    if f.sides and not (claim_sides(briefing, claim) & f.sides):
        return False
    if not _cited_as_asked(briefing, claim.sources, f):
        return False
    if _has_date_range(f) and not _claim_in_range(briefing, claim, f):
        return False
    if f.text:
        if number is not None and label_number(f.text) == number:
            return True
        return _text_found(briefing, f, folded, lambda: claim_words(claim), claim.sources)
    return True


def visible(briefing: Briefing | None, f: Filter, index: SearchIndex | None = None) -> Visible:
    """The ids of every event, figure and claim the filter leaves.

    `index`: the briefing's folded text (search_index), worked out once per briefing; without
    it a text filter folds every item's text again.
    """
    if briefing is None:
        return Visible()
    if f.text:
        index = index or search_index(briefing)
        numbers = claim_numbers(briefing) if label_number(f.text) is not None else {}
        return Visible(
            frozenset(
                e.id for e in briefing.events if event_matches(briefing, e, f, index.events[e.id])
            ),
            frozenset(
                x.id for x in briefing.forces if force_matches(briefing, x, f, index.forces[x.id])
            ),
            frozenset(
                c.id
                for c in briefing.claims
                if claim_matches(briefing, c, f, index.claims[c.id], numbers.get(c.id))
            ),
        )
    if f.is_empty:
        return Visible(
            frozenset(briefing.events_by_id),
            frozenset(briefing.forces_by_id),
            frozenset(briefing.claims_by_id),
        )
    return Visible(
        frozenset(e.id for e in briefing.events if event_matches(briefing, e, f)),
        frozenset(x.id for x in briefing.forces if force_matches(briefing, x, f)),
        frozenset(c.id for c in briefing.claims if claim_matches(briefing, c, f)),
    )


def date_extent(briefing: Briefing | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day any event, figure or source speaks of."""
    if briefing is None:
        return None
    dates = [e.date for e in briefing.events]
    dates += [x.as_of for x in briefing.forces if x.as_of is not None]
    dates += [s.date for s in briefing.sources if s.date is not None]
    if not dates:
        return None
    return min(d.start for d in dates), max(d.end for d in dates)
