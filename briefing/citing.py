"""An event, force figure or claim as text to paste elsewhere: alone, or with its citations.

`cited()` gives the same words twice: plain text, the notes numbered below the text, and HTML
that a word processor pastes as a paragraph with superscript note numbers followed by the
notes as a numbered list. Briefing text is data: every piece of it is html.escape'd.
No Qt here: the window puts both on the clipboard (text/plain and text/html).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from briefing.links import ItemKind
from briefing.model import Briefing
from briefing.words import citations, event_date, side_names

UNSOURCED_NOTE = "unsourced"


@dataclass(frozen=True)
class CitedText:
    """What the clipboard gets: the same words as plain text and as HTML."""

    plain: str
    html: str


def item_text(briefing: Briefing, kind: ItemKind | str, item_id: str) -> str:
    """The item's own words on one line: a claim's text, an event's date and title, a figure.

    Empty when the briefing has no such item.
    """
    kind = ItemKind(kind)
    if kind is ItemKind.CLAIM and (claim := briefing.claims_by_id.get(item_id)):
        text = " ".join(claim.text.split())
        if claim.likelihood is not None:
            text += f" ({claim.kind.value}, {claim.likelihood.value})"
        return text
    if kind is ItemKind.EVENT and (event := briefing.events_by_id.get(item_id)):
        return f"{event_date(event)}: {' '.join(event.title.split())}"
    if kind is ItemKind.FORCE and (force := briefing.forces_by_id.get(item_id)):
        side = ", ".join(side_names(briefing, (force.side,))) or force.side
        as_of = f" (as of {force.as_of.label()})" if force.as_of else ""
        return f"{side}: {force.category}, {force.value_label()}{as_of}"
    return ""


def item_sources(briefing: Briefing, kind: ItemKind | str, item_id: str) -> tuple[str, ...]:
    """The source ids the item cites, in its order; () when it has none or is not there."""
    found = {
        ItemKind.CLAIM: briefing.claims_by_id,
        ItemKind.EVENT: briefing.events_by_id,
        ItemKind.FORCE: briefing.forces_by_id,
    }[ItemKind(kind)].get(item_id)
    return tuple(found.sources) if found is not None else ()


def cited(briefing: Briefing, kind: ItemKind | str, item_id: str) -> CitedText:
    """The item's text followed by its numbered citations, as plain text and as HTML."""
    text = item_text(briefing, kind, item_id)
    notes = citations(briefing, item_sources(briefing, kind, item_id))
    if not notes:
        return CitedText(
            f"{text} [{UNSOURCED_NOTE}]",
            f"<p>{escape(text)} <i>[{UNSOURCED_NOTE}]</i></p>",
        )
    numbers = range(1, len(notes) + 1)
    marks = "".join(f"[{n}]" for n in numbers)
    lines = [f"[{n}] {note}" for n, note in enumerate(notes, start=1)]
    plain = "\n".join([f"{text} {marks}", "", *lines])
    superscripts = f"<sup>{','.join(map(str, numbers))}</sup>"
    items = "".join(f"<li>{escape(note)}</li>" for note in notes)
    html = f"<p>{escape(text)}{superscripts}</p>\n<ol>{items}</ol>"
    return CitedText(plain, html)
