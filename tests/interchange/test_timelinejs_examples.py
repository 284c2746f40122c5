"""TimelineJS's own timelines import whole: years BC, times of day, media-only slides, version 2."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.dates import Precision
from briefing.interchange import import_bytes, import_file
from briefing.loader import load_text
from briefing.writer import dump

DATA = Path(__file__).resolve().parent / "data"


def _round_trips(briefing) -> None:
    result = load_text(dump(briefing), "imported.yaml")
    assert result.errors == ()
    assert result.briefing == briefing


def test_the_cosmology_template_imports_its_years_bc_in_order():
    briefing, _notes = import_file(DATA / "cosmo.json")
    dates = [event.date for event in briefing.events]
    assert [d.text for d in dates][:2] == ["13800000000 BC", "13799630000 BC"]
    assert dates == sorted(dates)  # the template lists them oldest first
    assert briefing.events[4].date.text == "538800000 BC/251902000 BC"  # the Paleozoic
    assert briefing.events[-1].date.label() == "3500 BC"
    _round_trips(briefing)


def test_mark_twain_keeps_its_times_of_day_and_its_slides_of_media_alone():
    briefing, notes = import_file(DATA / "marktwain.json")
    events = briefing.events_by_id
    assert (events["e2"].date.text, events["e2"].date.precision) == (
        "2000-01-05T06:45:56Z",
        Precision.TIME,
    )
    assert [events[e].title for e in ("e4", "e5", "e6")] == [
        "a Youtube video",  # from the caption
        "a tweet",
        "another youtube video",
    ]
    joined = "; ".join(notes)
    assert "the time zone of 16 times of day (TimelineJS gives none; read as UTC)" in joined
    assert "a headline or text on 3 slides of media alone" in joined
    assert "times of day on" not in joined.replace("the time zone of 16 times of day", "")
    _round_trips(briefing)


def test_a_timelinejs_2_file_imports_slide_by_slide():
    briefing, _notes = import_file(DATA / "houston-timeline2.json")
    assert briefing.title == "Whitney Houston 1963 - 2012"
    assert len(briefing.events) == 18
    first = briefing.events[0]
    assert (first.date.text, first.title) == ("1963-08-09", "A Musical Heritage")
    assert briefing.events[1].date.text == "1978"
    _round_trips(briefing)


def _import(events: list[dict], **root) -> tuple:
    return import_bytes(json.dumps({"events": events, **root}).encode(), "t.json", "timelinejs")


def test_display_date_never_replaces_the_start_date():
    briefing, _ = _import(
        [
            {
                "start_date": {"year": 2020, "month": 11, "day": 11},
                "display_date": "2020",
                "text": {"headline": "Shown as a year"},
            },
            {
                "start_date": {"year": 2020, "display_date": "2019"},
                "text": {"headline": "Shown as another year"},
            },
        ]
    )
    shown, other = briefing.events
    assert (shown.date.text, shown.date.precision, shown.date_text) == (
        "2020-11-11",
        Precision.DAY,
        "2020",
    )
    assert (other.date.text, other.date_text) == ("2020", "2019")


def test_a_slide_of_media_alone_is_titled_from_caption_credit_or_its_number():
    media = {"url": "https://example.org/photo.jpg"}
    briefing, notes = _import(
        [
            {"start_date": {"year": 2020}, "media": {**media, "caption": "<b>The</b> caption"}},
            {"start_date": {"year": 2021}, "media": {**media, "credit": "AP"}},
            {"start_date": {"year": 2022}, "media": media},
        ]
    )
    assert [e.title for e in briefing.events] == ["The caption", "AP", "Untitled slide 3"]
    assert "a headline or text on 3 slides of media alone" in "; ".join(notes)


def test_times_and_years_bc_of_timelinejs_2_and_3_dates():
    briefing, notes = _import(
        [
            {
                "start_date": {"year": 2020, "month": 11, "day": 10, "hour": 1, "minute": 30},
                "text": {"headline": "At night"},
            },
            {"start_date": {"year": -500, "month": 3}, "text": {"headline": "Long ago"}},
            {
                "start_date": {"year": 2020, "hour": 1, "minute": 30},
                "text": {"headline": "A time without a day"},
            },
        ]
    )
    assert [e.date.text for e in briefing.events] == ["2020-11-10T01:30Z", "500 BC", "2020"]
    joined = "; ".join(notes)
    assert "month, day or time of 1 date before year 1 (kept as a year BC)" in joined
    assert "times of day that could not be read, on 1 date" in joined
    tl2 = {
        "timeline": {
            "headline": "Old",
            "date": [
                {"startDate": "2020,11,10,1,30,15", "headline": "With seconds"},
                {"startDate": "-44,3,15", "headline": "Ides of March"},
            ],
        }
    }
    briefing, _ = import_bytes(json.dumps(tl2).encode(), "t.json", "timelinejs")
    assert [e.date.text for e in briefing.events] == ["2020-11-10T01:30:15Z", "44 BC"]


def test_spreadsheet_times_are_carried_in_24_hour_or_am_pm():
    header = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Headline,Text"
    rows = [
        "2020,11,10,1:30 PM,,,,,Afternoon,",
        "2020,11,10,13:30:15,2020,11,10,14:00,Talks,",
        "2020,11,10,noonish,,,,,Unread,",
    ]
    data = "\n".join([header, *rows]).encode()
    briefing, notes = import_bytes(data, "sheet.csv", "csv")
    assert [e.date.text for e in briefing.events] == [
        "2020-11-10T13:30Z",
        "2020-11-10T13:30:15Z/2020-11-10T14:00Z",
        "2020-11-10",
    ]
    assert "times of day that could not be read, on 1 date" in "; ".join(notes)
