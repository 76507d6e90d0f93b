"""No journal read on the GUI thread: the start-up recovery lists open rows on the worker,
so a large journal never freezes the window's first paint."""

from __future__ import annotations

import threading

from pos_app.engine.in_flight import Clocks
from pos_app.engine.states import TxMode, TxState


def test_start_up_recovery_reads_the_journal_off_the_gui_thread(qtbot, services, make_window):
    journal = services.journal
    journal.create(
        out_trade_no="T1NEVERSENT1", sale_id="S", mode=TxMode.CPM, till_id="T1",
        cashier="Ann", txamt=100, currency="HKD", pay_type="800208",
        in_flight=Clocks.of().stamp(0.0),  # its request's window is over
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


def test_a_sale_follows_engine_events_without_reading_the_journal(qtbot, make_window, codes):
    """The controller adopts its attempt by the sale id the engine event carries (issue 12):
    no ``journal.get`` on the GUI thread for every event of a sale."""
    from PySide6.QtCore import Qt

    from pos_app.ui.sale_screen import SaleState

    window = make_window()
    journal = window.services.journal
    on_gui: list[str] = []
    real = journal.get

    def watched(out_trade_no):
        if threading.current_thread() is threading.main_thread():
            on_gui.append(out_trade_no)
        return real(out_trade_no)

    journal.get = watched  # type: ignore[method-assign]
    screen = window.sale_screen
    screen.setFocus()
    for char in "4.20":
        qtbot.keyClick(screen, char)
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    window.controller.scanned_auth_code(codes.password)  # in progress, then paid: many events
    qtbot.waitUntil(lambda: screen.state is SaleState.RESULT, timeout=10_000)
    assert window.controller.last_outcome.state is TxState.PAID
    journal.get = real  # type: ignore[method-assign]
    assert on_gui == [], on_gui
