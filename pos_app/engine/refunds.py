"""Refunds: manager-authorised, bounded by what the original paid, never sent twice.

A refund cannot be undone, so the engine is stricter here than for payments: the manager's
PIN is checked first, the original must be a paid payment (from the journal, or from the
gateway if another till took it), the pay type must be refundable (FPS is not), and the
amount may not exceed what remains after every refund that succeeded *or may still
succeed*.  All of that happens before anything is journaled; a refusal leaves no trace but
the exception.  An unknown answer is resolved by enquiry only; a refund still unknown at its
deadline stays open (and keeps counting against the remaining amount) for recovery.  A sent
refund cannot be called back, so the cancel token only stops the *waiting*: the row stays
open and recovery finishes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pos_app.engine.core import R_NEVER_ARRIVED, R_REFUNDED
from pos_app.engine.errors import InputRefusedError
from pos_app.engine.events import CancelToken, Outcome
from pos_app.engine.ids import new_sale_id
from pos_app.engine.journal import TxRecord
from pos_app.engine.managers import ManagerStore
from pos_app.engine.schedule import PollSchedule
from pos_app.engine.states import TxMode, TxState
from pos_app.engine.views import CANCELLED_FLAGS, SUCCESS, Verdict, View
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.currencies import check_txamt
from pos_app.qfpay.errors import (
    ConfigurationError,
    GatewayError,
    QFPayError,
    RequestValidationError,
)
from pos_app.qfpay.paytypes import get_pay_type
from pos_app.qfpay.status import StatusClass

if TYPE_CHECKING:
    from pos_app.engine.engine import PaymentEngine

R_NO_ORIGINAL = QT_TRANSLATE_NOOP("engine", "No paid payment with that transaction number.")
R_LOOKUP_FAILED = QT_TRANSLATE_NOOP(
    "engine", "The original payment could not be looked up now. Try again."
)
R_NOT_REFUNDABLE = QT_TRANSLATE_NOOP("engine", "Payments of this type cannot be refunded.")
R_TOO_MUCH = QT_TRANSLATE_NOOP("engine", "At most {remaining} (minor units) can still be refunded.")
R_REFUND_OPEN = QT_TRANSLATE_NOOP(
    "engine", "The refund result is not known yet; the till keeps checking. Do not refund again."
)


@dataclass(frozen=True, slots=True)
class Original:
    """The payment being refunded, wherever it was found."""

    syssn: str
    txamt: int
    currency: str
    pay_type: str
    sale_id: str


def find_original(engine: PaymentEngine, syssn: str) -> Original:
    """The paid original from the journal, else from the gateway (another till's sale)."""
    local = engine.journal.by_syssn(syssn)
    if local is not None:
        if local.state is not TxState.PAID:
            raise InputRefusedError(R_NO_ORIGINAL)
        return Original(syssn, local.txamt, local.currency, local.pay_type, local.sale_id)
    if not engine.budget.acquire(lambda s: engine._wait(None, s)):
        raise InputRefusedError(R_LOOKUP_FAILED)
    try:
        records = engine.client.query(syssn=syssn)
    except QFPayError as exc:
        raise InputRefusedError(R_LOOKUP_FAILED) from exc
    for record in records:
        if (
            (record.syssn or "") == syssn
            and (record.order_type or "payment").lower() == "payment"
            and record.respcd == SUCCESS
            and (record.cancel or "0") not in CANCELLED_FLAGS
            and record.txamt
            and record.txcurrcd
            and record.pay_type
        ):
            return Original(
                syssn, record.txamt, record.txcurrcd, record.pay_type, new_sale_id(engine.till_id)
            )
    raise InputRefusedError(R_NO_ORIGINAL)


def run_refund(
    engine: PaymentEngine,
    *,
    orig_syssn: str,
    txamt: int,
    manager: str,
    pin: str,
    token: CancelToken | None,
) -> Outcome:
    """The refund flow; see the module docstring."""
    approved = ManagerStore(engine.journal).verify(manager, pin)
    try:
        amount = check_txamt(txamt)
    except RequestValidationError as exc:
        raise InputRefusedError(exc.message) from exc
    orig_syssn = orig_syssn.strip()
    original = find_original(engine, orig_syssn)
    if not get_pay_type(original.pay_type).refundable:
        raise InputRefusedError(R_NOT_REFUNDABLE)
    with engine._sale_lock(f"refund:{orig_syssn}"):
        remaining = engine.journal.refundable_remaining(orig_syssn, original.txamt) or 0
        if amount > remaining:
            raise InputRefusedError(R_TOO_MUCH.format(remaining=remaining))
        number = engine._new_number()
        try:
            rec = engine.open_sent(
                f"refund of {orig_syssn}",
                out_trade_no=number,
                sale_id=original.sale_id,
                mode=TxMode.REFUND,
                till_id=engine.till_id,
                cashier=engine.cashier,
                txamt=amount,
                currency=original.currency,
                pay_type=original.pay_type,
                deadline=engine._clock() + engine.config.refund_timeout,
                orig_syssn=orig_syssn,
                manager=approved,
            )
            rec = _send_refund(engine, rec)
            if not rec.state.is_final:
                rec = poll_refund(engine, rec, token)
        finally:
            engine._release(number)
    if not rec.state.is_final:
        return engine.outcome(rec, R_REFUND_OPEN)
    return engine.outcome(rec)


def _send_refund(engine: PaymentEngine, rec: TxRecord) -> TxRecord:
    assert rec.state is TxState.SENT and rec.orig_syssn is not None
    try:
        result = engine.client.refund(
            syssn=rec.orig_syssn, out_trade_no=rec.out_trade_no, txamt=rec.txamt
        )
    except GatewayError as exc:
        engine._note_error(rec, "refund", exc)
        return engine._move(
            rec, TxState.DECLINED, respcd=exc.respcd, reason=exc.status.cashier_message
        )
    except (RequestValidationError, ConfigurationError) as exc:
        engine._note_error(rec, "refund", exc)
        return engine._move(rec, TxState.DECLINED, reason=exc.message)
    except QFPayError as exc:
        engine._note_error(rec, "refund", exc)
        return engine._move(rec, TxState.UNKNOWN)
    with engine.one_commit():  # the answer and the state it leads to: one durable commit
        engine.journal.record(rec.out_trade_no, "answer", "refund", result.respcd)
        if result.status.status_class is StatusClass.SUCCESS:
            return engine._move(
                rec, TxState.REFUNDED, syssn=result.syssn, respcd=result.respcd, reason=R_REFUNDED
            )
        return engine._move(rec, TxState.IN_PROGRESS, syssn=result.syssn, respcd=result.respcd)


def poll_refund(engine: PaymentEngine, rec: TxRecord, token: CancelToken | None) -> TxRecord:
    """Query until the refund is final; at the deadline a refund nobody saw is declined."""
    schedule = PollSchedule(
        engine.config.refund_intervals, rec.deadline or engine._clock(), engine._clock
    )
    last: View | None = None
    for gap in schedule.gaps():
        engine._emit("waiting", rec, seconds_left=schedule.seconds_left())
        if engine._wait(token, gap):
            return rec
        last = engine.query_view(rec, token)
        if last is None:
            continue
        done = engine.settle(rec, last)
        if done is not None:
            return done
    return settle_missing_refund(engine, rec, last)


def settle_missing_refund(engine: PaymentEngine, rec: TxRecord, last: View | None) -> TxRecord:
    """After the deadline: a refund the gateway never heard of did not happen.

    Refunds are answered synchronously by the gateway, so one that an enquiry still cannot
    find after the deadline never arrived; declining it frees the amount for a new attempt.
    """
    view = engine.query_view(rec) if last is None else last
    if view is None:
        return rec
    if view.verdict is Verdict.NOT_FOUND:
        return engine._move(rec, TxState.DECLINED, reason=R_NEVER_ARRIVED)
    done = engine.settle(rec, view)
    return rec if done is None else done
