"""Managers who may authorise refunds, with PINs kept as slow salted hashes.

A PIN has only 10^4..10^8 values, so a fast hash would fall to brute force the moment the
journal file is copied.  scrypt makes each guess cost memory and time; its parameters are
stored beside each hash so they can be raised later without breaking old PINs.  Wrong PINs
are counted *in the journal* (not in memory) so restarting the till does not reset the
lockout.

Who may change managers: only a manager.  Adding a manager, changing or resetting a PIN,
lifting a lockout and removing a manager all need an existing manager's name and PIN; the
very first manager of a till is the one exception (there is nobody to ask), and the last
manager cannot be removed (which would re-open that exception to anyone).

The lockout cannot be raced: reading the failure count, checking the PIN and writing the
new count happen in one ``BEGIN IMMEDIATE`` transaction, so parallel guesses are counted one
after another.  Lockouts escalate (5 minutes, then 10, 20... up to a day) until a right PIN
or another manager lifts them.  Every change and every lockout is written to the journal's
append-only ``audit`` table in the same commit as the change itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pos_app.engine.errors import InputRefusedError, ManagerAuthError, ManagerLockedError
from pos_app.engine.journal import Journal
from pos_app.engine.names import manager_name
from pos_app.i18n import QT_TRANSLATE_NOOP

#: scrypt cost: 2**14 x 8 x 1 is ~16 MiB and tens of milliseconds per guess.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1


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


#: PIN rules: at least 6 digits (a million values), or a passphrase.
MIN_PIN_DIGITS = 6
MAX_PIN_DIGITS = 12
MIN_PASSPHRASE = 10
MAX_PASSPHRASE = 128
#: Escalation: each lockout doubles the last, up to a day.
MAX_LOCKOUT_SECONDS = 24 * 3600.0

R_PIN_RULE = QT_TRANSLATE_NOOP(
    "engine", "A PIN is 6 to 12 digits, or a passphrase of 10 to 128 characters."
)
R_WRONG = QT_TRANSLATE_NOOP("engine", "Wrong manager name or PIN.")
R_LOCKED = QT_TRANSLATE_NOOP(
    "engine",
    "Too many wrong PINs: manager {name} is locked for {duration} (until {until}). "
    "Another manager can lift the lock now (manager unlock), or wait until then.",
)
R_NEED_MANAGER = QT_TRANSLATE_NOOP(
    "engine", "Only a manager can do this: give an existing manager's name and PIN."
)
R_EXISTS = QT_TRANSLATE_NOOP(
    "engine", "There is already a manager called {name}; change their PIN instead."
)
R_NO_SUCH = QT_TRANSLATE_NOOP("engine", "There is no manager called {name}.")
R_LAST = QT_TRANSLATE_NOOP("engine", "The last manager cannot be removed.")


def validate_pin(pin: str) -> str:
    """6 to 12 ASCII digits, or a passphrase of 10 to 128 printable characters."""
    if pin.isascii() and pin.isdigit():
        if MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS:
            return pin
        raise InputRefusedError(R_PIN_RULE)
    if MIN_PASSPHRASE <= len(pin) <= MAX_PASSPHRASE and pin.isprintable() and pin.strip():
        return pin
    raise InputRefusedError(R_PIN_RULE)


def _duration(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


@dataclass(frozen=True, slots=True)
class ManagerInfo:
    """A manager as listed to the UI (never the hash)."""

    name: str
    locked_until: float
    failed_tries: int
    lockouts: int = 0


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the append-only audit trail (manager changes, lockouts)."""

    id: int
    at: float
    kind: str
    actor: str | None
    subject: str | None
    detail: str


def audit(
    conn: Any, kind: str, *, at: float, actor: str | None, subject: str | None, detail: str
) -> None:
    """Append to the audit trail inside the caller's transaction."""
    conn.execute(
        "INSERT INTO audit (at, kind, actor, subject, detail) VALUES (?, ?, ?, ?, ?)",
        (at, kind, actor, subject, detail),
    )


class ManagerStore:
    """add / change / unlock / remove / list / verify managers, stored in the journal file."""

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
        self._dummy = hash_pin("not-a-pin-000", n=scrypt_n)

    # -- authorisation ---------------------------------------------------------------------

    def count(self) -> int:
        """How many managers exist (0: the next one added needs nobody's approval)."""
        with self._journal.transaction() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM managers").fetchone()[0])

    def _authorise(self, by: str | None, by_pin: str | None) -> str:
        if not by or by_pin is None:
            raise ManagerAuthError(R_NEED_MANAGER, tries_left=self.max_tries)
        return self.verify(by, by_pin)

    def _hash(self, pin: str) -> str:
        return hash_pin(validate_pin(pin), n=self._n)

    # -- changes -----------------------------------------------------------------------------

    def add(self, name: str, pin: str, *, by: str | None = None, by_pin: str | None = None) -> None:
        """Add a manager.  Needs an existing manager (``by``/``by_pin``) unless none exists.

        Never overwrites: an existing name is refused (``change_pin`` is the way to a new PIN).
        """
        name = manager_name(name)
        stored = self._hash(pin)
        actor = self._authorise(by, by_pin) if self.count() else None
        with self._journal.transaction() as conn:
            count = int(conn.execute("SELECT COUNT(*) FROM managers").fetchone()[0])
            taken = conn.execute("SELECT 1 FROM managers WHERE name = ?", (name,)).fetchone()
            allowed = actor is not None or count == 0  # the first manager needs nobody
            if allowed and taken is None:
                now = self._clock()
                conn.execute(
                    "INSERT INTO managers (name, pin_hash, failed_tries, locked_until, created_at) "
                    "VALUES (?, ?, 0, 0, ?)",
                    (name, stored, now),
                )
                what = "first manager" if actor is None else f"added by {actor}"
                audit(conn, "manager_added", at=now, actor=actor, subject=name, detail=what)
        if not allowed:
            raise ManagerAuthError(R_NEED_MANAGER, tries_left=self.max_tries)
        if taken is not None:
            raise InputRefusedError(R_EXISTS.format(name=name))

    def change_pin(self, name: str, pin: str, *, by: str, by_pin: str) -> None:
        """A new PIN: the manager themselves (old PIN as ``by_pin``) or another manager (reset).

        Clears the failure count and any lockout, and says so in the audit trail.
        """
        stored = self._hash(pin)
        actor = self._authorise(by, by_pin)
        kind = "manager_pin_changed" if actor == name else "manager_pin_reset"
        self._update(
            name,
            "pin_hash = ?, failed_tries = 0, locked_until = 0, lockouts = 0",
            (stored,),
            kind,
            actor,
        )

    def unlock(self, name: str, *, by: str, by_pin: str) -> None:
        """Another manager lifts a lockout (and the escalation) at once."""
        actor = self._authorise(by, by_pin)
        self._update(
            name, "failed_tries = 0, locked_until = 0, lockouts = 0", (), "manager_unlocked", actor
        )

    def _update(
        self, name: str, assignments: str, values: tuple[Any, ...], kind: str, actor: str
    ) -> None:
        with self._journal.transaction() as conn:
            changed = conn.execute(
                f"UPDATE managers SET {assignments} WHERE name = ?",  # noqa: S608 - fixed clauses
                (*values, name),
            ).rowcount
            if changed:
                audit(conn, kind, at=self._clock(), actor=actor, subject=name, detail=f"by {actor}")
        if not changed:
            raise InputRefusedError(R_NO_SUCH.format(name=name))

    def remove(self, name: str, *, by: str | None = None, by_pin: str | None = None) -> bool:
        """Remove a manager (needs a manager); True if there was one.  Never the last one.

        Past refunds keep the name in the journal's trail.
        """
        actor = self._authorise(by, by_pin)
        with self._journal.transaction() as conn:
            if not conn.execute("SELECT 1 FROM managers WHERE name = ?", (name,)).fetchone():
                return False
            if int(conn.execute("SELECT COUNT(*) FROM managers").fetchone()[0]) <= 1:
                last = True
            else:
                last = False
                conn.execute("DELETE FROM managers WHERE name = ?", (name,))
                audit(
                    conn,
                    "manager_removed",
                    at=self._clock(),
                    actor=actor,
                    subject=name,
                    detail=f"by {actor}",
                )
        if last:
            raise InputRefusedError(R_LAST)
        return True

    # -- reading -----------------------------------------------------------------------------

    def audit_trail(self) -> list[AuditEntry]:
        """Every manager change and lockout, oldest first."""
        with self._journal.transaction() as conn:
            rows = conn.execute(
                "SELECT id, at, kind, actor, subject, detail FROM audit ORDER BY id"
            ).fetchall()
        return [AuditEntry(int(r[0]), float(r[1]), r[2], r[3], r[4], r[5]) for r in rows]

    def list(self) -> list[ManagerInfo]:
        """All managers by name."""
        with self._journal.transaction() as conn:
            rows = conn.execute(
                "SELECT name, locked_until, failed_tries, lockouts FROM managers ORDER BY name"
            ).fetchall()
        return [ManagerInfo(r[0], float(r[1]), int(r[2]), int(r[3])) for r in rows]

    def _count_failure(
        self, conn: Any, name: str, row: tuple[Any, ...], now: float
    ) -> tuple[float, int]:
        """Count one wrong PIN (inside verify's transaction); lock and audit at the limit."""
        failed, lockouts = int(row[1]) + 1, int(row[3])
        if failed < self.max_tries:
            conn.execute("UPDATE managers SET failed_tries = ? WHERE name = ?", (failed, name))
            return 0.0, self.max_tries - failed
        span = min(self.lockout_seconds * 2 ** min(lockouts, 16), MAX_LOCKOUT_SECONDS)
        conn.execute(
            "UPDATE managers SET failed_tries = 0, locked_until = ?, lockouts = lockouts + 1 "
            "WHERE name = ?",
            (now + span, name),
        )
        detail = f"{failed} wrong PINs; lockout {lockouts + 1} for {_duration(span)}"
        audit(conn, "manager_locked", at=now, actor=None, subject=name, detail=detail)
        return now + span, 0

    def verify(self, name: str, pin: str) -> str:
        """Return the manager's name if the PIN is right; raise otherwise.

        Unknown names and wrong PINs give the same message (and cost the same scrypt), so the
        screen does not confirm which names exist.  Read, check and count happen in one
        ``BEGIN IMMEDIATE`` transaction: parallel guesses queue up and every one is counted.
        """
        locked_until = 0.0
        tries_left = self.max_tries
        ok = False
        with self._journal.transaction() as conn:
            row = conn.execute(
                "SELECT pin_hash, failed_tries, locked_until, lockouts FROM managers "
                "WHERE name = ?",
                (name,),
            ).fetchone()
            now = self._clock()
            if row is None:
                check_pin(pin, self._dummy)
            else:
                stored, until = str(row[0]), float(row[2])
                if until > now:
                    locked_until = until
                elif check_pin(pin, stored):
                    ok = True
                    conn.execute(
                        "UPDATE managers SET failed_tries = 0, locked_until = 0, lockouts = 0 "
                        "WHERE name = ?",
                        (name,),
                    )
                else:
                    locked_until, tries_left = self._count_failure(conn, name, row, now)
        if ok:
            return name
        if locked_until:
            until_text = time.strftime("%H:%M", time.localtime(locked_until))
            message = R_LOCKED.format(
                name=name, duration=_duration(locked_until - self._clock()), until=until_text
            )
            raise ManagerLockedError(message, locked_until=locked_until)
        raise ManagerAuthError(R_WRONG, tries_left=tries_left)
