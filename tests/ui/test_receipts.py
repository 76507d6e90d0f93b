"""Receipts after a paid sale or a refund, and on reprint: off the GUI thread, never on the
money path.  Real engine, real training gateway, the real TextFilePrinter and escpos Dummy."""

from __future__ import annotations

import threading

import pytest
from escpos.printer import Dummy
from PySide6.QtCore import Qt

from pos_app.devices.printers import EscposPrinter, PrinterError, TextFilePrinter
from pos_app.engine.states import TxState
from pos_app.ui.app import build_printer
from pos_app.ui.sale_screen import SaleState


def sell(qtbot, window, amount: str, code: str):
    screen = window.sale_screen
    screen.setFocus()
    for char in amount:
        qtbot.keyClick(screen, char)
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    window.controller.scanned_auth_code(code)
    qtbot.waitUntil(lambda: screen.state is SaleState.RESULT, timeout=10_000)
    return window.controller.last_outcome


def wait_printed(qtbot, window):
    qtbot.waitUntil(lambda: not window.receipts.worker.in_flight(), timeout=5000)


def test_paid_sale_prints_a_training_receipt(qtbot, make_window, services, codes, tmp_path):
    path = tmp_path / "receipts.txt"
    services.printer = TextFilePrinter(path)
    window = make_window()
    with qtbot.waitSignal(window.receipts.printed, timeout=10_000) as printed:
        outcome = sell(qtbot, window, "12.34", codes.paid)
    assert printed.args == [outcome.out_trade_no]
    text = path.read_text(encoding="utf-8")
    assert outcome.syssn in text and "HKD 12.34" in text
    assert "TRAINING" in text
    assert codes.paid not in text  # only the masked payment code is printed
    assert text.count(TextFilePrinter.SEPARATOR) == 1


def test_declined_sale_prints_nothing(qtbot, make_window, services, codes, tmp_path):
    path = tmp_path / "receipts.txt"
    services.printer = TextFilePrinter(path)
    window = make_window()
    assert sell(qtbot, window, "8", codes.declined).state is TxState.DECLINED
    wait_printed(qtbot, window)
    assert not path.exists()


def test_auto_print_off_prints_only_on_reprint(qtbot, make_window, services, codes, tmp_path):
    path = tmp_path / "receipts.txt"
    services.printer = TextFilePrinter(path)
    services.auto_print = False
    window = make_window()
    outcome = sell(qtbot, window, "5", codes.paid)
    wait_printed(qtbot, window)
    assert not path.exists()
    window.reprint(window.services.journal.get(outcome.out_trade_no))
    assert outcome.syssn in window.last_receipt  # still shown on screen
    qtbot.waitUntil(lambda: path.exists() and outcome.syssn in path.read_text(), timeout=5000)


def test_printer_error_is_a_notice_and_the_sale_stays_paid(qtbot, make_window, services, codes):
    class Jammed:
        def print_receipt(self, receipt):
            self.thread = threading.current_thread()
            raise PrinterError("paper out")

        def print_lines(self, lines):
            raise PrinterError("paper out")

    jammed = Jammed()
    services.printer = jammed
    window = make_window()
    with qtbot.waitSignal(window.receipts.failed, timeout=10_000):
        outcome = sell(qtbot, window, "9.90", codes.paid)
    assert jammed.thread is not threading.main_thread()  # printed off the GUI thread
    assert outcome.state is TxState.PAID
    assert window.services.journal.get(outcome.out_trade_no).state is TxState.PAID
    assert window.sale_screen.panel.title.text() == "PAID"
    assert window.error_label.isVisible()
    assert "could not be printed" in window.error_label.text()
    # The till goes on: the next sale starts normally.
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_Return)
    assert window.sale_screen.state is SaleState.ENTRY


def test_refund_prints_a_refund_receipt_on_escpos(qtbot, make_window, services, codes):
    dummy = Dummy()
    services.printer = EscposPrinter(lambda: dummy, close_after_job=False)
    window = make_window()
    sale = sell(qtbot, window, "30", codes.paid)
    wait_printed(qtbot, window)
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_Return)
    window.open_refund(sale.syssn)
    dialog = window.refund_dialog
    qtbot.waitUntil(lambda: dialog.refund_button.isEnabled(), timeout=5000)
    dialog.amount_edit.setText("10")
    dialog.manager_box.setCurrentText(codes.manager)
    dialog.pin_edit.setText(codes.pin)
    with qtbot.waitSignal(window.receipts.printed, timeout=10_000) as printed:
        dialog.submit()
    refund = window.services.journal.get(printed.args[0])
    assert refund.state is TxState.REFUNDED
    output = dummy.output.decode("cp437", errors="replace")
    assert "REFUND" in output and "HKD 10.00" in output and sale.syssn in output
    # The sale line now shows what is left, not the amount before the refund.
    qtbot.waitUntil(lambda: "HKD 20.00" in dialog.sale_label.text(), timeout=5000)


@pytest.mark.parametrize(("training", "name"), [(True, "training-receipts.txt")])
def test_training_till_without_printer_writes_the_data_dir(tmp_path, training, name):
    from pos_app.settings import default_settings

    printer = build_printer(default_settings("T1"), tmp_path, training=training)
    assert isinstance(printer, TextFilePrinter)
    assert printer.path == tmp_path / name


def test_reprint_is_marked_copy_and_the_first_print_is_not(
    qtbot, make_window, services, codes, tmp_path
):
    path = tmp_path / "receipts.txt"
    services.printer = TextFilePrinter(path)
    window = make_window()
    with qtbot.waitSignal(window.receipts.printed, timeout=10_000):
        outcome = sell(qtbot, window, "12.34", codes.paid)
    assert "COPY / 副本" not in path.read_text(encoding="utf-8")
    with qtbot.waitSignal(window.receipts.printed, timeout=10_000):
        window.reprint(window.services.journal.get(outcome.out_trade_no))
    assert "COPY / 副本" in window.last_receipt  # on screen
    first, again = path.read_text(encoding="utf-8").split(TextFilePrinter.SEPARATOR)[:2]
    assert "COPY / 副本" not in first
    assert "COPY / 副本" in again


def test_sale_recovered_as_paid_prints_its_receipt(qtbot, make_window, services, codes, tmp_path):
    from pos_app.engine.states import TxMode

    # The last run sent a payment the customer paid, then stopped before hearing the answer.
    journal, engine = services.journal, services.engine
    number = "T1CRASHED0001"
    journal.create(
        out_trade_no=number,
        sale_id=engine.new_sale_id(),
        mode=TxMode.CPM,
        till_id="T1",
        cashier="Ann",
        txamt=6600,
        currency="HKD",
        pay_type="800008",
        auth_code=codes.paid[-4:],
    )
    journal.transition(number, TxState.SENT)
    engine.client.pay(
        out_trade_no=number, txamt=6600, txcurrcd="HKD", pay_type="800008", auth_code=codes.paid
    )
    path = tmp_path / "receipts.txt"
    services.printer = TextFilePrinter(path)
    window = make_window(recover_on_start=False)
    with qtbot.waitSignal(window.recovery_finished, timeout=10_000) as blocker:
        window.start_recovery()
    ((_before, after),) = blocker.args[0]
    assert after.state is TxState.PAID
    qtbot.waitUntil(path.exists, timeout=5000)
    text = path.read_text(encoding="utf-8")
    assert after.syssn in text and "HKD 66.00" in text
    assert "COPY" not in text
