"""The screen says what is really happening: no answer, checking, cancelling and why.

Real window, real engine, the training gateway over HTTP; the outage is the gateway's own
``drop`` fault (connections closed without an answer), as a pulled cable looks to the till.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_app.engine.events import WalletTiming
from pos_app.ui.sale_screen import SaleState
from tests.ui.test_sale_flows import key_amount, wait_result


def watch_panel(qtbot, window, until, timeout=15_000) -> list[tuple[str, str, str]]:
    """(title, detail, hint) of the waiting panel at every check until ``until()``."""
    panel = window.sale_screen.panel
    seen: list[tuple[str, str, str]] = []

    def look() -> bool:
        entry = (panel.title.text(), panel.detail.text(), panel.hint.text())
        if not seen or seen[-1] != entry:
            seen.append(entry)
        return until()

    qtbot.waitUntil(look, timeout=timeout)
    return seen


def test_network_down_while_waiting_says_so_not_waiting_for_customer(
    qtbot, make_window, make_services, codes, gateway
):
    svc = make_services(
        default_timing=WalletTiming(deadline=1.5, intervals=(0.05,)), cancel_give_up=0.5
    )
    window = make_window(services=svc)
    key_amount(qtbot, window, "12")
    window.controller.scanned_auth_code(codes.never)
    qtbot.waitUntil(lambda: window.sale_screen.state is SaleState.WAITING)
    gateway.faults.add("drop", times=None)
    seen = watch_panel(
        qtbot, window, lambda: window.sale_screen.panel.title.text() == "NO ANSWER FROM QFPAY"
    )
    _title, detail, hint = seen[-1]
    assert "Cannot reach QFPay" in detail
    assert "HKD 12.00" in detail
    assert "Check the network" in hint
    assert "Waiting for the customer" not in detail
    # The main panel shows the gateway as unreachable at once, not at the next ping.
    assert window.status.gateway_label.text() == "Gateway: NOT REACHABLE"
    assert window.status.gateway_label.isVisible()
    seen += watch_panel(qtbot, window, lambda: window.sale_screen.state is SaleState.RESULT)
    gateway.faults.clear()
    # Never a countdown sitting at zero.
    assert not any("0 s left" in hint for _t, _d, hint in seen)


def test_deadline_passed_says_checking_then_cancelling_and_why(
    qtbot, make_window, make_services, codes
):
    svc = make_services(default_timing=WalletTiming(deadline=0.6, intervals=(0.2,)))
    window = make_window(services=svc)
    key_amount(qtbot, window, "9")
    window.controller.scanned_auth_code(codes.never)
    seen = watch_panel(qtbot, window, lambda: window.sale_screen.state is SaleState.RESULT)
    titles = [title for title, _d, _h in seen]
    assert "CANCELLING" in titles
    cancelling = next(entry for entry in seen if entry[0] == "CANCELLING")
    assert "did not finish paying in time" in cancelling[1]
    assert not any("0 s left" in hint for _t, _d, hint in seen)
    assert window.controller.last_outcome.state.value in ("REVERSED", "CLOSED")


def test_cashier_cancel_says_cancelling_by_the_cashier(qtbot, window, codes):
    key_amount(qtbot, window, "9")
    window.controller.scanned_auth_code(codes.never)
    qtbot.waitUntil(lambda: window.sale_screen.state is SaleState.WAITING)
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_Escape)
    assert window.sale_screen.panel.title.text() == "CANCELLING"
    assert "Cancelled by the cashier" in window.sale_screen.panel.detail.text()
    wait_result(qtbot, window)


def test_status_bar_never_says_nothing_to_recover_before_looking(qtbot):
    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.services import TillInfo

    window = MainWindow(
        info=TillInfo(environment="training", till_id="T1", cashier="Ann"),
        sounds=False,
        recover_on_start=False,
    )
    qtbot.addWidget(window)
    # The core is not attached yet, so nobody has looked at the journal.
    assert "Nothing to recover" not in window.status.recovering_label.text()
    assert window.status.recovering_label.text() == "Recovery: looking…"
    window.customer_display.close()
    window.scan_filter.uninstall()
