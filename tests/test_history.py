"""Back and forward through states, as Back/Forward and Undo/Redo use them."""

from __future__ import annotations

from briefing.history import History


def test_back_and_forward_walk_the_states_and_a_new_state_drops_the_ones_ahead() -> None:
    history = History("a")
    history.push("b")
    history.push("c")
    assert history.back() == "b"
    assert history.back() == "a"
    assert history.back() is None
    assert history.forward() == "b"
    history.push("d")
    assert not history.can_go_forward()
    assert history.back() == "b"
    assert history.back() == "a"


def test_a_repeated_state_is_one_step_and_the_oldest_go_past_the_limit() -> None:
    history = History(0, limit=3)
    for state in (1, 1, 2, 3):
        history.push(state)
    assert history.back() == 2
    assert history.back() == 1
    assert history.back() is None
