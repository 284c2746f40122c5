"""What a printed briefing holds and how it is worded, for every paper format (PDF and Word):
section outline, claim and note numbering, the order claims and figures print in, and the
sentences built from the model. No Qt: the formats decide only how it looks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from briefing.ach import AchRow, ach_matrix
from briefing.dates import year_label, year_of_day
from briefing.diff import SECTIONS, BriefingDiff, ChangeKind, details
from briefing.model import (
    Briefing,
    Claim,
    ClaimKind,
    ForceFigure,
    Indicator,
    KeyJudgment,
    Source,
)
from briefing.numbering import CLAIM_ORDER, claim_label, claims_by_kind
from briefing.words import (
    CONSISTENCY_LEGEND,
    CONSISTENCY_MARKS,
    confidence_label,
    force_summary,
    likelihood_label,
    probability_range,
    side_name,
)
from briefing.words import credibility_label as credibility_words

GROUP_TITLES = {
    ClaimKind.FACT: ("Facts", "sec-facts"),
    ClaimKind.ASSESSMENT: ("Assessments", "sec-assessments"),
    ClaimKind.FORECAST: ("Forecasts", "sec-forecasts"),
}
# In numbering's order, so the groups print in the order the claims are numbered.
CLAIM_GROUPS = tuple((kind, *GROUP_TITLES[kind]) for kind in CLAIM_ORDER)

TIMELINE_CAPTION = (
    "Figure 1. The {count} events of the briefing in date order, {first}–{last}, one lane per "
    "side. Rows are in order, not to scale: a dashed line marks a long gap. Notes [n] point to "
    "the source list."
)
FORCES_CAPTION = (
    "Figure 2. Force figures by side, grouped by what is counted, with the date each figure is "
    "as of."
)
FIGURE_HEADINGS = ("Side", "Counted", "Value", "As of", "Units and note", "Sources")
CLAIMS_CAPTION = (
    "Facts as reported; assessments and forecasts with their likelihood in the words of ICD 203 "
    "and the probability range each term means. Notes [n] point to the source list."
)
ACTORS_CAPTION = (
    "The people and bodies the briefing names; the timeline names them under the events they "
    "took part in."
)
ACTOR_HEADINGS = ("Name", "Role", "Side")
SOURCES_CAPTION = (
    "Reliability on the Admiralty scale (A completely reliable … E unreliable, F cannot be "
    "judged). Addresses are printed, never followed."
)
NO_EVENTS = "The briefing lists no events."
NO_FORCES = "The briefing gives no force figures."
NO_CLAIMS = "The briefing makes no claims."
NO_SOURCES = "The briefing lists no sources."
UNSOURCED = "UNSOURCED"
ASSUMPTIONS_CAPTION = (
    "The linchpin assumptions: taken as true without evidence. Each lists the key judgments "
    "and claims that rest on it."
)
ALTERNATIVES_CAPTION = (
    "The competing hypotheses with their likelihood, and how each claim bears on each "
    "(" + CONSISTENCY_LEGEND + "). Claims that tell the hypotheses apart come first."
)
INDICATORS_CAPTION = (
    "What to watch for, with the forecasts and hypotheses each bears on. An indicator seen after "
    "the as-of date may put the judgments it bears on out of date."
)
CHANGES_CAPTION = (
    "What was added, removed or changed since the earlier version, matched by id; for each "
    "judgment whether its likelihood or confidence went up or down."
)
NO_CHANGES = "Nothing changed."
CHANGE_SIGNS = {
    ChangeKind.ADDED: "Added",
    ChangeKind.REMOVED: "Removed",
    ChangeKind.CHANGED: "Changed",
}


@dataclass(frozen=True)
class ChangesSince:
    """The optional "Changes since …" section: what changed since an earlier version, named by
    its file, date or commit."""

    since: str
    diff: BriefingDiff

    @property
    def title(self) -> str:
        return f"Changes since {one_line(self.since)}"


@dataclass(frozen=True)
class Section:
    """An outline entry: a heading's title and anchor, and the entries under it."""

    title: str
    anchor: str
    children: tuple[Section, ...] = ()


def one_line(text: str | None) -> str:
    """Text with its runs of white space (line breaks included) as single spaces."""
    return " ".join((text or "").split())


def words(value: str) -> str:
    """An enum value as words: "official_statement" → "official statement"."""
    return value.replace("_", " ")


def paragraphs(text: str | None) -> list[str]:
    """Briefing prose as paragraphs: blank lines part them, other breaks don't."""
    return [part for part in map(one_line, (text or "").split("\n\n")) if part]


def sections(briefing: Briefing, changes: ChangesSince | None = None) -> list[Section]:
    """The report's outline, as the PDF's bookmarks and the Word headings show it."""
    b = briefing
    claims = tuple(
        Section(title, anchor) for _k, title, anchor, group in printed_claims(b) if group
    )
    found = [
        Section("Cover", "sec-cover"),
        Section("Summary", "sec-summary") if b.summary else None,
        Section("Key judgments", "sec-key-judgments") if b.key_judgments else None,
        Section(changes.title, "sec-changes") if changes else None,
        Section("Timeline", "sec-timeline"),
        Section(
            "Force comparison",
            "sec-forces",
            (Section("The figures in detail", "sec-figures"),) if b.forces else (),
        ),
        Section("Claims", "sec-claims", claims),
        Section("Assumptions", "sec-assumptions") if b.assumptions else None,
        Section("Alternatives", "sec-alternatives") if b.alternatives else None,
        Section("Indicators", "sec-indicators") if b.indicators else None,
        Section("Actors", "sec-actors") if b.actors else None,
        Section("Sources", "sec-sources"),
    ]
    return [section for section in found if section]


# --- numbering --------------------------------------------------------------------------------


def printed_claims(briefing: Briefing) -> list[tuple[ClaimKind, str, str, list[Claim]]]:
    """The claims in the order they print (numbering.claims_by_kind), with each group's
    heading and anchor; claim numbers (C1...) come from numbering.claim_numbers."""
    groups = dict(claims_by_kind(briefing))
    return [(kind, title, anchor, groups.get(kind, [])) for kind, title, anchor in CLAIM_GROUPS]


def printed_forces(briefing: Briefing) -> list[ForceFigure]:
    """Force figures grouped by what they count, in order of first appearance (as charted)."""
    categories = list(dict.fromkeys(f.category for f in briefing.forces))
    return [f for category in categories for f in briefing.forces if f.category == category]


def note_numbers(briefing: Briefing) -> dict[str, int]:
    """Source id → note number, in the order the notes are first met when reading the report
    (timeline, forces, claims); sources nothing cites come last, in file order."""
    order: list[str] = []
    events = sorted(briefing.events, key=lambda e: (e.date.first, e.date.last, e.title))
    for item in (*events, *printed_forces(briefing)):
        order.extend(item.sources)
    for _kind, _title, _anchor, claims in printed_claims(briefing):
        for claim in claims:
            order.extend(claim.sources)
    order.extend(source.id for source in briefing.sources)
    known = briefing.sources_by_id
    return {sid: n for n, sid in enumerate((s for s in dict.fromkeys(order) if s in known), 1)}


def cited_notes(source_ids: list[str] | tuple[str, ...], notes: dict[str, int]) -> list[int]:
    """The note numbers of the sources, once each, in the order given; unknown ids left out."""
    return [notes[sid] for sid in dict.fromkeys(source_ids) if sid in notes]


def judgment_claims(judgment: KeyJudgment, numbers: dict[str, int]) -> list[int]:
    """The claim numbers a key judgment rests on, as it lists them."""
    return [numbers[c] for c in judgment.claims if c in numbers]


def sources_by_note(briefing: Briefing, notes: dict[str, int]) -> list[Source]:
    """The source list in note order."""
    return sorted(briefing.sources, key=lambda s: notes.get(s.id, 10**9))


# --- wording ----------------------------------------------------------------------------------


def side_label(briefing: Briefing, side: str | None) -> str:
    """A side's name, or its id when the briefing does not name it."""
    return side_name(briefing, side) if side else ""


def timeline_caption(briefing: Briefing) -> str:
    """The timeline's caption, its span in years (years BC included)."""
    events = briefing.events
    first = year_label(year_of_day(math.floor(min(e.date.first for e in events))))
    last = year_label(year_of_day(math.ceil(max(e.date.last for e in events)) - 1))
    return TIMELINE_CAPTION.format(count=len(events), first=first, last=last)


def as_of_label(briefing: Briefing) -> str:
    return briefing.as_of.label() if briefing.as_of else "not given"


def likelihood_parts(claim: Claim) -> tuple[str, str, str] | None:
    """("Likelihood: ", the term, " (low–high %)"), "not given" for an estimate without one,
    None for a fact without one."""
    if claim.likelihood is not None:
        return "Likelihood: ", str(claim.likelihood), f" ({probability_range(claim.likelihood)})"
    if claim.kind is not ClaimKind.FACT:
        return "Likelihood: not given", "", ""
    return None


def credibility_label(claim: Claim) -> str | None:
    if claim.credibility is None:
        return None
    return f"Credibility: {credibility_words(claim.credibility)}"


def claim_about(briefing: Briefing, claim: Claim) -> str:
    """The events and figures a claim is about, in words."""
    b = briefing
    items = []
    for eid in claim.events:
        event = b.events_by_id.get(eid)
        if event:
            items.append(f"{one_line(event.title)} ({event.date.label()})")
    for fid in claim.forces:
        figure = b.forces_by_id.get(fid)
        if figure:
            items.append(force_summary(b, figure))
    return "; ".join(items)


def source_heading(source: Source) -> tuple[str, str]:
    """The outlet, and " — “title”" (empty when untitled)."""
    return source.outlet, f" — “{one_line(source.title)}”" if source.title else ""


def source_facts(source: Source) -> str:
    """Date, kind, language and grade of a source, as one line."""
    facts = [source.date.label() if source.date else "undated", words(str(source.kind))]
    if source.language:
        facts.append(f"language {source.language}")
    facts.append(f"reliability {source.reliability} ({source.reliability.meaning})")
    return " · ".join(facts)


def figure_as_of(figure: ForceFigure) -> str:
    return figure.as_of.label() if figure.as_of else "not given"


def claim_confidence(item: Claim | KeyJudgment) -> str | None:
    """ "Confidence: moderate — basis", a line of its own, never in the likelihood's sentence."""
    return confidence_label(item.confidence, item.confidence_basis)


# --- tradecraft: assumptions, alternatives, indicators, changes -------------------------------


def alternative_lines(briefing: Briefing) -> list[str]:
    """ "H1  Turkey counter-balances Russia. — likely (55–80 %)", one per alternative."""
    return [
        f"H{n}  {one_line(alt.text)}"
        + (
            f" — {likelihood_label(alt.likelihood)}"
            if alt.likelihood
            else " — likelihood not given"
        )
        for n, alt in enumerate(briefing.alternatives, 1)
    ]


def ach_rows(briefing: Briefing) -> list[AchRow]:
    """The matrix's rows as printed: the claims that discriminate most first."""
    return list(ach_matrix(briefing).by_discrimination())


def ach_cells(row: AchRow) -> list[str]:
    """A row's marks as printed: "+", "−", "0", or "" where the briefing does not say."""
    return [CONSISTENCY_MARKS[mark] if mark else "" for mark in row.marks]


def bears_on(briefing: Briefing, indicator: Indicator, numbers: dict[str, int]) -> str:
    """What an indicator bears on, by claim number (C4) and hypothesis (H1)."""
    hypotheses = {alt.id: n for n, alt in enumerate(briefing.alternatives, 1)}
    parts = []
    for item in indicator.bears_on:
        if item in numbers:
            parts.append(claim_label(numbers[item]))
        elif item in hypotheses:
            parts.append(f"H{hypotheses[item]}")
        else:
            parts.append(item)
    return ", ".join(parts) or "nothing listed"


def change_entries(changes: ChangesSince) -> list[tuple[str, list[str]]]:
    """Each change as a line ("Added claim c-x: text") and its details (likelihood up: …)."""
    entries = []
    for section, item in SECTIONS:
        for change in changes.diff.in_section(section):
            name = f"{item} {change.key}" if change.key else item
            title = one_line(change.title)
            head = f"{CHANGE_SIGNS[change.kind]} {name}" + (f": {title}" if title else "")
            entries.append((head, details(change)))
    return entries
