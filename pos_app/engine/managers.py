"""Managers who may authorise refunds, with PINs kept as slow salted hashes.

The hashing (scrypt, its parameters stored beside each hash) and the wrong-PIN count kept in
the journal (so a restart does not reset it) are shared with cashiers' PINs and live in
:mod:`pos_app.engine.pin_lockout`.

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

from dataclasses import dataclass
from typing import Any

from pos_app.engine.errors import InputRefusedError, ManagerAuthError, ManagerLockedError
from pos_app.engine.names import manager_name
from pos_app.engine.pin_lockout import (
    MAX_LOCKOUT_SECONDS,
    SCRYPT_N,
    PinLockout,
    audit,
    check_pin,
    hash_pin,
)
from pos_app.i18n import QT_TRANSLATE_NOOP

#: Re-exported: callers and tests have long imported these from here.
__all__ = [
    "MAX_LOCKOUT_SECONDS",
    "SCRYPT_N",
    "AuditEntry",
    "ManagerInfo",
    "ManagerStore",
    "audit",
    "check_pin",
    "hash_pin",
    "validate_pin",
]

#: PIN rules: at least 6 digits (a million values), or a passphrase.
MIN_PIN_DIGITS = 6
MAX_PIN_DIGITS = 12
MIN_PASSPHRASE = 10
MAX_PASSPHRASE = 128

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


class ManagerStore(PinLockout):
    """add / change / unlock / remove / list / verify managers, stored in the journal file."""

    _table = "managers"
    _locked_kind = "manager_locked"
    _hide_unknown_names = True  # an unknown name costs the same scrypt as a wrong PIN

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
        self._insert(name, stored, actor)

    def add_approved(self, name: str, pin: str, *, actor: str) -> None:
        """As :meth:`add`, for a caller that verified manager ``actor``'s PIN itself in this
        session (the settings dialog, opened behind that manager's PIN).

        ``actor`` must still be a manager *of this journal* when the row is written: the
        settings pages can switch to another environment's journal, whose managers are not
        the ones who opened the dialog.
        """
        name = manager_name(name)
        self._insert(name, self._hash(pin), actor, check_actor=True)

    def _insert(
        self, name: str, stored: str, actor: str | None, *, check_actor: bool = False
    ) -> None:
        """Write a new manager in one transaction that re-checks who may add one."""
        with self._journal.transaction() as conn:
            count = int(conn.execute("SELECT COUNT(*) FROM managers").fetchone()[0])
            taken = conn.execute("SELECT 1 FROM managers WHERE name = ?", (name,)).fetchone()
            if check_actor:  # an approver who is no manager here approves nothing
                known = conn.execute("SELECT 1 FROM managers WHERE name = ?", (actor,)).fetchone()
                actor = actor if known else None
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

    def verify(self, name: str, pin: str) -> str:
        """Return the manager's name if the PIN is right; raise otherwise.

        Unknown names and wrong PINs give the same message (and cost the same scrypt), so the
        screen does not confirm which names exist.  Read, check and count happen in one
        ``BEGIN IMMEDIATE`` transaction: parallel guesses queue up and every one is counted.
        """
        check = self._check_pin(name, pin)
        if check.ok:
            return name
        if check.locked_until:
            message = R_LOCKED.format(
                name=name, duration=self._lock_duration(check), until=check.until_text()
            )
            raise ManagerLockedError(message, locked_until=check.locked_until)
        raise ManagerAuthError(R_WRONG, tries_left=check.tries_left)
