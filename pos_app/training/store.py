"""The training gateway's own order book.

The gateway is the *other side* of the wire, so it keeps its own records, independent of the
till's journal.  They live in SQLite: an in-memory database by default, or a file when the
gateway is given ``store_path``.  A file lets a training gateway that is restarted after a till
crash still answer queries about orders it took before the crash, which is exactly what the
till's recovery tests need to exercise.

Every public method takes one re-entrant lock and commits before returning, so a sequence of
steps that must be atomic (check the refundable balance, then insert the refund) is wrapped
in :meth:`OrderStore.transaction`, which holds the same lock for its whole body.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: ``cancel`` indicator values, as the enquiry endpoint reports them.
CANCEL_NONE = 0
CANCEL_CPM_REVERSED = 1
CANCEL_MPM_CLOSED = 2
CANCEL_REFUNDED = 3
CANCEL_PARTIALLY_REFUNDED = 5


class DuplicateOrderError(Exception):
    """An ``out_trade_no`` was used before (payments and refunds share one namespace)."""


@dataclass
class Order:
    """One payment or refund as the gateway remembers it.

    ``wallet`` and ``pending_queries`` drive the simulated wallet (see ``wallets.py``);
    ``expires_at`` (epoch seconds) bounds how long an unpaid order may stay in progress.
    Only the masked auth code is kept: the gateway stores no more of a payment code than the
    till may.
    """

    out_trade_no: str
    order_type: str  # "payment" or "refund"
    pay_type: str
    txamt: int
    txcurrcd: str
    txdtm: str
    sysdtm: str
    respcd: str
    errmsg: str
    syssn: str = ""
    paydtm: str = ""
    cancel: int = CANCEL_NONE
    origssn: str = ""
    goods_name: str = ""
    udid: str = ""
    mchid: str = ""
    auth_code_masked: str = ""
    mode: str = ""  # "CPM", "MPM" or "ONLINE" for payments, "" for refunds
    wallet: str = ""
    pending_queries: int = 0
    qr_token: str = ""
    expires_at: float | None = None
    note: str = ""
    refunded: int = 0  # sum of successful refunds (payments only)
    created_at: float = 0.0
    #: Epoch seconds before which enquiries do not see the order (the ``enquiry_lag`` knob).
    visible_at: float | None = None
    #: Epoch seconds at which an asynchronous refund becomes ``final_respcd``.
    settles_at: float | None = None
    final_respcd: str = ""

    def is_in_progress(self) -> bool:
        """Whether the order still waits for the wallet (the till must keep querying)."""
        return self.respcd in ("1143", "1145") and self.cancel == CANCEL_NONE

    def is_visible(self, now: float) -> bool:
        """Whether enquiries see the order yet (see ``visible_at``)."""
        return self.visible_at is None or now >= self.visible_at

    def to_record(self) -> dict[str, str]:
        """The order as one entry of the enquiry endpoint's ``data`` list."""
        record = {
            "syssn": self.syssn,
            "out_trade_no": self.out_trade_no,
            "order_type": self.order_type,
            "pay_type": self.pay_type,
            "txamt": str(self.txamt),
            "txcurrcd": self.txcurrcd,
            "txdtm": self.txdtm,
            "sysdtm": self.sysdtm,
            "paydtm": self.paydtm,
            "cancel": str(self.cancel),
            "respcd": self.respcd,
            "errmsg": self.errmsg,
            "goods_name": self.goods_name,
            "udid": self.udid,
            "chnlsn": "",
            "chnlsn2": "",
            "note": self.note,
        }
        if self.order_type == "refund":
            record["origssn"] = self.origssn
        return record

    def to_dump(self) -> dict[str, Any]:
        """Everything the gateway knows (for the control endpoint and tests)."""
        return dataclasses.asdict(self)


_FIELDS = [f.name for f in dataclasses.fields(Order)]
_COLUMN_TYPES: dict[str, str] = {
    "txamt": "INTEGER NOT NULL",
    "cancel": "INTEGER NOT NULL",
    "pending_queries": "INTEGER NOT NULL",
    "refunded": "INTEGER NOT NULL",
    "expires_at": "REAL",
    "created_at": "REAL NOT NULL",
    "visible_at": "REAL",
    "settles_at": "REAL",
}
#: Defaults for columns added after a store file was first made (see ``_add_missing_columns``).
_ADDED_COLUMN_DEFAULTS: dict[str, str] = {"final_respcd": "''"}
_SCHEMA_VERSION = 1


def _schema() -> str:
    columns = []
    for name in _FIELDS:
        if name == "syssn":
            columns.append("syssn TEXT PRIMARY KEY")
        elif name == "out_trade_no":
            columns.append("out_trade_no TEXT NOT NULL UNIQUE")
        else:
            columns.append(f"{name} {_COLUMN_TYPES.get(name, 'TEXT NOT NULL')}")
    return f"CREATE TABLE IF NOT EXISTS orders ({', '.join(columns)})"


class OrderStore:
    """Thread-safe order book; see the module docstring for why it is SQLite."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._lock = threading.RLock()
        target = str(self.path) if self.path is not None else ":memory:"
        self._db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        with self._lock:
            if self.path is not None:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute(_schema())
            self._add_missing_columns()
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER)"
            )
            for column in ("sysdtm", "origssn", "qr_token"):
                self._db.execute(f"CREATE INDEX IF NOT EXISTS orders_{column} ON orders({column})")
            self._db.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
        self._closed = False
        self._depth = 0

    def _add_missing_columns(self) -> None:
        """Bring a store file written by an older gateway up to the current columns."""
        present = {row["name"] for row in self._db.execute("PRAGMA table_info(orders)")}
        for name in _FIELDS:
            if name in present:
                continue
            kind = _COLUMN_TYPES.get(name, "TEXT NOT NULL")
            default = _ADDED_COLUMN_DEFAULTS.get(name)
            suffix = f" DEFAULT {default}" if default is not None else ""
            self._db.execute(f"ALTER TABLE orders ADD COLUMN {name} {kind}{suffix}")

    # -- locking -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[OrderStore]:
        """Hold the store's lock (and one SQLite transaction) for a multi-step change.

        Re-entrant: an inner ``transaction()`` joins the outer one, which alone commits.
        """
        with self._lock:
            self._check_open()
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")
            finally:
                self._depth = 0

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the training order store is closed")

    # -- identifiers ---------------------------------------------------------------------

    def next_sequence(self, name: str = "syssn") -> int:
        """A persistent counter, so serial numbers stay unique across restarts."""
        with self._lock:
            self._check_open()
            row = self._db.execute("SELECT value FROM counters WHERE name=?", (name,)).fetchone()
            value = (int(row["value"]) if row else 0) + 1
            self._db.execute(
                "INSERT INTO counters(name, value) VALUES(?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value=excluded.value",
                (name, value),
            )
            return value

    # -- orders --------------------------------------------------------------------------

    def insert(self, order: Order) -> Order:
        """Record a new order; a reused ``out_trade_no`` raises :class:`DuplicateOrderError`."""
        if not order.syssn:
            raise ValueError("an order needs its syssn before it is stored")
        values = [getattr(order, name) for name in _FIELDS]
        placeholders = ", ".join("?" for _ in _FIELDS)
        with self._lock:
            self._check_open()
            try:
                self._db.execute(
                    f"INSERT INTO orders ({', '.join(_FIELDS)}) VALUES ({placeholders})",  # noqa: S608 - fixed column names
                    values,
                )
            except sqlite3.IntegrityError as exc:
                raise DuplicateOrderError(order.out_trade_no) from exc
        return order

    def update(self, order: Order) -> None:
        """Write back every field of an order already stored."""
        names = [name for name in _FIELDS if name != "syssn"]
        assignments = ", ".join(f"{name}=?" for name in names)
        with self._lock:
            self._check_open()
            self._db.execute(
                f"UPDATE orders SET {assignments} WHERE syssn=?",  # noqa: S608 - fixed column names
                [*(getattr(order, name) for name in names), order.syssn],
            )

    def exists(self, out_trade_no: str) -> bool:
        """Whether an ``out_trade_no`` is already taken."""
        return self.by_out_trade_no(out_trade_no) is not None

    def by_syssn(self, syssn: str) -> Order | None:
        """The order with this QFPay serial number, if any."""
        return self._one("SELECT * FROM orders WHERE syssn=?", (syssn,))

    def by_out_trade_no(self, out_trade_no: str) -> Order | None:
        """The order with this merchant order number, if any."""
        return self._one("SELECT * FROM orders WHERE out_trade_no=?", (out_trade_no,))

    def by_qr_token(self, token: str) -> Order | None:
        """The MPM order a training QR code URL points at."""
        if not token:
            return None
        return self._one("SELECT * FROM orders WHERE qr_token=?", (token,))

    def refunds_of(self, syssn: str) -> list[Order]:
        """Every refund recorded against one payment."""
        return self._many("SELECT * FROM orders WHERE origssn=? ORDER BY rowid", (syssn,))

    def all(self) -> list[Order]:
        """Every order, oldest first."""
        return self._many("SELECT * FROM orders ORDER BY rowid", ())

    def between(self, start: str, end: str) -> list[Order]:
        """Orders whose ``sysdtm`` lies in ``[start, end]`` (both 'YYYY-MM-DD HH:MM:SS')."""
        return self._many(
            "SELECT * FROM orders WHERE sysdtm BETWEEN ? AND ? ORDER BY rowid", (start, end)
        )

    def close(self) -> None:
        """Close the database; further calls raise."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._db.close()

    # -- helpers -------------------------------------------------------------------------

    def _one(self, sql: str, args: Iterable[object]) -> Order | None:
        found = self._many(sql, args)
        return found[0] if found else None

    def _many(self, sql: str, args: Iterable[object]) -> list[Order]:
        with self._lock:
            self._check_open()
            rows = self._db.execute(sql, tuple(args)).fetchall()
        return [Order(**{name: row[name] for name in _FIELDS}) for row in rows]
