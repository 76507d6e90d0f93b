"""The sale flows: connects the sale screen, customer display and scanners to the engine.

Widgets emit *requests*; this controller turns each into one worker op around the blocking
engine call, keeps the ``CancelToken`` for Esc, follows the engine's events for the running
sale (QR code ready, seconds left, state changes) and finally shows the ``Outcome``.  It owns
no money logic: the engine journals every step before the next network call, so closing the
window mid-payment never abandons anything (recovery finishes it on the next start).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from pos_app.engine.core import R_CASHIER, R_DEADLINE, R_MAKING_SURE, R_NO_ANSWER
from pos_app.engine.errors import InputRefusedError, NotSentError, SaleUnresolvedError
from pos_app.engine.events import CancelToken, EngineEvent, Outcome
from pos_app.engine.states import TxMode, TxState
from pos_app.qfpay.authcode import validate_auth_code
from pos_app.ui.customer_display import CustomerDisplay
from pos_app.ui.i18n import tr_message
from pos_app.ui.labels import grouped_amount, wallet_name
from pos_app.ui.qr_widget import qr_image
from pos_app.ui.sale_screen import SaleScreen, SaleState
from pos_app.ui.services import TillServices
from pos_app.ui.sounds import SoundPlayer
from pos_app.ui.theme import ResultKind
from pos_app.ui.worker import Worker, assert_gui_thread, user_message

log = logging.getLogger(__name__)


@dataclass
class RunningSale:
    """The payment in flight (at most one per till)."""

    mode: TxMode
    txamt: int
    pay_type: str
    token: CancelToken
    started: float
    out_trade_no: str | None = None
    deadline: float | None = None
    #: The last exchange with the gateway broke and none has worked since.
    unreachable: bool = False
    #: A broken exchange was reported since the engine's last "waiting" event.
    failed_since_wait: bool = False
    #: Why the engine is cancelling (its reason, as journaled), once it is.
    cancelling: str | None = None
    # QFPay shows no record of the order yet: the cancel waits until it can no longer arrive.
    # (A plain comment: lupdate would take a "#:" one for the next translatable string.)
    making_sure: bool = False


class SaleController(QObject):
    """Runs one payment at a time for the sale screen, through the worker."""

    outcome_shown = Signal(object)  # Outcome, after the result is on screen
    sale_started = Signal()
    gateway_unreachable = Signal()  # an exchange of the running sale broke

    def __init__(
        self,
        services: TillServices,
        screen: SaleScreen,
        display: CustomerDisplay,
        worker: Worker,
        *,
        sounds: SoundPlayer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.engine = services.engine
        self.screen = screen
        self.display = display
        self.worker = worker
        self.currency = services.currency
        self.sounds = sounds
        self.sale_id = self.engine.new_sale_id()
        self._fresh_sale = False
        self.running: RunningSale | None = None
        self.last_outcome: Outcome | None = None
        self.result_shown_at: float | None = None
        screen.cpm_requested.connect(self.start_cpm)
        screen.mpm_requested.connect(self.start_mpm)
        screen.cancel_requested.connect(self.cancel)
        screen.state_changed.connect(self._screen_state)
        worker.engine_event.connect(self.on_engine_event)
        display.simulate_requested.connect(self.simulate_customer_scan)
        display.expired.connect(self._display_expired)
        display.hidden.connect(lambda: screen.keep_clear_of(None))
        display.shown.connect(self._keep_clear_of_display)
        display.till_needs = lambda: screen.minimumSizeHint().width() + 24
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._refresh_waiting)

    # -- requests from the screen ------------------------------------------------------------

    def is_busy(self) -> bool:
        """Whether a payment is in flight (the window asks before closing)."""
        return self.running is not None

    def wants_auth_code(self) -> bool:
        """Whether a scan right now is the customer's payment code."""
        return self.running is None and self.screen.wants_scan()

    def scanned_auth_code(self, text: str) -> None:
        """A scan routed as a payment code (wedge or serial scanner)."""
        assert_gui_thread()
        if not self.wants_auth_code():
            log.info("scan ignored: the till is not waiting for a payment code")
            return
        self.screen.accept_scan(text)

    def start_cpm(self, txamt: int, text: str, goods: str) -> None:
        """Validate the scanned text locally; only a plausible code is ever sent."""
        assert_gui_thread()
        if self.running is not None:
            return
        try:
            code = validate_auth_code(text)
        except Exception as exc:
            self.screen.show_problem(user_message(exc))
            if self.sounds:
                self.sounds.play("failed")
            return
        pay_type = self.services.cpm_pay_type()
        message = self.tr("Sending the payment to the customer's wallet…")
        self._launch(
            self.engine.pay_cpm,
            TxMode.CPM,
            txamt,
            pay_type,
            goods=goods,
            message=message,
            auth_code=code,
        )

    def start_mpm(self, txamt: int, pay_type: str, goods: str) -> None:
        """Ask the gateway for a QR code; the customer display shows it when it arrives."""
        assert_gui_thread()
        if self.running is not None:
            return
        message = self.tr("Asking QFPay for a QR code…")
        self._launch(
            self.engine.start_mpm, TxMode.MPM, txamt, pay_type, goods=goods, message=message
        )

    def _launch(
        self,
        call: Callable[..., Outcome],
        mode: TxMode,
        txamt: int,
        pay_type: str,
        *,
        goods: str,
        message: str,
        **extra: str,
    ) -> None:
        """Begin the sale and run its engine call on the worker (``extra``: call-specific)."""
        token = self._begin(mode, txamt, pay_type)
        self._wait(message)
        kwargs = {
            "txamt": txamt,
            "currency": self.currency,
            "pay_type": pay_type,
            "sale_id": self.sale_id,
            "cancel": token,
            "goods_name": goods or None,
            **extra,
        }
        self.worker.run(
            lambda: call(**kwargs), success=self._finished, failure=self._failed, label="payment"
        )

    def cancel(self) -> None:
        """Esc while waiting: the engine reverses or closes, and reports the final state."""
        assert_gui_thread()
        if self.running is None:
            return
        self.running.token.cancel()
        self._refresh_waiting()

    def simulate_customer_scan(self) -> None:
        """Training only: make the simulated customer pay the QR on display."""
        running = self.running
        if not self.services.training or running is None or running.out_trade_no is None:
            return
        out_trade_no = running.out_trade_no
        simulate = self.services.simulate_scan
        self.worker.run(lambda: simulate(out_trade_no), label="simulate scan")

    # -- engine progress ---------------------------------------------------------------------

    def on_engine_event(self, event: object) -> None:
        """Follow the running sale; events of other transactions (recovery) are not ours."""
        assert_gui_thread()
        running = self.running
        if running is None or not isinstance(event, EngineEvent):
            return
        if running.out_trade_no is None:
            if event.state is not TxState.CREATED or not self._belongs_to_sale(event):
                return
            running.out_trade_no = event.out_trade_no
        if event.out_trade_no != running.out_trade_no:
            return
        if event.seconds_left is not None:
            running.deadline = time.monotonic() + event.seconds_left
        if event.kind == "qrcode" and event.qrcode:
            if not running.token.cancelled:
                self._show_qr(running, event.qrcode)
            return
        if event.kind == "message" and event.message == R_NO_ANSWER:
            running.unreachable = running.failed_since_wait = True
            running.making_sure = False  # told again, with fresh seconds, if it still waits
            self.gateway_unreachable.emit()
        elif event.kind == "message" and event.message == R_MAKING_SURE:
            # QFPay answered (it has no record of the order): the cancel waits out the time
            # the payment could still arrive, counted down on the panel.
            running.unreachable = False
            running.making_sure = True
        elif event.kind == "message" and event.message:
            self._wait(tr_message(event.message), self._seconds_left())
            return
        elif event.kind == "waiting":
            # A whole poll went by without a broken exchange: QFPay answers again.
            if not running.failed_since_wait:
                running.unreachable = False
            running.failed_since_wait = False
        elif event.kind == "state" and event.state is TxState.CANCELLING:
            running.cancelling = event.message or (
                R_CASHIER if running.token.cancelled else R_DEADLINE
            )
        self._refresh_waiting()

    def _belongs_to_sale(self, event: EngineEvent) -> bool:
        """Recovery runs alongside a sale: adopt only an attempt journaled for this sale.

        The event carries its sale id, so the GUI thread never reads the journal for it.
        """
        return event.sale_id is not None and event.sale_id == self.sale_id

    def _show_qr(self, running: RunningSale, qrcode: str) -> None:
        """Encode the code on the worker; the display only paints the finished image."""
        out_trade_no = running.out_trade_no
        self.worker.run(
            lambda: qr_image(qrcode),
            success=lambda image: self._qr_ready(out_trade_no, qrcode, image),
            failure=lambda exc: self._qr_failed(out_trade_no, qrcode, exc),
            label="render QR",
        )

    def _qr_failed(self, out_trade_no: str | None, qrcode: str, exc: BaseException) -> None:
        log.error("QR rendering failed", exc_info=(type(exc), exc, exc.__traceback__))
        self._qr_ready(out_trade_no, qrcode, None)  # try once more on the spot

    def _qr_ready(self, out_trade_no: str | None, qrcode: str, image: QImage | None) -> None:
        running = self.running
        if running is None or running.out_trade_no != out_trade_no or running.token.cancelled:
            return  # the sale ended (or was cancelled) while the code was being drawn
        wallet = wallet_name(running.pay_type)
        if running.deadline is None:
            # The engine gives up (and closes the order) mpm_timeout after starting it.
            timeout = float(getattr(self.engine.config, "mpm_timeout", 300.0))
            running.deadline = running.started + timeout
        seconds = self._seconds_left() or 0.0
        self.display.show_payment(
            qrcode, grouped_amount(running.txamt, self.currency), wallet, seconds, image
        )
        self._keep_clear_of_display()
        self._refresh_waiting()

    def _keep_clear_of_display(self) -> None:
        """On a shared screen, the till's text moves out from under the customer window."""
        if self.display.isVisible() and self.display.screen() is self.screen.screen():
            self.screen.keep_clear_of(self.display.frameGeometry())

    def _seconds_left(self) -> float | None:
        running = self.running
        if running is None or running.deadline is None:
            return None
        return max(0.0, running.deadline - time.monotonic())

    def _refresh_waiting(self) -> None:
        """Say what the engine is doing now: waiting, checking, cancelling, or no answer."""
        running = self.running
        if running is None:
            return
        title = self.tr("WAITING")
        colour = ResultKind.WAITING
        seconds: float | None = self._seconds_left()
        hint: str | None = None
        if running.cancelling is not None or running.token.cancelled:
            reason = tr_message(running.cancelling or R_CASHIER)
            title = self.tr("CANCELLING")
            message = self.tr("Undoing the payment with the wallet. %1").replace("%1", reason)
            hint = self.tr("Please wait: the till makes sure nothing is charged.")
            seconds = None
            if running.making_sure:
                message = tr_message(R_MAKING_SURE)
                left = self._seconds_left()
                if left is not None and left >= 0.5:
                    hint = self.tr("About %1 s more: the till makes sure nothing is charged.")
                    hint = hint.replace("%1", str(round(left)))
        elif running.mode is TxMode.MPM:
            if self.display.isVisible():
                wallet = wallet_name(running.pay_type)
                message = self.tr("Waiting for the customer to scan and pay with %1…").replace(
                    "%1", wallet
                )
            else:
                message = self.tr("Asking QFPay for a QR code…")
        else:
            message = self.tr("Waiting for the customer to confirm in their wallet…")
        if running.unreachable:
            title = self.tr("NO ANSWER FROM QFPAY")
            colour = ResultKind.ATTENTION
            message = tr_message(R_NO_ANSWER)
            hint = self.tr(
                "Check the network (cable, Wi-Fi, router). Do not take the payment another "
                "way yet: the till finds out whether it went through."
            )
        self._wait(message, seconds, title=title, colour=colour, hint=hint)

    def _wait(
        self,
        message: str,
        seconds_left: float | None = None,
        *,
        title: str | None = None,
        colour: ResultKind = ResultKind.WAITING,
        hint: str | None = None,
    ) -> None:
        """The waiting panel, always with the amount (and the wallet for a QR payment)."""
        running = self.running
        summary = ""
        if running is not None:
            summary = grouped_amount(running.txamt, self.currency)
            if running.mode is TxMode.MPM:
                summary += f" · {wallet_name(running.pay_type)}"
        self.screen.show_waiting(
            message, seconds_left, summary=summary, title=title, colour=colour, hint=hint
        )

    def _display_expired(self) -> None:
        """The code's time is up on the customer's screen; the engine closes the order."""
        if self.running is not None and self.running.mode is TxMode.MPM:
            self._wait(self.tr("The QR code expired: closing the order…"))

    # -- the end -----------------------------------------------------------------------------

    def _begin(self, mode: TxMode, txamt: int, pay_type: str) -> CancelToken:
        token = CancelToken()
        self.running = RunningSale(mode, txamt, pay_type, token, time.monotonic())
        self.result_shown_at = None
        self._tick.start()
        self.sale_started.emit()
        return token

    def _screen_state(self, state: str) -> None:
        """Decide whether the next attempt belongs to the same sale.

        After a decline or a cancel the customer usually tries again: the same sale id lets
        the engine refuse a second attempt while the first is not final.  After a payment
        (or one needing attention) the next customer's sale is a new one.
        """
        if state == SaleState.ENTRY.value and self.running is None and self._fresh_sale:
            self.sale_id = self.engine.new_sale_id()
            self._fresh_sale = False

    def _end(self) -> RunningSale | None:
        running, self.running = self.running, None
        self._tick.stop()
        return running

    def _finished(self, outcome: Outcome) -> None:
        assert_gui_thread()
        self._end()
        self.last_outcome = outcome
        self._fresh_sale = outcome.paid or outcome.state not in (
            TxState.DECLINED,
            TxState.REVERSED,
            TxState.CLOSED,
        )
        kind, title, detail, hint = self.describe(outcome)
        self.screen.show_result(kind, title, detail, hint, retry=not self._fresh_sale)
        if self.display.isVisible():
            self.display.show_result(kind, title, wallet=wallet_name(outcome.wallet_code))
        if self.sounds:
            self.sounds.play("paid" if outcome.paid else "failed")
        self.result_shown_at = time.perf_counter()
        self.outcome_shown.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        """The engine refused before sending, or something unexpected broke."""
        assert_gui_thread()
        running = self._end()
        self._fresh_sale = not isinstance(exc, (InputRefusedError, SaleUnresolvedError))
        log.error("payment op failed", exc_info=(type(exc), exc, exc.__traceback__))
        title = self.tr("NOT SENT")
        hint = self.tr("Nothing was charged. Press Enter and try again.")
        # NotSentError: the row is final and the gateway processed nothing (certain), unless
        # the refusal came after the request left (``in_flight``: the sale may be charged).
        certain = isinstance(exc, NotSentError) and not exc.in_flight
        if running is not None and running.out_trade_no is not None and not certain:
            title = self.tr("NEEDS ATTENTION")
            hint = self.tr(
                "The payment may or may not have gone through; the till will check it. "
                "Do not take the payment again before the history shows it."
            )
        self.screen.show_result(ResultKind.ATTENTION, title, user_message(exc), hint)
        if self.display.isVisible():
            self.display.show_result(ResultKind.ATTENTION, title)
        if self.sounds:
            self.sounds.play("failed")

    def describe(self, outcome: Outcome) -> tuple[ResultKind, str, str, str]:
        """(what it means, big title, detail, what to do next) for a final outcome."""
        amount = grouped_amount(outcome.txamt, outcome.currency)
        wallet = wallet_name(outcome.wallet_code)  # the actual wallet where the answer named it
        reason = tr_message(outcome.message) if outcome.message else ""
        state = outcome.state
        if state is TxState.PAID:
            detail = f"{amount} · {wallet}\n" + self.tr("QFPay number %1").replace(
                "%1", outcome.syssn or "-"
            )
            return (
                ResultKind.PAID,
                self.tr("PAID"),
                detail,
                self.tr("Press Enter for the next sale."),
            )
        if state is TxState.DECLINED:
            return (
                ResultKind.DECLINED,
                self.tr("DECLINED"),
                f"{amount} · {wallet}\n{reason}",
                self.tr(
                    "Nothing was charged. Ask for another code and scan it to try again, "
                    "or press Enter for a new sale."
                ),
            )
        if state in (TxState.REVERSED, TxState.CLOSED):
            return (
                ResultKind.CANCELLED,
                self.tr("CANCELLED"),
                f"{amount} · {wallet}\n{reason}",
                self.tr(
                    "Nothing was charged. Scan a customer code to try again, "
                    "or press Enter for a new sale."
                ),
            )
        return (
            ResultKind.ATTENTION,
            self.tr("NEEDS ATTENTION"),
            f"{amount} · {wallet}\n{reason}",
            self.tr(
                "Do not take this payment again. The till keeps checking it; "
                "see the history (Ctrl+H) or call a manager."
            ),
        )
