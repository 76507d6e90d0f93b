"""PIN hashing and the race-free, escalating lockout shared by managers and cashiers.

A PIN has only 10^4..10^8 values, so a fast hash would fall to brute force the moment the
journal file is copied.  scrypt makes each guess cost memory and time; its parameters are
stored beside each hash so they can be raised later without breaking old PINs.

Managers (``managers`` table) and cashiers (``cashier_pins`` table) keep the same columns
(``pin_hash, failed_tries, locked_until, lockouts``) and the same rule, so the rule lives
once, here: wrong PINs are counted *in the journal* (not in memory) so restarting the till
does not reset the lockout; reading the count, checking the PIN and writing the new count
happen in one ``BEGIN IMMEDIATE`` transaction, so parallel guesses (from other processes
too) are counted one after another; after ``max_tries`` the name is locked, escalating from
``lockout_seconds`` and doubling up to a day, and each lockout goes into the append-only
audit trail in the same commit.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from pos_app.engine.journal import Journal

#: scrypt cost: 2**14 x 8 x 1 is ~16 MiB and tens of milliseconds per guess.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
#: Escalation: each lockout doubles the last, up to a day.
MAX_LOCKOUT_SECONDS = 24 * 3600.0


def hash_pin(pin: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """``scrypt$n$r$p$salt$hash`` (hex), with a fresh 16-byte salt."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    """Constant-time comparison against a stored hash, using its own parameters."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(
        pin.encode(),
        salt=bytes.fromhex(salt),
        n=int(n),
        r=int(r),
        p=int(p),
        maxmem=64 * 1024 * 1024,
    )
    return hmac.compare_digest(candidate.hex(), digest)


def audit(
    conn: Any, kind: str, *, at: float, actor: str | None, subject: str | None, detail: str
) -> None:
    """Append to the audit trail inside the caller's transaction."""
    conn.execute(
        "INSERT INTO audit (at, kind, actor, subject, detail) VALUES (?, ?, ?, ?, ?)",
        (at, kind, actor, subject, detail),
    )


def duration(seconds: float) -> str:
    """A lockout's length as the message and the audit trail show it (``5 min``, ``2 h 00 min``)."""
    minutes = max(1, round(seconds / 60))
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


@dataclass(frozen=True, slots=True)
class PinCheck:
    """What one :meth:`PinLockout._check_pin` found (the transaction is committed by then)."""

    known: bool
    ok: bool = False
    locked_until: float = 0.0
    tries_left: int = 0

    def until_text(self) -> str:
        """The lockout's end as the clock on the wall shows it."""
        return time.strftime("%H:%M", time.localtime(self.locked_until))


class PinLockout:
    """The PIN check with its lockout, over one journal table keyed by ``name``.

    Subclasses name the table and the audit kind written when a name gets locked; both are
    fixed class constants (never user input), which is why they may go into the SQL.  With
    ``_hide_unknown_names`` an unknown name is checked against a dummy hash made up front, so
    it costs the same scrypt as a known one and the time taken does not tell which names exist.
    """

    _table: ClassVar[str]
    _locked_kind: ClassVar[str]
    _hide_unknown_names: ClassVar[bool] = False

    def __init__(
        self,
        journal: Journal,
        *,
        max_tries: int = 5,
        lockout_seconds: float = 300.0,
        clock: Callable[[], float] = time.time,
        scrypt_n: int = SCRYPT_N,
    ) -> None:
        self._journal = journal
        self.max_tries = max_tries
        self.lockout_seconds = lockout_seconds
        self._clock = clock
        self._n = scrypt_n
        self._dummy = hash_pin("not-a-pin-000", n=scrypt_n) if self._hide_unknown_names else None

    def _count_failure(
        self, conn: Any, name: str, row: tuple[Any, ...], now: float
    ) -> tuple[float, int]:
        """Count one wrong PIN (inside the check's transaction); lock and audit at the limit."""
        failed, lockouts = int(row[1]) + 1, int(row[3])
        table = self._table
        if failed < self.max_tries:
            conn.execute(f"UPDATE {table} SET failed_tries = ? WHERE name = ?", (failed, name))  # noqa: S608 - fixed table
            return 0.0, self.max_tries - failed
        span = min(self.lockout_seconds * 2 ** min(lockouts, 16), MAX_LOCKOUT_SECONDS)
        conn.execute(
            f"UPDATE {table} SET failed_tries = 0, locked_until = ?, lockouts = lockouts + 1 "  # noqa: S608 - fixed table
            "WHERE name = ?",
            (now + span, name),
        )
        detail = f"{failed} wrong PINs; lockout {lockouts + 1} for {duration(span)}"
        audit(conn, self._locked_kind, at=now, actor=None, subject=name, detail=detail)
        return now + span, 0

    def _check_pin(self, name: str, pin: str) -> PinCheck:
        """Read, check and count in one ``BEGIN IMMEDIATE`` transaction.

        A right PIN clears the count and the escalation.
        """
        table = self._table
        with self._journal.transaction() as conn:
            row = conn.execute(
                f"SELECT pin_hash, failed_tries, locked_until, lockouts FROM {table} "  # noqa: S608 - fixed table
                "WHERE name = ?",
                (name,),
            ).fetchone()
            now = self._clock()
            if row is None:
                if self._dummy is not None:
                    check_pin(pin, self._dummy)
                return PinCheck(known=False, tries_left=self.max_tries)
            until = float(row[2])
            if until > now:
                return PinCheck(known=True, locked_until=until)
            if check_pin(pin, str(row[0])):
                conn.execute(
                    f"UPDATE {table} SET failed_tries = 0, locked_until = 0, lockouts = 0 "  # noqa: S608 - fixed table
                    "WHERE name = ?",
                    (name,),
                )
                return PinCheck(known=True, ok=True, tries_left=self.max_tries)
            locked_until, tries_left = self._count_failure(conn, name, row, now)
            return PinCheck(known=True, locked_until=locked_until, tries_left=tries_left)

    def _lock_duration(self, check: PinCheck) -> str:
        """How long a lockout found by ``check`` still lasts, read after the commit."""
        return duration(check.locked_until - self._clock())
