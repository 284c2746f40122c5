"""Earlier versions of a briefing to compare with: another file, or the file as its git
repository's last commit holds it (read with git itself, no shell). No Qt."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from briefing.loader import load_path, load_text
from briefing.model import Briefing

GIT_TIMEOUT_S = 20


class RevisionError(Exception):
    """The earlier version cannot be had; the message is one line a person can act on."""


def earlier_file(path: str | Path) -> Briefing:
    """The briefing in another file; RevisionError with its first error when it has errors."""
    result = load_path(path)
    if result.briefing is None:
        first = result.errors[0] if result.errors else "cannot be read"
        raise RevisionError(f"{Path(path).name} cannot be compared: {first}")
    return result.briefing


def last_commit(path: str | Path) -> Briefing:
    """The briefing as the last commit of the file's git repository holds it."""
    file = Path(path).resolve()
    git = shutil.which("git")
    if git is None:
        raise RevisionError("git is not installed")

    def run(*args: str) -> str:
        try:
            done = subprocess.run(
                [git, *args],
                cwd=file.parent,
                capture_output=True,
                timeout=GIT_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise RevisionError(f"git failed: {error}") from error
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RevisionError(
                f"{file.name} has no last commit to compare with"
                + (f": {message[0]}" if message else "")
            )
        return done.stdout.decode("utf-8", "replace")

    top = Path(run("rev-parse", "--show-toplevel").strip())
    try:
        relative = file.relative_to(top.resolve()).as_posix()
    except ValueError as error:
        raise RevisionError(f"{file.name} is not inside its git repository {top}") from error
    result = load_text(run("show", f"HEAD:{relative}"), f"{file.name} (last commit)")
    if result.briefing is None:
        first = result.errors[0] if result.errors else "cannot be read"
        raise RevisionError(f"the last commit of {file.name} cannot be compared: {first}")
    return result.briefing
