"""What links to what across the panels: a selection, and the events, figures and claims it
points at. No Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from briefing.model import Briefing


class ItemKind(StrEnum):
    EVENT = "event"
    FORCE = "force"
    CLAIM = "claim"


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


def linked(briefing: Briefing | None, selection: Selection | None) -> Linked:
    """A claim links to its events and figures; an event or figure to the claims about it."""
    if briefing is None or selection is None:
        return Linked()
    match selection.kind:
        case ItemKind.CLAIM:
            claim = briefing.claims_by_id.get(selection.id)
            if claim is None:
                return Linked()
            return Linked(frozenset(claim.events), frozenset(claim.forces), frozenset({claim.id}))
        case ItemKind.EVENT:
            if selection.id not in briefing.events_by_id:
                return Linked()
            claims = frozenset(c.id for c in briefing.claims_about_event(selection.id))
            return Linked(events=frozenset({selection.id}), claims=claims)
        case ItemKind.FORCE:
            if selection.id not in briefing.forces_by_id:
                return Linked()
            claims = frozenset(c.id for c in briefing.claims_about_force(selection.id))
            return Linked(forces=frozenset({selection.id}), claims=claims)
    return Linked()


def contains(briefing: Briefing, selection: Selection) -> bool:
    """Whether the briefing still holds the selected item (after a reload, say)."""
    ids = {
        ItemKind.EVENT: briefing.events_by_id,
        ItemKind.FORCE: briefing.forces_by_id,
        ItemKind.CLAIM: briefing.claims_by_id,
    }[selection.kind]
    return selection.id in ids
