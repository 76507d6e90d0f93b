"""Review of issue 7 in the window: a refusal after the payment left is never "NOT SENT"."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_app.ui.sale_screen import SaleState


def test_a_config_refusal_while_the_payment_is_in_flight_is_not_shown_as_not_sent(
    qtbot, window, codes, gateway
):
    """The payment left (answered 1143); the enquiry is then refused 1108 (the key).

    Before: the window said "NOT SENT / Nothing was charged. Press Enter and try again."
    while the customer was confirming the payment in their wallet.
    """
    gateway.faults.add("respcd", endpoint="/trade/v1/query", respcd="1108", times=None)
    screen = window.sale_screen
    screen.setFocus()
    for char in "9":
        qtbot.keyClick(screen, char)
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    window.controller.scanned_auth_code(codes.password)
    qtbot.waitUntil(lambda: screen.state is SaleState.RESULT, timeout=10_000)
    assert screen.panel.title.text() == "NEEDS ATTENTION"
    assert "Nothing was charged" not in screen.panel.hint.text()
