"""Years BC and times of day leave and come back through CSV and STIX as written."""

from __future__ import annotations

from stix2validator import ValidationOptions, validate_string

from briefing.dates import Precision
from briefing.interchange import import_bytes
from briefing.interchange.csv_io import to_csv
from briefing.interchange.stix import to_stix, to_stix_json
from briefing.loader import load_text

DATED = [
    {"id": "wheel", "date": "3500 BC", "title": "Oldest wheeled vehicle"},
    {"id": "strike", "date": "2020-11-10T01:30+04:00", "title": "Strike at 01:30 local"},
    {"id": "talks", "date": "2020-11-09T22:00Z/2020-11-10T02:15:30+03:00", "title": "Talks"},
]


def _briefing(briefings):
    data = briefings.data()
    data["events"] += DATED
    result = load_text(briefings.yaml(**data))
    assert result.briefing is not None, result.problems
    return result.briefing


def test_years_bc_and_times_round_trip_through_csv(briefings):
    briefing = _briefing(briefings)
    events_csv, _claims = to_csv(briefing)
    back, _notes = import_bytes(events_csv, "events.csv")
    dates = {event.id: event.date for event in back.events}
    for event in DATED:
        assert dates[event["id"]] == briefing.events_by_id[event["id"]].date
    assert dates["wheel"].label() == "3500 BC"
    assert dates["strike"].precision is Precision.TIME


def test_stix_carries_years_bc_as_text_and_times_as_their_utc_moment(briefings):
    briefing = _briefing(briefings)
    events = {
        obj["x_briefing_id"]: obj
        for obj in to_stix(briefing)["objects"]
        if "event" in obj.get("labels", ())
    }
    wheel, strike = events["wheel"], events["strike"]
    assert (wheel["x_briefing_date"], wheel["x_briefing_date_precision"]) == ("3500 BC", "year")
    assert "x_briefing_first_day" not in wheel  # a STIX timestamp has no year before 1
    assert wheel["abstract"] == "3500 BC: Oldest wheeled vehicle"
    assert strike["x_briefing_date"] == "2020-11-10T01:30+04:00"
    assert strike["x_briefing_date_precision"] == "time"
    assert strike["x_briefing_first_day"] == "2020-11-09T21:30:00.000Z"
    assert events["talks"]["x_briefing_first_day"] == "2020-11-09T00:00:00.000Z"
    results = validate_string(to_stix_json(briefing).decode(), ValidationOptions(version="2.1"))
    assert results.is_valid, [str(error) for error in results.errors]
