"""What the panels need of a briefing and a filter, worked out in one typed pass; no Qt.

A new briefing is derived on the loading thread, so the UI thread only reads the result; a new
filter changes only what is visible (`refilter`), so the rest is not worked out again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from briefing.filters import Filter, Visible, date_extent, visible
from briefing.model import Briefing
from briefing.numbering import claim_numbers
from briefing.search import SearchIndex, search_index
from briefing.timeline_layout import TimelineData, timeline_data


@dataclass(frozen=True)
class Derived:
    """What the panels show of one briefing under one filter."""

    filter: Filter  # the filter `visible` was worked out for
    visible: Visible  # the ids of the events, figures and claims the filter leaves
    date_extent: tuple[dt.date, dt.date] | None  # first and last day the briefing speaks of
    unsourced: int  # claims with no source
    times_cited: dict[str, int] = field(compare=False)  # source id -> items citing it
    # claim id -> printed number (numbering.py): four panels show them (30 ms each for
    # 30,000 claims on the UI thread, before it was worked out here).
    claim_numbers: dict[str, int] = field(compare=False)
    # The briefing's folded search text, built when a search first needs it and then reused
    # for every keystroke (folding 10,000 events takes about 150 ms).
    search: SearchIndex | None = field(compare=False)
    # Lanes, marks and their per-lane index (numpy arrays: not compared, `==` on them is
    # elementwise).
    timeline: TimelineData = field(compare=False)


def unsourced_count(briefing: Briefing | None) -> int:
    """Claims with no source (10 ms for 30,000 claims)."""
    if briefing is None:
        return 0
    return sum(1 for claim in briefing.claims if not claim.sources)


def times_cited(briefing: Briefing | None) -> dict[str, int]:
    """Source id -> how many events, figures and claims cite it."""
    counts: dict[str, int] = {}
    if briefing is None:
        return counts
    for item in (*briefing.events, *briefing.forces, *briefing.claims):
        for source_id in dict.fromkeys(item.sources):
            counts[source_id] = counts.get(source_id, 0) + 1
    return counts


def derive(briefing: Briefing | None, shown: Filter) -> Derived:
    """Everything the panels need of `briefing` under the filter `shown`: no Qt, nothing shared,
    so it can run on the loading thread (the timeline's part took 90-180 ms for 10,000 events)."""
    search = search_index(briefing) if briefing is not None and shown.text else None
    return Derived(
        filter=shown,
        visible=visible(briefing, shown, search),
        date_extent=date_extent(briefing),
        unsourced=unsourced_count(briefing),
        times_cited=times_cited(briefing),
        claim_numbers=claim_numbers(briefing) if briefing is not None else {},
        search=search,
        timeline=timeline_data(briefing),
    )


def refilter(derived: Derived, briefing: Briefing | None, shown: Filter) -> Derived:
    """The same briefing under another filter: only what is visible is worked out again (with
    the search text folded once per briefing, on the first search)."""
    if derived.filter == shown:
        return derived
    search = derived.search
    if search is None and briefing is not None and shown.text:
        search = search_index(briefing)
    return replace(derived, filter=shown, visible=visible(briefing, shown, search), search=search)
