"""The `briefing` command: open the viewer, validate, import and export; argument parsing only.

Qt is imported only by the sub-commands that need it, so `briefing validate`, `briefing import`
and the STIX and CSV exports start fast and run with no display. Likewise what only writing
needs (briefing.output) and the bundled briefing's lookup: `validate` imports neither.
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import __version__
from briefing.problems import shown

if TYPE_CHECKING:
    from briefing.export.content import ChangesSince
    from briefing.model import Briefing
    from briefing.output import OutputError

COMMANDS = ("open", "validate", "export", "import", "migrate", "diff")
EXPORT_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".json": "stix", ".csv": "csv"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Read a sourced YAML briefing as a timeline, force chart and claims; "
        "validate it; import TimelineJS and CSV; export it to PDF, Word, STIX 2.1 or CSV; "
        "migrate it to briefing/2; compare two versions of it.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    open_cmd = commands.add_parser("open", help="open a briefing in the viewer (the default)")
    open_cmd.add_argument("file", nargs="?", help="briefing file (default: the bundled one)")
    open_cmd.add_argument(
        "--screenshot", metavar="OUT.png", help="render the window to a PNG and exit"
    )
    open_cmd.add_argument(
        "--size", default="1600x1000", metavar="WxH", help="window size for --screenshot"
    )
    open_cmd.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        help="colours for this window (default: as last chosen; light for --screenshot)",
    )

    validate_cmd = commands.add_parser("validate", help="check files and list every problem")
    validate_cmd.add_argument("files", nargs="+", metavar="FILE")
    validate_cmd.add_argument(
        "-q", "--quiet", action="store_true", help="print errors only, no warnings"
    )

    export_cmd = commands.add_parser(
        "export", help="export a briefing to PDF, Word, STIX 2.1 or CSV"
    )
    export_cmd.add_argument("file", metavar="FILE")
    export_cmd.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    export_cmd.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    export_cmd.add_argument(
        "--format",
        choices=("pdf", "docx", "stix", "csv"),
        help="default: from the output's suffix (.pdf, .docx, .json for STIX, .csv); "
        "csv also writes OUT-claims.csv",
    )
    export_cmd.add_argument(
        "--changes-since",
        metavar="OLD.yaml",
        help="PDF and Word: add a section on what changed since this earlier version",
    )

    import_cmd = commands.add_parser(
        "import", help="turn a TimelineJS JSON or a CSV timeline into a briefing"
    )
    import_cmd.add_argument("file", metavar="FILE")
    import_cmd.add_argument("-o", "--output", required=True, metavar="OUT.yaml")
    import_cmd.add_argument(
        "--from",
        dest="kind",
        choices=("timelinejs", "csv"),
        help="the input's kind (default: guessed from the content)",
    )

    migrate_cmd = commands.add_parser(
        "migrate", help="rewrite a briefing/1 file as briefing/2, in place unless -o is given"
    )
    migrate_cmd.add_argument("file", metavar="FILE")
    migrate_cmd.add_argument(
        "-o", "--output", metavar="OUT.yaml", help="write here instead of over FILE"
    )

    diff_cmd = commands.add_parser(
        "diff", help="list what was added, removed or changed from one briefing to another"
    )
    diff_cmd.add_argument("old", metavar="OLD.yaml")
    diff_cmd.add_argument("new", metavar="NEW.yaml")
    diff_cmd.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def ends_at_once(argv: Sequence[str]) -> bool:
    """Whether the command argv names leaves nothing to tidy once its output is flushed: it
    opens no window, writes no file and starts nothing that finishes at exit, so
    `python -m briefing` may end its process without Python's tear-down (see __main__)."""
    return _with_default_command(list(argv))[0] == "validate"


def _with_default_command(argv: list[str]) -> list[str]:
    """`briefing` and `briefing FILE` mean `briefing open [FILE]`."""
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        return ["open", *argv]
    return argv


def validate(files: Sequence[str], quiet: bool = False, keep: list[object] | None = None) -> int:
    """Print every problem of each file; 1 if any has an error. `keep`, if given, is left
    holding the last file's result and what its load read on the way (load_path's `keep`),
    for a caller that ends the process without freeing them."""
    from briefing.loader import load_path
    from briefing.problems import more_line

    status = 0
    for name in files:
        if keep is not None:
            keep.clear()
        result = load_path(name, keep)
        if keep is not None:
            keep.append(result)
        for problem in result.problems:
            if problem.is_error or not quiet:
                print(problem)
        unlisted = result.unlisted_errors if quiet else result.unlisted
        if unlisted:
            print(f"{shown(name)}: {more_line(unlisted)}")
        if result.error_count:
            status = 1
            print(
                f"{shown(name)}: {result.error_count} error(s), {result.warning_count} warning(s)",
                file=sys.stderr,
            )
        else:
            print(f"{shown(name)}: valid, {result.warning_count} warning(s)", file=sys.stderr)
    return status


def _refused(error: OutputError) -> int:
    print(f"briefing: {error}", file=sys.stderr)
    return 1


def import_command(file: str, output: str, kind: str | None) -> int:
    """Write FILE's timeline as a briefing to OUTPUT; positioned errors and exit 1 if it is bad."""
    from briefing.interchange import ImportFailed, import_file
    from briefing.output import OutputError, check_output, write_file

    try:
        check_output(output, [file])
    except OutputError as error:
        return _refused(error)
    try:
        imported = import_file(file, kind)
    except ImportFailed as exc:
        for message in exc.messages:
            print(message)
        print(f"{shown(file)}: {len(exc.messages)} error(s); nothing written", file=sys.stderr)
        return 1
    try:
        write_file(output, imported.yaml, [file])  # the text the import checked, not a new dump
    except OutputError as error:
        return _refused(error)
    if imported.notes:
        print(f"{shown(file)}: could not carry: {'; '.join(imported.notes)}", file=sys.stderr)
    briefing = imported.briefing
    print(
        f"{shown(file)}: wrote {shown(output)} ({len(briefing.events)} event(s), "
        f"{len(briefing.sources)} source(s))",
        file=sys.stderr,
    )
    return 0


def migrate_command(file: str, output: str | None) -> int:
    """`briefing migrate FILE [-o OUT]`: FILE as briefing/2, in place or to OUT; 1 on errors."""
    from briefing.files import read_file
    from briefing.loader import MAX_FILE_BYTES
    from briefing.migrate import MigrateError, migrate_bytes
    from briefing.output import OutputError, check_output, write_file

    target = output if output is not None else file
    try:
        check_output(target, [file], allow_input=output is None)
    except OutputError as error:
        return _refused(error)
    try:
        data = read_file(file, MAX_FILE_BYTES)
    except OSError as exc:
        print(f"briefing: cannot read {shown(file)}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        migrated = migrate_bytes(data, file)
    except MigrateError as error:
        print(f"{shown(file)}: {error}; nothing written", file=sys.stderr)
        return 1
    if not migrated.changed and output is None:
        print(f"{shown(file)}: already briefing/2; nothing written", file=sys.stderr)
        return 0
    try:
        write_file(target, migrated.data, [file], allow_input=output is None)
    except OutputError as error:
        return _refused(error)
    print(
        f"{shown(file)}: wrote {shown(target)} as briefing/2, {migrated.warnings} warning(s); "
        "`briefing validate` lists them",
        file=sys.stderr,
    )
    return 0


def diff_command(old: str, new: str, fmt: str) -> int:
    """`briefing diff OLD NEW`: the changes on standard output; 1 when either cannot be read."""
    import json

    from briefing.diff import diff, to_json, to_text

    before, after = _briefing_to_export(old, "compared"), _briefing_to_export(new, "compared")
    if before is None or after is None:
        return 1
    result = diff(before, after)
    if fmt == "json":
        sys.stdout.write(json.dumps(to_json(result), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(to_text(result))
    return 0


def _briefing_to_export(file: str, done: str = "exported") -> Briefing | None:
    """FILE's briefing, or None after printing its errors (one per line) and a summary."""
    from briefing.loader import load_path

    result = load_path(file)
    if result.briefing is None:
        for problem in result.errors:
            print(problem)
        print(f"{shown(file)}: {result.error_count} error(s); nothing {done}", file=sys.stderr)
    return result.briefing


def export_interchange(file: str, output: str, fmt: str) -> int:
    """Export FILE as STIX or CSV; no Qt is imported on this path."""
    from briefing.interchange import export_file
    from briefing.output import OutputError, check_output

    try:  # at once, and before the name is used: '' or '/' has no claims file beside it
        check_output(output, [file])
    except OutputError as error:
        return _refused(error)
    briefing = _briefing_to_export(file)
    if briefing is None:
        return 1
    try:
        written = export_file(briefing, output, fmt, [file])
    except OutputError as error:
        return _refused(error)
    names = ", ".join(shown(str(path)) for path in written)
    print(f"{shown(file)}: wrote {names}", file=sys.stderr)
    return 0


def _changes_since(briefing: Briefing, old: str | None) -> tuple[bool, ChangesSince | None]:
    """(readable, the "Changes since OLD" section of an export): (True, None) when not asked
    for, (False, None) after printing OLD's errors."""
    from briefing.diff import diff
    from briefing.export.content import ChangesSince

    if old is None:
        return True, None
    before = _briefing_to_export(old, "compared")
    if before is None:
        return False, None
    return True, ChangesSince(Path(old).name, diff(before, briefing))


def export_pdf_command(
    file: str, output: str, page_size: str = "A4", changes_since: str | None = None
) -> int:
    """`briefing export FILE -o OUT.pdf`: 0 when written, 1 on errors in FILE or on writing."""
    from briefing.export.pdf import ExportError, export_pdf, unprintable

    briefing = _briefing_to_export(file)
    if briefing is None:
        return 1
    readable, changes = _changes_since(briefing, changes_since)
    if not readable:
        return 1
    try:
        pages = export_pdf(
            briefing,
            output,
            page_size,
            inputs=[file, *filter(None, [changes_since])],
            changes=changes,
        )
    except ExportError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 1
    for field, characters in unprintable(briefing):
        print(
            f"{shown(file)}: warning: {field}: cannot print {characters} (no font has them)",
            file=sys.stderr,
        )
    print(f"{shown(output)}: {pages} pages", file=sys.stderr)
    return 0


def export_docx_command(
    file: str, output: str, page_size: str = "A4", changes_since: str | None = None
) -> int:
    """`briefing export FILE -o OUT.docx`: 0 when written, 1 on errors in FILE or on writing."""
    from briefing.export.docx import export_docx
    from briefing.export.pdf import ExportError
    from briefing.loader import load_path
    from briefing.output import OutputError, check_output

    try:  # at once, before loading and drawing
        check_output(output, [file])
    except OutputError as error:
        return _refused(error)
    result = load_path(file)
    if result.briefing is None:
        for problem in result.errors:
            print(problem)
        print(f"{shown(file)}: {len(result.errors)} error(s); nothing exported", file=sys.stderr)
        return 1
    readable, changes = _changes_since(result.briefing, changes_since)
    if not readable:
        return 1
    try:
        export_docx(
            result.briefing,
            output,
            page_size,
            inputs=[file, *filter(None, [changes_since])],
            changes=changes,
        )
    except ExportError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 1
    print(f"{shown(file)}: wrote {shown(output)}", file=sys.stderr)
    return 0


MIN_SIDE, MAX_SIDE = 200, 8192  # a screenshot's width and height, in pixels


def parse_size(text: str) -> tuple[int, int]:
    """WIDTHxHEIGHT, each side within MIN_SIDE..MAX_SIDE; ValueError says what is wrong."""
    match = re.fullmatch(r"\s*(\d{1,6})\s*[xX]\s*(\d{1,6})\s*", text, re.ASCII)
    if match is None:
        raise ValueError(f"--size takes WIDTHxHEIGHT, like 1600x1000, not {text!r}")
    width, height = int(match[1]), int(match[2])
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise ValueError(
            f"--size {text!r} is out of range: each side must be {MIN_SIDE}..{MAX_SIDE} pixels"
        )
    return width, height


def _command(argv: Sequence[str] | None = None, keep: list[object] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_with_default_command(list(sys.argv[1:] if argv is None else argv)))
    if args.command == "validate":
        return validate(args.files, args.quiet, keep)
    if args.command == "import":
        return import_command(args.file, args.output, args.kind)
    if args.command == "migrate":
        return migrate_command(args.file, args.output)
    if args.command == "diff":
        return diff_command(args.old, args.new, args.format)
    if args.command == "export":
        fmt = args.format or EXPORT_SUFFIXES.get(Path(args.output).suffix.lower())
        if fmt is None:
            parser.error(
                f"cannot tell the format from {args.output!r}; name it .pdf, .docx, .json or "
                ".csv, or give --format pdf|docx|stix|csv"
            )
        if args.changes_since and fmt not in ("pdf", "docx"):
            parser.error("--changes-since goes with a PDF or Word export only")
        if fmt == "docx":
            return export_docx_command(args.file, args.output, args.page_size, args.changes_since)
        if fmt != "pdf":
            return export_interchange(args.file, args.output, fmt)
        return export_pdf_command(args.file, args.output, args.page_size, args.changes_since)
    try:
        size = parse_size(args.size)
    except ValueError as exc:
        parser.error(str(exc))
    return open_command(args.file, args.screenshot, size, args.theme)


def open_command(
    file: str | None, screenshot: str | None, size: tuple[int, int], theme: str | None
) -> int:
    """`briefing open [FILE]`: the window, or its screenshot. When a core is free, a big FILE
    starts loading in a forked process first (briefing/loading.py), while this one imports Qt
    and builds the window: before Qt, so that the fork copies a process with no other thread."""
    from briefing.loading import ForkedLoad, core_to_spare
    from briefing.resources import bundled_briefing

    path = file or str(bundled_briefing())
    forked = ForkedLoad.start(path) if core_to_spare() else None
    try:
        from briefing.ui.app import run

        return run(path, screenshot=screenshot, size=size, theme=theme, forked=forked)
    finally:
        if forked is not None:
            forked.discard()  # not taken (no display, a refused output...): stop the child


def main(argv: Sequence[str] | None = None, keep: list[object] | None = None) -> int:
    """Run one command; whatever happens, it ends with at most one line and a status, never a
    traceback (BRIEFING_DEBUG=1 adds the traceback of an internal error).

    `keep` is for a caller that ends the process at once (see __main__): a command that ends
    at once leaves what it built there rather than free it object by object on returning."""
    # A file name that is not UTF-8 comes in with its bytes as surrogates; give them back as
    # they came, rather than fail to print the name. Put back afterwards for callers in-process.
    stdout = sys.stdout
    errors = stdout.errors if isinstance(stdout, io.TextIOWrapper) else None
    if isinstance(stdout, io.TextIOWrapper):
        stdout.reconfigure(errors="surrogateescape")
    try:
        return _guarded(argv, keep)
    finally:
        if isinstance(stdout, io.TextIOWrapper) and not stdout.closed:
            stdout.reconfigure(errors=errors)


def _guarded(argv: Sequence[str] | None, keep: list[object] | None) -> int:
    try:
        status = _command(argv, keep)
        if sys.stdout is not None:
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return status
    except BrokenPipeError:
        # The reader went away (`briefing validate BIG | head -1`): stop quietly, the
        # recipe of Python's documentation for SIGPIPE.
        _stdout_to_devnull()
        return 1
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        if _is_output_error(exc):
            _stdout_to_devnull()
            reason = exc.strerror or str(exc)
            print(f"briefing: cannot write standard output: {reason}", file=sys.stderr)
            return 1
        return _internal_error(exc)
    except Exception as exc:  # the last resort; each known failure has its own message above
        return _internal_error(exc)


# What writing to a full disk or a broken device gives; the commands report their own files
# (with the file's name), so one of these with no file name is standard output's.
_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name)
)


def _is_output_error(exc: OSError) -> bool:
    """Whether the error came from writing standard output: it still holds what failed, or
    (unbuffered) the error is a write error with no file name."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        return True
    return exc.filename is None and exc.errno in _OUTPUT_ERRNOS


def _stdout_to_devnull() -> None:
    """Point standard output at the null device, so that Python's flush at exit does not fail
    again on the same pipe or disk."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (a test's capture): nothing is flushed at exit


def _internal_error(exc: BaseException) -> int:
    summary = " ".join(str(exc).split())
    if len(summary) > 300:
        summary = summary[:300] + "..."
    print(f"briefing: internal error: {type(exc).__name__}: {summary}", file=sys.stderr)
    if os.environ.get("BRIEFING_DEBUG") == "1":
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    return 1
