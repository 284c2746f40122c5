"""The analysis of competing hypotheses: claims against alternatives, and how each discriminates.

Qt-free, for the window's matrix, the PDF's table and the CLI alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Alternative, Briefing, Claim, Consistency


@dataclass(frozen=True, slots=True)
class AchRow:
    """One claim's row of the matrix: its mark per alternative (None: not said)."""

    claim: Claim
    marks: tuple[Consistency | None, ...]

    @property
    def inconsistent(self) -> int:
        return self.marks.count(Consistency.INCONSISTENT)

    @property
    def consistent(self) -> int:
        return self.marks.count(Consistency.CONSISTENT)

    @property
    def discrimination(self) -> int:
        """How strongly the claim tells the alternatives apart: the number it is inconsistent
        with, when it is consistent with at least one other; 0 when it marks them all alike.

        ACH weighs evidence against hypotheses: a claim inconsistent with every alternative,
        or consistent with all, favours none of them.
        """
        marked = [mark for mark in self.marks if mark is not None]
        if len(set(marked)) < 2:
            return 0
        return self.inconsistent


@dataclass(frozen=True, slots=True)
class AchMatrix:
    alternatives: tuple[Alternative, ...]
    rows: tuple[AchRow, ...]

    def by_discrimination(self) -> tuple[AchRow, ...]:
        """The rows, most discriminating first; ties keep the briefing's order."""
        return tuple(sorted(self.rows, key=lambda row: -row.discrimination))

    def inconsistencies(self) -> tuple[int, ...]:
        """Per alternative, how many claims are inconsistent with it: ACH favours the fewest."""
        return tuple(
            sum(row.marks[index] is Consistency.INCONSISTENT for row in self.rows)
            for index in range(len(self.alternatives))
        )


def ach_matrix(briefing: Briefing) -> AchMatrix:
    """Claims × alternatives, for every claim that marks at least one alternative."""
    alternatives = briefing.alternatives
    rows = tuple(
        AchRow(claim, tuple(claim.consistency_with(alt.id) for alt in alternatives))
        for claim in briefing.claims
        if claim.consistency
    )
    return AchMatrix(alternatives, rows)
