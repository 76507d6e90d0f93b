"""One request budget for all polling of a till.

QFPay allows a merchant 400 requests a minute (and 100 a second) across *all* its tills; a
till that polls several orders at once must not spend it all.  Every poll and every
confirming query takes a token from one shared bucket, and an HTTP 429 empties the bucket and
pauses everyone for a growing back-off, as the rate-limit guidance asks.  Payments, refunds and
reversals themselves are not held back by the budget, and delaying a reversal only keeps a
customer's money in limbo longer.

Every request, polls included, also passes the client's merchant-wide ``RateLimiter`` (the
hard 400/min ceiling, shared by every client of the merchant in this process).  This bucket
sits *under* that ceiling so polling alone can never starve a payment or a reversal of it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RequestBudget:
    """Thread-safe token bucket with a per-minute and a per-second rate, plus 429 back-off."""

    def __init__(
        self,
        per_minute: int = 240,
        per_second: int = 10,
        *,
        backoff: float = 2.0,
        backoff_max: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_minute <= 0 or per_second <= 0:
            raise ValueError("rates must be positive")
        self._per_minute = per_minute
        self._per_second = per_second
        self._clock = clock
        self._lock = threading.Lock()
        self._minute_tokens = float(per_minute)
        self._second_tokens = float(per_second)
        self._last = clock()
        self._paused_until = 0.0
        self._backoff = backoff
        self._backoff_first = backoff
        self._backoff_max = backoff_max
        self.spent = 0

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self._last)
        self._last = now
        self._minute_tokens = min(
            self._per_minute, self._minute_tokens + elapsed * self._per_minute / 60.0
        )
        self._second_tokens = min(
            self._per_second, self._second_tokens + elapsed * self._per_second
        )

    def try_acquire(self) -> float:
        """Take a token and return 0, or return how long to wait before trying again."""
        with self._lock:
            now = self._clock()
            if now < self._paused_until:
                return self._paused_until - now
            self._refill(now)
            if self._minute_tokens >= 1 and self._second_tokens >= 1:
                self._minute_tokens -= 1
                self._second_tokens -= 1
                self.spent += 1
                return 0.0
            need_minute = (1 - self._minute_tokens) * 60.0 / self._per_minute
            need_second = (1 - self._second_tokens) / self._per_second
            return max(need_minute, need_second, 0.001)

    def acquire(self, wait: Callable[[float], bool]) -> bool:
        """Block (through ``wait``, which returns True if cancelled) until a token is free.

        Returns False if the wait was cancelled; the caller then stops polling and cancels.
        """
        while True:
            delay = self.try_acquire()
            if delay <= 0:
                return True
            if wait(delay):
                return False

    def too_many_requests(self, retry_after: float | None = None) -> float:
        """Record an HTTP 429: pause all polling, doubling the pause each time (capped).

        The gateway's ``Retry-After`` wins when it asks for longer (still capped).
        """
        with self._lock:
            pause = self._backoff
            if retry_after is not None and retry_after > pause:
                pause = min(retry_after, self._backoff_max)
            self._backoff = min(self._backoff * 2, self._backoff_max)
            self._paused_until = self._clock() + pause
            self._minute_tokens = 0.0
            return pause

    def ok(self) -> None:
        """A request went through: the next 429 starts the back-off from the beginning."""
        with self._lock:
            self._backoff = self._backoff_first
