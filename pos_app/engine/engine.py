"""The payment engine's public face: take a code payment, show a QR code, refund, recover.

Each flow validates its input first (a refusal journals and sends nothing), commits the
intent, then drives the gateway to a final state through the steps in ``core``.  A sale
(``sale_id``) may have several attempts, but never two open at once and never another after
one was paid: that is what stops a nervous cashier from charging a customer twice.
"""

from __future__ import annotations

import math

from pos_app.engine.core import R_PAID, EngineCore
from pos_app.engine.errors import InputRefusedError, SaleUnresolvedError
from pos_app.engine.events import CancelToken, Outcome
from pos_app.engine.ids import new_sale_id
from pos_app.engine.journal import TxRecord
from pos_app.engine.managers import ManagerStore
from pos_app.engine.recovery import RecoveryReport, recover
from pos_app.engine.refunds import run_refund
from pos_app.engine.states import TxMode, TxState
from pos_app.engine.views import Verdict
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.authcode import mask_auth_code, validate_auth_code
from pos_app.qfpay.currencies import check_txamt, get_currency
from pos_app.qfpay.errors import (
    ConfigurationError,
    DeclinedError,
    GatewayError,
    OutcomeUnknownError,
    QFPayError,
    RequestValidationError,
)
from pos_app.qfpay.models import PaymentResult
from pos_app.qfpay.paytypes import PayType, PresentMode, get_pay_type
from pos_app.qfpay.status import StatusClass

R_ALREADY_PAID_SALE = QT_TRANSLATE_NOOP("engine", "This sale is already paid.")
R_WRONG_MODE = QT_TRANSLATE_NOOP("engine", "This payment method cannot be used this way.")
R_NO_QRCODE = QT_TRANSLATE_NOOP(
    "engine", "The gateway did not send a QR code; the order was closed. Try again."
)
R_NOT_SENT = QT_TRANSLATE_NOOP("engine", "The payment could not be sent: {error}")


class PaymentEngine(EngineCore):
    """One till's engine; see ``pos_app.engine`` for the contract."""

    @property
    def managers(self) -> ManagerStore:
        """The managers who may authorise refunds (stored in this engine's journal)."""
        return ManagerStore(self.journal)

    def new_sale_id(self) -> str:
        """A fresh sale id for grouping attempts."""
        return new_sale_id(self.till_id)

    # -- input checks (nothing journaled, nothing sent) --------------------------------------

    def _check(
        self, txamt: int, currency: str, pay_type: str, mode: PresentMode
    ) -> tuple[int, str, PayType]:
        try:
            amount = check_txamt(txamt)
            code = get_currency(currency).code
            kind = get_pay_type(pay_type)
        except RequestValidationError as exc:
            raise InputRefusedError(exc.message) from exc
        if kind.mode is not mode:
            raise InputRefusedError(R_WRONG_MODE)
        return amount, code, kind

    def _check_sale(self, sale_id: str) -> None:
        for attempt in self.journal.attempts(sale_id):
            if not attempt.state.is_final:
                raise SaleUnresolvedError(attempt.out_trade_no)
            if attempt.state is TxState.PAID or (
                attempt.state is TxState.NEEDS_ATTENTION and attempt.mode is not TxMode.REFUND
            ):
                raise InputRefusedError(R_ALREADY_PAID_SALE)

    # -- CPM --------------------------------------------------------------------------------

    def pay_cpm(
        self,
        *,
        txamt: int,
        currency: str,
        pay_type: str,
        auth_code: str,
        sale_id: str | None = None,
        cancel: CancelToken | None = None,
        goods_name: str | None = None,
    ) -> Outcome:
        """Charge the code the customer shows; returns when the attempt is final."""
        amount, code, kind = self._check(txamt, currency, pay_type, PresentMode.CPM)
        try:
            auth = validate_auth_code(auth_code)
        except RequestValidationError as exc:
            raise InputRefusedError(exc.message) from exc
        sale = sale_id or self.new_sale_id()
        token = cancel or CancelToken()
        with self._sale_lock(sale):
            self._check_sale(sale)
            timing = self.config.timing_for(kind.wallet)
            number = self._new_number()
            try:
                rec = self.open_sent(
                    "payment CPM",
                    out_trade_no=number,
                    sale_id=sale,
                    mode=TxMode.CPM,
                    till_id=self.till_id,
                    cashier=self.cashier,
                    txamt=amount,
                    currency=code,
                    pay_type=kind.code,
                    auth_code=mask_auth_code(auth),
                    deadline=self._clock() + timing.deadline,
                )
                rec = self._send_payment(rec, auth_code=auth, goods_name=goods_name)
                if not rec.state.is_final:
                    rec = self.poll(rec, token, timing.intervals)
            finally:
                self._release(number)
        return self.outcome(rec)

    def _send_payment(
        self,
        rec: TxRecord,
        *,
        auth_code: str | None = None,
        expired_time: int | None = None,
        goods_name: str | None = None,
    ) -> TxRecord:
        """The one and only payment request for a row already committed as SENT.

        The caller committed intent, SENT and the request note together (``open_sent``); the
        answer and the state it leads to share the second commit.  Two fsyncs per payment,
        each before the next network step.
        """
        assert rec.state is TxState.SENT
        try:
            result = self.client.pay(
                txamt=rec.txamt,
                txcurrcd=rec.currency,
                pay_type=rec.pay_type,
                out_trade_no=rec.out_trade_no,
                auth_code=auth_code,
                expired_time=expired_time,
                goods_name=goods_name,
            )
        except DeclinedError as exc:
            with self.one_commit():
                self._note_error(rec, "payment", exc)
                return self._move(
                    rec, TxState.DECLINED, respcd=exc.respcd, reason=exc.status.cashier_message
                )
        except GatewayError as exc:
            # A definite failure, but codes such as "duplicate" hide a live order: ask first.
            self._note_error(rec, "payment", exc)
            view = self.query_view(rec)
            if view is not None and view.verdict in (Verdict.PAID, Verdict.DOUBLE, Verdict.PENDING):
                done = self.settle(rec, view)
                return done if done is not None else self._move(rec, TxState.IN_PROGRESS)
            if view is None:
                return self._move(rec, TxState.UNKNOWN, respcd=exc.respcd)
            return self._move(
                rec, TxState.DECLINED, respcd=exc.respcd, reason=exc.status.cashier_message
            )
        except OutcomeUnknownError as exc:
            with self.one_commit():
                self._note_error(rec, "payment", exc)
                return self._move(rec, TxState.UNKNOWN)
        except (RequestValidationError, ConfigurationError) as exc:
            self._note_error(rec, "payment", exc)
            return self._move(rec, TxState.DECLINED, reason=R_NOT_SENT.format(error=exc.message))
        except QFPayError as exc:  # any future subclass: assume it may have been sent
            self._note_error(rec, "payment", exc)
            return self._move(rec, TxState.UNKNOWN)
        with self.one_commit():
            self.journal.record(
                rec.out_trade_no, "answer", f"payment: {result.status.meaning}", result.respcd
            )
            return self._after_answer(rec, result)

    def _after_answer(self, rec: TxRecord, result: PaymentResult) -> TxRecord:
        """The state a well-formed payment answer leads to (inside the answer's commit)."""
        if rec.mode is TxMode.MPM:
            live = result.status.status_class in (StatusClass.SUCCESS, StatusClass.IN_PROGRESS)
            if live and result.qrcode:
                rec = self._move(
                    rec,
                    TxState.IN_PROGRESS,
                    qrcode=result.qrcode,
                    syssn=result.syssn,
                    respcd=result.respcd,
                )
                self._emit("qrcode", rec, qrcode=result.qrcode)
                return rec
            return self._move(rec, TxState.UNKNOWN, respcd=result.respcd)
        if result.status.status_class is StatusClass.SUCCESS:
            return self._move(
                rec, TxState.PAID, syssn=result.syssn, respcd=result.respcd, reason=R_PAID
            )
        return self._move(rec, TxState.IN_PROGRESS, syssn=result.syssn, respcd=result.respcd)

    # -- MPM --------------------------------------------------------------------------------

    def start_mpm(
        self,
        *,
        txamt: int,
        currency: str,
        pay_type: str,
        sale_id: str | None = None,
        cancel: CancelToken | None = None,
        timeout: float | None = None,
        goods_name: str | None = None,
    ) -> Outcome:
        """Create a QR order, emit its code (``"qrcode"`` event), and poll until final."""
        amount, code, kind = self._check(txamt, currency, pay_type, PresentMode.MPM)
        sale = sale_id or self.new_sale_id()
        token = cancel or CancelToken()
        wait_for = self.config.mpm_timeout if timeout is None else timeout
        expired_minutes = None
        if kind.supports_expired_time:
            expired_minutes = min(120, max(5, math.ceil(wait_for / 60)))
        with self._sale_lock(sale):
            self._check_sale(sale)
            number = self._new_number()
            try:
                rec = self.open_sent(
                    "payment MPM",
                    out_trade_no=number,
                    sale_id=sale,
                    mode=TxMode.MPM,
                    till_id=self.till_id,
                    cashier=self.cashier,
                    txamt=amount,
                    currency=code,
                    pay_type=kind.code,
                    deadline=self._clock() + wait_for,
                )
                rec = self._send_payment(rec, expired_time=expired_minutes, goods_name=goods_name)
                if rec.state is TxState.UNKNOWN:
                    # Without a code the customer cannot pay: make sure no order lingers.
                    rec = self.cancel_order(rec, R_NO_QRCODE)
                elif not rec.state.is_final:
                    rec = self.poll(rec, token, self.config.mpm_intervals)
            finally:
                self._release(number)
        return self.outcome(rec)

    # -- refunds and recovery ----------------------------------------------------------------

    def refund(
        self,
        *,
        orig_syssn: str,
        txamt: int,
        manager: str,
        pin: str,
        cancel: CancelToken | None = None,
    ) -> Outcome:
        """Refund (part of) a paid transaction, authorised by a manager's PIN.

        Raises ``ManagerAuthError``/``ManagerLockedError`` for a bad PIN and
        ``InputRefusedError`` for a refund that cannot be made (unknown or unpaid original,
        non-refundable pay type such as FPS, more than remains); nothing is journaled then.
        """
        return run_refund(
            self, orig_syssn=orig_syssn, txamt=txamt, manager=manager, pin=pin, token=cancel
        )

    def recover(self, cancel: CancelToken | None = None) -> RecoveryReport:
        """Resolve every unfinished transaction against the gateway (start-up and on demand).

        ``cancel`` ends the run early (see :func:`pos_app.engine.recovery.recover`).
        """
        return recover(self, cancel=cancel)

    def resolve(self, out_trade_no: str) -> Outcome:
        """Recover one transaction now (e.g. a row the cashier picked from history)."""
        if self.journal.get(out_trade_no) is None:
            raise InputRefusedError(QT_TRANSLATE_NOOP("engine", "No such transaction."))
        recover(self, only=out_trade_no)
        rec = self.journal.get(out_trade_no)
        assert rec is not None
        return self.outcome(rec)
