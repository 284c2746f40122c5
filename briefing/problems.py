"""Problem: one thing wrong with a briefing file and where it is; the one error type here.

The loader, the checks, the CLI and the window all speak in Problems, so a mistake reads the
same everywhere: `FILE:LINE:COL: severity: message`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class BriefingError(Exception):
    """A briefing could not be loaded; carries every problem found, errors first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


QUOTED_CHARS = 40


def quoted(text: str) -> str:
    """A value as a message quotes it: its repr, cut short when long (a 5,000-digit number or
    a megabyte of id is not repeated in full)."""
    if len(text) > QUOTED_CHARS:
        return f"{text[:QUOTED_CHARS]!r}... ({len(text):,} characters)"
    return repr(text)
