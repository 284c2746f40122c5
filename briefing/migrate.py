"""`briefing migrate`: a briefing/1 file as briefing/2, by rewriting only its `format:` value.

The two versions differ only in what briefing/2 adds, so the value of `format:` is all that
changes; the rest of the text (comments, blank lines, quoting, key order, line ends) is kept
byte for byte. The value is found by the YAML parser itself, so any quoting or flow style of it
is found exactly, and the result is loaded again before anything is written.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import yaml

from briefing.loader import LoadResult, decode, load_bytes, load_text
from briefing.model import FORMAT_VERSION, FORMAT_VERSIONS

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class MigrateError(ValueError):
    """The file cannot be migrated; str() says why in one line."""


@dataclass(frozen=True)
class Migrated:
    data: bytes  # the new file's content; the input's when nothing changed
    changed: bool  # False: it was already the current version
    warnings: int  # warnings of the migrated file, for the summary line


def migrate_bytes(data: bytes, name: str = "<briefing>") -> Migrated:
    """The file's content as briefing/2, or MigrateError; never raises anything else for bad input.

    The file must load without errors: a broken file is for `briefing validate`, not to be
    carried to a new version unseen.
    """
    result = _loaded(data, name)
    if result.briefing.format == FORMAT_VERSION:
        return Migrated(data, False, result.warning_count)
    text = decode(data)
    start, end = _format_span(text)
    migrated = text[:start] + FORMAT_VERSION + text[end:]
    again = load_text(migrated, name)
    if again.briefing is None or again.briefing.format != FORMAT_VERSION:
        raise MigrateError("the migrated text does not read as briefing/2")
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    return Migrated(bom + migrated.encode("utf-8"), True, again.warning_count)


def _loaded(data: bytes, name: str) -> LoadResult:
    """The file loaded, or MigrateError naming its first error and how many there are."""
    result = load_bytes(data, name)
    if result.briefing is None:
        first = result.errors[0] if result.errors else None
        where = f"{first.line}:{first.column}: {first.message}" if first else "cannot be read"
        raise MigrateError(
            f"{result.error_count} error(s), the first at {where}; fix them before migrating"
        )
    if result.briefing.format not in FORMAT_VERSIONS:  # the loader refuses these already
        raise MigrateError(f"unsupported format {result.briefing.format!r}")
    return result


def _format_span(text: str) -> tuple[int, int]:
    """Where the value of the top-level `format:` is in the text, as [start, end) offsets.

    Read from the parser's event stream, which stops there: composing the whole file into nodes
    would take as long as loading it on the exact path (30 s for a 9 MB file).
    """
    depth, is_key, key = 0, True, None
    try:
        for event in yaml.parse(text, Loader=_Parser):
            starts = isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent)
            if depth == 1 and (starts or isinstance(event, yaml.ScalarEvent | yaml.AliasEvent)):
                if is_key:
                    key = event.value if isinstance(event, yaml.ScalarEvent) else None
                elif key == "format":
                    if not isinstance(event, yaml.ScalarEvent) or event.style in ("|", ">"):
                        break
                    return event.start_mark.index, event.end_mark.index
                is_key = not is_key
            if starts:
                depth += 1
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:  # the file loaded, so this is not expected; one line anyway
        raise MigrateError(f"cannot read the format line: {exc}") from None
    raise MigrateError("format: is not written on one line (`format: briefing/1`)")
