"""The `briefing` command: open the viewer, validate files, export; argument parsing only.

Qt is imported only by the sub-commands that need it, so `briefing validate` starts fast and
runs with no display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing import __version__

COMMANDS = ("open", "validate", "export")


def bundled_briefing() -> Path:
    """The briefing shipped with the app, in the source tree or beside a frozen executable."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base / "data" / "karabakh-2020.yaml"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Read a sourced YAML briefing as a timeline, force chart and claims; "
        "validate it; export it to PDF.",
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

    validate_cmd = commands.add_parser("validate", help="check files and list every problem")
    validate_cmd.add_argument("files", nargs="+", metavar="FILE")
    validate_cmd.add_argument(
        "-q", "--quiet", action="store_true", help="print errors only, no warnings"
    )

    export_cmd = commands.add_parser("export", help="export a briefing to PDF")
    export_cmd.add_argument("file", metavar="FILE")
    export_cmd.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    export_cmd.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """`briefing` and `briefing FILE` mean `briefing open [FILE]`."""
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        return ["open", *argv]
    return argv


def validate(files: Sequence[str], quiet: bool = False) -> int:
    from briefing.loader import load_path

    status = 0
    for name in files:
        result = load_path(name)
        for problem in result.problems:
            if problem.is_error or not quiet:
                print(problem)
        if result.errors:
            status = 1
            print(
                f"{name}: {len(result.errors)} error(s), {len(result.warnings)} warning(s)",
                file=sys.stderr,
            )
        else:
            print(f"{name}: valid, {len(result.warnings)} warning(s)", file=sys.stderr)
    return status


def parse_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_with_default_command(list(sys.argv[1:] if argv is None else argv)))
    if args.command == "validate":
        return validate(args.files, args.quiet)
    if args.command == "export":
        from briefing.export.pdf import export_command

        return export_command(args.file, args.output, args.page_size)
    try:
        size = parse_size(args.size)
    except ValueError:
        parser.error(f"--size takes WIDTHxHEIGHT, like 1600x1000, not {args.size!r}")
    from briefing.ui.app import run

    return run(args.file or str(bundled_briefing()), screenshot=args.screenshot, size=size)
