"""The model pickles through the state its classes name (briefing/pickling.py): what comes back
is the same briefing, positions included, and cheaper to make than through dataclasses'."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from briefing import model
from briefing.dates import FuzzyDate, parse_date
from briefing.loader import load_text

MODEL_CLASSES = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls is not model.Briefing
]


def test_every_model_class_and_fuzzy_date_pickle_by_their_fields():
    assert FuzzyDate in MODEL_CLASSES and len(MODEL_CLASSES) >= 11
    for cls in MODEL_CLASSES:
        assert cls.__setstate__ is not dataclasses._dataclass_setstate, cls
        assert cls.__getstate__ is not dataclasses._dataclass_getstate, cls


def test_a_pickled_briefing_comes_back_whole_with_its_positions(briefings):
    result = load_text(briefings.yaml(**briefings.tradecraft_data()), fast=False)  # positions
    back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == result
    # `where` is left out of equality: compare it, and every field, by hand.
    for section in ("events", "claims", "sources", "forces", "sides", "indicators"):
        for before, after in zip(
            getattr(result.briefing, section), getattr(back.briefing, section), strict=True
        ):
            for field in dataclasses.fields(before):
                assert getattr(after, field.name) == getattr(before, field.name), field.name
            assert after.where and after.where == before.where


def test_copies_and_replacements_still_work():
    date = parse_date("autumn 2020")
    assert copy.copy(date) == date and copy.deepcopy(date) == date
    event = model.Event("e1", date, "Title", where={"id": (3, 7)})
    moved = dataclasses.replace(event, title="Other")
    assert moved.title == "Other" and moved.date is date
    assert copy.deepcopy(event).where == {"id": (3, 7)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.title = "no"  # type: ignore[misc]


def test_a_state_of_the_wrong_length_is_refused():
    date = parse_date("2020-11-10")
    with pytest.raises(ValueError):
        date.__setstate__(date.__getstate__()[:-1])
