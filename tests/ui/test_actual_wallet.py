"""A generic CPM sale (800008, the till's default) shows the wallet the gateway named, not
"QR wallet": on the result screen, the customer display, the receipt, in history and in
the day's totals (issue 10, "State").  Real engine, real training gateway over HTTP."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from pos_app.devices.printers import TextFilePrinter
from pos_app.engine.day_reports import x_report
from pos_app.engine.states import TxState
from pos_app.ui.history_model import row_texts
from pos_app.ui.i18n import install_translator
from pos_app.ui.sale_screen import SaleState

#: Training: a code beginning 13 is a WeChat Pay code (pos_app/training/wallets.py).
WECHAT_CODE = "134567890123450000"
#: No wallet uses 99: the answer names no wallet and the till keeps saying "QR wallet".
UNNAMED_CODE = "994567890123450000"


def sell(qtbot, window, amount: str, code: str):
    screen = window.sale_screen
    screen.setFocus()
    for char in amount:
        qtbot.keyClick(screen, char)
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    window.controller.scanned_auth_code(code)
    qtbot.waitUntil(lambda: screen.state is SaleState.RESULT, timeout=10_000)
    return window.controller.last_outcome


def test_an_800008_sale_shows_wechat_pay_everywhere(qtbot, make_window, services, tmp_path):
    assert services.cpm_pay_type() == "800008"
    path = tmp_path / "receipts.txt"
    services.printer = TextFilePrinter(path)
    window = make_window()
    window.show_customer_display()
    with qtbot.waitSignal(window.receipts.printed, timeout=10_000):
        outcome = sell(qtbot, window, "12.34", WECHAT_CODE)
    assert outcome.state is TxState.PAID and outcome.pay_type == "800008"
    detail = window.sale_screen.panel.detail.text()
    assert "WeChat Pay" in detail and "QR wallet" not in detail
    assert "WeChat Pay" in window.customer_display.wallet_label.text()
    receipt = path.read_text(encoding="utf-8")
    assert "WeChat Pay" in receipt and "QR wallet" not in receipt
    rec = services.journal.get(outcome.out_trade_no)
    assert "WeChat Pay" in row_texts(rec)
    (line,) = x_report(services.journal, till_id="T1").lines
    assert line.wallet == "WeChat Pay"  # the day's totals group by the actual wallet


def test_an_unnamed_wallet_still_says_qr_wallet(qtbot, make_window):
    window = make_window()
    outcome = sell(qtbot, window, "3", UNNAMED_CODE)
    assert outcome.state is TxState.PAID
    assert "QR wallet" in window.sale_screen.panel.detail.text()


def test_the_actual_wallet_is_translated(qtbot, qapp, make_window):
    translator = install_translator(qapp, "zh_HK")
    assert translator is not None
    try:
        window = make_window()
        sell(qtbot, window, "7", WECHAT_CODE)
        assert "微信支付" in window.sale_screen.panel.detail.text()
    finally:
        QCoreApplication.removeTranslator(translator)
