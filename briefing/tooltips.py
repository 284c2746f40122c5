"""Tooltips of events, figures and claims as HTML, built from briefing/words.py; no Qt.

Briefing text is data. Every piece of briefing text is escaped with html.escape, and the result
wrapped in <p>, so Qt never guesses a tooltip's format from text the analyst wrote. URLs are
shown as text, never as links.
"""

from __future__ import annotations

from html import escape

from briefing.model import Briefing, Claim, Event, ForceFigure
from briefing.words import (
    citations,
    confidence_label,
    event_date,
    force_as_of,
    side_name,
    side_names,
)


def _sources_html(briefing: Briefing, source_ids: tuple[str, ...]) -> str:
    cited = citations(briefing, source_ids)
    if not cited:
        return "<br><i>no sources</i>"
    return "".join(f"<br>• {escape(c)}" for c in cited)


def event_tooltip(briefing: Briefing, event: Event) -> str:
    sides = ", ".join(side_names(briefing, event.sides))
    place = f" — {escape(event.place)}" if event.place else ""
    return (
        f"<p><b>{escape(event.title)}</b><br>{escape(event_date(event))}{place}"
        + (f"<br>{escape(sides)}" if sides else "")
        + _sources_html(briefing, event.sources)
        + "</p>"
    )


def force_tooltip(briefing: Briefing, force: ForceFigure) -> str:
    units = "".join(f"<br>{escape(u)}" for u in force.units)
    note = f"<br><i>{escape(force.note)}</i>" if force.note else ""
    return (
        f"<p><b>{escape(side_name(briefing, force.side))}: {escape(force.category)}</b><br>"
        f"{escape(force.value_label())}, {escape(force_as_of(force))}"
        f"{units}{note}{_sources_html(briefing, force.sources)}</p>"
    )


def claim_tooltip(briefing: Briefing, claim: Claim) -> str:
    likelihood = f", {escape(claim.likelihood.value)}" if claim.likelihood else ""
    sources = _sources_html(briefing, claim.sources) if claim.is_sourced else "<br><b>UNSOURCED</b>"
    confidence = confidence_label(claim.confidence, claim.confidence_basis)
    said = f"<br>{escape(confidence)}" if confidence else ""  # apart from the likelihood
    kind = f"<i>{escape(claim.kind.value)}{likelihood}</i>"
    return f"<p>{escape(claim.text)}<br>{kind}{said}{sources}</p>"
