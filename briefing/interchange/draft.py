"""A briefing being imported: ids, sides, sources, events, and what could not be carried.

The TimelineJS and CSV readers feed a Draft row by row; it gives out stable ids, merges sides and
sources by name and URL, collects positioned errors, and counts what the format cannot hold so
the user is told in one line instead of losing it silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from briefing.dates import FuzzyDate
from briefing.loader import load_text
from briefing.model import Briefing, Event, Reliability, Side, Source, SourceKind
from briefing.writer import dump

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


class ImportFailed(Exception):
    """The input could not be imported; every message reads `FILE:LINE[:COL]: error: ...`."""

    def __init__(self, messages: list[str] | tuple[str, ...]) -> None:
        self.messages = tuple(messages)
        super().__init__("\n".join(self.messages))


def slug(text: str) -> str:
    """An id from a name: "Türkiye (MoD)" → "turkiye-mod"; empty when nothing latin is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def outlet_of(url: str) -> str:
    """The outlet a bare link names: its host without "www."."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


@dataclass
class Draft:
    path: str
    title: str | None = None
    summary: str | None = None
    errors: list[str] = field(default_factory=list)
    # What could not be carried (or was changed), as a phrase per kind, with how often.
    dropped: Counter[str] = field(default_factory=Counter)
    _sides: dict[str, Side] = field(default_factory=dict)
    _sources: dict[str, Source] = field(default_factory=dict)
    _events: list[Event] = field(default_factory=list)
    _used_ids: _Ids = field(default_factory=lambda: _Ids())  # of sides and sources
    _event_ids: _Ids = field(default_factory=lambda: _Ids())
    _pending_ids: list[tuple[int, str | None]] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        """Record an error; `where` is "LINE:COL" (JSON) or "ROW" (CSV)."""
        self.errors.append(f"{self.path}:{where}: error: {message}")

    def drop(self, what: str, count: int = 1) -> None:
        self.dropped[what] += count

    def side(self, name: str) -> str:
        """The id of the side of this name, added on first use."""
        name = " ".join(name.split())
        if name.casefold() not in self._sides:
            base = slug(name) or f"side-{len(self._sides) + 1}"
            side_id = _unique(base, self._used_ids)
            self._sides[name.casefold()] = Side(id=side_id, name=name)
        return self._sides[name.casefold()].id

    def source(self, url: str | None, outlet: str | None = None, title: str | None = None) -> str:
        """The id of the source with this URL (or, with no URL, this outlet), added on first use.

        Imported sources cannot be graded: kind "other", reliability F.
        """
        outlet = " ".join((outlet or "").split()) or (outlet_of(url) if url else "unknown")
        key = url or f"outlet:{outlet.casefold()}"
        if key not in self._sources:
            source_id = _unique(f"s{len(self._sources) + 1}", self._used_ids)
            self._sources[key] = Source(
                id=source_id,
                outlet=outlet,
                kind=SourceKind.OTHER,
                reliability=Reliability.F,
                title=" ".join((title or "").split()) or None,
                url=url,
            )
        return self._sources[key].id

    def claim_id(self, wanted: str | None) -> str | None:
        """Reserve an event id the input gave, when it is a valid id not yet taken."""
        if wanted and _ID.match(wanted) and wanted not in self._event_ids:
            self._event_ids.add(wanted)
            return wanted
        return None

    def add_event(
        self,
        date: FuzzyDate,
        title: str,
        *,
        event_id: str | None = None,
        text: str | None = None,
        date_text: str | None = None,
        sides: tuple[str, ...] = (),
        place: str | None = None,
        sources: tuple[str, ...] = (),
    ) -> None:
        """Add an event; with no usable id of its own it gets e1, e2... by its place in the file."""
        self._pending_ids.append((len(self._events), self.claim_id(event_id)))
        self._events.append(
            Event(
                id="",
                date=date,
                title=title,
                text=text or None,
                date_text=date_text or None,
                sides=tuple(dict.fromkeys(sides)),
                place=place or None,
                sources=tuple(dict.fromkeys(sources)),
            )
        )

    def notes(self) -> list[str]:
        """What could not be carried, one phrase each: "background on 3 events"."""
        return [
            what.format(n=count, s="" if count == 1 else "s")
            for what, count in self.dropped.items()
        ]

    def briefing(self, fallback_title: str) -> Briefing:
        """The finished briefing; raises ImportFailed with every error recorded."""
        if self.errors:
            raise ImportFailed(self.errors)
        events = list(self._events)
        # Ids the input did not give are handed out only now, after every given id is reserved.
        for index, given in self._pending_ids:
            event_id = given or _unique(f"e{index + 1}", self._event_ids)
            events[index] = replace(events[index], id=event_id)
        briefing = Briefing(
            title=" ".join((self.title or "").split()) or fallback_title,
            summary=self.summary or None,
            sides=tuple(self._sides.values()),
            sources=tuple(self._sources.values()),
            events=tuple(events),
        )
        # The promise of an import is a file `briefing validate` accepts; hold it to that.
        check = load_text(dump(briefing), self.path)
        if check.errors:
            raise ImportFailed(
                [
                    f"{self.path}: error: the imported briefing would not load: {problem.message}"
                    for problem in check.errors
                ]
            )
        return briefing


class _Ids(set[str]):
    """Ids in use, and for each base the next number to try, so that a thousand names with
    the same slug take a thousand steps in all, not half a million."""

    def __init__(self) -> None:
        super().__init__()
        self.next_number: dict[str, int] = {}


def _unique(base: str, taken: _Ids) -> str:
    """base, or base-2, base-3... whichever is free; reserved in taken."""
    candidate, number = base, taken.next_number.get(base, 2)
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.next_number[base] = number
    taken.add(candidate)
    return candidate
