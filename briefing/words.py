"""How the window, the PDF and the CLI name things of a briefing in words; no Qt."""

from __future__ import annotations

from briefing.model import Briefing


def side_name(briefing: Briefing, side_id: str) -> str:
    """A side's name, or its id when the briefing names no such side."""
    side = briefing.sides_by_id.get(side_id)
    return side.name if side else side_id
