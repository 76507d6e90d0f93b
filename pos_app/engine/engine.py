"""The payment engine's public face: take a code payment, show a QR code, refund, recover.

Each flow validates its input first (a refusal journals and sends nothing), commits the
intent, then drives the gateway to a final state through the steps in ``core``.  A sale
(``sale_id``) may have several attempts, but never two open at once and never another after
one was paid: that is what stops a nervous cashier from charging a customer twice.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pos_app.engine.core import R_PAID, EngineCore
from pos_app.engine.errors import (
    EarlierUnresolvedError,
    InputRefusedError,
    PossibleDuplicateError,
    SaleUnresolvedError,
)
from pos_app.engine.events import CancelToken, Outcome
from pos_app.engine.evidence import Kind
from pos_app.engine.ids import new_sale_id
from pos_app.engine.journal import TxRecord
from pos_app.engine.managers import ManagerStore
from pos_app.engine.recovery import RecoveryReport, recover
from pos_app.engine.refunds import Original, find_original, run_refund
from pos_app.engine.states import TxMode, TxState
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.authcode import mask_auth_code
from pos_app.qfpay.checks import check_auth_code_for, check_goods_name
from pos_app.qfpay.currencies import check_txamt, get_currency
from pos_app.qfpay.errors import RequestValidationError
from pos_app.qfpay.models import PaymentResult
from pos_app.qfpay.paytypes import PayType, get_pay_type

R_ALREADY_PAID_SALE = QT_TRANSLATE_NOOP("engine", "This sale is already paid.")
R_NO_QRCODE = QT_TRANSLATE_NOOP(
    "engine", "The gateway did not send a QR code; the order was closed. Try again."
)


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
        self,
        txamt: int,
        currency: str,
        pay_type: str,
        auth_code: str | None,
        goods_name: str | None,
    ) -> tuple[int, str, PayType, str | None, str | None]:
        """Every input rule of a payment, from the wire layer's one copy of each."""
        try:
            amount = check_txamt(txamt)
            code = get_currency(currency).code
            kind = get_pay_type(pay_type)
            auth = check_auth_code_for(kind, auth_code)
            goods = check_goods_name(goods_name)
        except RequestValidationError as exc:
            raise InputRefusedError(exc.message) from exc
        return amount, code, kind, auth, goods

    def _check_sale(self, sale_id: str) -> None:
        for attempt in self.journal.attempts(sale_id):
            if not attempt.state.is_final:
                raise SaleUnresolvedError(attempt.out_trade_no)
            if attempt.state is TxState.PAID or (
                attempt.state is TxState.NEEDS_ATTENTION and attempt.mode is not TxMode.REFUND
            ):
                raise InputRefusedError(R_ALREADY_PAID_SALE)

    def settle_earlier(
        self,
        *,
        txamt: int | None = None,
        currency: str | None = None,
        cancel: CancelToken | None = None,
    ) -> RecoveryReport:
        """Before a new payment: settle every earlier payment this till left open.

        A payment left open by a crash, a killed CLI or an unconfirmed cancel may still be
        paid; taking a new one first is how a customer pays twice.  So this runs recovery on
        the open payments no live flow of this engine is working on, and raises
        ``EarlierUnresolvedError`` if any stays open (nothing is sent then), or
        ``PossibleDuplicateError`` if one was just found PAID for the same ``txamt`` and
        ``currency`` within ``EngineConfig.duplicate_window`` (the customer may have paid
        already; the next call goes ahead, since that row is now final).  Open refunds do not
        block sales: they are held back from the refundable amount and recovery keeps asking.
        With nothing open it costs one journal read and sends nothing.
        """
        report = RecoveryReport()
        if not self.journal.has_open_payment():
            return report
        report = recover(self, cancel=cancel, payments_only=True, skip_busy=True)
        still = [i.out_trade_no for i in report.still_open]
        if still:
            unresolved = EarlierUnresolvedError(still)
            unresolved.report = report
            raise unresolved
        if txamt is None or currency is None:
            return report
        now = self.now()
        for item in report.items:
            rec = self.journal.get(item.out_trade_no)
            if (
                rec is not None
                and item.after is TxState.PAID
                and not item.before.is_final
                and rec.txamt == txamt
                and rec.currency == currency
                and now - rec.created_at <= self.config.duplicate_window
            ):
                self.journal.record(rec.out_trade_no, "note", "possible duplicate of a new sale")
                duplicate = PossibleDuplicateError(rec.out_trade_no, rec.syssn)
                duplicate.report = report
                raise duplicate
        return report

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
        """Charge the code the customer shows; returns when the attempt is final.

        Raises ``NotSentError`` (row final, nothing processed) when the gateway was not
        reached or refused because of the till's configuration.
        """
        amount, code, kind, auth, goods = self._check(
            txamt, currency, pay_type, auth_code, goods_name
        )
        assert auth is not None  # check_auth_code_for: a CPM pay type always has its code
        sale = sale_id or self.new_sale_id()
        token = cancel or CancelToken()
        timing = self.config.timing_for(kind.wallet)
        with self._new_payment(sale, amount, code, token, fresh=not sale_id) as number:
            rec = self._open_payment(
                TxMode.CPM,
                number,
                sale=sale,
                amount=amount,
                currency=code,
                kind=kind,
                auth_code=mask_auth_code(auth),
                deadline=self.now() + timing.deadline,
            )
            rec = self._send_payment(rec, auth_code=auth, goods_name=goods, cancel=token)
            if not rec.state.is_final:
                rec = self.poll(rec, token, timing.intervals)
        return self.outcome(rec)

    @contextmanager
    def _new_payment(
        self, sale: str, amount: int, currency: str, token: CancelToken, *, fresh: bool
    ) -> Iterator[str]:
        """Hold the sale's lock and a fresh order number for one payment attempt (CPM or MPM).

        Earlier unresolved payments of the same amount are settled and the sale is checked
        (not paid, no attempt open) under the lock, so two attempts can never overlap.  A
        ``fresh`` sale id was made here a moment ago: no attempt can have it yet.
        """
        with self.sale_lock(sale):
            self.settle_earlier(txamt=amount, currency=currency, cancel=token)
            if not fresh:
                self._check_sale(sale)
            number = self.new_number()
            try:
                yield number
            finally:
                self.release(number)

    def _open_payment(
        self,
        mode: TxMode,
        number: str,
        *,
        sale: str,
        amount: int,
        currency: str,
        kind: PayType,
        **extra: Any,
    ) -> TxRecord:
        """Commit a payment attempt's intent as SENT (``open_sent``), with the fields every
        attempt carries; ``extra``: the deadline and, for CPM, the masked auth code."""
        return self.open_sent(
            f"payment {mode.value}",
            out_trade_no=number,
            sale_id=sale,
            mode=mode,
            till_id=self.till_id,
            cashier=self.cashier,
            txamt=amount,
            currency=currency,
            pay_type=kind.code,
            **extra,
        )

    def _send_payment(
        self,
        rec: TxRecord,
        *,
        auth_code: str | None = None,
        expired_time: int | None = None,
        goods_name: str | None = None,
        cancel: CancelToken | None = None,
    ) -> TxRecord:
        """The one and only payment request for a row already committed as SENT.

        The caller committed intent, SENT and the request note together (``open_sent``); the
        answer, what it proves (:func:`~pos_app.engine.evidence.classify`) and the state it
        leads to share the second commit.  Two fsyncs per payment, each before the next
        network step.  Only a documented decline is DECLINED; anything unproven is UNKNOWN
        and the caller queries, then reverses or closes.
        """
        assert rec.state is TxState.SENT
        finding, answer = self.exchange(
            rec,
            lambda: self.client.pay(
                txamt=rec.txamt,
                txcurrcd=rec.currency,
                pay_type=rec.pay_type,
                out_trade_no=rec.out_trade_no,
                auth_code=auth_code,
                expired_time=expired_time,
                goods_name=goods_name,
                cancel=cancel,
                not_after=self.send_by(rec),
            ),
        )
        if finding.kind.nothing_happened:
            raise self.refuse(rec, "payment", finding)
        with self.one_commit():
            self.note(rec, "payment", finding)
            if finding.kind is Kind.DECLINED:
                return self.move(
                    rec, TxState.DECLINED, respcd=finding.respcd, reason=finding.message
                )
            if finding.kind is Kind.UNKNOWN or not isinstance(answer, PaymentResult):
                return self.move(rec, TxState.UNKNOWN, respcd=finding.respcd)
            return self._after_answer(rec, answer, finding.kind)

    def _after_answer(self, rec: TxRecord, result: PaymentResult, kind: Kind) -> TxRecord:
        """The state a success or in-progress payment answer leads to (inside its commit).

        The answer is evidence for this order (``classify`` made it SUCCESS or IN_PROGRESS,
        so nothing in it contradicts the journal), so the pay type it names is journaled as
        the actual wallet: a generic CPM code's answer says which wallet the customer used.
        """
        wallet = (result.pay_type or "").strip() or None
        if rec.mode is TxMode.MPM:
            if result.qrcode:
                rec = self.move(
                    rec,
                    TxState.IN_PROGRESS,
                    qrcode=result.qrcode,
                    syssn=result.syssn,
                    respcd=result.respcd,
                    wallet_pay_type=wallet,
                )
                self.emit("qrcode", rec, qrcode=result.qrcode)
                return rec
            return self.move(rec, TxState.UNKNOWN, respcd=result.respcd)
        if kind is Kind.SUCCESS:
            return self.move(
                rec,
                TxState.PAID,
                syssn=result.syssn,
                respcd=result.respcd,
                reason=R_PAID,
                wallet_pay_type=wallet,
            )
        return self.move(
            rec,
            TxState.IN_PROGRESS,
            syssn=result.syssn,
            respcd=result.respcd,
            wallet_pay_type=wallet,
        )

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
        amount, code, kind, _, goods = self._check(txamt, currency, pay_type, None, goods_name)
        sale = sale_id or self.new_sale_id()
        token = cancel or CancelToken()
        wait_for = self.config.mpm_timeout if timeout is None else timeout
        expired_minutes = None
        if kind.supports_expired_time:
            expired_minutes = min(120, max(5, math.ceil(wait_for / 60)))
        with self._new_payment(sale, amount, code, token, fresh=not sale_id) as number:
            rec = self._open_payment(
                TxMode.MPM,
                number,
                sale=sale,
                amount=amount,
                currency=code,
                kind=kind,
                deadline=self.now() + wait_for,
            )
            rec = self._send_payment(
                rec, expired_time=expired_minutes, goods_name=goods, cancel=token
            )
            if rec.state is TxState.UNKNOWN:
                # Without a code the customer cannot pay: make sure no order lingers.
                rec = self.cancel_order(rec, R_NO_QRCODE)
            elif not rec.state.is_final:
                rec = self.poll(rec, token, self.config.mpm_intervals)
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
        currency: str | None = None,
    ) -> Outcome:
        """Refund (part of) a paid transaction, authorised by a manager's PIN.

        ``txamt`` is in the *original payment's* currency (a refund request carries none);
        learn it first with :meth:`find_original`.  Giving ``currency`` (the one the caller
        parsed the amount in) makes the engine refuse a refund whose original is in another.

        Raises ``ManagerAuthError``/``ManagerLockedError`` for a bad PIN and
        ``InputRefusedError`` for a refund that cannot be made (unknown or unpaid original,
        non-refundable pay type such as FPS, more than remains, wrong currency); nothing is
        journaled then.
        """
        return run_refund(
            self,
            orig_syssn=orig_syssn,
            txamt=txamt,
            manager=manager,
            pin=pin,
            token=cancel,
            currency=currency,
        )

    def find_original(self, syssn: str) -> Original:
        """The paid payment ``syssn`` names: from the journal, else asked of the gateway.

        Raises ``InputRefusedError`` when there is none or it cannot be looked up now.
        """
        return find_original(self, syssn.strip())

    def recover(self, cancel: CancelToken | None = None) -> RecoveryReport:
        """Resolve every unfinished transaction against the gateway (start-up and on demand).

        ``cancel`` ends the run early (see :func:`pos_app.engine.recovery.recover`).
        """
        return recover(self, cancel=cancel)

    def resolve(self, out_trade_no: str) -> Outcome:
        """Recover one transaction now (e.g. a row the cashier picked from history).

        A refund a manager holds (NEEDS_ATTENTION) is re-checked: settled REFUNDED or
        DECLINED when the enquiry now shows it so, else left with the manager.
        """
        if self.journal.get(out_trade_no) is None:
            raise InputRefusedError(QT_TRANSLATE_NOOP("engine", "No such transaction."))
        recover(self, only=out_trade_no)
        rec = self.journal.get(out_trade_no)
        assert rec is not None
        return self.outcome(rec)
