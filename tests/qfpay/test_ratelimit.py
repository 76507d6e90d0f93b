"""The client-side request budget, with a fake clock so the tests are instant."""

from __future__ import annotations

import threading

import pytest

from pos_app.qfpay.ratelimit import RateLimiter, shared_limiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.slept.append(seconds)
            self.now += seconds


def test_per_second_burst_then_waits() -> None:
    clock = FakeClock()
    limiter = RateLimiter(100, 400, clock=clock, sleep=clock.sleep)
    for _ in range(100):
        assert limiter.acquire() == 0.0
    assert limiter.try_acquire() == pytest.approx(0.01)
    waited = limiter.acquire()
    assert waited == pytest.approx(0.01)


def test_per_minute_window_slides() -> None:
    clock = FakeClock()
    limiter = RateLimiter(100, 400, clock=clock, sleep=clock.sleep)
    start = clock.now
    for _ in range(400):
        limiter.acquire()
    # 400 in (at least) 3.99 s; the 401st must wait until the first one is a minute old.
    assert clock.now - start < 5
    limiter.acquire()
    assert clock.now - start == pytest.approx(60.0)
    small = RateLimiter(100, 2, clock=clock, sleep=clock.sleep)
    small.acquire()
    small.acquire()
    with pytest.raises(TimeoutError):
        small.acquire(timeout=1.0)


def test_thread_safe_counting() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1000, 50, clock=clock, sleep=clock.sleep)
    granted: list[float] = []

    def worker() -> None:
        for _ in range(10):
            if limiter.try_acquire() == 0.0:
                granted.append(clock.now)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(granted) == 50  # exactly the window, never more


def test_shared_per_merchant_and_validation() -> None:
    assert shared_limiter("A/x") is shared_limiter("A/x")
    assert shared_limiter("A/x") is not shared_limiter("B/x")
    with pytest.raises(ValueError):
        RateLimiter(0, 10)
