"""Problem: one thing wrong with a briefing file and where it is; the one error type here.

The loader, the checks, the CLI and the window all speak in Problems, so a mistake reads the
same everywhere: `FILE:LINE:COL: severity: message`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

# What must not reach a terminal raw: C0 and C1 controls and DEL (a newline splits a message,
# ESC starts a terminal command), the Unicode line separators, and the lone surrogates an
# undecodable file name is read as (printing one raises UnicodeEncodeError).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED_ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def shown(name: str) -> str:
    """A file name as a message shows it, on one line: "a\\nb" for a newline, "\\x1b" for ESC."""
    return _UNSHOWABLE.sub(_escape, name)


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
        return f"{shown(self.path)}:{self.line}:{self.column}: {self.severity}: {self.message}"

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
