"""What changed between two versions of a briefing: items added, removed or changed, by id.

Qt-free and typed, for `briefing diff`, and for the window and the PDF to mark changes. Items
are matched by id; key judgments, which have none, by text first and then in order (see
`_pair_judgments`). For claims, key judgments and alternatives a change says whether the
likelihood and the confidence went up or down and which sources came or went.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from briefing.model import Briefing, Confidence, KeyJudgment, Likelihood
from briefing.problems import shown

# The lists compared, in the order a report shows them, with the word for one item.
SECTIONS = (
    ("briefing", "briefing"),  # its own fields: title, as_of, format, summary...
    ("sides", "side"),
    ("sources", "source"),
    ("events", "event"),
    ("forces", "force figure"),
    ("claims", "claim"),
    ("key_judgments", "key judgment"),
    ("assumptions", "assumption"),
    ("alternatives", "alternative"),
    ("indicators", "indicator"),
)
_ITEM = dict(SECTIONS)
_LIKELIHOODS = list(Likelihood)
_CONFIDENCES = list(Confidence)


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class Shift(StrEnum):
    """Which way an ordered grade (likelihood, confidence) moved."""

    UP = "up"
    DOWN = "down"
    GIVEN = "given"  # none before
    DROPPED = "dropped"  # none now


@dataclass(frozen=True, slots=True)
class Change:
    section: str  # one of SECTIONS' names: "claims", "key_judgments"...
    key: str  # the item's id; for a key judgment "#N", its number in the newer version if any
    kind: ChangeKind
    title: str  # what a reader recognises the item by: its text, title or name
    fields: tuple[str, ...] = ()  # the fields that differ, for a changed item
    likelihood: Shift | None = None
    likelihood_from: str | None = None
    likelihood_to: str | None = None
    confidence: Shift | None = None
    confidence_from: str | None = None
    confidence_to: str | None = None
    sources_added: tuple[str, ...] = ()
    sources_removed: tuple[str, ...] = ()

    @property
    def item(self) -> str:
        """The kind of item in words: "claim", "key judgment"..."""
        return _ITEM[self.section]


# The one word for each kind of change, wherever an item is marked: panels, Details, paper.
CHANGE_WORDS = {
    ChangeKind.ADDED: "new",
    ChangeKind.CHANGED: "changed",
    ChangeKind.REMOVED: "removed",
}


def shifts(change: Change | None) -> list[str]:
    """Which way a changed item's grades moved, in words: "likelihood up", "confidence given"."""
    if change is None:
        return []
    moved = [("likelihood", change.likelihood), ("confidence", change.confidence)]
    return [f"{what} {shift.value}" for what, shift in moved if shift is not None]


def change_mark(kind: ChangeKind | None, change: Change | None = None) -> str:
    """The mark before an item's text when the window compares versions: "[new] ",
    "[changed] ", "[removed] ", or, given the change, "[changed: likelihood up] "; "" for an
    item that did not change."""
    if kind is None:
        return ""
    moved = shifts(change) if kind is ChangeKind.CHANGED else []
    return f"[{CHANGE_WORDS[kind]}{': ' + ', '.join(moved) if moved else ''}] "


@dataclass(frozen=True, slots=True)
class BriefingDiff:
    changes: tuple[Change, ...]

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def in_section(self, section: str) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.section == section)

    def of(self, section: str, key: str) -> Change | None:
        """The change of one item, by section and id, or None when it did not change."""
        return next((c for c in self.changes if c.section == section and c.key == key), None)

    def removed(self, section: str | None = None) -> tuple[Change, ...]:
        """The items of the earlier version that the newer one no longer has (of one section,
        when given)."""
        return tuple(
            change
            for change in self.changes
            if change.kind is ChangeKind.REMOVED and section in (None, change.section)
        )

    def counts(self) -> dict[ChangeKind, int]:
        return {kind: sum(c.kind is kind for c in self.changes) for kind in ChangeKind}


def diff(old: Briefing, new: Briefing) -> BriefingDiff:
    """Every item added, removed or changed from `old` to `new`, section by section."""
    changes: list[Change] = []
    for section, _item in SECTIONS:
        if section == "briefing":
            pairs: list[Pair] = [("", _Metadata.of(old), _Metadata.of(new))]
        elif section == "key_judgments":
            pairs = _pair_judgments(old.key_judgments, new.key_judgments)
        else:
            pairs = _pair_by_id(getattr(old, section), getattr(new, section))
        changes += _changes(section, pairs)
    return BriefingDiff(tuple(changes))


Pair = tuple[str, Any, Any]  # key, old item or None, new item or None


@dataclass(frozen=True)
class _Metadata:
    """The briefing's own fields, compared like an item's."""

    title: str
    format: str
    id: str | None
    publication: str | None
    author: str | None
    as_of: Any
    revised: str | None
    handling: str | None
    summary: str | None
    likelihood_note: str | None

    @classmethod
    def of(cls, briefing: Briefing) -> _Metadata:
        names = [field.name for field in dataclasses.fields(cls)]
        return cls(**{name: getattr(briefing, name) for name in names})


def _pair_by_id(old: Iterable[Any], new: Iterable[Any]) -> list[Pair]:
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    pairs = [(key, before.get(key), item) for key, item in after.items()]
    pairs += [(key, item, None) for key, item in before.items() if key not in after]
    return pairs


def _pair_judgments(old: tuple[KeyJudgment, ...], new: tuple[KeyJudgment, ...]) -> list[Pair]:
    """Key judgments have no id: the same text is the same judgment; the rest are paired in
    order, the first unmatched old with the first unmatched new (an edited judgment), and any
    left over are added or removed. Keys are numbers in the newer version ("#2"), or in the
    older one for a removed judgment."""
    unmatched_old = list(range(len(old)))
    matched: dict[int, int] = {}
    for index, judgment in enumerate(new):
        same = next((i for i in unmatched_old if old[i].text == judgment.text), None)
        if same is not None:
            matched[index] = same
            unmatched_old.remove(same)
    rest_new = [index for index in range(len(new)) if index not in matched]
    for index, old_index in zip(rest_new, unmatched_old, strict=False):
        matched[index] = old_index
    paired_old = set(matched.values())
    pairs: list[Pair] = [
        (f"#{index + 1}", old[matched[index]] if index in matched else None, judgment)
        for index, judgment in enumerate(new)
    ]
    pairs += [(f"#{i + 1}", old[i], None) for i in range(len(old)) if i not in paired_old]
    return pairs


def _changes(section: str, pairs: list[Pair]) -> Iterator[Change]:
    for key, before, after in pairs:
        if before is None:
            yield Change(section, key, ChangeKind.ADDED, _title(after))
        elif after is None:
            yield Change(section, key, ChangeKind.REMOVED, _title(before))
        elif before != after:
            yield _changed(section, key, before, after)


def _changed(section: str, key: str, before: Any, after: Any) -> Change:
    fields = tuple(
        field.name
        for field in dataclasses.fields(after)
        if field.compare and getattr(before, field.name) != getattr(after, field.name)
    )
    extra: dict[str, Any] = {}
    if hasattr(after, "likelihood"):
        old, new = before.likelihood, after.likelihood
        extra["likelihood"] = _shift(old, new, _LIKELIHOODS)
        extra["likelihood_from"] = old.value if old else None
        extra["likelihood_to"] = new.value if new else None
    if hasattr(after, "confidence"):
        old, new = before.confidence, after.confidence
        extra["confidence"] = _shift(old, new, _CONFIDENCES)
        extra["confidence_from"] = old.value if old else None
        extra["confidence_to"] = new.value if new else None
    if hasattr(after, "sources"):
        extra["sources_added"] = tuple(s for s in after.sources if s not in before.sources)
        extra["sources_removed"] = tuple(s for s in before.sources if s not in after.sources)
    return Change(section, key, ChangeKind.CHANGED, _title(after), fields, **extra)


def _shift(old: Any, new: Any, order: list[Any]) -> Shift | None:
    if old == new:
        return None
    if old is None:
        return Shift.GIVEN
    if new is None:
        return Shift.DROPPED
    return Shift.UP if order.index(new) > order.index(old) else Shift.DOWN


def _title(item: Any) -> str:
    for name in ("text", "title", "name", "outlet", "category"):
        value = getattr(item, name, None)
        if value:
            return str(value)
    return ""


# ----- the report: text for a reader, JSON for a program


def _grade_line(what: str, shift: Shift | None, old: str | None, new: str | None) -> str | None:
    match shift:
        case None:
            return None
        case Shift.GIVEN:
            return f"{what} given: {new}"
        case Shift.DROPPED:
            return f"{what} dropped (was {old})"
        case _:
            return f"{what} {shift.value}: {old} -> {new}"


def details(change: Change) -> list[str]:
    """A change's details in words: grades that moved, sources that came or went, fields."""
    found = [
        _grade_line("likelihood", change.likelihood, change.likelihood_from, change.likelihood_to),
        _grade_line("confidence", change.confidence, change.confidence_from, change.confidence_to),
        "sources added: " + ", ".join(change.sources_added) if change.sources_added else None,
        "sources removed: " + ", ".join(change.sources_removed) if change.sources_removed else None,
        "fields: " + ", ".join(change.fields) if change.fields else None,
    ]
    return [detail for detail in found if detail]


def to_text(result: BriefingDiff) -> str:
    """The changes as lines a reader scans: one per item, indented details below it."""
    if result.is_empty:
        return "no changes\n"
    lines: list[str] = []
    signs = {ChangeKind.ADDED: "+", ChangeKind.REMOVED: "-", ChangeKind.CHANGED: "~"}
    for section, item in SECTIONS:
        changes = result.in_section(section)
        if not changes:
            continue
        lines.append(f"{section.replace('_', ' ')}:")
        for change in changes:
            title = shown(" ".join(change.title.split()))  # a terminal gets no control codes
            if len(title) > 70:
                title = title[:69] + "…"
            name = f"{item} {change.key}" if change.key else item
            lines.append(f"  {signs[change.kind]} {name} {change.kind.value}: {title}")
            lines += [f"      {detail}" for detail in details(change)]
    counts = result.counts()
    lines.append(", ".join(f"{counts[kind]} {kind.value}" for kind in ChangeKind))
    return "\n".join(lines) + "\n"


def to_json(result: BriefingDiff) -> dict[str, Any]:
    """The changes as plain data: every field of each change, empty ones left out."""
    changes = []
    for change in result.changes:
        data: dict[str, Any] = {"item": change.item}
        for field in dataclasses.fields(change):
            value = getattr(change, field.name)
            if value in (None, ()):
                continue
            data[field.name] = list(value) if isinstance(value, tuple) else value
        changes.append(data)
    counts = result.counts()
    return {"changes": changes, "counts": {kind.value: counts[kind] for kind in ChangeKind}}
