"""The till's main window: sale screen, status bar, managers' tools, scanners, recovery.

It wires things together and owns the app-level rules that span screens: where a scan goes
right now (payment code, refund lookup, or nowhere), what happens at start (recover
unfinished transactions in the background, visibly), and that closing while a payment is in
flight never abandons it.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.devices.wedge import ScanRoute, WedgeConfig
from pos_app.devices.wedge_qt import WedgeScanFilter
from pos_app.qfpay.currencies import get_currency, to_txamt
from pos_app.ui.customer_display import CustomerDisplay
from pos_app.ui.i18n import tr_core, tr_message
from pos_app.ui.qr_widget import qr_image
from pos_app.ui.sale_screen import SaleScreen, WalletButton
from pos_app.ui.services import TillInfo, TillServices
from pos_app.ui.sounds import SoundPlayer
from pos_app.ui.status_bar import TillStatusBar
from pos_app.ui.worker import Worker, assert_gui_thread, user_message

if TYPE_CHECKING:  # imported when first used: the window paints before the engine loads
    from pos_app.engine.journal import TxRecord
    from pos_app.ui.flows import SaleController
    from pos_app.ui.history import HistoryDialog
    from pos_app.ui.receipts import ReceiptPrinting
    from pos_app.ui.refund_dialog import RefundDialog

log = logging.getLogger(__name__)

CLOSE_WAIT, CLOSE_WHEN_DONE, CLOSE_NOW = "wait", "when_done", "now"
MAX_RECOVERY_LINES = 200


class MainWindow(QMainWindow):
    """One till: sell, refund, look back, close the day."""

    recovery_finished = Signal(object)  # list of (before, after) journal records
    services_ready = Signal()
    first_painted = Signal()
    startup_failed = Signal(str)
    startup_error: str = ""
    last_receipt: str = ""

    def __init__(
        self,
        services: TillServices | None = None,
        *,
        info: TillInfo | None = None,
        wedge_config: WedgeConfig | None = None,
        sounds: bool = True,
        ping_interval_ms: int = 30_000,
        result_hold_ms: int = 3000,
        recover_on_start: bool = True,
        recheck_ms: int = 30_000,
    ) -> None:
        super().__init__()
        info = services or info
        if info is None:
            raise ValueError("MainWindow needs services or the till info to start from")
        self.info: TillInfo = info
        self.services: TillServices | None = None
        self.controller: SaleController | None = None
        self._recover_on_start = recover_on_start
        self._painted = False
        self._recovering = False
        self._closed = False
        self._recheck_ms = recheck_ms
        self.setWindowTitle(self.tr("QFPay till %1").replace("%1", info.till_id))
        self.worker = Worker(self)
        self.worker.error.connect(self.show_error)
        self.sounds = SoundPlayer(self, enabled=sounds)
        self.refund_dialog: RefundDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self.recovery_log: list[str] = []
        self._close_when_done = False

        currency = get_currency(info.currency)
        wallets = [WalletButton(p.code, p.wallet) for p in info.mpm_pay_types()]
        self.sale_screen = SaleScreen(
            currency.code, currency.minor_units, wallets, lambda t: to_txamt(t, currency), self
        )
        self.customer_display = CustomerDisplay(
            None, training=info.training, result_hold_ms=result_hold_ms
        )

        self.banner = QLabel(self.tr("TRAINING MODE — practice only, no real money moves"), self)
        self.banner.setObjectName("trainingBanner")
        self.banner.setVisible(info.training)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("hintLabel")
        self.error_label.setStyleSheet("color: #cf222e; font-weight: 700;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        # Short notices (a scan that was not used, the till still starting) go here, above
        # the sale, where the cashier looks; the status bar's free space is too narrow.
        self.notice_label = QLabel(self)
        self.notice_label.setObjectName("noticeLabel")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice_label.hide)

        tools = QHBoxLayout()
        for text, shortcut, slot in (
            (self.tr("Refund [Ctrl+R]"), "Ctrl+R", self.open_refund),
            (self.tr("History [Ctrl+H]"), "Ctrl+H", self.open_history),
            (self.tr("Day close [Ctrl+D]"), "Ctrl+D", self.open_day_close),
            (self.tr("Customer screen [Ctrl+K]"), "Ctrl+K", self.customer_display.present),
        ):
            button = QPushButton(text, self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            tools.addWidget(button)
            QShortcut(QKeySequence(shortcut), self).activated.connect(slot)
        tools.addStretch(1)
        if info.training:
            # Training only: the trainer "pays" the QR code from the till's own keyboard.
            simulate = QShortcut(QKeySequence("F12"), self)
            simulate.setContext(Qt.ShortcutContext.ApplicationShortcut)
            simulate.activated.connect(self._simulate_scan)
        self.customer_display.hidden.connect(self.take_keyboard)

        self.recovery_list = QListWidget(self)
        self.recovery_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recovery_list.setMaximumHeight(110)
        self.recovery_title = QLabel(self.tr("Recovered at start"), self)
        self.recovery_title.hide()
        self.recovery_list.hide()

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self.error_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.sale_screen, 1)
        layout.addWidget(self.recovery_title)
        layout.addWidget(self.recovery_list)
        layout.addLayout(tools)
        self.setCentralWidget(central)

        self.status = TillStatusBar(self)
        self.setStatusBar(self.status)
        self.status.set_environment(info.environment)
        self.status.set_till(info.till_id, info.cashier)

        self.scan_filter = WedgeScanFilter(wedge_config, parent=self)
        self.scan_filter.set_routing(self.route_scan)
        self.scan_filter.auth_code_scanned.connect(self._auth_code)
        self.scan_filter.lookup_scanned.connect(self._lookup_scan)
        self.scan_filter.scan_ignored.connect(self._scan_ignored)
        self.scan_filter.install()
        self.serial_bridge: Any = None
        self.receipts: ReceiptPrinting | None = None

        self._ping_timer = QTimer(self)
        self._ping_timer.setInterval(ping_interval_ms)
        self._ping_timer.timeout.connect(self.check_gateway)
        self.resize(1100, 760)
        if services is not None:
            self.attach_services(services)
        else:
            self.sale_screen.setEnabled(False)
            self.status.showMessage(self.tr("Starting the till…"))

    # -- start-up ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Announce the first paint once, so start-up work can wait until the till is seen."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def start_services(self, factory: Callable[[], TillServices]) -> None:
        """Build the core off the GUI thread, so the window is up and painted meanwhile."""
        self.worker.run(
            factory, success=self.attach_services, failure=self._startup_failed, label="start"
        )

    def attach_services(self, services: TillServices) -> None:
        """Connect the engine: selling, recovery and the managers' tools become available."""
        assert_gui_thread()
        from pos_app.ui.flows import SaleController  # noqa: PLC0415

        self.services = services
        self.info = services
        if services.wedge_config is not None:
            self.scan_filter.set_config(services.wedge_config)
        services.engine.on_event = self.worker.engine_sink
        self.controller = SaleController(
            services,
            self.sale_screen,
            self.customer_display,
            self.worker,
            sounds=self.sounds,
            parent=self,
        )
        self.controller.outcome_shown.connect(self._after_outcome)
        from pos_app.ui.receipts import ReceiptPrinting  # noqa: PLC0415

        self.receipts = ReceiptPrinting(
            services.printer,
            services.journal,
            training=services.training,
            auto_print=services.auto_print,
            merchant_copy=services.merchant_copy,
            parent=self,
        )
        self.receipts.failed.connect(lambda _otn, message: self.show_error("printer", message))
        self.status.set_environment(services.environment)
        self.status.set_till(services.till_id, services.cashier)
        self.status.clearMessage()
        self.sale_screen.setEnabled(True)
        self._ping_timer.start()
        QTimer.singleShot(0, self.check_gateway)
        if self._recover_on_start:
            QTimer.singleShot(0, self.start_recovery)
        self.sale_screen.setFocus()
        # Create the customer window's native surface now, not at the first QR code, so
        # showing it mid-sale does not stall the event loop.
        QTimer.singleShot(0, self.customer_display.warm_up)
        # Load the QR encoder (segno, ~35 ms of imports) on the worker, not mid-sale.
        self.worker.run(lambda: qr_image("warm-up"), label="warm up QR")
        self.services_ready.emit()

    def take_keyboard(self) -> None:
        """Make the till the active window with the sale screen focused.

        Scans and the cashier's keys go to the active window.  When a dialog or the customer
        window closes, some window managers (or none, on a kiosk) leave no window active, and
        the next scan would be lost; so the till takes the keyboard back explicitly.
        """
        if self._closed or not self.isVisible():
            return
        if QApplication.activeModalWidget() is not None:
            return
        for dialog in (self.refund_dialog, self.history_dialog):
            if dialog is not None and dialog.isVisible():
                return
        self.activateWindow()
        self.sale_screen.setFocus()

    def notify(self, text: str, msecs: int = 5000) -> None:
        """A short notice above the sale screen, hidden again after ``msecs``."""
        self.notice_label.setText(text)
        self.notice_label.show()
        self._notice_timer.start(msecs)

    def _simulate_scan(self) -> None:
        if self.controller is not None:
            self.controller.simulate_customer_scan()

    def _startup_failed(self, exc: BaseException) -> None:
        log.error("the till cannot start", exc_info=(type(exc), exc, exc.__traceback__))
        self.startup_error = user_message(exc)
        self.status.showMessage(self.tr("The till cannot start."))
        self.startup_failed.emit(self.startup_error)

    # -- scanners ------------------------------------------------------------------------------

    def route_scan(self, code: str) -> ScanRoute:
        """Decide, at the moment a scan completes, what it means."""
        del code
        if self.refund_dialog is not None and self.refund_dialog.isVisible():
            return ScanRoute.REFUND_LOOKUP
        if self.controller is not None and self.controller.wants_auth_code():
            return ScanRoute.AUTH_CODE
        return ScanRoute.IGNORE

    def on_scanner_code(self, code: str) -> None:
        """Any scanner (serial too) goes through the same routing as the wedge."""
        assert_gui_thread()
        route = self.route_scan(code)
        if route is ScanRoute.AUTH_CODE:
            self._auth_code(code)
        elif route is ScanRoute.REFUND_LOOKUP:
            self._lookup_scan(code)
        else:
            self._scan_ignored(code)

    def _auth_code(self, code: str) -> None:
        if self.controller is not None:
            self.controller.scanned_auth_code(code)

    def _ready(self) -> TillServices | None:
        """The services, or None (with a note to the cashier) while the till is starting."""
        if self.services is None:
            self.notify(self.tr("The till is still starting…"), 3000)
        return self.services

    def attach_serial_scanner(self, bridge: Any) -> None:
        """Use a ``SerialScannerBridge``; its state is shown in the status bar."""
        self.serial_bridge = bridge
        bridge.scanned.connect(self.on_scanner_code)
        bridge.state_changed.connect(self._serial_state)
        self._serial_state(bridge.state().value)

    def _serial_state(self, value: str) -> None:
        label = value
        if self.serial_bridge is not None:
            # Marked in the devices package with QT_TRANSLATE_NOOP("devices", ...).
            label = tr_core("devices", self.serial_bridge.state_label())
        self.status.set_scanner(label, ok=value == "connected")

    def _lookup_scan(self, code: str) -> None:
        if self.refund_dialog is not None and self.refund_dialog.isVisible():
            self.refund_dialog.set_syssn(code)

    def _scan_ignored(self, code: str) -> None:
        del code
        if self.controller is not None and self.controller.is_busy():
            text = self.tr("Scan ignored: a payment is already in progress.")
        else:
            text = self.tr("Scan ignored: key the amount and press Enter first.")
        self.notify(text)

    # -- managers' tools -------------------------------------------------------------------------

    def open_refund(self, syssn: str = "") -> None:
        """Ctrl+R: the refund dialog (scans go to its lookup while it is open)."""
        services = self._ready()
        if services is None:
            return
        if self.refund_dialog is None:
            from pos_app.ui.refund_dialog import RefundDialog  # noqa: PLC0415

            engine = services.engine

            def refund(orig: str, txamt: int, manager: str, pin: str) -> Any:
                return engine.refund(orig_syssn=orig, txamt=txamt, manager=manager, pin=pin)

            self.refund_dialog = RefundDialog(
                services.journal, self.worker, refund, services.currency, self
            )
            self.refund_dialog.finished.connect(lambda _r: self.take_keyboard())
            self.refund_dialog.finished_refund.connect(self._print_after)
        self._present(self.refund_dialog)
        if syssn:
            self.refund_dialog.set_syssn(syssn)

    def open_history(self) -> None:
        """Ctrl+H: today's transactions."""
        services = self._ready()
        if services is None:
            return
        from pos_app.ui.history import HistoryDialog  # noqa: PLC0415

        dialog = HistoryDialog(services.journal, self.worker, self.reprint, self)
        dialog.refund_requested.connect(self.open_refund)
        dialog.finished.connect(lambda _r: self._history_closed(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        self._present(dialog)

    def open_day_close(self) -> None:
        """Ctrl+D: the day's totals."""
        services = self._ready()
        if services is None:
            return
        from pos_app.ui.history import DayCloseDialog  # noqa: PLC0415

        dialog = DayCloseDialog(services.journal, self.worker, self)
        dialog.finished.connect(lambda _r: self.take_keyboard())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._present(dialog)

    @staticmethod
    def _present(dialog: QWidget) -> None:
        """Show a tool window *with* the keyboard: without a window manager (kiosk) a new
        window is not activated, so its Esc and shortcuts would go to the till instead."""
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _history_closed(self, dialog: HistoryDialog) -> None:
        if self.history_dialog is dialog:
            self.history_dialog = None
        self.take_keyboard()

    def _print_after(self, outcome: Any) -> None:
        """A paid sale or a completed refund: its receipt goes to the printer (auto-print)."""
        if self.receipts is not None and outcome.paid and outcome.out_trade_no:
            self.receipts.after_transaction(outcome.out_trade_no)

    def reprint(self, record: TxRecord) -> None:
        """Show the receipt again, exactly as the printer lays it out, and print it."""
        if self.receipts is not None:
            self.receipts.print_transaction(record.out_trade_no)
        from pos_app.ui.history import receipt_lines  # noqa: PLC0415

        box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("Receipt"), "", parent=self)
        box.setText(
            "<pre>"
            + html.escape("\n".join(receipt_lines(record, training=self.info.training)))
            + "</pre>"
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_receipt = box.text()
        box.show()

    # -- background work ---------------------------------------------------------------------

    def start_recovery(self) -> None:
        """Finish what the last run left open, in the background, and list what happened."""
        if self.services is None or self._recovering or self._closed:
            return
        journal, engine = self.services.journal, self.services.engine
        pending_now = journal.unfinished()
        self.status.set_recovering(len(pending_now))
        if not pending_now:
            return
        self._recovering = True
        self.recovery_title.show()
        self.recovery_list.show()
        self.recovery_list.addItem(
            self.tr("Checking %n unfinished transaction(s)…", "", len(pending_now))
        )

        def job() -> list[tuple[TxRecord, TxRecord | None]]:
            engine.recover()
            return [(rec, journal.get(rec.out_trade_no)) for rec in pending_now]

        self.worker.run(
            job, success=self._recovered, failure=self._recovery_failed, label="recovery"
        )

    def _recovery_failed(self, exc: BaseException) -> None:
        self._recovering = False
        self.worker.report_error(exc, "recovery")
        QTimer.singleShot(self._recheck_ms, self.start_recovery)

    def _recovered(self, pairs: list[tuple[TxRecord, TxRecord | None]]) -> None:
        assert_gui_thread()
        from pos_app.ui.history import safe_amount, state_text  # noqa: PLC0415

        self._recovering = False
        still_open = 0
        for before, after in pairs:
            rec = after or before
            if not rec.state.is_final:
                still_open += 1
            line = f"{safe_amount(rec.txamt, rec.currency)} {rec.pay_type}: " + state_text(
                rec.state.value
            )
            if rec.reason:
                line += f" — {tr_message(rec.reason)}"
            self.recovery_list.addItem(line)
            self.recovery_log.append(line)
        while self.recovery_list.count() > MAX_RECOVERY_LINES:
            self.recovery_list.takeItem(0)
        self.status.set_recovering(still_open)
        if still_open:
            QTimer.singleShot(self._recheck_ms, self.start_recovery)
        self.recovery_finished.emit(pairs)

    def check_gateway(self) -> None:
        """Reachability for the status bar, off the GUI thread."""
        services = self.services
        if services is None or self._closed:
            return
        self.worker.run(
            services.gateway_reachable,
            success=lambda up: self.status.set_gateway(bool(up), services.base_url),
            failure=lambda _e: self.status.set_gateway(False),
            label="gateway check",
        )

    def show_error(self, title: str, message: str) -> None:
        """The one place unhandled failures are shown (the details are in the log)."""
        del title
        self.error_label.setText(message)
        self.error_label.show()
        QTimer.singleShot(10_000, self.error_label.hide)

    def _after_outcome(self, outcome: Any) -> None:
        self.take_keyboard()
        self._print_after(outcome)
        if self._close_when_done:
            QTimer.singleShot(0, self.close)
        if not outcome.state.is_final:
            # Not settled (answer lost, reversal unconfirmed): keep checking in the background.
            self.status.set_recovering(1)
            QTimer.singleShot(self._recheck_ms, self.start_recovery)

    # -- closing -------------------------------------------------------------------------------

    def ask_close_while_busy(self) -> str:
        """Ask the cashier what to do; tests override this to answer without a modal box."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Payment in progress"))
        box.setText(
            self.tr(
                "A payment is still in progress. Closing now does not lose it: the till "
                "finishes it, or checks it again at the next start."
            )
        )
        wait = box.addButton(self.tr("Keep the till open"), QMessageBox.ButtonRole.RejectRole)
        later = box.addButton(
            self.tr("Close when the payment is finished"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(self.tr("Close now"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(wait)
        box.exec()
        clicked = box.clickedButton()
        if clicked is wait:
            return CLOSE_WAIT
        return CLOSE_WHEN_DONE if clicked is later else CLOSE_NOW

    def closeEvent(self, event: QCloseEvent) -> None:
        """Never abandon a payment: wait for it, or leave it to recovery at the next start."""
        busy = self.controller is not None and self.controller.is_busy()
        if busy and not self._close_when_done:
            choice = self.ask_close_while_busy()
            if choice == CLOSE_WAIT:
                event.ignore()
                return
            if choice == CLOSE_WHEN_DONE:
                self._close_when_done = True
                self.status.showMessage(self.tr("Closing when the payment is finished…"))
                event.ignore()
                return
            log.warning("closed during a payment; it is journaled and recovered at next start")
        elif busy:
            event.ignore()
            return
        self._closed = True
        self._ping_timer.stop()
        self.scan_filter.uninstall()
        self.customer_display.close()
        if self.serial_bridge is not None:
            self.serial_bridge.stop()
        event.accept()

    def shutdown(self, wait_ms: int = 5000) -> None:
        """After the window closed: let running ops end (journal commits) before exit."""
        deadline = time.monotonic() + wait_ms / 1000
        while self.worker.in_flight() and time.monotonic() < deadline:
            self.worker.wait_for_done(50)
            QApplication.processEvents()
        if self.receipts is not None:
            # A receipt being printed gets what is left of the wait, never more.
            self.receipts.wait(max(0, round((deadline - time.monotonic()) * 1000)))
