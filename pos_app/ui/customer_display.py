"""The customer-facing window for merchant-presented (MPM) payments.

The customer needs exactly four things: the QR to scan, how much, which wallet, and how long
the code stays valid; afterwards, a moment of "paid"/"cancelled" so they know they may leave.
With a second screen the window goes full screen there; otherwise it is an ordinary window
the cashier can turn towards the customer.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QHideEvent, QImage, QScreen, QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from pos_app.ui.qr_widget import QrWidget
from pos_app.ui.theme import ResultKind, set_state_property
from pos_app.ui.worker import assert_gui_thread

#: Width of the customer window when it shares the till's only screen (at most).
SINGLE_SCREEN_WIDTH = 480
#: Narrowest useful customer window: a QR code a phone still reads from arm's length.
MIN_SINGLE_SCREEN_WIDTH = 320


class CustomerDisplay(QWidget):
    """QR, amount, wallet and countdown; then the result, briefly; then it hides itself."""

    simulate_requested = Signal()
    expired = Signal()
    hidden = Signal()
    shown = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        training: bool = False,
        result_hold_ms: int = 3000,
        tick_ms: int = 250,
    ) -> None:
        # The customer's window must never take the keyboard: the till's Esc, F-keys and a
        # keyboard-wedge scan go to the active window, and a scan typed into this one would
        # vanish.  So it is shown without activation and refuses focus even when touched.
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("customerDisplay")
        self.setWindowTitle(self.tr("Please scan to pay"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._deadline: float | None = None
        self._result_hold_ms = result_hold_ms
        #: Width the till's own screen must keep for itself (its sale screen's minimum), so
        #: on a single screen this window never covers the keypad.  Set by the till.
        self.till_needs: Callable[[], int] = lambda: 0

        self.wallet_label = QLabel(self)
        self.wallet_label.setObjectName("customerWallet")
        self.amount_label = QLabel(self)
        self.amount_label.setObjectName("customerAmount")
        self.qr = QrWidget(self)
        self.countdown_label = QLabel(self)
        self.countdown_label.setObjectName("customerCountdown")
        self.result_label = QLabel(self)
        self.result_label.setObjectName("customerResult")
        self.result_label.setWordWrap(True)
        for label in (self.wallet_label, self.amount_label, self.countdown_label):
            label.setWordWrap(True)
        self.result_label.hide()
        self.simulate_button = QPushButton(
            self.tr("Simulate customer scan\n(training) [F12]"), self
        )
        self.simulate_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.simulate_button.clicked.connect(self.simulate_requested.emit)
        self.simulate_button.setVisible(training)
        self.simulate_button.setEnabled(False)
        self.wallet_label.setText(self.tr("Welcome"))

        layout = QVBoxLayout(self)
        for label in (
            self.wallet_label,
            self.amount_label,
            self.countdown_label,
            self.result_label,
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.wallet_label)
        layout.addWidget(self.amount_label)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.result_label, 1)
        layout.addWidget(self.countdown_label)
        layout.addWidget(self.simulate_button)

        self._tick = QTimer(self)
        self._tick.setInterval(tick_ms)
        self._tick.timeout.connect(self._update_countdown)
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.timeout.connect(self.hide)

    def show_payment(
        self,
        qrcode: str,
        amount: str,
        wallet: str,
        seconds_left: float,
        image: QImage | None = None,
    ) -> None:
        """Present a fresh code; ``seconds_left`` until the engine gives up on it.

        ``image`` is the code already rendered on the worker (``qr_image``).
        """
        assert_gui_thread()
        self._hide_timer.stop()
        self.qr.set_data(qrcode, image)
        self.qr.show()
        self.result_label.hide()
        self.amount_label.setText(amount)
        self.wallet_label.setText(self.tr("Scan with %1").replace("%1", wallet))
        self._deadline = time.monotonic() + max(0.0, seconds_left)
        self._update_countdown()
        self._tick.start()
        self.present()

    def warm_up(self) -> None:
        """Polish and create the native window ahead of the first payment (stays hidden).

        The first paint of this window cost several milliseconds mid-sale (style polish,
        layout, the first raster pass); rendering it once into a pixmap now moves that to
        start-up.  The QR encoder is warmed on the worker (``MainWindow.attach_services``).
        """
        self.ensurePolished()
        self.winId()
        target = self.customer_screen()
        self.resize(target.size() if target is not None else QSize(SINGLE_SCREEN_WIDTH, 720))
        self.grab()  # laid out and painted into a pixmap; nothing appears on screen

    def seconds_left(self) -> int:
        """Whole seconds until expiry, never negative."""
        if self._deadline is None:
            return 0
        return max(0, int(self._deadline - time.monotonic() + 0.999))

    def show_result(self, outcome: ResultKind, text: str, *, wallet: str = "") -> None:
        """Show the outcome to the customer, then hide after the hold time.

        ``wallet`` names the wallet the customer paid with (the actual one the gateway named,
        not a generic "QR wallet"), so they see which app was charged.
        """
        assert_gui_thread()
        self._tick.stop()
        self._deadline = None
        self.qr.set_data("")
        self.qr.hide()
        self.countdown_label.setText("")
        self.simulate_button.setEnabled(False)
        # The wallet line must not keep saying "Scan with PayMe" above a cancellation.
        if outcome is ResultKind.PAID and wallet:
            self.wallet_label.setText(self.tr("Thank you! Paid with %1").replace("%1", wallet))
        elif outcome is ResultKind.PAID:
            self.wallet_label.setText(self.tr("Thank you!"))
        elif outcome in ("cancelled", "declined"):
            self.wallet_label.setText(self.tr("No payment was taken"))
        else:
            self.wallet_label.setText(self.tr("Please wait for the cashier"))
        self.amount_label.setText("")
        self.result_label.setText(text)
        set_state_property(self.result_label, "outcome", outcome)
        self.result_label.show()
        if self.isVisible():
            self._hide_timer.start(self._result_hold_ms)

    #: The settings' ``customer_screen``: "auto", "till" or a screen's name.
    preferred_screen = "auto"

    def customer_screen(self) -> QScreen | None:
        """The screen that faces the customer: the one the shop chose, else any screen other
        than the till's; None means a window beside the till on its own screen."""
        screens = QGuiApplication.screens()
        if self.preferred_screen == "till":
            return None
        chosen = next((s for s in screens if s.name() == self.preferred_screen), None)
        if chosen is not None:
            return chosen
        if len(screens) < 2:
            return None
        primary = QGuiApplication.primaryScreen()
        return next((s for s in screens if s is not primary), screens[1])

    def present(self) -> None:
        """Full screen on a second screen if there is one, else a window beside the till.

        On a single screen the window goes to the right edge of the till's screen, at full
        height, so the cashier's result panel and Esc button stay visible on the left.
        """
        self.simulate_button.setEnabled(bool(self.qr.data()))
        target = self.customer_screen()
        if target is not None:
            self.setScreen(target)
            self.setGeometry(target.geometry())
            # Not showFullScreen(): that also asks for activation (the till keeps the keys).
            self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen)
            self.show()
        else:
            if not self.isVisible():
                screen = QGuiApplication.primaryScreen()
                if screen is not None:
                    area = screen.availableGeometry()
                    room = area.width() - max(0, self.till_needs())
                    width = max(MIN_SINGLE_SCREEN_WIDTH, min(SINGLE_SCREEN_WIDTH, room))
                    width = max(min(width, area.width() // 2), self.minimumSizeHint().width())
                    self.setGeometry(area.right() - width + 1, area.top(), width, area.height())
                else:
                    self.resize(SINGLE_SCREEN_WIDTH, 720)
            self.show()
        self.raise_()

    def toggle(self) -> None:
        """Ctrl+K: show the customer window, or put it away when it is showing."""
        if self.isVisible():
            self.hide()
        else:
            self.present()

    def showEvent(self, event: QShowEvent) -> None:
        """Tell the till, which keeps its text clear of this window on a shared screen."""
        super().showEvent(event)
        self.shown.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        """Tell the till, which takes the keyboard back (a window manager may not)."""
        super().hideEvent(event)
        self.hidden.emit()

    def _update_countdown(self) -> None:
        left = self.seconds_left()
        minutes, seconds = divmod(left, 60)
        self.countdown_label.setText(
            self.tr("Code valid for %1").replace("%1", f"{minutes}:{seconds:02d}")
        )
        if left == 0 and self._deadline is not None:
            self._tick.stop()
            self.expired.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the customer window only hides it; the payment goes on at the till."""
        self._tick.stop()
        event.accept()
