"""Every sale flow end to end: keys → worker → engine → training gateway over HTTP → screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_app.engine.states import TxState
from pos_app.ui.sale_screen import SaleState


def key_amount(qtbot, window, text: str) -> None:
    screen = window.sale_screen
    screen.setFocus()
    for char in text:
        qtbot.keyClick(screen, char)
    qtbot.keyClick(screen, Qt.Key.Key_Return)


def wait_result(qtbot, window, timeout=10_000):
    qtbot.waitUntil(lambda: window.sale_screen.state is SaleState.RESULT, timeout=timeout)
    return window.controller.last_outcome


def test_cpm_paid(qtbot, window, services, codes):
    key_amount(qtbot, window, "12.34")
    assert window.sale_screen.state is SaleState.READY
    assert window.sale_screen.txamt == 1234
    window.controller.scanned_auth_code(codes.paid)
    outcome = wait_result(qtbot, window)
    assert outcome.state is TxState.PAID
    assert window.sale_screen.panel.title.text() == "PAID"
    assert "HKD 12.34" in window.sale_screen.panel.detail.text()
    assert outcome.syssn and outcome.syssn in window.sale_screen.panel.detail.text()
    rec = services.journal.get(outcome.out_trade_no)
    assert rec.state is TxState.PAID
    assert codes.paid not in (rec.auth_code or "")


def test_cpm_password_wait_shows_waiting_then_paid(qtbot, window, codes):
    key_amount(qtbot, window, "5")
    messages: list[str] = []
    window.controller.scanned_auth_code(codes.password)
    qtbot.waitUntil(
        lambda: (
            messages.append(window.sale_screen.panel.detail.text())
            or window.sale_screen.state is SaleState.RESULT
        ),
        timeout=10_000,
    )
    assert any("confirm in their wallet" in m for m in messages)
    assert window.controller.last_outcome.state is TxState.PAID


def test_cpm_declined_says_why_and_what_next(qtbot, window, codes):
    key_amount(qtbot, window, "8.80")
    window.controller.scanned_auth_code(codes.declined)
    outcome = wait_result(qtbot, window)
    assert outcome.state is TxState.DECLINED
    assert window.sale_screen.panel.title.text() == "DECLINED"
    assert "another" in window.sale_screen.panel.hint.text()
    assert window.sale_screen.panel.property("outcome") == "declined"


def test_not_a_payment_code_sends_nothing(qtbot, window, gateway):
    key_amount(qtbot, window, "3")
    window.controller.scanned_auth_code("https://example.com/not-a-code")
    assert window.sale_screen.state is SaleState.READY
    assert "not a payment code" in window.sale_screen.hint_label.text()
    assert window.controller.running is None
    assert window.services.journal.unfinished() == []


def test_mpm_paid_via_simulated_scan(qtbot, window, gateway):
    key_amount(qtbot, window, "42")
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_F1)  # first wallet: WeChat Pay
    display = window.customer_display
    qtbot.waitUntil(lambda: display.isVisible() and display.qr.data() != "", timeout=10_000)
    assert "HKD 42.00" in display.amount_label.text()
    assert "WeChat Pay" in display.wallet_label.text()
    assert display.simulate_button.isVisible()
    out_trade_no = window.controller.running.out_trade_no
    assert display.qr.data() == window.services.journal.get(out_trade_no).qrcode
    qtbot.mouseClick(display.simulate_button, Qt.MouseButton.LeftButton)
    outcome = wait_result(qtbot, window)
    assert outcome.state is TxState.PAID
    assert display.result_label.text() == "PAID"
    qtbot.waitUntil(lambda: not display.isVisible(), timeout=5000)


def test_cancel_during_wait_reverses_through_engine(qtbot, window, codes, gateway):
    key_amount(qtbot, window, "19.90")
    window.controller.scanned_auth_code(codes.never)
    qtbot.waitUntil(
        lambda: "confirm in their wallet" in window.sale_screen.panel.detail.text(), timeout=5000
    )
    assert window.sale_screen.cancel_button.isVisible()
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_Escape)
    assert window.sale_screen.panel.title.text() == "CANCELLING"
    outcome = wait_result(qtbot, window)
    assert outcome.state is TxState.REVERSED
    assert window.sale_screen.panel.title.text() == "CANCELLED"
    assert window.services.journal.get(outcome.out_trade_no).state is TxState.REVERSED


def test_cancel_of_a_payment_qfpay_never_got_says_why_it_waits(
    qtbot, make_window, make_services, codes, gateway
):
    """The cashier cancels while QFPay has not answered; QFPay never got the payment.  The
    cancel waits out the time the payment could still arrive: the panel says so (and not
    "cannot reach QFPay", which the cashier's own cancel caused), then CANCELLED."""
    # Rounds half a second apart, as in production, not the fast config's 20 ms: a cancel
    # that waits seconds must not spend the merchant's request budget.
    services = make_services(cancel_give_up=20.0, index_lag=0.5, cancel_intervals=(0.5,))
    window = make_window(services=services)
    gateway.faults.add("timeout", endpoint="/trade/v1/payment", delay=8)  # never booked
    key_amount(qtbot, window, "19.90")
    window.controller.scanned_auth_code(codes.paid)
    qtbot.waitUntil(lambda: window.controller.running.out_trade_no is not None, timeout=5000)
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_Escape)
    panel = window.sale_screen.panel
    qtbot.waitUntil(lambda: "no record of this payment" in panel.detail.text(), timeout=5000)
    assert panel.title.text() == "CANCELLING"
    assert "Cannot reach QFPay" not in panel.detail.text()
    assert "s more: the till makes sure nothing is charged" in panel.hint.text()
    outcome = wait_result(qtbot, window)
    assert outcome.state is TxState.REVERSED
    assert panel.title.text() == "CANCELLED"


def test_mpm_expired_closes_display_and_says_so(qtbot, window, gateway):
    key_amount(qtbot, window, "7")
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_F2)  # Alipay
    display = window.customer_display
    qtbot.waitUntil(lambda: display.qr.data() != "", timeout=10_000)
    gateway.expire(window.controller.running.out_trade_no)
    outcome = wait_result(qtbot, window)
    assert outcome.state is not TxState.PAID
    assert window.sale_screen.panel.title.text() in ("CANCELLED", "DECLINED")
    assert display.qr.data() == ""
    qtbot.waitUntil(lambda: not display.isVisible(), timeout=5000)


def test_outcome_unknown_then_recovered_at_next_start(
    qtbot, make_window, make_services, codes, gateway
):
    from pos_app.engine.events import WalletTiming

    quick = make_services(
        default_timing=WalletTiming(deadline=0.3, intervals=(0.02,)), cancel_give_up=0.3
    )
    window = make_window(services=quick)
    # The payment goes through but its answer is lost; then the gateway stops answering.
    gateway.faults.add("lost_reply", endpoint="/trade/v1/payment", times=1)
    gateway.faults.add("drop", times=None)
    key_amount(qtbot, window, "66")
    window.controller.scanned_auth_code(codes.paid)
    outcome = wait_result(qtbot, window)
    assert not outcome.state.is_final
    assert window.sale_screen.panel.title.text() == "NEEDS ATTENTION"
    assert "Do not take this payment again" in window.sale_screen.panel.hint.text()
    window.close()
    # The gateway answers again; a new window (the next start) recovers the sale.
    gateway.faults.clear()
    second = make_window(services=make_services())
    panel = second.recovery
    with qtbot.waitSignal(second.recovery_finished, timeout=10_000) as blocker:
        qtbot.waitUntil(lambda: panel.list.count() > 0, timeout=5000)
        # One line per transaction, in the wallet's name, never a pay_type code.
        assert panel.list.item(0).text() == "HKD 66.00 QR wallet: checking with QFPay…"
        assert "Nothing to recover" not in second.status.recovering_label.text()
    ((before, after),) = blocker.args[0]
    assert before.out_trade_no == outcome.out_trade_no
    assert after.state.is_final
    assert after.state in (TxState.PAID, TxState.REVERSED)
    # The "checking" line is replaced by the result, not followed by it.
    assert panel.list.count() == 1
    # Settled by the enquiry, which names the wallet the customer used (issue 10).
    assert panel.list.item(0).text().startswith("HKD 66.00 WeChat Pay: ")
    assert "checking" not in panel.list.item(0).text()
    assert "Nothing to recover" in second.status.recovering_label.text()
    # Settled: it can be dismissed (and comes back only with something new to recover).
    assert panel.isVisible()
    qtbot.mouseClick(panel.dismiss_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()


def test_settled_recovery_list_leaves_by_itself(qtbot, make_window, services, codes):
    from pos_app.engine.in_flight import Clocks
    from pos_app.engine.states import TxMode

    journal, engine = services.journal, services.engine
    journal.create(
        out_trade_no="T1LEFTOPEN01",
        sale_id=engine.new_sale_id(),
        mode=TxMode.CPM,
        till_id="T1",
        cashier="Ann",
        txamt=500,
        currency="HKD",
        pay_type="800008",
        auth_code=codes.paid[-4:],
        in_flight=Clocks.of().stamp(0.0),  # its request's window is over
    )
    journal.transition("T1LEFTOPEN01", TxState.SENT)  # sent, never answered, never paid
    window = make_window(recover_on_start=False)
    panel = window.recovery
    panel.done_hold_ms = 200
    with qtbot.waitSignal(window.recovery_finished, timeout=10_000):
        window.start_recovery()
    assert panel.isVisible()
    assert "HKD 5.00 QR wallet: " in panel.list.item(0).text()
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5000)


def test_closing_during_payment_waits_for_the_engine(qtbot, make_window, codes):
    from pos_app.ui.main_window import CLOSE_WAIT, CLOSE_WHEN_DONE

    window = make_window()
    answers = [CLOSE_WAIT, CLOSE_WHEN_DONE]
    window.ask_close_while_busy = lambda: answers.pop(0)
    key_amount(qtbot, window, "3")
    window.controller.scanned_auth_code(codes.password)
    assert window.controller.is_busy()
    assert window.close() is False  # "keep the till open"
    assert window.isVisible() and window.controller.is_busy()
    assert window.close() is False  # "close when finished": stays until the engine is done
    assert window.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    outcome = window.controller.last_outcome
    assert outcome.state is TxState.PAID
    assert window.services.journal.get(outcome.out_trade_no).state is TxState.PAID


def test_enter_without_amount_is_refused_locally(qtbot, window):
    screen = window.sale_screen
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert screen.state is SaleState.ENTRY
    assert "amount first" in screen.hint_label.text()
    assert screen.amount_label.property("invalid") == "true"
    qtbot.keyClick(screen, Qt.Key.Key_F1)  # a wallet key without an amount does nothing
    assert screen.state is SaleState.ENTRY
    assert window.controller.running is None


def test_simulated_scan_through_control_endpoint(qtbot, make_window, make_services):
    """A training gateway in another process is driven over its loopback control endpoint."""
    services = make_services()
    services.training_gateway = None  # as if started with --base-url
    window = make_window(services=services)
    key_amount(qtbot, window, "11")
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_F3)  # PayMe
    display = window.customer_display
    qtbot.waitUntil(lambda: display.qr.data() != "", timeout=10_000)
    assert "PayMe" in display.wallet_label.text()
    qtbot.mouseClick(display.simulate_button, Qt.MouseButton.LeftButton)
    outcome = wait_result(qtbot, window)
    assert outcome.state is TxState.PAID
    assert outcome.pay_type == "805801"


def test_unsettled_sale_is_rechecked_in_the_background(
    qtbot, make_window, make_services, codes, gateway
):
    from pos_app.engine.events import WalletTiming

    quick = make_services(
        default_timing=WalletTiming(deadline=0.3, intervals=(0.02,)), cancel_give_up=0.3
    )
    window = make_window(services=quick, recheck_ms=100)
    gateway.faults.add("lost_reply", endpoint="/trade/v1/payment", times=1)
    gateway.faults.add("drop", times=None)
    key_amount(qtbot, window, "12")
    window.controller.scanned_auth_code(codes.paid)
    outcome = wait_result(qtbot, window)
    assert window.sale_screen.panel.title.text() == "NEEDS ATTENTION"
    assert "Recovering 1" in window.status.recovering_label.text()
    gateway.faults.clear()
    qtbot.waitUntil(
        lambda: "Nothing to recover" in window.status.recovering_label.text(), timeout=10_000
    )
    final = window.services.journal.get(outcome.out_trade_no)
    assert final.state in (TxState.PAID, TxState.REVERSED)
    assert any(outcome.pay_type in line or "HKD 12.00" in line for line in window.recovery.log)
