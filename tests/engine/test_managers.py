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
    # Salt and digest are fixed-length hex: the PIN is not stored in any field of its own (a
    # substring search would fail by chance, since "1234" is itself hex).
    scheme, n, r, p, salt, digest = first.split("$")
    assert len(salt) == 32 and len(digest) == 128
    assert all(set(part) <= set("0123456789abcdef") for part in (salt, digest))
    assert "1234" not in (scheme, n, r, p)
    assert check_pin("1234", first) and not check_pin("1235", first)
    assert not check_pin("1234", "md5$abc")


def test_add_list_verify_remove(journal: Journal) -> None:
    store = ManagerStore(journal, scrypt_n=2**10)
    store.add("Mei", "123456")
    store.add("Raj", "000000", by="Mei", by_pin="123456")
    assert [m.name for m in store.list()] == ["Mei", "Raj"]
    assert store.verify("Mei", "123456") == "Mei"
    with pytest.raises(ManagerAuthError) as info:
        store.verify("Mei", "654321")
    assert info.value.tries_left == 4
    with pytest.raises(ManagerAuthError):
        store.verify("Nobody", "123456")
    assert store.remove("Raj", by="Mei", by_pin="123456")
    assert not store.remove("Raj", by="Mei", by_pin="123456")
    with journal.transaction() as conn:
        stored = conn.execute("SELECT pin_hash FROM managers").fetchone()[0]
    assert "123456" not in stored


@pytest.mark.parametrize(
    "pin", ["1234", "12345", "1234567890123", "12a4", "", "１２３４５６", "short pw", "x" * 129]
)
def test_pin_rules(journal: Journal, pin: str) -> None:
    with pytest.raises(InputRefusedError, match="6 to 12 digits"):
        ManagerStore(journal, scrypt_n=2**10).add("Mei", pin)


@pytest.mark.parametrize("pin", ["123456", "123456789012", "correct horse battery"])
def test_six_digits_or_a_passphrase(journal: Journal, pin: str) -> None:
    store = ManagerStore(journal, scrypt_n=2**10)
    store.add("Mei", pin)
    assert store.verify("Mei", pin) == "Mei"


def test_only_a_manager_creates_managers_or_changes_pins(journal: Journal) -> None:
    """The probe: 'manager add NAME' asked nothing, overwrote a PIN and cleared a lockout."""
    store = ManagerStore(journal, scrypt_n=2**10)
    store.add("Mei", "135790")  # the first manager: nobody to ask
    with pytest.raises(ManagerAuthError, match="Only a manager"):
        store.add("Eve", "111111")
    with pytest.raises(ManagerAuthError):
        store.add("Eve", "111111", by="Mei", by_pin="000000")
    with pytest.raises(InputRefusedError, match="already a manager"):
        store.add("Mei", "222222", by="Mei", by_pin="135790")  # never an overwrite
    assert store.verify("Mei", "135790") == "Mei"
    store.add("Raj", "246802", by="Mei", by_pin="135790")
    store.change_pin("Raj", "975310", by="Raj", by_pin="246802")
    store.change_pin("Mei", "864200", by="Raj", by_pin="975310")  # a reset by another
    assert store.verify("Mei", "864200") == "Mei"
    assert store.remove("Raj", by="Mei", by_pin="864200")
    with pytest.raises(InputRefusedError, match="last manager"):
        store.remove("Mei", by="Mei", by_pin="864200")
    kinds = [(e.kind, e.actor, e.subject) for e in store.audit_trail()]
    assert kinds == [
        ("manager_added", None, "Mei"),
        ("manager_added", "Mei", "Raj"),
        ("manager_pin_changed", "Raj", "Raj"),
        ("manager_pin_reset", "Raj", "Mei"),
        ("manager_removed", "Mei", "Raj"),
    ]
    with journal.transaction() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute("DELETE FROM audit")


@pytest.mark.parametrize(
    "name", ["", "   ", "x" * 41, "Mei\x1b[2J", "Mei\nRaj", "Mei\u202eRaj", "Mei\u200b", "a\tb"]
)
def test_manager_names_are_validated(journal: Journal, name: str) -> None:
    with pytest.raises(InputRefusedError):
        ManagerStore(journal, scrypt_n=2**10).add(name, "123456")
    assert ManagerStore(journal).list() == []


def test_lockout_after_five_wrong_pins_persists_across_restart(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "j.sqlite3"
    with Journal(path) as journal:
        store = ManagerStore(journal, clock=clock, scrypt_n=2**10)
        store.add("Mei", "246800")
        for left in (4, 3, 2, 1):
            with pytest.raises(ManagerAuthError) as info:
                store.verify("Mei", "111111")
            assert info.value.tries_left == left
        with pytest.raises(ManagerLockedError) as locked:
            store.verify("Mei", "111111")
        assert locked.value.locked_until == clock.now + 300
        assert "5 min" in locked.value.message and "Another manager" in locked.value.message
    with Journal(path) as journal:
        store = ManagerStore(journal, clock=clock, scrypt_n=2**10)
        with pytest.raises(ManagerLockedError):
            store.verify("Mei", "246800")  # even the right PIN waits out the lockout
        clock.now += 301
        assert store.verify("Mei", "246800") == "Mei"
        assert store.list()[0].failed_tries == 0


def test_lockouts_escalate_and_another_manager_can_lift_them(journal: Journal) -> None:
    clock = Clock()
    store = ManagerStore(journal, clock=clock, scrypt_n=2**10)
    store.add("Mei", "246800")
    store.add("Raj", "135700", by="Mei", by_pin="246800")
    spans = []
    for _ in range(3):
        for _ in range(4):
            with pytest.raises(ManagerAuthError):
                store.verify("Mei", "111111")
        with pytest.raises(ManagerLockedError) as locked:
            store.verify("Mei", "111111")
        spans.append(locked.value.locked_until - clock.now)
        clock.now = locked.value.locked_until + 1
    assert spans == [300, 600, 1200]
    for _ in range(5):
        with pytest.raises((ManagerAuthError, ManagerLockedError)):
            store.verify("Mei", "111111")
    store.unlock("Mei", by="Raj", by_pin="135700")
    assert store.verify("Mei", "246800") == "Mei"
    trail = [e.kind for e in store.audit_trail()]
    assert trail.count("manager_locked") == 4 and trail[-1] == "manager_unlocked"


def test_parallel_wrong_pins_are_all_counted(tmp_path: Path) -> None:
    """The probe: 30 parallel guesses were all evaluated and the stored count ended at 1."""
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "j.sqlite3"
    with Journal(path) as setup:
        ManagerStore(setup, scrypt_n=2**12).add("Mei", "246800")
    journals = [Journal(path) for _ in range(6)]  # six connections, as six processes would

    def guess(n: int) -> str:
        store = ManagerStore(journals[n % 6], scrypt_n=2**12, max_tries=10)
        try:
            store.verify("Mei", f"{n:06d}")
        except ManagerLockedError:
            return "locked"
        except ManagerAuthError:
            return "wrong"
        return "right"

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(guess, range(30)))
    for journal in journals:
        journal.close()
    assert answers.count("wrong") == 9  # the tenth guess locks; the other 20 meet the lock
    assert answers.count("locked") == 21
    with Journal(path) as journal:
        (info,) = ManagerStore(journal).list()
        assert info.locked_until > 0 and info.lockouts == 1


def test_add_approved_needs_an_approver_who_is_a_manager_of_this_journal(tmp_path: Path) -> None:
    """The settings dialog checked the approver's PIN itself; the store still refuses an
    approver who is not a manager in the journal written to (nothing added, nothing audited)."""
    with Journal(tmp_path / "j.sqlite") as journal:
        store = ManagerStore(journal, scrypt_n=2**10)
        store.add_approved("Mei", "246800", actor="Nobody")  # an empty journal: the first one
        store.add_approved("Ken", "135790", actor="Mei")
        with pytest.raises(ManagerAuthError):
            store.add_approved("Zed", "135791", actor="Nobody")
        with pytest.raises(InputRefusedError):
            store.add_approved("Ken", "135792", actor="Mei")
        assert [m.name for m in store.list()] == ["Ken", "Mei"]
        added = [(e.subject, e.actor, e.detail) for e in store.audit_trail()]
        assert added == [("Mei", None, "first manager"), ("Ken", "Mei", "added by Mei")]
