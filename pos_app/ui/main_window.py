"""The till's main window: sale screen, status bar, managers' tools, scanners, recovery.

It is the composition root: it builds the screen, attaches the core when it is ready and wires
the parts that own the app-level rules spanning screens: where a scan goes right now
(``scanning``), recovering unfinished transactions at start, visibly (``recovery_panel``),
the managers' dialogs (``manager_tools``) and never abandoning a payment on close
(``closing``).  Their strings keep this window's translation context, ``MainWindow``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.qfpay.currencies import format_amount, get_currency, to_txamt
from pos_app.ui.closing import (
    CLOSE_NOW,
    CLOSE_WAIT,
    CLOSE_WHEN_DONE,
    CloseGuard,
    ask_close_while_busy,
    wait_for_background,
)
from pos_app.ui.fit import fit_to_screen
from pos_app.ui.labels import grouped_amount, wallet_name
from pos_app.ui.manager_tools import ManagerTools
from pos_app.ui.qtprops import set_enum_property, set_focus_policy
from pos_app.ui.sale_screen import SaleScreen, SaleState, WalletButton
from pos_app.ui.services import TillInfo, TillServices
from pos_app.ui.sounds import SoundPlayer
from pos_app.ui.status_bar import TillStatusBar
from pos_app.ui.worker import Worker, assert_gui_thread, user_message

if TYPE_CHECKING:  # imported when first used: the window paints before the engine loads
    from pos_app.devices.serial_qt import SerialScannerBridge
    from pos_app.devices.wedge import WedgeConfig
    from pos_app.devices.wedge_qt import WedgeScanFilter
    from pos_app.engine.events import Outcome
    from pos_app.engine.journal import TxRecord
    from pos_app.ui.customer_display import CustomerDisplay
    from pos_app.ui.flows import SaleController
    from pos_app.ui.history import HistoryDialog
    from pos_app.ui.receipts import ReceiptPrinting
    from pos_app.ui.recovery_panel import RecoveryPanel
    from pos_app.ui.refund_dialog import RefundDialog
    from pos_app.ui.scanning import ScanRouting

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """One till: sell, refund, look back, close the day."""

    recovery_finished = Signal(object)  # list of (before, after) journal records
    services_ready = Signal()
    first_painted = Signal()
    startup_failed = Signal(str)
    startup_error: str = ""

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
        self.receipts: ReceiptPrinting | None = None
        self._recover_on_start = recover_on_start
        self._painted = False
        self._closed = False
        self.setWindowTitle(self.tr("QFPay till %1").replace("%1", info.till_id))
        self.worker = Worker(self)
        self.worker.error.connect(self.show_error)
        self.worker.journal_damaged.connect(self._journal_damaged)
        self.sounds = SoundPlayer(self, enabled=sounds)
        self.tools = ManagerTools(self)

        # The customer display, recovery and scanning are built on first use, after the first
        # paint (see the cached properties below).
        self._result_hold_ms = result_hold_ms
        self._recheck_ms = recheck_ms
        self._wedge_config = wedge_config

        self.sale_screen = self._build_sale_screen(info)
        self._build_notices(info)
        tools = self._build_tool_buttons(info)
        self._central = self._build_central(tools)
        self.setCentralWidget(self._central)
        self.notice_label.setParent(self._central)  # floats over the top (in no layout)
        self.notice_label.hide()
        self.status = self._build_status_bar(info)
        tools.addWidget(self.status.gateway_label)  # on the main panel, where eyes are
        self.close_guard = CloseGuard(self.status)
        self.sale_screen.state_changed.connect(lambda _s: self._update_display_keys())

        self._ping_timer = QTimer(self)
        self._ping_timer.setInterval(ping_interval_ms)
        self._ping_timer.timeout.connect(self.check_gateway)
        self._recheck_gateway = QTimer(self)
        self._recheck_gateway.setSingleShot(True)
        self._recheck_gateway.setInterval(min(5000, ping_interval_ms))
        self._recheck_gateway.timeout.connect(self.check_gateway)
        self._fitted = False
        fit_to_screen(self)
        if services is not None:
            self.attach_services(services)
        else:
            self.sale_screen.setEnabled(False)
            self.status.showMessage(self.tr("Starting the till…"))

    # -- parts built on first use -----------------------------------------------------------
    # The sale screen paints first; these follow when first needed (the core attaching, the
    # first paint, a shortcut), so a cold start does not wait for them.

    @cached_property
    def customer_display(self) -> CustomerDisplay:
        """The customer's window (the core attaching builds it, or Ctrl+K before that)."""
        return self._build_customer_display()

    @cached_property
    def recovery(self) -> RecoveryPanel:
        """Recovery's title and list, placed under the sale screen when first needed."""
        return self._build_recovery()

    @cached_property
    def scanning(self) -> ScanRouting:
        """Both scanners' routing (installed right after the first paint)."""
        return self._build_scanning()

    def _built(self, part: str) -> Any:
        """One of the parts above if it has been built, else None (nothing is built)."""
        return self.__dict__.get(part)

    @property
    def scan_filter(self) -> WedgeScanFilter:
        """The keyboard-wedge filter, application-wide."""
        return self.scanning.scan_filter

    def show_customer_display(self) -> None:
        """Ctrl+K: bring up the customer's window, or put it away when it is showing."""
        self.customer_display.toggle()

    def _hide_customer_display(self) -> None:
        if self._built("customer_display") is not None:
            self.customer_display.hide()

    def _update_display_keys(self) -> None:
        """Esc puts the customer window away, except while a payment waits (Esc cancels)."""
        shown = self._built("customer_display") is not None and self.customer_display.isVisible()
        waiting = self.sale_screen.state is SaleState.WAITING
        self._hide_display.setEnabled(shown and not waiting)

    # -- building the window -------------------------------------------------------------------

    def _build_sale_screen(self, info: TillInfo) -> SaleScreen:
        """Amount entry and the wallet keys for this till's currency and pay types."""
        currency = get_currency(info.currency)
        wallets = [WalletButton(p.code, wallet_name(p.code)) for p in info.mpm_pay_types()]
        confirm_above = info.confirm_above_txamt
        if confirm_above is None:
            confirm_above = 10_000 * 10**currency.minor_units
        screen = SaleScreen(
            currency.code,
            currency.minor_units,
            wallets,
            self._amount_checker(info),
            self,
            cents=info.cents_mode,
            confirm_above=confirm_above,
            format_txamt=lambda txamt: grouped_amount(txamt, currency.code),
        )
        self.training_codes: QLabel | None = None  # built after the first paint (training)
        return screen

    def _build_training_codes(self) -> None:
        """Training: the wallet table under the wallet keys (its module loads the training
        package, so it waits until the till is on screen)."""
        if not self.info.training or self.training_codes is not None:
            return
        from pos_app.ui.training_codes import TrainingCodes  # noqa: PLC0415

        self.training_codes = TrainingCodes(self.sale_screen)
        self.sale_screen.add_entry_note(self.training_codes)

    def _build_customer_display(self) -> CustomerDisplay:
        """The customer's window: a top-level window of its own (no parent)."""
        from pos_app.ui.customer_display import CustomerDisplay  # noqa: PLC0415

        display = CustomerDisplay(
            None, training=self.info.training, result_hold_ms=self._result_hold_ms
        )
        display.preferred_screen = self.info.customer_screen
        # With no parent, Python owns it and would destroy it wherever the till's last
        # reference happens to go: a garbage-collector pass on a pool thread would delete a
        # QWidget off the GUI thread.  Delete it with the till instead, from the GUI thread's
        # event loop.
        self.destroyed.connect(display.deleteLater)
        display.hidden.connect(self.take_keyboard)
        display.shown.connect(self._update_display_keys)
        display.hidden.connect(self._update_display_keys)
        return display

    def _build_notices(self, info: TillInfo) -> None:
        """The TRAINING banner, the error line and the short-notice line above the sale."""
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

    def _build_tool_buttons(self, info: TillInfo) -> QHBoxLayout:
        """The managers' tools and the customer screen, each with its shortcut."""
        tools = QHBoxLayout()
        for text, shortcut, slot in (
            (self.tr("Refund"), "Ctrl+R", self.open_refund),
            (self.tr("History"), "Ctrl+H", self.open_history),
            (self.tr("Day close"), "Ctrl+D", self.open_day_close),
            (self.tr("Customer screen"), "Ctrl+K", self.show_customer_display),
            (self.tr("Settings"), "F10", self.open_settings),
        ):
            # Two lines (name, key): four tools and the gateway state fit a 1024-wide row.
            button = QPushButton(f"{text}\n[{shortcut}]", self)
            button.setObjectName("toolButton")
            set_focus_policy(button)
            button.clicked.connect(slot)
            tools.addWidget(button)
            QShortcut(QKeySequence(shortcut), self).activated.connect(slot)
        tools.addStretch(1)
        if info.training:
            # Training only: the trainer "pays" the QR code from the till's own keyboard.
            simulate = QShortcut(QKeySequence("F12"), self)
            set_enum_property(simulate, "context", "ApplicationShortcut")
            simulate.activated.connect(self._simulate_scan)
        self._hide_display = QShortcut(QKeySequence("Esc"), self)
        self._hide_display.setEnabled(False)  # only while the customer window shows
        self._hide_display.activated.connect(self._hide_customer_display)
        return tools

    def _build_recovery(self) -> RecoveryPanel:
        """Recovery's panel; its (hidden) title and list go between the sale and the tools."""
        from pos_app.ui.recovery_panel import RecoveryPanel  # noqa: PLC0415

        recovery = RecoveryPanel(
            self,
            lambda: self.services,
            self.worker,
            self.status.set_recovering,
            sale_running=lambda: self.controller is not None and self.controller.is_busy(),
            recheck_ms=self._recheck_ms,
        )
        recovery.finished.connect(self.recovery_finished.emit)
        recovery.finished.connect(self._print_recovered)
        layout = self._central.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.sale_screen) + 1, recovery)
        return recovery

    def _build_central(self, tools: QHBoxLayout) -> QWidget:
        """Notices, the sale (taking all the room it can), then the tools."""
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self.error_label)
        layout.addWidget(self.sale_screen, 1)
        layout.addLayout(tools)
        return central

    def _build_status_bar(self, info: TillInfo) -> TillStatusBar:
        status = TillStatusBar(self)
        self.setStatusBar(status)
        status.set_environment(info.environment)
        status.set_till(info.till_id, info.cashier)
        status.set_network(info.proxy, info.ca_bundle)
        return status

    def _build_scanning(self) -> ScanRouting:
        """Both scanners, routed by what is on screen right now."""
        from pos_app.ui.scanning import ScanRouting  # noqa: PLC0415

        return ScanRouting(
            self,
            refund_open=self.tools.refund_open,
            refund_lookup=self.tools.refund_lookup,
            controller=lambda: self.controller,
            show_scanner=lambda label, ok: self.status.set_scanner(label, ok=ok),
            notify=self.notify,
            wedge_config=self._wedge_config,
        )

    # -- start-up ------------------------------------------------------------------------------

    def _amount_checker(self, info: TillInfo) -> Callable[[str], int]:
        """The keyed amount in minor units, refused above the shop's largest sale."""
        currency = get_currency(info.currency)

        def check(text: str) -> int:
            txamt = to_txamt(text, currency)
            if info.max_txamt is not None and txamt > info.max_txamt:
                limit = format_amount(info.max_txamt, currency)
                raise ValueError(
                    self.tr("The largest sale on this till is %1.").replace("%1", limit)
                )
            return txamt

        return check

    def paintEvent(self, event: QPaintEvent) -> None:
        """Announce the first paint once, so start-up work can wait until the till is seen."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """The till is on screen: install the scanners, then let start-up work begin."""
        if not self._closed:
            self.scanning  # noqa: B018 - builds the routing and installs the wedge filter
            self._build_training_codes()
        self.first_painted.emit()

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
        # Scans are wanted from now on (normally the routing exists since the first paint).
        scanning = self.scanning
        if services.wedge_config is not None:
            self._wedge_config = services.wedge_config
            scanning.scan_filter.set_config(services.wedge_config)
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
        self._build_training_codes()
        self.controller.sale_started.connect(self._sale_started)
        self.controller.gateway_unreachable.connect(self._gateway_lost)
        from pos_app.ui.receipts import ReceiptPrinting  # noqa: PLC0415

        self.receipts = ReceiptPrinting(
            services.printer,
            services.journal,
            training=services.training,
            auto_print=services.auto_print,
            merchant_copy=services.merchant_copy,
            merchant_name=services.merchant_name,
            shop_address=services.shop_address,
            footer=services.receipt_footer,
            parent=self,
        )
        self.receipts.failed.connect(lambda _otn, message: self.show_error("printer", message))
        self.status.set_environment(services.environment)
        self.status.set_till(services.till_id, services.cashier)
        self.status.set_network(services.proxy, services.ca_bundle)
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
        from pos_app.ui.qr_widget import qr_image  # noqa: PLC0415

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
        if self.tools.any_open():
            return
        self.activateWindow()
        self.sale_screen.setFocus()

    def notify(self, text: str, msecs: int = 5000) -> None:
        """A short notice over the top of the till, hidden again after ``msecs``.

        It floats (it is in no layout), so showing it never moves the keys under the
        cashier's finger.
        """
        self.notice_label.setText(text)
        self._place_notice()
        self.notice_label.show()
        self.notice_label.raise_()
        self._notice_timer.start(msecs)

    def _place_notice(self) -> None:
        layout = self._central.layout()
        if layout is None:
            return
        margins = layout.contentsMargins()
        width = max(1, self._central.width() - margins.left() - margins.right())
        height = self.notice_label.heightForWidth(width)
        if height <= 0:
            height = self.notice_label.sizeHint().height()
        self.notice_label.setGeometry(margins.left(), margins.top(), width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the floating notice across the top."""
        super().resizeEvent(event)
        if self.notice_label.isVisible():
            self._place_notice()

    def _simulate_scan(self) -> None:
        if self.controller is not None:
            self.controller.simulate_customer_scan()

    def _startup_failed(self, exc: BaseException) -> None:
        log.error("the till cannot start", exc_info=(type(exc), exc, exc.__traceback__))
        self.startup_error = user_message(exc)
        self.status.showMessage(self.tr("The till cannot start."))
        self.startup_failed.emit(self.startup_error)

    def _journal_damaged(self, message: str) -> None:
        """A bad page read while running stops the till as a failed check at start does: the
        same message with the steps to recover, and no further sale on that journal."""
        log.error("the journal is damaged: the till stops")
        self.startup_error = message
        self.status.showMessage(self.tr("The till stopped: the journal is damaged."))
        self.setEnabled(False)
        self.startup_failed.emit(message)

    # -- scanners ------------------------------------------------------------------------------

    @property
    def serial_bridge(self) -> SerialScannerBridge | None:
        """The serial scanner's bridge, once one is attached."""
        return self.scanning.serial_bridge

    def on_scanner_code(self, code: str) -> None:
        """Any scanner (serial too) goes through the same routing as the wedge."""
        self.scanning.on_scanner_code(code)

    def attach_serial_scanner(self, bridge: SerialScannerBridge) -> None:
        """Use a ``SerialScannerBridge``; its state is shown in the status bar."""
        self.scanning.attach_serial_scanner(bridge)

    def ready_services(self) -> TillServices | None:
        """The services, or None (with a note to the cashier) while the till is starting."""
        if self.services is None:
            self.notify(self.tr("The till is still starting…"), 3000)
        return self.services

    # -- managers' tools -------------------------------------------------------------------------

    @property
    def refund_dialog(self) -> RefundDialog | None:
        """The refund dialog, once opened (it is kept and reused)."""
        return self.tools.refund_dialog

    @property
    def history_dialog(self) -> HistoryDialog | None:
        """The history dialog while it is open."""
        return self.tools.history_dialog

    @property
    def last_receipt(self) -> str:
        """The receipt last shown on screen (as the box's rich text)."""
        return self.tools.last_receipt

    def open_refund(self, syssn: str = "") -> None:
        """Ctrl+R: the refund dialog (scans go to its lookup while it is open)."""
        self.tools.open_refund(syssn)

    def open_history(self) -> None:
        """Ctrl+H: today's transactions."""
        self.tools.open_history()

    def open_settings(self) -> None:
        """F10: the setup pages again, behind a manager's PIN (pos_app.ui.wizard)."""
        from pos_app.ui.wizard.settings_dialog import open_settings  # noqa: PLC0415

        open_settings(self)

    def open_day_close(self) -> None:
        """Ctrl+D: the day's totals."""
        self.tools.open_day_close()

    def reprint(self, record: TxRecord) -> None:
        """Show the receipt again, exactly as the printer lays it out, and print it."""
        self.tools.reprint(record)

    def print_after(self, outcome: Outcome) -> None:
        """A paid sale or a completed refund: its receipt goes to the printer (auto-print)."""
        if self.receipts is not None and outcome.paid and outcome.out_trade_no:
            self.receipts.after_transaction(outcome.out_trade_no)

    # -- background work ---------------------------------------------------------------------

    def start_recovery(self) -> None:
        """Finish what the last run left open, in the background, and list what happened."""
        self.recovery.start()

    def check_gateway(self) -> None:
        """Reachability for the status bar, off the GUI thread."""
        services = self.services
        if services is None or self._closed:
            return
        self.worker.run(
            services.gateway_reachable,
            success=lambda up: self._gateway_checked(bool(up), services.base_url),
            failure=lambda _e: self.status.set_gateway(False),
            label="gateway check",
        )

    def _gateway_checked(self, up: bool, detail: str) -> None:
        """A TCP connect only says the host answers; while the running sale's exchanges
        break, the main panel keeps saying QFPay cannot be reached."""
        running = self.controller.running if self.controller is not None else None
        if running is not None and running.unreachable:
            up = False
            self._recheck_gateway.start()
        self.status.set_gateway(up, detail)

    def _gateway_lost(self) -> None:
        """A sale's exchange broke: say so on the main panel now, and look again soon."""
        services = self.services
        self.status.set_gateway(False, services.base_url if services is not None else "")
        if not self._recheck_gateway.isActive():
            self._recheck_gateway.start()

    def _print_recovered(self, pairs: list[tuple[TxRecord, TxRecord | None]]) -> None:
        """A sale recovered as PAID gets its receipt like any other paid sale."""
        if self.receipts is None:
            return
        for before, after in pairs:
            if after is not None and after.state.value == "PAID" and before.state.value != "PAID":
                self.receipts.after_transaction(after.out_trade_no)

    def _sale_started(self) -> None:
        """A new sale needs the room: a settled recovery list steps aside."""
        recovery = self._built("recovery")
        if recovery is not None and not recovery.running and not self.status.recovering_count:
            recovery.dismiss()

    def show_error(self, title: str, message: str) -> None:
        """The one place unhandled failures are shown (the details are in the log)."""
        del title
        self.error_label.setText(message)
        self.error_label.show()
        QTimer.singleShot(10_000, self.error_label.hide)

    def _after_outcome(self, outcome: Outcome) -> None:
        self.take_keyboard()
        self.print_after(outcome)
        if self.close_guard.close_when_done:
            QTimer.singleShot(0, self.close)
        if not outcome.state.is_final:
            # Not settled (answer lost, reversal unconfirmed): keep checking in the background.
            self.recovery.check_later(1)

    # -- closing -------------------------------------------------------------------------------

    def ask_close_while_busy(self) -> str:
        """Ask the cashier what to do; tests override this to answer without a modal box."""
        return ask_close_while_busy(self)

    def showEvent(self, event: QShowEvent) -> None:
        """Take the keyboard as soon as the till is on screen.

        Without a window manager (a kiosk X session) nothing ever activates the window, and
        an inactive window gets no shortcuts (Ctrl+R, F12...) and no focus widget.  Asking
        once the window is mapped makes the till active there too; with a window manager it
        is what the manager would have done anyway.
        """
        super().showEvent(event)
        if not event.spontaneous():
            QTimer.singleShot(0, self.take_keyboard)
            if not self._fitted:
                # Again once shown: the window manager's frame is known only now.
                self._fitted = True
                QTimer.singleShot(0, lambda: fit_to_screen(self))
                handle = self.windowHandle()
                if handle is not None:
                    handle.screenChanged.connect(lambda _s: fit_to_screen(self))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Never abandon a payment: wait for it, or leave it to recovery at the next start."""
        busy = self.controller is not None and self.controller.is_busy()
        if not self.close_guard.may_close(busy, self.ask_close_while_busy):
            event.ignore()
            return
        self._closed = True
        for part in ("recovery", "scanning"):
            built = self._built(part)
            if built is not None:
                built.stop()
        self._ping_timer.stop()
        self._recheck_gateway.stop()
        if self._built("customer_display") is not None:
            self.customer_display.close()
        event.accept()

    def shutdown(self, wait_ms: int = 5000) -> None:
        """After the window closed: let running ops end (journal commits) before exit."""
        wait_for_background(self.worker, self.receipts, wait_ms)


__all__ = ["CLOSE_NOW", "CLOSE_WAIT", "CLOSE_WHEN_DONE", "MainWindow"]
