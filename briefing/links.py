"""What links to what across the panels: a selection, and the events, figures, claims and
sources it points at. No Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from briefing.model import Briefing, Claim, KeyJudgment


class ItemKind(StrEnum):
    EVENT = "event"
    FORCE = "force"
    CLAIM = "claim"
    SOURCE = "source"
    JUDGMENT = "judgment"  # a key judgment, by its number as printed ("1", "2"...)
    ASSUMPTION = "assumption"


@dataclass(frozen=True)
class Selection:
    """The one item the analyst picked, by kind and id."""

    kind: ItemKind
    id: str


@dataclass(frozen=True)
class Linked:
    """What a selection points at across the panels."""

    events: frozenset[str] = field(default_factory=frozenset)
    forces: frozenset[str] = field(default_factory=frozenset)
    claims: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)


def key_judgment(briefing: Briefing, number: str) -> KeyJudgment | None:
    """The key judgment with this printed number ("1" is the first), or None."""
    if not number.isdigit() or not 1 <= int(number) <= len(briefing.key_judgments):
        return None
    return briefing.key_judgments[int(number) - 1]


def linked(briefing: Briefing | None, selection: Selection | None) -> Linked:
    """A claim links to its events, figures and sources; an event to the claims about it; a
    figure to the claims about it and their events; a source to everything that cites it; a
    key judgment to the claims that support it and what they link to; an assumption to the
    claims that rest on it, those that support the key judgments resting on it, and what
    they link to."""
    if briefing is None or selection is None:
        return Linked()
    match selection.kind:
        case ItemKind.CLAIM:
            claim = briefing.claims_by_id.get(selection.id)
            if claim is None:
                return Linked()
            return Linked(
                frozenset(claim.events),
                frozenset(claim.forces),
                frozenset({claim.id}),
                frozenset(claim.sources),
            )
        case ItemKind.EVENT:
            event = briefing.events_by_id.get(selection.id)
            if event is None:
                return Linked()
            claims = frozenset(c.id for c in briefing.claims_about_event(selection.id))
            return Linked(
                events=frozenset({selection.id}), claims=claims, sources=frozenset(event.sources)
            )
        case ItemKind.FORCE:
            force = briefing.forces_by_id.get(selection.id)
            if force is None:
                return Linked()
            about = briefing.claims_about_force(selection.id)
            return Linked(
                events=frozenset(e for c in about for e in c.events if e in briefing.events_by_id),
                forces=frozenset({selection.id}),
                claims=frozenset(c.id for c in about),
                sources=frozenset(force.sources),
            )
        case ItemKind.SOURCE:
            if selection.id not in briefing.sources_by_id:
                return Linked()
            return Linked(
                events=frozenset(e.id for e in briefing.events if selection.id in e.sources),
                forces=frozenset(x.id for x in briefing.forces if selection.id in x.sources),
                claims=frozenset(c.id for c in briefing.claims if selection.id in c.sources),
                sources=frozenset({selection.id}),
            )
        case ItemKind.JUDGMENT:
            judgment = key_judgment(briefing, selection.id)
            if judgment is None:
                return Linked()
            by_id = briefing.claims_by_id
            return _through_claims([by_id[c] for c in judgment.claims if c in by_id])
        case ItemKind.ASSUMPTION:
            if selection.id not in briefing.assumptions_by_id:
                return Linked()
            resting, judgments = briefing.resting_on(selection.id)
            by_id = briefing.claims_by_id
            behind = [by_id[c] for j in judgments for c in j.claims if c in by_id]
            return _through_claims(list({c.id: c for c in (*resting, *behind)}.values()))
    return Linked()


def _through_claims(claims: list[Claim]) -> Linked:
    """The claims, and the events, figures and sources they link to."""
    return Linked(
        frozenset(e for c in claims for e in c.events),
        frozenset(x for c in claims for x in c.forces),
        frozenset(c.id for c in claims),
        frozenset(s for c in claims for s in c.sources),
    )


def items_of(briefing: Briefing, kind: ItemKind) -> dict[str, object]:
    """The items of a kind by id: what a selection of that kind can name."""
    if kind is ItemKind.JUDGMENT:
        return {str(n): j for n, j in enumerate(briefing.key_judgments, 1)}
    return {
        ItemKind.EVENT: briefing.events_by_id,
        ItemKind.FORCE: briefing.forces_by_id,
        ItemKind.CLAIM: briefing.claims_by_id,
        ItemKind.SOURCE: briefing.sources_by_id,
        ItemKind.ASSUMPTION: briefing.assumptions_by_id,
    }[kind]


def contains(briefing: Briefing, selection: Selection) -> bool:
    """Whether the briefing still holds the selected item (after a reload, say)."""
    return selection.id in items_of(briefing, selection.kind)
