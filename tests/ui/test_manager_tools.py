"""Refund with a manager PIN, today's history with reprint, and the day-close report."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_app.engine.states import TxMode, TxState
from pos_app.ui.sale_screen import SaleState


def pay(qtbot, window, amount: str, code: str):
    screen = window.sale_screen
    screen.setFocus()
    for char in amount:
        qtbot.keyClick(screen, char)
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    window.controller.scanned_auth_code(code)
    qtbot.waitUntil(lambda: screen.state is SaleState.RESULT, timeout=10_000)
    outcome = window.controller.last_outcome
    assert outcome.state is TxState.PAID
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    return outcome


def test_refund_with_wrong_then_right_pin(qtbot, window, codes):
    sale = pay(qtbot, window, "30", codes.paid)
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.refund_dialog
    assert dialog is not None and dialog.isVisible()
    # A scan while the dialog is open goes to its lookup, not to a payment.
    assert window.scanning.route(sale.syssn).value == "refund_lookup"
    window.on_scanner_code(sale.syssn)
    qtbot.waitUntil(lambda: dialog.refund_button.isEnabled(), timeout=5000)
    assert "HKD 30.00" in dialog.sale_label.text()
    dialog.amount_edit.setText("12.50")
    dialog.manager_box.setCurrentText(codes.manager)
    dialog.pin_edit.setText("0000")
    dialog.submit()
    qtbot.waitUntil(lambda: "Wrong manager name or PIN" in dialog.status_label.text(), timeout=5000)
    assert dialog.pin_edit.text() == ""  # the PIN never lingers in the field
    assert window.services.journal.refunds_of(sale.syssn) == []
    dialog.pin_edit.setText(codes.pin)
    with qtbot.waitSignal(dialog.finished_refund, timeout=10_000) as blocker:
        dialog.submit()
    outcome = blocker.args[0]
    assert outcome.state is TxState.REFUNDED
    assert outcome.txamt == 1250
    assert "REFUNDED HKD 12.50" in dialog.status_label.text()
    (refund,) = window.services.journal.refunds_of(sale.syssn)
    assert refund.manager == codes.manager and refund.mode is TxMode.REFUND
    # What is left is offered next time; more than that is refused locally.
    dialog.set_syssn(sale.syssn)
    qtbot.waitUntil(lambda: "17.50" in dialog.sale_label.text(), timeout=5000)
    dialog.amount_edit.setText("20")
    dialog.submit()
    assert "At most 17.50" in dialog.status_label.text()


def test_history_lists_today_and_reprints(qtbot, window, codes):
    sale = pay(qtbot, window, "4.20", codes.paid)
    printed = []
    window.open_history()
    dialog = window.history_dialog
    dialog._reprint = printed.append
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert dialog.model.index(0, 3).data() == "HKD 4.20"
    assert dialog.model.index(0, 6).data() == sale.syssn
    dialog.reprint_selected()
    assert printed and printed[0].syssn == sale.syssn
    dialog.close()
    window.reprint(printed[0])
    assert sale.syssn in window.last_receipt
    assert "TRAINING" in window.last_receipt
    assert codes.paid not in window.last_receipt  # the payment code is masked


def test_day_close_totals(qtbot, window, codes):
    from pos_app.ui.history import DayCloseDialog

    pay(qtbot, window, "10", codes.paid)
    pay(qtbot, window, "2.50", codes.paid)
    dialog = DayCloseDialog(window.services.journal, window.worker, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.totals is not None, timeout=5000)
    text = dialog.report.toPlainText()
    assert "X REPORT" in text and "HKD 12.50" in text
    assert "All transactions settled" in dialog.summary.text()


def test_refund_of_another_tills_yen_sale_is_read_in_yen(qtbot, window, codes, gateway):
    """Issue 7 #3: the dialog learns the sale (at the gateway) before reading the amount."""
    from pos_app.credentials import training_credentials
    from pos_app.qfpay.client import QFPayClient

    with QFPayClient(training_credentials(), gateway.base_url) as other_till:
        sale = other_till.pay(
            out_trade_no="OTHERTILLJPY",
            txamt=500,
            txcurrcd="JPY",
            pay_type="800208",
            auth_code=codes.paid,
        )
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.refund_dialog
    dialog.set_syssn(sale.syssn)
    qtbot.waitUntil(lambda: dialog.refund_button.isEnabled(), timeout=5000)
    assert "JPY 500" in dialog.sale_label.text()
    assert "JPY" in dialog.amount_title.text()
    dialog.amount_edit.setText("3")
    dialog.manager_box.setCurrentText(codes.manager)
    dialog.pin_edit.setText(codes.pin)
    with qtbot.waitSignal(dialog.finished_refund, timeout=10_000) as blocker:
        dialog.submit()
    outcome = blocker.args[0]
    assert outcome.state is TxState.REFUNDED and outcome.currency == "JPY"
    assert outcome.txamt == 3
    [refund] = gateway.store.refunds_of(sale.syssn)
    assert refund.txamt == 3


def test_refund_of_a_sale_nobody_knows_says_so(qtbot, window, gateway):
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.refund_dialog
    dialog.set_syssn("20261130000000000000000099")
    qtbot.waitUntil(lambda: "No paid sale" in dialog.sale_label.text(), timeout=5000)
    assert not dialog.refund_button.isEnabled()
    assert all(o.order_type != "refund" for o in gateway.store.all())


def test_refund_form_managers_from_the_list_explicit_full_refund_and_reset(qtbot, window, codes):
    sale = pay(qtbot, window, "30", codes.paid)
    window.open_refund(sale.syssn)
    dialog = window.refund_dialog
    qtbot.waitUntil(lambda: dialog.refund_button.isEnabled(), timeout=5000)
    # The manager is chosen from the till's managers, not typed.
    box = dialog.manager_box
    assert [box.itemText(i) for i in range(box.count())] == [codes.manager]
    assert box.currentIndex() == -1 and not box.isEditable()
    # An empty amount is refused (it used to refund everything).
    box.setCurrentText(codes.manager)
    dialog.pin_edit.setText(codes.pin)
    dialog.submit()
    assert "Key the amount to refund" in dialog.status_label.text()
    assert window.services.journal.refunds_of(sale.syssn) == []
    # A full refund is explicit, and the confirmation names the amount in the sale's currency.
    asked: list[str] = []
    dialog.confirm_full_refund = lambda amount: asked.append(amount) or False
    dialog.full_refund()
    assert asked == ["HKD 30.00"]
    assert window.services.journal.refunds_of(sale.syssn) == []  # said no: nothing sent
    dialog.confirm_full_refund = lambda amount: True
    dialog.pin_edit.setText(codes.pin)
    with qtbot.waitSignal(dialog.finished_refund, timeout=10_000) as blocker:
        dialog.full_refund()
    assert blocker.args[0].state is TxState.REFUNDED
    assert blocker.args[0].txamt == 3000
    # The form is reset for the next refund; the outcome line stays.
    assert dialog.amount_edit.text() == ""
    assert dialog.pin_edit.text() == ""
    assert box.currentIndex() == -1
    assert "REFUNDED HKD 30.00" in dialog.status_label.text()
