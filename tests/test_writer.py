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
