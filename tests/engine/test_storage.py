"""Damaged, vanished and backed-up journals (issue 8): real files, real SQLite."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pos_app.engine import Journal, TxState
from pos_app.engine.storage import JournalDamagedError, JournalStorageError, marker_for

from .conftest import fill_journal


def test_a_damaged_journal_stops_the_till_with_recovery_steps(tmp_path: Path) -> None:
    """The probe: damaged journals that failed integrity_check still took payments."""
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        fill_journal(journal, 300)
    data = bytearray(path.read_bytes())
    page = 4096
    for number in range(3, len(data) // page, 3):  # garble b-tree page headers
        data[number * page : number * page + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    with pytest.raises(JournalDamagedError) as info:
        Journal(path)
    assert "damaged" in info.value.message and "backups" in info.value.message
    assert "recover" in info.value.message


@pytest.mark.parametrize("how", ["deleted", "emptied"])
def test_a_journal_that_existed_is_never_recreated_silently(tmp_path: Path, how: str) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        fill_journal(journal, 1)
    assert marker_for(path).exists()
    if how == "deleted":
        path.unlink()
    else:
        path.write_bytes(b"")
    with pytest.raises(JournalDamagedError, match="disappeared or was emptied"):
        Journal(path)
    assert not path.exists() or path.stat().st_size == 0  # nothing new was started


def test_backups_use_the_online_api_and_rotate(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        fill_journal(journal, 3)
        copies = [journal.backup() for _ in range(9)]
        assert journal.backup_if_due() is None  # a fresh copy exists
    kept = sorted((tmp_path / "backups").iterdir())
    assert len(kept) == 7 and copies[-1] in kept
    conn = sqlite3.connect(copies[-1])
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM transactions").fetchone()[0] == 3
    conn.close()
    assert all(p.stat().st_mode & 0o077 == 0 for p in kept)


def test_a_storage_failure_in_a_write_is_a_specific_error(tmp_path: Path) -> None:
    """SQLite-layer injection (no mount needed): the file may not grow past its size."""
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        fill_journal(journal, 1)
        journal.transition("T1N00000", TxState.SENT)
        pages = journal.pragma("page_count")
        with journal.transaction() as conn:
            conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(JournalStorageError) as info:
            for n in range(200):
                journal.record("T1N00000", "note", "x" * 4000 + str(n))
        assert info.value.in_flight and info.value.out_trade_no == "T1N00000"
        assert "full" in info.value.message and "recover" in info.value.message
        assert journal.get("T1N00000").state is TxState.SENT  # type: ignore[union-attr]


def test_processes_opening_a_new_journal_together_all_succeed(tmp_path: Path) -> None:
    """Two tills creating the journal at once must not both run the first migration."""
    import subprocess
    import sys

    path = tmp_path / "journal.sqlite3"
    code = (
        "import sys; from pos_app.engine import Journal; Journal(sys.argv[1]).close(); print('ok')"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(8)
    ]  # fmt: skip
    results = [p.communicate(timeout=60) for p in procs]
    assert [out.strip() for out, _ in results] == ["ok"] * 8, [err for _, err in results]
