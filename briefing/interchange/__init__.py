"""Bring timelines in and briefings out: TimelineJS and CSV import, STIX 2.1 and CSV export.

Two calls for the window and the CLI:
- `import_file(path, kind=None)` → (briefing, notes on what could not be carried), an
  `Imported` that also holds the briefing's checked YAML for writing, or
  `ImportFailed` whose messages read `FILE:LINE:COL: error: ...` (JSON) / `FILE:ROW: error: ...`
  (CSV);
- `export_file(briefing, out_path, fmt, inputs)` with fmt "stix" or "csv", written whole or not
  at all by `briefing.output`; a refused or unwritable output raises OutputError, nothing left.
No Qt here: importing and exporting run headless.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from briefing.files import read_file
from briefing.interchange.draft import Imported, ImportFailed
from briefing.model import Briefing
from briefing.problems import shown

IMPORT_KINDS = ("timelinejs", "csv")
EXPORT_FORMATS = ("stix", "csv")
MAX_IMPORT_BYTES = 64 * 1024 * 1024

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_KINDS",
    "ImportFailed",
    "Imported",
    "export_file",
    "export_paths",
    "guess_kind",
    "import_bytes",
    "import_file",
]


SUFFIX_KINDS = {".json": "timelinejs", ".csv": "csv"}


def guess_kind(data: bytes, path: str = "") -> str:
    """By the file's suffix (.json is TimelineJS, .csv is CSV); with neither, TimelineJS JSON
    when the content starts with '{', else CSV (either layout)."""
    if kind := SUFFIX_KINDS.get(Path(path).suffix.lower()):
        return kind
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "timelinejs" if start == b"{" else "csv"


def import_bytes(data: bytes, path: str, kind: str | None = None) -> Imported:
    """Import file content; `path` is for messages, the fallback title and guessing the kind."""
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise ImportFailed([f"{shown(path)}:1:1: error: empty file; nothing to import"])
    kind = kind or guess_kind(data, path)
    if kind == "timelinejs":
        from briefing.interchange.timelinejs import read_timelinejs

        return read_timelinejs(data, path)
    if kind == "csv":
        from briefing.interchange.csv_io import read_csv

        return read_csv(data, path)
    raise ValueError(f"unknown import kind {kind!r}; choose one of {', '.join(IMPORT_KINDS)}")


def import_file(path: str | Path, kind: str | None = None) -> Imported:
    """Read a TimelineJS JSON or CSV file as a briefing, with notes on what could not be carried.

    `kind` is "timelinejs" or "csv"; None guesses from the suffix, else the content. Raises
    ImportFailed with every positioned error, including an unreadable, empty or oversized file.
    """
    name = str(path)
    try:
        data = read_file(path, MAX_IMPORT_BYTES)
    except OSError as exc:
        message = f"{shown(name)}:1:1: error: cannot read: {exc.strerror or exc}"
        raise ImportFailed([message]) from None
    if len(data) > MAX_IMPORT_BYTES:
        limit = MAX_IMPORT_BYTES // (1024 * 1024)
        raise ImportFailed([f"{shown(name)}:1:1: error: file is larger than {limit} MiB; refused"])
    return import_bytes(data, name, kind)


def export_paths(out_path: str | Path, fmt: str) -> list[Path]:
    """The files an export writes: the one named, and for CSV the claims table beside it."""
    if fmt == "csv":
        from briefing.interchange.csv_io import claims_path

        return [Path(out_path), claims_path(out_path)]
    return [Path(out_path)]


def export_file(
    briefing: Briefing, out_path: str | Path, fmt: str, inputs: Sequence[str | Path] = ()
) -> list[Path]:
    """Write the briefing as "stix" (one JSON bundle) or "csv" (OUT.csv and OUT-claims.csv).

    Every file is written whole or not at all, under the rules of `briefing.output` (never over
    one of `inputs`); returns the paths written. Raises OutputError (an OSError) when an output
    is refused or cannot be written, ValueError for an unknown format.
    """
    from briefing.output import write_files

    if fmt == "stix":
        from briefing.interchange.stix import to_stix_json

        contents = [to_stix_json(briefing)]
    elif fmt == "csv":
        from briefing.interchange.csv_io import to_csv

        contents = list(to_csv(briefing))
    else:
        choices = ", ".join(EXPORT_FORMATS)
        raise ValueError(f"unknown export format {fmt!r}; choose one of {choices}")
    paths = export_paths(out_path, fmt)
    write_files(dict(zip(paths, contents, strict=True)), inputs)
    return paths
