"""What links to what across the panels: a selection, and the events, figures and claims it
points at. No Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from briefing.model import Briefing, KeyJudgment


class ItemKind(StrEnum):
    EVENT = "event"
    FORCE = "force"
    CLAIM = "claim"
    JUDGMENT = "judgment"  # a key judgment, by its number as printed ("1", "2"...)


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


def key_judgment(briefing: Briefing, number: str) -> KeyJudgment | None:
    """The key judgment with this printed number ("1" is the first), or None."""
    if not number.isdigit() or not 1 <= int(number) <= len(briefing.key_judgments):
        return None
    return briefing.key_judgments[int(number) - 1]


def linked(briefing: Briefing | None, selection: Selection | None) -> Linked:
    """A claim links to its events and figures; an event or figure to the claims about it; a
    key judgment to the claims that support it and their events and figures."""
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
        case ItemKind.JUDGMENT:
            judgment = key_judgment(briefing, selection.id)
            if judgment is None:
                return Linked()
            by_id = briefing.claims_by_id
            claims = [by_id[c] for c in judgment.claims if c in by_id]
            return Linked(
                frozenset(e for c in claims for e in c.events),
                frozenset(x for c in claims for x in c.forces),
                frozenset(c.id for c in claims),
            )
        case ItemKind.FORCE:
            if selection.id not in briefing.forces_by_id:
                return Linked()
            claims = frozenset(c.id for c in briefing.claims_about_force(selection.id))
            return Linked(forces=frozenset({selection.id}), claims=claims)
    return Linked()


def contains(briefing: Briefing, selection: Selection) -> bool:
    """Whether the briefing still holds the selected item (after a reload, say)."""
    if selection.kind is ItemKind.JUDGMENT:
        return key_judgment(briefing, selection.id) is not None
    ids = {
        ItemKind.EVENT: briefing.events_by_id,
        ItemKind.FORCE: briefing.forces_by_id,
        ItemKind.CLAIM: briefing.claims_by_id,
    }[selection.kind]
    return selection.id in ids
