"""Which lane of a timeline an event stands in: its sides' and its actors' sides' lanes."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Briefing

NO_SIDE = ""  # the key of the lane for events no side is given for, directly or by an actor
NO_SIDE_NAME = "No side given"


@dataclass(frozen=True)
class Lanes:
    """A timeline's lanes, one per side in briefing order and one for events with no side if
    any has none, and the lanes each event stands in."""

    keys: list[tuple[str, str]]  # (side id, or NO_SIDE, and the lane's name) per lane
    of_event: list[tuple[int, ...]]  # per event, in briefing order: its lanes, ascending


def event_lanes(briefing: Briefing) -> Lanes:
    """Lanes of the briefing's events: one pass, no Qt, safe on the loading thread."""
    lane_of = {side.id: i for i, side in enumerate(briefing.sides)}
    keys = [(side.id, side.name) for side in briefing.sides]
    actor_side = {a.id: a.side for a in briefing.actors if a.side}
    of_event: list[tuple[int, ...]] = []
    sideless: list[int] = []
    for index, event in enumerate(briefing.events):
        sides = event.sides
        if event.actors:
            sides = {*sides, *(actor_side[a] for a in event.actors if a in actor_side)}
        lanes = tuple(sorted({lane_of[s] for s in sides if s in lane_of}))
        if not lanes:
            sideless.append(index)
        of_event.append(lanes)
    if sideless:
        no_side = (len(keys),)
        keys.append((NO_SIDE, NO_SIDE_NAME))
        for index in sideless:
            of_event[index] = no_side
    return Lanes(keys, of_event)
