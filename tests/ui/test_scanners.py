"""Scanners complete payments: a keyboard wedge at real scanner speed, a serial scanner on a pty."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from pos_app.devices.wedge import WedgeConfig
from pos_app.engine.states import TxState
from pos_app.ui.sale_screen import SaleState

HUMAN_GAP_MS = 70  # a fast cashier; scanners are under 10 ms per key
SCANNER_GAP_MS = 3


def type_keys(widget, text: str, gap_ms: int) -> None:
    for char in text:
        if char == "\r":
            QTest.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, gap_ms)
        else:
            QTest.keyClick(widget, char, Qt.KeyboardModifier.NoModifier, gap_ms)


def test_wedge_scan_pays_and_never_types_into_amount(qtbot, make_window, codes):
    window = make_window(wedge_config=WedgeConfig(max_gap_ms=40, min_length=10))
    screen = window.sale_screen
    screen.setFocus()
    qtbot.waitUntil(lambda: screen.hasFocus(), timeout=2000)
    # A scan at the idle screen is ignored: no digit reaches the amount.
    type_keys(screen, codes.paid + "\r", SCANNER_GAP_MS)
    assert screen.amount_text() == "0.00"
    assert screen.state is SaleState.ENTRY
    # The cashier types the amount at human speed: those keys do reach the amount.
    type_keys(screen, "25.5\r", HUMAN_GAP_MS)
    qtbot.waitUntil(lambda: screen.state is SaleState.READY, timeout=3000)
    assert screen.txamt == 2550
    # The customer's code arrives at scanner speed and becomes the payment code.
    type_keys(screen, codes.paid + "\r", SCANNER_GAP_MS)
    qtbot.waitUntil(lambda: screen.state is SaleState.RESULT, timeout=10_000)
    outcome = window.controller.last_outcome
    assert outcome.state is TxState.PAID
    assert outcome.txamt == 2550
    assert screen.amount_text() == "25.50"
    assert window.scan_filter.pending() == 0


def test_serial_scanner_over_pty_pays(qtbot, make_window, codes):
    from pos_app.devices.serial_qt import SerialScannerBridge
    from pos_app.devices.serial_scanner import SerialScannerConfig

    master, slave = os.openpty()
    try:
        window = make_window()
        bridge = SerialScannerBridge(
            SerialScannerConfig(os.ttyname(slave), 9600, retry_interval_s=0.05), parent=window
        )
        window.attach_serial_scanner(bridge)
        bridge.start()
        qtbot.waitUntil(lambda: bridge.state().value == "connected", timeout=5000)
        assert "connected" in window.status.scanner_label.text().lower()
        screen = window.sale_screen
        screen.setFocus()
        for char in "9.99":
            qtbot.keyClick(screen, char)
        qtbot.keyClick(screen, Qt.Key.Key_Return)
        os.write(master, (codes.paid + "\r\n").encode())
        qtbot.waitUntil(lambda: screen.state is SaleState.RESULT, timeout=10_000)
        assert window.controller.last_outcome.state is TxState.PAID
        assert window.controller.last_outcome.txamt == 999
        # Garbage from the scanner is refused locally: nothing is sent.
        qtbot.keyClick(screen, Qt.Key.Key_Return)
        for char in "5":
            qtbot.keyClick(screen, char)
        qtbot.keyClick(screen, Qt.Key.Key_Return)
        os.write(master, b"HELLO-WORLD\r\n")
        qtbot.waitUntil(lambda: "not a payment code" in screen.hint_label.text(), timeout=5000)
        assert screen.state is SaleState.READY
        bridge.stop()
    finally:
        os.close(master)
        os.close(slave)
