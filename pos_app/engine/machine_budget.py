"""The request budget per machine, not per process.

QFPay allows a merchant 100 requests a second and 400 a minute.  An in-process limiter keeps
one process inside that, but six ``qfpay-pos`` commands once sent 642 requests in a minute
together.  So the windows live in a small SQLite file beside the journal
(``request-budget.sqlite3``), and every till process on the machine takes its slots there:

* :class:`MachineRateLimiter` is the hard ceiling every request passes (the client's
  ``rate_limiter``), with the same ``acquire``/``try_acquire`` as
  :class:`pos_app.qfpay.ratelimit.RateLimiter`;
* :class:`MachineRequestBudget` is the polling budget under it (the engine's ``budget``),
  whose HTTP 429 pause is shared too, so one process's 429 quiets them all.

Sliding windows, as the gateway counts: a slot is a row with its send time; a slot is free
when fewer than the limit were sent in the last second and the last minute.  Each take is
one ``BEGIN IMMEDIATE`` transaction on a WAL file with ``synchronous=OFF`` (tens of
microseconds: the budget need not survive a power cut, only be shared).  Times are
``CLOCK_MONOTONIC``, which is machine-wide on Linux; rows from a previous boot (in the
future of the new clock) are dropped.

Slots of a key are numbered in the order they were taken (``seq``), and since every take
reads the clock inside the transaction that serialises them, that is also the order of
their times.  So "fewer than N in the window" is "the N-th newest slot is older than the
window": one lookup by number, whatever the window holds, where counting the window cost a
busy merchant 0.1 ms on every request.
"""

from __future__ import annotations

import contextlib
import math
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pos_app.engine.budget import RequestBudget
from pos_app.files import private_file
from pos_app.qfpay.ratelimit import RateLimiter, wait_for_slot

BUDGET_FILE_NAME = "request-budget.sqlite3"
#: The minute is counted over 61 s: a request reaches the gateway a moment after it took its
#: slot, and that moment varies, so two requests 60.0 s apart here may be 59.9 s apart there.
MINUTE = 61.0
SECOND = 1.05

#: ``slots`` replaced the unnumbered ``sent`` table of earlier versions (the budget is a
#: minute's worth of throwaway rows, so nothing is carried over).
_SCHEMA = """
CREATE TABLE IF NOT EXISTS slots (
    key TEXT NOT NULL, seq INTEGER NOT NULL, at REAL NOT NULL, PRIMARY KEY (key, seq)
) WITHOUT ROWID;
DROP TABLE IF EXISTS sent;
CREATE TABLE IF NOT EXISTS pauses (key TEXT PRIMARY KEY, until REAL NOT NULL, backoff REAL);
"""


#: Expired slots of a key are deleted once every this many takes of that key by a process (a
#: minute's rows at the most plus this many per process stay: a few hundred index entries).
_SWEEP_EVERY = 256
#: The newest slot number of a key (0 when it has none).
_LAST = "SELECT COALESCE(MAX(seq), 0) FROM slots WHERE key = ?"
#: One statement takes slot ``last + 1`` (``last``: the key's newest) if no pause holds and,
#: in each window, the slot ``limit`` places back is older than the window (or from a
#: previous boot's ``CLOCK_MONOTONIC``: a time in the future of this clock does not count).
_TAKE = """
INSERT INTO slots (key, seq, at)
SELECT :key, last + 1, :now FROM (SELECT COALESCE(MAX(seq), 0) AS last FROM slots WHERE key = :key)
WHERE NOT EXISTS (SELECT 1 FROM pauses WHERE key = :key AND until > :now AND until <= :hour)
  AND NOT EXISTS (SELECT 1 FROM slots WHERE key = :key AND seq = last + 1 - :per_minute
                  AND at > :minute AND at <= :future)
  AND NOT EXISTS (SELECT 1 FROM slots WHERE key = :key AND seq = last + 1 - :per_second
                  AND at > :second AND at <= :future)
"""


class SlotStore:
    """The shared file: sliding-window slots and pauses, keyed by merchant and purpose."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._takes: dict[str, int] = {}  # per key: the keys' takes interleave
        private_file(path)
        self._conn = sqlite3.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=30.0
        )
        self._conn.execute("PRAGMA journal_mode=WAL").fetchone()
        self._conn.execute("PRAGMA synchronous=OFF")
        self._conn.executescript(_SCHEMA)

    def take(self, key: str, per_second: float, per_minute: int) -> float:
        """Take a slot and return 0, or return the seconds until one may be free.

        Every request of every till process passes here, so the common case is one
        statement inside the ``BEGIN IMMEDIATE`` that serialises the processes: an
        ``INSERT ... SELECT ... WHERE`` that adds the slot only if the windows and the pause
        allow it.  Only a refused take works out the wait; expired rows are swept every few
        hundred takes rather than on each.  (Without ``IMMEDIATE`` a WAL reader's snapshot can
        go stale before its write, and SQLite refuses the write instead of waiting.)
        """
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                now = self._clock()
                taken_before = self._takes.get(key, 0)
                if taken_before % _SWEEP_EVERY == 0:
                    conn.execute(
                        "DELETE FROM slots WHERE key = ? AND (at <= ? OR at > ?)",
                        (key, now - MINUTE, now + 1.0),
                    )
                self._takes[key] = taken_before + 1
                taken = conn.execute(
                    _TAKE,
                    {
                        "key": key,
                        "now": now,
                        "hour": now + 3600,
                        "minute": now - MINUTE,
                        "second": now - SECOND,
                        "future": now + 1.0,
                        "per_minute": per_minute,
                        # "fewer than 2.5 a second" is "fewer than 3": slots are whole
                        "per_second": math.ceil(per_second),
                    },
                )
                wait = 0.0
                if taken.rowcount != 1:
                    wait = self._wait_for(conn, key, now, per_second, per_minute)
                    if wait <= 0:  # only rows outside the windows were in the way
                        (last,) = conn.execute(_LAST, (key,)).fetchone()
                        conn.execute(
                            "INSERT INTO slots (key, seq, at) VALUES (?, ?, ?)",
                            (key, last + 1, now),
                        )
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return max(0.0, wait)

    @staticmethod
    def _wait_for(
        conn: sqlite3.Connection, key: str, now: float, per_second: float, per_minute: int
    ) -> float:
        conn.execute(
            "DELETE FROM slots WHERE key = ? AND (at <= ? OR at > ?)",
            (key, now - MINUTE, now + 1.0),
        )
        row = conn.execute("SELECT until FROM pauses WHERE key = ?", (key,)).fetchone()
        if row is not None and now < float(row[0]) <= now + 3600:
            return float(row[0]) - now
        minute = conn.execute(
            "SELECT COUNT(*), MIN(at) FROM slots WHERE key = ?", (key,)
        ).fetchone()
        if int(minute[0]) >= per_minute:
            return float(minute[1]) + MINUTE - now + 0.001
        second = conn.execute(
            "SELECT COUNT(*), MIN(at) FROM slots WHERE key = ? AND at > ?", (key, now - SECOND)
        ).fetchone()
        if int(second[0]) >= per_second:
            return float(second[1]) + SECOND - now + 0.001
        return 0.0

    def pause(self, key: str, first: float, cap: float, retry_after: float | None) -> float:
        """Record a 429 for everyone: pause, doubling the pause each time (capped)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                row = self._conn.execute(
                    "SELECT backoff FROM pauses WHERE key = ?", (key,)
                ).fetchone()
                pause = float(row[0]) if row is not None and row[0] else first
                if retry_after is not None and retry_after > pause:
                    pause = min(retry_after, cap)
                self._conn.execute(
                    "INSERT OR REPLACE INTO pauses (key, until, backoff) VALUES (?, ?, ?)",
                    (key, self._clock() + pause, min(pause * 2, cap)),
                )
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
            return pause

    def clear_backoff(self, key: str) -> None:
        """A request went through: the next 429 starts the back-off from the beginning."""
        with self._lock:
            self._conn.execute(
                "DELETE FROM pauses WHERE key = ? AND until <= ?", (key, self._clock())
            )

    def sent_last_minute(self, key: str) -> int:
        """How many slots were taken in the last 60 s (for status lines and benchmarks)."""
        with self._lock:
            now = self._clock()
            row = self._conn.execute(
                "SELECT COUNT(*) FROM slots WHERE key = ? AND at > ?", (key, now - 60.0)
            ).fetchone()
            return int(row[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class MachineRateLimiter:
    """The merchant's hard ceiling (100/s, 400/min) shared by every till process on the machine.

    Drop-in for :class:`pos_app.qfpay.ratelimit.RateLimiter` as the client's ``rate_limiter``.
    """

    def __init__(
        self,
        store: SlotStore,
        merchant: str,
        per_second: float = 100,
        per_minute: int = 400,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._store = store
        self.key = f"all:{merchant}"
        self.per_second = float(per_second)
        self.per_minute = int(per_minute)
        self._sleep = sleep
        self._fallback = RateLimiter(per_second, per_minute)

    def try_acquire(self) -> float:
        """Take a slot without blocking: 0 when taken, else the seconds to wait.

        If the shared file cannot be written (a full or read-only disk), this process keeps
        to the limits on its own rather than stop a reversal or an enquiry.
        """
        try:
            return self._store.take(self.key, self.per_second, self.per_minute)
        except sqlite3.Error:
            return self._fallback.try_acquire()

    def acquire(self, timeout: float | None = None) -> float:
        """Block until a request may go out; return the seconds spent waiting."""
        return wait_for_slot(self.try_acquire, self._sleep, timeout)

    def __repr__(self) -> str:
        return (
            f"MachineRateLimiter({self._store.path.name}, per_second={self.per_second:g}, "
            f"per_minute={self.per_minute})"
        )


class MachineRequestBudget(RequestBudget):
    """The polling budget under the ceiling, shared machine-wide, with a shared 429 pause."""

    def __init__(
        self,
        store: SlotStore,
        merchant: str,
        per_minute: int = 240,
        per_second: int = 10,
        *,
        backoff: float = 2.0,
        backoff_max: float = 30.0,
    ) -> None:
        super().__init__(per_minute, per_second, backoff=backoff, backoff_max=backoff_max)
        self._store = store
        self.key = f"poll:{merchant}"

    def try_acquire(self) -> float:
        try:
            wait = self._store.take(self.key, self._per_second, self._per_minute)
        except sqlite3.Error:  # storage trouble: this process's own budget still holds
            return super().try_acquire()
        if wait == 0.0:
            self.spent += 1
        return wait

    def too_many_requests(self, retry_after: float | None = None) -> float:
        try:
            return self._store.pause(self.key, self._backoff_first, self._backoff_max, retry_after)
        except sqlite3.Error:
            return super().too_many_requests(retry_after)

    def ok(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._store.clear_backoff(self.key)


_STORES: dict[Path, SlotStore] = {}
_STORES_LOCK = threading.Lock()


def machine_store(data_dir: Path) -> SlotStore:
    """The one budget file of a data directory, opened once per process."""
    path = (data_dir / BUDGET_FILE_NAME).resolve()
    with _STORES_LOCK:
        store = _STORES.get(path)
        if store is None:
            store = SlotStore(path)
            _STORES[path] = store
        return store
