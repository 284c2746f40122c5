"""Problem: one thing wrong with a briefing file and where it is; the one error type here.

The loader, the checks, the CLI and the window all speak in Problems, so a mistake reads the
same everywhere: `FILE:LINE:COL: severity: message`.
"""

from __future__ import annotations

from collections.abc import Iterable
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


# A file can hold millions of mistakes (5 MB of `- {}` is three million); past this many,
# problems are counted, not kept, and every list of them ends "and N more".
MAX_LISTED = 1000


class ProblemList:
    """Problems in file order, keeping only the first `limit`; the rest are only counted."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self.limit = limit
        self.errors = 0
        self.warnings = 0
        self._kept: list[Problem] = []

    def append(self, problem: Problem) -> None:
        if problem.is_error:
            self.errors += 1
        else:
            self.warnings += 1
        self._kept.append(problem)
        if len(self._kept) >= 2 * self.limit:
            self._trim()

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def _trim(self) -> None:
        self._kept.sort(key=_file_order)
        del self._kept[self.limit :]

    def listed(self) -> tuple[Problem, ...]:
        """The first `limit` problems in file order."""
        self._trim()
        return tuple(self._kept)

    def unlisted(self) -> tuple[int, int]:
        """(errors, warnings) found but not kept."""
        listed_errors = sum(problem.is_error for problem in self.listed())
        return self.errors - listed_errors, self.warnings - (len(self._kept) - listed_errors)

    def __len__(self) -> int:
        return self.errors + self.warnings


def _file_order(problem: Problem) -> tuple[int, int, str, str]:
    return problem.line, problem.column, problem.severity, problem.message


def more_line(count: int) -> str:
    """The line that ends a capped list of problems."""
    plural = "s" if count != 1 else ""
    return f"… and {count:,} more problem{plural} (only the first {MAX_LISTED:,} are listed)"
