"""Sorted distinct values and rows of numpy arrays, as np.unique gives them, without its import.

np.unique (numpy 2.x) asks np.ma.is_masked of every array it is given, which imports numpy.ma
the first time: 35-100 ms of start-up (python -X importtime), paid by the first timeline
paint and the first gap shortening. The arrays here are day numbers and pixel positions, never
masked.
"""

from __future__ import annotations

import numpy as np


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, in ascending order (np.unique(values) for a 1-D array)."""
    ordered = np.sort(values, kind="stable")
    if len(ordered) == 0:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def sorted_distinct_rows(rows: np.ndarray) -> np.ndarray:
    """The distinct rows of a 2-D array, ordered by their first column, then the next...
    (np.unique(rows, axis=0))."""
    if len(rows) == 0:
        return rows
    ordered = rows[np.lexsort(rows.T[::-1])]
    changed = np.any(ordered[1:] != ordered[:-1], axis=1)
    return ordered[np.concatenate(([True], changed))]
