"""Briefings to and from CSV: TimelineJS's spreadsheet and the plain events layout in, events
and claims out for a spreadsheet (UTF-8 with a byte-order mark, so Excel reads "Erdoğan").

The plain events layout is what export writes and import reads back: a header row, then one
event a row under `date, title, text, side, source` (plus `id, date_text, place`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefing.dates import DateError, parse_date
from briefing.interchange.draft import Draft, Imported, ImportFailed
from briefing.interchange.html_text import is_web_url
from briefing.interchange.timelinejs import (
    DateParts,
    Slide,
    add_era,
    add_slide,
    decode_text,
    plain,
)
from briefing.model import Briefing, Source
from briefing.words import side_name

TIMELINEJS_COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)
EVENT_COLUMNS = ("id", "date", "date_text", "title", "text", "side", "source", "place")
CLAIM_COLUMNS = (
    "id",
    "kind",
    "text",
    "likelihood",
    "credibility",
    "source",
    "events",
    "forces",
    "note",
)
# Several sides or sources share a cell, separated by this.
SEPARATOR = "; "
# A cell starting with one of these is a formula to a spreadsheet; export puts a ' before it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Export also puts a ' before a cell that starts with one, so that import, which takes one '
# off each of these cells, gives back exactly what the analyst wrote: "'=x" is written "''=x".
_GUARDED_START = (*_FORMULA_START, "'")
_SOURCE_CELL = re.compile(r"^(?P<outlet>.*?)\s*<(?P<url>[^<>\s]+)>$")


def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


# ----- reading


def _rows(text: str, draft: Draft) -> list[tuple[int, dict[str, str]]]:
    """(row number, cells by header key) for each non-empty row; the header is row 1."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = next(reader, None)
        if header is None:
            draft.error("1", "the file is empty; a CSV import needs a header row")
            raise ImportFailed(draft.errors)
        keys = [_key(name) for name in header]
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(keys) and any(cell.strip() for cell in cells[len(keys) :]):
                draft.error(
                    str(number),
                    f"the row has {len(cells)} cells but the header names {len(keys)} columns",
                )
                continue
            rows.append((number, dict(zip(keys, cells, strict=False))))
    except csv.Error as exc:
        draft.error(str(reader.line_num or 1), f"not readable as CSV: {exc}")
        raise ImportFailed(draft.errors) from None
    return [(0, dict.fromkeys(keys, "")), *rows]  # row 0 carries the header's keys


def _cell(row: dict[str, str], name: str) -> str:
    return (row.get(_key(name)) or "").strip()


def _unformula(cell: str) -> str:
    """Undo export's guard against spreadsheet formulas: "'=x" was written for "=x", "''=x"
    for "'=x"."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_GUARDED_START) else cell


# A spreadsheet's time of day: "13:30", "13:30:15", "1:30 PM".
_SHEET_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?\s*([AaPp][Mm])?")


def _time(row: dict[str, str], column: str) -> dict[str, Any]:
    """The hour, minute and second of a Time cell, as DateParts takes them."""
    cell = _cell(row, column)
    if not cell:
        return {}
    match = _SHEET_TIME.fullmatch(cell)
    if match is None:
        return {"unread_time": True}
    hour = int(match[1])
    if match[4] and 1 <= hour <= 12:
        hour = hour % 12 + (12 if match[4].lower() == "pm" else 0)
    elif match[4]:
        return {"unread_time": True}
    return {"hour": hour, "minute": match[2], "second": match[3]}


def _read_timelinejs_sheet(rows: list[tuple[int, dict[str, str]]], draft: Draft) -> None:
    header = rows[0][1]
    for number, row in rows[1:]:
        at = str(number)
        kind = _cell(row, "Type").casefold()
        start = DateParts(
            _cell(row, "Year"), _cell(row, "Month"), _cell(row, "Day"), **_time(row, "Time")
        )
        end = DateParts(
            _cell(row, "End Year"),
            _cell(row, "End Month"),
            _cell(row, "End Day"),
            **_time(row, "End Time"),
        )
        if _cell(row, "Media Thumbnail"):
            draft.drop("{n} media thumbnail{s}")
        if _cell(row, "Background"):
            draft.drop("background on {n} slide{s}")
        slide = Slide(
            start=start,
            end=end,
            display_date=_cell(row, "Display Date") or None,
            headline=_cell(row, "Headline"),
            text=_cell(row, "Text"),
            media_url=_cell(row, "Media"),
            media_credit=_cell(row, "Media Credit"),
            media_caption=_cell(row, "Media Caption"),
            group=_cell(row, "Group"),
        )
        if kind == "title":
            draft.title = plain(slide.headline)[0].replace("\n", " ") or None
            draft.summary = plain(slide.text)[0] or None
            if slide.media_url and is_web_url(slide.media_url):
                draft.source(slide.media_url, outlet=slide.media_credit or None)
            continue
        if kind == "era":
            add_era(draft, slide, lambda _field, at=at: at, number)
            continue
        if kind:
            draft.drop("slide type {name!r}", name=kind)
        add_slide(draft, slide, lambda _field, at=at: at, number)
    known = {_key(name) for name in TIMELINEJS_COLUMNS}
    for column in header:
        if column and column not in known:
            draft.drop("column {name!r}", name=column)


def _read_plain(rows: list[tuple[int, dict[str, str]]], draft: Draft) -> None:
    header = rows[0][1]
    for number, row in rows[1:]:
        at = str(number)
        cells = {name: _unformula(_cell(row, name)) for name in EVENT_COLUMNS}
        if not cells["date"]:
            draft.error(at, "the row has no date")
            continue
        try:
            date = parse_date(cells["date"])
        except DateError as exc:
            draft.error(at, f"date: {exc}")
            continue
        if not cells["title"]:
            draft.error(at, "the row has no title")
            continue
        sides = tuple(draft.side(name) for name in _split(cells["side"]))
        sources = tuple(_source(draft, item) for item in _split(cells["source"]))
        draft.add_event(
            date,
            cells["title"],
            event_id=cells["id"] or None,
            text=cells["text"] or None,
            date_text=cells["date_text"] or None,
            sides=sides,
            place=cells["place"] or None,
            sources=sources,
        )
    for column in header:
        if column and column not in {_key(name) for name in EVENT_COLUMNS}:
            draft.drop("column {name!r}", name=column)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _source(draft: Draft, item: str) -> str:
    """A source cell item: a URL, "Outlet <URL>", or an outlet's name."""
    if is_web_url(item):
        return draft.source(item)
    if (match := _SOURCE_CELL.match(item)) and is_web_url(match["url"]):
        return draft.source(match["url"], outlet=match["outlet"] or None)
    return draft.source(None, outlet=item)


def read_csv(data: bytes, path: str) -> Imported:
    """A CSV in TimelineJS's spreadsheet layout or the plain events layout, told by its header."""
    draft = Draft(path)
    rows = _rows(decode_text(data, draft), draft)
    header = set(rows[0][1])
    if {"year", "headline"} <= header:
        _read_timelinejs_sheet(rows, draft)
    elif {"date", "title"} <= header:
        _read_plain(rows, draft)
    else:
        draft.error(
            "1",
            "the header row names neither TimelineJS's columns (Year, Headline...) "
            "nor the plain events layout (date, title, text, side, source)",
        )
        raise ImportFailed(draft.errors)
    return draft.imported(fallback_title=Path(path).stem)


# ----- writing


def _guard(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula: "=1+1" is written "'=1+1", and a
    cell that already starts with ' gets one more, which import takes off again."""
    return "'" + cell if cell.startswith(_GUARDED_START) else cell


def _table(columns: tuple[str, ...], rows: Iterable[Iterable[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_guard(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def _source_cell(source: Source, dated: bool = False) -> str:
    """ "Outlet <URL>" (what import reads back); dated, the citation: "EDM, 8 Dec 2020"."""
    name = source.citation() if dated else source.outlet
    return f"{name} <{source.url}>" if source.url else name


def claims_path(events_path: str | Path) -> Path:
    """Where the claims go beside the events file: OUT.csv → OUT-claims.csv."""
    path = Path(events_path)
    return path.with_name(f"{path.stem}-claims{path.suffix or '.csv'}")


def to_csv(briefing: Briefing) -> tuple[bytes, bytes]:
    """(events table, claims table) as UTF-8 with a byte-order mark, for a spreadsheet."""
    sources = briefing.sources_by_id

    def names(ids: Iterable[str]) -> str:
        return SEPARATOR.join(side_name(briefing, i) for i in ids)

    def cited(ids: Iterable[str], dated: bool = False) -> str:
        return SEPARATOR.join(_source_cell(sources[i], dated) if i in sources else i for i in ids)

    events = _table(
        EVENT_COLUMNS,
        (
            (
                event.id,
                event.date.text,
                event.date_text or "",
                event.title,
                event.text or "",
                names(event.sides),
                cited(event.sources),
                event.place or "",
            )
            for event in briefing.events
        ),
    )
    claims = _table(
        CLAIM_COLUMNS,
        (
            (
                claim.id,
                claim.kind.value,
                claim.text,
                claim.likelihood.value if claim.likelihood else "",
                str(claim.credibility) if claim.credibility else "",
                cited(claim.sources, dated=True),
                SEPARATOR.join(claim.events),
                SEPARATOR.join(claim.forces),
                claim.note or "",
            )
            for claim in briefing.claims
        ),
    )
    return events, claims
