"""The window stops, as at a failed start, when SQLite reads a damaged journal page while the
till runs (issue 8): a real journal file damaged under the open window, a real SQLite read."""

from __future__ import annotations

import sqlite3

from pos_app.engine.states import TxMode
from pos_app.engine.verified import verified_marker


def test_a_bad_page_read_while_running_stops_the_window(qtbot, services, make_window):
    journal = services.journal
    for n in range(20):
        journal.create(
            out_trade_no=f"T1DONE{n}", sale_id=f"S{n}", mode=TxMode.CPM, till_id="T1",
            cashier="Ann", txamt=100 + n, currency="HKD", pay_type="800208",
        )  # fmt: skip
    window = make_window()
    qtbot.waitUntil(lambda: window.controller is not None, timeout=10000)
    window.worker.wait_for_done(10_000)

    conn = sqlite3.connect(journal.path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'transactions'"
    ).fetchone()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with journal.path.open("r+b") as handle:  # the disk goes bad under the running till
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 16)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA user_version = {version}")  # the till re-reads its pages
    conn.close()

    with qtbot.waitSignal(window.startup_failed, timeout=10000) as blocker:
        window.worker.run(journal.unfinished, label="list open rows")
    message = blocker.args[0]
    assert "damaged" in message and "backups" in message and "recover" in message
    assert not window.isEnabled()  # no further sale on this journal
    assert "damaged" in window.status.currentMessage()
    assert not verified_marker(journal.path).exists()
