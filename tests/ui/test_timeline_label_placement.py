"""The timeline's label placement per frame: bisecting a row's neighbours (issue 17's frame time)
places every label where scanning the whole row did, and thinning without a sort picks the same
candidates as np.unique.
"""

from __future__ import annotations

import random

import numpy as np

from briefing.timeline_layout import first_per_bin
from briefing.ui.timeline import LABEL_GAP_PX, MIN_LABEL_PX, EventMarks


def place_by_scanning(taken, x, width, event, k, end, elide=True) -> bool:
    """The placement as it was before rows were bisected: every label of a row looked at."""
    gap = LABEL_GAP_PX
    start = x if end is None else end - width
    for row in taken:
        if all(start > a + w + gap or start + width < a - gap for a, w, _, _ in row):
            row.append([start, width, event, k])
            row.sort(key=lambda label: label[0])
            return True
    if not elide:
        return False
    anchor = x if end is None else end
    for row in taken:
        before = [label for label in row if label[0] < anchor]
        after = [label for label in row if label[0] >= anchor]
        if any(a + w + gap >= anchor for a, w, _, _ in before[:-1]):
            continue
        prev = before[-1] if before else None
        if end is None:
            crowded = prev is not None and prev[0] + prev[1] + gap >= x
            if crowded and x - gap - prev[0] < MIN_LABEL_PX:
                continue
            room = (after[0][0] - gap - x) if after else width
            if min(width, room) < MIN_LABEL_PX:
                continue
            if crowded:
                prev[1] = x - gap - prev[0]
            row.append([x, min(width, room), event, k])
        else:
            if after and after[0][0] <= end + gap:
                continue
            first = end - width
            if prev is not None and prev[0] + prev[1] + gap >= first:
                total = end - prev[0] - gap
                if total < 2 * MIN_LABEL_PX:
                    continue
                prev[1] = min(prev[1], max(MIN_LABEL_PX, total / 2, total - width))
                first = prev[0] + prev[1] + gap
            row.append([first, end - first, event, k])
        row.sort(key=lambda label: label[0])
        return True
    return False


def test_bisected_rows_place_every_label_where_scanning_did() -> None:
    rng = random.Random(17)
    for trial in range(300):
        rows = rng.choice([1, 2])
        right = rng.uniform(300, 2000)
        scanned: list[list[list]] = [[] for _ in range(rows)]
        bisected: list[list[list]] = [[] for _ in range(rows)]
        x = rng.uniform(0, 40)
        for k in range(rng.randint(1, 120)):
            # mostly left to right, as the timeline offers them; now and then out of order
            # (highlighted events come first), on whole and half pixels, with ties
            x = x + rng.choice([0, 0.5, 1, 4, 9, 30, 80]) if rng.random() > 0.1 else 0
            x = rng.uniform(0, right) if rng.random() < 0.1 else x
            width = rng.choice([MIN_LABEL_PX, 75.0, rng.uniform(20, 400)])
            end = None
            if x + width > right - 4:
                end = x - rng.choice([0, 14])
                width = min(width, end - 2)
            elide = rng.random() > 0.2
            args = (x, width, k, k, end, elide)
            assert place_by_scanning(scanned, *args) == EventMarks._place(bisected, *args), trial
            assert scanned == bisected, (trial, k)


def test_thinning_without_a_sort_keeps_what_np_unique_keeps() -> None:
    rng = np.random.default_rng(17)
    for size in (0, 1, 2, 50, 5000):
        starts = np.floor(np.sort(rng.uniform(-20, 1400, size)) + rng.integers(-3, 4, size))
        bins = np.floor(starts / 4)
        assert first_per_bin(bins).tolist() == np.unique(bins, return_index=True)[1].tolist()
    spread = np.array([5.0, 1e9, 5.0, -1e9])  # far apart: the sorted fallback
    assert first_per_bin(spread).tolist() == [3, 0, 1]
