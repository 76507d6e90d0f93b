"""The journal file: durability settings, migrations, the append-only trail, and queries."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from pos_app.engine import Journal, JournalError, TxMode, TxRecord, TxState
from pos_app.engine.day_reports import x_report
from pos_app.engine.schema import MIGRATIONS, SCHEMA_VERSION


def add(journal: Journal, otn: str, **kw: object) -> TxRecord:
    args: dict[str, object] = {
        "out_trade_no": otn,
        "sale_id": "S1",
        "mode": TxMode.CPM,
        "till_id": "T1",
        "cashier": "amy",
        "txamt": 1000,
        "currency": "HKD",
        "pay_type": "800208",
    }
    args.update(kw)
    return journal.create(**args)  # type: ignore[arg-type]


def test_wal_full_sync_and_version(journal: Journal) -> None:
    assert journal.pragma("journal_mode") == "wal"
    assert journal.pragma("synchronous") == 2  # FULL
    assert journal.schema_version == SCHEMA_VERSION == len(MIGRATIONS)


def test_an_older_file_is_upgraded_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "\nPRAGMA user_version=1;")
    conn.execute(
        "INSERT INTO transactions (out_trade_no, sale_id, mode, till_id, cashier, txamt, "
        "currency, pay_type, state, created_at, updated_at, local_day) VALUES "
        "('OLD1', 'S', 'CPM', 'T', 'c', 5, 'HKD', '800208', 'PAID', 1, 1, '2026-01-01')"
    )
    conn.commit()
    conn.close()
    with Journal(path) as journal:
        assert journal.schema_version == SCHEMA_VERSION
        rec = journal.get("OLD1")
        assert rec is not None and rec.state is TxState.PAID
        with journal.transaction() as c:  # the managers table arrived with step 2
            assert c.execute("SELECT COUNT(*) FROM managers").fetchone()[0] == 0


def test_no_index_filters_with_an_in_list(journal: Journal) -> None:
    """A partial index ``WHERE state IN (a, b, c)`` made every write to ``transactions`` build
    a throwaway table (0.14 ms each, two per payment); step 7 spells it with OR terms."""
    indexes = journal.read("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
    filtered = {name: sql for name, sql in indexes if sql and " WHERE " in sql.upper()}
    assert "transactions_open" in filtered
    assert all(" IN " not in sql.upper() for sql in filtered.values()), filtered


def test_a_file_at_step_6_gets_the_open_index_rebuilt_and_keeps_open_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "six.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript("\n".join(MIGRATIONS[:6]) + "\nPRAGMA user_version=6;")
    conn.execute(
        "INSERT INTO transactions (out_trade_no, sale_id, mode, till_id, cashier, txamt, "
        "currency, pay_type, state, created_at, updated_at, local_day) VALUES "
        "('OPEN6', 'S', 'CPM', 'T', 'c', 5, 'HKD', '800208', 'UNKNOWN', 1, 1, '2026-01-01')"
    )
    conn.commit()
    conn.close()
    with Journal(path) as journal:
        assert journal.schema_version == SCHEMA_VERSION
        assert [r.out_trade_no for r in journal.unfinished()] == ["OPEN6"]
        (sql,) = journal.read("SELECT sql FROM sqlite_master WHERE name = 'transactions_open'")[0]
        assert "OR state = 'CANCELLING'" in sql
        names = {row[0] for row in journal.read("SELECT name FROM sqlite_master")}
        assert "transactions_day" not in names and "transactions_orig" in names
        today = datetime.fromtimestamp(1).date()  # OPEN6 was made at t=1
        assert [r.out_trade_no for r in journal.history(today)] == ["OPEN6"]


def test_a_file_that_is_not_sqlite_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is certainly not a database" * 100)
    with pytest.raises(JournalError) as info:
        Journal(path)
    assert "not a till journal" in info.value.message


def test_a_newer_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(JournalError, match="newer"):
        Journal(path)


def test_events_are_append_only(journal: Journal) -> None:
    add(journal, "A1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), journal.transaction() as c:
        c.execute("UPDATE events SET detail = 'rewritten'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), journal.transaction() as c:
        c.execute("DELETE FROM events")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"), journal.transaction() as c:
        c.execute("DELETE FROM transactions")
    assert [e.kind for e in journal.events("A1")] == ["created"]


def test_transitions_are_committed_and_audited(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal(path) as journal:
        add(journal, "A1", manager=None)
        journal.transition("A1", TxState.SENT)
        journal.record("A1", "request", "payment")
        journal.transition("A1", TxState.PAID, syssn="SYS1", respcd="0000", reason="ok")
        with pytest.raises(ValueError, match="not allowed"):
            journal.transition("A1", TxState.REVERSED)
    # a second connection (another process after a crash) sees everything
    with Journal(path) as again:
        rec = again.get("A1")
        assert rec is not None and rec.state is TxState.PAID and rec.syssn == "SYS1"
        trail = again.events("A1")
        assert [e.kind for e in trail] == ["created", "transition", "request", "transition"]
        assert trail[-1].state is TxState.PAID and trail[-1].respcd == "0000"
        assert trail[0].at <= trail[-1].at


def test_unmasked_auth_codes_and_bad_numbers_are_refused(journal: Journal) -> None:
    with pytest.raises(ValueError, match="masked"):
        add(journal, "A1", auth_code="134567890123450000")
    with pytest.raises(ValueError, match="letters or digits"):
        add(journal, "A-1")
    with pytest.raises(ValueError, match="letters or digits"):
        add(journal, "A" * 129)
    add(journal, "A2", auth_code="**************0000")
    with pytest.raises(sqlite3.IntegrityError):
        add(journal, "A2")


def test_queries(journal: Journal) -> None:
    add(journal, "P1", txamt=1000)
    journal.transition("P1", TxState.PAID, syssn="S-P1")
    add(journal, "P2", txamt=500, pay_type="800201", mode=TxMode.MPM)
    journal.transition("P2", TxState.PAID, syssn="S-P2")
    add(journal, "P3", txamt=700)
    journal.transition("P3", TxState.DECLINED)
    add(journal, "O1", txamt=300)  # still open
    add(journal, "R1", txamt=200, mode=TxMode.REFUND, orig_syssn="S-P1", manager="mei")
    journal.transition("R1", TxState.REFUNDED, syssn="S-R1")
    add(journal, "R2", txamt=100, mode=TxMode.REFUND, orig_syssn="S-P1", manager="mei")
    add(journal, "R3", txamt=600, mode=TxMode.REFUND, orig_syssn="S-P1", manager="mei")
    journal.transition("R3", TxState.DECLINED)
    add(journal, "N1", txamt=900)
    journal.transition("N1", TxState.NEEDS_ATTENTION, reason="double")

    assert [r.out_trade_no for r in journal.unfinished()] == ["O1", "R2"]
    today = datetime.now().date()
    assert len(journal.history(today)) == 8
    assert journal.history(date(2000, 1, 1)) == []
    assert [r.out_trade_no for r in journal.refunds_of("S-P1")] == ["R1", "R2", "R3"]
    # refunded 200 + pending 100 count; the declined 600 does not
    assert journal.refundable_remaining("S-P1") == 700
    assert journal.refundable_remaining("S-UNKNOWN") is None
    assert journal.by_syssn("S-P2") is not None and journal.by_syssn("S-R1") is None

    # The day's totals are the X report's (engine/day_reports.py, SQL over the same rows):
    # both pay types are WeChat Pay; only PAID sales and REFUNDED refunds count.
    report = x_report(journal, till_id="T1")
    (line,) = report.lines
    assert (line.wallet, line.currency) == ("WeChat Pay", "HKD")
    assert (line.sales_count, line.sales_amount, line.refund_count, line.refund_amount) == (
        2,
        1500,
        1,
        200,
    )
    assert line.net == 1300
    assert report.net_by_currency() == {"HKD": 1300}
    assert sorted(item.out_trade_no for item in report.open_items) == ["O1", "R2"]
    assert [item.out_trade_no for item in report.attention_items] == ["N1"]
