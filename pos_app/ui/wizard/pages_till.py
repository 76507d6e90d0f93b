"""Wizard pages: the till itself (name, time zone, money, wallets) and its devices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWizardPage,
)

from pos_app.qfpay.authcode import mask_auth_code
from pos_app.qfpay.currencies import CURRENCIES
from pos_app.qfpay.paytypes import till_pay_types
from pos_app.settings import PRINTER_KINDS, TXZONE_AUTO, local_txzone
from pos_app.ui.i18n import tr_core
from pos_app.ui.labels import wallet_name
from pos_app.ui.services import DEFAULT_CPM_CODE, DEFAULT_MPM_CODES
from pos_app.ui.wizard.scroll import scroll_body

if TYPE_CHECKING:
    from pos_app.ui.wizard.wizard import SetupWizard

_OFFSETS = [f"{'+' if h >= 0 else '-'}{abs(h):02d}00" for h in range(-12, 15)] + [
    "+0530",
    "+0545",
    "+0930",
]


class ScanTestField(QLineEdit):
    """A scanner's closing Enter tests the scanner; it must not press the wizard's Finish."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class TillPage(QWizardPage):
    """What the gateway and the cashier see of this till."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("This till"))
        self.setSubTitle(
            self.tr("The till's name appears in the QFPay merchant portal beside each payment.")
        )
        s = wizard.settings
        self.till_name = QLineEdit(s.till_name)
        self.till_name.setMaxLength(40)
        self.till_name.setPlaceholderText(self.tr("e.g. Counter 1"))
        self.txzone = QComboBox()
        self.txzone.addItem(
            self.tr("This computer's time zone (now %1)").replace("%1", local_txzone()),
            TXZONE_AUTO,
        )
        self.txzone.addItem(self.tr("Not sent (QFPay assumes UTC+8)"), "")
        for offset in sorted(set(_OFFSETS), key=lambda o: (int(o[:3]), o)):
            self.txzone.addItem(f"UTC{offset}", offset)
        self.txzone.setCurrentIndex(max(0, self.txzone.findData(s.txzone)))
        self.currency = QComboBox()
        for code in sorted(CURRENCIES):
            self.currency.addItem(code, code)
        self.currency.setCurrentIndex(max(0, self.currency.findData(s.currency)))
        self.wallets = QListWidget()
        enabled = set(s.pay_types or (*DEFAULT_MPM_CODES, DEFAULT_CPM_CODE))
        for pay_type in till_pay_types():
            description = tr_core("paytypes", pay_type.description)
            item = QListWidgetItem(f"{wallet_name(pay_type.code)}: {description} ({pay_type.code})")
            item.setData(Qt.ItemDataRole.UserRole, pay_type.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = pay_type.code in enabled
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.wallets.addItem(item)
        self.cents_mode = QCheckBox(self.tr("Keys are cents: typing 1 2 3 4 means 12.34"))
        self.cents_mode.setChecked(s.cents_mode)
        self.max_amount = QLineEdit(s.max_amount or "")
        self.max_amount.setPlaceholderText(self.tr("no limit"))
        form = QFormLayout(scroll_body(self))
        form.addRow(self.tr("Till name"), self.till_name)
        form.addRow(self.tr("Time zone"), self.txzone)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Wallets"), self.wallets)
        form.addRow("", self.cents_mode)
        form.addRow(self.tr("Largest sale"), self.max_amount)

    def pay_types(self) -> tuple[str, ...]:
        codes = []
        for row in range(self.wallets.count()):
            item = self.wallets.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                codes.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(codes)

    def values(self) -> dict[str, Any]:
        return {
            "till_name": self.till_name.text().strip(),
            "txzone": str(self.txzone.currentData()),
            "currency": str(self.currency.currentData()),
            "pay_types": self.pay_types(),
            "cents_mode": self.cents_mode.isChecked(),
            "max_amount": self.max_amount.text().strip() or None,
        }


def serial_ports() -> list[tuple[str, str]]:
    """(device, description) of the serial ports this computer has now."""
    try:
        from serial.tools import list_ports  # noqa: PLC0415

        return [(p.device, p.description or p.device) for p in list_ports.comports()]
    except Exception:
        return []


class DevicesPage(QWizardPage):
    """Scanner (wedge or serial, with a test field) and printer (with a test print)."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Scanner and printer"))
        self.setSubTitle(self.tr("Try both here, before the first customer."))
        s = wizard.settings
        scanner = QGroupBox(self.tr("Scanner"))
        self.wedge = QRadioButton(self.tr("Keyboard (USB scanner that types)"))
        self.serial = QRadioButton(self.tr("Serial port"))
        self.port = QComboBox()
        self.port.setEditable(True)
        for device, description in serial_ports():
            self.port.addItem(f"{device} - {description}", device)
        if s.scanner.serial_port and self.port.findData(s.scanner.serial_port) < 0:
            self.port.addItem(s.scanner.serial_port, s.scanner.serial_port)
        self.port.setCurrentIndex(max(0, self.port.findData(s.scanner.serial_port)))
        (self.serial if s.scanner.serial_port else self.wedge).setChecked(True)
        self.scan_test = ScanTestField()
        self.scan_test.setPlaceholderText(self.tr("click here and scan a code to test"))
        self.scan_test.returnPressed.connect(self._scanned)
        self.scan_result = QLabel()
        sl = QFormLayout(scanner)
        sl.addRow(self.wedge)
        row = QHBoxLayout()
        row.addWidget(self.serial)
        row.addWidget(self.port, 1)
        sl.addRow(row)
        sl.addRow(self.tr("Scan now to test"), self.scan_test)
        sl.addRow(self.scan_result)

        printer = QGroupBox(self.tr("Receipt printer"))
        self.printer_kind = QComboBox()
        kinds = {
            "none": self.tr("No printer (receipts on screen)"),
            "usb": self.tr("USB (ESC/POS)"),
            "serial": self.tr("Serial port"),
            "network": self.tr("Network (IP address)"),
            "file": self.tr("Text file"),
        }
        for kind in PRINTER_KINDS:
            self.printer_kind.addItem(kinds.get(kind, kind), kind)
        self.printer_kind.setCurrentIndex(max(0, self.printer_kind.findData(s.printer.kind)))
        self.printer_target = QLineEdit(s.printer.target)
        self.printer_target.setPlaceholderText(
            self.tr("USB 04b8:0202, serial /dev/ttyUSB0 or COM3, network 192.168.1.50:9100")
        )
        self.width_chars = QSpinBox()
        self.width_chars.setRange(16, 80)
        self.width_chars.setValue(s.printer.width_chars)
        self.auto_print = QCheckBox(self.tr("Print a receipt after every sale"))
        self.auto_print.setChecked(s.printer.auto_print)
        self.test_print = QPushButton(self.tr("Test print"))
        self.test_print.clicked.connect(self._test_print)
        self.print_result = QLabel()
        self.print_result.setWordWrap(True)
        pl = QFormLayout(printer)
        pl.addRow(self.tr("Kind"), self.printer_kind)
        pl.addRow(self.tr("Port or address"), self.printer_target)
        pl.addRow(self.tr("Characters per line"), self.width_chars)
        pl.addRow(self.auto_print)
        pl.addRow(self.test_print, self.print_result)
        self.customer_screen = QComboBox()
        self.customer_screen.addItem(self.tr("A second screen, when one is connected"), "auto")
        self.customer_screen.addItem(self.tr("A window beside the till (one screen)"), "till")
        for screen in QGuiApplication.screens():
            size = screen.geometry()
            label = f"{screen.name()} ({size.width()}×{size.height()})"
            self.customer_screen.addItem(label, screen.name())
        if self.customer_screen.findData(s.customer_screen) < 0:
            self.customer_screen.addItem(s.customer_screen, s.customer_screen)
        self.customer_screen.setCurrentIndex(self.customer_screen.findData(s.customer_screen))
        screens = QFormLayout()
        screens.addRow(self.tr("Customer QR code on"), self.customer_screen)
        # Only for shops whose network needs them: the till ignores the environment's
        # proxy and CA variables (issue 8), so these are the one way to set them.
        network = QGroupBox(self.tr("Network (leave empty unless your network needs it)"))
        self.proxy = QLineEdit(s.network.proxy or "")
        self.proxy.setPlaceholderText(self.tr("proxy, e.g. http://proxy.example:3128"))
        self.ca_bundle = QLineEdit(s.network.ca_bundle or "")
        self.ca_bundle.setPlaceholderText(self.tr("full path of a PEM file of certificates"))
        nl = QFormLayout(network)
        nl.addRow(self.tr("Proxy"), self.proxy)
        nl.addRow(self.tr("Own CA bundle"), self.ca_bundle)
        layout = QVBoxLayout(scroll_body(self))
        layout.addWidget(scanner)
        layout.addWidget(printer)
        layout.addLayout(screens)
        layout.addWidget(network)

    def _scanned(self) -> None:
        code = self.scan_test.text().strip()
        self.scan_test.clear()
        if not code:
            return
        self.scan_result.setText(
            self.tr("The scanner works: read %1 characters (%2).")
            .replace("%1", str(len(code)))
            .replace("%2", mask_auth_code(code) or "")
        )

    def _test_print(self) -> None:
        """A short test page through the same driver the receipts will use."""
        import dataclasses  # noqa: PLC0415

        from pos_app.ui.app import build_printer  # noqa: PLC0415

        settings = dataclasses.replace(
            self.wizard_.settings, printer=self.printer_settings(self.wizard_.settings.printer)
        )
        lines = [
            self.wizard_.shop_page.name.text().strip() or "QFPay",
            self.tr("Test print"),
            self.tr("If you can read this, receipts will print."),
        ]
        if settings.printer.kind == "none":
            self.print_result.setText(self.tr("No printer chosen: receipts stay on screen."))
            return
        try:
            printer = build_printer(settings, self.wizard_.paths.data_dir, training=False)
            printer.print_lines(lines)
        except Exception as exc:
            self.print_result.setText(self.tr("Test print failed: %1").replace("%1", str(exc)))
            return
        self.print_result.setText(self.tr("Test page sent to the printer."))

    def printer_settings(self, current: Any) -> Any:
        import dataclasses  # noqa: PLC0415

        return dataclasses.replace(
            current,
            kind=str(self.printer_kind.currentData()),
            target=self.printer_target.text().strip(),
            width_chars=self.width_chars.value(),
            auto_print=self.auto_print.isChecked(),
        )

    def network_settings(self, current: Any) -> Any:
        """Proxy and CA bundle as typed; save_settings refuses bad ones with the reason."""
        import dataclasses  # noqa: PLC0415

        return dataclasses.replace(
            current,
            proxy=self.proxy.text().strip() or None,
            ca_bundle=self.ca_bundle.text().strip() or None,
        )

    def serial_port(self) -> str | None:
        if not self.serial.isChecked():
            return None
        data = self.port.currentData()
        text = str(data) if data else self.port.currentText().split(" - ")[0].strip()
        return text or None
