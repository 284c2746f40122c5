"""Search text folded so an analyst finds a word however it was typed or written.

One fold for the needle and the text it is looked for in: Unicode NFC first (a file may write
"ü" as u + combining diaeresis), then accents dropped, case folded, Turkish dotless ı and
dotted İ read as i, and digit grouping dropped ("1,960" and "1 960" read as "1960").
The folded text of each event, figure and claim is worked out once per briefing
(`SearchIndex`), so a keystroke on 10,000 events costs one substring test per item.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from briefing.model import Briefing, Claim, Event, ForceFigure

# Letters NFKD does not take apart, read as the Latin letters an analyst types for them.
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe"})
# Accents and other marks NFKD splits off letters (the combining diacritics blocks, and Arabic
# vowel marks). One regular expression: a per-character Python test took 90 % of the time.
_MARKS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u064b-\u065f\u0670]"
)
# A thousands separator: a comma, dot, apostrophe or (thin, no-break) space between a digit and
# exactly three more digits.
_GROUPING = re.compile(r"(?<=\d)[,.'’\u00a0\u202f\u2009 ](?=\d{3}(?!\d))")
# Between the fields of an item: no needle from a one-line search field holds it, so a match
# never runs across two fields.
_SEPARATOR = "\n"


def fold(text: str) -> str:
    """Text as search compares it: "Erdoğan" -> "erdogan", "İbrahim KALIN" -> "ibrahim kalin",
    "Şafak" -> "safak", "1,960" -> "1960"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text))
        text = _MARKS.sub("", text).translate(_LETTERS)
    text = text.casefold()
    return _GROUPING.sub("", text)


def _joined(words: Iterable[str | None]) -> str:
    # One fold for all the fields: the separator is kept by every step of it.
    return fold(_SEPARATOR.join(w for w in words if w))


def _source_text(briefing: Briefing, source_ids: Iterable[str], folded: dict[str, str]) -> str:
    return _SEPARATOR.join(folded[s] for s in source_ids if s in folded)


def event_words(briefing: Briefing, event: Event) -> list[str | None]:
    words = [event.title, event.text, event.place, event.date_label(), event.id]
    return words + [
        briefing.actors_by_id[a].name for a in event.actors if a in briefing.actors_by_id
    ]


def force_words(briefing: Briefing, force: ForceFigure) -> list[str | None]:
    side = briefing.sides_by_id.get(force.side)
    words = [force.category, force.note, force.value_label(), force.id, *force.units]
    return [*words, side.name if side else None]


def claim_words(claim: Claim) -> list[str | None]:
    words: list[str | None] = [claim.text, claim.note, claim.kind, claim.likelihood, claim.id]
    return words if claim.is_sourced else [*words, "unsourced"]


@dataclass(frozen=True)
class SearchIndex:
    """The folded text of every event, figure and claim (with the sources it cites), by id."""

    events: dict[str, str]
    forces: dict[str, str]
    claims: dict[str, str]


def search_index(briefing: Briefing) -> SearchIndex:
    """Fold every item's text once (on the loading thread, for a new briefing)."""
    sources = {s.id: _joined([s.outlet, s.title, s.citation()]) for s in briefing.sources}

    def with_sources(words: list[str | None], source_ids: tuple[str, ...]) -> str:
        return _joined(words) + _SEPARATOR + _source_text(briefing, source_ids, sources)

    return SearchIndex(
        {e.id: with_sources(event_words(briefing, e), e.sources) for e in briefing.events},
        {f.id: with_sources(force_words(briefing, f), f.sources) for f in briefing.forces},
        {c.id: with_sources(claim_words(c), c.sources) for c in briefing.claims},
    )
