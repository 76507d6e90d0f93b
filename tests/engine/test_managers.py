"""Managers: scrypt PIN hashes, verification, and a lockout that survives a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_app.engine import (
    InputRefusedError,
    Journal,
    ManagerAuthError,
    ManagerLockedError,
    ManagerStore,
)
from pos_app.engine.managers import check_pin, hash_pin


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_hash_is_salted_scrypt_with_parameters() -> None:
    first, second = hash_pin("1234", n=2**10), hash_pin("1234", n=2**10)
    assert first != second and first.startswith("scrypt$1024$8$1$")
    assert "1234" not in first.split("$", 4)[-1]
    assert check_pin("1234", first) and not check_pin("1235", first)
    assert not check_pin("1234", "md5$abc")


def test_add_list_verify_remove(journal: Journal) -> None:
    store = ManagerStore(journal, scrypt_n=2**10)
    store.add("Mei", "123456")
    store.add("Raj", "0000")
    assert [m.name for m in store.list()] == ["Mei", "Raj"]
    assert store.verify("Mei", "123456") == "Mei"
    with pytest.raises(ManagerAuthError) as info:
        store.verify("Mei", "654321")
    assert info.value.tries_left == 4
    with pytest.raises(ManagerAuthError):
        store.verify("Nobody", "123456")
    assert store.remove("Raj") and not store.remove("Raj")
    with journal.transaction() as conn:
        stored = conn.execute("SELECT pin_hash FROM managers").fetchone()[0]
    assert "123456" not in stored


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "１２３４"])
def test_pin_rules(journal: Journal, pin: str) -> None:
    with pytest.raises(InputRefusedError):
        ManagerStore(journal, scrypt_n=2**10).add("Mei", pin)


def test_lockout_after_five_wrong_pins_persists_across_restart(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "j.sqlite3"
    with Journal(path) as journal:
        store = ManagerStore(journal, clock=clock, scrypt_n=2**10)
        store.add("Mei", "2468")
        for left in (4, 3, 2, 1):
            with pytest.raises(ManagerAuthError) as info:
                store.verify("Mei", "1111")
            assert info.value.tries_left == left
        with pytest.raises(ManagerLockedError) as locked:
            store.verify("Mei", "1111")
        assert locked.value.locked_until == clock.now + 300
    with Journal(path) as journal:
        store = ManagerStore(journal, clock=clock, scrypt_n=2**10)
        with pytest.raises(ManagerLockedError):
            store.verify("Mei", "2468")  # even the right PIN waits out the lockout
        clock.now += 301
        assert store.verify("Mei", "2468") == "Mei"
        assert store.list()[0].failed_tries == 0
