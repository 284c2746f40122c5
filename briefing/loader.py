"""Briefing text to model: decode, parse to a YAML node tree, convert with positions, then check.

Every problem of a file is collected as a Problem with its line and column, not just the first.
The YAML is only ever composed into nodes (PyYAML's safe C parser): no tag can construct a Python
object, and every field is read from its raw scalar text, so YAML 1.1 surprises (`no` → false,
`1:20` → 80) never reach a text field. `parse_tree` is the one place a faster parser would go.
"""

from __future__ import annotations

import codecs
import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, replace
from dataclasses import fields as dataclass_fields
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing import checks
from briefing.dates import DateError, parse_date, parse_moment
from briefing.files import read_file
from briefing.model import (
    FORMAT_VERSIONS,
    Actor,
    Alternative,
    Assumption,
    Briefing,
    Claim,
    ClaimKind,
    Confidence,
    Consistency,
    Event,
    ForceFigure,
    Indicator,
    IndicatorStatus,
    KeyJudgment,
    Likelihood,
    Position,
    Qualifier,
    Reliability,
    Side,
    Source,
    SourceKind,
)
from briefing.problems import BriefingError, Problem, ProblemList, Severity, quoted

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 64 * 1024 * 1024

# Tags the safe resolver gives plain scalars and collections; anything else was written by hand.
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value")
)
_NULL_TAG = "tag:yaml.org,2002:null"
# Patterns are matched whole (fullmatch): `$` would also match before a final newline. Digits
# are ASCII only: Python's \\d and int() also take full-width and Arabic-Indic digits.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
# A tag at the start of a node, after an anchor if one comes first: `!!str`, `!custom`, `!`.
_NODE_TAG = re.compile(r"(?:&[^\s,\[\]{}]+\s+)?(!(?:<[^>]*>|[^\s,\[\]{}]*))")
# The largest force figure value: past it a count is a typo, and 10**15 is still exact as a float
# and drawable (the float limit, 1.8e308, overflows the chart's axis and the PDF's arithmetic).
MAX_COUNT = 10**15


@dataclass(frozen=True)
class LoadResult:
    """What loading gave: the briefing (None when there are errors) and the problems found.

    `problems` holds the first MAX_LISTED in file order; any beyond are only counted.
    """

    path: str
    briefing: Briefing | None
    problems: tuple[Problem, ...]
    unlisted_errors: int = 0
    unlisted_warnings: int = 0

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.unlisted_errors

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + self.unlisted_warnings

    @property
    def unlisted(self) -> int:
        """How many problems were found beyond those in `problems`."""
        return self.unlisted_errors + self.unlisted_warnings

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if not problem.is_error)

    @property
    def ok(self) -> bool:
        return self.briefing is not None


class _Invalid(Exception):
    """A value was wrong; its problem is already recorded."""


def load_path(path: str | Path, keep: list[object] | None = None) -> LoadResult:
    """Read and load a briefing file; a missing or unreadable file is a problem, not a crash.

    `keep`, if given, gets what the load read on the way and would free on return (the
    parser's plain data: 25-65 ms to free for 10,000 events), for a caller that ends its
    process without freeing anything (see briefing.__main__)."""
    name = str(path)
    try:
        data = read_file(path, MAX_FILE_BYTES)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return LoadResult(
            name, None, (Problem(name, 1, 1, Severity.ERROR, f"cannot read: {reason}"),)
        )
    return load_bytes(data, name, keep)


def load_bytes(
    data: bytes, path: str = "<briefing>", keep: list[object] | None = None
) -> LoadResult:
    """Load a briefing file's bytes (`keep` as for load_path)."""
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        message = f"file is larger than {limit} MiB, the limit for a briefing; refused"
        return LoadResult(path, None, (Problem(path, 1, 1, Severity.ERROR, message),))
    wide = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    if not data.startswith(wide):
        # UTF-8 goes to the fast path as it is: yaml-rs checks it, and a clean file is never
        # decoded here (decoding and yaml-rs's encoding again: 50 ms of 10,000 events).
        with collector_paused():
            result = _load_fast(data.removeprefix(codecs.BOM_UTF8), path, keep=keep)
        if result is not None:
            return result
    try:
        text = decode(data)
    except _DecodeProblem as exc:
        return LoadResult(
            path, None, (Problem(path, exc.line, exc.column, Severity.ERROR, exc.message),)
        )
    return load_text(text, path, fast=data.startswith(wide))


def load_text(
    text: str, path: str = "<briefing>", fast: bool = True, raw: bytes | None = None
) -> LoadResult:
    """Load briefing text; never raises for bad input, every problem is in the result.

    A clean file takes the fast path; anything it cannot vouch for (a problem of any kind, a
    construct where the two parsers could differ) is loaded again on the exact path, which
    gives every problem its line and column. Both give the same model. `raw`, the text's
    UTF-8 bytes if the caller has them, saves encoding them again for the fast path.
    """
    with collector_paused():
        if fast:
            if raw is None:
                raw = text.encode("utf-8", "surrogatepass")
            if (result := _load_fast(raw, path, text)) is not None:
                return result
        return _load_exact(text, path)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a briefing is built: it makes hundreds of thousands
    of objects and no cycles, and each full collection walks all of them again (a 10,000-event
    file: 1.2 s with the collector, 0.8 s without). Restored as it was afterwards.

    What was built is long-lived, so it goes to the oldest generation unwalked (freeze, then
    unfreeze): the young generation's count grew all the while, and the first allocation
    after re-enabling would have walked every object built (0.1-0.2 s for 10,000 events).
    Not where objects are frozen already (the window freezes a loaded briefing for good):
    unfreezing would hand those back to the collector."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _load_exact(text: str, path: str) -> LoadResult:
    try:
        root = parse_tree(text)
    except BriefingError as exc:
        problems = tuple(
            Problem(path, p.line, p.column, p.severity, p.message) for p in exc.problems
        )
        return LoadResult(path, None, problems)
    converter = _Converter(path, text)
    briefing = converter.briefing(root)
    if briefing is not None:
        converter.problems.extend(
            Problem(path, *finding) for finding in checks.check(briefing, converter.dropped_ids)
        )
    return _result(path, briefing, converter.problems)


def _result(path: str, briefing: Briefing | None, problems: ProblemList) -> LoadResult:
    """The result of a load: no briefing when any problem is an error."""
    unlisted_errors, unlisted_warnings = problems.unlisted()
    return LoadResult(
        path,
        None if problems.errors else briefing,
        problems.listed(),
        unlisted_errors,
        unlisted_warnings,
    )


def load(path: str | Path) -> Briefing:
    """Load a briefing or raise BriefingError with every problem; for scripts and tests."""
    result = load_path(path)
    if result.briefing is None:
        raise BriefingError(result.errors)
    return result.briefing


class _DecodeProblem(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def _line_column(data: bytes | str, offset: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line = data.count(newline, 0, offset) + 1
    return line, offset - (data.rfind(newline, 0, offset) + 1) + 1


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8, or UTF-16/32 when a byte-order mark says so; a BOM is dropped."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _DecodeProblem(1, 1, f"not valid {encoding.upper()}: {exc.reason}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(data, exc.start)
        raise _DecodeProblem(
            line,
            column,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        ) from None


def _pyyaml() -> Any:
    """PyYAML, imported for the exact path where it first needs it: a clean file takes the fast
    path and never does (the import: 20 ms of `briefing validate`). The nodes it makes come
    only from here, so the converter's tests of node types find the module bound."""
    global yaml
    import yaml

    return yaml


def _safe_loader() -> Any:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_tree(text: str) -> yaml.Node | None:
    """Compose YAML text into nodes with positions; raise BriefingError with the syntax problem."""
    _pyyaml()
    try:
        return yaml.compose(text, Loader=_safe_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (exc.context, exc.problem) if part) or "YAML error"
        raise BriefingError([Problem("", line, column, Severity.ERROR, message)]) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        message = f"character #x{exc.character:04x} is not allowed in YAML: {exc.reason}"
        if isinstance(exc.character, bytes):
            message = f"not valid text: {exc.reason}"
        raise BriefingError([Problem("", line, column, Severity.ERROR, message)]) from None
    except yaml.YAMLError as exc:
        raise BriefingError([Problem("", 1, 1, Severity.ERROR, str(exc))]) from None
    except RecursionError:
        message = "nesting is too deep to be a briefing"
        raise BriefingError([Problem("", 1, 1, Severity.ERROR, message)]) from None


def is_id(text: str) -> bool:
    """Whether text is a valid id: letters, digits, '-', '_' and '.', not starting with a sign."""
    # Most ids are ASCII letters and digits alone, which two string tests tell at a fifth of
    # the pattern's cost (41,000 ids in a 10,000-event file).
    return (text.isascii() and text.isalnum()) or ID_PATTERN.fullmatch(text) is not None


def parse_count(text: str) -> float:
    """A force figure's value: a number from 0 to MAX_COUNT ("1960", "1,960", "2.5e3")."""
    cleaned = text.replace(",", "").replace("_", "").strip()
    if cleaned.lower().lstrip("+-.") in {"nan", "inf", "infinity"}:
        raise ValueError(f"{quoted(text)} is not a finite number")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"expected a number, found {quoted(text)}")
    return checked_count(float(cleaned), text)


def checked_count(number: float, text: str) -> float:
    """A count in the format's range, or ValueError saying which end it is past."""
    if number < 0:
        raise ValueError(f"a count cannot be negative: {quoted(text)}")
    if not number <= MAX_COUNT:  # also true of inf and nan
        raise ValueError(f"{quoted(text)} is too large for a count; a value is at most 10^15")
    return number


def credibility_grade(text: str) -> int | None:
    """The grade 1 to 6 that text writes ("2", "+2", "02"), or None; never int() of a long text."""
    if not _INTEGER.fullmatch(text):
        return None
    digits = text.lstrip("+-").lstrip("0")
    if text.startswith("-") or len(digits) != 1:
        return None
    grade = int(digits)
    return grade if 1 <= grade <= 6 else None


def _position(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


# A reader turns one node into a field value, or records a problem and raises _Invalid.
Reader = Callable[["_Converter", "yaml.Node"], Any]


@dataclass(frozen=True)
class _Field:
    read: Reader
    required: bool = False
    # The same reading for the fast path's plain data; raises _Fallback where in doubt.
    fast: Callable[[Any], Any] | None = None
    # An enum's members by value, for the fast path's inline reading of an enum field.
    members: dict[str, StrEnum] | None = None


class _Converter:
    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        # The text the nodes came from, to see tags written by hand; only if it has a '!'.
        self._tagged_text = text if "!" in text else ""
        self.problems = ProblemList()
        self._visited: set[int] = set()
        # Ids of entities left out for their own errors; references to them are not reported again.
        self.dropped_ids: set[str] = set()

    # ----- what a node is and where; the fast path below answers these for plain Python data

    def position(self, node: yaml.Node) -> Position:
        return _position(node)

    def is_scalar(self, node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode)

    def is_mapping(self, node: yaml.Node) -> bool:
        return isinstance(node, yaml.MappingNode)

    def report(self, node: yaml.Node, message: str, severity: Severity = Severity.ERROR) -> None:
        line, column = self.position(node)
        self.problems.append(Problem(self.path, line, column, severity, message))

    def report_at(self, position: Position, message: str) -> None:
        self.problems.append(Problem(self.path, *position, Severity.ERROR, message))

    def invalid(self, node: yaml.Node, message: str) -> _Invalid:
        self.report(node, message)
        return _Invalid()

    def visit(self, node: yaml.Node) -> None:
        """Refuse tags and aliases; both are outside the format and aliases can explode in size."""
        if id(node) in self._visited:
            raise self.invalid(
                node, "this value is reused through an alias; anchors and aliases are not allowed"
            )
        self._visited.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise self.invalid(node, f"YAML tag {node.tag!r} is not allowed in a briefing")
        if self._tagged_text and (written := self._written_tag(node)):
            raise self.invalid(node, f"YAML tag {written!r} is not allowed in a briefing")

    def _written_tag(self, node: yaml.Node) -> str | None:
        """The tag written before the node ("!!str", "!"), if any.

        A node's start is where its properties are, so a tag is there (after an anchor, if
        one comes first). The resolver gives `!!str x` the same tag as plain `x`, so only the
        text tells them apart.
        """
        written = _NODE_TAG.match(self._tagged_text, node.start_mark.index)
        return written[1] if written else None

    # ----- scalars

    def scalar(self, node: yaml.Node, what: str) -> str | None:
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            raise self.invalid(node, f"expected {what}, found {kind}")
        if node.tag == _NULL_TAG and not node.style:
            return None
        return node.value

    def text(self, node: yaml.Node) -> str | None:
        value = self.scalar(node, "text")
        return None if value is None else value.strip() or None

    def ident(self, node: yaml.Node) -> str:
        value = self.scalar(node, "an id")
        if value is None or not is_id(value):
            shown = quoted(value) if value is not None else "an empty value"
            raise self.invalid(
                node, f"{shown} is not a valid id: use letters, digits, '-', '_' and '.'"
            )
        return value

    def date(self, node: yaml.Node) -> Any:
        value = self.scalar(node, "a date")
        if value is None:
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            raise self.invalid(node, str(exc)) from None

    def moment(self, node: yaml.Node) -> str | None:
        """A point in time (the briefing's `revised`), kept as written once it reads."""
        value = self.scalar(node, "a date or a date and time")
        if value is None:
            return None
        try:
            parse_moment(value)
        except DateError as exc:
            raise self.invalid(node, str(exc)) from None
        return value.strip()

    def number(self, node: yaml.Node) -> float | None:
        value = self.scalar(node, "a number")
        if value is None:
            return None
        try:
            return parse_count(value)
        except ValueError as exc:
            raise self.invalid(node, str(exc)) from None

    def credibility(self, node: yaml.Node) -> int | None:
        value = self.scalar(node, "a credibility grade")
        if value is None:
            return None
        grade = credibility_grade(value)
        if grade is None:
            raise self.invalid(node, f"credibility is a grade from 1 to 6, not {quoted(value)}")
        return grade

    def colour(self, node: yaml.Node) -> str | None:
        value = self.scalar(node, "a colour")
        if value is not None and not _COLOUR.fullmatch(value):
            raise self.invalid(node, f"colour is written #RRGGBB, not {quoted(value)}")
        return value

    # ----- collections

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        self.visit(node)
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.invalid(node, f"expected a list of {what}")
        return node.value

    def ids(self, node: yaml.Node) -> tuple[str, ...]:
        values = []
        for item in self.sequence(node, "ids"):
            try:
                values.append(self.ident(item))
            except _Invalid:
                continue
        return tuple(values)

    def texts(self, node: yaml.Node) -> tuple[str, ...]:
        values = []
        for item in self.sequence(node, "text"):
            try:
                if (value := self.text(item)) is not None:
                    values.append(value)
            except _Invalid:
                continue
        return tuple(values)

    def consistency(self, node: yaml.Node) -> tuple[tuple[str, Consistency], ...]:
        """A claim's map of alternative ids to consistent, inconsistent or neutral."""
        self.visit(node)
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
            return ()
        if not isinstance(node, yaml.MappingNode):
            raise self.invalid(
                node, "expected a mapping of alternative ids to consistent, inconsistent or neutral"
            )
        pairs: dict[str, Consistency] = {}
        failed = False
        for key_node, value_node in node.value:
            try:
                key = self.ident(key_node)
                if key in pairs:
                    message = f"duplicate key {key!r}; it is already given above"
                    raise self.invalid(key_node, message)
                value = _read_consistency(self, value_node)
            except _Invalid:
                failed = True
                continue
            if value is not None:
                pairs[key] = value
        if failed:
            raise _Invalid()
        return tuple(pairs.items())

    def read_fields(
        self, node: yaml.Node, spec: dict[str, _Field], what: str
    ) -> tuple[dict[str, Any], dict[str, Position], bool]:
        """Read a mapping against its spec; report duplicate, unknown, wrong and missing fields.

        Returns the values read, where each field (and each list item, as "key.N") was written,
        and whether anything was wrong.
        """
        self.visit(node)
        if not isinstance(node, yaml.MappingNode):
            raise self.invalid(node, f"expected {what} as a mapping of fields")
        values: dict[str, Any] = {}
        where: dict[str, Position] = {"": self.position(node)}
        failed = False
        for key_node, value_node in node.value:
            try:
                key = self.scalar(key_node, "a field name")
            except _Invalid:
                failed = True
                continue
            if key in where:
                self.report(key_node, f"duplicate key {key!r}; it is already given above")
                failed = True
                continue
            where[key] = self.position(value_node)
            if key not in spec:
                hint = _did_you_mean(str(key), list(spec))
                self.report(key_node, f"unknown field {key!r} in {what}{hint}")
                failed = True
                continue
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    where[f"{key}.{index}"] = self.position(item)
            try:
                values[key] = spec[key].read(self, value_node)
            except _Invalid:
                failed = True
                continue
            if values[key] is None and spec[key].required:
                self.report(value_node, f"{what} has an empty required field {key!r}")
                failed = True
        for key, field in spec.items():
            if field.required and key not in where:
                self.report(node, f"{what} is missing the required field {key!r}")
                failed = True
        if failed and "id" in values:
            self.dropped_ids.add(values["id"])
        return {key: value for key, value in values.items() if value is not None}, where, failed

    def fields(
        self, node: yaml.Node, spec: dict[str, _Field], what: str
    ) -> tuple[dict[str, Any], dict[str, Position]]:
        values, where, failed = self.read_fields(node, spec, what)
        if failed:
            raise _Invalid()
        return values, where

    def entities(self, node: yaml.Node, build: Callable[[yaml.Node], Any], what: str) -> tuple:
        built = []
        for item in self.sequence(node, what):
            try:
                built.append(build(item))
            except _Invalid:
                continue
        return tuple(built)

    # ----- the format

    def side(self, node: yaml.Node) -> Side:
        values, where = self.fields(node, SIDE_FIELDS, "a side")
        return Side(**values, where=where)

    def actor(self, node: yaml.Node) -> Actor:
        values, where = self.fields(node, ACTOR_FIELDS, "an actor")
        return Actor(**values, where=where)

    def source(self, node: yaml.Node) -> Source:
        values, where = self.fields(node, SOURCE_FIELDS, "a source")
        return Source(**values, where=where)

    def event(self, node: yaml.Node) -> Event:
        values, where = self.fields(node, EVENT_FIELDS, "an event")
        return Event(**values, where=where)

    def force(self, node: yaml.Node) -> ForceFigure:
        values, where = self.fields(node, FORCE_FIELDS, "a force figure")
        qualifier, value = values["qualifier"], values.get("value")
        if qualifier is Qualifier.UNKNOWN and value is not None:
            raise self.invalid(
                node, "a figure with qualifier 'unknown' has no value; 'unknown' is not a number"
            )
        if qualifier is not Qualifier.UNKNOWN and value is None:
            raise self.invalid(
                node,
                f"a figure with qualifier {qualifier.value!r} needs a value; "
                "use qualifier 'unknown' when the size is not known",
            )
        return ForceFigure(**values, where=where)

    def claim(self, node: yaml.Node) -> Claim:
        values, where = self.fields(node, CLAIM_FIELDS, "a claim")
        return Claim(**values, where=where)

    def key_judgment(self, node: yaml.Node) -> KeyJudgment:
        if self.is_scalar(node):
            text = self.text(node)
            if text is None:
                raise self.invalid(node, "a key judgment needs text")
            where = {"": self.position(node), "text": self.position(node)}
            return KeyJudgment(text=text, where=where)
        values, where = self.fields(node, KEY_JUDGMENT_FIELDS, "a key judgment")
        return KeyJudgment(**values, where=where)

    def assumption(self, node: yaml.Node) -> Assumption:
        values, where = self.fields(node, ASSUMPTION_FIELDS, "an assumption")
        return Assumption(**values, where=where)

    def alternative(self, node: yaml.Node) -> Alternative:
        values, where = self.fields(node, ALTERNATIVE_FIELDS, "an alternative")
        return Alternative(**values, where=where)

    def indicator(self, node: yaml.Node) -> Indicator:
        values, where = self.fields(node, INDICATOR_FIELDS, "an indicator")
        return Indicator(**values, where=where)

    def briefing(self, root: yaml.Node | None) -> Briefing | None:
        if root is None:
            self.problems.append(
                Problem(self.path, 1, 1, Severity.ERROR, "the file is empty; it is not a briefing")
            )
            return None
        if not self.is_mapping(root):
            self.report(root, "not a briefing: the top level must be a mapping of fields")
            return None
        try:
            values, where, _failed = self.read_fields(root, BRIEFING_FIELDS, "the briefing")
        except _Invalid:
            return None
        if "format" in values and values["format"] not in FORMAT_VERSIONS:
            known = " and ".join(repr(version) for version in FORMAT_VERSIONS)
            message = f"unsupported format {values['format']!r}; this app reads {known}"
            self.report_at(where.get("format", (1, 1)), message)
            return None
        if values.get("format") == FORMAT_VERSIONS[0]:
            for name in _VERSION_2_TOP_LEVEL:
                if name in values:
                    self.report_at(where.get(name, (1, 1)), checks.version_2_message(name))
                    del values[name]
        # Even with errors above, build what was read so the cross-checks can report theirs too.
        values.setdefault("title", "")
        return Briefing(**values, where=where)


def _choice(enum: type[StrEnum], what: str) -> Reader:
    """A reader for one of an enum's values, with a suggestion for a near miss."""

    members = {member.value: member for member in enum}

    def read(converter: _Converter, node: yaml.Node) -> StrEnum | None:
        value = converter.scalar(node, what)
        if value is None:
            return None
        member = members.get(value.strip())
        if member is None:
            options = list(members)
            raise converter.invalid(
                node,
                f"{value!r} is not a {what}{_did_you_mean(value, options)}; "
                f"choose one of: {', '.join(options)}",
            )
        return member

    return read


_read_consistency = _choice(Consistency, "consistency")


def _did_you_mean(word: str, options: list[str]) -> str:
    import difflib  # for a near miss only: a clean file never needs it

    close = difflib.get_close_matches(word.lower(), options, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _fast_text(value: Any) -> str | None:
    if type(value) is str:
        return value.strip() or None
    if value is None:
        return None
    raise _Fallback


def _fast_ident(value: Any) -> str:
    if type(value) is str and is_id(value):
        return value
    raise _Fallback


def _fast_moment(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is not str:
        raise _Fallback
    try:
        parse_moment(value)
    except DateError:
        raise _Fallback from None
    return value.strip()


def _fast_ids(value: Any) -> tuple[str, ...]:
    # No pattern test: a reference that is not one of the (tested) ids fails the checks,
    # which sends the file to the exact path anyway.
    if type(value) is list:
        for item in value:
            if type(item) is not str:
                raise _Fallback
        return tuple(value)
    if value is None:
        return ()
    raise _Fallback


def _fast_count(value: Any) -> float | None:
    if value is None:
        return None
    try:
        if type(value) in (int, float):
            # Compared before float(): an int of 400 digits overflows a float.
            return float(checked_count(value, ""))
        if type(value) is str:
            return parse_count(value)
    except ValueError:
        pass
    raise _Fallback


def _fast_credibility(value: Any) -> int | None:
    if value is None:
        return None
    if type(value) is str and (grade := credibility_grade(value)) is not None:
        return grade
    if type(value) is int and 1 <= value <= 6:
        return value
    raise _Fallback


def _fast_date(value: Any) -> Any:
    if value is None:
        return None
    if type(value) is not str:
        raise _Fallback
    try:
        return parse_date(value)  # which reads each distinct text once (lru_cache)
    except DateError:
        raise _Fallback from None


_CONSISTENCIES = {member.value: member for member in Consistency}


def _fast_consistency(value: Any) -> tuple[tuple[str, Consistency], ...]:
    if value is None:
        return ()
    if type(value) is not dict:
        raise _Fallback
    pairs = []
    for key, text in value.items():
        if type(key) is not str or not is_id(key) or type(text) is not str:
            raise _Fallback
        member = _CONSISTENCIES.get(text.strip())
        if member is None:
            raise _Fallback
        pairs.append((key, member))
    return tuple(pairs)


def _enum(enum: type[StrEnum], what: str, required: bool = False) -> _Field:
    members = {member.value: member for member in enum}

    def fast(value: Any) -> StrEnum | None:
        if value is None:
            return None
        if type(value) is str and (member := members.get(value.strip())) is not None:
            return member
        raise _Fallback

    return _Field(_choice(enum, what), required, fast, members)


_text = _Field(_Converter.text, fast=_fast_text)
_required_text = _Field(_Converter.text, required=True, fast=_fast_text)
_id = _Field(_Converter.ident, required=True, fast=_fast_ident)
_ids = _Field(_Converter.ids, fast=_fast_ids)
_date = _Field(_Converter.date, fast=_fast_date)
_confidence = _enum(Confidence, "confidence level")


def _list_of(build: Callable[[_Converter, yaml.Node], Any], what: str) -> _Field:
    # By name, so that a converter's own reading of an entity (the fast path's) is the one used.
    name = build.__name__
    return _Field(lambda self, node: self.entities(node, getattr(self, name), what))


SIDE_FIELDS = {"id": _id, "name": _required_text, "colour": _Field(_Converter.colour)}
ACTOR_FIELDS = {
    "id": _id,
    "name": _required_text,
    "side": _Field(_Converter.ident),
    "role": _text,
}
SOURCE_FIELDS = {
    "id": _id,
    "outlet": _required_text,
    "title": _text,
    "date": _date,
    "kind": _enum(SourceKind, "source kind", required=True),
    "language": _text,
    "url": _text,
    "reliability": _enum(Reliability, "reliability grade (A-F)", required=True),
    "note": _text,
}
EVENT_FIELDS = {
    "id": _id,
    "date": _Field(_Converter.date, required=True, fast=_fast_date),
    "date_text": _text,
    "title": _required_text,
    "text": _text,
    "sides": _ids,
    "actors": _ids,
    "place": _text,
    "sources": _ids,
}
FORCE_FIELDS = {
    "id": _id,
    "side": _Field(_Converter.ident, required=True),
    "category": _required_text,
    "value": _Field(_Converter.number, fast=_fast_count),
    "qualifier": _enum(Qualifier, "qualifier", required=True),
    "as_of": _date,
    "units": _Field(_Converter.texts),
    "sources": _ids,
    "note": _text,
}
CLAIM_FIELDS = {
    "id": _id,
    "text": _required_text,
    "kind": _enum(ClaimKind, "claim kind", required=True),
    "likelihood": _enum(Likelihood, "likelihood term of ICD 203"),
    "credibility": _Field(_Converter.credibility, fast=_fast_credibility),
    "sources": _ids,
    "events": _ids,
    "forces": _ids,
    "note": _text,
    # briefing/2
    "confidence": _confidence,
    "confidence_basis": _text,
    "assumptions": _ids,
    "consistency": _Field(_Converter.consistency, fast=_fast_consistency),
}
KEY_JUDGMENT_FIELDS = {
    "text": _required_text,
    "claims": _ids,
    # briefing/2
    "confidence": _confidence,
    "confidence_basis": _text,
    "assumptions": _ids,
}
ASSUMPTION_FIELDS = {"id": _id, "text": _required_text}
ALTERNATIVE_FIELDS = {
    "id": _id,
    "text": _required_text,
    "likelihood": _enum(Likelihood, "likelihood term of ICD 203"),
}
INDICATOR_FIELDS = {
    "id": _id,
    "text": _required_text,
    "bears_on": _ids,
    "status": _enum(IndicatorStatus, "indicator status"),
    "seen_on": _date,
    "sources": _ids,
}
BRIEFING_FIELDS = {
    "format": _Field(_Converter.text, required=True),
    "title": _required_text,
    "id": _Field(_Converter.ident, fast=_fast_ident),
    "publication": _text,
    "author": _text,
    "as_of": _date,
    "revised": _Field(_Converter.moment, fast=_fast_moment),
    "handling": _text,
    "summary": _text,
    "likelihood_note": _text,
    "key_judgments": _list_of(_Converter.key_judgment, "key judgments"),
    "sides": _list_of(_Converter.side, "sides"),
    "actors": _list_of(_Converter.actor, "actors"),
    "sources": _list_of(_Converter.source, "sources"),
    "events": _list_of(_Converter.event, "events"),
    "forces": _list_of(_Converter.force, "force figures"),
    "claims": _list_of(_Converter.claim, "claims"),
    "assumptions": _list_of(_Converter.assumption, "assumptions"),
    "alternatives": _list_of(_Converter.alternative, "alternatives"),
    "indicators": _list_of(_Converter.indicator, "indicators"),
}


# The top-level fields briefing/2 added: a briefing/1 file that uses one is refused.
_VERSION_2_TOP_LEVEL = ("likelihood_note", "assumptions", "alternatives", "indicators")

_REQUIRED = {
    id(spec): frozenset(key for key, field in spec.items() if field.required)
    for spec in (
        SIDE_FIELDS,
        ACTOR_FIELDS,
        SOURCE_FIELDS,
        EVENT_FIELDS,
        FORCE_FIELDS,
        CLAIM_FIELDS,
        KEY_JUDGMENT_FIELDS,
        ASSUMPTION_FIELDS,
        ALTERNATIVE_FIELDS,
        INDICATOR_FIELDS,
        BRIEFING_FIELDS,
    )
}

# ----- the fast path: yaml-rs (a Rust YAML 1.2 parser) straight to Python data, no positions

try:
    import yaml_rs
except ImportError:  # the exact path alone still loads everything, only slower
    yaml_rs = None

# Constructs where yaml-rs and libyaml could read a file differently, or that the exact path
# refuses with a position: anchors, aliases, tags, merge keys, directives, document end markers,
# tabs, hex/octal numbers, and characters libyaml does not accept. A file with any of them takes
# the exact path. The screen runs on the UTF-8 bytes, where substring tests are memchr-fast,
# and it runs a regex only where a cheap test found a candidate.
# A lone `!` is a tag too (the non-specific one), so any `!` after a space counts.
_ANCHOR_ALIAS_TAG = re.compile(rb"(?:^|[\s\[{,])(?:[&*][^\s,\]}]|!)", re.MULTILINE)
# yaml-rs reads 0x1F, 0O17 and 0b101 as numbers where the exact path reads text.
_RADIX_PREFIX = re.compile(rb"0[xXoObB]")
# Bytes that may appear: printable ASCII, tab and line ends, and every byte of a multi-byte
# character. Deleting them leaves only C0 controls and DEL, which libyaml refuses.
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n\r" + bytes(range(0x80, 0x100))
# And in UTF-8: C1 controls (NEL among them, a line break to libyaml but not to yaml-rs) and
# the non-characters U+FFFE and U+FFFF.
_C1_OR_NONCHARACTER = re.compile(rb"\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]")
# LINE and PARAGRAPH SEPARATOR: line breaks in YAML 1.1 (libyaml) but not in 1.2 (yaml-rs).
_ODD_BREAKS = (b"\xe2\x80\xa8", b"\xe2\x80\xa9")


def _fast_path_can_read(raw: bytes) -> bool:
    """False where the two parsers could differ; cheap substring tests guard the regexes.

    A search for one byte is memchr (a 10,000-event file: under 1 ms); for two or three bytes
    it is five to ten times slower, so a longer mark is looked for only where one of its bytes
    occurs at all."""
    if b"\t" in raw or raw.startswith(b"%") or (b"%" in raw and b"\n%" in raw):
        return False
    if b"<" in raw and b"<<" in raw:
        return False
    # A document end marker (`...`) at a line start: libyaml refuses one before any document,
    # yaml-rs reads past it.
    if raw.startswith(b"...") or b"\n..." in raw:
        return False
    if raw.translate(None, _PLAIN_BYTES):
        return False
    if (b"\xc2" in raw or (b"\xef" in raw and b"\xef\xbf" in raw)) and _C1_OR_NONCHARACTER.search(
        raw
    ):
        return False
    if (b"\xa8" in raw or b"\xa9" in raw) and any(mark in raw for mark in _ODD_BREAKS):
        return False
    if (b"&" in raw or b"*" in raw or b"!" in raw) and _ANCHOR_ALIAS_TAG.search(raw):
        return False
    return not _RADIX_PREFIX.search(raw)


_NO_POSITIONS: dict[str, Position] = {}
# A required field not (yet) read, in an entity's arguments.
_MISSING = object()


def _unfrozen_twin(cls: type, names: list[str]) -> type:
    """A class with the same slots as the frozen dataclass cls and a plain __init__ taking
    every field in order; an instance of it becomes one of cls by assigning its __class__.

    A frozen dataclass's __init__ sets each field through object.__setattr__, past its own
    __setattr__ that refuses: 2.7 us for a claim of 14 fields, a quarter of the fast path's
    conversion. A plain attribute store and the assignment take 0.4 us. Python allows the
    assignment because both classes have the same slots and nothing else, and what results
    is an instance of cls like any other (its type, equality, hash, and frozen from then on).
    Only for classes with no __post_init__, whose __init__ does nothing but set the fields."""
    assert cls.__slots__ == tuple(names) and not hasattr(cls, "__post_init__"), cls
    body = "".join(f"    self.{name} = {name}\n" for name in names)
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, {', '.join(names)}):\n{body}", namespace)
    return type(f"_Unfrozen{cls.__name__}", (), {"__slots__": tuple(names), **namespace})


# A key not in the node, in a builder's `node.get(key, _ABSENT)`.
_ABSENT = object()


def _reading(field: _Field) -> str:
    """Straight-line code that turns `v` (a field's plain value) into its reading, or None, as
    the field's fast reader would, raising _Fallback where it would; a reader without inline
    code is called. Inline for the common readers: a call each costs as much as the reading."""
    fast = field.fast
    if field.members is not None:  # as _enum's fast reader; a value as written tried first
        assert all(value == value.strip() for value in field.members), field
        return (
            "if type(v) is str:\n    member = MEMBERS.get(v)\n"
            "    if member is None:\n        member = MEMBERS.get(v.strip())\n"
            "        if member is None:\n            raise _Fallback\n    v = member\n"
            "elif v is not None:\n    raise _Fallback\n"
        )
    if fast is _fast_text:
        return (
            "if type(v) is str:\n    v = v.strip() or None\n"
            "elif v is not None:\n    raise _Fallback\n"
        )
    if fast is _fast_ident:  # is_id's own quick test first, saving the call for most ids
        return (
            "if type(v) is not str or not ((v.isascii() and v.isalnum()) or is_id(v)):\n"
            "    raise _Fallback\n"
        )
    if fast is _fast_ids:
        return (
            "if type(v) is list:\n    for item in v:\n        if type(item) is not str:\n"
            "            raise _Fallback\n    v = tuple(v)\n"
            "elif v is None:\n    v = ()\nelse:\n    raise _Fallback\n"
        )
    if fast is _fast_date:
        return (
            "if type(v) is str:\n    try:\n        v = parse_date(v)\n"
            "    except DateError:\n        raise _Fallback from None\n"
            "elif v is not None:\n    raise _Fallback\n"
        )
    return "v = FAST(v)\n" if fast is not None else "v = READ(self, v)\n"


def _builder(cls: type, spec: dict[str, _Field]) -> Callable[[Any, Any], Any]:
    """The fast path's reading of one kind of entity whose reading is its fields alone, as
    a method: straight-line code per field, generated once (as dataclasses generate __init__),
    building the entity through its unfrozen twin. It raises _Fallback for what the exact path
    must read: not a mapping, a key not in spec, a value a field's reader doubts, a required
    field missing or empty. Entities have their fields in the order of cls, `where` last."""
    names = [item.name for item in dataclass_fields(cls)]
    assert names[-1] == "where" and set(spec) <= set(names), cls
    namespace: dict[str, Any] = {
        "_Fallback": _Fallback,
        "_ABSENT": _ABSENT,
        "_MISSING": _MISSING,
        "DateError": DateError,
        "parse_date": parse_date,
        "is_id": is_id,
        "TWIN": _unfrozen_twin(cls, names),
        "CLS": cls,
    }
    lines = ["if type(node) is not dict:", "    raise _Fallback", "get = node.get", "count = 0"]
    required = []
    for index, item in enumerate(dataclass_fields(cls)[:-1]):
        local = f"f{index}"
        field = spec.get(item.name)
        if field is None or field.required or item.default is MISSING:
            default = _MISSING
            required.append(local)
        else:
            default = item.default
        namespace[f"D{index}"] = default
        lines.append(f"{local} = D{index}")
        if field is None:
            continue
        namespace[f"FAST{index}"] = field.fast
        namespace[f"READ{index}"] = field.read
        namespace[f"MEMBERS{index}"] = field.members
        reading = _reading(field)
        for name in ("FAST", "READ", "MEMBERS"):
            reading = reading.replace(name, f"{name}{index}")
        lines += [f"v = get({item.name!r}, _ABSENT)", "if v is not _ABSENT:", "    count += 1"]
        lines += [f"    {line}" for line in reading.splitlines()]
        lines += ["    if v is not None:", f"        {local} = v"]
    lines += ["if count != len(node):", "    raise _Fallback"]  # a key not in spec
    if required:
        condition = " or ".join(f"{local} is _MISSING" for local in required)
        lines += [f"if {condition}:", "    raise _Fallback"]
    arguments = ", ".join(f"f{index}" for index in range(len(names) - 1))
    lines += [f"entity = TWIN({arguments}, self._where)", "entity.__class__ = CLS", "return entity"]
    body = "".join(f"    {line}\n" for line in lines)
    exec(f"def {cls.__name__.lower()}(self, node):\n{body}", namespace)
    return namespace[cls.__name__.lower()]


class _Fallback(Exception):
    """The fast path cannot vouch for this input; load it on the exact path."""


class _FastConverter(_Converter):
    """The same conversion over plain Python data; any doubt at all raises _Fallback."""

    # What each entity built gets as `where`; the marking converter below sets it per item.
    _where: dict[str, Position] = _NO_POSITIONS

    def position(self, node: Any) -> Position:
        return (0, 0)

    def is_scalar(self, node: Any) -> bool:
        return not isinstance(node, dict | list)

    def is_mapping(self, node: Any) -> bool:
        return isinstance(node, dict)

    def report(self, node: Any, message: str, severity: Severity = Severity.ERROR) -> None:
        raise _Fallback

    def report_at(self, position: Position, message: str) -> None:
        raise _Fallback

    def invalid(self, node: Any, message: str) -> _Invalid:
        raise _Fallback

    def scalar(self, node: Any, what: str) -> str | None:
        # Only text is text: a number, boolean or date here may have been written otherwise.
        if type(node) is str or node is None:
            return node
        raise _Fallback

    def sequence(self, node: Any, what: str) -> list:
        if type(node) is list:
            return node
        if node is None:
            return []
        raise _Fallback

    def read_fields(
        self, node: Any, spec: dict[str, _Field], what: str
    ) -> tuple[dict[str, Any], dict[str, Position], bool]:
        if type(node) is not dict:
            raise _Fallback
        required = _REQUIRED[id(spec)]
        values: dict[str, Any] = {}
        for key, value in node.items():
            field = spec.get(key)
            if field is None:
                raise _Fallback
            fast = field.fast
            read = fast(value) if fast is not None else field.read(self, value)
            if read is not None:
                values[key] = read
        if not required.issubset(values):
            raise _Fallback
        return values, _NO_POSITIONS, False


# The fast readings of the entities whose reading is their fields alone (see _builder).
for _cls, _spec in (
    (Side, SIDE_FIELDS),
    (Actor, ACTOR_FIELDS),
    (Source, SOURCE_FIELDS),
    (Event, EVENT_FIELDS),
    (Claim, CLAIM_FIELDS),
    (Assumption, ASSUMPTION_FIELDS),
    (Alternative, ALTERNATIVE_FIELDS),
    (Indicator, INDICATOR_FIELDS),
):
    setattr(_FastConverter, _cls.__name__.lower(), _builder(_cls, _spec))


def _fast_data(raw: bytes) -> Any:
    """The file's UTF-8 bytes as plain Python data by yaml-rs, or None where the fast path
    cannot vouch. Bytes, not text: from text, yaml-rs would encode it again (25 ms for 9 MB
    with one non-ASCII character); `strict` refuses what is not UTF-8, which it would
    otherwise replace."""
    if yaml_rs is None or not _fast_path_can_read(raw):
        return None
    try:
        data = yaml_rs.load(raw, parse_datetime=False, encoding="utf-8", encoder_errors="strict")
    except Exception:  # any parse problem is reported, with its position, by the exact path
        return None
    return data if isinstance(data, dict) else None


def fast_model(text: str, path: str = "<briefing>", raw: bytes | None = None) -> Briefing | None:
    """The briefing read by the fast path, or None where it cannot vouch for the input.

    `raw` is the text's UTF-8 bytes when the caller has them. The model has no positions;
    `load_text` uses it only when the checks find nothing.
    """
    data = _fast_data(text.encode("utf-8", "surrogatepass") if raw is None else raw)
    if data is None:
        return None
    try:
        return _FastConverter(path).briefing(data)
    except _Fallback:
        return None


def _load_fast(
    raw: bytes, path: str, text: str | None = None, keep: list[object] | None = None
) -> LoadResult | None:
    """The fast path's load of a file's UTF-8 bytes (and its text, if the caller has it
    decoded), or None where the exact path must load it whole. `keep` gets the plain data."""
    data = _fast_data(raw)
    if data is None:
        return None
    if keep is not None:
        keep.append(data)
    try:
        briefing = _FastConverter(path).briefing(data)
    except _Fallback:
        briefing = None
    if briefing is not None and not checks.check(briefing):
        return LoadResult(path, briefing, ())
    # Findings need positions, which only the exact path has: give them to the items concerned.
    # yaml-rs read the bytes as strict UTF-8, so they decode.
    return _load_located(raw.decode("utf-8") if text is None else text, path, data)


# ----- positions for a few items: the exact path on just the entries that have problems
#
# A file with one typo should not cost a full exact parse (a 57 MB file: 5 s clean, 25 s and
# 2.7 GB through the exact path). Its top-level lists are found by a line scan of block-style
# YAML; the fast model is built item by item, each item marked so that a finding of the checks
# says which item it is about; then only the items that the fast path doubted or that have
# findings are composed by PyYAML, from their own lines, with their line numbers kept. Where
# the layout is anything but plain block style the whole file takes the exact path, as before.

# The list fields of a briefing, by the `what` their reader is given.
_LISTS = {
    "key judgments": ("key_judgments", _Converter.key_judgment),
    "sides": ("sides", _Converter.side),
    "actors": ("actors", _Converter.actor),
    "sources": ("sources", _Converter.source),
    "events": ("events", _Converter.event),
    "force figures": ("forces", _Converter.force),
    "claims": ("claims", _Converter.claim),
    "assumptions": ("assumptions", _Converter.assumption),
    "alternatives": ("alternatives", _Converter.alternative),
    "indicators": ("indicators", _Converter.indicator),
}
_LIST_KEYS = {key: (what, build) for what, (key, build) in _LISTS.items()}
# A line that starts a top-level field (or ends the previous one's block).
_TOP_LEVEL_LINE = re.compile(r"^[^\s#\-][^\n]*", re.MULTILINE)
_SECTION = re.compile(r"([a-z_]+):[ ]*(?:#[^\n]*)?")
_FIRST_ITEM = re.compile(r"^( *)-(?:[ ]|$)", re.MULTILINE)
# Items composed per PyYAML call: big enough to amortise the call, small enough for memory.
_RUN = 1000


@dataclass
class _Section:
    """One top-level list in the text: where each of its items starts, and where it ends."""

    starts: list[int]
    end: int

    def span(self, index: int) -> tuple[int, int]:
        following = index + 1
        return self.starts[index], self.starts[following] if following < len(self.starts) else (
            self.end
        )


def _sections(text: str, data: dict) -> dict[str, _Section] | None:
    """Where each top-level list's items are, or None when the layout is not plain block style
    (flow lists, quoted keys, CR line ends...): the scan must find every item yaml-rs read."""
    if "\r" in text:
        return None
    tops = [(match.start(), match.group()) for match in _TOP_LEVEL_LINE.finditer(text)]
    sections: dict[str, _Section] = {}
    for number, (start, line) in enumerate(tops):
        match = _SECTION.fullmatch(line)
        if match is None or match[1] not in _LIST_KEYS:
            continue
        if match[1] in sections:
            return None
        body = start + len(line) + 1
        end = tops[number + 1][0] if number + 1 < len(tops) else len(text)
        first = _FIRST_ITEM.search(text, body, end)
        starts: list[int] = []
        if first is not None:
            item = re.compile(rf"^{first[1]}-(?:[ ]|$)", re.MULTILINE)
            starts = [found.start() for found in item.finditer(text, body, end)]
        sections[match[1]] = _Section(starts, end)
    for key in _LIST_KEYS:
        value = data.get(key)
        count = len(value) if type(value) is list else 0
        found = len(sections[key].starts) if key in sections else 0
        if (value is not None and type(value) is not list) or count != found:
            return None
    return sections


class _MarkingConverter(_FastConverter):
    """The fast conversion, item by item: an item it doubts is left out and noted, and every
    item built gets a `where` that only says which item it is, (-serial, 0), so that the
    checks' findings can be traced back to their item."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.items: dict[str, list[Any]] = {}  # per list field, each item built or None
        self.doubted: set[tuple[str, int]] = set()
        self.marks: list[tuple[str, int]] = []  # serial - 1 -> (field, index)
        self.wheres: list[dict[str, Position]] = []
        self._where: dict[str, Position] = _NO_POSITIONS

    def position(self, node: Any) -> Position:
        return self._where.get("", (0, 0))

    def read_fields(
        self, node: Any, spec: dict[str, _Field], what: str
    ) -> tuple[dict[str, Any], dict[str, Position], bool]:
        values, _where, failed = super().read_fields(node, spec, what)
        return values, self._where, failed

    def entities(self, node: Any, build: Callable[[Any], Any], what: str) -> tuple:
        key = _LISTS[what][0]
        built: list[Any] = []
        for index, item in enumerate(self.sequence(node, what)):
            self.marks.append((key, index))
            self._where = {"": (-len(self.marks), 0)}
            try:
                entity = build(item)
            except _Fallback:
                built.append(None)
                self.doubted.add((key, index))
                continue
            built.append(entity)
            self.wheres.append(entity.where)  # not always _where: a scalar key judgment's own
        self._where = _NO_POSITIONS
        self.items[key] = built
        return tuple(entity for entity in built if entity is not None)


class _LocatingConverter(_Converter):
    """The exact conversion of some items composed from their own lines: positions are moved
    down by the line where those lines start in the file."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.line_offset = 0

    def position(self, node: yaml.Node) -> Position:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1


def _runs(indexes: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive indexes as [start, stop) runs of at most _RUN."""
    start = previous = indexes[0]
    for index in indexes[1:]:
        if index != previous + 1 or index - start >= _RUN:
            yield start, previous + 1
            start = index
        previous = index
    yield start, previous + 1


def _locate(
    text: str,
    sections: dict[str, _Section],
    data: dict,
    wanted: set[tuple[str, int]],
    converter: _LocatingConverter,
    located: dict[tuple[str, int], Any],
) -> bool:
    """Convert the wanted items exactly into `located` (None: left out for its errors); False
    when their lines do not read alone as what yaml-rs read in the whole file."""
    line, counted_to = 0, 0
    for key, (_what, build) in _LIST_KEYS.items():
        indexes = sorted(index for field, index in wanted if field == key)
        if not indexes:
            continue
        section = sections[key]
        for start, stop in _runs(indexes):
            begin, end = section.starts[start], section.span(stop - 1)[1]
            snippet = text[begin:end]
            if begin >= counted_to:
                line += text.count("\n", counted_to, begin)
            else:
                line -= text.count("\n", begin, counted_to)
            counted_to = begin
            try:
                if yaml_rs.loads(snippet, parse_datetime=False) != data[key][start:stop]:
                    return False
                node = _pyyaml().compose(snippet, Loader=_safe_loader())
            except Exception:  # any doubt: the whole file takes the exact path
                return False
            if not isinstance(node, yaml.SequenceNode) or len(node.value) != stop - start:
                return False
            converter.line_offset = line
            converter._visited = set()  # node ids of the last run may be reused by this one
            for index, item in zip(range(start, stop), node.value, strict=True):
                try:
                    located[key, index] = build(converter, item)
                except _Invalid:
                    located[key, index] = None
    return True


def _load_located(text: str, path: str, data: dict) -> LoadResult | None:
    """Load a file the fast path read but found problems in, exact only where they are."""
    sections = _sections(text, data)
    if sections is None:
        return None
    marking = _MarkingConverter(path)
    try:
        briefing = marking.briefing(data)
    except _Fallback:
        return None  # a problem outside the lists: the whole file takes the exact path
    if briefing is None:
        return None
    converter = _LocatingConverter(path)
    located: dict[tuple[str, int], Any] = {}
    wanted = set(marking.doubted)
    # At most three rounds: the doubted items; the items the checks then find fault with; and
    # a last check, since items already read by the fast path read the same when located.
    while True:
        if wanted:
            if not _locate(text, sections, data, wanted, converter, located):
                return None
            lists = {
                key: tuple(
                    entity
                    for index, fast in enumerate(items)
                    if (entity := located.get((key, index), fast)) is not None
                )
                for key, items in marking.items.items()
            }
            briefing = replace(briefing, **lists)
        findings = checks.check(briefing, converter.dropped_ids)
        wanted = {marking.marks[-line - 1] for line, *_rest in findings if line < 0}
        if not wanted:
            break
    converter.problems.extend(Problem(path, *finding) for finding in findings)
    for where in marking.wheres:
        where.clear()  # the marks were for the checks; the model has no positions there
    return _result(path, briefing, converter.problems)
