"""Model to YAML text in the briefing format: what import writes and round-trip tests read back."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

import yaml

from briefing.dates import FuzzyDate
from briefing.loader import collector_paused
from briefing.model import Briefing, KeyJudgment

_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Text that some YAML 1.1 or 1.2 resolver reads as something else, beyond what PyYAML's own
# YAML 1.1 resolver already quotes (its booleans, null, `1:20`, timestamps, `<<`, `=`):
# YAML 1.2 numbers (`0668`, `1e3`, `0o17`), the spec's y/n booleans and its looser floats.
# Loose on purpose: a quoted string is a string to every reader, so quoting too much is safe.
_NOT_TEXT_ELSEWHERE = re.compile(
    r"""(?:[yYnN]
    |[-+]?(\.[0-9._]*|[0-9_]+(\.[0-9._]*)?)([eE][-+]?[0-9_]*)?
    |[-+]?0[oOxXbB][0-9a-fA-F_]*
    |[-+]?[0-9][0-9_]*(:[0-9_]+)+(\.[0-9_]*)?
    |[-+]?\.([iI][nN][fF]|[nN][aA][nN]))\Z""",
    re.VERBOSE,
)
_NUMBER_START = list("-+._0123456789")


class _Dumper(_SafeDumper):
    """Kept for its resolvers only (`_RESOLVERS`): PyYAML's YAML 1.1 ones and those added below
    for YAML 1.2 and strict 1.1 readers. `scalar` writes text plain only if none of them reads
    it as non-text."""


for _first in (_NUMBER_START, list("yYnN")):
    _Dumper.add_implicit_resolver("tag:yaml.org,2002:other", _NOT_TEXT_ELSEWHERE, _first)


def _plain(value: Any) -> Any:
    """One field value as YAML-ready data, or None when it is empty and should be left out."""
    if isinstance(value, FuzzyDate):
        return value.text
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, tuple):
        items = [_plain(item) for item in value]
        return items or None
    return value


def _fields(entity: Any) -> list[tuple[str, Any]]:
    """The fields to write of an entity, as YAML-ready data; a list of entities stays a tuple
    of entities, each written (and let go) in turn rather than all turned into data first."""
    out: list[tuple[str, Any]] = []
    for name in type(entity).__dataclass_fields__:  # the fields in order (model has no others)
        if name == "where":
            continue
        value = getattr(entity, name)
        if name == "consistency":  # (alternative id, consistency) pairs: a mapping
            value = {key: _plain(mark) for key, mark in value} or None
        elif type(value) is tuple and value and dataclasses.is_dataclass(value[0]):
            out.append((name, value))
            continue
        else:
            value = _plain(value)
        if value is not None and value != "":
            out.append((name, value))
    return out


def dump(briefing: Briefing) -> str:
    """The briefing as YAML text that `loader.load_text` reads back to an equal model."""
    with collector_paused():
        # In the version the briefing was read in, or the current one; the version first.
        fields = sorted(_fields(briefing), key=lambda pair: pair[0] != "format")
        lines: list[str] = []
        _emit_mapping(fields, "", lines)
        return "\n".join(lines) + "\n"


# ----- emitting: the model's data has one known shape (mappings of scalars, lists of scalars
# and of mappings), so it is written here line by line, in PyYAML's block style, rather than
# through PyYAML's representer and emitter, which keep a node per value until the end (an
# import of 1,000,000 rows: 5.9 GB) and take ten times as long.

# Characters that may not start a plain scalar (YAML's indicators), and a space.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_RESOLVERS = _Dumper.yaml_implicit_resolvers
assert None not in _RESOLVERS, "a resolver for any first character: _resolves must try it"
# Escapes in a double-quoted scalar for what a single-quoted one cannot hold.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
# What a double-quoted scalar may need to escape: all but printable ASCII other than `"` and `\`.
_MAY_ESCAPE = re.compile(r"[^\x20\x21\x23-\x5b\x5d-\x7e]")
# An implicit key is at most 1024 characters in YAML; a longer key is written explicitly.
_MAX_IMPLICIT_KEY = 1000


def scalar(value: str | int | float) -> str:
    """One value as a YAML scalar that every YAML 1.1 and 1.2 reader reads back as itself: text
    plain where no reader could take it for anything else, else single-quoted, else (line
    breaks, tabs, control and other unprintable characters) double-quoted with escapes."""
    if type(value) is not str:
        return _number(value)
    if not value.isprintable():
        return '"' + _MAY_ESCAPE.sub(_escape, value) + '"'
    if (
        not value
        or value[0] in _INDICATORS
        or value[-1] in " :"
        or ": " in value
        or " #" in value
        or value.startswith("...")
        or (value[0] in _RESOLVERS and _resolves(value))
    ):
        return "'" + value.replace("'", "''") + "'"
    return value


def _number(value: int | float) -> str:
    """As PyYAML writes a number: a float always with a dot before its exponent."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"cannot write {type(value).__name__} as a scalar")
    if isinstance(value, int):
        return str(value)
    text = repr(value).lower()
    return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text


def _resolves(value: str) -> bool:
    """Whether a plain scalar of this text would be read as something other than text (by the
    resolvers of PyYAML's YAML 1.1 and those the dumper adds for YAML 1.2)."""
    return any(pattern.match(value) for _tag, pattern in _RESOLVERS[value[0]])


def _escape(match: re.Match[str]) -> str:
    character = match[0]
    if escaped := _ESCAPES.get(character):
        return escaped
    if character.isprintable():
        return character
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _emit_mapping(pairs: Iterable[tuple[str, Any]], indent: str, lines: list[str]) -> None:
    for key, value in pairs:
        key_text = scalar(key)
        if len(key_text) > _MAX_IMPLICIT_KEY:
            lines.append(f"{indent}? {key_text}")
            key_text = ""
        if type(value) is list or type(value) is tuple:
            lines.append(f"{indent}{key_text}:")
            _emit_list(value, indent, lines)
        elif type(value) is dict:
            lines.append(f"{indent}{key_text}:")
            _emit_mapping(value.items(), indent + "  ", lines)
        else:
            lines.append(f"{indent}{key_text}: {scalar(value)}")


def _emit_list(items: Sequence[Any], indent: str, lines: list[str]) -> None:
    """A block sequence at the indent of its key, as PyYAML writes it; an entity starts on the
    dash's line, and a key judgment of text alone is written as that text."""
    inner = indent + "  "
    for item in items:
        if isinstance(item, KeyJudgment) and item == KeyJudgment(item.text):
            item = item.text
        if dataclasses.is_dataclass(item):
            # Its lines joined into one text: a line each would cost 57 bytes apiece more.
            own: list[str] = []
            _emit_mapping(_fields(item), inner, own)
            own[0] = f"{indent}- {own[0][len(inner) :]}"
            lines.append("\n".join(own))
        else:
            lines.append(f"{indent}- {scalar(item)}")
