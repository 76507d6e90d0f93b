"""One owner per transaction across every process on the machine.

The window and any number of ``qfpay-pos`` commands may open the same journal.  A payment
that one process is polling must never be "recovered" by another: that is how a charged sale
was once journaled as reversed.  So ownership lives where every process sees it, in the
journal's ``claims`` table:

* a claim names its owner: a token unique to one open ``Journal``, the process id, the host,
  the process's start time (so a recycled pid is not mistaken for the owner) and a label
  ("qfpay-pos pay", "till window") that the refusal message shows the cashier;
* the owner renews a *lease* on all its claims from a background thread;
* a claim may be taken over only when its owner is provably dead (same host, and the pid is
  gone or belongs to a younger process, or it is this process and that ``Journal`` is
  closed) or its lease expired (a frozen or remote owner);
* the journal refuses a state change from a process that does not hold the row's claim
  (fencing), so an owner that froze past its lease and woke up cannot overwrite what the
  new owner found: it reports the outcome as unknown instead.

A new transaction's claim is written in the same commit as its intent, and the claim is
dropped in the commit that makes the row final, so a payment pays no extra fsync for it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import sys
import threading
import time
import weakref
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from pos_app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from pos_app.engine.journal import Journal

#: How long a claim stays valid without renewal; renewed every LEASE_SECONDS / 4.
LEASE_SECONDS = 30.0

_LIVE_TOKENS: dict[str, weakref.ref[ClaimRegistry]] = {}
_LIVE_GUARD = threading.Lock()


@cache
def _host() -> str:
    return socket.gethostname() or "localhost"


def process_start(pid: int) -> int:
    """The process's start time in clock ticks since boot (Linux), 0 where unknown.

    Together with the pid it identifies one process for as long as the machine is up: a pid
    recycled after a crash belongs to a process that started later.
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            data = stat.read()
    except OSError:
        return 0
    # The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    fields = data[data.rfind(b")") + 2 :].split()
    try:
        return int(fields[19])
    except (IndexError, ValueError):
        return 0


def default_label() -> str:
    """What a refusal calls a process that did not name itself: its program name."""
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return name if name not in ("", "-c", "__main__.py") else "qfpay-pos"


@dataclass(frozen=True, slots=True)
class Owner:
    """The process holding a claim, as stored in the journal."""

    token: str
    pid: int
    host: str
    started: int
    label: str
    since: float
    lease_until: float

    def describe(self) -> str:
        """'qfpay-pos pay (pid 4242 on till-1, since 10:02:03)' for the refusal message."""
        since = time.strftime("%H:%M:%S", time.localtime(self.since))
        return f"{self.label} (pid {self.pid} on {self.host}, since {since})"

    def is_dead(self) -> bool:
        """Provably gone: only decidable on this host."""
        if self.host != _host():
            return False
        if self.pid == os.getpid():
            with _LIVE_GUARD:
                ref = _LIVE_TOKENS.get(self.token)
            registry = ref() if ref is not None else None
            return registry is None or registry.closed
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass  # another user's process: it exists
        started = process_start(self.pid)
        return bool(self.started and started and started != self.started)

    def may_be_taken(self, now: float) -> bool:
        """Recovery may take this claim over: its owner is dead or its lease ran out."""
        return self.lease_until <= now or self.is_dead()


R_OWNED = QT_TRANSLATE_NOOP(
    "engine", "Another till process is working on this transaction: {owner}. Leave it to it."
)
R_TAKEN_OVER = QT_TRANSLATE_NOOP(
    "engine",
    "Another till process took this transaction over ({owner}); its outcome is what that "
    "process finds. Check it with 'recover' or in the history.",
)


class OwnershipLost(Exception):
    """Raised inside a journal transaction when this process no longer owns the row."""

    def __init__(self, owner: Owner | None) -> None:
        super().__init__(owner.describe() if owner is not None else "claim gone")
        self.owner = owner


CLAIM_COLUMNS = "token, pid, host, started, label, since, lease_until"
_CLAIM_COLUMNS = CLAIM_COLUMNS


def owner_from(row: tuple[Any, ...]) -> Owner | None:
    """The owner in a row of ``_CLAIM_COLUMNS`` (all NULL from an outer join: nobody)."""
    return _owner(row) if row[0] is not None else None


def _owner(row: tuple[Any, ...]) -> Owner:
    token, pid, host, started, label, since, lease_until = row
    return Owner(
        str(token), int(pid), str(host), int(started), str(label), float(since), float(lease_until)
    )


class ClaimRegistry:
    """This ``Journal``'s claims: who we are, what we hold, and the lease renewer."""

    def __init__(self, journal: Journal, *, label: str | None = None) -> None:
        self._journal = weakref.ref(journal)
        self.token = os.urandom(8).hex()
        self.pid = os.getpid()
        self.host = _host()
        self.started = process_start(self.pid)
        self.label = label or default_label()
        self.closed = False
        self._held: set[str] = set()
        self._reserved: set[str] = set()
        self._guard = threading.Lock()
        self._wake = threading.Event()
        self._renewer: threading.Thread | None = None
        with _LIVE_GUARD:
            _LIVE_TOKENS[self.token] = weakref.ref(self)

    # -- bookkeeping (memory only) ----------------------------------------------------------

    def reserve(self, out_trade_no: str) -> None:
        """A number this process is about to create: its claim goes in with the intent."""
        with self._guard:
            self._reserved.add(out_trade_no)

    def forget(self, out_trade_no: str) -> None:
        """A reserved number that was never created (the flow stopped before its intent)."""
        with self._guard:
            self._reserved.discard(out_trade_no)

    def holds(self, out_trade_no: str) -> bool:
        with self._guard:
            return out_trade_no in self._held

    def insert_for_new(self, conn: sqlite3.Connection, out_trade_no: str, now: float) -> bool:
        """Inside ``create``'s transaction: claim a reserved number (no extra commit)."""
        with self._guard:
            if out_trade_no not in self._reserved:
                return False
            self._reserved.discard(out_trade_no)
        self._write(conn, out_trade_no, now)
        return True

    def _write(self, conn: sqlite3.Connection, out_trade_no: str, now: float) -> None:
        conn.execute(
            f"INSERT OR REPLACE INTO claims (out_trade_no, {_CLAIM_COLUMNS}) "  # noqa: S608 - fixed columns
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                out_trade_no,
                self.token,
                self.pid,
                self.host,
                self.started,
                self.label,
                now,
                now + LEASE_SECONDS,
            ),
        )

    def committed(self, out_trade_no: str, *, held: bool) -> None:
        """After a commit: remember whether we now hold ``out_trade_no``."""
        with self._guard:
            if held:
                self._held.add(out_trade_no)
            else:
                self._held.discard(out_trade_no)
            start = held and self._renewer is None and not self.closed
        if start:
            self._start_renewer()

    # -- reading and checking (inside a journal transaction) -------------------------------

    @staticmethod
    def owner_of(conn: sqlite3.Connection, out_trade_no: str) -> Owner | None:
        row = conn.execute(
            f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE out_trade_no = ?",  # noqa: S608 - fixed columns
            (out_trade_no,),
        ).fetchone()
        return _owner(row) if row is not None else None

    def check_fence(self, owner: Owner | None, out_trade_no: str) -> None:
        """Refuse a write to a row another live process has claimed (raises OwnershipLost).

        ``owner``: the row's claim as read inside the writing transaction (``owner_of``, or
        the journal's one read of row and claim together).  A row we held whose claim is
        gone was taken over and released again (a recovery pass left it open, or made it
        final): what that owner found stands, so this is a lost claim too (``owner`` None),
        not a free row.
        """
        if owner is not None and owner.token != self.token:
            raise OwnershipLost(owner)
        if owner is None and self.holds(out_trade_no):
            raise OwnershipLost(None)

    def try_claim(self, conn: sqlite3.Connection, out_trade_no: str, now: float) -> Owner | None:
        """Claim an existing row; returns the live owner that stops us, or None when ours."""
        owner = self.owner_of(conn, out_trade_no)
        if owner is not None and owner.token != self.token and not owner.may_be_taken(now):
            return owner
        self._write(conn, out_trade_no, now)
        return None

    def drop(self, conn: sqlite3.Connection, out_trade_no: str) -> None:
        conn.execute(
            "DELETE FROM claims WHERE out_trade_no = ? AND token = ?", (out_trade_no, self.token)
        )

    # -- the lease ------------------------------------------------------------------------

    def _start_renewer(self) -> None:
        thread = threading.Thread(
            target=_renew_loop, args=(weakref.ref(self),), name="journal-lease", daemon=True
        )
        self._renewer = thread
        thread.start()

    def renew_now(self) -> None:
        """Extend the lease on everything held (called by the renewer every few seconds)."""
        journal = self._journal()
        with self._guard:
            held = bool(self._held)
        if journal is None or self.closed or not held:
            return
        journal.renew_claims()

    def close(self) -> None:
        """The journal is closing: stop renewing (the journal drops the claims first)."""
        self.closed = True
        self._wake.set()
        with _LIVE_GUARD:
            _LIVE_TOKENS.pop(self.token, None)


def _renew_loop(ref: weakref.ref[ClaimRegistry]) -> None:
    """Renew until the registry closes or is collected; a failed renewal is tried again."""
    while True:
        registry = ref()
        if registry is None or registry.closed:
            return
        wake = registry._wake
        with contextlib.suppress(Exception):
            registry.renew_now()
        del registry
        if wake.wait(LEASE_SECONDS / 4):
            return
