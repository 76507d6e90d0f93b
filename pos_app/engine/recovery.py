"""Recovery: finish every transaction a crash, a power cut or a lost answer left open.

It runs at start-up and whenever the cashier asks.  The journal says what the till *meant*
to do; the gateway's enquiry says what happened.  For each open row:

* ``CANCELLING``: keep reversing/closing until confirmed.
* The enquiry shows a final state (paid, declined, reversed, two payments): journal it.
* A CPM payment still in progress before its deadline: poll on (the customer may be typing
  a password) and reverse at the deadline.
* Anything else (not found, MPM codes nobody can see any more, past the deadline):
  reverse/close by ``out_trade_no`` so nothing is left pending at the gateway.  This covers
  ``CREATED`` rows too: the intent was committed, and whether the request left is unknown.
* Refunds are never re-sent and have no cancel call: found ones are journaled, the rest
  stay open (their amount held back) until the gateway shows them, and go to a manager
  after ``EngineConfig.refund_attention_after``; "not found" never declines a refund.
  A manager can have such a refund re-checked (``recover(only=...)``, the engine's
  ``resolve``, "check with QFPay" and settle): an enquiry that now shows it refunded or
  failed settles it; anything else leaves it with the manager.
* Gateway unreachable: the row is left as it is and reported, to be tried again later.
* Cancelled (the cashier pressed Ctrl-C, or the till is shutting down): a payment being
  polled is reversed/closed at once, and rows not yet started are left open and reported
  ("interrupted") for the next run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from pos_app.engine.core import R_DEADLINE, R_NEVER_ARRIVED, EngineCore
from pos_app.engine.errors import NotSentError
from pos_app.engine.events import CancelToken
from pos_app.engine.journal import TxRecord
from pos_app.engine.refunds import settle_open_refund
from pos_app.engine.states import TxMode, TxState
from pos_app.engine.views import Verdict
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.paytypes import get_pay_type

logger = logging.getLogger("pos_app.engine")

R_RECOVERED = QT_TRANSLATE_NOOP("engine", "Closed by recovery: the sale was interrupted.")
R_POSSIBLE_DUPLICATE = QT_TRANSLATE_NOOP(
    "engine",
    "Possible double charge: an interrupted sale was paid, and a later sale for the same "
    "amount was paid too. A manager must check both and refund one if needed.",
)


@dataclass(frozen=True, slots=True)
class RecoveryItem:
    """What recovery did with one transaction."""

    out_trade_no: str
    before: TxState
    after: TxState
    action: str
    reason: str = ""


@dataclass(slots=True)
class RecoveryReport:
    """Everything one recovery run did."""

    items: list[RecoveryItem] = field(default_factory=list)

    @property
    def still_open(self) -> list[RecoveryItem]:
        """Rows that are still not final (gateway unreachable, refund pending...)."""
        return [i for i in self.items if not i.after.is_final]

    @property
    def needs_attention(self) -> list[RecoveryItem]:
        """Rows a manager must look at (e.g. a possible double charge)."""
        return [i for i in self.items if i.after is TxState.NEEDS_ATTENTION]


def recover(
    engine: EngineCore,
    only: str | None = None,
    cancel: CancelToken | None = None,
    *,
    payments_only: bool = False,
    skip_busy: bool = False,
) -> RecoveryReport:
    """Resolve the open rows (or just ``only``); rows a flow is working on are skipped.

    ``cancel`` stops the run early: polling stops (and reverses, as a cancelled sale
    would), and the rows not started yet are reported as "interrupted".  ``payments_only``
    leaves refunds alone, and ``skip_busy`` leaves out (rather than reports) the rows a live
    flow of this engine owns: both for the check before a new sale.  A configuration
    refusal (wrong mchid, key or app code) stops the whole run with ``NotSentError``: every
    other row would be refused the same way.
    """
    report = RecoveryReport()
    if only is not None:
        one = engine.journal.get(only)
        wanted = one is not None and (not one.state.is_final or rechecks(one))
        rows = [one] if one is not None and wanted else []
    else:
        rows = engine.journal.unfinished()
    if payments_only:
        rows = [r for r in rows if r.mode is not TxMode.REFUND]
    for listed in rows:
        rec = listed
        if cancel is not None and cancel.cancelled:
            report.items.append(RecoveryItem(rec.out_trade_no, rec.state, rec.state, "interrupted"))
            continue
        if not engine.claim(rec.out_trade_no):
            if not skip_busy:
                owner = engine.journal.owner_note(rec.out_trade_no)  # names who has it
                report.items.append(
                    RecoveryItem(rec.out_trade_no, rec.state, rec.state, "busy", owner)
                )
            continue
        try:
            rec = engine.journal.get(listed.out_trade_no) or listed  # ownership: done meanwhile?
            if rec.state.is_final and not (only is not None and rechecks(rec)):
                report.items.append(RecoveryItem(rec.out_trade_no, rec.state, rec.state, "done"))
                continue
            engine.journal.record(rec.out_trade_no, "note", "recovery started")
            after, action = _recover_one(engine, rec, cancel)
            action += _duplicate_note(engine, rec, after)
        except NotSentError as exc:
            if exc.cause == "config":
                raise
            logger.warning("recovery of %s: %s", rec.out_trade_no, exc.message)
            after = engine.journal.get(rec.out_trade_no) or rec
            action = f"not sent: {exc.message}"
        except Exception as exc:
            # One row must not stop the others; it stays open, is logged and reported.
            logger.exception("recovery of %s failed", rec.out_trade_no)
            after = engine.journal.get(rec.out_trade_no) or rec
            action = f"error: {type(exc).__name__}: {exc}"
        finally:
            engine.release(rec.out_trade_no)
        report.items.append(
            RecoveryItem(rec.out_trade_no, rec.state, after.state, action, after.reason)
        )
    return report


def _duplicate_note(engine: EngineCore, before: TxRecord, after: TxRecord) -> str:
    """Flag a payment recovery found PAID when a later sale for the same amount followed it.

    That is how a customer pays twice: the first sale was left open (a crash, a killed CLI),
    the cashier took the payment again.  A manager must look at both; nothing is undone here.
    """
    if before.mode is TxMode.REFUND or after.state is not TxState.PAID:
        return ""
    window = engine.config.duplicate_window
    # By time, not by calendar day: a sale at 23:58 and its repeat at 00:03 are 5 minutes apart.
    later = [
        r.out_trade_no
        for r in engine.journal.created_between(before.created_at, before.created_at + window)
        if r.out_trade_no != before.out_trade_no
        and r.mode is not TxMode.REFUND
        and r.state is TxState.PAID
        and r.txamt == before.txamt
        and r.currency == before.currency
    ]
    if not later:
        return ""
    note = f"possible duplicate: a later sale for the same amount was paid ({', '.join(later)})"
    engine.journal.record(before.out_trade_no, "note", note)
    engine.emit("message", after, R_POSSIBLE_DUPLICATE)
    return f"; {note}"


def _recover_one(
    engine: EngineCore, rec: TxRecord, cancel: CancelToken | None = None
) -> tuple[TxRecord, str]:
    if rec.mode is TxMode.REFUND:
        return _recover_refund(engine, rec)
    if rec.state is TxState.CANCELLING:
        return _cancelled(engine.cancel_order(rec, rec.reason or R_RECOVERED))
    view = engine.query_view(rec)
    if view is None:
        return rec, "gateway unreachable"
    done = engine.settle(rec, view)
    if done is not None:
        return done, f"enquiry: {view.verdict.value}"
    now = engine.now()
    if (
        rec.mode is TxMode.CPM
        and view.verdict is Verdict.PENDING
        and rec.deadline is not None
        and rec.deadline > now
    ):
        if rec.state is not TxState.IN_PROGRESS:
            rec = engine.move(rec, TxState.IN_PROGRESS, respcd=view.respcd)
        timing = engine.config.timing_for(get_pay_type(rec.pay_type).wallet)
        return engine.poll(rec, cancel, timing.intervals), "polled"
    reason = R_NEVER_ARRIVED if view.verdict is Verdict.NOT_FOUND else R_RECOVERED
    if rec.mode is TxMode.CPM and view.verdict is Verdict.PENDING:
        reason = R_DEADLINE
    return _cancelled(engine.cancel_order(rec, reason))


def _cancelled(rec: TxRecord) -> tuple[TxRecord, str]:
    return rec, "cancelled" if rec.state.is_final else "cancel not confirmed"


def rechecks(rec: TxRecord) -> bool:
    """A refund with a manager that a re-check may still settle (see the module docstring)."""
    return rec.mode is TxMode.REFUND and rec.state is TxState.NEEDS_ATTENTION


def _recheck_refund(engine: EngineCore, rec: TxRecord) -> tuple[TxRecord, str]:
    """Ask again about a refund a manager holds; settle it only on a final enquiry."""
    view = engine.query_view(rec)
    if view is None:
        return rec, "gateway unreachable"
    if view.verdict in (Verdict.PAID, Verdict.FAILED):
        done = engine.settle(rec, view)
        if done is not None:
            return done, f"re-checked: {view.verdict.value}"
    return rec, f"re-checked: {view.verdict.value}; still with a manager"


def _recover_refund(engine: EngineCore, rec: TxRecord) -> tuple[TxRecord, str]:
    if rechecks(rec):
        return _recheck_refund(engine, rec)
    view = engine.query_view(rec)
    if rec.state is TxState.CREATED and view is not None and view.verdict is Verdict.NOT_FOUND:
        # Only a journal from before ``open_sent`` can hold a CREATED refund, and those
        # committed SENT before the request left: this one never left the till.
        return engine.move(rec, TxState.DECLINED, reason=R_NEVER_ARRIVED), "never sent"
    after = settle_open_refund(engine, rec, view)
    if after.state.is_final:
        verdict = view.verdict.value if view is not None else "unanswered"
        return after, f"enquiry: {verdict}"
    return after, "gateway unreachable" if view is None else "still open"
