"""Fewer keystrokes, fewer mistakes: scan confirms the amount, cents mode, the big-sale check."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from pos_app.engine.states import TxState
from pos_app.ui.keypad import AmountBuffer
from pos_app.ui.sale_screen import SaleState
from tests.ui.test_sale_flows import wait_result


def type_keys(qtbot, window, text: str) -> None:
    """Key digits as a cashier does; the wedge filter hands them on once it knows they are
    not a scanner's burst."""
    screen = window.sale_screen
    screen.setFocus()
    before = screen.buffer.text
    for char in text:
        qtbot.keyClick(screen, char)
    qtbot.waitUntil(lambda: screen.buffer.text != before or screen.buffer.full(), timeout=3000)


def test_cents_buffer_shifts_digits_in_and_groups_thousands():
    buf = AmountBuffer(2, cents_mode=True)
    buf.set_text("1234")
    assert buf.display() == "12.34"
    buf.set_text("123450")
    assert buf.display() == "1234.50"
    assert buf.formatted() == "1,234.50"
    buf.set_text("0007")  # leading zeros change nothing
    assert buf.text == "7"
    assert buf.display() == "0.07"
    # A cashier used to the point: "12.5" still means 12.50.
    buf.set_text("12.5")
    assert buf.display() == "12.50"
    buf.clear()
    assert buf.cents  # the next amount is in cents again
    buf.set_text("12345678901234")
    assert buf.full()
    assert buf.text == "12345678901"
    assert not buf.press("5")
    assert AmountBuffer(0, cents_mode=True).cents is False  # no decimals: nothing to shift


def test_scan_with_amount_keyed_but_not_entered_is_a_sale(qtbot, window, codes):
    screen = window.sale_screen
    type_keys(qtbot, window, "23")
    assert screen.state is SaleState.ENTRY
    before = screen.geometry()
    window.on_scanner_code(codes.paid)  # the scanner, with no Enter pressed
    outcome = wait_result(qtbot, window)
    assert outcome.state is TxState.PAID
    assert outcome.txamt == 2300
    assert not window.notice_label.isVisible()
    assert screen.geometry() == before


def test_ignored_scan_notice_does_not_move_the_keys(qtbot, window, codes):
    screen = window.sale_screen
    screen.setFocus()
    before = (screen.geometry(), screen.keypad.geometry())
    window.on_scanner_code(codes.paid)  # nothing keyed: not a sale
    assert window.notice_label.isVisible()
    assert "key the amount first" in window.notice_label.text()
    qtbot.wait(50)
    assert (screen.geometry(), screen.keypad.geometry()) == before
    assert window.controller.running is None


def test_cents_mode_shifts_digits_in_and_groups_thousands(qtbot, make_window, services):
    window = make_window(services=dataclasses.replace(services, cents_mode=True))
    screen = window.sale_screen
    type_keys(qtbot, window, "123450")
    assert screen.amount_label.text() == "1,234.50"
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert screen.state is SaleState.READY
    assert screen.txamt == 123450


def test_digits_past_the_limit_are_refused_visibly(qtbot, window):
    screen = window.sale_screen
    type_keys(qtbot, window, "123456789")
    assert screen.amount_label.text() == "123,456,789.00"
    qtbot.keyClick(screen, "1")
    qtbot.waitUntil(lambda: "No more digits" in screen.hint_label.text(), timeout=3000)
    assert screen.amount_label.text() == "123,456,789.00"
    assert screen.amount_label.property("invalid") == "true"


def test_a_sale_above_the_limit_needs_a_second_enter(qtbot, make_window, services, codes):
    window = make_window(services=dataclasses.replace(services, confirm_above_txamt=50_000))
    screen = window.sale_screen
    type_keys(qtbot, window, "600")
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert screen.state is SaleState.ENTRY
    assert "HKD 600.00 is more than HKD 500.00" in screen.hint_label.text()
    # A scan now is not a sale either: the amount is not confirmed.
    window.on_scanner_code(codes.paid)
    assert window.controller.running is None
    assert screen.state is SaleState.ENTRY
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert screen.state is SaleState.READY
    assert screen.txamt == 60_000
    # Below the limit: one Enter, as always.
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    qtbot.keyClick(screen, Qt.Key.Key_Delete)
    type_keys(qtbot, window, "400")
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert screen.state is SaleState.READY
