"""`briefing migrate`: a briefing/1 file as briefing/2, by rewriting only its `format:` value.

The two versions differ only in what briefing/2 adds, so the value of `format:` is all that
changes; the rest of the text (comments, blank lines, quoting, key order, line ends) is kept
byte for byte. The value is found through the YAML node tree, so any quoting or flow style of
it is found exactly, and the result is loaded again before anything is written.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import yaml

from briefing.loader import LoadResult, decode, load_bytes, load_text, parse_tree
from briefing.model import FORMAT_VERSION, FORMAT_VERSIONS
from briefing.problems import BriefingError


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
    try:
        root = parse_tree(text)
    except BriefingError as exc:  # _loaded read it already; kept for safety
        raise MigrateError(exc.problems[0].message) from None
    value = _format_node(root)
    start, end = value.start_mark.index, value.end_mark.index
    migrated = text[:start] + FORMAT_VERSION + text[end:]
    again = load_text(migrated, name)
    if again.briefing is None or again.briefing.format != FORMAT_VERSION:
        raise MigrateError("the migrated text does not read as briefing/2; nothing written")
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


def _format_node(root: yaml.Node | None) -> yaml.ScalarNode:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "format":
                if isinstance(value, yaml.ScalarNode) and value.style not in ("|", ">"):
                    return value
                break
    raise MigrateError("format: is not written on one line (`format: briefing/1`); nothing written")
