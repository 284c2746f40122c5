"""Offline while browsing: the window, its dialogs and the export open no network socket.

tests/test_offline.py traces the commands; this traces a whole browsing session in the window
(tests/reliability/browse_script.py) the same way, with strace following every thread.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf

from briefing.ui.settings import SETTINGS_DIR_ENV
from tests.test_loader import BUNDLED
from tests.test_offline import NETWORK_SOCKET, STRACE, pytestmark

ROOT = Path(__file__).resolve().parents[2]

__all__ = ["pytestmark"]


def test_browsing_the_window_opens_no_network_socket(tmp_path):
    trace = tmp_path / "trace.txt"
    out = tmp_path / "browsed.pdf"
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        SETTINGS_DIR_ENV: str(tmp_path / "settings"),
        "PYTHONPATH": str(ROOT),
    }
    run = subprocess.run(
        [STRACE, "-f", "-e", "trace=socket,connect", "-o", str(trace), sys.executable,
         "-m", "tests.reliability.browse_script", str(BUNDLED), str(out)],
        capture_output=True, text=True, timeout=180, env=env, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) > 1
    network = [line for line in trace.read_text().splitlines() if NETWORK_SOCKET.search(line)]
    assert network == []
