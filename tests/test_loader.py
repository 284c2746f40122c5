"""The loader: every kind of problem is reported with its line and column, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.loader import MAX_FILE_BYTES, load_bytes, load_path, load_text
from briefing.model import ClaimKind, Likelihood, Qualifier
from briefing.problems import Severity

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "karabakh-2020.yaml"

GOOD = """\
format: briefing/1
title: Test brief
sides:
  - id: tr
    name: Turkey
sources:
  - id: s1
    outlet: Anadolu Agency
    date: 2020-11-22
    kind: press
    reliability: B
events:
  - id: e1
    date: 2020-11-22
    title: Interview
    sides: [tr]
    sources: [s1]
forces:
  - id: f1
    side: tr
    category: aircraft
    value: 4
    qualifier: at_least
    sources: [s1]
claims:
  - id: c1
    text: Turkey will be in Karabakh in any case.
    kind: assessment
    likelihood: likely
    sources: [s1]
    events: [e1]
    forces: [f1]
"""


def problems_of(text: str) -> list[tuple[int, int, str, str]]:
    return [
        (p.line, p.column, p.severity.value, p.message) for p in load_text(text, "t.yaml").problems
    ]


def with_line(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_good_briefing_loads_into_the_model():
    result = load_text(GOOD, "t.yaml")
    assert result.problems == ()
    b = result.briefing
    assert b.title == "Test brief"
    assert b.claims[0].kind is ClaimKind.ASSESSMENT
    assert b.claims[0].likelihood is Likelihood.LIKELY
    assert b.forces[0].qualifier is Qualifier.AT_LEAST
    assert b.forces[0].value_label() == "at least 4"
    assert b.sources[0].citation() == "Anadolu Agency, 22 Nov 2020"


def test_bundled_briefing_has_no_errors():
    result = load_path(BUNDLED)
    assert result.errors == ()
    b = result.briefing
    outlets = {s.outlet for s in b.sources}
    assert {"Milliyet", "Anadolu Agency", "Yeni Safak", "TRT Haber", "Haber Global"} <= outlets
    assert any(f.qualifier is Qualifier.UNKNOWN for f in b.forces)
    assert {e.date.precision.value for e in b.events} >= {"day", "year", "decade", "range"}


def test_syntax_error_is_positioned():
    text = with_line(GOOD, "    title: Interview\n", "    title: [Interview\n")
    (problem,) = problems_of(text)
    assert problem[0] == 16 and problem[2] == "error"


def test_duplicate_key_is_an_error_at_the_second_key():
    text = with_line(GOOD, "    title: Interview\n", "    title: Interview\n    title: Again\n")
    assert (16, 5, "error", "duplicate key 'title'; it is already given above") in problems_of(text)


def test_unknown_field_suggests_the_near_name():
    text = with_line(GOOD, "title: Test brief", "titel: Test brief")
    found = problems_of(text)
    assert (2, 1, "error", "unknown field 'titel' in the briefing (did you mean 'title'?)") in found
    assert (1, 1, "error", "the briefing is missing the required field 'title'") in found


def test_wrong_type_is_positioned():
    text = with_line(GOOD, "    sides: [tr]\n", "    sides: {tr: 1}\n")
    assert (16, 12, "error", "expected a list of ids") in problems_of(text)


def test_unknown_enum_value_suggests():
    text = with_line(GOOD, "    likelihood: likely", "    likelihood: likley")
    ((line, column, severity, message),) = problems_of(text)
    assert (line, column, severity) == (29, 17, "error")
    assert "did you mean 'likely'?" in message


@pytest.mark.parametrize(
    ("date", "reason"),
    [("2021-02-29", "February 2021 has 28 days"), ("2020-13-01", "month 13 does not exist")],
)
def test_impossible_date_is_positioned(date, reason):
    text = with_line(GOOD, "    date: 2020-11-22\n    title", f"    date: {date}\n    title")
    ((line, column, severity, message),) = problems_of(text)
    assert (line, column, severity) == (14, 11, "error")
    assert reason in message


def test_missing_source_reference_points_at_its_line():
    text = with_line(GOOD, "    sources: [s1]\n    events", "    sources: [s1, s9]\n    events")
    assert problems_of(text) == [(30, 19, "error", "no source has the id 's9'")]


def test_references_to_missing_events_forces_sides_and_claims():
    text = with_line(
        GOOD, "    events: [e1]\n    forces: [f1]", "    events: [e2]\n    forces: [f2]"
    )
    text = with_line(text, "    sides: [tr]", "    sides: [ru]")
    text += "key_judgments:\n  - text: Judgment\n    claims: [c9]\n"
    found = problems_of(text)
    assert (16, 13, "error", "no side has the id 'ru'") in found
    assert (31, 14, "error", "no event has the id 'e2'") in found
    assert (32, 14, "error", "no force figure has the id 'f2'") in found
    assert (35, 14, "error", "no claim has the id 'c9'") in found


def test_duplicate_ids_are_errors():
    text = GOOD + "  - id: c1\n    text: Again.\n    kind: fact\n    sources: [s1]\n"
    assert (33, 9, "error", "duplicate claim id 'c1'") in problems_of(text)


def test_likelihood_on_a_fact_is_an_error():
    text = with_line(GOOD, "    kind: assessment", "    kind: fact")
    text = with_line(text, "Turkey will be", "Turkey is")
    found = problems_of(text)
    assert found[0][:3] == (29, 17, "error")
    assert "is a fact and cannot have a likelihood" in found[0][3]


def test_estimative_word_in_a_fact_is_a_warning():
    text = with_line(GOOD, "    kind: assessment\n    likelihood: likely\n", "    kind: fact\n")
    text = with_line(text, "Turkey will be", "Turkey will probably be")
    result = load_text(text, "t.yaml")
    assert result.ok, "a warning must not stop the briefing from loading"
    (warning,) = result.warnings
    assert (warning.line, warning.column) == (27, 11)
    assert "'probably'" in warning.message


def test_unsourced_claim_and_figure_and_uncited_source_are_warnings():
    text = GOOD.replace("    sources: [s1]\n", "")
    result = load_text(text, "t.yaml")
    assert result.ok
    messages = [(p.line, p.severity, p.message) for p in result.problems]
    assert (
        18,
        Severity.WARNING,
        "force figure 'f1' has no source; it will be shown as unsourced",
    ) in messages
    assert (24, Severity.WARNING, "claim 'c1' has no source: it is unsourced") in messages
    assert (
        7,
        Severity.WARNING,
        "source 's1' is never cited by an event, figure or claim",
    ) in messages


def test_unknown_figure_has_no_value_and_known_needs_one():
    text = with_line(GOOD, "    qualifier: at_least", "    qualifier: unknown")
    assert problems_of(text)[0][:3] == (19, 5, "error")
    text = with_line(GOOD, "    value: 4\n", "")
    assert "needs a value" in problems_of(text)[0][3]


@pytest.mark.parametrize("value", ["-5", ".nan", ".inf", "nan", "lots"])
def test_figure_value_must_be_a_finite_count(value):
    text = with_line(GOOD, "    value: 4", f"    value: {value}")
    ((line, column, severity, _),) = problems_of(text)
    assert (line, column, severity) == (22, 12, "error")


def test_all_problems_are_reported_at_once():
    text = with_line(GOOD, "    kind: press", "    kind: newspaper")
    text = with_line(text, "    date: 2020-11-22\n    title", "    date: 2020-02-30\n    title")
    text = with_line(text, "    likelihood: likely", "    likelihood: maybe")
    lines = [line for line, *_ in problems_of(text)]
    assert lines == [10, 14, 29]


def test_yaml_11_surprises_stay_text():
    text = with_line(GOOD, "title: Test brief", "title: no")
    text = with_line(text, "    title: Interview", "    title: 1:20")
    text = with_line(text, "    name: Turkey", "    name: on")
    b = load_text(text).briefing
    assert (b.title, b.events[0].title, b.sides[0].name) == ("no", "1:20", "on")


@pytest.mark.parametrize(
    "snippet",
    [
        "!!python/object/apply:os.system [echo pwned]",
        "!!python/name:os.system",
        "!custom thing",
        "!!binary aGVsbG8=",
    ],
)
def test_tags_never_construct_objects(snippet):
    text = with_line(GOOD, "title: Test brief", f"title: {snippet}")
    ((line, column, severity, message),) = problems_of(text)
    assert (line, column, severity) == (2, 8, "error")
    assert "tag" in message


def test_aliases_are_refused():
    text = with_line(GOOD, "title: Test brief", "title: &t Test brief\nsummary: *t")
    ((line, _, severity, message),) = problems_of(text)
    assert (line, severity) == (2, "error") and "alias" in message


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        ("", (1, 1), "empty"),
        ("- a\n- b\n", (1, 1), "not a briefing"),
        ("just text\n", (1, 1), "not a briefing"),
        ("format: briefing/1\ntitle: a\n---\ntitle: b\n", (3, 1), "single document"),
        ("format: briefing/9\ntitle: a\n", (1, 9), "unsupported format"),
    ],
)
def test_not_a_briefing(text, where, reason):
    ((line, column, severity, message),) = problems_of(text)
    assert ((line, column), severity) == (where, "error")
    assert reason in message


def test_encodings_and_bad_bytes():
    utf16 = GOOD.replace("Anadolu Agency", "Yeni Şafak").encode("utf-16")
    assert load_bytes(utf16).briefing.sources[0].outlet == "Yeni Şafak"
    bom = b"\xef\xbb\xbf" + GOOD.encode()
    assert load_bytes(bom).ok
    latin1 = GOOD.replace("Test brief", "Yeni Şafak").encode("utf-8").replace(b"\xc5\x9e", b"\xde")
    (problem,) = load_bytes(latin1, "l.yaml").problems
    assert (problem.line, problem.column) == (2, 13) and "not UTF-8" in problem.message
    (problem,) = load_bytes(GOOD.replace("Test", "Te\x00st").encode(), "n.yaml").problems
    assert (problem.line, problem.column) == (2, 10) and "#x0000" in problem.message


def test_oversized_file_is_refused_before_parsing(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 10)
    (problem,) = load_path(big).problems
    assert "larger than 64 MiB" in problem.message


def test_missing_file_is_a_problem_not_an_exception(tmp_path):
    (problem,) = load_path(tmp_path / "nope.yaml").problems
    assert str(problem).startswith(str(tmp_path / "nope.yaml") + ":1:1: error: cannot read")


def test_loading_leaves_the_garbage_collector_as_it_found_it():
    import gc

    assert gc.isenabled()
    load_text(GOOD)
    assert gc.isenabled()
    load_text("bad: [")
    assert gc.isenabled()
    gc.disable()
    try:
        load_text(GOOD)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1" + "0" * 400, "too large"),  # an int past the float range
        ("'1" + "0" * 400 + "'", "too large"),
        ("1.7976931348623157e308", "too large"),  # finite, but overflows the chart's range
        ("1e16", "too large"),
        ("1000000000000001", "too large"),
        ("１９６０", "expected a number"),  # full-width digits: float() reads them, we do not
    ],
)
def test_figure_value_has_a_range_and_its_position(value, reason):
    text = with_line(GOOD, "    value: 4", f"    value: {value}")
    for fast in (True, False):
        result = load_text(text, "t.yaml", fast=fast)
        ((line, column, message),) = [(p.line, p.column, p.message) for p in result.problems]
        assert (line, column) == (22, 12) and reason in message
        assert len(message) < 200  # a 400-digit value is not repeated whole


def test_largest_figure_value_loads():
    text = with_line(GOOD, "    value: 4", "    value: 1000000000000000")
    assert load_text(text).briefing.forces[0].value == 1e15


@pytest.mark.parametrize("grade", ["1" * 5000, "'" + "1" * 5000 + "'", "３", "'3\\n'", "-3", "0"])
def test_credibility_out_of_range_is_positioned(grade):
    text = with_line(
        GOOD, "    likelihood: likely", f"    likelihood: likely\n    credibility: {grade}"
    )
    for fast in (True, False):
        result = load_text(text, "t.yaml", fast=fast)
        ((line, column, message),) = [(p.line, p.column, p.message) for p in result.problems]
        assert (line, column) == (30, 18) and "grade from 1 to 6" in message
        assert len(message) < 200


@pytest.mark.parametrize("grade", ["+3", "03", "'3'"])
def test_credibility_written_with_sign_or_zero_still_reads(grade):
    text = with_line(
        GOOD, "    likelihood: likely", f"    likelihood: likely\n    credibility: {grade}"
    )
    assert load_text(text).briefing.claims[0].credibility == 3


@pytest.mark.parametrize("ident", ['"c1\\n"', '"c1 "', '"ｃ1"'])
def test_an_id_with_a_final_newline_is_refused(ident):
    text = with_line(GOOD, "  - id: c1", f"  - id: {ident}")
    (problem,) = load_text(text, "t.yaml").errors
    assert (problem.line, problem.column) == (26, 9) and "not a valid id" in problem.message


def test_a_colour_with_a_final_newline_is_refused():
    text = with_line(GOOD, "    name: Turkey", '    name: Turkey\n    colour: "#aabbcc\\n"')
    (problem,) = load_text(text, "t.yaml").errors
    assert problem.line == 6 and "#RRGGBB" in problem.message


@pytest.mark.parametrize(
    ("written", "tag"),
    [
        ("!!str Test brief", "!!str"),
        ("! Test brief", "!"),
        ("&t !!str Test brief", "!!str"),
        ("!<tag:yaml.org,2002:str> Test brief", "!<tag:yaml.org,2002:str>"),
    ],
)
def test_every_explicit_tag_is_refused_even_str(written, tag):
    text = with_line(GOOD, "title: Test brief", f"title: {written}")
    for fast in (True, False):
        ((line, column, severity, message),) = [
            (p.line, p.column, p.severity.value, p.message)
            for p in load_text(text, "t.yaml", fast=fast).problems
        ]
        assert (line, column, severity) == (2, 8, "error")
        assert message == f"YAML tag {tag!r} is not allowed in a briefing"


def test_a_tag_on_a_key_or_a_list_is_refused():
    text = with_line(GOOD, "title: Test brief", "!!str title: Test brief")
    text = with_line(text, "    sides: [tr]", "    sides: !!seq [tr]")
    tags = [(line, column) for line, column, _, message in problems_of(text) if "tag" in message]
    assert tags == [(2, 1), (16, 12)]


def test_an_exclamation_mark_in_text_is_no_tag():
    text = with_line(GOOD, "title: Test brief", "title: Wow! !not a tag, says the text!")
    for fast in (True, False):
        assert load_text(text, fast=fast).briefing.title == "Wow! !not a tag, says the text!"


@pytest.mark.parametrize(
    ("revised", "read"),
    [("2020-12-18", "2020-12-18"), ("2020-12-18T14:05Z", "2020-12-18T14:05Z")],
)
def test_a_briefing_names_itself_and_its_revision(briefings, revised, read):
    result = load_text(briefings.yaml(id="tr-karabakh", revised=revised))
    assert result.errors == ()
    assert (result.briefing.id, result.briefing.revised) == ("tr-karabakh", read)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"revised": "18 Dec 2020"}, "cannot read '18 Dec 2020' as a moment"),
        ({"revised": "2020-12-18T14:05"}, "write YYYY-MM-DD or YYYY-MM-DDTHH:MMZ (UTC)"),
        ({"revised": "2020-12-18T25:00Z"}, "has no such time of day"),
        ({"revised": "2021-02-29"}, "day 29 does not exist"),
        ({"id": "tr karabakh"}, "is not a valid id"),
    ],
)
def test_a_bad_revision_or_briefing_id_is_an_error_at_its_line(briefings, changes, message):
    (problem,) = load_text(briefings.yaml(**changes)).errors
    assert problem.is_error and message in problem.message, problem
    assert problem.line > 1


@pytest.mark.parametrize(
    ("date", "text", "label"),
    [
        ("500 BC", "500 BC", "500 BC"),
        ("2020-11-10T01:30+04:00", "2020-11-10T01:30+04:00", "10 Nov 2020 01:30 UTC+04:00"),
        # A YAML 1.1 timestamp: read as the text written, on the fast and the exact path.
        ("2020-11-10T01:30:15Z", "2020-11-10T01:30:15Z", "10 Nov 2020 01:30:15 UTC"),
        ("'13800000000 BC/3500 BC'", "13800000000 BC/3500 BC", "13800000000 BC – 3500 BC"),
    ],
)
def test_years_bc_and_times_of_day_load_as_written(date, text, label):
    source = with_line(GOOD, "    date: 2020-11-22\n    title", f"    date: {date}\n    title")
    for fast in (True, False):
        result = load_text(source, "t.yaml", fast=fast)
        assert result.problems == ()
        (event,) = result.briefing.events
        assert (event.date.text, event.date.label()) == (text, label)


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("-0500", "like '500 BC' (there is no year 0)"),
        ("2020-11-10T01:30", "give the time's UTC offset"),
        ("2020-11-10T25:00Z", "no such time of day"),
    ],
)
def test_a_year_bc_or_a_time_written_wrong_says_how_to_write_it(date, reason):
    text = with_line(GOOD, "    date: 2020-11-22\n    title", f"    date: {date}\n    title")
    ((line, column, severity, message),) = problems_of(text)
    assert (line, column, severity) == (14, 11, "error")
    assert reason in message


WALKS_AFTER_A_LOAD = """
import gc
from bench.generate import generate
from briefing.loader import load_text

text = generate(300, 1)
walked = []
gc.collect()
gc.callbacks.append(lambda phase, info: phase == "start" and walked.append(info["generation"]))
assert load_text(text).ok
print(walked, gc.get_freeze_count(), gc.isenabled())
"""


def test_a_load_leaves_the_collector_nothing_young_to_walk():
    # The objects of a briefing are long-lived; left in the young generation while the
    # collector was paused, the first allocation after would walk them all (0.1-0.2 s for
    # the 10,000-event bench file). In a process of its own: a window test in this one may
    # have frozen objects, and then the loader leaves the generations alone.
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", WALKS_AFTER_A_LOAD],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert out.stdout.split() == ["[]", "0", "True"], out.stdout


@pytest.mark.parametrize(
    "text", ["c12", "E7", "a-b", "x_1.2", "", "-x", ".x", "c1\n", "c 1", "\uff11", "\u0663", "é1"]
)
def test_is_id_is_the_id_pattern_whole(text):
    """is_id's shortcut for letters and digits says what the pattern says, for ASCII only."""
    from briefing.loader import ID_PATTERN, is_id

    assert is_id(text) == (ID_PATTERN.fullmatch(text) is not None)


def test_is_id_agrees_with_the_pattern_on_any_text():
    from hypothesis import given
    from hypothesis import strategies as st

    from briefing.loader import ID_PATTERN, is_id

    @given(st.text(max_size=8))
    def agrees(text: str) -> None:
        assert is_id(text) == (ID_PATTERN.fullmatch(text) is not None)

    agrees()
