"""One request budget for the whole merchant, kept in head office's PostgreSQL.

QFPay allows 400 requests a minute per merchant, across every till.  Sixty tills each
limiting themselves to 400 would send 24 000, so the bucket lives in one row of
``rate_budget`` and tills lease tokens from it in small batches:

* the row is a token bucket (``tokens``, ``capacity``, ``per_minute``, ``refreshed_at``)
  refilled and debited in **one UPDATE** on the database clock, so concurrent tills
  serialise on the row lock and none can spend what another took;
* a lease holds at most ``lease_size`` tokens and they expire ``lease_ttl`` seconds after
  the lease (unused ones are simply lost, which only errs on the safe side);
* capacity and rate are derived from the ceiling so that even a window that catches a full
  bucket *and* leases taken ``lease_ttl`` before it stays under the ceiling:
  ``capacity + rate * (60 + lease_ttl) / 60 <= ceiling``.

A till that cannot reach head office never waits for it: it falls back at once to a local
limiter and keeps trying to reconnect in the background.  What it spends alone cannot be
counted by head office until it is back, so it must come out of a part of the ceiling the
shared bucket never hands out: the bucket is shaped from ``(1 - OUTAGE_RESERVE)`` of the
ceiling, and a cut-off till's local share is ``OUTAGE_RESERVE * ceiling / tills``, ``tills``
being the largest number of tills head office has known (or the configured expectation).
Hence, with *any* number of tills cut off -- none, some or all -- the connected tills take
at most the bucket's minute and the others at most their shares, together under the
ceiling::

    capacity + rate * (60 + lease_ttl) / 60  +  tills * local_share  <=  ceiling

(A partial outage once broke this: the bucket was shaped from the whole ceiling and each
cut-off till fell back to ``0.9 * ceiling / tills`` on top of it, 392 + 240 a minute with
two of three tills cut off.)  The share is the *till's*: given the machine's budget file
(``local_store``) every process of the till there takes from it, or a till window plus a
few ``qfpay-pos`` commands would each spend a share.  A chain of more tills than the
reserve has requests gets a share of 0: a cut-off till then spends only the tokens it had
already leased.  When it reconnects it also reports what it spent locally in the last
minute, and the shared bucket goes into debt by that much (belt and braces: a till
restarted during an outage knows only the configured size of the chain).

The shape is the same as :class:`pos_app.qfpay.ratelimit.RateLimiter` (``try_acquire()``
returning 0 or the seconds to wait, ``acquire(timeout=None)``), so it plugs into the client
as its ``rate_limiter`` and behind any other budget with that shape.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from pos_app.chain.database import connect
from pos_app.qfpay.ratelimit import RateLimiter, wait_for_slot

if TYPE_CHECKING:
    from pos_app.engine.machine_budget import SlotStore


class _Limiter(Protocol):
    def try_acquire(self) -> float: ...


logger = logging.getLogger("pos_app.chain.budget")

QFPAY_PER_MINUTE = 400
_SAFETY = 0.98
#: The part of the ceiling kept for tills cut off from head office (see the module doc):
#: the price of a partial outage staying under the limit is this much less for the rest.
OUTAGE_RESERVE = 0.25
#: A lease is one UPDATE of milliseconds; one that waits longer (the bucket's row locked by
#: another session, a stalled server) fails over to the local share rather than hold the
#: payment, the till's other requests (the budget's lock) and the cashier's cancel with it.
_STATEMENT_TIMEOUT = "SET statement_timeout = 1000"

_LEASE = """
WITH cur AS (
    SELECT merchant,
           LEAST(capacity, tokens + GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp()
                 - refreshed_at)) * per_minute / 60.0) AS refilled,
           clock_timestamp() AS now
    FROM rate_budget WHERE merchant = %(merchant)s FOR UPDATE
), lease AS (
    SELECT merchant, refilled, now, GREATEST(0, LEAST(%(want)s, FLOOR(refilled)))::int AS n
    FROM cur
)
UPDATE rate_budget b
SET tokens = lease.refilled - lease.n, refreshed_at = lease.now, granted = b.granted + lease.n
FROM lease WHERE b.merchant = lease.merchant
RETURNING lease.n, lease.refilled - lease.n, b.per_minute
"""


_DEBT = """
UPDATE rate_budget
SET tokens = LEAST(capacity, tokens + GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp()
             - refreshed_at)) * per_minute / 60.0) - %s,
    refreshed_at = clock_timestamp()
WHERE merchant = %s
"""


def bucket_shape(ceiling: int, lease_ttl: float) -> tuple[float, float]:
    """(capacity, per_minute) of the shared bucket for a hard ``ceiling`` a minute; the
    outage reserve is left out, for tills that cannot reach it."""
    usable = ceiling * _SAFETY * (1.0 - OUTAGE_RESERVE)
    capacity = max(1.0, round(usable * 0.05))
    per_minute = (usable - capacity) * 60.0 / (60.0 + lease_ttl)
    return capacity, per_minute


def local_share(ceiling: int, tills: int) -> int:
    """Requests a minute one till cut off from head office may send on its own: its part of
    the outage reserve (0 when the chain has more tills than the reserve has requests)."""
    return math.floor(ceiling * _SAFETY * OUTAGE_RESERVE / tills)


class ChainBudget:
    """Merchant-wide limiter backed by PostgreSQL; see the module docstring."""

    def __init__(
        self,
        dsn: str,
        *,
        merchant: str,
        till_id: str,
        ceiling: int = QFPAY_PER_MINUTE,
        lease_size: int = 4,
        lease_ttl: float = 5.0,
        expected_tills: int = 60,
        retry_every: float = 5.0,
        password: str | None = None,
        local_store: SlotStore | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if lease_size <= 0 or lease_ttl <= 0 or ceiling <= 0 or expected_tills <= 0:
            raise ValueError("budget sizes must be positive")
        self.dsn = dsn
        self.merchant = merchant
        self.till_id = till_id
        self.ceiling = ceiling
        self.lease_size = lease_size
        self.lease_ttl = lease_ttl
        self.retry_every = retry_every
        self.capacity, self.per_minute = bucket_shape(ceiling, lease_ttl)
        self._password = password
        self._local_store = local_store
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens: deque[float] = deque()  # expiry times of leased, unspent tokens
        self._local_spends: deque[float] = deque()  # not yet reported to head office
        self._conn: Any = None
        self._connecting = False
        self._next_try = 0.0
        self._closed = False
        self._tills = expected_tills
        self._local = self._make_local()
        self.leased = 0
        self.spent_shared = 0
        self.spent_local = 0
        self._start_connecting()

    # -- where tokens come from ---------------------------------------------------------

    @property
    def source(self) -> str:
        """``"shared"`` while head office answers, ``"local"`` while it does not."""
        return "shared" if self._conn is not None else "local"

    def _make_local(self) -> _Limiter | None:
        """The cut-off limiter for the chain's size; None when the share is nothing.

        With ``local_store`` (the machine's budget file) the share is the *till's*, kept in
        that file, so every process of this till on the machine (the window, a ``qfpay-pos``
        command, a second window) takes from one share; each process keeping its own would
        spend the share once per process, and a short command a fresh one every run.
        """
        share = local_share(self.ceiling, self._tills)
        if share < 1:
            return None
        per_second = max(1.0, share / 10)
        if self._local_store is not None:
            from pos_app.engine.machine_budget import MachineRateLimiter  # noqa: PLC0415

            key = f"chain-alone:{self.merchant}:{self.till_id}"
            return MachineRateLimiter(self._local_store, key, per_second, share)
        return RateLimiter(per_second=per_second, per_minute=share, clock=self._clock)

    def _start_connecting(self) -> None:
        """Connect in the background: a payment never waits for head office."""
        if self._connecting or self._closed:
            return
        self._connecting = True
        threading.Thread(target=self._connect, name="chain-budget", daemon=True).start()

    def _connect(self) -> None:
        try:
            conn = connect(
                self.dsn, autocommit=True, password=self._password, tcp_user_timeout=2000
            )
            conn.execute(_STATEMENT_TIMEOUT)
            # A row made by an older release (shaped from the whole ceiling) or by a till
            # with a longer lease is shrunk to this shape; a row is never widened.
            conn.execute(
                "INSERT INTO rate_budget (merchant, tokens, capacity, per_minute) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (merchant) DO UPDATE SET "
                "capacity = LEAST(rate_budget.capacity, EXCLUDED.capacity), "
                "per_minute = LEAST(rate_budget.per_minute, EXCLUDED.per_minute), "
                "tokens = LEAST(rate_budget.tokens, EXCLUDED.capacity)",
                (self.merchant, self.capacity, self.capacity, self.per_minute),
            )
            conn.execute(
                "INSERT INTO budget_tills (merchant, till_id) VALUES (%s, %s) "
                "ON CONFLICT (merchant, till_id) DO UPDATE SET last_lease_at = now()",
                (self.merchant, self.till_id),
            )
            row = conn.execute(
                "SELECT COUNT(*) FROM budget_tills WHERE merchant = %s", (self.merchant,)
            ).fetchone()
            with self._lock:
                horizon = self._clock() - 60.0
                debt = sum(1 for at in self._local_spends if at > horizon)
                self._local_spends.clear()
            if debt:
                # Refill up to now first: a debt written on a stale row would be refilled away.
                conn.execute(_DEBT, (debt, self.merchant))
        except Exception as exc:
            logger.info("shared budget unreachable, using a local share: %s", exc)
            with self._lock:
                self._connecting = False
                self._next_try = self._clock() + self.retry_every
            return
        with self._lock:
            known = int(row[0]) if row else 0
            if known > self._tills:  # remember the chain's size for the next outage
                self._tills = known
                self._local = self._make_local()
            if self._closed:
                conn.close()
            else:
                self._conn = conn
            self._connecting = False

    def _lease(self) -> float:
        """Lease tokens (lock held); returns 0 if some were granted, else the wait."""
        try:
            row = self._conn.execute(
                _LEASE, {"merchant": self.merchant, "want": self.lease_size}
            ).fetchone()
        except Exception as exc:
            logger.warning("lost the shared budget, using a local share: %s", exc)
            try:
                self._conn.close()
            except Exception:  # already broken
                logger.debug("closing the budget connection failed", exc_info=True)
            self._conn = None
            self._next_try = self._clock() + self.retry_every
            return -1.0
        granted, left, per_minute = int(row[0]), float(row[1]), float(row[2])
        if granted > 0:
            expiry = self._clock() + self.lease_ttl
            self._tokens.extend([expiry] * granted)
            self.leased += granted
            return 0.0
        return max(0.005, (1.0 - left) * 60.0 / per_minute)

    # -- the limiter interface ---------------------------------------------------------------

    def try_acquire(self) -> float:
        """Take one request slot: 0 when taken, else the seconds to wait before asking again."""
        with self._lock:
            now = self._clock()
            while self._tokens and self._tokens[0] <= now:
                self._tokens.popleft()
            if self._tokens:
                self._tokens.popleft()
                self.spent_shared += 1
                return 0.0
            if self._conn is not None:
                wait = self._lease()
                if wait == 0.0:
                    self._tokens.popleft()
                    self.spent_shared += 1
                    return 0.0
                if wait > 0:
                    return wait
            elif now >= self._next_try:
                self._start_connecting()
            local = self._local
            if local is None:  # no share of the reserve: only leased tokens, or head office
                return max(0.05, self._next_try - now)
        wait = local.try_acquire()
        if wait == 0.0:
            with self._lock:
                self.spent_local += 1
                self._local_spends.append(self._clock())
        return wait

    def acquire(self, timeout: float | None = None) -> float:
        """Block until a request may go out; returns the seconds waited (RateLimiter's shape)."""
        return wait_for_slot(self.try_acquire, self._sleep, timeout)

    def close(self) -> None:
        """Drop the connection; unspent leased tokens are simply lost."""
        with self._lock:
            self._closed = True
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None

    def __repr__(self) -> str:
        return f"ChainBudget(merchant={self.merchant!r}, source={self.source})"
