"""Fixes from the first-day-cashier QA pass: nothing a cashier does may lose a scan, and
every screen says how much, what happened and what to do next."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from pos_app.engine.states import TxState
from pos_app.settings import ScannerSettings, default_settings
from pos_app.ui.sale_screen import SaleState


def key_amount(qtbot, window, text: str) -> None:
    screen = window.sale_screen
    screen.setFocus()
    for char in text:
        qtbot.keyClick(screen, char)
    qtbot.keyClick(screen, Qt.Key.Key_Return)


def wait_result(qtbot, window):
    qtbot.waitUntil(lambda: window.sale_screen.state is SaleState.RESULT, timeout=10_000)
    return window.controller.last_outcome


def test_after_a_decline_the_next_scan_retries_the_same_amount(qtbot, window, codes):
    key_amount(qtbot, window, "20")
    window.controller.scanned_auth_code(codes.declined)
    first = wait_result(qtbot, window)
    assert first.state is TxState.DECLINED
    assert "scan it to try again" in window.sale_screen.panel.hint.text()
    assert window.scanning.route(codes.paid).value == "auth_code"
    window.on_scanner_code(codes.paid)
    qtbot.waitUntil(lambda: window.controller.last_outcome is not first, timeout=10_000)
    second = wait_result(qtbot, window)
    assert second.state is TxState.PAID and second.txamt == 2000
    assert second.sale_id == first.sale_id  # the same sale, tried again


def test_after_paid_a_scan_never_starts_another_payment(qtbot, window, codes):
    key_amount(qtbot, window, "7")
    window.controller.scanned_auth_code(codes.paid)
    assert wait_result(qtbot, window).state is TxState.PAID
    assert window.scanning.route(codes.paid).value == "ignore"
    window.on_scanner_code(codes.paid)
    assert window.controller.running is None
    assert window.notice_label.isVisible()
    assert "Scan ignored" in window.notice_label.text()


def test_waiting_panel_shows_the_amount(qtbot, window, codes):
    key_amount(qtbot, window, "19.90")
    window.controller.scanned_auth_code(codes.never)
    qtbot.waitUntil(lambda: "confirm" in window.sale_screen.panel.detail.text(), timeout=5000)
    assert "HKD 19.90" in window.sale_screen.panel.detail.text()
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_Escape)
    assert "HKD 19.90" in window.sale_screen.panel.detail.text()
    wait_result(qtbot, window)


def test_ready_hint_names_the_wallet_keys_that_exist(qtbot, window):
    key_amount(qtbot, window, "3")
    keys = len(window.sale_screen.wallet_buttons)
    assert f"F1…F{keys})" in window.sale_screen.hint_label.text()


def test_customer_display_never_takes_the_keyboard(qtbot, window):
    display = window.customer_display
    assert display.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert display.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert display.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert display.simulate_button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_f12_simulates_the_customer_in_training(qtbot, window):
    key_amount(qtbot, window, "42")
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_F1)
    display = window.customer_display
    qtbot.waitUntil(lambda: display.qr.data() != "", timeout=10_000)
    assert "HKD 42.00 · WeChat Pay" in window.sale_screen.panel.detail.text()
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_F12)
    assert wait_result(qtbot, window).state is TxState.PAID
    qtbot.waitUntil(lambda: not display.isVisible(), timeout=5000)
    assert window.sale_screen.hasFocus() or window.focusWidget() is window.sale_screen


def test_refund_dialog_enter_moves_to_the_next_field(qtbot, window, codes):
    key_amount(qtbot, window, "10")
    window.controller.scanned_auth_code(codes.paid)
    sale = wait_result(qtbot, window)
    window.open_refund(sale.syssn)
    dialog = window.refund_dialog
    qtbot.waitUntil(lambda: dialog.refund_button.isEnabled(), timeout=5000)
    dialog.amount_edit.returnPressed.emit()
    assert dialog.manager_box.hasFocus() or dialog.focusWidget() is dialog.manager_box
    qtbot.keyClick(dialog.manager_box, Qt.Key.Key_Return)
    assert dialog.pin_edit.hasFocus() or dialog.focusWidget() is dialog.pin_edit
    dialog.pin_edit.setText("0000")
    dialog.manager_box.setCurrentText(codes.manager)
    dialog.amount_edit.setText("5")
    dialog.submit()
    qtbot.waitUntil(lambda: "Wrong" in dialog.status_label.text(), timeout=5000)
    assert dialog.status_label.property("kind") == "problem"


def test_day_close_names_wallets_not_codes(qtbot, window, codes):
    from pos_app.ui.history import DayCloseDialog

    key_amount(qtbot, window, "10")
    window.controller.scanned_auth_code(codes.paid)
    wait_result(qtbot, window)
    dialog = DayCloseDialog(window.services.journal, window.worker, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.totals is not None, timeout=5000)
    report = dialog.report.toPlainText()
    # The code the till sent (800008) and the one the gateway named (800208) are both codes:
    # the report says the wallet the customer actually used.
    assert "800008" not in report and "800208" not in report and "WeChat Pay" in report


def test_wedge_config_uses_the_settings_suffix():
    import dataclasses

    from pos_app.ui.app import wedge_config

    settings = dataclasses.replace(
        default_settings("T1"), scanner=ScannerSettings(prefix="]Q", suffix="#\r")
    )
    config = wedge_config(settings)
    assert config.prefix == "]Q" and config.suffix == "#" and config.require_terminator
    no_enter = dataclasses.replace(settings, scanner=ScannerSettings(suffix=""))
    assert not wedge_config(no_enter).require_terminator


def test_wedge_config_arrives_with_the_services(qtbot, make_window, services):
    from pos_app.devices.wedge import WedgeConfig

    services.wedge_config = WedgeConfig(min_length=12, prefix="]Q")
    window = make_window()
    assert window.scan_filter.config.prefix == "]Q"


def test_serial_scanner_state_is_translated_in_the_devices_context(qtbot, window, monkeypatch):
    from pos_app.devices.serial_scanner import ScannerState
    from pos_app.ui import scanning

    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(
        scanning, "tr_core", lambda ctx, text: seen.append((ctx, text)) or f"<{text}>"
    )

    class Bridge(QObject):
        scanned = Signal(str)
        state_changed = Signal(str)

        def state(self):
            return ScannerState.CONNECTED

        def state_label(self):
            return "Scanner connected"

        def stop(self):
            pass

    bridge = Bridge()
    window.attach_serial_scanner(bridge)
    assert ("devices", "Scanner connected") in seen
    assert window.status.scanner_label.text() == "<Scanner connected>"


def test_qr_code_is_encoded_off_the_gui_thread(qtbot, window, monkeypatch):
    import threading

    from pos_app.ui import flows

    threads: list[threading.Thread] = []
    real = flows.qr_image

    def recording(data: str):
        threads.append(threading.current_thread())
        return real(data)

    monkeypatch.setattr(flows, "qr_image", recording)
    key_amount(qtbot, window, "6")
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_F2)
    display = window.customer_display
    qtbot.waitUntil(lambda: display.qr.data() != "", timeout=10_000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert display.qr.module_pixels() > 0  # the finished image is what gets painted
    qtbot.keyClick(window.sale_screen, Qt.Key.Key_Escape)
    wait_result(qtbot, window)


def test_waiting_text_moves_out_from_under_the_customer_window(qtbot, window):
    screen = window.sale_screen
    key_amount(qtbot, window, "8")
    qtbot.keyClick(screen, Qt.Key.Key_F1)
    display = window.customer_display
    qtbot.waitUntil(lambda: display.qr.data() != "", timeout=10_000)
    if display.screen() is screen.screen():  # one screen: the customer window overlaps
        overlap = screen.layout().contentsMargins().right()
        assert overlap > 0
        mine = screen.mapToGlobal(screen.rect().topRight()).x()
        assert overlap == mine - display.frameGeometry().left() + 1
    qtbot.keyClick(screen, Qt.Key.Key_F12)
    wait_result(qtbot, window)
    qtbot.waitUntil(lambda: not display.isVisible(), timeout=5000)
    assert screen.layout().contentsMargins().right() == 0


def test_keep_clear_of_moves_the_panel_left(qtbot, window):
    from PySide6.QtCore import QPoint, QRect

    screen = window.sale_screen
    key_amount(qtbot, window, "8")
    window.controller.scanned_auth_code("134567890123459999")
    qtbot.waitUntil(lambda: screen.state is SaleState.WAITING, timeout=5000)
    top_right = screen.mapToGlobal(QPoint(screen.width() - 200, 0))
    screen.keep_clear_of(QRect(top_right, screen.size()))
    assert screen.layout().contentsMargins().right() == 200
    qtbot.waitUntil(
        lambda: screen.panel.mapToGlobal(screen.panel.rect().topRight()).x() < top_right.x(),
        timeout=3000,
    )
    screen.keep_clear_of(None)
    assert screen.layout().contentsMargins().right() == 0
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    wait_result(qtbot, window)


def test_keeping_clear_never_widens_the_till_window(qtbot, window):
    """The margin kept clear of the customer window moves the text; it must not count as
    room the screen needs, or the till's window grows and the overlap it was measured
    against no longer holds (the customer window then still covers the text)."""
    from PySide6.QtCore import QPoint, QRect

    screen = window.sale_screen
    before = window.size()
    hint = screen.minimumSizeHint()
    left = screen.mapToGlobal(QPoint(screen.width() // 3, 0))
    screen.keep_clear_of(QRect(left, screen.size()))
    overlap = screen.layout().contentsMargins().right()
    assert overlap > hint.width() - screen.width() // 3  # more than the spare width
    assert screen.minimumSizeHint() == hint
    qtbot.wait(50)  # the layout request is posted: let it run
    assert window.size() == before
    screen.keep_clear_of(None)
