"""Issue 11: optional cashier PINs: slow hashes in the journal, set by a manager only, asked
at shift start, locked after repeated wrong tries (counted across processes)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pos_app.engine import InputRefusedError, Journal, ManagerAuthError, ManagerLockedError
from pos_app.engine.cashiers import CashierPins
from pos_app.engine.managers import ManagerStore, check_pin


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _pins(journal: Journal, clock: Clock | None = None) -> CashierPins:
    ManagerStore(journal, scrypt_n=2**10).add("Mei", "246800")
    return CashierPins(journal, scrypt_n=2**10, clock=clock or Clock())


def test_a_pin_is_stored_only_as_a_scrypt_hash_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal(path) as journal:
        pins = _pins(journal)
        assert pins.verify("Ann", "") is True  # no PIN: nothing asked
        pins.set_pin("Ann", "4321", by="Mei", by_pin="246800")
        assert pins.with_pins() == {"Ann"} and pins.has_pin("Ann")
        assert pins.verify("Ann", "4321") is True
        with pytest.raises(ManagerAuthError, match="Wrong PIN for Ann"):
            pins.verify("Ann", "1234")
    raw = sqlite3.connect(path).execute("SELECT pin_hash FROM cashier_pins").fetchone()[0]
    assert raw.startswith("scrypt$") and "4321" not in raw and check_pin("4321", raw)


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "１２３４"])
def test_cashier_pin_rules(journal: Journal, pin: str) -> None:
    pins = _pins(journal)
    with pytest.raises(InputRefusedError, match="4 to 8 digits"):
        pins.set_pin("Ann", pin, by="Mei", by_pin="246800")
    assert pins.with_pins() == set()


def test_only_a_manager_sets_or_clears_a_pin(journal: Journal) -> None:
    pins = _pins(journal)
    with pytest.raises(ManagerAuthError):
        pins.set_pin("Ann", "4321", by="Mei", by_pin="000000")
    assert pins.with_pins() == set()
    pins.set_pin("Ann", "4321", by="Mei", by_pin="246800")
    with pytest.raises(ManagerAuthError):
        pins.clear_pin("Ann", by="Ann", by_pin="4321")  # a cashier is not a manager
    pins.clear_pin("Ann", by="Mei", by_pin="246800")
    assert pins.verify("Ann", "") is True
    with pytest.raises(InputRefusedError, match="has no PIN"):
        pins.clear_pin("Ann", by="Mei", by_pin="246800")
    kinds = [e.kind for e in pins.managers.audit_trail()]
    assert kinds[-2:] == ["cashier_pin_set", "cashier_pin_cleared"]


def test_lockout_after_five_wrong_tries_survives_a_restart_and_a_manager_lifts_it(
    tmp_path: Path,
) -> None:
    clock = Clock()
    path = tmp_path / "j.sqlite3"
    with Journal(path) as journal:
        pins = _pins(journal, clock)
        pins.set_pin("Ann", "4321", by="Mei", by_pin="246800")
        for left in (4, 3, 2, 1):
            with pytest.raises(ManagerAuthError) as info:
                pins.verify("Ann", "0000")
            assert info.value.tries_left == left
        with pytest.raises(ManagerLockedError) as locked:
            pins.verify("Ann", "0000")
        assert locked.value.locked_until == clock.now + 300
        assert "5 min" in locked.value.message and "manager" in locked.value.message
    with Journal(path) as journal:
        pins = CashierPins(journal, scrypt_n=2**10, clock=clock)
        with pytest.raises(ManagerLockedError):
            pins.verify("Ann", "4321")  # even the right PIN waits
        pins.set_pin("Ann", "5678", by="Mei", by_pin="246800")  # a manager's reset lifts it
        assert pins.verify("Ann", "5678") is True
        assert "cashier_locked" in [e.kind for e in pins.managers.audit_trail()]


def test_parallel_wrong_pins_are_all_counted(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "j.sqlite3"
    with Journal(path) as setup:
        _pins(setup).set_pin("Ann", "4321", by="Mei", by_pin="246800")
    journals = [Journal(path) for _ in range(4)]

    def guess(n: int) -> str:
        pins = CashierPins(journals[n % 4], scrypt_n=2**10)
        try:
            pins.verify("Ann", f"{9000 + n}")
        except ManagerLockedError:
            return "locked"
        except ManagerAuthError:
            return "wrong"
        return "right"

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(guess, range(20)))
    for journal in journals:
        journal.close()
    assert answers.count("wrong") == 4 and answers.count("locked") == 16
