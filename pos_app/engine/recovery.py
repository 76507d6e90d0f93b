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
* Refunds are never re-sent: found ones are journaled, missing ones past their deadline
  (or never sent) are declined, the rest stay open.
* Gateway unreachable: the row is left as it is and reported, to be tried again later.
* Cancelled (the cashier pressed Ctrl-C, or the till is shutting down): a payment being
  polled is reversed/closed at once, and rows not yet started are left open and reported
  ("interrupted") for the next run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pos_app.engine.core import R_DEADLINE, R_NEVER_ARRIVED
from pos_app.engine.events import CancelToken
from pos_app.engine.journal import TxRecord
from pos_app.engine.refunds import settle_missing_refund
from pos_app.engine.states import TxMode, TxState
from pos_app.engine.views import Verdict
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.paytypes import get_pay_type

if TYPE_CHECKING:
    from pos_app.engine.engine import PaymentEngine

logger = logging.getLogger("pos_app.engine")

R_RECOVERED = QT_TRANSLATE_NOOP("engine", "Closed by recovery: the sale was interrupted.")


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
    engine: PaymentEngine, only: str | None = None, cancel: CancelToken | None = None
) -> RecoveryReport:
    """Resolve the open rows (or just ``only``); rows a flow is working on are skipped.

    ``cancel`` stops the run early: polling stops (and reverses, as a cancelled sale
    would), and the rows not started yet are reported as "interrupted".
    """
    report = RecoveryReport()
    if only is not None:
        one = engine.journal.get(only)
        rows = [one] if one is not None and not one.state.is_final else []
    else:
        rows = engine.journal.unfinished()
    for listed in rows:
        rec = listed
        if cancel is not None and cancel.cancelled:
            report.items.append(RecoveryItem(rec.out_trade_no, rec.state, rec.state, "interrupted"))
            continue
        if not engine._claim(rec.out_trade_no):
            owner = engine.journal.owner_note(rec.out_trade_no)  # names the process that has it
            report.items.append(RecoveryItem(rec.out_trade_no, rec.state, rec.state, "busy", owner))
            continue
        try:
            rec = engine.journal.get(listed.out_trade_no) or listed  # ownership: done meanwhile?
            if rec.state.is_final:
                report.items.append(RecoveryItem(rec.out_trade_no, rec.state, rec.state, "done"))
                continue
            engine.journal.record(rec.out_trade_no, "note", "recovery started")
            after, action = _recover_one(engine, rec, cancel)
        except Exception as exc:
            # One row must not stop the others; it stays open, is logged and reported.
            logger.exception("recovery of %s failed", rec.out_trade_no)
            after = engine.journal.get(rec.out_trade_no) or rec
            action = f"error: {type(exc).__name__}: {exc}"
        finally:
            engine._release(rec.out_trade_no)
        report.items.append(
            RecoveryItem(rec.out_trade_no, rec.state, after.state, action, after.reason)
        )
    return report


def _recover_one(
    engine: PaymentEngine, rec: TxRecord, cancel: CancelToken | None = None
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
    now = engine._clock()
    if (
        rec.mode is TxMode.CPM
        and view.verdict is Verdict.PENDING
        and rec.deadline is not None
        and rec.deadline > now
    ):
        if rec.state is not TxState.IN_PROGRESS:
            rec = engine._move(rec, TxState.IN_PROGRESS, respcd=view.respcd)
        timing = engine.config.timing_for(get_pay_type(rec.pay_type).wallet)
        return engine.poll(rec, cancel, timing.intervals), "polled"
    reason = R_NEVER_ARRIVED if view.verdict is Verdict.NOT_FOUND else R_RECOVERED
    if rec.mode is TxMode.CPM and view.verdict is Verdict.PENDING:
        reason = R_DEADLINE
    return _cancelled(engine.cancel_order(rec, reason))


def _cancelled(rec: TxRecord) -> tuple[TxRecord, str]:
    return rec, "cancelled" if rec.state.is_final else "cancel not confirmed"


def _recover_refund(engine: PaymentEngine, rec: TxRecord) -> tuple[TxRecord, str]:
    view = engine.query_view(rec)
    if view is None:
        return rec, "gateway unreachable"
    done = engine.settle(rec, view)
    if done is not None:
        return done, f"enquiry: {view.verdict.value}"
    never_sent = rec.state is TxState.CREATED
    past = rec.deadline is None or rec.deadline <= engine._clock()
    if view.verdict is Verdict.NOT_FOUND and (never_sent or past):
        return settle_missing_refund(engine, rec, view), "not found"
    return rec, "still open"
