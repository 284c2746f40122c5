"""Loading in a child process: the result goes out in pickled pieces and comes back whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from briefing import loading
from briefing.loader import load_path, load_text

ROOT = Path(__file__).resolve().parent.parent


def test_pieces_put_back_together_give_the_same_result(briefings):
    result = load_text(briefings.yaml())
    pieces = list(loading.pack(result, piece=2))
    assert len(pieces) == loading.count_pieces(result, piece=2)
    seen: list[int] = []
    back = loading.unpack(pieces, seen.append)
    assert back == result
    assert back.briefing.events_by_id.keys() == result.briefing.events_by_id.keys()
    assert seen == list(range(1, len(pieces)))


def test_the_loading_process_runs_as_python_m_briefing_loading(briefing_file):
    """The command the window starts its loading process with, without Qt."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing.loading", str(briefing_file)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    with process.stdout:
        pieces = loading.receive(process.stdout)
        next(pieces)  # the count of pieces
        back = loading.unpack(pieces)
    assert process.wait(timeout=30) == 0
    assert back == load_path(str(briefing_file))
