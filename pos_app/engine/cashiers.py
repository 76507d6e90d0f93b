"""Optional short PINs for cashiers, asked when a cashier starts a shift (issue 11).

A cashier's PIN only keeps one colleague from starting a shift under another's name (the
name goes on every transaction and receipt); it approves nothing, so 4 to 8 digits are
enough.  It is still stored only as the managers' slow scrypt hash
(:func:`pos_app.engine.pin_lockout.hash_pin`), in the journal file (private, 0600) and never in
``settings.json``, which is meant to be copied, shared and exported with diagnostics.

The names themselves stay in the settings (``cashiers``): the shift-start list is read
before the journal is opened, and the list is the same on every till of a shop.  A PIN for a
name that is no longer in the list is simply never asked.

Only a manager sets, changes or clears a cashier's PIN (and that also lifts a lockout).
Wrong PINs are counted in one ``BEGIN IMMEDIATE`` transaction like a manager's, so parallel
guesses cannot race the count; after ``max_tries`` the name is locked, escalating from 5
minutes, and every PIN change and lockout goes into the append-only audit trail.
"""

from __future__ import annotations

from functools import cached_property

from pos_app.engine.errors import InputRefusedError, ManagerAuthError, ManagerLockedError
from pos_app.engine.managers import ManagerStore
from pos_app.engine.names import cashier_name
from pos_app.engine.pin_lockout import PinLockout, audit, hash_pin
from pos_app.i18n import QT_TRANSLATE_NOOP

MIN_CASHIER_PIN = 4
MAX_CASHIER_PIN = 8

R_CASHIER_PIN_RULE = QT_TRANSLATE_NOOP("engine", "A cashier's PIN is 4 to 8 digits.")
R_CASHIER_WRONG = QT_TRANSLATE_NOOP("engine", "Wrong PIN for {name}.")
R_CASHIER_LOCKED = QT_TRANSLATE_NOOP(
    "engine",
    "Too many wrong PINs: {name} is locked for {duration} (until {until}). "
    "A manager can set a new PIN now (cashier set-pin), or wait until then.",
)
R_CASHIER_NO_PIN = QT_TRANSLATE_NOOP("engine", "{name} has no PIN.")


def validate_cashier_pin(pin: str) -> str:
    """4 to 8 ASCII digits."""
    if pin.isascii() and pin.isdigit() and MIN_CASHIER_PIN <= len(pin) <= MAX_CASHIER_PIN:
        return pin
    raise InputRefusedError(R_CASHIER_PIN_RULE)


class CashierPins(PinLockout):
    """set / clear / has / verify cashier PINs in the journal; managers approve changes."""

    _table = "cashier_pins"
    _locked_kind = "cashier_locked"

    @cached_property
    def managers(self) -> ManagerStore:
        """The managers who approve PIN changes, in the same journal (same clock and cost)."""
        return ManagerStore(self._journal, clock=self._clock, scrypt_n=self._n)

    def close(self) -> None:
        """Close the journal (the shift-start dialog opens its own, before the window)."""
        self._journal.close()

    def with_pins(self) -> set[str]:
        """The names that have a PIN (the shift-start dialog asks only them)."""
        with self._journal.transaction() as conn:
            return {str(r[0]) for r in conn.execute("SELECT name FROM cashier_pins")}

    def has_pin(self, name: str) -> bool:
        return name in self.with_pins()

    def set_pin(self, name: str, pin: str, *, by: str, by_pin: str) -> None:
        """A new PIN (and no lockout) for ``name``; a manager (``by``/``by_pin``) approves."""
        validate_cashier_pin(pin)
        self.set_pin_approved(name, pin, actor=self.managers.verify(by, by_pin))

    def set_pin_approved(self, name: str, pin: str, *, actor: str) -> None:
        """As :meth:`set_pin`, for a caller that verified manager ``actor`` itself in this
        session (the settings dialog, opened behind a manager's PIN; the first-run wizard,
        right after creating that manager)."""
        name = cashier_name(name)
        stored = hash_pin(validate_cashier_pin(pin), n=self._n)
        with self._journal.transaction() as conn:
            now = self._clock()
            conn.execute(
                "INSERT INTO cashier_pins (name, pin_hash, set_at) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET pin_hash = excluded.pin_hash, "
                "failed_tries = 0, locked_until = 0, lockouts = 0, set_at = excluded.set_at",
                (name, stored, now),
            )
            audit(conn, "cashier_pin_set", at=now, actor=actor, subject=name, detail=f"by {actor}")

    def clear_pin(self, name: str, *, by: str, by_pin: str) -> None:
        """``name`` starts shifts without a PIN again; a manager approves."""
        actor = self.managers.verify(by, by_pin)
        with self._journal.transaction() as conn:
            gone = conn.execute("DELETE FROM cashier_pins WHERE name = ?", (name,)).rowcount
            if gone:
                detail = f"by {actor}"
                audit(
                    conn,
                    "cashier_pin_cleared",
                    at=self._clock(),
                    actor=actor,
                    subject=name,
                    detail=detail,
                )
        if not gone:
            raise InputRefusedError(R_CASHIER_NO_PIN.format(name=name))

    def verify(self, name: str, pin: str) -> bool:
        """True when ``name`` needs no PIN or ``pin`` is right; raise when it is wrong or locked.

        Read, check and count happen in one ``BEGIN IMMEDIATE`` transaction (as for managers).
        """
        check = self._check_pin(name, pin)
        if check.ok or not check.known:
            return True
        if check.locked_until:
            message = R_CASHIER_LOCKED.format(
                name=name, duration=self._lock_duration(check), until=check.until_text()
            )
            raise ManagerLockedError(message, locked_until=check.locked_until)
        raise ManagerAuthError(R_CASHIER_WRONG.format(name=name), tries_left=check.tries_left)
