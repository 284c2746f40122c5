"""A date axis shortens long stretches where no event starts or ends, as the PDF marks gaps."""

from __future__ import annotations

import datetime as dt

import numpy as np

from briefing.drawing.axis import to_x
from briefing.drawing.gaps import BREAK_DAYS, ShortenedAxis, axis_breaks


def days(*dates: str) -> np.ndarray:
    return np.array([to_x(dt.date.fromisoformat(d)) for d in dates])


def test_empty_stretches_are_shortened_and_worded_as_in_the_pdf() -> None:
    first = days("1974-01-01", "1990-01-01", "2020-11-10")
    last = days("1975-01-01", "2000-01-01", "2020-11-11")
    axis = axis_breaks(first, last)
    words = [b.words for b in axis.breaks]
    # 1974 and the 1990s are fuzzy dates a year and a decade long: shortened, not worded.
    assert words == ["", "15 years later", "", "20 years later"]
    # The latest events keep their own days; everything before moves up to them.
    assert axis.place(first[2]) == first[2]
    placed = axis.place(np.concatenate([first, last]))
    assert placed.max() - placed.min() == 4 * BREAK_DAYS + 1
    assert np.allclose(axis.day(placed), np.concatenate([first, last]))


def test_no_long_stretch_leaves_days_as_they_are() -> None:
    first = days("2020-11-01", "2020-12-01")
    axis = axis_breaks(first, first + 1)
    assert axis == ShortenedAxis()
    assert list(axis.place(first)) == list(first)
