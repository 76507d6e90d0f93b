"""Shipping a till's journal to head office, in the background, exactly once in effect.

The journal's append-only ``events`` table *is* the outbox: every change of a transaction
row appends an event in the same SQLite commit, and SQLite hands out event ids in commit
order (one writer at a time), so "every event after id N" is a complete, gap-free list of
what changed since N.  The cursor N lives in PostgreSQL (``tills.last_event_id``) and is
advanced **in the same PostgreSQL transaction** as the rows it covers.  Hence:

* a batch is either wholly at head office with its cursor, or not at all;
* a crash anywhere (till killed, network cut, PostgreSQL restarted) just means the next
  batch starts from the last committed cursor and re-sends what may have been half-sent;
* re-sending is harmless: transaction rows are upserted by ``out_trade_no`` (never moved to
  an older ``updated_at``), events are inserted by ``(till, environment, event id)`` with
  ``ON CONFLICT DO NOTHING``;
* the cursor row is locked (``SELECT ... FOR UPDATE``) for the batch, so two sync workers
  for one till (two processes sharing a journal) take turns instead of racing.

The till never waits for any of this: the worker reads the journal through its own
read-only SQLite connection, and a head office that is down only makes the worker back off
and retry.  After hours of outage it catches up in batches of ``batch_size`` events.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pos_app.chain.database import connect

logger = logging.getLogger("pos_app.chain.sync")

_TX_COLUMNS = (
    "out_trade_no, sale_id, mode, cashier, txamt, currency, pay_type, state, syssn, respcd, "
    "reason, orig_syssn, manager, created_at, updated_at, local_day, {wallet}"
)

_UPSERT_SALE = """
INSERT INTO sales (environment, till_id, shop, out_trade_no, sale_id, mode, cashier, txamt,
                   currency, pay_type, state, syssn, respcd, reason, orig_syssn, manager,
                   created_at, updated_at, local_day, wallet_pay_type)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (out_trade_no) DO UPDATE SET
    state = EXCLUDED.state, syssn = EXCLUDED.syssn, respcd = EXCLUDED.respcd,
    reason = EXCLUDED.reason, updated_at = EXCLUDED.updated_at, shop = EXCLUDED.shop,
    wallet_pay_type = COALESCE(EXCLUDED.wallet_pay_type, sales.wallet_pay_type),
    synced_at = now()
WHERE sales.updated_at <= EXCLUDED.updated_at
"""

_INSERT_EVENT = """
INSERT INTO sale_events (till_id, environment, id, out_trade_no, at, kind, state, respcd, detail)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (till_id, environment, id) DO NOTHING
"""


@dataclass(frozen=True, slots=True)
class Batch:
    """What one round read from the journal: events after ``after`` and the rows they touch."""

    after: int
    events: list[tuple[Any, ...]]
    sales: list[tuple[Any, ...]]

    @property
    def last_id(self) -> int:
        return int(self.events[-1][0]) if self.events else self.after


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """For the status bar and the benchmark: is head office reachable, how far behind."""

    connected: bool
    cursor: int
    pending: int
    last_error: str


class JournalReader:
    """A read-only view of one journal file, separate from the till's own connection."""

    def __init__(self, path: str | Path) -> None:
        self._conn = sqlite3.connect(
            f"file:{Path(path)}?mode=ro", uri=True, check_same_thread=False, timeout=10.0
        )
        # status() may ask from another thread while a batch is being read.
        self._lock = threading.RLock()
        self._columns = ""

    def _tx_columns(self) -> str:
        """The columns to read; ``wallet_pay_type`` as NULL from a journal older than till
        schema step 6 (the reader is read-only: only the till itself migrates its file)."""
        if not self._columns:
            names = {row[1] for row in self._conn.execute("PRAGMA table_info(transactions)")}
            wallet = "wallet_pay_type" if "wallet_pay_type" in names else "NULL"
            self._columns = _TX_COLUMNS.format(wallet=wallet)
        return self._columns

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file (a local, free check)."""
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def key(self) -> str:
        """Identifies this journal file: its first event (time and order number).

        A till whose journal was replaced (new machine, restored backup) must not resume
        from the old file's cursor, or the new file's events below it would never ship.
        """
        with self._lock:
            row = self._conn.execute(
                "SELECT at, out_trade_no FROM events ORDER BY id LIMIT 1"
            ).fetchone()
        return "" if row is None else f"{row[0]!r}:{row[1]}"

    def max_event_id(self) -> int:
        with self._lock:
            row = self._conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()
        return int(row[0])

    def read(self, after: int, limit: int) -> Batch:
        """One consistent snapshot: the events after ``after`` and their current rows."""
        with self._lock:
            return self._read(after, limit)

    def _read(self, after: int, limit: int) -> Batch:
        self._conn.execute("BEGIN")
        try:
            events = self._conn.execute(
                "SELECT id, out_trade_no, at, kind, state, respcd, detail FROM events "
                "WHERE id > ? ORDER BY id LIMIT ?",
                (after, limit),
            ).fetchall()
            numbers = sorted({row[1] for row in events})
            sales: list[tuple[Any, ...]] = []
            for start in range(0, len(numbers), 500):
                chunk = numbers[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                sales += self._conn.execute(
                    f"SELECT {self._tx_columns()} FROM transactions "  # noqa: S608 - fixed columns
                    f"WHERE out_trade_no IN ({marks})",
                    chunk,
                ).fetchall()
        finally:
            self._conn.execute("COMMIT")
        return Batch(after, events, sales)


class SyncWorker:
    """Ships one journal (one till, one environment) to head office; see the module doc."""

    def __init__(
        self,
        journal_path: str | Path,
        dsn: str,
        *,
        till_id: str,
        environment: str,
        shop: str = "",
        batch_size: int = 500,
        interval: float = 5.0,
        watch: float = 0.1,
        max_backoff: float = 30.0,
        password: str | None = None,
    ) -> None:
        if batch_size <= 0:
            raise ValueError("batch_size must be positive")
        self.journal_path = Path(journal_path)
        self.dsn = dsn
        self.till_id = till_id
        self.environment = environment
        self.shop = shop
        self.batch_size = batch_size
        self.interval = interval
        self.watch = watch
        self.max_backoff = max_backoff
        self._password = password
        self._reader: JournalReader | None = None
        self._pg: Any = None
        self._cursor = 0
        self._connected = False
        self._last_error = ""
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # -- one round ---------------------------------------------------------------------------

    def _journal(self) -> JournalReader:
        if self._reader is None:
            self._reader = JournalReader(self.journal_path)
        return self._reader

    def _connection(self) -> Any:
        if self._pg is None or self._pg.closed:
            self._pg = connect(self.dsn, password=self._password)
        return self._pg

    def _drop_connection(self) -> None:
        if self._pg is not None:
            try:
                self._pg.close()
            except Exception:  # already broken; nothing to save
                logger.debug("closing a broken head-office connection failed", exc_info=True)
        self._pg = None

    def sync_once(self) -> int:
        """Ship at most one batch; returns how many events it carried (0: up to date).

        Raises ``psycopg.Error`` when head office is unreachable; nothing is lost then.
        """
        with self._lock:
            try:
                return self._ship()
            except BaseException:
                self._drop_connection()
                self._connected = False
                raise

    def _ship(self) -> int:
        conn = self._connection()
        with conn.transaction():
            conn.execute(
                "INSERT INTO tills (till_id, environment, shop) VALUES (%s, %s, %s) "
                "ON CONFLICT (till_id, environment) DO NOTHING",
                (self.till_id, self.environment, self.shop),
            )
            row = conn.execute(
                "SELECT last_event_id, journal_key, wallets_shipped FROM tills "
                "WHERE till_id = %s AND environment = %s FOR UPDATE",
                (self.till_id, self.environment),
            ).fetchone()
            cursor, key = int(row[0]), self._journal().key()
            if cursor and not row[2]:
                # Shipped before head office kept the actual wallet (revision 0002): once
                # more from the start, so those rows get it (upserts: nothing doubles).
                logger.info("till %s: re-shipping the journal for the wallets", self.till_id)
                cursor = 0
            elif key != row[1] or cursor > self._journal().max_event_id():
                if cursor:
                    logger.warning(
                        "till %s has another journal than head office knew: shipping it "
                        "from the start (rows already there are not duplicated)",
                        self.till_id,
                    )
                cursor = 0
            batch = self._journal().read(cursor, self.batch_size)
            if batch.events:
                self._write(conn, batch)
            conn.execute(
                "UPDATE tills SET last_event_id = %s, journal_key = %s, last_sync_at = now(), "
                "shop = %s, wallets_shipped = true WHERE till_id = %s AND environment = %s",
                (batch.last_id, key, self.shop, self.till_id, self.environment),
            )
        self._cursor = batch.last_id
        self._connected = True
        self._last_error = ""
        return len(batch.events)

    def _write(self, conn: Any, batch: Batch) -> None:
        sales = [
            (
                self.environment,
                self.till_id,
                self.shop,
                *row[:15],
                date.fromisoformat(row[15]),
                row[16],
            )
            for row in batch.sales
        ]
        events = [(self.till_id, self.environment, *row) for row in batch.events]
        with conn.cursor() as cur:
            if sales:
                cur.executemany(_UPSERT_SALE, sales)
            cur.executemany(_INSERT_EVENT, events)

    def sync_all(self, limit: int = 1_000_000) -> int:
        """Ship batches until up to date (or ``limit`` events); returns the events shipped."""
        total = 0
        while total < limit:
            shipped = self.sync_once()
            total += shipped
            if shipped < self.batch_size:
                break
        return total

    # -- background ------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        """How far behind head office is (``pending`` events not yet shipped)."""
        try:
            pending = max(0, self._journal().max_event_id() - self._cursor)
        except sqlite3.Error:
            pending = -1
        return SyncStatus(self._connected, self._cursor, pending, self._last_error)

    def poke(self) -> None:
        """Something was journaled: ship it now rather than at the next interval."""
        self._wake.set()

    def start(self) -> SyncWorker:
        """Run in a daemon thread until :meth:`stop`."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="chain-sync", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        """Ship as soon as the journal changes (checked every ``watch`` seconds through
        SQLite's ``data_version``, which costs no I/O), and every ``interval`` regardless,
        so head office's ``last_sync_at`` says the till is alive even on a quiet day."""
        backoff = self.interval
        seen = -1
        last = 0.0
        while not self._stop.is_set():
            try:
                version = self._journal().data_version()
            except sqlite3.Error:
                version = seen + 1
            due = time.monotonic() - last >= self.interval or self._wake.is_set()
            if version == seen and not due:
                self._wake.wait(self.watch)
                continue
            self._wake.clear()
            try:
                shipped = self.sync_once()
            except Exception as exc:
                if not self._last_error:
                    logger.warning("head office unreachable, the till carries on alone: %s", exc)
                self._last_error = f"{type(exc).__name__}: {exc}".strip()[:300]
                self._stop.wait(backoff)
                backoff = min(self.max_backoff, max(backoff * 2, 0.5))
                continue
            backoff = min(self.interval, 0.5)
            last = time.monotonic()
            if shipped < self.batch_size:
                seen = version  # caught up with this version of the file

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the thread and close both connections (idempotent)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        with self._lock:
            self._drop_connection()
            if self._reader is not None:
                self._reader.close()
                self._reader = None

    def __enter__(self) -> SyncWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_until_synced(worker: SyncWorker, timeout: float = 30.0) -> bool:
    """Block until the worker has shipped everything journaled so far (tests, shutdown)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = worker.status()
        if status.connected and status.pending == 0:
            return True
        worker.poke()
        time.sleep(0.02)
    return False
