"""Polling plans: fast at first (most wallets answer within seconds), slower later.

A plan is a deadline plus a list of gaps whose last entry repeats; it is pure arithmetic on
an injected clock so tests run in milliseconds and the schedule can be checked exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence


class PollSchedule:
    """Yields how long to wait before the next query, until the deadline passes."""

    def __init__(
        self,
        intervals: Sequence[float],
        deadline: float,
        clock: Callable[[], float],
    ) -> None:
        if not intervals or any(i < 0 for i in intervals):
            raise ValueError("intervals must be a non-empty list of non-negative seconds")
        self._intervals = tuple(intervals)
        self.deadline = deadline
        self._clock = clock

    def seconds_left(self) -> float:
        """Time until the deadline (never negative)."""
        return max(0.0, self.deadline - self._clock())

    def expired(self) -> bool:
        """Whether the deadline has passed."""
        return self._clock() >= self.deadline

    def gaps(self) -> Iterator[float]:
        """Each next wait, clipped so the last query happens at the deadline, then stops."""
        index = 0
        while not self.expired():
            gap = self._intervals[min(index, len(self._intervals) - 1)]
            index += 1
            yield min(gap, self.seconds_left())


def gap_at(intervals: Sequence[float], attempt: int) -> float:
    """The ``attempt``-th gap of a plan whose last entry repeats."""
    return intervals[min(attempt, len(intervals) - 1)]
