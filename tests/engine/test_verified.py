"""The journal's check on open is skipped only for a file a clean close vouches for (issues 8
and 12), and damage found while running stops the till like a failed check: real files, real
SQLite, real processes killed with SIGKILL.

Whether an open ran ``PRAGMA quick_check`` is seen by tracing the statements SQLite runs on the
journal's own connection (no timing)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app.engine import Journal, TxState
from pos_app.engine.storage import (
    R_NOT_SENT,
    JournalDamagedError,
    JournalStorageError,
    backups_dir,
)
from pos_app.engine.verified import MAX_UNCHECKED_SECONDS, is_damage, verified_marker

from .conftest import fill_journal


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every SQL statement the journal's connections run, in order."""
    seen: list[str] = []
    real = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr("pos_app.engine.journal.sqlite3.connect", connect)
    yield seen


def _checks(seen: list[str]) -> int:
    return sum("quick_check" in s.lower() for s in seen)


def _opened(path: Path, seen: list[str]) -> tuple[Journal, int]:
    """Open the journal; return it with the number of full checks the open ran."""
    before = _checks(seen)
    journal = Journal(path)
    return journal, _checks(seen) - before


def _made(tmp_path: Path, rows: int = 300) -> Path:
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        fill_journal(journal, rows)
    assert verified_marker(path).exists()
    return path


def _damage_table(path: Path) -> None:
    """Garble the transactions table's root page in place (same inode, same size)."""
    conn = sqlite3.connect(path)
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'transactions'"
    ).fetchone()
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page)
        handle.write(b"\xff" * 16)
    assert path.stat().st_size == size


def _forge_marker(path: Path) -> None:
    """What silent disk damage looks like: the bytes changed, the metadata did not.

    Rewrites the marker to match the damaged file, as if the change had left the file's
    inode, size, mtime and ctime alone."""
    marker = verified_marker(path)
    data = json.loads(marker.read_text())
    st = path.stat()
    data.update(size=st.st_size, mtime_ns=st.st_mtime_ns, ctime_ns=st.st_ctime_ns)
    marker.write_text(json.dumps(data))


def _set_checked_at(path: Path, value: float) -> None:
    marker = verified_marker(path)
    data = json.loads(marker.read_text())
    data["checked_at"] = value
    marker.write_text(json.dumps(data))


def test_a_clean_close_then_reopen_skips_the_full_check(
    tmp_path: Path, statements: list[str]
) -> None:
    path = _made(tmp_path)
    journal, checks = _opened(path, statements)
    assert checks == 0 and not journal.checked_in_full
    assert not verified_marker(path).exists()  # gone while the journal is open
    assert len(journal.unfinished()) == 300
    fill_journal(journal, 2, prefix="T2N")
    journal.close()
    journal, checks = _opened(path, statements)  # its own writes, cleanly closed: still clean
    assert checks == 0
    journal.close()
    assert verified_marker(path).stat().st_mode & 0o777 == 0o600


def test_a_new_journal_is_checked_and_a_marker_is_private(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    journal = Journal(path)
    assert journal.checked_in_full
    journal.close()
    data = json.loads(verified_marker(path).read_text())
    assert data["ino"] == path.stat().st_ino and data["size"] == path.stat().st_size
    assert 0 <= time.time() - data["checked_at"] < 60


def test_bytes_changed_after_a_clean_close_are_caught(tmp_path: Path) -> None:
    path = _made(tmp_path)
    _damage_table(path)
    with pytest.raises(JournalDamagedError) as info:
        Journal(path)
    assert "damaged" in info.value.message and "recover" in info.value.message


def test_restoring_the_mtime_after_changing_bytes_is_still_caught(tmp_path: Path) -> None:
    """``utime`` can put the mtime back; it cannot put the ctime back (the kernel sets it)."""
    path = _made(tmp_path)
    marker = json.loads(verified_marker(path).read_text())
    _damage_table(path)
    os.utime(path, ns=(path.stat().st_atime_ns, marker["mtime_ns"]))
    assert path.stat().st_mtime_ns == marker["mtime_ns"]
    assert path.stat().st_size == marker["size"]
    with pytest.raises(JournalDamagedError):
        Journal(path)


def test_a_kill_9_leaves_no_marker_and_the_next_open_checks_in_full(
    tmp_path: Path, statements: list[str]
) -> None:
    path = _made(tmp_path, rows=3)
    code = (
        "import sys, time\n"
        "from pos_app.engine import Journal, TxMode\n"
        "j = Journal(sys.argv[1])\n"
        "j.create(out_trade_no='K1', sale_id='K', mode=TxMode.CPM, till_id='T1', cashier='amy',"
        " txamt=5, currency='HKD', pay_type='800208')\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        assert not verified_marker(path).exists()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    journal, checks = _opened(path, statements)
    assert checks == 1 and journal.checked_in_full
    assert journal.get("K1") is not None  # the killed process's committed row survived
    journal.close()


def test_a_close_while_another_process_has_the_journal_open_writes_no_marker(
    tmp_path: Path, statements: list[str]
) -> None:
    """Window + CLI on one data dir: the CLI's clean close must not vouch for a file the
    window is still writing (then kills, or damages behind its back)."""
    path = _made(tmp_path, rows=3)
    window, _ = _opened(path, statements)
    code = "import sys; from pos_app.engine import Journal; Journal(sys.argv[1]).close()"
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
    assert not verified_marker(path).exists()
    fill_journal(window, 2, prefix="W")
    window.close()  # the last connection: now the file is as a clean close left it
    assert verified_marker(path).exists()
    journal, checks = _opened(path, statements)
    assert checks == 0
    journal.close()


@pytest.mark.parametrize(
    ("age", "checked"),
    [(MAX_UNCHECKED_SECONDS + 60, 1), (MAX_UNCHECKED_SECONDS - 3600, 0), (-3600, 1)],
    ids=["older-than-a-day", "within-a-day", "from-the-future"],
)
def test_a_marker_is_trusted_for_a_day_at_most(
    tmp_path: Path, statements: list[str], age: float, checked: int
) -> None:
    path = _made(tmp_path, rows=3)
    _set_checked_at(path, time.time() - age)
    journal, checks = _opened(path, statements)
    assert checks == checked
    journal.close()


def test_a_skipped_check_carries_the_last_full_check_time_over(tmp_path: Path) -> None:
    """Opening and closing every hour must not keep a file unchecked for ever."""
    path = _made(tmp_path, rows=3)
    old = time.time() - 3600
    _set_checked_at(path, old)
    Journal(path).close()
    assert json.loads(verified_marker(path).read_text())["checked_at"] == old


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe garbage",
        b"[]",
        b"{}",
        b'{"version": 1, "ino": "x", "dev": 1, "size": 1, "mtime_ns": 1, "ctime_ns": 1, '
        b'"checked_at": 1}',
        b'{"version": 99}',
    ],
)
def test_a_corrupt_marker_means_a_full_check_never_an_error(
    tmp_path: Path, statements: list[str], content: bytes
) -> None:
    path = _made(tmp_path, rows=3)
    verified_marker(path).write_bytes(content)
    journal, checks = _opened(path, statements)
    assert checks == 1
    journal.close()
    journal, checks = _opened(path, statements)  # a good marker again after the clean close
    assert checks == 0
    journal.close()


def _silently_damaged(tmp_path: Path) -> Path:
    path = _made(tmp_path)
    with Journal(path) as journal:
        journal.transition("T1N00007", TxState.SENT)
    _damage_table(path)
    _forge_marker(path)
    return path


def test_a_bad_page_read_while_running_stops_the_till(tmp_path: Path) -> None:
    path = _silently_damaged(tmp_path)
    journal = Journal(path)  # the forged marker vouches for it: the check is skipped
    assert not journal.checked_in_full
    with pytest.raises(JournalDamagedError) as info:
        journal.unfinished()
    assert "damaged" in info.value.message and str(backups_dir(path)) in info.value.message
    assert not info.value.in_flight
    # A read touched no sale: it says nothing of one (another thread's may be in flight).
    assert R_NOT_SENT not in info.value.message
    journal.close()
    assert not verified_marker(path).exists()  # the next open checks in full, and refuses
    with pytest.raises(JournalDamagedError):
        Journal(path)


def test_a_bad_page_hit_by_a_write_of_a_sent_payment_is_in_flight(tmp_path: Path) -> None:
    path = _silently_damaged(tmp_path)
    journal = Journal(path)
    with pytest.raises(JournalDamagedError) as info:
        journal.transition("T1N00007", TxState.PAID)
    assert info.value.in_flight and info.value.out_trade_no == "T1N00007"
    assert "do not take it again" in info.value.message
    journal.close()
    assert not verified_marker(path).exists()


def test_a_full_disk_is_a_storage_error_not_damage(tmp_path: Path) -> None:
    path = _made(tmp_path, rows=1)
    journal = Journal(path)
    pages = journal.pragma("page_count")
    with journal.transaction() as conn:
        conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(JournalStorageError):
        for n in range(200):
            journal.record("T1N00000", "note", "x" * 4000 + str(n))
    journal.close()
    assert verified_marker(path).exists()  # nothing is wrong with the file itself
    full = sqlite3.OperationalError("database or disk is full")
    assert not is_damage(full)
    assert not is_damage(sqlite3.OperationalError("attempt to write a readonly database"))
    assert is_damage(sqlite3.DatabaseError("database disk image is malformed"))


def test_a_backup_is_made_only_of_a_journal_that_just_passed_the_check(
    tmp_path: Path, statements: list[str]
) -> None:
    path = _made(tmp_path, rows=3)
    journal, checks = _opened(path, statements)
    assert checks == 0
    before = _checks(statements)
    good = journal.backup()
    assert _checks(statements) == before + 1  # the check ran before the copy
    journal.close()
    _damage_table(path)
    _forge_marker(path)
    journal = Journal(path)
    with pytest.raises(JournalDamagedError):
        journal.backup()  # backup_if_due (at start) and the day close both come here
    journal.close()
    assert list(backups_dir(path).iterdir()) == [good]  # the good copy was not rotated out
    assert not verified_marker(path).exists()


def test_damage_under_an_open_journal_is_found_when_a_page_is_read(tmp_path: Path) -> None:
    """No marker involved: the disk goes bad while the till runs (checked in full at open)."""
    path = _made(tmp_path)
    journal = Journal(path)
    _damage_table(path)
    other = sqlite3.connect(path)  # a write elsewhere makes the till re-read its pages
    other.execute("PRAGMA user_version = 0")
    other.execute(f"PRAGMA user_version = {journal.schema_version}")
    other.close()
    with pytest.raises(JournalDamagedError) as info:
        journal.unfinished()
    assert "damaged" in info.value.message and "recover" in info.value.message
    journal.close()
    assert not verified_marker(path).exists()
