"""The gateway's side of QFPay's request budget (HTTP 429 past 100/s or 400/min per merchant).

Off by default, because most tests and trainees want every request answered; turn it on with
``TrainingGateway(rate_limits=(100, 400))`` (or ``--rate-limit`` on the command line) to see
how the till paces itself.  Sliding windows are used, so a burst straddling a minute boundary
is caught as a real gateway would.  A refused request does not count against the budget.
"""

from __future__ import annotations

import collections
import math
import threading
import time
from collections.abc import Callable


class RequestBudget:
    """Counts admitted requests over the last second and the last minute."""

    def __init__(
        self,
        per_second: int,
        per_minute: int,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_second < 1 or per_minute < 1:
            raise ValueError("rate limits must be at least 1")
        self.per_second = per_second
        self.per_minute = per_minute
        self._clock = clock
        self._lock = threading.Lock()
        self._sent: collections.deque[float] = collections.deque()

    def admit(self) -> int | None:
        """None if the request may go ahead, else the ``Retry-After`` seconds to answer."""
        with self._lock:
            now = self._clock()
            while self._sent and self._sent[0] <= now - 60.0:
                self._sent.popleft()
            if len(self._sent) >= self.per_minute:
                return max(1, math.ceil(self._sent[0] + 60.0 - now))
            last_second = sum(1 for moment in self._sent if moment > now - 1.0)
            if last_second >= self.per_second:
                return 1
            self._sent.append(now)
            return None
