"""Staying inside QFPay's request budget: 100 requests per second, 400 per minute, per merchant.

The gateway answers HTTP 429 beyond those limits (002), and a 429 on a payment leaves its
outcome unknown, so it is far cheaper to wait a little before sending than to be refused.
Two limits are enforced together:

* a token bucket for the per-second rate (allows short bursts, refills continuously);
* a sliding window of send times for the per-minute count (the gateway's minute is not
  aligned to ours, so a fixed window could let 800 through in two seconds around a boundary).

All tills of one merchant share the budget.  Inside one process, :func:`shared_limiter`
hands every client of the same merchant the same limiter.  The clock and sleep are injectable
so tests run instantly.
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable

_EPSILON = 1e-9


class RateLimiter:
    """Thread-safe limiter; :meth:`acquire` blocks until a request may be sent."""

    def __init__(
        self,
        per_second: float = 100,
        per_minute: int = 400,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if per_second <= 0 or per_minute <= 0:
            raise ValueError("rate limits must be positive")
        self.per_second = float(per_second)
        self.per_minute = int(per_minute)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens = float(per_second)
        self._last = clock()
        self._window: collections.deque[float] = collections.deque()

    def _reserve(self) -> float:
        """Take a slot and return 0, or return how long to wait before asking again."""
        now = self._clock()
        elapsed = max(0.0, now - self._last)
        self._last = now
        self._tokens = min(self.per_second, self._tokens + elapsed * self.per_second)
        while self._window and self._window[0] <= now - 60.0:
            self._window.popleft()
        wait = 0.0
        # The epsilon keeps float rounding from leaving a bucket at 0.9999999 for ever.
        if self._tokens < 1.0 - _EPSILON:
            wait = (1.0 - self._tokens) / self.per_second
        if len(self._window) >= self.per_minute:
            wait = max(wait, self._window[0] + 60.0 - now)
        if wait > 0:
            return wait
        self._tokens = max(0.0, self._tokens - 1.0)
        self._window.append(now)
        return 0.0

    def try_acquire(self) -> float:
        """Take a slot without blocking: 0 when taken, else the seconds to wait."""
        with self._lock:
            return self._reserve()

    def acquire(self, timeout: float | None = None) -> float:
        """Block until a request may go out; return the seconds spent waiting.

        With ``timeout``, give up (``TimeoutError``) rather than wait longer; nothing has been
        sent at that point, so the caller may safely report "busy, try again".
        """
        # try_acquire holds the lock only while reserving: the sleep is outside it, so other
        # threads can still check their own slots.
        return wait_for_slot(self.try_acquire, self._sleep, timeout)

    def __repr__(self) -> str:
        return f"RateLimiter(per_second={self.per_second:g}, per_minute={self.per_minute})"


def wait_for_slot(
    try_acquire: Callable[[], float], sleep: Callable[[float], None], timeout: float | None
) -> float:
    """Block until ``try_acquire`` takes a slot (returns 0); return the seconds spent waiting.

    The one waiting loop of every limiter (this process's, the machine-wide one, a chain's):
    each says how long until its next slot, and this sleeps that long and asks again.  With
    ``timeout``, give up (``TimeoutError``) rather than wait longer: nothing has been sent.
    """
    waited = 0.0
    while True:
        wait = try_acquire()
        if wait == 0.0:
            return waited
        if timeout is not None and waited + wait > timeout:
            raise TimeoutError(f"request budget exhausted; next slot in {wait:.2f}s")
        sleep(wait)
        waited += wait


_SHARED: dict[str, RateLimiter] = {}
_SHARED_LOCK = threading.Lock()


def shared_limiter(merchant: str) -> RateLimiter:
    """The process-wide limiter for one merchant (app code plus mchid), created on first use."""
    with _SHARED_LOCK:
        limiter = _SHARED.get(merchant)
        if limiter is None:
            limiter = RateLimiter()
            _SHARED[merchant] = limiter
        return limiter
