"""The analyst's text editor at a line and column of a file: the argv that starts it, no shell.

Where the command comes from, first found wins:
- a template from the preferences, such as `code -g {file}:{line}:{col}` or
  `subl {file}:{line}:{col}`; `{file}`, `{line}` and `{col}` are replaced inside the words of
  the template, after it has been split into words, so a file name with spaces, quotes or `;`
  stays one argv item and is never read by a shell; without `{file}`, the file is added last;
- `$VISUAL`, then `$EDITOR` (which may hold options, as in `emacs -nw`), started the way
  vi, vim, nano, emacs and kakoune all understand: `EDITOR +LINE FILE`.
No Qt here: the window starts the argv (QProcess.startDetached), tests only read it.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping

PLACEHOLDERS = ("file", "line", "col")
EDITOR_VARIABLES = ("VISUAL", "EDITOR")
_PLACEHOLDER = re.compile(r"\{(file|line|col)\}")


class EditorError(ValueError):
    """The editor command cannot be used; str() is the one line to show."""


def _words(command: str, where: str) -> list[str]:
    try:
        words = shlex.split(command)
    except ValueError as exc:  # an unclosed quote
        raise EditorError(f"cannot read the editor command in {where}: {exc}") from None
    if not words:
        raise EditorError(f"the editor command in {where} is empty")
    return words


def from_template(template: str, file: str, line: int, column: int) -> list[str]:
    """The argv of a template such as `code -g {file}:{line}:{col}`, each word substituted."""
    values = {"file": file, "line": str(max(1, line)), "col": str(max(1, column))}
    words = _words(template, "the preferences")
    # One pass per word: a file name holding "{line}" is not substituted again.
    argv = [_PLACEHOLDER.sub(lambda m: values[m[1]], word) for word in words]
    if not any("{file}" in word for word in words):
        argv.append(file)
    return argv


def editor_argv(
    file: str,
    line: int,
    column: int,
    template: str = "",
    environ: Mapping[str, str] | None = None,
) -> list[str]:
    """The argv that opens `file` at `line` (and `column` where the command takes one).

    Raises EditorError when no editor is set (no template, no $VISUAL or $EDITOR) or the
    command cannot be split into words.
    """
    file = os.fspath(file)
    if file.startswith("-"):  # never read as an option of the editor
        file = os.path.join(os.curdir, file)
    if template.strip():
        return from_template(template, file, line, column)
    environ = os.environ if environ is None else environ
    for variable in EDITOR_VARIABLES:
        command = environ.get(variable, "").strip()
        if command:
            return [*_words(command, f"${variable}"), f"+{max(1, line)}", file]
    raise EditorError(
        "no editor is set: set $VISUAL or $EDITOR, or an editor command in the preferences "
        "(for example: code -g {file}:{line}:{col})"
    )
