"""Import a TimelineJS 3 or 2 timeline (its JSON, or its slides from the spreadsheet) as a briefing.

A TimelineJS slide becomes an event: its date parts keep their precision (a negative year is a
year BC, as TimelineJS shows it; a time of day is read as UTC, as TimelineJS gives no offset), a
display date stays as the analyst's wording in `date_text` and never replaces the parts, the HTML
is read as plain text with its links kept as sources, the group becomes a side, the media link a
source. Eras become events with a date range. What the format cannot hold is counted, not lost.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.dates import DateError, FuzzyDate, parse_date
from briefing.interchange.draft import Draft, Imported, ImportFailed
from briefing.interchange.html_text import html_to_text, is_web_url
from briefing.problems import quoted

# Where a value sits in the input, as the text of a message position: "12:7" or "5".
Locate = Callable[[str], str]

TITLE_FROM_TEXT_LENGTH = 80


class _Bad(Exception):
    """A value was wrong; its error is already recorded in the draft."""


@dataclass(frozen=True)
class DateParts:
    """One TimelineJS date as written: year, month, day (numbers or digit strings)."""

    year: Any
    month: Any = None
    day: Any = None
    hour: Any = None
    minute: Any = None
    second: Any = None
    millisecond: Any = None
    display_date: str | None = None
    unread_time: bool = False  # a time of day that could not be read (a spreadsheet's cell)

    @property
    def has_time(self) -> bool:
        return any(part not in (None, "") for part in (self.hour, self.minute, self.second))

    @property
    def empty(self) -> bool:
        return all(part in (None, "") for part in (self.year, self.month, self.day))


@dataclass(frozen=True)
class Slide:
    """One TimelineJS slide, from JSON or from a spreadsheet row; texts are still HTML."""

    start: DateParts | None
    end: DateParts | None = None
    display_date: str | None = None
    headline: str | None = None
    text: str | None = None
    media_url: str | None = None
    media_credit: str | None = None
    media_caption: str | None = None
    group: str | None = None
    unique_id: str | None = None


# More digits than any year, month or day has (the cosmology template's Big Bang is year
# -13800000000); a longer number is refused before int() reads it (Python refuses more than
# 4,300 digits with a ValueError).
_MAX_DATE_DIGITS = 12
_YEARS = "a briefing holds years 99999999999 BC to 9999"


def _number(draft: Draft, value: Any, name: str, where: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        draft.error(where, f"{name} must be a whole number, not {json.dumps(value)[:40]}")
        raise _Bad
    if isinstance(value, float):
        if not value.is_integer():  # also inf and nan
            draft.error(where, f"{name} must be a whole number, not {value!r}")
            raise _Bad
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        # Only ASCII digits: \\d and int() would also read full-width and Arabic-Indic ones.
        if not re.fullmatch(r"[+-]?[0-9]+", text):
            draft.error(where, f"{name} must be a whole number, not {quoted(text)}")
            raise _Bad
        too_long = len(text.lstrip("+-").lstrip("0")) > _MAX_DATE_DIGITS
        value = 10**_MAX_DATE_DIGITS if too_long else int(text)
    if abs(value) >= 10**_MAX_DATE_DIGITS:
        draft.error(where, f"{name} is out of range: {_YEARS}")
        raise _Bad
    return value


def _json_int(digits: str) -> int | str:
    """A JSON integer: as an int, or, past any date part, its digits, which `_number` refuses
    (int() of over 4,300 digits raises ValueError, and json.loads would pass that on)."""
    return int(digits) if len(digits) <= 2 * _MAX_DATE_DIGITS else digits


def _date_of_parts(draft: Draft, parts: DateParts, at: Locate, prefix: str) -> FuzzyDate:
    """A time, day, month or year date from the parts, with the precision they give."""
    year = _number(draft, parts.year, f"{prefix}year", at(f"{prefix}year"))
    month = _number(draft, parts.month, f"{prefix}month", at(f"{prefix}month"))
    day = _number(draft, parts.day, f"{prefix}day", at(f"{prefix}day"))
    if year is None:
        draft.error(at(f"{prefix}year"), f"the date has no {prefix}year")
        raise _Bad
    if year == 0 or year > 9999:
        draft.error(at(f"{prefix}year"), f"year {year} is out of range: {_YEARS}, no year 0")
        raise _Bad
    if day is not None and month is None:
        draft.error(at(f"{prefix}day"), f"{prefix}day is given without a {prefix}month")
        raise _Bad
    if year < 0:  # TimelineJS shows year -500 as 500 BCE
        if month is not None or parts.has_time:
            draft.drop("month, day or time of {n} date{s} before year 1 (kept as a year BC)")
        return parse_date(f"{-year} BC")
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}" if 0 <= month < 100 else f"-{month}"
    if day is not None:
        text += f"-{day:02d}" if 0 <= day < 100 else f"-{day}"
    if parts.has_time or parts.unread_time:
        text += _time_of_parts(draft, parts, at, prefix, whole_day=day is not None)
    try:
        return parse_date(text)
    except DateError as exc:
        field = "hour" if "T" in text else "month" if day is None else "day"
        draft.error(at(f"{prefix}{field}"), str(exc))
        raise _Bad from None


def _time_of_parts(draft: Draft, parts: DateParts, at: Locate, prefix: str, whole_day: bool) -> str:
    """ "T13:30Z" from the hour, minute and second of a date that has a day; "" (and a note)
    where there is none to read."""
    if parts.unread_time or not whole_day:
        draft.drop("times of day that could not be read, on {n} date{s}")
        return ""
    hour, minute, second = (
        _number(draft, value, f"{prefix}{name}", at(f"{prefix}{name}"))
        for name, value in (
            ("hour", parts.hour),
            ("minute", parts.minute),
            ("second", parts.second),
        )
    )
    if parts.millisecond not in (None, ""):
        draft.drop("milliseconds on {n} date{s}")
    draft.drop("the time zone of {n} time{s} of day (TimelineJS gives none; read as UTC)")
    clock = f"T{hour or 0:02d}:{minute or 0:02d}"
    return clock + (f":{second:02d}" if second is not None else "") + "Z"


def plain(html: str | None) -> tuple[str, list[tuple[str, str]]]:
    """HTML to (plain text, [(url, link text)])."""
    if not html:
        return "", []
    text, links = html_to_text(html)
    return text, [(link.url, link.text) for link in links]


def add_slide(draft: Draft, slide: Slide, at: Locate, number: int) -> None:
    """Turn one slide into an event of the draft, or record why it cannot be one; `number`
    counts the slides from 1, for the title of an untitled one."""
    try:
        if slide.start is None or slide.start.empty:
            display = (slide.display_date or "").strip()
            try:
                date = parse_date(display) if display else None
            except DateError:
                date = None
            if date is None:
                draft.error(at("start_date"), "the slide has no start date")
                raise _Bad
        else:
            date = _date_of_parts(draft, slide.start, at, "")
            if slide.end is not None and not slide.end.empty:
                end = _date_of_parts(draft, slide.end, at, "end_")
                if end != date:
                    try:
                        date = parse_date(f"{date.text}/{end.text}")
                    except DateError as exc:
                        draft.error(at("end_year"), str(exc))
                        raise _Bad from None
    except _Bad:
        return
    # The display text is the source's wording: kept as date_text, never in place of the
    # parts, which say more ("2020" shown for 2020-11-11) or may disagree ("2019").
    display = " ".join((slide.display_date or "").split())

    headline, headline_links = plain(slide.headline)
    text, text_links = plain(slide.text)
    if not headline:
        first_line = text.split("\n", 1)[0]
        if first_line:
            draft.drop("{n} slide{s} without a headline, titled from their text")
        elif not (slide.media_url or "").strip() and not _media_title(slide):
            draft.error(at("headline"), "the slide has neither a headline nor text nor media")
            return
        else:
            first_line = _media_title(slide) or f"Untitled slide {number}"
            draft.drop(
                "a headline or text on {n} slide{s} of media alone "
                "(titled from the caption, the credit or 'Untitled slide N')"
            )
        headline = first_line
        if len(headline) > TITLE_FROM_TEXT_LENGTH:
            headline = headline[: TITLE_FROM_TEXT_LENGTH - 1].rstrip() + "…"
    sources = [draft.source(url, title=title) for url, title in headline_links + text_links]
    media = (slide.media_url or "").strip()
    if media:
        if is_web_url(media):
            credit, _ = plain(slide.media_credit)
            caption, _ = plain(slide.media_caption)
            sources.append(draft.source(media, outlet=credit or None, title=caption or None))
        else:
            draft.drop("{n} embedded media (not links)")
    sides = (draft.side(slide.group),) if slide.group and slide.group.strip() else ()
    draft.add_event(
        date,
        headline,
        event_id=slide.unique_id,
        text=text,
        date_text=display or None,
        sides=sides,
        sources=tuple(sources),
    )


def _media_title(slide: Slide) -> str:
    """A title for a slide of media alone: the first line of its caption, else its credit."""
    for html in (slide.media_caption, slide.media_credit):
        line = plain(html)[0].split("\n", 1)[0].strip()
        if line:
            return line
    return ""


def add_era(draft: Draft, era: Slide, at: Locate, number: int) -> None:
    """An era is a span with a name: it becomes an event whose date is the range it covers."""
    before = len(draft.errors)
    add_slide(draft, era, at, number)
    if len(draft.errors) == before:
        draft.drop("{n} era{s} imported as events with a date range")


# ----- JSON


def _positions(
    text: str, repeated: list[tuple[str, int]] | None = None
) -> dict[tuple[Any, ...], int]:
    """The offset of every value in valid JSON text, by its path of keys and indexes; a key
    named twice in one object goes into `repeated` with the offset of its second naming."""
    decoder = json.JSONDecoder(parse_int=_json_int)
    space = re.compile(r"[ \t\n\r]*")
    found: dict[tuple[Any, ...], int] = {}

    def value(i: int, path: tuple[Any, ...]) -> int:
        i = space.match(text, i).end()  # type: ignore[union-attr]
        found[path] = i
        opening = text[i]
        if opening in "{[":
            closing, index = ("}" if opening == "{" else "]"), 0
            keys: set[str] = set()
            i = space.match(text, i + 1).end()  # type: ignore[union-attr]
            while text[i] != closing:
                if opening == "{":
                    start = i
                    key, i = decoder.raw_decode(text, i)
                    key = _LONE_SURROGATE.sub("\ufffd", key)  # as the parsed document has it
                    if key in keys and repeated is not None:
                        repeated.append((key, start))
                    keys.add(key)
                    i = space.match(text, i).end() + 1  # type: ignore[union-attr]  # past ':'
                    i = value(i, (*path, key))
                else:
                    i = value(i, (*path, index))
                    index += 1
                i = space.match(text, i).end()  # type: ignore[union-attr]
                if text[i] == ",":
                    i = space.match(text, i + 1).end()  # type: ignore[union-attr]
            return i + 1
        return decoder.raw_decode(text, i)[1]

    value(0, ())
    return found


class _Json:
    """The parsed document with a way to say where any of its values was written."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._offsets: dict[tuple[Any, ...], int] | None = None

    def at(self, path: tuple[Any, ...]) -> str:
        if self._offsets is None:
            try:
                self._offsets = _positions(self.text)
            except RecursionError:
                self._offsets = {}  # too deep to walk: point at the start
        while path and path not in self._offsets:
            path = path[:-1]  # a missing field: point at the object that lacks it
        offset = self._offsets.get(path, 0)
        return self.where(offset)

    def where(self, offset: int) -> str:
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return f"{line}:{column}"

    def repeated_keys(self) -> list[tuple[str, str]]:
        """(key, "LINE:COL" of its second naming) for each key an object names twice."""
        repeated: list[tuple[str, int]] = []
        try:
            _positions(self.text, repeated)
        except RecursionError:
            return []
        return [(key, self.where(offset)) for key, offset in repeated]


_DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
_EVENT_KEYS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "unique_id",
    "background",
    "autolink",
}
# Field names of a spreadsheet-style message mapped to where they sit in a JSON slide.
_FIELD_PATHS = {
    "year": ("start_date", "year"),
    "month": ("start_date", "month"),
    "day": ("start_date", "day"),
    "end_year": ("end_date", "year"),
    "end_month": ("end_date", "month"),
    "end_day": ("end_date", "day"),
    "start_date": ("start_date",),
    "headline": ("text", "headline"),
}


def _text_field(draft: Draft, doc: _Json, value: Any, path: tuple[Any, ...]) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    draft.error(doc.at(path), f"{path[-1]} must be text")
    raise _Bad


def _mapping(draft: Draft, doc: _Json, value: Any, path: tuple[Any, ...], what: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        draft.error(doc.at(path), f"{what} must be a JSON object {{...}}")
        raise _Bad
    return value


def _date(draft: Draft, doc: _Json, value: Any, path: tuple[Any, ...]) -> DateParts | None:
    data = _mapping(draft, doc, value, path, str(path[-1]))
    if not data:
        return None
    for key in sorted(set(data) - _DATE_KEYS):
        draft.drop("field {name!r} of dates", name=key)
    display = _text_field(draft, doc, data.get("display_date"), (*path, "display_date"))
    return DateParts(
        year=data.get("year"),
        month=data.get("month"),
        day=data.get("day"),
        hour=data.get("hour"),
        minute=data.get("minute"),
        second=data.get("second"),
        millisecond=data.get("millisecond"),
        display_date=display,
    )


def _slide(draft: Draft, doc: _Json, value: Any, path: tuple[Any, ...], what: str) -> Slide:
    if not isinstance(value, dict):
        draft.error(doc.at(path), f"{what} must be a JSON object {{...}}")
        raise _Bad
    data = value
    text = _mapping(draft, doc, data.get("text"), (*path, "text"), "text")
    media = _mapping(draft, doc, data.get("media"), (*path, "media"), "media")
    start = _date(draft, doc, data.get("start_date"), (*path, "start_date"))
    end = _date(draft, doc, data.get("end_date"), (*path, "end_date"))
    display = _text_field(draft, doc, data.get("display_date"), (*path, "display_date"))
    if not display and start is not None:
        display = start.display_date
    if data.get("background"):
        draft.drop("background on {n} slide{s}")
    if "autolink" in data:
        draft.drop("autolink setting on {n} slide{s}")
    for key in sorted(set(data) - _EVENT_KEYS):
        draft.drop("field {name!r} of slides", name=key)
    if media.get("thumbnail"):
        draft.drop("{n} media thumbnail{s}")
    for key in sorted(set(media) - {"url", "credit", "caption", "thumbnail"}):
        draft.drop("media field {name!r}", name=key)
    return Slide(
        start=start,
        end=end,
        display_date=display,
        headline=_text_field(draft, doc, text.get("headline"), (*path, "text", "headline")),
        text=_text_field(draft, doc, text.get("text"), (*path, "text", "text")),
        media_url=_text_field(draft, doc, media.get("url"), (*path, "media", "url")),
        media_credit=_text_field(draft, doc, media.get("credit"), (*path, "media", "credit")),
        media_caption=_text_field(draft, doc, media.get("caption"), (*path, "media", "caption")),
        group=_text_field(draft, doc, data.get("group"), (*path, "group")),
        unique_id=_text_field(draft, doc, data.get("unique_id"), (*path, "unique_id")),
    )


def _locate(doc: _Json, path: tuple[Any, ...]) -> Locate:
    return lambda name: doc.at((*path, *_FIELD_PATHS.get(name, (name,))))


def decode_text(data: bytes, draft: Draft) -> str:
    """UTF-8 with or without a byte-order mark; anything else is an error at its byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        draft.error(f"{line}:{column}", "not UTF-8 text; save the file as UTF-8")
        raise ImportFailed(draft.errors) from None


def _object_of(draft: Draft) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """A JSON object with every lone surrogate in its keys and texts replaced by U+FFFD.

    JSON may write half of a surrogate pair (`"\\ud800"`); Python keeps it in the string, and
    no UTF-8 file can hold it. Each one is counted in the notes.
    """

    def whole(text: str) -> str:
        mended, count = _LONE_SURROGATE.subn("\ufffd", text)
        if count:
            draft.drop("{n} unpaired surrogate escape{s} (like \\ud800), written as U+FFFD", count)
        return mended

    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        return {
            whole(key): whole(value) if isinstance(value, str) else value for key, value in pairs
        }

    return build


# json.loads joins a valid pair into one character, so any surrogate left is alone.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


# TimelineJS 2: {"timeline": {"headline", "text", "asset", "date": [...], "era": [...]}}, each
# date {"startDate": "1932,1,1", "endDate", "headline", "text", "tag", "asset": {"media",
# "credit", "caption", "thumbnail"}}; a date is "YEAR,MONTH,DAY[,HOUR,MINUTE[,SECOND]]".
_TL2_KEYS = {"startDate", "endDate", "headline", "text", "tag", "asset", "classname"}
_TL2_FIELDS = {"year": "startDate", "month": "startDate", "day": "startDate"}
_TL2_FIELDS |= {f"end_{name}": "endDate" for name in ("year", "month", "day")}


def _tl2_date(draft: Draft, doc: _Json, value: Any, path: tuple[Any, ...]) -> DateParts | None:
    text = _text_field(draft, doc, value, path)
    if not text or not text.strip():
        return None
    parts = [part.strip() or None for part in text.split(",")]
    if len(parts) > 6:
        draft.error(doc.at(path), 'a TimelineJS 2 date is "YEAR,MONTH,DAY[,HOUR,MINUTE,SECOND]"')
        raise _Bad
    year, month, day, hour, minute, second = parts + [None] * (6 - len(parts))
    return DateParts(year, month, day, hour, minute, second)


def _read_timelinejs2(draft: Draft, doc: _Json, timeline: dict[str, Any]) -> None:
    """A TimelineJS 2 file (`timeline.date[]`), slide by slide as TimelineJS 3's."""
    root = ("timeline",)
    for key in sorted(set(timeline) - {"headline", "text", "asset", "date", "era", "type"}):
        draft.drop("field {name!r} of the TimelineJS 2 timeline", name=key)
    with contextlib.suppress(_Bad):
        headline = _text_field(draft, doc, timeline.get("headline"), (*root, "headline"))
        draft.title = plain(headline)[0].replace("\n", " ") or None
        draft.summary = plain(_text_field(draft, doc, timeline.get("text"), (*root, "text")))[0]
        draft.summary = draft.summary or None
    for name in ("date", "era"):
        items = timeline.get(name)
        if items is None:
            continue
        if not isinstance(items, list):
            draft.error(doc.at((*root, name)), f'"{name}" must be a list')
            continue
        for index, item in enumerate(items):
            path = (*root, name, index)
            try:
                if not isinstance(item, dict):
                    draft.error(doc.at(path), f"a {name} must be a JSON object {{...}}")
                    raise _Bad
                for key in sorted(set(item) - _TL2_KEYS):
                    draft.drop("field {name!r} of TimelineJS 2 dates", name=key)
                asset = _mapping(draft, doc, item.get("asset"), (*path, "asset"), "asset")
                if asset.get("thumbnail"):
                    draft.drop("{n} media thumbnail{s}")
                texts = {
                    key: _text_field(draft, doc, item.get(key), (*path, key))
                    for key in ("headline", "text", "tag")
                }
                media = {
                    key: _text_field(draft, doc, asset.get(key), (*path, "asset", key))
                    for key in ("media", "credit", "caption")
                }
                slide = Slide(
                    start=_tl2_date(draft, doc, item.get("startDate"), (*path, "startDate")),
                    end=_tl2_date(draft, doc, item.get("endDate"), (*path, "endDate")),
                    headline=texts["headline"],
                    text=texts["text"],
                    media_url=media["media"],
                    media_credit=media["credit"],
                    media_caption=media["caption"],
                    group=texts["tag"],
                )
            except _Bad:
                continue
            at = _tl2_locate(doc, path)
            (add_era if name == "era" else add_slide)(draft, slide, at, index + 1)


def _tl2_locate(doc: _Json, path: tuple[Any, ...]) -> Locate:
    return lambda name: doc.at((*path, _TL2_FIELDS.get(name, name)))


def read_timelinejs(data: bytes, path: str) -> Imported:
    """A TimelineJS 3 JSON file as a briefing and the notes on what could not be carried."""
    draft = Draft(path)
    text = decode_text(data, draft)
    repeated = False
    build = _object_of(draft)

    def no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        mapping = build(pairs)
        repeated = repeated or len(mapping) < len(pairs)
        return mapping

    try:
        root = json.loads(text, parse_int=_json_int, object_pairs_hook=no_repeats)
    except json.JSONDecodeError as exc:
        draft.error(f"{exc.lineno}:{exc.colno}", f"not valid JSON: {exc.msg}")
        raise ImportFailed(draft.errors) from None
    except RecursionError:
        draft.error("1:1", "nesting is too deep to be a timeline")
        raise ImportFailed(draft.errors) from None
    doc = _Json(text)
    if repeated:
        # JSON readers differ on which of two values of one key counts; refuse to guess.
        for key, where in doc.repeated_keys():
            draft.error(where, f"key {json.dumps(key)} is named twice in one object; keep one")
        raise ImportFailed(draft.errors)
    if not isinstance(root, dict):
        draft.error("1:1", 'a TimelineJS file is a JSON object with an "events" list')
        raise ImportFailed(draft.errors)
    timeline2 = root.get("timeline")
    if "events" not in root and isinstance(timeline2, dict) and "date" in timeline2:
        _read_timelinejs2(draft, doc, timeline2)
        return draft.imported(fallback_title=Path(path).stem)
    events = root.get("events")
    if not isinstance(events, list):
        message = 'has no "events" list' if events is None else '"events" must be a list'
        draft.error(doc.at(("events",)), f"the timeline {message}")
        raise ImportFailed(draft.errors)
    for key in sorted(set(root) - {"title", "events", "eras", "scale"}):
        draft.drop("top-level field {name!r}", name=key)
    if root.get("scale") not in (None, "human"):
        draft.drop("scale {name!r}", name=str(root.get("scale")))

    if root.get("title") is not None:
        try:
            title = _slide(draft, doc, root["title"], ("title",), "the title slide")
        except _Bad:
            title = None
        if title is not None:
            draft.title = plain(title.headline)[0].replace("\n", " ") or None
            draft.summary = plain(title.text)[0] or None
            for url, link_text in plain(title.headline)[1] + plain(title.text)[1]:
                draft.source(url, title=link_text)
            if title.media_url and is_web_url(title.media_url.strip()):
                draft.source(
                    title.media_url.strip(),
                    outlet=plain(title.media_credit)[0] or None,
                    title=plain(title.media_caption)[0] or None,
                )

    for index, event in enumerate(events):
        try:
            slide = _slide(draft, doc, event, ("events", index), "an event")
        except _Bad:
            continue
        add_slide(draft, slide, _locate(doc, ("events", index)), index + 1)

    eras = root.get("eras")
    if eras is not None and not isinstance(eras, list):
        draft.error(doc.at(("eras",)), '"eras" must be a list')
    for index, era in enumerate(eras if isinstance(eras, list) else []):
        try:
            slide = _slide(draft, doc, era, ("eras", index), "an era")
        except _Bad:
            continue
        add_era(draft, slide, _locate(doc, ("eras", index)), index + 1)

    return draft.imported(fallback_title=Path(path).stem)
