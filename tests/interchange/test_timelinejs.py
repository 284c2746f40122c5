"""TimelineJS JSON import: every field lands in the model with its precision, text and links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.dates import Precision
from briefing.interchange import ImportFailed, import_bytes, import_file
from briefing.loader import load_text
from briefing.model import Reliability, SourceKind
from briefing.writer import dump

DATA = Path(__file__).resolve().parents[1] / "data" / "interchange"


@pytest.fixture(scope="module")
def imported():
    return import_file(DATA / "timeline.json")


def test_title_slide_gives_title_and_summary_as_plain_text(imported):
    briefing, _notes = imported
    assert briefing.title == "Karabakh autumn 2020"
    assert briefing.summary == "A timeline of the war & its aftermath."


def test_unique_ids_are_kept_and_others_numbered_by_place(imported):
    briefing, _notes = imported
    assert [event.id for event in briefing.events] == [
        "mou",
        "e2",
        "e3",
        "e4",
        "e5",
        "e6",
        "e7",
        "e8",
    ]


def test_each_date_keeps_its_precision(imported):
    events = imported[0].events_by_id
    mou = events["mou"].date  # its hour and minute, taken as UTC
    assert (mou.text, mou.precision) == ("2020-11-11T14:30Z", Precision.TIME)
    assert (events["e2"].date.text, events["e2"].date.precision) == ("2020-11", Precision.MONTH)
    assert (events["e3"].date.text, events["e3"].date.precision) == ("1974", Precision.YEAR)
    assert events["e5"].date.text == "2020-09-27/2020-11-10"
    assert events["e5"].date.precision is Precision.RANGE


def test_display_date_keeps_the_wording_and_never_replaces_the_date(imported):
    events = imported[0].events_by_id
    assert events["e4"].date_text == "1990s"
    assert (events["e4"].date.text, events["e4"].date.precision) == ("1990", Precision.YEAR)
    assert events["e6"].date_text == "Autumn 2020"  # given inside start_date
    assert (events["e6"].date.text, events["e6"].date.precision) == ("2020-09", Precision.MONTH)
    assert events["e7"].date_text == "on the day of the parade"
    assert events["e7"].date.text == "2020-12-10"  # wording that does not parse keeps the parts
    assert events["mou"].date_text is None


def test_html_becomes_plain_text_and_script_is_dropped(imported):
    mou = imported[0].events_by_id["mou"]
    assert mou.title == "Memorandum signed"
    assert mou.text == "Akar and Shoigu signed a memorandum, says Anadolu.\nSecond paragraph."
    assert "alert" not in dump(imported[0])
    assert imported[0].events_by_id["e3"].text == "Year only: no link"  # javascript: is no source


def test_links_and_media_become_ungraded_sources(imported):
    briefing, _notes = imported
    mou = briefing.events_by_id["mou"]
    sources = [briefing.sources_by_id[i] for i in mou.sources]
    assert [(s.outlet, s.title, s.url) for s in sources] == [
        ("aa.com.tr", "Anadolu", "https://www.aa.com.tr/en/mou"),
        ("TRT Haber", "The signing", "https://www.youtube.com/watch?v=abc"),
    ]
    assert all(s.kind is SourceKind.OTHER and s.reliability is Reliability.F for s in sources)
    # The same link later is the same source, not a second one.
    assert briefing.events_by_id["e7"].sources == (sources[0].id,)
    title_media = briefing.sources[0]
    assert (title_media.outlet, title_media.title) == ("Example Maps", "The region")


def test_groups_become_sides(imported):
    briefing, _notes = imported
    assert [(side.id, side.name) for side in briefing.sides] == [
        ("turkey", "Turkey"),
        ("turkiye-armed-forces", "Türkiye Armed Forces"),
        ("azerbaijan", "Azerbaijan"),
    ]
    assert briefing.events_by_id["mou"].sides == ("turkey",)
    assert briefing.events_by_id["e4"].sides == ()


def test_slide_without_headline_is_titled_from_its_text(imported):
    assert imported[0].events_by_id["e7"].title.startswith("Victory parade in Baku")


def test_eras_become_range_events(imported):
    era = imported[0].events_by_id["e8"]
    assert (era.title, era.text) == ("Second Karabakh War", "44 days")
    assert era.date.text == "2020-09-27/2020-11-10"


def test_what_cannot_be_carried_is_listed(imported):
    notes = "; ".join(imported[1])
    for expected in (
        "background on 1 slide",
        "1 media thumbnail",
        "the time zone of 1 time of day (TimelineJS gives none; read as UTC)",
        "1 embedded media (not links)",
        "1 era imported as events",
        "1 slide without a headline",
    ):
        assert expected in notes


def test_import_gives_a_briefing_that_validates(imported):
    result = load_text(dump(imported[0]), "imported.yaml")
    assert result.errors == ()
    assert result.briefing == imported[0]


def test_title_falls_back_to_the_file_name():
    data = b'{"events": [{"start_date": {"year": 2020}, "text": {"headline": "x"}}]}'
    briefing, _ = import_bytes(data, "/some/where/my-timeline.json")
    assert briefing.title == "my-timeline"


def _position(text: str, at: str) -> str:
    offset = text.index(at)
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


@pytest.mark.parametrize(
    ("text", "at", "message"),
    [
        ('{"events": [\n  {"start_date": {"year": 2020,}}\n]}', "}}", "not valid JSON"),
        ("[1, 2]", "[", "JSON object"),
        ('{"title": {}}', '{"title"', 'no "events" list'),
        ('{"events": {"a": 1}}', '{"a"', '"events" must be a list'),
        ('{"events": [\n 5\n]}', "5", "must be a JSON object"),
        ('{"events": [\n null\n]}', "null", "must be a JSON object"),
        (
            '{"events": [\n {"start_date": {"year": 2021, "month": 2, "day": 29},'
            ' "text": {"headline": "x"}}\n]}',
            "29",
            "day 29 does not exist",
        ),
        (
            '{"events": [{"start_date": {"year": 0}, "text": {"headline": "x"}}]}',
            "0}",
            "no year 0",
        ),
        (
            '{"events": [{"start_date": {"year": 2020},\n "end_date": {"year": 2019},'
            ' "text": {"headline": "x"}}]}',
            "2019",
            "ends before it starts",
        ),
        (
            '{"events": [{"start_date": {"year": 2020}}]}',
            '{"start_date"',
            "neither a headline nor text",
        ),
        ('{"events": [{"start_date": {"year": "MMXX"}}]}', '"MMXX"', "whole number"),
        ('{"events": [{"start_date": {"year": "２０２０"}}]}', '"２０２０"', "whole number"),
        ('{"events": [{"start_date": {"year": 1' + "0" * 5000 + "}}]}", "10", "out of range"),
        ('{"events": [{"start_date": {"year": "1' + "0" * 5000 + '"}}]}', '"10', "out of range"),
        ('{"events": [{"start_date": {"year": 1e400}}]}', "1e400", "whole number"),
    ],
)
def test_broken_json_is_reported_at_its_position(text, at, message):
    with pytest.raises(ImportFailed) as failed:
        import_bytes(text.encode(), "t.json", "timelinejs")
    first = failed.value.messages[0]
    assert first.startswith(f"t.json:{_position(text, at)}: error: "), first
    assert message in first


def test_every_broken_event_is_reported_not_just_the_first():
    text = '{"events": [\n{"start_date": {"year": 2020, "month": 13}},\n7,\n{"text": {}}\n]}'
    with pytest.raises(ImportFailed) as failed:
        import_bytes(text.encode(), "t.json")
    assert [m.split(": error")[0] for m in failed.value.messages] == [
        "t.json:2:40",
        "t.json:3:1",
        "t.json:4:1",
    ]


@pytest.mark.parametrize("name", ["{0}", "{n:>99999999}", "{s}", "{name}"])
def test_a_field_name_or_scale_is_text_not_a_template(name):
    data = {
        "events": [{"start_date": {"year": 2020}, "text": {"headline": "x"}, name: 1}],
        name: 1,
        "scale": name,
    }
    _briefing, notes = import_bytes(json.dumps(data).encode(), "t.json")
    assert f"top-level field {name!r}" in notes
    assert f"field {name!r} of slides" in notes
    assert f"scale {name!r}" in notes


def test_a_long_field_name_is_noted_short():
    data = {"events": [{"start_date": {"year": 2020}, "text": {"headline": "x"}}], "k" * 10**6: 1}
    _briefing, notes = import_bytes(json.dumps(data).encode(), "t.json")
    assert notes == [f"top-level field {'k' * 40 + '…'!r}"]


def test_a_lone_surrogate_becomes_a_replacement_character():
    data = rb'{"events": [{"start_date": {"year": 2020}, "text": {"headline": "a\ud800b",'
    data += rb' "text": "pair \ud83d\ude00 ok"}, "\udfff": 1}]}'
    briefing, notes = import_bytes(data, "t.json")
    assert briefing.events[0].title == "a\ufffdb"
    assert briefing.events[0].text == "pair \U0001f600 ok"
    assert "2 unpaired surrogate escapes (like \\ud800), written as U+FFFD" in notes
    assert "field '\ufffd' of slides" in notes
    dump(briefing).encode("utf-8")  # the YAML the import writes can be saved


def test_a_key_named_twice_is_refused_with_its_name_and_place():
    text = (
        '{"events": [\n'
        '  {"start_date": {"year": 2020}, "text": {"headline": "first"},\n'
        '   "text": {"headline": "second"}},\n'
        '  {"start_date": {"year": 2020, "month": 11, "year": 2021}, "text": {"headline": "x"}}\n'
        "]}"
    )
    with pytest.raises(ImportFailed) as failed:
        import_bytes(text.encode(), "d.json")
    assert failed.value.messages == (
        'd.json:3:4: error: key "text" is named twice in one object; keep one',
        'd.json:4:46: error: key "year" is named twice in one object; keep one',
    )


def test_control_characters_written_as_json_escapes_are_dropped():
    text = (
        '{"events": [{"start_date": {"year": 2020}, "text": {"headline": "a\\u001b[31mb\\u0000"}}]}'
    )
    briefing, notes = import_bytes(text.encode(), "c.json")
    assert briefing.events[0].title == "a[31mb"
    assert notes == ["2 control characters (dropped)"]
    assert load_text(dump(briefing)).errors == ()
