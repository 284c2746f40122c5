"""Claim numbers (C1, C2…): the order claims print in, shared by the PDF, the window and search.

The PDF prints claims grouped by kind (facts, assessments, forecasts), each group in file
order, and numbers them in that order; the window shows and finds the same numbers, so "C22"
cited in a printed briefing is claim 22 on screen too.
"""

from __future__ import annotations

from briefing.model import Briefing, Claim, ClaimKind

CLAIM_ORDER = (ClaimKind.FACT, ClaimKind.ASSESSMENT, ClaimKind.FORECAST)


def claims_by_kind(briefing: Briefing) -> list[tuple[ClaimKind, list[Claim]]]:
    """The claims in the order they print: grouped by kind, each group in file order."""
    groups: dict[ClaimKind, list[Claim]] = {kind: [] for kind in CLAIM_ORDER}
    for claim in briefing.claims:
        groups.setdefault(claim.kind, []).append(claim)
    return list(groups.items())


def claim_numbers(briefing: Briefing) -> dict[str, int]:
    """Claim id → its printed number, counting from 1 in printed order."""
    ordered = (claim for _kind, claims in claims_by_kind(briefing) for claim in claims)
    return {claim.id: number for number, claim in enumerate(ordered, 1)}


def claim_label(number: int) -> str:
    """How a claim number is written, on paper and on screen: "C22"."""
    return f"C{number}"


def label_number(text: str) -> int | None:
    """The number in a claim label as typed ("C22", "c22", " C 22 "), or None."""
    compact = "".join(text.split())
    if len(compact) > 1 and compact[0] in "cC" and compact[1:].isdigit():
        return int(compact[1:])
    return None
