"""Model to YAML text in the briefing format: what import writes and round-trip tests read back."""

from __future__ import annotations

import dataclasses
import re
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
    """The safe dumper, also quoting text that a YAML 1.2 or strict 1.1 reader would not read
    as text. A written scalar is plain only if no resolver it knows reads it as non-text."""


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
    if dataclasses.is_dataclass(value):
        return _mapping(value)
    return value


def _mapping(entity: Any) -> dict[str, Any]:
    if isinstance(entity, KeyJudgment) and entity == KeyJudgment(entity.text):
        return entity.text  # type: ignore[return-value]  # the short form
    out: dict[str, Any] = {}
    for field in dataclasses.fields(entity):
        if field.name == "where":
            continue
        value = getattr(entity, field.name)
        if field.name == "consistency":  # (alternative id, consistency) pairs: a mapping
            value = {key: _plain(mark) for key, mark in value} or None
        else:
            value = _plain(value)
        if value is not None and value != "":
            out[field.name] = value
    return out


def dump(briefing: Briefing) -> str:
    """The briefing as YAML text that `loader.load_text` reads back to an equal model."""
    # PyYAML keeps every node until the end; with the collector on, the dump of an import of
    # 20,000 rows took 6.4 times as long as 5,000 rows instead of 4 times.
    with collector_paused():
        data = _mapping(briefing)  # in the version the briefing was read in, or the current one
        ordered = {"format": data.pop("format"), **data}
        return yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
