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

from briefing import loader
from briefing.dates import FuzzyDate
from briefing.loader import is_id, load_text
from briefing.model import Briefing, Event, Reliability, Side, Source, SourceKind
from briefing.problems import QUOTED_CHARS, shown
from briefing.writer import dump

# Control characters an import drops: C0 but tab and line feed, DEL, C1. The loader takes them
# only escaped in quotes ("\x01", four bytes for one), which turned an 18 MB CSV into 68 MiB
# of YAML, and on a terminal or screen they do harm (ESC starts a terminal command).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_NOTE = "{n} control character{s} (dropped)"


class Imported(tuple[Briefing, list[str]]):
    """What an import gives: the pair (briefing, notes on what could not be carried), which
    also holds the briefing's YAML (UTF-8) as `yaml`, already checked to be within the size
    limit and to load back, so that writing it saves writing the briefing a second time."""

    yaml: bytes

    def __new__(cls, briefing: Briefing, notes: list[str], yaml: bytes) -> Imported:
        imported = super().__new__(cls, (briefing, notes))
        imported.yaml = yaml
        return imported

    @property
    def briefing(self) -> Briefing:
        return self[0]

    @property
    def notes(self) -> list[str]:
        return self[1]


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
    # What could not be carried (or was changed): (phrase, name) per kind, with how often.
    dropped: Counter[tuple[str, str]] = field(default_factory=Counter)
    _sides: dict[str, Side] = field(default_factory=dict)
    _sources: dict[str, Source] = field(default_factory=dict)
    _events: list[Event] = field(default_factory=list)
    _used_ids: _Ids = field(default_factory=lambda: _Ids())  # of sides and sources
    _event_ids: _Ids = field(default_factory=lambda: _Ids())
    _pending_ids: list[tuple[int, str | None]] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        """Record an error; `where` is "LINE:COL" (JSON) or "ROW" (CSV)."""
        self.errors.append(f"{shown(self.path)}:{where}: error: {message}")

    def drop(self, what: str, count: int = 1, name: str = "") -> None:
        """Count something not carried. `what` is our phrase, with {n} for how many, {s} for a
        plural s and {name} for `name`: the input's own text (a field name, a scale), which is
        put in as it is and never read as a template."""
        if len(name) > QUOTED_CHARS:
            name = name[:QUOTED_CHARS] + "…"
        self.dropped[what, name] += count

    def printable(self, text: str | None) -> str | None:
        """Text without control characters, each one counted; a carriage return (alone or
        before a line feed) is a line break, kept as one line feed."""
        if not text:
            return text
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        text, count = _CONTROL.subn("", text)
        if count:
            self.drop(CONTROL_NOTE, count)
        return text

    def side(self, name: str) -> str:
        """The id of the side of this name, added on first use; "Türkiye" composed (NFC) and
        decomposed (NFD) are one side, named in NFC."""
        name = unicodedata.normalize("NFC", " ".join((self.printable(name) or "").split()))
        if name.casefold() not in self._sides:
            base = slug(name) or f"side-{len(self._sides) + 1}"
            side_id = _unique(base, self._used_ids)
            self._sides[name.casefold()] = Side(id=side_id, name=name)
        return self._sides[name.casefold()].id

    def source(self, url: str | None, outlet: str | None = None, title: str | None = None) -> str:
        """The id of the source with this URL (or, with no URL, this outlet), added on first use.

        Imported sources cannot be graded: kind "other", reliability F.
        """
        url, outlet, title = self.printable(url), self.printable(outlet), self.printable(title)
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
        if wanted and is_id(wanted) and wanted not in self._event_ids:
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
                title=self.printable(title) or "",
                text=self.printable(text) or None,
                date_text=self.printable(date_text) or None,
                sides=tuple(dict.fromkeys(sides)),
                place=self.printable(place) or None,
                sources=tuple(dict.fromkeys(sources)),
            )
        )

    def notes(self) -> list[str]:
        """What could not be carried, one phrase each: "background on 3 events"."""
        return [
            what.format(n=count, s="" if count == 1 else "s", name=name)
            for (what, name), count in self.dropped.items()
        ]

    def imported(self, fallback_title: str) -> Imported:
        """The finished briefing, with its notes and YAML; raises ImportFailed with every
        error recorded."""
        if self.errors:
            raise ImportFailed(self.errors)
        events = list(self._events)
        # Ids the input did not give are handed out only now, after every given id is reserved.
        for index, given in self._pending_ids:
            event_id = given or _unique(f"e{index + 1}", self._event_ids)
            events[index] = replace(events[index], id=event_id)
        title = self.printable(" ".join((self.title or "").split()))
        briefing = Briefing(
            title=title or " ".join((self.printable(fallback_title) or "").split()) or "untitled",
            summary=self.printable(self.summary) or None,
            sides=tuple(self._sides.values()),
            sources=tuple(self._sources.values()),
            events=tuple(events),
        )
        # The promise of an import is a file `briefing validate` accepts; hold it to that.
        text = dump(briefing)
        data = text.encode("utf-8")
        size, limit = len(data), loader.MAX_FILE_BYTES
        if size > limit:
            mib = 1024 * 1024
            raise ImportFailed(
                [
                    f"{shown(self.path)}: error: the imported briefing would be "
                    f"{size / mib:.1f} MiB of YAML, over the {limit / mib:g} MiB a briefing "
                    "file may be; refused"
                ]
            )
        check = load_text(text, self.path, raw=data)
        if check.errors:
            raise ImportFailed(
                [
                    f"{shown(self.path)}: error: the imported briefing would not load: "
                    f"{problem.message}"
                    for problem in check.errors
                ]
            )
        return Imported(briefing, self.notes(), data)


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
