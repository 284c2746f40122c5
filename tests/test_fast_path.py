"""The fast path (yaml-rs) and the exact path (PyYAML nodes) give the same model and problems."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from bench.generate import generate
from briefing.loader import fast_model, load_bytes, load_text

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = (ROOT / "data" / "karabakh-2020.yaml").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "format.md").read_text(), re.S)
GENERATED = [generate(events, seed) for events, seed in ((20, 1), (150, 2), (400, 3))]

CASES = [BUNDLED, *EXAMPLES, *GENERATED]


@pytest.mark.parametrize("text", CASES, ids=lambda t: t.split("title: ")[1].split("\n")[0][:30])
def test_fast_and_exact_paths_agree(text):
    exact = load_text(text, "x.yaml", fast=False)
    fast = fast_model(text, "x.yaml")
    assert exact.errors == ()
    assert fast is not None, "the fast path should read every valid file of ours"
    assert fast == exact.briefing
    assert load_text(text, "x.yaml").problems == exact.problems


def test_generated_briefings_take_the_fast_path_whole():
    # No findings at all, so load_text returns the fast model itself.
    result = load_text(GENERATED[1], "g.yaml")
    assert result.problems == ()
    assert result.briefing == fast_model(GENERATED[1])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: Events", "title: &a Events\nsummary: *a"),  # alias
        ("title: Events", "title: !!str Events"),  # tag
        ("title: Events", "title: 0x1F"),  # hex number in a text field
        ("title: Events", "title: 2020"),  # a number stays text
        ("title: Events", "title: bell\x07"),  # a raw control character
        ("title: Events", "title: a\x85b"),  # NEL, a line break only to libyaml
        ("title: Events", "title: a\u2028b"),  # LINE SEPARATOR, likewise
        ("title: Events", "title: a\u2029b"),  # PARAGRAPH SEPARATOR, likewise
        ("title: Events", "title: Events\n<<: {summary: merged}"),  # a merge key
        ("title: Events", "title: Events\n%TAG ! tag:example.com,2000:\n---"),  # a directive
        ("title: Events", "title: a\x9bb"),  # a C1 control
        ("title: Events", "title: a\ufffeb"),  # a non-character
        ("    reliability: C", "    reliability: C\n    credibility: 0b11"),  # binary number
        ("    reliability: C", "    reliability: C\n    reliability: D"),  # duplicate key
        ("  - id: e2", "  - id: e2\n\tx: 1"),  # a tab
        ("    date: 1990s", "    date: 1990-02-30"),  # impossible date
        ("title: Events", "title: ! Events"),  # the non-specific tag, a lone '!'
        ("    date: 1990s", "    date: '１９９0s'"),  # full-width digits
        ("  - id: e2", '  - id: "e2\\n"'),  # an id with a final newline
    ],
)
def test_doubtful_input_leaves_the_fast_path(old, new):
    events_example = next(e for e in EXAMPLES if "title: Events" in e)
    text = events_example.replace(old, new, 1)
    assert text != events_example
    assert fast_model(text) is None
    exact = load_text(text, fast=False)
    assert load_text(text) == exact


def test_a_document_end_before_any_document_leaves_the_fast_path():
    # libyaml refuses `...` before a document; yaml-rs read past it, and the paths disagreed.
    text = "...\n" + BUNDLED
    assert fast_model(text) is None
    exact = load_text(text, fast=False)
    assert exact.errors
    assert load_text(text) == exact


@pytest.mark.parametrize(
    "title", ["yes", "no", "on", "1:20", '"bell\\a"', "'2020-11-11'", "null value", "~x"]
)
def test_both_paths_read_the_same_text(title):
    events_example = next(e for e in EXAMPLES if "title: Events" in e)
    text = events_example.replace("title: Events", f"title: {title}", 1)
    assert load_text(text) == load_text(text, fast=False)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("value: 1960", "value: 1" + "0" * 400),  # an int a float cannot hold
        ("value: 1960", "value: 1.7976931348623157e308"),  # the largest float
        ("credibility: 2", "credibility: " + "1" * 5000),  # past Python's int-digit limit
        ("credibility: 2", "credibility: '３'"),  # full-width digit
    ],
)
def test_numbers_out_of_range_leave_the_fast_path_with_their_position(old, new):
    example = next(e for e in EXAMPLES if old in e)
    text = example.replace(old, new, 1)
    assert fast_model(text) is None
    exact = load_text(text, fast=False)
    assert load_text(text) == exact
    (problem,) = exact.errors
    line = example[: example.index(old)].count("\n") + 1
    assert problem.line == line and ("count" in problem.message or "grade" in problem.message)


# ----- a few problems in a big file: exact positions for just those items


def _typo(text: str, old: str, new: str) -> str:
    changed = text.replace(old, new, 1)
    assert changed != text
    return changed


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("reliability: B", "reliability: Z"),  # a bad value in one source
        ("    title:", "    titel:"),  # an unknown field in one item
        ("kind: press", "kind: pres"),
        ("qualifier: about", "qualifier: unknown"),  # unknown with a value
        ("  - id: e2\n", "  - id: e1\n"),  # a duplicate id: a finding of the checks
        ("    sources: [s1]\n", "    sources: [nowhere]\n"),  # a dangling reference
    ],
)
def test_a_typo_is_located_without_the_whole_file_on_the_exact_path(old, new, monkeypatch):
    text = _typo(GENERATED[2], old, new)
    exact = load_text(text, "t.yaml", fast=False)
    assert exact.problems
    monkeypatch.setattr("briefing.loader.parse_tree", _no_whole_file_parse)
    assert load_text(text, "t.yaml") == exact


def _no_whole_file_parse(text: str) -> None:
    raise AssertionError("the whole file went to the exact path")


def test_warnings_only_keep_the_model_and_no_marks(monkeypatch):
    text = _typo(GENERATED[1], "kind: fact", "kind: assessment")  # no likelihood: a warning
    exact = load_text(text, "w.yaml", fast=False)
    monkeypatch.setattr("briefing.loader.parse_tree", _no_whole_file_parse)
    result = load_text(text, "w.yaml")
    assert result == exact
    assert result.warnings and not result.errors
    assert all(line >= 0 for event in result.briefing.events for line, _ in event.where.values())


@pytest.mark.parametrize(
    "layout",
    [
        lambda t: t.replace("\nevents:\n", '\n"events":\n', 1),  # a quoted key
        lambda t: t.replace("\n", "\r\n"),  # CR LF line ends
        lambda t: t + "sides: []\n",  # a duplicate top-level key
        lambda t: t.replace("    title: ", '    title: "a\n  - b"\n    note: ', 1),
    ],
)
def test_unusual_layout_with_a_typo_agrees_with_the_exact_path(layout):
    text = layout(_typo(GENERATED[0], "reliability: B", "reliability: Z"))
    assert load_text(text, "u.yaml") == load_text(text, "u.yaml", fast=False)


def test_a_scalar_key_judgment_keeps_no_mark_when_a_warning_is_located():
    text = _typo(GENERATED[0], "kind: fact", "kind: assessment")  # no likelihood: a warning
    text = text.replace("key_judgments:\n", "key_judgments:\n  - A plain judgment\n", 1)
    assert "  - A plain judgment\n" in text
    result = load_text(text, "k.yaml")
    assert result == load_text(text, "k.yaml", fast=False)
    assert result.warnings and result.briefing is not None
    assert all(line >= 0 for kj in result.briefing.key_judgments for line, _ in kj.where.values())


def _no_decoding(data: bytes) -> str:
    raise AssertionError("a clean UTF-8 file was decoded to text before the fast path")


def test_a_clean_utf8_file_goes_to_the_fast_path_as_bytes(monkeypatch):
    """yaml-rs reads the bytes (and checks them as UTF-8): a clean file is never decoded to
    text first, which yaml-rs would only encode again."""
    data = b"\xef\xbb\xbf" + GENERATED[1].replace("Synthetic", "Yeni \u015eafak").encode()
    expected = load_text(data.decode("utf-8-sig"), "g.yaml")
    monkeypatch.setattr("briefing.loader.decode", _no_decoding)
    assert load_bytes(data, "g.yaml") == expected


def test_a_file_with_problems_has_the_same_positions_from_bytes_as_from_text():
    text = _typo(GENERATED[2], "    sources: [s1]\n", "    sources: [nowhere]\n")
    for data in (text.encode(), b"\xef\xbb\xbf" + text.encode()):
        result = load_bytes(data, "t.yaml")
        assert result.problems and result == load_text(text, "t.yaml", fast=False)


def test_the_fast_path_builds_true_frozen_model_entities():
    """Entities built through their unfrozen twin (loader._unfrozen_twin) are of the model's
    own classes: frozen, hashed and equal as those built by the model's __init__."""
    fast = fast_model(BUNDLED, "b.yaml")
    exact = load_text(BUNDLED, "b.yaml", fast=False).briefing
    assert fast is not None and exact is not None
    for name in ("sides", "actors", "sources", "events", "claims"):
        built, expected = getattr(fast, name), getattr(exact, name)
        assert built and [type(item) for item in built] == [type(item) for item in expected]
        assert built == expected and list(map(hash, built)) == list(map(hash, expected))
        with pytest.raises(dataclasses.FrozenInstanceError):
            built[0].id = "changed"
        assert dataclasses.replace(built[0]) == built[0]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('    colour: "#d55e00"\n', '    colour: "#d55e00"\n    flag: x\n'),  # unknown key
        ("  - id: tr\n    name: Turkey\n", "  - id: tr\n"),  # required text missing
        ("    name: Turkey\n", "    name: '  '\n"),  # required text empty
        ("    name: Turkey\n", "    name: [Turkey]\n"),  # text not text
        ('    name: "Actor 1"\n', "    name: 1\n"),  # a number where text is expected
        ("  - id: a1\n", "  - id: -a1\n"),  # not an id
        ("  - id: a1\n", "  - id: 1\n"),  # an id written as a number
        ("  - id: a1\n    name", "  - name"),  # required id missing
        ('    date: "1990s"\n', "    date: 1990\n"),  # a date written as a number
        ('    date: "1990s"\n', "    date: [1990s]\n"),  # a date not text
        ('    date: "2002-05-10"\n', ""),  # an event's required date missing
        ('    date: "2002-05-10"\n', '    date: "someday"\n'),  # not a date
        ("    kind: official\n", "    kind: offical\n"),  # a near miss of an enum value
        ("    kind: official\n", "    kind: 1\n"),  # an enum value written as a number
        ("    reliability: B\n", ""),  # a required enum missing
        ("    sides: [am]\n", "    sides: [1]\n"),  # ids with a number
        ("    sides: [am]\n", "    sides: am\n"),  # ids not a list
        ("    sources: [s2]\n    events", "    sources: {s2: 1}\n    events"),  # ids a mapping
        ("  - id: e1\n", "  - [e1]\n  - id: e1x\n"),  # an entity not a mapping
        ("    likelihood: very unlikely\n", "    likelihood: very unlikely\n    7: x\n"),
    ],
)
def test_every_entity_reading_leaves_the_fast_path_where_in_doubt(old, new):
    """The fast path's builders (generated per entity kind) doubt what the exact path reports
    or reads otherwise, and the file's problems are the exact path's."""
    text = GENERATED[0].replace(old, new, 1)
    assert text != GENERATED[0]
    assert fast_model(text) is None
    exact = load_text(text, "g.yaml", fast=False)
    assert load_text(text, "g.yaml") == exact


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    name: Turkey\n", "    name: '  Turkey '\n"),  # text stripped
        ('    colour: "#d55e00"\n', ""),  # an optional field left to its default
        ('    place: "Shusha"\n', "    place: ''\n"),  # empty text read as absent
        ("    sides: [am]\n", "    sides: []\n"),  # no ids
        ("    sides: [am]\n", "    sides:\n"),  # ids left empty
        ("    likelihood: very unlikely\n", "    likelihood: ' very unlikely'\n"),
        ("    kind: official\n", "    kind: official\n    title: ''\n"),  # text left empty
    ],
)
def test_every_entity_reading_agrees_with_the_exact_path(old, new):
    text = GENERATED[0].replace(old, new, 1)
    assert text != GENERATED[0]
    exact = load_text(text, "g.yaml", fast=False)
    fast = fast_model(text, "g.yaml")
    assert fast is not None and fast == exact.briefing
