"""Refunds: manager-authorised, bounded by what the original paid, never sent twice.

A refund cannot be undone, so the engine is stricter here than for payments: the manager's
PIN is checked first, the original must be a paid payment (from the journal, or from the
gateway if another till took it), the pay type must be refundable (FPS is not), and the
amount may not exceed what remains after every refund that succeeded *or may still
succeed*.  All of that happens before anything is journaled; a refusal leaves no trace but
the exception.  The amount is in the original payment's currency: a refund request names
none, so the caller must learn the original (:func:`find_original`) before parsing it.

What an answer proves is decided by :func:`~pos_app.engine.evidence.classify`, as for
payments.  Only a documented decline (or an enquiry showing the refund failed) is DECLINED.
A refund has no cancel call, so an unknown one (system error, unlisted code, lost reply,
not yet visible to enquiries) stays open with its amount held back, and recovery keeps
asking; after ``EngineConfig.refund_attention_after`` unseen it goes to a manager, never to
DECLINED.  The cancel token only stops the *waiting*: the row stays open.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.engine.core import R_REFUNDED, EngineCore
from pos_app.engine.errors import InputRefusedError
from pos_app.engine.events import CancelToken, Outcome
from pos_app.engine.evidence import Kind
from pos_app.engine.ids import new_sale_id
from pos_app.engine.journal import TxRecord
from pos_app.engine.managers import ManagerStore
from pos_app.engine.schedule import PollSchedule
from pos_app.engine.states import TxMode, TxState
from pos_app.engine.views import CANCELLED_FLAGS, Verdict, View
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.currencies import check_txamt
from pos_app.qfpay.errors import QFPayError, RequestValidationError
from pos_app.qfpay.models import RefundResult
from pos_app.qfpay.paytypes import get_pay_type
from pos_app.qfpay.status import StatusClass

R_NO_ORIGINAL = QT_TRANSLATE_NOOP("engine", "No paid payment with that transaction number.")
R_LOOKUP_FAILED = QT_TRANSLATE_NOOP(
    "engine", "The original payment could not be looked up now. Try again."
)
R_NOT_REFUNDABLE = QT_TRANSLATE_NOOP("engine", "Payments of this type cannot be refunded.")
R_TOO_MUCH = QT_TRANSLATE_NOOP("engine", "At most {remaining} (minor units) can still be refunded.")
R_REFUND_OPEN = QT_TRANSLATE_NOOP(
    "engine", "The refund result is not known yet; the till keeps checking. Do not refund again."
)
R_REFUND_UNSEEN = QT_TRANSLATE_NOOP(
    "engine",
    "The gateway has not shown this refund for a long time; its amount stays held back. "
    "A manager must check it in the merchant portal.",
)
R_OTHER_CURRENCY = QT_TRANSLATE_NOOP(
    "engine", "The original payment is in {currency}; enter the refund amount in {currency}."
)


@dataclass(frozen=True, slots=True)
class Original:
    """The payment being refunded, wherever it was found."""

    syssn: str
    txamt: int
    currency: str
    pay_type: str
    sale_id: str
    #: The actual wallet the payment was made with (see ``TxRecord.wallet_pay_type``), so
    #: its refunds are shown and totalled under the same wallet.
    wallet_pay_type: str | None = None


def find_original(engine: EngineCore, syssn: str) -> Original:
    """The paid original from the journal, else from the gateway (another till's sale)."""
    local = engine.journal.by_syssn(syssn)
    if local is not None:
        if local.state is not TxState.PAID:
            raise InputRefusedError(R_NO_ORIGINAL)
        return Original(
            syssn,
            local.txamt,
            local.currency,
            local.pay_type,
            local.sale_id,
            local.wallet_pay_type,
        )
    if not engine.budget.acquire(lambda s: engine.wait(None, s)):
        raise InputRefusedError(R_LOOKUP_FAILED)
    try:
        records = engine.client.query(syssn=syssn)
    except QFPayError as exc:
        raise InputRefusedError(R_LOOKUP_FAILED) from exc
    for record in records:
        if (
            (record.syssn or "") == syssn
            and (record.order_type or "payment").lower() == "payment"
            and record.status.status_class is StatusClass.SUCCESS
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
    engine: EngineCore,
    *,
    orig_syssn: str,
    txamt: int,
    manager: str,
    pin: str,
    token: CancelToken | None,
    currency: str | None = None,
) -> Outcome:
    """The refund flow; see the module docstring."""
    approved = ManagerStore(engine.journal).verify(manager, pin)
    try:
        amount = check_txamt(txamt)
    except RequestValidationError as exc:
        raise InputRefusedError(exc.message) from exc
    orig_syssn = orig_syssn.strip()
    original = find_original(engine, orig_syssn)
    if currency is not None and currency.upper() != original.currency:
        raise InputRefusedError(R_OTHER_CURRENCY.format(currency=original.currency))
    if not get_pay_type(original.pay_type).refundable:
        raise InputRefusedError(R_NOT_REFUNDABLE)
    with engine.sale_lock(f"refund:{orig_syssn}"):
        remaining = engine.journal.refundable_remaining(orig_syssn, original.txamt) or 0
        if amount > remaining:
            raise InputRefusedError(R_TOO_MUCH.format(remaining=remaining))
        number = engine.new_number()
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
                wallet_pay_type=original.wallet_pay_type,
                deadline=engine.now() + engine.config.refund_timeout,
                orig_syssn=orig_syssn,
                manager=approved,
            )
            rec = _send_refund(engine, rec, token)
            if not rec.state.is_final:
                rec = poll_refund(engine, rec, token)
        finally:
            engine.release(number)
    if not rec.state.is_final:
        return engine.outcome(rec, R_REFUND_OPEN)
    return engine.outcome(rec)


def _send_refund(engine: EngineCore, rec: TxRecord, token: CancelToken | None) -> TxRecord:
    """The one refund request; the answer and the state it leads to share one commit."""
    assert rec.state is TxState.SENT and rec.orig_syssn is not None
    orig_syssn = rec.orig_syssn
    finding, answer = engine.exchange(
        rec,
        lambda: engine.client.refund(
            syssn=orig_syssn,
            out_trade_no=rec.out_trade_no,
            txamt=rec.txamt,
            cancel=token,
            not_after=engine.send_by(rec),
        ),
    )
    if finding.kind.nothing_happened:
        raise engine.refuse(rec, "refund", finding)
    with engine.one_commit():
        engine.note(rec, "refund", finding)
        if finding.kind is Kind.DECLINED:
            return engine.move(rec, TxState.DECLINED, respcd=finding.respcd, reason=finding.message)
        if finding.kind is Kind.UNKNOWN or not isinstance(answer, RefundResult):
            return engine.move(rec, TxState.UNKNOWN, respcd=finding.respcd)
        if finding.kind is Kind.SUCCESS:
            return engine.move(
                rec, TxState.REFUNDED, syssn=answer.syssn, respcd=answer.respcd, reason=R_REFUNDED
            )
        return engine.move(rec, TxState.IN_PROGRESS, syssn=answer.syssn, respcd=answer.respcd)


def poll_refund(engine: EngineCore, rec: TxRecord, token: CancelToken | None) -> TxRecord:
    """Query until the refund is final; at the deadline it is left open for recovery."""
    schedule = PollSchedule(
        engine.config.refund_intervals, rec.deadline or engine.now(), engine.now
    )
    for gap in schedule.gaps():
        engine.emit("waiting", rec, seconds_left=schedule.seconds_left())
        if engine.wait(token, gap):
            return rec
        view = engine.query_view(rec, token)
        if view is None:
            continue
        done = engine.settle(rec, view)
        if done is not None:
            return done
        if view.verdict is Verdict.PENDING and rec.state is not TxState.IN_PROGRESS:
            rec = engine.move(rec, TxState.IN_PROGRESS, respcd=view.respcd)
    return rec


def settle_open_refund(engine: EngineCore, rec: TxRecord, view: View | None) -> TxRecord:
    """A refund the enquiry does not show as final: keep it open, or hand it to a manager.

    Refunds may be asynchronous and an enquiry may not see one for a while, so "not found"
    never frees the amount.  Only after ``refund_attention_after`` seconds without a final
    answer does the row become NEEDS_ATTENTION (still counted against the original).
    """
    if view is not None:
        done = engine.settle(rec, view)
        if done is not None:
            return done
    if engine.now() - rec.created_at >= engine.config.refund_attention_after:
        return engine.move(rec, TxState.NEEDS_ATTENTION, reason=R_REFUND_UNSEEN)
    return rec
