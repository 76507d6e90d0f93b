"""The sync worker: everything once, after outages, replays, interruptions and restarts."""

from __future__ import annotations

import time

import pytest

from pos_app.chain import sync
from pos_app.chain.database import connect
from pos_app.chain.sync import SyncWorker, wait_until_synced

from .tcpcut import CuttableRelay
from .tillkit import Till, journal_counts


def pg_counts(dsn: str, till_id: str = "T1") -> tuple[int, int]:
    with connect(dsn) as conn:
        tx = conn.execute("SELECT COUNT(*) FROM sales WHERE till_id = %s", (till_id,)).fetchone()
        ev = conn.execute(
            "SELECT COUNT(*) FROM sale_events WHERE till_id = %s", (till_id,)
        ).fetchone()
    return int(tx[0]), int(ev[0])


def pg_states(dsn: str) -> dict[str, str]:
    with connect(dsn) as conn:
        return dict(conn.execute("SELECT out_trade_no, state FROM sales").fetchall())


def journal_states(till: Till) -> dict[str, str]:
    with till.journal._lock:
        rows = till.journal._conn.execute("SELECT out_trade_no, state FROM transactions")
        return {r[0]: r[1] for r in rows.fetchall()}


@pytest.fixture
def till(gateway, tmp_path):
    t = Till(gateway, tmp_path)
    yield t
    t.close()


def worker_for(till: Till, dsn: str, **kw) -> SyncWorker:
    return SyncWorker(till.journal_path, dsn, till_id=till.till_id, environment="training", **kw)


def test_everything_is_shipped_once(till, headoffice):
    for cents in (100, 200, 300):
        assert till.pay(cents).paid
    till.decline()
    with worker_for(till, headoffice.dsn, batch_size=4) as worker:
        shipped = worker.sync_all()
        assert worker.sync_all() == 0
    assert shipped == journal_counts(till.journal)[1]
    assert pg_counts(headoffice.dsn) == journal_counts(till.journal)
    assert pg_states(headoffice.dsn) == journal_states(till)


def test_catches_up_after_an_outage_without_loss_or_duplicates(till, headoffice, gateway):
    relay = CuttableRelay(headoffice.cluster.port)
    relay.plug()
    worker = worker_for(till, relay.dsn_for(headoffice.dsn), batch_size=7, interval=0.05)
    worker.max_backoff = 0.2
    worker.start()
    try:
        assert till.pay(111).paid
        assert wait_until_synced(worker)
        relay.cut()  # head office gone: the till carries on alone
        outcomes = [till.pay(1000 + i) for i in range(25)] + [till.decline()]
        assert all(o.paid for o in outcomes[:-1])
        # The 26 sales may finish before the worker's next round notices the cut (a payment
        # is ~1 ms now): wait for it, bounded, rather than race it.
        noticed = time.monotonic() + 10
        while worker.status().connected and time.monotonic() < noticed:
            worker.poke()
            time.sleep(0.02)
        assert not worker.status().connected
        assert worker.status().pending > 0
        assert pg_counts(headoffice.dsn)[0] == 1
        relay.plug()
        assert wait_until_synced(worker, timeout=30)
    finally:
        worker.stop()
        relay.close()
    assert pg_counts(headoffice.dsn) == journal_counts(till.journal)
    assert pg_states(headoffice.dsn) == journal_states(till)


def test_a_batch_replayed_twice_changes_nothing(till, headoffice):
    for cents in (100, 200):
        till.pay(cents)
    with worker_for(till, headoffice.dsn) as worker:
        worker.sync_all()
        before = pg_counts(headoffice.dsn), pg_states(headoffice.dsn)
        for _ in range(2):  # head office restored from an old backup: the cursor went back
            with connect(headoffice.dsn) as conn:
                conn.execute("UPDATE tills SET last_event_id = 0")
            assert worker.sync_all() == journal_counts(till.journal)[1]
            assert (pg_counts(headoffice.dsn), pg_states(headoffice.dsn)) == before


def test_an_older_copy_of_a_row_never_overwrites_a_newer_one(till, headoffice):
    outcome = till.pay(100)
    with worker_for(till, headoffice.dsn) as worker:
        worker.sync_all()
    with connect(headoffice.dsn) as conn:
        row = conn.execute(
            "SELECT environment, till_id, shop, out_trade_no, sale_id, mode, cashier, txamt, "
            "currency, pay_type, 'SENT', syssn, respcd, reason, orig_syssn, manager, "
            "created_at, updated_at - 1, local_day, wallet_pay_type FROM sales"
        ).fetchone()
        conn.execute(sync._UPSERT_SALE, row)  # a stale copy arriving late
    assert pg_states(headoffice.dsn)[outcome.out_trade_no] == "PAID"


class _Interrupted(SyncWorker):
    """Dies after writing a batch but before its commit (a kill or a cable cut)."""

    def _write(self, conn, batch):
        super()._write(conn, batch)
        raise ConnectionError("cable cut mid-batch")


def test_an_interrupted_batch_leaves_nothing_and_is_replayed(till, headoffice):
    for cents in (100, 200, 300):
        till.pay(cents)
    broken = _Interrupted(till.journal_path, headoffice.dsn, till_id="T1", environment="training")
    with broken, pytest.raises(ConnectionError):
        broken.sync_once()
    assert pg_counts(headoffice.dsn) == (0, 0)
    with worker_for(till, headoffice.dsn, batch_size=2) as worker:
        worker.sync_all()
    assert pg_counts(headoffice.dsn) == journal_counts(till.journal)


def test_two_workers_for_one_till_take_turns(till, headoffice):
    for cents in range(100, 120):
        till.pay(cents)
    import threading

    workers = [worker_for(till, headoffice.dsn, batch_size=3) for _ in range(3)]
    threads = [threading.Thread(target=w.sync_all) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for w in workers:
        w.stop()
    assert pg_counts(headoffice.dsn) == journal_counts(till.journal)


def test_a_till_killed_mid_sync_resumes_without_loss_or_duplicates(gateway, headoffice, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from pos_app.engine import Journal

    here = Path(__file__).parent
    env = dict(os.environ, PYTHONPATH=str(here.parent))
    journal_path = tmp_path / "journal-T9.sqlite3"
    Journal(journal_path).close()
    child = subprocess.Popen(
        [
            sys.executable,
            str(here / "till_proc.py"),
            "pay",
            str(journal_path),
            headoffice.dsn,
            gateway.base_url,
            "T9",
            "400",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        paid = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            assert line, "the till process ended early"
            paid += line.startswith("paid")
            if paid >= 15 and pg_counts(headoffice.dsn, "T9")[1] > 0:
                break
        child.send_signal(signal.SIGKILL)  # mid-payment and mid-sync
    finally:
        child.wait(10)
    assert pg_counts(headoffice.dsn, "T9")[0] < 400
    done = subprocess.run(
        [
            sys.executable,
            str(here / "till_proc.py"),
            "sync",
            str(journal_path),
            headoffice.dsn,
            "T9",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert done.stdout.startswith("shipped")
    with Journal(journal_path) as journal:
        assert pg_counts(headoffice.dsn, "T9") == journal_counts(journal)
        with journal._lock:
            rows = journal._conn.execute("SELECT out_trade_no, state FROM transactions").fetchall()
    with connect(headoffice.dsn) as conn:
        shipped = dict(conn.execute("SELECT out_trade_no, state FROM sales").fetchall())
    assert shipped == dict(rows)


def test_a_replaced_journal_is_shipped_from_its_start(gateway, tmp_path, headoffice):
    """A till moved to a new machine (fresh journal, same till id) loses nothing."""
    old = Till(gateway, tmp_path / "old", "T5")
    for cents in range(100, 110):
        old.pay(cents)
    with worker_for(old, headoffice.dsn) as worker:
        worker.sync_all()
    old.close()
    new = Till(gateway, tmp_path / "new", "T5")
    try:
        fresh = new.pay(4242)
        with worker_for(new, headoffice.dsn) as worker:
            worker.sync_all()
        assert pg_states(headoffice.dsn)[fresh.out_trade_no] == "PAID"
        assert pg_counts(headoffice.dsn, "T5")[0] == 11
    finally:
        new.close()
