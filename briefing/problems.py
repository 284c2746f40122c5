"""Problem: one thing wrong with a briefing file and where it is; the one error type here.

The loader, the checks, the CLI and the window all speak in Problems, so a mistake reads the
same everywhere: `FILE:LINE:COL: severity: message`.
"""

from __future__ import annotations

import re
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
