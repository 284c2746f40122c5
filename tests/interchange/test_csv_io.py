"""CSV in (TimelineJS's spreadsheet, the plain events layout) and out (events and claims)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from briefing.dates import Precision
from briefing.interchange import ImportFailed, export_file, import_bytes, import_file
from briefing.interchange.csv_io import to_csv
from briefing.loader import load, load_text
from briefing.writer import dump

DATA = Path(__file__).resolve().parents[1] / "data" / "interchange"
BUNDLED = Path(__file__).resolve().parents[2] / "data" / "karabakh-2020.yaml"


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_timelinejs_spreadsheet_imports_field_by_field():
    briefing, notes = import_file(DATA / "timeline-sheet.csv")
    assert briefing.title == "Kalın and the peacekeepers"
    assert briefing.summary == "Imported from a spreadsheet."
    e1, e2, e3, e4, era = briefing.events
    assert (e1.id, e1.date.text, e1.date.precision) == ("e1", "2020-11-22T10:00Z", Precision.TIME)
    assert e1.title == "Kalın: Turkey will be in Karabakh"
    assert e1.text == "Interview with Anadolu."
    assert [briefing.sources_by_id[s].url for s in e1.sources] == [
        "https://www.aa.com.tr/en/kalin",
        "https://www.aa.com.tr/en/kalin-video",
    ]
    video = briefing.sources_by_id[e1.sources[1]]
    assert (video.outlet, video.title) == ("Anadolu Agency", "Kalın speaking")
    assert (e2.date.text, e2.date.precision, e2.title) == (
        "2020-12",
        Precision.MONTH,
        "Erdoğan in Baku",
    )
    assert (e3.date.text, e3.date_text) == ("2020", "autumn 2020")  # the parts, not the words
    assert e4.date.text == "2020-09-27/2020-11-10"
    assert (era.title, era.date.precision) == ("44-day war", Precision.RANGE)
    assert [side.name for side in briefing.sides] == ["Turkey", "Azerbaijan"]
    assert e1.sides == e2.sides == ("turkey",)
    joined = "; ".join(notes)
    for expected in ("1 media thumbnail", "background on 1 slide", "the time zone of 1 time"):
        assert expected in joined
    assert load_text(dump(briefing)).errors == ()


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_plain_events_csv_with_or_without_bom(bom):
    data = bom + (
        b"date,title,text,side,source\r\n"
        b"2020-11-11,Memorandum signed,Akar and Shoigu,Turkey; Russia,"
        b"Anadolu Agency <https://www.aa.com.tr/x>\r\n"
        b"1990s,Operations,,Turkey,https://example.org/iraq\r\n"
    )
    briefing, notes = import_bytes(data, "plain.csv")
    first, second = briefing.events
    assert (first.date.text, first.title, first.text) == (
        "2020-11-11",
        "Memorandum signed",
        "Akar and Shoigu",
    )
    assert [briefing.sides_by_id[s].name for s in first.sides] == ["Turkey", "Russia"]
    source = briefing.sources_by_id[first.sources[0]]
    assert (source.outlet, source.url) == ("Anadolu Agency", "https://www.aa.com.tr/x")
    assert briefing.sources_by_id[second.sources[0]].outlet == "example.org"
    assert second.date.precision is Precision.DECADE
    assert notes == []


def test_round_trip_through_csv_keeps_every_event(tmp_path):
    original, _ = import_file(DATA / "timeline.json")
    out = tmp_path / "events.csv"
    export_file(original, out, "csv")
    again, _ = import_file(out)
    assert [(e.date, e.title, e.text) for e in again.events] == [
        (e.date, e.title, e.text) for e in original.events
    ]
    assert [(e.id, e.date_text) for e in again.events] == [
        (e.id, e.date_text) for e in original.events
    ]


def test_bundled_briefing_round_trips_through_csv(tmp_path):
    original = load(BUNDLED)
    export_file(original, tmp_path / "k.csv", "csv")
    again, _ = import_file(tmp_path / "k.csv")
    assert [(e.id, e.date, e.date_text, e.title, e.text, e.place) for e in again.events] == [
        (e.id, e.date, e.date_text, e.title, e.text, e.place) for e in original.events
    ]


def test_export_is_utf8_with_bom_and_keeps_turkish_names():
    events, claims = to_csv(load(BUNDLED))
    assert events.startswith(b"\xef\xbb\xbfid,date,date_text,title,text,side,source,place\r\n")
    assert claims.startswith(b"\xef\xbb\xbfid,kind,text,likelihood,credibility,source,")
    assert "Erdoğan" in events.decode("utf-8-sig")
    assert "İbrahim Kalın" in claims.decode("utf-8-sig")
    rows = _rows(claims)
    protectorate = next(row for row in rows if row["id"] == "c-ru-protectorate")
    assert protectorate["likelihood"] == "very likely"
    assert protectorate["source"] == "Eurasia Daily Monitor; EDM, 8 Dec 2020; EDM, 10 Dec 2020"


def test_export_writes_events_and_claims_beside_each_other(tmp_path):
    written = export_file(load(BUNDLED), tmp_path / "out.csv", "csv")
    assert written == [tmp_path / "out.csv", tmp_path / "out-claims.csv"]
    assert len(_rows((tmp_path / "out.csv").read_bytes())) == len(load(BUNDLED).events)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out-claims.csv", "out.csv"]


def test_cells_a_spreadsheet_would_run_as_formulas_are_guarded_and_read_back():
    data = b'date,title,text\r\n2020,=HYPERLINK("http://x"),+1 and -2\r\n'
    briefing, _ = import_bytes(data, "f.csv")
    events, _claims = to_csv(briefing)
    row = _rows(events)[0]
    assert (row["title"], row["text"]) == ('\'=HYPERLINK("http://x")', "'+1 and -2")
    again, _ = import_bytes(events, "again.csv")
    assert (again.events[0].title, again.events[0].text) == ('=HYPERLINK("http://x")', "+1 and -2")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,title\r\n2020-11-11,ok\r\n2020-13-01,bad\r\n", "f.csv:3: error: date: month 13"),
        ("date,title\r\n\r\n,no date\r\n", "f.csv:3: error: the row has no date"),
        ("date,title\r\n2020,\r\n", "f.csv:2: error: the row has no title"),
        ("when,what\r\n2020,x\r\n", "f.csv:1: error: the header row names neither"),
        ("", "f.csv:1:1: error: empty file"),
        ("Year,Headline\r\n2020,ok\r\nMMXX,bad\r\n", "f.csv:3: error: year must be a whole number"),
        ("Year,Month,Headline\r\n2020,13,x\r\n", "f.csv:2: error: month 13 does not exist"),
        ("date,title\r\n2020,a,extra\r\n", "f.csv:2: error: the row has 3 cells"),
    ],
)
def test_broken_csv_is_reported_by_row(text, message):
    with pytest.raises(ImportFailed) as failed:
        import_bytes(text.encode(), "f.csv", "csv")
    assert failed.value.messages[0].startswith(message), failed.value.messages


def test_csv_that_is_not_utf8_is_an_error_at_its_byte():
    with pytest.raises(ImportFailed) as failed:
        import_bytes("date,title\n2020,Erdoğan\n".encode("latin-1", "replace") + b"\xff", "f.csv")
    assert failed.value.messages[0].startswith("f.csv:")
    assert "not UTF-8" in failed.value.messages[0]


@pytest.mark.parametrize("column", ["{0}", "{n:>99999999}"])
def test_an_unknown_column_is_text_not_a_template(column):
    data = f"date,title,{column}\n2020-11-11,Memorandum signed,x\n".encode()
    _briefing, notes = import_bytes(data, "plain.csv")
    assert notes == [f"column {column!r}"]


@pytest.mark.parametrize(
    ("year", "message"), [("1" * 5000, "out of range"), ("２０２０", "whole number")]
)
def test_a_timelinejs_sheet_year_is_ascii_and_in_range(year, message):
    data = f"Year,Headline\n{year},Memorandum signed\n".encode()
    with pytest.raises(ImportFailed) as failed:
        import_bytes(data, "sheet.csv")
    (only,) = failed.value.messages
    assert only.startswith("sheet.csv:2: error: year ") and message in only
    assert len(only) < 200


@pytest.mark.parametrize(
    "title", ["'=already quoted", "'plain apostrophe", "''=twice", "'", "'-5 dB", "=1+1"]
)
def test_a_leading_apostrophe_the_analyst_wrote_survives_the_round_trip(briefings, title):
    data = briefings.data()
    data["events"][0]["title"] = title
    data["events"][0]["text"] = title + " in the text"
    original = load_text(briefings.yaml(events=data["events"])).briefing
    events, _claims = to_csv(original)
    again, _ = import_bytes(events, "again.csv")
    assert (again.events[0].title, again.events[0].text) == (title, title + " in the text")


def test_a_side_written_composed_and_decomposed_is_one_side():
    data = "date,title,side\r\n2020,a,T\u00fcrkiye\r\n2021,b,Tu\u0308rkiye\r\n".encode()
    briefing, _ = import_bytes(data, "sides.csv")
    assert [side.name for side in briefing.sides] == ["T\u00fcrkiye"]
    assert briefing.events[0].sides == briefing.events[1].sides == ("turkiye",)


class _CountingIds(set):
    """A set of ids that counts how often it is asked whether an id is taken."""

    def __init__(self) -> None:
        super().__init__()
        self.next_number: dict[str, int] = {}
        self.lookups = 0

    def __contains__(self, item: object) -> bool:
        self.lookups += 1
        return super().__contains__(item)


def test_side_names_with_one_slug_get_ids_in_linear_steps():
    from briefing.interchange.draft import Draft

    arabic_digits = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")  # dropped by the slug
    draft = Draft("sides.csv")
    draft._used_ids = ids = _CountingIds()
    names = [f"Side {n}".translate(arabic_digits) for n in range(2000)]
    assigned = [draft.side(name) for name in names]
    assert assigned[:3] == ["side", "side-2", "side-3"]
    assert len(set(assigned)) == len(names)
    assert ids.lookups < 3 * len(names), "each new id should take a step or two, not one per id"
