"""The till's journal: the only record of money in flight that survives a crash.

Rules this module enforces, because money depends on them:

* A transaction's row is committed *before* its first request leaves (``create``), and every
  state change is committed before the next network step.  ``transition`` commits at once,
  unless the engine groups one step's writes (a new row with its move to SENT; an answer with
  the state it leads to) in ``transaction()``: one commit per step, never across a request.
* ``synchronous=FULL`` in WAL mode: a commit that returned is on disk even after a power cut.
  Durability is not configurable.
* The audit trail (``events``) is append-only, enforced by triggers in the file itself, so
  neither a bug nor a hand-edited query can rewrite history.
* Auth codes arrive masked; the journal refuses anything showing more than four digits.
* One owner per open transaction across every process sharing the file (``claims``, see
  :mod:`pos_app.engine.ownership`): a state change from a process that does not own the row
  is refused, and a move to the final state a row already holds is a no-op.

All methods are thread-safe (one connection, one lock): the UI worker, recovery and the CLI
may share a Journal.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pos_app.engine.errors import JournalError, TransitionRefusedError
from pos_app.engine.in_flight import InFlight
from pos_app.engine.names import cashier_name, manager_name
from pos_app.engine.ownership import (
    CLAIM_COLUMNS,
    R_OWNED,
    R_TAKEN_OVER,
    ClaimRegistry,
    Owner,
    OwnershipLost,
    owner_from,
)
from pos_app.engine.schema import MIGRATIONS, SCHEMA_VERSION
from pos_app.engine.states import TxMode, TxState, can_move
from pos_app.engine.storage import (
    BACKUP_EVERY_SECONDS,
    R_DAMAGED_IN_FLIGHT,
    R_IN_FLIGHT,
    R_NOT_SENT,
    JournalDamagedError,
    JournalStorageError,
    backup_journal,
    check_free_space,
    check_not_vanished,
    check_writable,
    damaged_message,
    newest_backup_age,
    quick_check,
    remember_created,
    storage_message,
)
from pos_app.engine.verified import drop_verified, is_damage, take_verified, write_verified
from pos_app.files import private_file, tighten
from pos_app.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True)
class TxRecord:
    """One journal row (one attempt / one ``out_trade_no``)."""

    out_trade_no: str
    sale_id: str
    mode: TxMode
    till_id: str
    cashier: str
    txamt: int
    currency: str
    pay_type: str
    auth_code: str | None
    state: TxState
    syssn: str | None
    respcd: str | None
    reason: str
    deadline: float | None
    qrcode: str | None
    orig_syssn: str | None
    manager: str | None
    created_at: float
    updated_at: float
    local_day: str
    #: The pay type the gateway's answer named (the actual wallet behind a generic CPM code);
    #: None until an answer that is evidence for this order names one.
    wallet_pay_type: str | None = None
    #: Until when the request that opened this row may still be with the gateway: wall
    #: clock, and the monotonic clock of the boot that sent it (``engine.in_flight``).
    #: None: an older till's row.
    in_flight_until: float | None = None
    in_flight_boot: str | None = None
    in_flight_ticks: float | None = None

    @property
    def wallet_code(self) -> str:
        """The pay type to show and total by: the actual wallet where known."""
        return self.wallet_pay_type or self.pay_type


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One audit-trail entry: a request, an answer, a transition or a note."""

    id: int
    out_trade_no: str
    at: float
    kind: str
    state: TxState | None
    respcd: str | None
    detail: str


_TX_COLUMNS = (
    "out_trade_no, sale_id, mode, till_id, cashier, txamt, currency, pay_type, auth_code, "
    "state, syssn, respcd, reason, deadline, qrcode, orig_syssn, manager, created_at, "
    "updated_at, local_day, wallet_pay_type, in_flight_until, in_flight_boot, in_flight_ticks"
)

#: A new row, every column given (``create`` builds the record from the same tuple).
_CREATE = (
    f"INSERT INTO transactions ({_TX_COLUMNS}) VALUES "  # noqa: S608 - fixed columns
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

#: A row's state and its claim, read once inside the transaction that moves it.
_ROW_AND_CLAIM = (
    "SELECT t.state, t.syssn, t.mode, "  # noqa: S608 - fixed columns
    + ", ".join(f"c.{column.strip()}" for column in CLAIM_COLUMNS.split(","))
    + " FROM transactions t LEFT JOIN claims c ON c.out_trade_no = t.out_trade_no "
    "WHERE t.out_trade_no = ?"
)

#: A move, returning the new row (``RETURNING``: no second read in the payment's path).
_TRANSITION = (
    "UPDATE transactions SET state = ?, reason = COALESCE(?, reason), "  # noqa: S608 - fixed
    "syssn = COALESCE(?, syssn), respcd = COALESCE(?, respcd), "
    "qrcode = COALESCE(?, qrcode), deadline = COALESCE(?, deadline), "
    "wallet_pay_type = COALESCE(?, wallet_pay_type), "
    "updated_at = ? WHERE out_trade_no = ? RETURNING " + _TX_COLUMNS
)

#: The non-final states, in the words of the partial index ``transactions_open`` (schema
#: step 7: OR terms, not ``IN``, which costs every write a throwaway table).  Parenthesised,
#: so callers may append ``AND ...``.
OPEN_CLAUSE = (
    "(state = 'CREATED' OR state = 'SENT' OR state = 'IN_PROGRESS' "
    "OR state = 'UNKNOWN' OR state = 'CANCELLING')"
)
TX_COLUMNS = _TX_COLUMNS


def tx_from_row(row: tuple[Any, ...]) -> TxRecord:
    """A ``TxRecord`` from a row selected with :data:`TX_COLUMNS`."""
    return _tx(row)


def _statements(script: str) -> list[str]:
    """Split a migration step into statements (triggers keep their inner semicolons)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


def _tx(row: tuple[Any, ...]) -> TxRecord:
    values = list(row)
    values[2] = TxMode(values[2])
    values[9] = TxState(values[9])
    return TxRecord(*values)


class Journal:
    """SQLite journal at ``path`` (created if missing, upgraded if older)."""

    def __init__(
        self,
        path: str | Path,
        *,
        clock: Callable[[], float] = time.time,
        label: str | None = None,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        #: This open journal's claims on transactions (``label`` names it in refusals).
        self.claims = ClaimRegistry(self, label=label)
        self._lock = threading.RLock()
        self._depth = 0  # nesting of transaction() on the thread holding _lock
        self._touched: str | None = None  # the row the current transaction writes (storage)
        # A journal created here that vanished or was emptied is damage, never a fresh start.
        check_not_vanished(self.path)
        check_writable(self.path)
        try:
            # Private before SQLite touches it: its WAL and SHM files inherit this mode.
            private_file(self.path)
            for suffix in ("-wal", "-shm"):
                tighten(self.path.with_name(self.path.name + suffix))
        except OSError as exc:
            raise JournalError(
                QT_TRANSLATE_NOOP("engine", "The journal file cannot be opened: {error}").format(
                    error=exc
                )
            ) from exc
        # A file provably as a clean close left it, checked within a day, skips the O(size)
        # check (issue 12); the marker is gone from here on, so a crash leaves none.
        checked_at = take_verified(self.path)
        # Whether this open ran the full ``quick_check`` (False: the marker vouched for it).
        self.checked_in_full = checked_at is None
        self._checked_at = time.time() if checked_at is None else checked_at
        self._damaged = False
        try:
            self._conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False, timeout=10.0
            )
        except sqlite3.Error as exc:
            raise JournalError(
                QT_TRANSLATE_NOOP("engine", "The journal file cannot be opened: {error}").format(
                    error=exc
                )
            ) from exc
        try:
            self._conn.execute("PRAGMA journal_mode=WAL").fetchone()
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            if self.checked_in_full:
                quick_check(self._conn, self.path)  # a damaged journal stops the till
            self._migrate()
        except JournalDamagedError:
            self._conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise JournalError(
                QT_TRANSLATE_NOOP(
                    "engine",
                    "The journal file is not a till journal or is damaged ({error}); "
                    "keep it for support and do not delete it.",
                ).format(error=exc)
            ) from exc

        remember_created(self.path)

    # -- lifecycle -------------------------------------------------------------------------

    def _migrate(self) -> None:
        """Run the missing steps, each in its own write transaction.

        The version is read again *inside* each transaction: two till processes opening a new
        journal at the same moment must not both run step 1 (the second would fail on tables
        the first just made).
        """
        while True:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
                if version > SCHEMA_VERSION:
                    raise JournalError(
                        QT_TRANSLATE_NOOP(
                            "engine", "The journal was written by a newer version of the till."
                        )
                    )
                if version == SCHEMA_VERSION:
                    self._conn.execute("COMMIT")
                    return
                for statement in _statements(MIGRATIONS[version]):
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version={version + 1}")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        """The file's schema version (``PRAGMA user_version``)."""
        with self._lock:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def pragma(self, name: str) -> Any:
        """Read one pragma (tests check WAL and FULL sync)."""
        if not name.isidentifier():
            raise ValueError(name)
        with self._lock:
            return self._conn.execute(f"PRAGMA {name}").fetchone()[0]

    def close(self) -> None:
        """Drop this process's claims, then close the file; the journal is unusable afterwards.

        A row still open when its owner closes becomes recoverable at once by any process
        (instead of after the lease), which is what a cashier closing the window expects.
        """
        with self._lock:
            if self.claims.closed:
                return
            if not self._conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("DELETE FROM claims WHERE token = ?", (self.claims.token,))
            self.claims.close()
            self._conn.close()
            if not self._damaged:  # the next open may skip the check (engine.verified)
                write_verified(self.path, self._checked_at)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One committed-or-nothing unit of work, durable when the outermost block exits.

        Nested blocks on the same thread join the outer one, so a flow can group the writes
        of one step (the intent, its first transition and the request it is about to send;
        or an answer and the transition it causes) into a single fsync.  That halves the
        commits of a payment without weakening the rule that matters: everything is on disk
        before the next network step.  A failure anywhere rolls the whole block back.
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            self._touched = None
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self._storage_error(exc) from exc
            self._depth = 1
            try:
                yield self._conn
            except BaseException as exc:
                self._depth = 0
                with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back itself
                    self._conn.execute("ROLLBACK")
                if is_damage(exc):
                    raise self._damage(exc, self._touched) from exc
                if isinstance(exc, sqlite3.OperationalError) and storage_message(exc, self.path):
                    raise self._storage_error(exc) from exc
                raise
            self._depth = 0
            try:
                self._conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                if is_damage(exc):
                    raise self._damage(exc, self._touched) from exc
                if not isinstance(exc, sqlite3.OperationalError):
                    raise
                raise self._storage_error(exc) from exc

    def _storage_error(self, exc: sqlite3.Error) -> JournalStorageError:
        """A storage failure, saying whether the row it hit may already be at the gateway."""
        number = self._touched
        in_flight = self._may_be_sent(number, unreadable=False)
        message = storage_message(exc, self.path) or str(exc)
        message += " " + (R_IN_FLIGHT if in_flight else R_NOT_SENT)
        return JournalStorageError(message, out_trade_no=number, in_flight=in_flight)

    def _may_be_sent(self, number: str | None, *, unreadable: bool) -> bool:
        """Whether the row a failed write touched may already be at the gateway (anything
        past CREATED); ``unreadable``: the answer when the row cannot be read back."""
        if number is None:
            return False
        try:
            row = self._conn.execute(
                "SELECT state FROM transactions WHERE out_trade_no = ?", (number,)
            ).fetchone()
        except sqlite3.Error:
            return unreadable
        return row is not None and row[0] != TxState.CREATED.value

    @contextmanager
    def _stops_on_damage(self) -> Iterator[None]:
        """A bad page read here stops the till (:meth:`_damage`); other errors pass."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            if is_damage(exc):
                raise self._damage(exc) from exc
            raise

    def _damage(self, exc: BaseException, number: str | None = None) -> JournalDamagedError:
        """SQLite read a bad page while running: stop as a failed check on open would, and
        leave no marker, so the next open checks in full (a storage error is not damage).
        ``number`` is the row the failed write touched: it may already be at the gateway."""
        self._damaged = True
        drop_verified(self.path)
        # A damaged file that cannot show the row was never sent: it may have been.
        in_flight = self._may_be_sent(number, unreadable=True)
        message = damaged_message(self.path, str(exc))
        if number is not None:  # a failed write: say what became of its row
            message += " " + (R_DAMAGED_IN_FLIGHT if in_flight else R_NOT_SENT)
        return JournalDamagedError(message, out_trade_no=number, in_flight=in_flight)

    def backup(self) -> Path:
        """Check, then copy this journal (online backup API) into ``backups/``, keeping the
        newest few: a copy is only ever of a journal that just passed ``quick_check`` (the
        copy reads every page anyway), and a damaged one never rotates a good copy out."""
        with self._lock:
            try:
                quick_check(self._conn, self.path)
            except JournalDamagedError:
                self._damaged = True
                drop_verified(self.path)
                raise
            self._checked_at = time.time()
            with self._stops_on_damage():
                return backup_journal(self._conn, self.path)

    def backup_if_due(self) -> Path | None:
        """At start: back up a journal that passed its check when the last copy is a day old."""
        age = newest_backup_age(self.path)
        if age is not None and age < BACKUP_EVERY_SECONDS:
            return None
        return self.backup()

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._stops_on_damage():
            return list(self._conn.execute(sql, params).fetchall())

    def read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run one read-only query (reports and history build their own SQL)."""
        if not sql.lstrip().upper().startswith(("SELECT", "WITH", "EXPLAIN")):
            raise ValueError("Journal.read runs SELECT statements only")
        return self._query(sql, params)

    # -- writing ---------------------------------------------------------------------------

    def create(
        self,
        *,
        out_trade_no: str,
        sale_id: str,
        mode: TxMode,
        till_id: str,
        cashier: str,
        txamt: int,
        currency: str,
        pay_type: str,
        auth_code: str | None = None,
        deadline: float | None = None,
        orig_syssn: str | None = None,
        manager: str | None = None,
        wallet_pay_type: str | None = None,
        sent: bool = False,
        request: str | None = None,
        in_flight: InFlight | None = None,
    ) -> TxRecord:
        """Commit the intent (state CREATED) before anything is sent.

        ``wallet_pay_type`` is for a refund: the actual wallet of the payment it returns.

        ``sent``: the request leaves right after this commit, so the row is written as SENT
        at once, with both steps in the audit trail ("created", then "CREATED -> SENT"), as
        if :meth:`transition` had followed in the same commit: nobody can see the difference,
        and the payment saves an UPDATE and its index churn.  ``request``: the note of the
        request about to leave, journaled in the same statement.  ``in_flight``: until when
        that request may be with the gateway (``pos_app.engine.in_flight``).

        A disk too full or read-only for the sale is refused here, before anything is sent.
        """
        check_free_space(self.path)
        if auth_code is not None and sum(ch.isdigit() for ch in auth_code) > 4:
            raise ValueError("auth codes are journaled masked (last four digits only)")
        if not out_trade_no.isalnum() or len(out_trade_no) > 128:
            raise ValueError("out_trade_no must be 1-128 letters or digits")
        cashier = cashier_name(cashier)  # no escape sequences or 120 KB names in the journal
        if manager is not None:
            manager = manager_name(manager)
        now = self._clock()
        day = datetime.fromtimestamp(now).date().isoformat()
        # In _TX_COLUMNS order: the row as written is the record returned (no RETURNING,
        # which doubled the cost of this INSERT).
        row = (
            out_trade_no,
            sale_id,
            TxMode(mode).value,
            till_id,
            cashier,
            txamt,
            currency,
            pay_type,
            auth_code,
            (TxState.SENT if sent else TxState.CREATED).value,
            None,  # syssn
            None,  # respcd
            "",  # reason
            deadline,
            None,  # qrcode
            orig_syssn,
            manager,
            now,
            now,
            day,
            wallet_pay_type,
            None if in_flight is None else in_flight.until,
            None if in_flight is None else in_flight.boot,
            None if in_flight is None else in_flight.ticks,
        )
        detail = f"{mode} {txamt} {currency} {pay_type} by {cashier}"
        if manager:
            detail += f", authorised by manager {manager}"
        if orig_syssn:
            detail += f", refund of {orig_syssn}"
        events: list[tuple[str, TxState | None, str]] = [("created", TxState.CREATED, detail)]
        if sent:
            events.append(("transition", TxState.SENT, f"{TxState.CREATED} -> {TxState.SENT}"))
        if request is not None:
            events.append(("request", None, request))
        with self.transaction() as conn:
            self._touched = out_trade_no
            conn.execute(_CREATE, row)
            claimed = self.claims.insert_for_new(conn, out_trade_no, time.time())
            self._append_all(conn, out_trade_no, events, at=now)
        if claimed:
            self.claims.committed(out_trade_no, held=True)
        return _tx(row)

    def _may_recheck(self, owner: Owner | None, mode: TxMode) -> bool:
        """Whether a row with a manager may leave NEEDS_ATTENTION (``states.RECHECKABLE``).

        Only a refund, and only for the process that holds its claim (the re-check claims the
        row first).  The final move that gave the row to a manager dropped every claim, so the
        fence alone would let a flow whose lease ran out (a frozen till) overwrite the
        manager's row with its late verdict; and a payment with a manager (a contradicted
        1260, a double charge) may have been paid, so nothing the till does may decline it.
        """
        if mode is not TxMode.REFUND:
            return False
        return owner is not None and owner.token == self.claims.token

    def _append(
        self,
        conn: sqlite3.Connection,
        out_trade_no: str,
        kind: str,
        *,
        state: TxState | None,
        respcd: str | None,
        detail: str,
        at: float,
    ) -> None:
        self._append_all(conn, out_trade_no, [(kind, state, detail)], at=at, respcd=respcd)

    @staticmethod
    def _append_all(
        conn: sqlite3.Connection,
        out_trade_no: str,
        events: list[tuple[str, TxState | None, str]],
        *,
        at: float,
        respcd: str | None = None,
    ) -> None:
        """Audit rows (kind, state, detail) of one step in one statement."""
        conn.execute(
            "INSERT INTO events (out_trade_no, at, kind, state, respcd, detail) VALUES "  # noqa: S608 - placeholders only
            + ", ".join("(?, ?, ?, ?, ?, ?)" for _ in events),
            tuple(
                value
                for kind, state, detail in events
                for value in (
                    out_trade_no,
                    at,
                    kind,
                    state.value if state else None,
                    respcd,
                    detail,
                )
            ),
        )

    def transition(
        self,
        out_trade_no: str,
        state: TxState,
        *,
        reason: str | None = None,
        syssn: str | None = None,
        respcd: str | None = None,
        qrcode: str | None = None,
        deadline: float | None = None,
        wallet_pay_type: str | None = None,
    ) -> TxRecord:
        """Move to ``state`` and commit, with the transition in the audit trail.

        ``wallet_pay_type`` is the pay type an answer that is evidence for this order named
        (the actual wallet behind a generic CPM code); the caller passes it only then.

        ``None`` arguments keep the stored value.  Leaving a final state is refused, and so is
        a change to a row another live process owns (``TransitionRefusedError``: the row keeps
        what is on disk).  Moving to the final state the row already holds, with nothing that
        contradicts it, is a no-op: two paths reaching the same verdict is not a conflict.
        Reaching a final state drops this process's claim in the same commit.
        """
        now = self._clock()
        final = state.is_final
        try:
            with self.transaction() as conn:
                self._touched = out_trade_no
                row = conn.execute(_ROW_AND_CLAIM, (out_trade_no,)).fetchone()
                if row is None:
                    raise KeyError(out_trade_no)
                old = TxState(row[0])
                owner = owner_from(row[3:])
                self.claims.check_fence(owner, out_trade_no)
                if old is state and final and (syssn is None or syssn == row[1]):
                    record = self.get(out_trade_no)
                    assert record is not None
                    return record
                if not can_move(old, state) or (
                    old is TxState.NEEDS_ATTENTION and not self._may_recheck(owner, TxMode(row[2]))
                ):
                    raise TransitionRefusedError(
                        f"{out_trade_no}: {old} -> {state} is not allowed", out_trade_no
                    )
                (updated,) = conn.execute(
                    _TRANSITION,
                    (
                        state.value,
                        reason,
                        syssn,
                        respcd,
                        qrcode,
                        deadline,
                        wallet_pay_type,
                        now,
                        out_trade_no,
                    ),
                ).fetchall()  # RETURNING: the new row without a second read
                detail = f"{old} -> {state}" + (f": {reason}" if reason else "")
                if syssn:
                    detail += f" (syssn {syssn})"
                if wallet_pay_type:
                    detail += f" (wallet pay type {wallet_pay_type})"
                self._append(
                    conn,
                    out_trade_no,
                    "transition",
                    state=state,
                    respcd=respcd,
                    detail=detail,
                    at=now,
                )
                if final:
                    self.claims.drop(conn, out_trade_no)
        except OwnershipLost as lost:
            raise TransitionRefusedError(
                R_TAKEN_OVER.format(owner=lost.owner.describe() if lost.owner else "recovery"),
                out_trade_no,
            ) from None
        if final:
            self.claims.committed(out_trade_no, held=False)
        return _tx(updated)

    # -- ownership (see pos_app.engine.ownership) -------------------------------------------

    def claim(self, out_trade_no: str) -> Owner | None:
        """Take ownership of an existing row; None when ours, else the live owner in the way.

        Only a dead owner or an expired lease gives a row up.  One short commit.
        """
        with self.transaction() as conn:
            blocker = self.claims.try_claim(conn, out_trade_no, time.time())
        if blocker is None:
            self.claims.committed(out_trade_no, held=True)
        return blocker

    def release(self, out_trade_no: str) -> None:
        """Give a row up (the flow is done with it); free when the final move dropped it."""
        self.claims.forget(out_trade_no)
        if not self.claims.holds(out_trade_no):
            return
        try:
            with self.transaction() as conn:
                self.claims.drop(conn, out_trade_no)
        except (sqlite3.Error, JournalError):
            # Storage trouble: the lease runs out on its own and recovery takes the row.
            return
        self.claims.committed(out_trade_no, held=False)

    def renew_claims(self) -> None:
        """Extend the lease of every claim this journal holds (the renewer thread calls it)."""
        from pos_app.engine.ownership import LEASE_SECONDS  # noqa: PLC0415

        with self.transaction() as conn:
            conn.execute(
                "UPDATE claims SET lease_until = ? WHERE token = ?",
                (time.time() + LEASE_SECONDS, self.claims.token),
            )

    def owner(self, out_trade_no: str) -> Owner | None:
        """Who holds ``out_trade_no`` now (None: nobody)."""
        with self._lock:
            return self.claims.owner_of(self._conn, out_trade_no)

    def owner_note(self, out_trade_no: str) -> str:
        """Why recovery left a row alone, naming the process that owns it ('' if none)."""
        owner = self.owner(out_trade_no)
        if owner is None or owner.token == self.claims.token:
            return ""
        return R_OWNED.format(owner=owner.describe())

    def record(
        self, out_trade_no: str, kind: str, detail: str = "", respcd: str | None = None
    ) -> None:
        """Append a request/answer/note to the audit trail and commit."""
        with self.transaction() as conn:
            self._touched = out_trade_no
            self._append(
                conn, out_trade_no, kind, state=None, respcd=respcd, detail=detail, at=self._clock()
            )

    # -- reading ---------------------------------------------------------------------------

    def get(self, out_trade_no: str) -> TxRecord | None:
        """One transaction by its order number."""
        rows = self._query(
            f"SELECT {_TX_COLUMNS} FROM transactions WHERE out_trade_no = ?",  # noqa: S608
            (out_trade_no,),
        )
        return _tx(rows[0]) if rows else None

    def _select(self, where: str, params: tuple[Any, ...]) -> list[TxRecord]:
        sql = f"SELECT {_TX_COLUMNS} FROM transactions WHERE {where} ORDER BY created_at, rowid"  # noqa: S608 - callers pass fixed clauses
        return [_tx(row) for row in self._query(sql, params)]

    def unfinished(self) -> list[TxRecord]:
        """Every transaction not in a final state, oldest first (recovery's work list)."""
        # Spelled exactly like the partial index ``transactions_open`` (schema step 3), so
        # SQLite reads the handful of open rows instead of scanning years of final ones.
        return self._select(OPEN_CLAUSE, ())

    def has_open_payment(self) -> bool:
        """Whether any payment (not a refund) is unfinished: the check before every sale."""
        return bool(
            self._query(
                # The partial index holds the open rows only; left to itself, SQLite
                # probes the state index once per open state instead.
                "SELECT 1 FROM transactions INDEXED BY transactions_open "  # noqa: S608 - fixed clause
                f"WHERE {OPEN_CLAUSE} AND mode != 'REFUND' LIMIT 1"
            )
        )

    def history(self, day: date) -> list[TxRecord]:
        """Transactions started on a local calendar day, oldest first."""
        start = datetime.combine(day, datetime.min.time()).timestamp()
        end = datetime.combine(day + timedelta(days=1), datetime.min.time()).timestamp()
        # ``local_day`` is the local date of ``created_at``: the same rows, found through
        # ``transactions_created`` (schema step 7 dropped the day's own index).
        return self._select("created_at >= ? AND created_at < ?", (start, end))

    def created_between(self, start: float, end: float) -> list[TxRecord]:
        """Transactions started from ``start`` to ``end`` (inclusive), oldest first."""
        return self._select("created_at >= ? AND created_at <= ?", (start, end))

    def attempts(self, sale_id: str) -> list[TxRecord]:
        """All attempts of one sale, oldest first."""
        return self._select("sale_id = ?", (sale_id,))

    def by_syssn(self, syssn: str) -> TxRecord | None:
        """The local payment with this QFPay transaction number, if this till took it."""
        found = self._select("syssn = ? AND mode != 'REFUND'", (syssn,))
        return found[0] if found else None

    def refunds_of(self, orig_syssn: str) -> list[TxRecord]:
        """Refund attempts against one original payment."""
        return self._select("mode = 'REFUND' AND orig_syssn = ?", (orig_syssn,))

    def refunded_or_pending(self, orig_syssn: str) -> int:
        """Amount already refunded or possibly being refunded (pending counts as taken)."""
        rows = self._query(
            "SELECT COALESCE(SUM(txamt), 0) FROM transactions WHERE mode = 'REFUND' "
            "AND orig_syssn = ? AND state NOT IN ('DECLINED')",
            (orig_syssn,),
        )
        return int(rows[0][0])

    def refundable_remaining(
        self, orig_syssn: str, original_txamt: int | None = None
    ) -> int | None:
        """What may still be refunded; None if the original is unknown locally and not given."""
        if original_txamt is None:
            original = self.by_syssn(orig_syssn)
            if original is None or original.state is not TxState.PAID:
                return None if original is None else 0
            original_txamt = original.txamt
        return max(0, original_txamt - self.refunded_or_pending(orig_syssn))

    def events(self, out_trade_no: str) -> list[EventRecord]:
        """The audit trail of one transaction, in order."""
        rows = self._query(
            "SELECT id, out_trade_no, at, kind, state, respcd, detail FROM events "
            "WHERE out_trade_no = ? ORDER BY id",
            (out_trade_no,),
        )
        return [
            EventRecord(r[0], r[1], r[2], r[3], TxState(r[4]) if r[4] else None, r[5], r[6])
            for r in rows
        ]
