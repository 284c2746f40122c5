"""The writer's cost: it writes the model line by line, keeping no node per value."""

from __future__ import annotations

import tracemalloc

from bench.generate import generate
from briefing.loader import load_text
from briefing.writer import dump


def test_writing_holds_little_more_than_the_text_it_writes():
    # PyYAML's representer kept a node per value until the end: 22 times the text's size
    # (a 1,000,000-row import took 5.9 GB); line by line it is the lines and their join.
    briefing = load_text(generate(300, 1)).briefing
    tracemalloc.start()
    try:
        text = dump(briefing)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert load_text(text).briefing == briefing
    assert peak < 8 * len(text), f"peak {peak / len(text):.1f} times the text"


def test_a_key_too_long_to_be_implicit_is_written_explicitly():
    # YAML allows an implicit key of at most 1024 characters; an alternative's id may be longer.
    import yaml
    import yaml_rs

    from briefing.writer import _emit_mapping

    long_id = "h" * 1500
    lines: list[str] = []
    _emit_mapping([("consistency", {long_id: "consistent", "h2": "neutral"})], "", lines)
    text = "\n".join(lines) + "\n"
    expected = {"consistency": {long_id: "consistent", "h2": "neutral"}}
    assert yaml.safe_load(text) == expected
    assert yaml_rs.loads(text, parse_datetime=False) == expected
