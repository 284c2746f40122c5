"""Offline always: opening, exporting and validating open no network socket, seen by the kernel.

Each command runs under strace, which reports every socket the process and its children
create, from Python or from Qt's C++ alike. Only local (AF_UNIX) sockets are allowed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_loader import BUNDLED

STRACE = shutil.which("strace")
NETWORK_SOCKET = re.compile(r"socket\((AF_INET6?|AF_PACKET|AF_NETLINK)")

pytestmark = pytest.mark.skipif(STRACE is None, reason="strace is not installed")


def sockets_opened(tmp_path: Path, *args: str) -> list[str]:
    trace = tmp_path / "trace.txt"
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = subprocess.run(
        [STRACE, "-f", "-e", "trace=socket,connect", "-o", str(trace), sys.executable,
         "-m", "briefing", *args],
        capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return [line for line in trace.read_text().splitlines() if NETWORK_SOCKET.search(line)]


@pytest.mark.parametrize(
    "args",
    [
        ("validate", str(BUNDLED)),
        ("open", str(BUNDLED), "--screenshot", "shot.png", "--size", "800x600"),
        ("export", str(BUNDLED), "-o", "out.pdf"),
        ("export", str(BUNDLED), "-o", "out.json", "--format", "stix"),
    ],
    ids=["validate", "open", "export-pdf", "export-stix"],
)
def test_command_opens_no_network_socket(tmp_path, args):
    assert sockets_opened(tmp_path, *args) == []


def test_the_trace_would_see_a_network_socket(tmp_path):
    # The check above is only worth something if the trace catches a socket when there is one.
    trace = tmp_path / "trace.txt"
    code = "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()"
    subprocess.run(
        [STRACE, "-f", "-e", "trace=socket", "-o", str(trace), sys.executable, "-c", code],
        check=True, timeout=60,
    )  # fmt: skip
    assert NETWORK_SOCKET.search(trace.read_text())
