"""No journal read on the GUI thread: the start-up recovery lists open rows on the worker,
so a large journal never freezes the window's first paint."""

from __future__ import annotations

import threading

from pos_app.engine.states import TxMode


def test_start_up_recovery_reads_the_journal_off_the_gui_thread(qtbot, services, make_window):
    journal = services.journal
    journal.create(
        out_trade_no="T1NEVERSENT1", sale_id="S", mode=TxMode.CPM, till_id="T1",
        cashier="Ann", txamt=100, currency="HKD", pay_type="800208",
    )  # fmt: skip
    calls: list[bool] = []
    real = journal.unfinished

    def watched():
        calls.append(threading.current_thread() is threading.main_thread())
        return real()

    journal.unfinished = watched  # type: ignore[method-assign]
    make_window()
    qtbot.waitUntil(lambda: journal.get("T1NEVERSENT1").state.is_final, timeout=10000)
    assert calls and not any(calls), calls
