"""Back and forward through past states (selections, filters): a cursor over a bounded list."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")

LIMIT = 200  # states kept; the oldest go first


class History(Generic[T]):
    """The states visited, oldest first, and where the analyst is among them.

    `push` records a new state and drops any that `back` had stepped over; `back` and
    `forward` move the cursor and give the state there, or None at either end.
    """

    def __init__(self, first: T, limit: int = LIMIT) -> None:
        self._states: list[T] = [first]
        self._at = 0
        self._limit = limit

    @property
    def current(self) -> T:
        return self._states[self._at]

    def push(self, state: T) -> None:
        if state == self.current:
            return
        del self._states[self._at + 1 :]
        self._states.append(state)
        if len(self._states) > self._limit:
            del self._states[0]
        self._at = len(self._states) - 1

    def can_go_back(self) -> bool:
        return self._at > 0

    def can_go_forward(self) -> bool:
        return self._at < len(self._states) - 1

    def back(self) -> T | None:
        if not self.can_go_back():
            return None
        self._at -= 1
        return self.current

    def forward(self) -> T | None:
        if not self.can_go_forward():
            return None
        self._at += 1
        return self.current
