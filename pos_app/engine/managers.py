"""Managers who may authorise refunds, with PINs kept as slow salted hashes.

A PIN has only 10^4..10^8 values, so a fast hash would fall to brute force the moment the
journal file is copied.  scrypt makes each guess cost memory and time; its parameters are
stored beside each hash so they can be raised later without breaking old PINs.  Wrong PINs
are counted *in the journal* (not in memory) so restarting the till does not reset the
lockout.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from pos_app.engine.errors import InputRefusedError, ManagerAuthError, ManagerLockedError
from pos_app.engine.journal import Journal
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


def validate_pin(pin: str) -> str:
    """4 to 8 digits, nothing else."""
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise InputRefusedError(QT_TRANSLATE_NOOP("engine", "A PIN is 4 to 8 digits."))
    return pin


@dataclass(frozen=True, slots=True)
class ManagerInfo:
    """A manager as listed to the UI (never the hash)."""

    name: str
    locked_until: float
    failed_tries: int


class ManagerStore:
    """add / remove / list / verify managers, stored in the journal file."""

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

    def add(self, name: str, pin: str) -> None:
        """Add a manager or change an existing manager's PIN (clears any lockout)."""
        name = name.strip()
        if not name:
            raise InputRefusedError(QT_TRANSLATE_NOOP("engine", "A manager needs a name."))
        stored = hash_pin(validate_pin(pin), n=self._n)
        with self._journal.transaction() as conn:
            conn.execute(
                "INSERT INTO managers (name, pin_hash, failed_tries, locked_until, created_at) "
                "VALUES (?, ?, 0, 0, ?) ON CONFLICT(name) DO UPDATE SET "
                "pin_hash = excluded.pin_hash, failed_tries = 0, locked_until = 0",
                (name, stored, self._clock()),
            )

    def remove(self, name: str) -> bool:
        """Remove a manager; True if there was one.  Past refunds keep the name in the trail."""
        with self._journal.transaction() as conn:
            return conn.execute("DELETE FROM managers WHERE name = ?", (name,)).rowcount > 0

    def list(self) -> list[ManagerInfo]:
        """All managers by name."""
        with self._journal.transaction() as conn:
            rows = conn.execute(
                "SELECT name, locked_until, failed_tries FROM managers ORDER BY name"
            ).fetchall()
        return [ManagerInfo(r[0], float(r[1]), int(r[2])) for r in rows]

    def verify(self, name: str, pin: str) -> str:
        """Return the manager's name if the PIN is right; raise otherwise.

        Unknown names and wrong PINs give the same message, so the screen does not confirm
        which names exist.  Each wrong PIN is committed before answering.
        """
        with self._journal.transaction() as conn:
            row = conn.execute(
                "SELECT pin_hash, failed_tries, locked_until FROM managers WHERE name = ?",
                (name,),
            ).fetchone()
        wrong = QT_TRANSLATE_NOOP("engine", "Wrong manager name or PIN.")
        if row is None:
            raise ManagerAuthError(wrong, tries_left=self.max_tries)
        stored, failed, locked_until = str(row[0]), int(row[1]), float(row[2])
        now = self._clock()
        if locked_until > now:
            raise ManagerLockedError(
                QT_TRANSLATE_NOOP("engine", "Too many wrong PINs: this manager is locked."),
                locked_until=locked_until,
            )
        if check_pin(pin, stored):
            with self._journal.transaction() as conn:
                conn.execute(
                    "UPDATE managers SET failed_tries = 0, locked_until = 0 WHERE name = ?",
                    (name,),
                )
            return name
        failed = 0 if locked_until and locked_until <= now else failed
        failed += 1
        lock = now + self.lockout_seconds if failed >= self.max_tries else 0.0
        with self._journal.transaction() as conn:
            conn.execute(
                "UPDATE managers SET failed_tries = ?, locked_until = ? WHERE name = ?",
                (0 if lock else failed, lock, name),
            )
        if lock:
            raise ManagerLockedError(
                QT_TRANSLATE_NOOP("engine", "Too many wrong PINs: this manager is locked."),
                locked_until=lock,
            )
        raise ManagerAuthError(wrong, tries_left=self.max_tries - failed)
