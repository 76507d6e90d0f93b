"""The customer window on the till's only screen, the training codes, the close question."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from pos_app.engine.states import TxState
from pos_app.ui.closing import CLOSE_NOW, CLOSE_WAIT, CLOSE_WHEN_DONE, CloseQuestion
from tests.ui.test_sale_flows import key_amount, wait_result


def global_rect(widget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_ctrl_k_toggles_and_the_display_never_covers_the_keypad(qtbot, window):
    display = window.customer_display
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(display.isVisible, timeout=3000)
    qtbot.wait(50)  # the till's text moves out of the way (layout pass)
    keypad = window.sale_screen.keypad
    assert keypad.isVisible()
    assert not display.frameGeometry().intersects(global_rect(keypad))
    window.activateWindow()  # (the offscreen platform activates the new window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not display.isVisible(), timeout=3000)


def test_esc_puts_the_customer_window_away_when_no_payment_waits(qtbot, window):
    display = window.customer_display
    display.present()
    qtbot.waitUntil(display.isVisible, timeout=3000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not display.isVisible(), timeout=3000)


def test_cancelled_mpm_sale_shows_the_cancellation_not_the_wallet(qtbot, window):
    key_amount(qtbot, window, "42")
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_F3)  # PayMe
    display = window.customer_display
    qtbot.waitUntil(lambda: display.qr.data() != "", timeout=10_000)
    assert "Scan with" in display.wallet_label.text()
    # Esc while the payment waits cancels the payment (it does not just hide the window).
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_Escape)
    outcome = wait_result(qtbot, window)
    assert outcome.state in (TxState.CLOSED, TxState.REVERSED)
    assert display.result_label.text() == "CANCELLED"
    assert "Scan with" not in display.wallet_label.text()
    assert display.wallet_label.text() == "No payment was taken"


def test_training_codes_are_on_the_till_screen(window):
    codes = window.training_codes
    assert codes is not None and codes.isVisible()
    for suffix in ("1143", "1201", "9999"):
        assert suffix in codes.text()
    assert "never answers" in codes.text()
    # Which wallet a generic code (800008) is answered with, by its first two digits.
    assert [row.replace("\u00a0", " ") for row in codes.prefix_rows] == [
        "10–15 WeChat Pay",
        "25–30 Alipay",
        "62 UnionPay",
        "any other: no wallet named",
    ]
    assert "Generic code (800008), wallet by the first two digits: 10–15" in codes.text()


def test_close_question_shows_each_choice_in_full(qtbot):
    box = CloseQuestion()
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    for button in box.buttons.values():
        needed = button.fontMetrics().horizontalAdvance(button.text())
        assert button.width() >= needed, button.text()
    assert box.buttons[CLOSE_WAIT].isDefault()
    box.buttons[CLOSE_WHEN_DONE].click()
    assert box.choice == CLOSE_WHEN_DONE
    assert CLOSE_NOW in box.buttons
    assert QApplication.activeModalWidget() is not box
