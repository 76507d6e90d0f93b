"""A journal that stays fast after years: figures on a journal of 1,000,000 transactions.

Builds the journal itself (100 closed business days of 10,000 rows each, the last day still
open, a few rows still in flight), then times what a till does every day against the
targets of issue 12.  Prints figures; never fails on timing.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pos_app.engine.day_reports import x_report
from pos_app.engine.history import HistoryFilter, page
from pos_app.engine.journal import Journal
from pos_app.engine.states import TxMode, TxState
from pos_app.engine.verified import drop_verified

ROWS = int(os.environ.get("QFPAY_BENCH_ROWS", "1000000"))
PER_DAY = 10_000
PAY_TYPES = ("800208", "800108", "801510", "800201", "800101")
STATES = ["PAID"] * 90 + ["DECLINED"] * 5 + ["REVERSED"] * 3 + ["CLOSED"] * 2


def _build(path: Path, rows: int) -> Journal:
    journal = Journal(path)
    rng = random.Random(12)
    start = time.time() - rows / PER_DAY * 86_400
    days = max(1, rows // PER_DAY)

    def gen():  # one business day per PER_DAY rows; the last day stays open (z NULL)
        for i in range(rows):
            day = i // PER_DAY
            at = start + i * 86_400 / PER_DAY
            refund = i % 50 == 49
            yield (
                f"B{i:012d}",
                f"S{i // 2:012d}",
                "REFUND" if refund else ("MPM" if i % 5 == 3 else "CPM"),
                "T1",
                f"cashier{i % 4}",
                rng.randint(100, 100_000),
                "HKD",
                PAY_TYPES[i % len(PAY_TYPES)],
                f"**************{i % 10_000:04d}",
                "REFUNDED" if refund else STATES[i % len(STATES)],
                f"2026{i:016d}",
                "0000",
                at,
                at,
                time.strftime("%Y-%m-%d", time.localtime(at)),
                day + 1 if day < days - 1 else None,
            )

    with journal.transaction() as conn:
        conn.executemany(
            "INSERT INTO transactions (out_trade_no, sale_id, mode, till_id, cashier, txamt, "
            "currency, pay_type, auth_code, state, syssn, respcd, created_at, updated_at, "
            "local_day, z_number) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            gen(),
        )
        for number in range(1, days):
            conn.execute(
                "INSERT INTO z_reports (number, till_id, closed_at, closed_by, opened_at, "
                "tx_count, snapshot) VALUES (?, 'T1', ?, 'bench', NULL, ?, '{}')",
                (number, start + number * 86_400, PER_DAY),
            )
    for k in range(5):  # a few payments still in flight
        journal.create(
            out_trade_no=f"OPEN{k}",
            sale_id=f"SO{k}",
            mode=TxMode.CPM,
            till_id="T1",
            cashier="amy",
            txamt=100,
            currency="HKD",
            pay_type="800208",
        )
    return journal


def _median_ms(fn: Callable[[], object], runs: int = 30) -> float:
    fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def _startup_ms(path: Path) -> float:
    """What the window does with the journal before its first paint: open it, list open rows."""

    def once() -> None:
        with Journal(path) as journal:
            journal.unfinished()

    return _median_ms(once, runs=10)


def _startup_checked_ms(path: Path) -> float:
    """The same after a crash, or once a day: no clean-close marker, so a full quick_check."""

    def once() -> None:
        drop_verified(path)
        with Journal(path) as journal:
            journal.unfinished()

    return _median_ms(once, runs=3)


def _gui_page_ms(journal: Journal, flt: HistoryFilter) -> tuple[float, float, float]:
    """What the lazy history model does on the GUI thread per page: insert rows it was
    handed (read and formatted on the worker), then one paint of the visible rows; and the
    same paint with a plain ``QStandardItemModel`` holding the same texts (Qt's own cost).
    Returns (worst insert, median paint, median baseline paint) in milliseconds."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    from pos_app.ui.history_model import PAGE, HistoryModel, row_texts
    from pos_app.ui.worker import Worker

    app = QApplication.instance() or QApplication([])
    pages = []
    key = None
    for _ in range(30):
        chunk = page(journal, flt, after=key, limit=PAGE)
        pages.append((key, chunk, [row_texts(r) for r in chunk.rows]))
        key = chunk.next_key
    model = HistoryModel(journal, Worker())
    view = QTableView()
    view.setModel(model)
    view.resize(1100, 600)
    view.show()
    app.processEvents()
    inserts, paints = [], []
    for after, chunk, texts in pages:
        t0 = time.perf_counter()
        model._arrived(model._generation, after, chunk, texts)
        t1 = time.perf_counter()
        view.viewport().repaint()
        inserts.append(t1 - t0)
        paints.append(time.perf_counter() - t1)
    view.close()
    plain = QStandardItemModel()
    base = QTableView()
    base.setModel(plain)
    base.resize(1100, 600)
    base.show()
    app.processEvents()
    baseline = []
    for _after, _chunk, texts in pages:
        for cells in texts:
            plain.appendRow([QStandardItem(text) for text in cells])
        t1 = time.perf_counter()
        base.viewport().repaint()
        baseline.append(time.perf_counter() - t1)
    base.close()
    return (
        max(inserts) * 1000,
        statistics.median(paints[1:]) * 1000,
        statistics.median(baseline[1:]) * 1000,
    )


def _row(name: str, value: float, target: str) -> None:
    print(f"  {name:<44} {value:9.2f} ms   target {target}")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="qfpay-journal-bench-"))
    t0 = time.perf_counter()
    journal = _build(work / "big.sqlite3", ROWS)
    print(f"  built a journal of {ROWS:,} rows in {time.perf_counter() - t0:.1f} s")
    empty = Journal(work / "empty.sqlite3")
    empty.close()
    _row("unfinished() (5 open rows)", _median_ms(journal.unfinished), "< 5 ms")
    _row(
        "X/Z report over the open day (10,000 rows)",
        _median_ms(lambda: x_report(journal, till_id="T1")),
        "< 20 ms",
    )
    last = journal.read("SELECT MAX(created_at) FROM transactions", ())[0][0]
    day = HistoryFilter(start=last - 86_400, end=last + 1)
    first = page(journal, day, limit=100)
    _row(
        "history: first page of a day (100 rows)",
        _median_ms(lambda: page(journal, day, limit=100)),
        "< 5 ms",
    )
    _row(
        "history: next page (keyset, 100 rows)",
        _median_ms(lambda: page(journal, day, after=first.next_key, limit=100)),
        "< 5 ms",
    )
    everything = HistoryFilter(descending=True)
    deep = page(journal, everything, limit=100)
    _row(
        f"history: a page of all {ROWS:,} rows, newest first",
        _median_ms(lambda: page(journal, everything, after=deep.next_key, limit=100)),
        "< 5 ms",
    )
    found = HistoryFilter(text="2026" + f"{ROWS // 2:016d}")
    _row(
        "history: search by syssn over all rows", _median_ms(lambda: page(journal, found)), "< 5 ms"
    )
    last4 = HistoryFilter(start=last - 86_400, end=last + 1, text="0042")
    _row(
        "history: last four digits within a day", _median_ms(lambda: page(journal, last4)), "< 5 ms"
    )
    insert, paint, plain = _gui_page_ms(journal, everything)
    _row("GUI thread: insert a fetched page (worst of 30)", insert, "< 16 ms (one frame)")
    _row("GUI thread: paint the visible rows (median)", paint, f"≈ plain Qt model {plain:.2f} ms")
    journal.close()
    big, small = _startup_ms(work / "big.sqlite3"), _startup_ms(work / "empty.sqlite3")
    _row("start-up journal work, empty journal", small, "same as 1M")
    _row("start-up journal work, 1M-row journal", big, f"≈ {small:.2f} ms")
    _row(
        "  the same after a crash or a day (full check)",
        _startup_checked_ms(work / "big.sqlite3"),
        "O(size), not every start",
    )
    journal = Journal(work / "big.sqlite3")
    for k in range(5):
        journal.transition(f"OPEN{k}", TxState.PAID)
    from pos_app.engine.day_reports import close_day

    t0 = time.perf_counter()
    report = close_day(journal, till_id="T1", manager="bench")
    print(
        f"  Z close incl. stamping {report.tx_count:,} rows: "
        f"{(time.perf_counter() - t0) * 1000:.1f} ms (once, with its fsync)"
    )
    journal.close()
