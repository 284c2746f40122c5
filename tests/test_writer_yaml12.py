"""What the writer writes reads back field by field in YAML 1.1 and 1.2 readers, not only ours.

`briefing import` writes through briefing/writer.py. Briefing's loader reads every scalar as
text, but ruamel.yaml, yaml-rs, the language server and most tools outside Python read YAML 1.2
(`0668`, `1e3`, `0o17` are numbers there) and PyYAML reads YAML 1.1 (`yes`, `1:20`). A text
field must be a string to all of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Any

import pytest
import yaml
import yaml_rs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from briefing.cli import main
from briefing.dates import FuzzyDate, parse_date
from briefing.loader import is_id, load_text
from briefing.model import (
    Actor,
    Briefing,
    Claim,
    ClaimKind,
    Event,
    ForceFigure,
    KeyJudgment,
    Likelihood,
    Qualifier,
    Reliability,
    Side,
    Source,
    SourceKind,
)
from briefing.writer import dump, scalar
from tests.test_schema_clients import schema_accepts

# Scalars some YAML 1.1 or 1.2 resolver reads as a number, boolean, null, date or special key.
AWKWARD = [
    # integers: decimal with leading zeros, octal, hex, binary, underscores, signs, base 60
    "0668", "0999", "0017", "017", "0", "-0", "+1", "+0", "1_000", "0o17", "0O17", "0x1F",
    "0X1f", "0b101", "-0x1F", "+0o7", "1:20", "190:20:30", "-1:20",
    # floats: exponents without a dot, dots without digits, base 60, infinities, NaN
    "1e3", "1E3", "1e+3", "-1e-3", "1.", ".5", "-.5", "+.5", "1.5", "1_000.5", "6.8523015e+5",
    "1.2.3", ".", "1:20.5", ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN",
    # booleans of YAML 1.1 (with y/n) and 1.2
    "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    "y", "Y", "n", "N", "true", "True", "TRUE", "false", "False", "FALSE",
    # null
    "null", "Null", "NULL", "~",
    # dates and times
    "2020-11-11", "2020-1-5", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
    "2020-11-11T10:00:00Z", "2020-11-11 10:00",
    # merge and value keys
    "<<", "=",
]  # fmt: skip

numberish = st.builds(
    lambda sign, whole, dot, fraction, exponent: sign + whole + dot + fraction + exponent,
    st.sampled_from(["", "+", "-"]),
    st.text("0123456789_", max_size=4),
    st.sampled_from(["", ".", ":"]),
    st.text("0123456789_", max_size=3),
    st.sampled_from(["", "e3", "E+3", "e-03"]),
)
radix = st.builds(
    lambda sign, prefix, digits: sign + prefix + digits,
    st.sampled_from(["", "+", "-"]),
    st.sampled_from(["0", "0o", "0O", "0x", "0X", "0b", "0B"]),
    st.text("0123456789abcdefABCDEF_", min_size=1, max_size=4),
)
texts = (
    st.one_of(
        st.sampled_from(AWKWARD),
        numberish,
        radix,
        st.text(" 0123456789.:-+_eExXoObB~=<>ynYN", min_size=1, max_size=8),
    )
    .map(str.strip)
    .filter(bool)
)
ids = st.one_of(st.sampled_from(AWKWARD), numberish, radix).filter(is_id)
dates = st.sampled_from(
    ["0668", "0999", "2020", "0602-05", "1990s", "2020-11-11", "0668/0700", "autumn 2020"]
).map(parse_date)


def _reader_12() -> YAML:
    return YAML(typ="safe", pure=True)


def _reader_11() -> YAML:
    reader = YAML(typ="safe", pure=True)
    reader.version = (1, 1)
    return reader


# Each reader: YAML text to plain data, as that tool sees it.
READERS = {
    "ruamel.yaml 1.2": lambda text: _reader_12().load(text),
    "ruamel.yaml 1.1": lambda text: _reader_11().load(text),
    "yaml-rs 1.2": lambda text: yaml_rs.loads(text, parse_datetime=False),
    "PyYAML 1.1": yaml.safe_load,
}


def assert_reads_back(entity: Any, data: Any, path: str = "") -> None:
    """Every field of the model is in the data as written: text as str, numbers as numbers."""
    if isinstance(entity, KeyJudgment) and not entity.claims:
        assert data == entity.text and type(data) is str, path
        return
    assert isinstance(data, dict), path
    for field in dataclasses.fields(entity):
        if field.name == "where":
            continue
        value, here = getattr(entity, field.name), f"{path}.{field.name}"
        if value is None or value == ():
            assert field.name not in data, here
            continue
        read = data[field.name]
        if isinstance(value, tuple):
            assert isinstance(read, list) and len(read) == len(value), here
            for index, (item, read_item) in enumerate(zip(value, read, strict=True)):
                if isinstance(
                    item, KeyJudgment | Side | Actor | Source | Event | ForceFigure | Claim
                ):
                    assert_reads_back(item, read_item, f"{here}[{index}]")
                else:
                    assert type(read_item) is str and read_item == item, f"{here}[{index}]"
        elif dataclasses.is_dataclass(value) and not isinstance(value, FuzzyDate):
            assert_reads_back(value, read, here)
        elif isinstance(value, int | float):
            assert type(read) in (int, float) and read == value, here
        else:
            text = value.text if isinstance(value, FuzzyDate) else value
            text = text.value if isinstance(text, Enum) else text
            assert type(read) is str, f"{here}: {text!r} read as {read!r}"
            assert read == text, here


def one_of_each(text: str, ident: str, date: FuzzyDate, number: float) -> Briefing:
    """A briefing with every field of every kind filled: text fields with `text`."""
    return Briefing(
        title=text,
        id=ident,
        publication=text,
        author=text,
        as_of=date,
        revised="2020-12-18",
        handling=text,
        summary=text,
        key_judgments=(KeyJudgment(text), KeyJudgment(text, claims=(f"c{ident}",))),
        sides=(Side(ident, text, colour="#d55e00"),),
        actors=(Actor(ident, text, side=ident, role=text),),
        sources=(
            Source(ident, text, SourceKind.PRESS, Reliability.B, date, text, text, text, text),
        ),
        events=(Event(ident, date, text, text, text, (ident,), (ident,), text, (ident,)),),
        forces=(
            ForceFigure(
                ident, ident, text, Qualifier.ABOUT, number, date, (text, text), (ident,), text
            ),
        ),
        claims=(
            Claim(
                f"c{ident}",
                text,
                ClaimKind.ASSESSMENT,
                Likelihood.LIKELY,
                2,
                (ident,),
                (ident,),
                (ident,),
                text,
            ),
        ),
    )


def check_round_trip(briefing: Briefing) -> None:
    written = dump(briefing)
    loaded = load_text(written, "written")
    assert loaded.errors == (), (written, loaded.errors)
    assert loaded.briefing == briefing
    for name, read in READERS.items():
        data = read(written)
        assert data["format"] == briefing.format
        try:
            assert_reads_back(briefing, data)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}\n{written}") from None


@pytest.mark.parametrize("text", AWKWARD)
def test_an_awkward_text_reads_back_as_text_everywhere(text):
    ident = text if is_id(text) else "e1"
    check_round_trip(one_of_each(text, ident, parse_date("0668"), 1960))


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, ident=ids, date=dates, number=st.integers(0, 10**15) | st.just(2.5))
def test_any_awkward_text_reads_back_as_text_everywhere(text, ident, date, number):
    check_round_trip(one_of_each(text, ident, date, number))


def test_the_issues_examples_are_quoted():
    written = dump(one_of_each("1e3", "0999", parse_date("0668"), 4))
    assert "as_of: '0668'" in written
    assert "title: '1e3'" in written
    assert "id: '0999'" in written
    assert isinstance(_reader_12().load(written)["as_of"], str)
    assert not isinstance(_reader_12().load(written)["as_of"], dt.date)


def test_plain_text_stays_unquoted():
    # Quoting only what needs it keeps the written file as readable as the bundled one.
    written = dump(one_of_each("Memorandum signed", "e-mou", parse_date("1990s"), 1960))
    assert "title: Memorandum signed\n" in written
    assert "as_of: 1990s\n" in written
    assert "value: 1960\n" in written


def test_an_import_reads_back_as_written_in_yaml_12(tmp_path, capsys):
    """The issue's cases end to end: a TimelineJS era in year 668 and CSV titles that YAML 1.2
    reads as numbers; the written file also passes the schema as a YAML 1.2 reader sees it."""
    timeline = tmp_path / "eras.json"
    timeline.write_text(
        '{"title": {"text": {"headline": "Eras"}}, "events": [{"start_date": {"year": 668},'
        ' "text": {"headline": "0999"}}], "eras": [{"start_date": {"year": 668},'
        ' "end_date": {"year": 700}, "text": {"headline": "1e3"}}]}'
    )
    sheet = tmp_path / "titles.csv"
    sheet.write_text("date,title,place\n0668,1e3,0o17\n0999,yes,1:20\n2020,0999,y\n")
    for source in (timeline, sheet):
        out = tmp_path / f"{source.stem}.yaml"
        assert main(["import", str(source), "-o", str(out)]) == 0, capsys.readouterr().err
        written = out.read_text()
        loaded = load_text(written).briefing
        assert loaded is not None
        assert_reads_back(loaded, _reader_12().load(written))
        assert schema_accepts(written)
    assert "date: '0668'" in (tmp_path / "titles.yaml").read_text()
    assert "date: 0668/0700" in (tmp_path / "eras.yaml").read_text()


# Text the writer must quote or escape for its own sake, not because a resolver reads it as
# something else: YAML's indicators, comments, line breaks, unprintable characters.
TRICKY = [
    "it's", 'say "no"', "a: b", "a:b", "ends:", ":", "x #y", "C#", "#hash", "- item", "-x",
    "? q", "[a]", "{a}", "a, b", "*star", "&amp", "!bang", "|pipe", ">gt", "%pct", "@at",
    "`tick", "...", "--- doc", " lead", "trail ", "line\nbreak", "two\n\nbreaks", "cr\r\nlf",
    "tab\there", "back\\slash", '\\"', "bell\x07", "esc\x1b[2J", "nul\x00", "del\x7f",
    "nel\x85", "ls\u2028", "nbsp\xa0", "bom\ufeff", "private\ue000", "Erdoğan", "Şafak — TRT",
    "😀", "", "  ", "http://example.com/a?b=c#d",
]  # fmt: skip


@pytest.mark.parametrize("text", [*AWKWARD, *TRICKY])
def test_a_scalar_reads_back_as_the_same_text_in_every_reader(text):
    written = f"key: {scalar(text)}\n"
    for name, read in READERS.items():
        assert read(written) == {"key": text}, (name, written)
    listed = f"- {scalar(text)}\n"
    assert yaml.safe_load(listed) == yaml_rs.loads(listed, parse_datetime=False) == [text]


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_any_text_reads_back_as_itself_from_its_scalar(text):
    written = f"key: {scalar(text)}\n"
    assert yaml.safe_load(written) == {"key": text}, written
    assert yaml_rs.loads(written, parse_datetime=False) == {"key": text}, written


@pytest.mark.parametrize("text", sorted({text.strip() for text in TRICKY} - {""}))
def test_a_tricky_text_reads_back_from_the_whole_file(text):
    check_round_trip(one_of_each(text, "e1", parse_date("1990s"), 1960))


def test_numbers_are_written_as_pyyaml_writes_them():
    assert [scalar(n) for n in (1960, 0, 2.5, 1e15 + 0.5, 1e-05)] == [
        "1960",
        "0",
        "2.5",
        "1000000000000000.5",
        "1.0e-05",
    ]
