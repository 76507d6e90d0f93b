"""The steps every flow shares: journaled requests, polling, and reversing until confirmed.

Each step commits to the journal *before* the network call it precedes, and records the
answer before acting on it, so a crash between any two lines leaves a state recovery can
finish.  Three rules shape the code:

* A payment is never re-sent.  An unknown outcome is resolved by enquiry only.
* The enquiry is the arbiter.  When a reversal or close fails or its answer is lost, the
  engine asks the gateway what the order is now and settles on that.
* A CPM reversal that reaches an order the customer has just paid *returns the money* (on
  QFPay a reversal undoes a paid code payment).  So when the cashier cancels, or the deadline
  passes, and the last enquiry did not show the order paid, the reversal is sent and, if it
  succeeds, the sale is REVERSED even if the customer paid a moment earlier: the customer has
  their money back, the merchant has none, and the journal says "paid then reversed".  The
  opposite choice (treat it as paid) would leave a sale the cashier believed cancelled as
  taken money.  If the gateway *refuses* the reversal because the order is paid, the money
  stays with the merchant and the sale is PAID.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pos_app.engine.budget import RequestBudget
from pos_app.engine.events import CancelToken, EngineConfig, EngineEvent, EventKind, Outcome
from pos_app.engine.gateway import GatewayClient
from pos_app.engine.ids import new_out_trade_no
from pos_app.engine.journal import Journal, TxRecord
from pos_app.engine.schedule import PollSchedule, gap_at
from pos_app.engine.states import TxMode, TxState
from pos_app.engine.views import Verdict, View, read_view
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.errors import GatewayError, QFPayError, TransportError
from pos_app.qfpay.paytypes import get_pay_type
from pos_app.qfpay.status import StatusClass

logger = logging.getLogger("pos_app.engine")

#: Answers to a reversal/close meaning "too late, the order is paid".
ALREADY_PAID = frozenset({"1260", "1125"})

R_CASHIER = QT_TRANSLATE_NOOP("engine", "Cancelled by the cashier.")
R_DEADLINE = QT_TRANSLATE_NOOP("engine", "The customer did not finish paying in time.")
R_PAID_THEN_REVERSED = QT_TRANSLATE_NOOP(
    "engine", "Paid then reversed: the money went back to the customer."
)
R_NEVER_ARRIVED = QT_TRANSLATE_NOOP(
    "engine", "The order never reached the gateway; nothing was charged."
)
R_DOUBLE = QT_TRANSLATE_NOOP(
    "engine",
    "Possible double charge: the gateway shows {count} payments ({syssns}). "
    "A manager must check and refund one.",
)
R_NOT_CONFIRMED = QT_TRANSLATE_NOOP(
    "engine",
    "The cancellation is not confirmed yet; the till keeps checking. Do not hand over goods.",
)
#: Progress message (never a final reason): an exchange with the gateway broke.  The UI
#: shows it instead of "waiting for the customer", so an outage never looks like a slow
#: customer.
R_NO_ANSWER = QT_TRANSLATE_NOOP(
    "engine", "Cannot reach QFPay (network?). The till keeps trying; keep the customer here."
)
R_PAID = QT_TRANSLATE_NOOP("engine", "Payment successful.")
R_REFUNDED = QT_TRANSLATE_NOOP("engine", "Refund successful.")
R_ALREADY_PAID = QT_TRANSLATE_NOOP(
    "engine", "The customer paid before the cancellation arrived: the sale is paid."
)


class EngineCore:
    """Shared machinery; ``PaymentEngine`` adds the public flows on top.

    ``clock`` is wall-clock epoch seconds because deadlines are journaled and must mean the
    same after a restart; ``sleep`` replaces the cancellable wait (tests advance a fake clock).
    """

    #: CHAIN MODE HOOK (issue 13): an ``EvidenceBoard`` from ``pos_app.chain.evidence``, set
    #: after construction, or None.  When set, polling waits on it instead of sleeping,
    #: settles on a notification the till matched to this order (evidence of success only),
    #: and stretches its gaps while notifications flow.  See ``_wait_for_evidence``.
    evidence: Any = None

    def __init__(
        self,
        client: GatewayClient,
        journal: Journal,
        *,
        till_id: str,
        cashier: str,
        config: EngineConfig | None = None,
        on_event: Callable[[EngineEvent], None] | None = None,
        budget: RequestBudget | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.client = client
        self.journal = journal
        self.till_id = till_id
        self.cashier = cashier
        self.config = config or EngineConfig()
        self.on_event = on_event
        self._clock: Callable[[], float] = clock or time.time
        self._sleep = sleep
        self.budget = budget or RequestBudget(
            self.config.poll_per_minute,
            self.config.poll_per_second,
            backoff=self.config.backoff_429,
            backoff_max=self.config.backoff_429_max,
            clock=clock if clock is not None else time.monotonic,
        )
        self._busy_lock = threading.Lock()
        self._busy: set[str] = set()
        self._local = threading.local()
        self._sale_locks: dict[str, threading.Lock] = {}
        self._sale_guard = threading.Lock()

    def _sale_lock(self, key: str) -> threading.Lock:
        """One lock per sale (or per refunded original) so attempts never overlap."""
        with self._sale_guard:
            return self._sale_locks.setdefault(key, threading.Lock())

    # -- plumbing ----------------------------------------------------------------------------

    @contextmanager
    def one_commit(self) -> Iterator[None]:
        """Group the journal writes of one step into one durable commit.

        Listeners hear of the step's changes only once that commit is on disk, and not at all
        if it rolls back.  Never wrap a network call in it: the point of the journal is that
        each step is durable *before* the next request leaves.
        """
        pending: list[tuple[EventKind, TxRecord, str, dict[str, Any]]] = []
        outer = getattr(self._local, "deferred", None)
        self._local.deferred = pending if outer is None else outer
        try:
            with self.journal.transaction():
                yield
        finally:
            self._local.deferred = outer
        if outer is None:
            for kind, rec, message, extra in pending:
                self._emit(kind, rec, message, **extra)

    def open_sent(self, request: str, **intent: Any) -> TxRecord:
        """Commit a new transaction's intent, its move to SENT and the request note at once.

        One fsync before the request leaves: recovery treats SENT like CREATED (query, then
        reverse or close what it finds unfinished), so a separate commit for CREATED would
        buy nothing but latency at the counter.
        """
        with self.one_commit():
            rec = self.journal.create(**intent)
            self._emit("state", rec)
            rec = self._move(rec, TxState.SENT)
            self.journal.record(rec.out_trade_no, "request", request)
        return rec

    def _emit(self, kind: EventKind, rec: TxRecord, message: str = "", **extra: Any) -> None:
        deferred = getattr(self._local, "deferred", None)
        if deferred is not None:
            deferred.append((kind, rec, message, extra))
            return
        if self.on_event is None:
            return
        event = EngineEvent(
            kind=kind,
            out_trade_no=rec.out_trade_no,
            state=rec.state,
            message=message,
            syssn=rec.syssn,
            respcd=rec.respcd,
            **extra,
        )
        try:
            self.on_event(event)
        except Exception:  # a broken listener must not break a money flow
            logger.exception("engine event listener failed")

    def _move(self, rec: TxRecord, state: TxState, **changes: Any) -> TxRecord:
        """Commit a state change, then tell the listener."""
        new = self.journal.transition(rec.out_trade_no, state, **changes)
        logger.info("%s %s -> %s %s", new.out_trade_no, rec.state, state, new.respcd or "")
        self._emit("state", new, new.reason)
        return new

    def _wait(self, token: CancelToken | None, seconds: float) -> bool:
        """Sleep; True if the cashier cancelled (an injected sleep is checked after)."""
        if self._sleep is not None:
            if seconds > 0:
                self._sleep(seconds)
            return token is not None and token.cancelled
        if token is None:
            threading.Event().wait(max(0.0, seconds))
            return False
        return token.wait(seconds)

    def _claim(self, out_trade_no: str) -> bool:
        with self._busy_lock:
            if out_trade_no in self._busy:
                return False
            self._busy.add(out_trade_no)
            return True

    def _new_number(self) -> str:
        """A fresh order number, already claimed so recovery cannot race the flow for it.

        The claim is taken *before* the row is committed: a recovery pass running on another
        thread must never see a CREATED row the flow is about to send.
        """
        number = new_out_trade_no(self.till_id, self._clock())
        self._claim(number)
        return number

    def _release(self, out_trade_no: str) -> None:
        with self._busy_lock:
            self._busy.discard(out_trade_no)

    def outcome(self, rec: TxRecord, message: str | None = None) -> Outcome:
        """The caller's view of a journal row."""
        return Outcome(
            out_trade_no=rec.out_trade_no,
            state=rec.state,
            txamt=rec.txamt,
            currency=rec.currency,
            pay_type=rec.pay_type,
            syssn=rec.syssn,
            message=message if message is not None else self._message_for(rec),
            respcd=rec.respcd,
            sale_id=rec.sale_id,
            qrcode=rec.qrcode,
        )

    @staticmethod
    def _message_for(rec: TxRecord) -> str:
        if rec.state is TxState.CANCELLING:
            return R_NOT_CONFIRMED
        return rec.reason

    def _note_error(self, rec: TxRecord, step: str, exc: QFPayError) -> None:
        self.journal.record(
            rec.out_trade_no, "answer", f"{step}: {type(exc).__name__}: {exc}", exc.respcd
        )
        if isinstance(exc, TransportError) and exc.http_status != 429:
            self._emit("message", rec, R_NO_ANSWER)
        if isinstance(exc, TransportError) and exc.http_status == 429:
            pause = self.budget.too_many_requests(exc.retry_after)
            self.journal.record(rec.out_trade_no, "note", f"HTTP 429: polling paused {pause:.1f}s")

    # -- enquiry -----------------------------------------------------------------------------

    def query_view(self, rec: TxRecord, token: CancelToken | None = None) -> View | None:
        """Ask the gateway about ``rec``; None if it could not be asked or did not answer."""
        wait = (
            (lambda s: self._wait(token, s))
            if token is not None
            else (lambda s: self._wait(None, s))
        )
        if not self.budget.acquire(wait):
            return None
        self.journal.record(rec.out_trade_no, "request", "query by out_trade_no")
        try:
            records = self.client.query(out_trade_no=rec.out_trade_no)
        except QFPayError as exc:
            self._note_error(rec, "query", exc)
            return None
        self.budget.ok()
        view = read_view(records, rec.out_trade_no, refund=rec.mode is TxMode.REFUND)
        self.journal.record(
            rec.out_trade_no,
            "answer",
            f"query: {view.verdict.value}"
            + (f" cancel={view.cancel_flag}" if view.cancel_flag != "0" else "")
            + (f" syssn={view.syssn}" if view.syssn else ""),
            view.respcd,
        )
        return view

    def _cancel_final_state(self, rec: TxRecord) -> TxState:
        endpoint = get_pay_type(rec.pay_type).cancel_endpoint
        return TxState.REVERSED if endpoint == "reversal" else TxState.CLOSED

    def settle(self, rec: TxRecord, view: View) -> TxRecord | None:
        """Finish ``rec`` if the view is final; None while the order is pending or unseen."""
        refund = rec.mode is TxMode.REFUND
        if view.verdict is Verdict.DOUBLE:
            reason = R_DOUBLE.format(count=view.count, syssns=view.message)
            return self._move(rec, TxState.NEEDS_ATTENTION, reason=reason, respcd=view.respcd)
        if view.verdict is Verdict.PAID:
            state, why = (TxState.REFUNDED, R_REFUNDED) if refund else (TxState.PAID, R_PAID)
            return self._move(rec, state, syssn=view.syssn, respcd=view.respcd, reason=why)
        if view.verdict is Verdict.CANCELLED and not refund:
            reason = R_PAID_THEN_REVERSED if view.respcd == "0000" else (rec.reason or R_CASHIER)
            return self._move(
                rec,
                self._cancel_final_state(rec),
                syssn=view.syssn,
                respcd=view.respcd,
                reason=reason,
            )
        if view.verdict in (Verdict.FAILED, Verdict.CANCELLED):
            state = TxState.DECLINED
            if rec.mode is TxMode.MPM and view.respcd == "1181":
                state = TxState.CLOSED
            return self._move(rec, state, respcd=view.respcd, reason=view.message)
        return None

    # -- polling -----------------------------------------------------------------------------

    def poll(
        self, rec: TxRecord, token: CancelToken | None, intervals: tuple[float, ...]
    ) -> TxRecord:
        """Query until final, or until the deadline / a cancel, then reverse or close."""
        schedule = PollSchedule(intervals, rec.deadline or self._clock(), self._clock)
        for gap in schedule.gaps():
            self._emit("waiting", rec, seconds_left=schedule.seconds_left())
            if token is not None and token.cancelled:
                break
            if self.evidence is not None:  # CHAIN MODE HOOK (issue 13)
                done = self._wait_for_evidence(rec, token, gap, schedule.seconds_left())
                if done is not None:
                    return done
                if token is not None and token.cancelled:
                    break
            elif self._wait(token, gap):
                break
            view = self.query_view(rec, token)
            if view is None:
                continue
            done = self.settle(rec, view)
            if done is not None:
                return done
            if view.verdict is Verdict.PENDING and rec.state is not TxState.IN_PROGRESS:
                rec = self._move(rec, TxState.IN_PROGRESS, respcd=view.respcd)
        cancelled = token is not None and token.cancelled
        return self.cancel_order(rec, R_CASHIER if cancelled else R_DEADLINE)

    def _wait_for_evidence(
        self, rec: TxRecord, token: CancelToken | None, gap: float, seconds_left: float
    ) -> TxRecord | None:
        """CHAIN MODE HOOK (issue 13): wait on the evidence board; settle if it delivers.

        The board only delivers notifications matched to this order's number, amount,
        currency and kind, and only successes, so settling them as PAID (REFUNDED for a
        refund) follows the rules of evidence.  None: keep polling as usual.
        """
        wait = min(self.evidence.stretch(gap), max(gap, seconds_left))
        found = self.evidence.wait(rec.out_trade_no, wait, token)
        if found is None:
            return None
        with self.one_commit():
            self.journal.record(
                rec.out_trade_no, "answer", f"notification: success (syssn {found.syssn})", "0000"
            )
            done = self.settle(rec, found.view())
        return done

    def cancel_order(self, rec: TxRecord, reason: str) -> TxRecord:
        """Reverse or close until the gateway confirms a final state (see module docstring).

        Not interruptible: the cashier's cancel is what brought us here.  After
        ``cancel_give_up`` seconds unconfirmed the row stays CANCELLING for recovery.
        """
        if rec.state is not TxState.CANCELLING:
            rec = self._move(rec, TxState.CANCELLING, reason=reason)
        view = self.query_view(rec)
        if view is not None and view.verdict is not Verdict.NOT_FOUND:
            done = self.settle(rec, view)
            if done is not None:
                return done
        started = self._clock()
        attempt = 0
        while True:
            done = self._cancel_once(rec)
            if done is not None:
                return done
            if self._clock() - started >= self.config.cancel_give_up:
                self.journal.record(rec.out_trade_no, "note", "cancellation not confirmed yet")
                self._emit("message", rec, R_NOT_CONFIRMED)
                return rec
            self._wait(None, gap_at(self.config.cancel_intervals, attempt))
            attempt += 1

    def _cancel_once(self, rec: TxRecord) -> TxRecord | None:
        """One reversal/close and, unless it settles things, one enquiry."""
        self.journal.record(rec.out_trade_no, "request", f"cancel ({rec.pay_type})")
        try:
            result = self.client.cancel(
                rec.pay_type, txamt=rec.txamt, out_trade_no=rec.out_trade_no, syssn=rec.syssn
            )
        except GatewayError as exc:
            # A definite refusal: the enquiry says what the order is now, and that decides.
            self._note_error(rec, "cancel", exc)
            code = exc.respcd or ""
            view = self.query_view(rec)
            if code in ALREADY_PAID and (
                view is None or view.verdict in (Verdict.PAID, Verdict.PENDING)
            ):
                syssn = (view.syssn if view is not None else None) or rec.syssn
                if syssn is None:
                    # Paid, but a PAID row without its syssn could never be refunded from
                    # the till: ask again next round (a repeated reversal is refused the
                    # same way), or leave it to recovery, which settles it from an enquiry.
                    return None
                return self._move(
                    rec, TxState.PAID, reason=R_ALREADY_PAID, respcd="0000", syssn=syssn
                )
            if view is None:
                return None
            if view.verdict is Verdict.NOT_FOUND:
                # Refused, and the gateway has no such order: there is nothing to undo.
                return self._move(
                    rec, self._cancel_final_state(rec), respcd=code, reason=R_NEVER_ARRIVED
                )
            return self.settle(rec, view)  # None while still pending: try again
        except QFPayError as exc:
            self._note_error(rec, "cancel", exc)
        else:
            self.journal.record(
                rec.out_trade_no, "answer", f"cancel via {result.endpoint}", result.respcd
            )
            if result.status.status_class is StatusClass.SUCCESS:
                view = self.query_view(rec)
                if view is not None and view.verdict is Verdict.DOUBLE:
                    return self.settle(rec, view)
                reason = rec.reason
                if view is not None and view.verdict is Verdict.CANCELLED and view.respcd == "0000":
                    reason = R_PAID_THEN_REVERSED
                elif view is not None and view.verdict is Verdict.NOT_FOUND:
                    reason = R_NEVER_ARRIVED
                return self._move(
                    rec, self._cancel_final_state(rec), reason=reason, respcd=result.respcd
                )
        view = self.query_view(rec)
        if view is None or view.verdict in (Verdict.PENDING, Verdict.NOT_FOUND):
            return None
        return self.settle(rec, view)
