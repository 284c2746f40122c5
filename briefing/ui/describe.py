"""Words for the panels: tooltips and details of events, figures, claims and sources.

Briefing text is data. Everything here that returns HTML escapes every piece of briefing text
with html.escape, and wraps the result in <p>, so Qt never guesses a tooltip's format from text
the analyst wrote. URLs are shown as text, never as links.
"""

from __future__ import annotations

from html import escape

from briefing.model import Briefing, Claim, Event, ForceFigure, Source

# Longest piece of briefing text a panel lays out. Qt's text layout is quadratic in the length
# of an unbroken word: a 1,000,000-character title froze the details panel for 5 minutes
# (tests/reliability/test_hostile_window.py). No real title or claim comes near this.
DISPLAY_LIMIT = 10_000


def clipped(text: str, limit: int = DISPLAY_LIMIT) -> str:
    """Text as a panel shows it: whole, or its first `limit` characters and how long it is."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters in all)"


def grade(source: Source) -> str:
    return f"{source.reliability.value} ({source.reliability.meaning})"


def short_citation(source: Source) -> str:
    """ "Anadolu Agency, 22 Nov 2020 [B]": the citation with its reliability grade."""
    return f"{source.citation()} [{source.reliability.value}]"


def citations(briefing: Briefing, source_ids: tuple[str, ...]) -> list[str]:
    return [
        short_citation(briefing.sources_by_id[s]) for s in source_ids if s in briefing.sources_by_id
    ]


def side_names(briefing: Briefing, side_ids: tuple[str, ...] | set[str]) -> list[str]:
    return [briefing.sides_by_id[s].name for s in side_ids if s in briefing.sides_by_id]


def event_date(event: Event) -> str:
    """The date as written, and as parsed when the two differ: "last week (7 – 13 Dec 2020)"."""
    parsed = event.date.label()
    written = event.date_label()
    return written if written == parsed else f"{written} ({parsed})"


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


def force_as_of(force: ForceFigure) -> str:
    return f"as of {force.as_of.label()}" if force.as_of else "date not given"


def force_tooltip(briefing: Briefing, force: ForceFigure) -> str:
    side = briefing.sides_by_id.get(force.side)
    side_name = side.name if side else force.side
    units = "".join(f"<br>{escape(u)}" for u in force.units)
    note = f"<br><i>{escape(force.note)}</i>" if force.note else ""
    return (
        f"<p><b>{escape(side_name)}: {escape(force.category)}</b><br>"
        f"{escape(force.value_label())}, {escape(force_as_of(force))}"
        f"{units}{note}{_sources_html(briefing, force.sources)}</p>"
    )


def claim_tooltip(briefing: Briefing, claim: Claim) -> str:
    likelihood = f", {escape(claim.likelihood.value)}" if claim.likelihood else ""
    sources = _sources_html(briefing, claim.sources) if claim.is_sourced else "<br><b>UNSOURCED</b>"
    return f"<p>{escape(claim.text)}<br><i>{escape(claim.kind.value)}{likelihood}</i>{sources}</p>"


def source_details(source: Source) -> list[tuple[str, str]]:
    """Every field of a source as (label, plain text) rows; the URL stays text."""
    rows = [("Outlet", source.outlet)]
    if source.title:
        rows.append(("Title", source.title))
    rows.append(("Date", source.date.label() if source.date else "not given"))
    rows.append(("Kind", source.kind.value.replace("_", " ")))
    rows.append(("Reliability", grade(source)))
    if source.language:
        rows.append(("Language", source.language))
    if source.url:
        rows.append(("URL", source.url))
    if source.note:
        rows.append(("Note", source.note))
    return rows
