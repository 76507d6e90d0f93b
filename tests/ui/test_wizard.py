"""The first-run wizard, driven like a shop owner would, from an empty config to a paid sale.

Real everything: the settings file in ``tmp_path``, the real gnome-keyring (Secret Service in
the suite's private D-Bus session) and, standing in for a real QFPay host, the training
gateway started with NON-training credentials and a merchant id, so a wrong key really gets
1108 and a missing mchid really gets 1104.  After Finish the till is built exactly as
``run_app`` builds it (``build_services`` reads the keyring), and a sale is keyed and scanned.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from pos_app.engine.states import TxState
from pos_app.qfpay.models import Credentials
from pos_app.runtime.options import RunOptions
from pos_app.settings import load_settings, resolve_paths
from pos_app.training import TrainingGateway
from pos_app.ui.sale_screen import SaleState

MANAGER, PIN = "Mia", "246810"
SHOP = Credentials(app_code="SHOPAPP000001", client_key="SHOPKEY-7f3a9c2e51d04b", mchid="MCH42")
PAID_CODE = "134567890123450000"


@pytest.fixture
def shop_gateway(tmp_path: Path):
    gw = TrainingGateway(store_path=tmp_path / "qfpay.sqlite3", credentials=SHOP, mchid="MCH42")
    gw.start()
    yield gw
    gw.stop()


def type_into(qtbot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def choose(combo, value: str) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def run_test_connection(qtbot, page) -> str:
    page.tested_ok = None
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.tested_ok is not None, timeout=15_000)
    return page.result.text()


@pytest.mark.keyring
def test_wizard_from_empty_config_to_a_paid_sale(qtbot, tmp_path, shop_gateway, secret_service):
    from pos_app.ui.app import build_services, needs_first_run
    from pos_app.ui.main_window import CLOSE_NOW, MainWindow
    from pos_app.ui.wizard import SetupWizard

    paths = resolve_paths(tmp_path / "config", tmp_path / "data")
    settings = load_settings(paths)  # nothing there yet: the first run
    args = RunOptions(config_dir=str(paths.config_dir), data_dir=str(paths.data_dir))
    assert needs_first_run(settings, args)

    wizard = SetupWizard(settings, paths)
    qtbot.addWidget(wizard)
    wizard.show()

    # 1. The shop.
    shop = wizard.shop_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # name required
    type_into(qtbot, shop.name, "Lucky Tea House")
    shop.address.setPlainText("12 Tea Lane, Mong Kok")
    type_into(qtbot, shop.footer, "Thank you, see you soon")
    wizard.next()

    # 2. The QFPay account: a typo in the key first, then the right one.
    account = wizard.account_page
    assert wizard.currentPage() is account
    choose(account.environment, "sandbox")
    assert account.keyring_note.text() == ""  # the real keyring answers
    type_into(qtbot, account.app_code, SHOP.app_code)
    type_into(qtbot, account.client_key, "SHOPKEY-typo")
    type_into(qtbot, account.mchid, "MCH42")
    type_into(qtbot, account.base_url, shop_gateway.base_url)
    assert account.client_key.echoMode() is account.client_key.EchoMode.Password
    assert "1108" in run_test_connection(qtbot, account)
    assert account.tested_ok is False
    type_into(qtbot, account.client_key, SHOP.client_key)
    account.mchid.clear()
    assert "mchid" in run_test_connection(qtbot, account)
    type_into(qtbot, account.mchid, "MCH42")
    assert "Connected" in run_test_connection(qtbot, account)
    assert account.tested_ok is True
    wizard.next()

    # 3. The till.
    till = wizard.till_page
    type_into(qtbot, till.till_name, "Counter 1")
    type_into(qtbot, till.max_amount, "500")
    assert till.txzone.currentData() == "auto"
    wizard.next()

    # 4. Staff: a till taking real money needs a manager; cashiers have names.
    staff = wizard.staff_page
    assert wizard.currentPage() is staff
    wizard.next()
    assert wizard.currentPage() is staff and "needs a manager" in staff.problem.text()
    type_into(qtbot, staff.manager_name, MANAGER)
    type_into(qtbot, staff.pin, PIN)
    type_into(qtbot, staff.pin_again, "135790")
    wizard.next()
    assert wizard.currentPage() is staff and "differ" in staff.problem.text()
    type_into(qtbot, staff.pin_again, PIN)
    staff.cashiers.setPlainText("Ann\nBen\n")
    wizard.next()

    # 5. Devices: a scanner test and a test print to a file.
    devices = wizard.devices_page
    devices.scan_test.setFocus()
    qtbot.keyClicks(devices.scan_test, PAID_CODE)
    qtbot.keyClick(devices.scan_test, Qt.Key.Key_Return)
    assert "18 characters" in devices.scan_result.text()
    assert PAID_CODE not in devices.scan_result.text()  # masked
    receipts = tmp_path / "receipts.txt"
    choose(devices.printer_kind, "file")
    type_into(qtbot, devices.printer_target, str(receipts))
    qtbot.mouseClick(devices.test_print, Qt.MouseButton.LeftButton)
    assert "Test print" in receipts.read_text()

    # 6. Chain of shops (optional): this till works on its own, the default.
    wizard.next()
    assert wizard.currentPage() is wizard.chain_page and wizard.chain_page.alone.isChecked()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    saved = wizard.saved
    assert saved is not None and saved.setup_done, wizard.problem
    assert (saved.environment, saved.till_name, saved.shop.name) == (
        "sandbox",
        "Counter 1",
        "Lucky Tea House",
    )

    # The key is in the keyring, nowhere in the settings file, and not left in the widget.
    on_disk = paths.settings_file.read_text()
    assert SHOP.client_key not in on_disk
    assert json.loads(on_disk)["base_url"] == shop_gateway.base_url
    stored = json.loads(secret_service.get_password("qfpay-pos/sandbox/hk", "credentials"))
    assert stored == {"app_code": SHOP.app_code, "client_key": SHOP.client_key, "mchid": "MCH42"}
    assert account.client_key.text() == ""
    assert staff.pin.text() == "" and PIN not in on_disk
    assert saved.cashiers == ("Ann", "Ben")
    assert not needs_first_run(load_settings(paths), args)

    # Ann starts her shift; the till starts from what the wizard saved and takes a real
    # (stand-in) payment.
    from pos_app.ui.wizard.cashier import CashierPicker, with_cashier

    picker = CashierPicker(saved.cashiers)
    qtbot.addWidget(picker)
    assert picker.chosen() == "Ann"
    services = build_services(load_settings(paths), with_cashier(args, picker.chosen()))
    assert services.managers.verify(MANAGER, PIN) == MANAGER
    window = MainWindow(services, sounds=False, ping_interval_ms=60_000, result_hold_ms=50)
    window.ask_close_while_busy = lambda: CLOSE_NOW
    qtbot.addWidget(window)
    window.show()
    try:
        screen = window.sale_screen
        screen.setFocus()
        for char in "600":
            qtbot.keyClick(screen, char)
        qtbot.keyClick(screen, Qt.Key.Key_Return)
        assert screen.state is SaleState.ENTRY  # over the shop's largest sale (500)
        assert "500.00" in screen.hint_label.text()
        qtbot.keyClick(screen, Qt.Key.Key_Delete)
        for char in "12.34":
            qtbot.keyClick(screen, char)
        qtbot.keyClick(screen, Qt.Key.Key_Return)
        assert screen.state is SaleState.READY
        window.controller.scanned_auth_code(PAID_CODE)
        qtbot.waitUntil(lambda: screen.state is SaleState.RESULT, timeout=20_000)
        outcome = window.controller.last_outcome
        assert outcome.state is TxState.PAID
        (order,) = [o for o in shop_gateway.store.all() if o.txamt == 1234]
        assert order.udid == f"Counter 1 {saved.till_id}"
        qtbot.waitUntil(lambda: "Thank you, see you soon" in receipts.read_text(), timeout=10_000)
        assert "12 Tea Lane, Mong Kok" in receipts.read_text()
        assert services.journal.get(outcome.out_trade_no).cashier == "Ann"
        assert "Ann" in receipts.read_text()

        # Later, F10: the same pages behind the manager's PIN.
        qtbot.keyClick(window, Qt.Key.Key_F10)
        gate = qtbot.waitUntil(lambda: _gate(window) is not None) or _gate(window)
        type_into(qtbot, gate.name, MANAGER)
        type_into(qtbot, gate.pin, "0000")
        gate.check()
        qtbot.waitUntil(lambda: "PIN" in gate.message.text(), timeout=10_000)
        type_into(qtbot, gate.pin, PIN)
        gate.check()
        qtbot.waitUntil(
            lambda: getattr(window, "settings_wizard", None) is not None, timeout=10_000
        )
        again = window.settings_wizard
        assert again.shop_page.name.text() == "Lucky Tea House"
        assert again.account_page.client_key.text() == ""  # the key is never shown again
        assert "stored in the keyring" in again.account_page.client_key.placeholderText()
        again.shop_page.footer.setText("See you tomorrow")
        for _ in range(5):
            again.next()
        again.button(QWizard.WizardButton.FinishButton).click()
        assert load_settings(paths).shop.footer == "See you tomorrow"
        assert "Restart the till" in window.notice_label.text()
        # Issue 11: the dialog says in plain words what waits for a restart.
        assert "language, printer, scanner" in window.notice_label.text()
        assert again.approved_by is not None  # the gate's manager approves cashier PINs
    finally:
        window.close()
        window.shutdown()
        services.close()


def _gate(window):
    from pos_app.ui.wizard.settings_dialog import ManagerPinDialog

    found = [w for w in window.findChildren(ManagerPinDialog) if w.isVisible()]
    return found[0] if found else None


def test_cancelled_first_run_stays_in_training_and_asks_again(qtbot, tmp_path):
    from pos_app.ui.app import needs_first_run
    from pos_app.ui.wizard import SetupWizard

    paths = resolve_paths(tmp_path / "c", tmp_path / "d")
    settings = load_settings(paths)
    wizard = SetupWizard(settings, paths)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.reject()
    assert wizard.saved is None
    again = load_settings(paths)
    assert again.environment == "training" and needs_first_run(again)
    # `--env training` (run-training.sh, the packaged-app smoke test) never asks.
    assert not needs_first_run(again, RunOptions(env="training"))


def test_the_customer_screen_setting_chooses_where_the_qr_appears(qtbot):
    from PySide6.QtGui import QGuiApplication

    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.services import TillInfo

    only = QGuiApplication.primaryScreen()
    info = TillInfo(environment="training", till_id="T1", cashier="Ann", customer_screen="till")
    window = MainWindow(info=info, sounds=False)
    qtbot.addWidget(window)
    display = window.customer_display
    assert display.customer_screen() is None  # a window beside the till
    display.preferred_screen = only.name()
    assert display.customer_screen() is only  # the shop's choice, even the only screen
    display.preferred_screen = "a screen that was unplugged"
    assert display.customer_screen() is None  # one screen left: beside the till
    window.shutdown()
