"""How the window, the PDF and the CLI name things of a briefing in words; no Qt.

Plain text only: the HTML built from these words is in briefing/tooltips.py and the panels.
"""

from __future__ import annotations

from briefing.model import (
    CREDIBILITY_MEANING,
    Assumption,
    Briefing,
    Confidence,
    Consistency,
    Event,
    ForceFigure,
    Indicator,
    IndicatorStatus,
    Likelihood,
    Source,
)
from briefing.numbering import claim_label

# Longest piece of briefing text a panel lays out. Qt's text layout is quadratic in the length
# of an unbroken word: a 1,000,000-character title froze the details panel for 5 minutes
# (tests/reliability/test_hostile_window.py). No real title or claim comes near this.
DISPLAY_LIMIT = 10_000


def side_name(briefing: Briefing, side_id: str) -> str:
    """A side's name, or its id when the briefing names no such side."""
    side = briefing.sides_by_id.get(side_id)
    return side.name if side else side_id


def side_names(briefing: Briefing, side_ids: tuple[str, ...] | set[str]) -> list[str]:
    """The names of the sides the briefing knows, in order; unknown ids are left out."""
    return [briefing.sides_by_id[s].name for s in side_ids if s in briefing.sides_by_id]


def probability_range(likelihood: Likelihood) -> str:
    """ "55–80 %": the probabilities a likelihood word stands for."""
    low, high = likelihood.probability
    return f"{low}–{high} %"


def likelihood_label(likelihood: Likelihood) -> str:
    """ "likely (55–80 %)": the likelihood word with its range of probabilities."""
    return f"{likelihood.value} ({probability_range(likelihood)})"


def credibility_label(credibility: int) -> str:
    """ "2 (probably true)": an information credibility grade with its meaning."""
    meaning = CREDIBILITY_MEANING.get(credibility, "")
    return f"{credibility} ({meaning})"


def confidence_label(confidence: Confidence | None, basis: str | None = None) -> str | None:
    """ "Confidence: moderate — one agency report": analytic confidence, never in the same
    sentence as a likelihood (ICD 203); None when the briefing gives none."""
    if confidence is None:
        return None
    basis = " ".join((basis or "").split())
    return f"Confidence: {confidence.value}" + (f" — {basis}" if basis else "")


# The matrix of competing hypotheses in plain text: a mark per claim and hypothesis, and the
# legend that says what each means. Screen and paper print the same marks.
CONSISTENCY_MARKS = {
    Consistency.CONSISTENT: "+",
    Consistency.INCONSISTENT: "\u2212",
    Consistency.NEUTRAL: "0",
}
CONSISTENCY_LEGEND = "+ consistent, \u2212 inconsistent, 0 neutral, blank: not said"


def indicator_status(briefing: Briefing, indicator: Indicator) -> str:
    """ "not seen", "seen 7 Dec 2020", "seen 7 Dec 2020 — after the as-of date"."""
    if indicator.status is IndicatorStatus.NOT_SEEN:
        return "not seen"
    when = f" {indicator.seen_on.label()}" if indicator.seen_on else ""
    late = " — after the as-of date" if briefing.seen_after_as_of(indicator) else ""
    return f"seen{when}{late}"


def resting_on(briefing: Briefing, assumption: Assumption, numbers: dict[str, int]) -> str:
    """What rests on an assumption: "key judgment 1; C3, C5", or "nothing listed"."""
    claims, judgments = briefing.resting_on(assumption.id)
    order = {id(judgment): n for n, judgment in enumerate(briefing.key_judgments, 1)}
    parts = [f"key judgment {order[id(judgment)]}" for judgment in judgments]
    labels = [claim_label(numbers[claim.id]) for claim in claims if claim.id in numbers]
    if labels:
        parts.append(", ".join(labels))
    return "; ".join(parts) or "nothing listed"


def clipped(text: str, limit: int = DISPLAY_LIMIT) -> str:
    """Text as a panel shows it: whole, or its first `limit` characters and how long it is."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters in all)"


def grade(source: Source) -> str:
    """ "B (usually reliable)": a source's reliability grade with its meaning."""
    return f"{source.reliability.value} ({source.reliability.meaning})"


def short_citation(source: Source) -> str:
    """ "Anadolu Agency, 22 Nov 2020 [B]": the citation with its reliability grade."""
    return f"{source.citation()} [{source.reliability.value}]"


def citations(briefing: Briefing, source_ids: tuple[str, ...]) -> list[str]:
    return [
        short_citation(briefing.sources_by_id[s]) for s in source_ids if s in briefing.sources_by_id
    ]


def event_date(event: Event) -> str:
    """The date as written, and as parsed when the two differ: "last week (7 – 13 Dec 2020)"."""
    parsed = event.date.label()
    written = event.date_label()
    return written if written == parsed else f"{written} ({parsed})"


def force_as_of(force: ForceFigure) -> str:
    return f"as of {force.as_of.label()}" if force.as_of else "date not given"


def force_summary(briefing: Briefing, force: ForceFigure) -> str:
    """ "Russia troops: 1,960": a force figure in one line."""
    return f"{side_name(briefing, force.side)} {force.category}: {force.value_label()}"


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
