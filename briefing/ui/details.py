"""The details panel: the selected event, figure or claim in full, with every source behind it.

Built as HTML with every piece of briefing text escaped; URLs are printed as text and the
browser never follows or loads a link. The events, figures, claims and sources it names are
links of the app's own scheme ("briefing:event/e-deploy"): clicking one selects that item in
the document, and any other link is ignored.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote, unquote

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from briefing.diff import BriefingDiff, ChangeKind, change_mark, details
from briefing.drawing.palette import CHANGE_COLOUR, REMOVED_COLOUR
from briefing.links import ItemKind, Selection, key_judgment
from briefing.model import Assumption, Briefing, Claim, Event, ForceFigure, KeyJudgment, Source
from briefing.numbering import claim_label, claim_numbers
from briefing.ui.document import Document
from briefing.words import (
    clipped,
    confidence_label,
    credibility_label,
    event_date,
    force_as_of,
    force_summary,
    indicator_status,
    likelihood_label,
    side_name,
    side_names,
    source_details,
)

LINK_SCHEME = "briefing"


def item_href(kind: ItemKind, item_id: str) -> str:
    return f"{LINK_SCHEME}:{kind.value}/{quote(item_id, safe='')}"


def item_of_href(href: str) -> Selection | None:
    """The item an href of item_href names; None for any other link."""
    scheme, _, rest = href.partition(":")
    kind, _, item_id = rest.partition("/")
    if scheme != LINK_SCHEME or kind not in set(ItemKind) or not item_id:
        return None
    return Selection(ItemKind(kind), unquote(item_id))


def _link(kind: ItemKind, item_id: str, text: str) -> str:
    """A link to an item: its text and its id, escaped."""
    return f"<a href='{escape(item_href(kind, item_id))}'>{_text(text)} [{_text(item_id)}]</a>"


def _link_row(label: str, link: str) -> str:
    return f"<tr><td><b>{_text(label)}</b>&nbsp;</td><td>{link}</td></tr>"


def _text(value: str) -> str:
    """Briefing text as HTML: escaped, and clipped so an endless title cannot freeze the layout."""
    return escape(clipped(value))


def _row(label: str, value: str) -> str:
    return f"<tr><td><b>{_text(label)}</b>&nbsp;</td><td>{_text(value)}</td></tr>"


def _table(rows: list[tuple[str, str]]) -> str:
    return "<table cellspacing='2'>" + "".join(_row(k, v) for k, v in rows) + "</table>"


def _sources(briefing: Briefing, source_ids: tuple[str, ...]) -> str:
    if not source_ids:
        return "<h4 style='color:#c62828'>UNSOURCED: nothing backs this</h4>"
    parts = [f"<h4>Sources ({len(source_ids)})</h4>"]
    for source_id in source_ids:
        source = briefing.sources_by_id.get(source_id)
        if source is None:
            parts.append(f"<p>{_text(source_id)}: not in this briefing</p>")
            continue
        link = _link(ItemKind.SOURCE, source.id, source.citation())
        parts.append(f"<p>{link}</p>" + _table(source_details(source)) + "<hr>")
    return "".join(parts)


def _claims_list(claims: list[Claim]) -> str:
    if not claims:
        return "<p><i>No claim refers to it.</i></p>"
    items = "".join(
        f"<li>{_link(ItemKind.CLAIM, c.id, ' '.join(c.text.split()))}</li>" for c in claims
    )
    return f"<h4>Claims about it ({len(claims)})</h4><ul>{items}</ul>"


def event_html(briefing: Briefing, event: Event) -> str:
    rows = [("Date", event_date(event))]
    if event.place:
        rows.append(("Place", event.place))
    sides = side_names(briefing, event.sides)
    if sides:
        rows.append(("Sides", ", ".join(sides)))
    actors = [briefing.actors_by_id[a].name for a in event.actors if a in briefing.actors_by_id]
    if actors:
        rows.append(("Actors", ", ".join(actors)))
    text = f"<p>{_text(event.text)}</p>" if event.text else ""
    return (
        f"<h3>{_text(event.title)}</h3>{_table(rows)}{text}"
        + _sources(briefing, event.sources)
        + _claims_list(briefing.claims_about_event(event.id))
    )


def force_html(briefing: Briefing, force: ForceFigure) -> str:
    rows = [
        ("Side", side_name(briefing, force.side)),
        ("Category", force.category),
        ("Figure", force.value_label()),
        ("Qualifier", force.qualifier.value.replace("_", " ")),
        ("As of", force_as_of(force).removeprefix("as of ")),
    ]
    rows += [("Unit", unit) for unit in force.units]
    note = f"<p>{_text(force.note)}</p>" if force.note else ""
    title = f"{side_name(briefing, force.side)}: {force.category}"
    return (
        f"<h3>{_text(title)}</h3>{_table(rows)}{note}"
        + _sources(briefing, force.sources)
        + _claims_list(briefing.claims_about_force(force.id))
    )


def claim_html(briefing: Briefing, claim: Claim) -> str:
    rows = [("Kind", claim.kind.value)]
    if claim.likelihood:
        rows.append(("Likelihood", likelihood_label(claim.likelihood)))
    confidence = confidence_label(claim.confidence, claim.confidence_basis)
    if confidence:  # a row of its own, apart from the likelihood (ICD 203)
        rows.append(("Confidence", confidence.removeprefix("Confidence: ")))
    if claim.credibility:
        rows.append(("Credibility", credibility_label(claim.credibility)))
    links = "".join(_link_row(label, link) for label, link in _claim_links(briefing, claim))
    table = _table(rows).removesuffix("</table>") + links + "</table>"
    note = f"<p><i>{_text(claim.note)}</i></p>" if claim.note else ""
    return (
        f"<h3>{_text(' '.join(claim.text.split()))}</h3>{table}{note}"
        + _cited_by("Assumptions it rests on", _assumption_links(briefing, claim.assumptions))
        + _indicators(briefing, claim.id)
        + _sources(briefing, claim.sources)
    )


def _assumption_links(briefing: Briefing, assumption_ids: tuple[str, ...]) -> list[str]:
    found = [
        briefing.assumptions_by_id[a] for a in assumption_ids if a in briefing.assumptions_by_id
    ]
    return [_link(ItemKind.ASSUMPTION, a.id, " ".join(a.text.split())) for a in found]


def _indicators(briefing: Briefing, item_id: str) -> str:
    """The indicators that bear on a forecast, each with its status; one seen after the as-of
    date stands out, as its judgments may be out of date."""
    indicators = briefing.indicators_bearing_on(item_id)
    if not indicators:
        return ""
    items = []
    for indicator in indicators:
        status = _text(indicator_status(briefing, indicator))
        if briefing.seen_after_as_of(indicator):
            status = f"<b style='color:#c62828'>{status}</b>"
        items.append(
            f"<li>{_text(' '.join(indicator.text.split()))} [{_text(indicator.id)}]: {status}</li>"
        )
    return f"<h4>Indicators ({len(indicators)})</h4><ul>{''.join(items)}</ul>"


def assumption_html(briefing: Briefing, assumption: Assumption) -> str:
    """An assumption, and the key judgments and claims that rest on it."""
    claims, judgments = briefing.resting_on(assumption.id)
    order = {id(j): n for n, j in enumerate(briefing.key_judgments, 1)}
    links = [
        f"<a href='{escape(item_href(ItemKind.JUDGMENT, str(order[id(j)])))}'>"
        f"Key judgment {order[id(j)]}</a>: {_text(' '.join(j.text.split()))}"
        for j in judgments
    ] + [_link(ItemKind.CLAIM, c.id, " ".join(c.text.split())) for c in claims]
    return f"<h3>Assumption {_text(assumption.id)}</h3><p>{_text(assumption.text)}</p>" + (
        _cited_by("Resting on it", links) or "<p><i>Nothing rests on it.</i></p>"
    )


def judgment_html(briefing: Briefing, number: str, judgment: KeyJudgment) -> str:
    """A key judgment in full, with the numbered claims it rests on."""
    numbers = claim_numbers(briefing)
    claims = [briefing.claims_by_id[c] for c in judgment.claims if c in briefing.claims_by_id]
    items = "".join(
        f"<li>{claim_label(numbers[c.id])} {_text(' '.join(c.text.split()))}</li>" for c in claims
    )
    listed = f"<ul>{items}</ul>" if items else "<p><i>No claims support it.</i></p>"
    confidence = confidence_label(judgment.confidence, judgment.confidence_basis)
    shown = f"<p>{_text(confidence)}</p>" if confidence else ""
    return (
        f"<h3>Key judgment {_text(number)}</h3><p>{_text(judgment.text)}</p>{shown}{listed}"
        + _cited_by("Assumptions it rests on", _assumption_links(briefing, judgment.assumptions))
    )


def _claim_links(briefing: Briefing, claim: Claim) -> list[tuple[str, str]]:
    """(label, link) for each event and figure a claim is about."""
    events = [briefing.events_by_id[e] for e in claim.events if e in briefing.events_by_id]
    links = [
        ("Event", _link(ItemKind.EVENT, e.id, f"{e.title} ({e.date_label()})")) for e in events
    ]
    forces = [briefing.forces_by_id[f] for f in claim.forces if f in briefing.forces_by_id]
    links += [("Figure", _link(ItemKind.FORCE, f.id, force_summary(briefing, f))) for f in forces]
    return links


def _cited_by(title: str, links: list[str]) -> str:
    if not links:
        return ""
    items = "".join(f"<li>{link}</li>" for link in links)
    return f"<h4>{title} ({len(links)})</h4><ul>{items}</ul>"


def source_html(briefing: Briefing, source: Source) -> str:
    """A source in full, and every event, figure and claim that cites it, as links."""
    events = [e for e in briefing.events if source.id in e.sources]
    forces = [f for f in briefing.forces if source.id in f.sources]
    claims = [c for c in briefing.claims if source.id in c.sources]
    cited = (
        _cited_by("Events citing it", [_link(ItemKind.EVENT, e.id, e.title) for e in events])
        + _cited_by(
            "Figures citing it",
            [_link(ItemKind.FORCE, f.id, force_summary(briefing, f)) for f in forces],
        )
        + _cited_by(
            "Claims citing it",
            [_link(ItemKind.CLAIM, c.id, " ".join(c.text.split())) for c in claims],
        )
    )
    return f"<h3>{_text(source.citation())}</h3>{_table(source_details(source))}" + (
        cited or "<p><i>Nothing in the briefing cites it.</i></p>"
    )


# Which section of briefing.diff holds the items a selection of each kind names.
DIFF_SECTIONS = {
    ItemKind.EVENT: "events",
    ItemKind.FORCE: "forces",
    ItemKind.CLAIM: "claims",
    ItemKind.SOURCE: "sources",
    ItemKind.ASSUMPTION: "assumptions",
    ItemKind.JUDGMENT: "key_judgments",
}
MAX_REMOVED = 200  # removed items listed; past this a count says how many more


def change_html(changes: BriefingDiff | None, selection: Selection | None, since: str) -> str:
    """A small "new" or "changed since …" marker, with what moved, for a selected item."""
    if changes is None or selection is None or selection.kind not in DIFF_SECTIONS:
        return ""
    key = f"#{selection.id}" if selection.kind is ItemKind.JUDGMENT else selection.id
    change = changes.of(DIFF_SECTIONS[selection.kind], key)
    if change is None or change.kind is ChangeKind.REMOVED:
        return ""
    lines = "".join(f"<br>{_text(line)}" for line in details(change))
    return (
        f"<p style='color:{CHANGE_COLOUR}'><b>{change_mark(change.kind).strip()}</b> since "
        f"{_text(since)}{lines}</p>"
    )


def removed_html(changes: BriefingDiff | None, since: str) -> str:
    """The items the earlier version had and the shown one has not, struck through and grey:
    they are in no panel, so they are listed here, under whatever is selected."""
    removed = changes.removed() if changes is not None else ()
    if not removed:
        return ""
    rows = "".join(
        f"<li><s>{change_mark(c.kind).strip()} {_text(c.item)} {_text(c.key)}: "
        f"{_text(' '.join(c.title.split()))}</s></li>"
        for c in removed[:MAX_REMOVED]
    )
    more = len(removed) - MAX_REMOVED
    rows += f"<li>… and {more:,} more (briefing diff lists them all)</li>" if more > 0 else ""
    return (
        f"<h4 style='color:{REMOVED_COLOUR}'>Removed since {_text(since)} ({len(removed):,})</h4>"
        f"<ul style='color:{REMOVED_COLOUR}'>{rows}</ul>"
    )


def selection_html(briefing: Briefing | None, selection: Selection | None) -> str:
    if briefing is None:
        return "<p><i>No briefing loaded.</i></p>"
    if selection is None:
        summary = f"<p>{_text(briefing.summary)}</p>" if briefing.summary else ""
        return (
            f"<h3>{_text(briefing.title)}</h3>{summary}"
            "<p><i>Select an event, a force figure, a claim or a source to see it here in "
            "full.</i></p>"
        )
    if selection.kind is ItemKind.EVENT and selection.id in briefing.events_by_id:
        return event_html(briefing, briefing.events_by_id[selection.id])
    if selection.kind is ItemKind.FORCE and selection.id in briefing.forces_by_id:
        return force_html(briefing, briefing.forces_by_id[selection.id])
    if selection.kind is ItemKind.CLAIM and selection.id in briefing.claims_by_id:
        return claim_html(briefing, briefing.claims_by_id[selection.id])
    judgment = key_judgment(briefing, selection.id)
    if selection.kind is ItemKind.JUDGMENT and judgment is not None:
        return judgment_html(briefing, selection.id, judgment)
    if selection.kind is ItemKind.SOURCE and selection.id in briefing.sources_by_id:
        return source_html(briefing, briefing.sources_by_id[selection.id])
    if selection.kind is ItemKind.ASSUMPTION and selection.id in briefing.assumptions_by_id:
        return assumption_html(briefing, briefing.assumptions_by_id[selection.id])
    return "<p><i>Nothing selected.</i></p>"


class DetailsPanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPanel")
        self.setAccessibleName("Details")
        self.document = document
        self.browser = QTextBrowser()
        self.browser.setObjectName("detailsText")
        self.browser.setAccessibleName("Details of the selected item")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_anchor_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        document.briefingChanged.connect(self._on_briefing_changed)
        document.selectionChanged.connect(self.refresh)
        document.comparisonChanged.connect(self.refresh)
        self.refresh()

    def text(self) -> str:
        return self.browser.toPlainText()

    def _on_briefing_changed(self) -> None:
        self.document.later(self, self.refresh)  # in a turn of its own

    def _on_anchor_clicked(self, url: QUrl) -> None:
        """An item's link selects it; any other link is never followed."""
        item = item_of_href(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        if item is not None:
            self.document.select(item.kind, item.id)

    def refresh(self) -> None:
        self.document.cancel(self)
        document = self.document
        changes, since = document.changes, document.earlier_name
        marker = change_html(changes, document.selection, since)
        removed = removed_html(changes, since)
        selected = selection_html(document.briefing, document.selection)
        # With nothing selected Details is the overview: what was removed comes first there;
        # under a selected item, after it.
        if document.selection is None:
            self.browser.setHtml(removed + selected)
        else:
            self.browser.setHtml(marker + selected + removed)
