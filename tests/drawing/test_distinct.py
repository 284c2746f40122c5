"""sorted_distinct and sorted_distinct_rows give np.unique's answers, without numpy.ma."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.drawing.distinct import sorted_distinct, sorted_distinct_rows


@pytest.mark.parametrize("size", [0, 1, 2, 7, 1000])
def test_the_same_answers_as_np_unique(size: int) -> None:
    rng = np.random.default_rng(size)
    values = np.floor(rng.normal(size=size) * 10)
    assert np.array_equal(sorted_distinct(values), np.unique(values))
    rows = np.floor(rng.normal(size=(size, 2)) * 3)
    assert np.array_equal(sorted_distinct_rows(rows), np.unique(rows, axis=0).reshape(-1, 2))


def test_rows_are_ordered_by_their_first_column_then_the_second() -> None:
    rows = np.array([[2.0, 1.0], [1.0, 5.0], [2.0, 0.0], [1.0, 5.0]])
    assert sorted_distinct_rows(rows).tolist() == [[1.0, 5.0], [2.0, 0.0], [2.0, 1.0]]
