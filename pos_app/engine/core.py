"""The steps every flow shares: journaled requests, polling, and reversing until confirmed.

Each step commits to the journal *before* the network call it precedes, and records the
answer before acting on it, so a crash between any two lines leaves a state recovery can
finish.  Four rules shape the code:

* A payment is never re-sent.  An unknown outcome is resolved by enquiry only.
* The enquiry is the arbiter.  When a reversal or close fails or its answer is lost, the
  engine asks the gateway what the order is now and settles on that.
* A reversal or close never takes money back from a paid order: 001's reversal page says a
  transaction that already succeeded can no longer be reversed or cancelled (refund it
  instead), and the gateway answers 1260 ("already paid").  So when the cashier cancels, or
  the deadline passes, the reversal either undoes an order that was not paid (REVERSED or
  CLOSED: nobody was charged) or is refused with 1260, which is proof of payment: the sale
  is PAID, shown as such, and a manager refunds it if the customer should not pay.
* Two pieces of evidence that contradict each other settle nothing on their own: a 1260
  while the enquiry shows the same order reversed, closed or failed goes to a manager
  (NEEDS_ATTENTION), never to a final state that may be wrong.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pos_app.engine.budget import RequestBudget
from pos_app.engine.errors import NotSentError
from pos_app.engine.events import CancelToken, EngineConfig, EngineEvent, EventKind, Outcome
from pos_app.engine.evidence import Finding, Kind, classify
from pos_app.engine.gateway import GatewayClient
from pos_app.engine.ids import new_out_trade_no
from pos_app.engine.in_flight import Clocks
from pos_app.engine.journal import Journal, TxRecord
from pos_app.engine.schedule import PollSchedule, gap_at
from pos_app.engine.states import TxMode, TxState
from pos_app.engine.views import Verdict, View, read_view
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.errors import QFPayError
from pos_app.qfpay.models import CancelResult
from pos_app.qfpay.paytypes import get_pay_type
from pos_app.qfpay.status import SUCCESS_CODE

logger = logging.getLogger("pos_app.engine")

#: Answers to a reversal/close meaning "too late, the order is paid": proof of payment.
ALREADY_PAID = frozenset({"1260", "1125"})
#: Answers to a reversal/close meaning "no such order".
NO_SUCH_ORDER = frozenset({"1136", "1268"})
#: Enquiry records are searched this far either side of the journal's creation time, so a
#: sale journaled at 23:59 on a month's last day is still found if the gateway filed it on
#: the 1st (its clock may differ from the till's).  001 ignores the window when the order
#: number is given, but a window that is sent must lie within one calendar month, so near a
#: month end it is split in two (see ``EngineCore.query_windows``).
QUERY_WINDOW = timedelta(days=1)

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
#: Progress message: the cancel waits until the payment can no longer reach QFPay.
R_MAKING_SURE = QT_TRANSLATE_NOOP(
    "engine",
    "QFPay shows no record of this payment yet. The till finishes the cancellation once it "
    "can no longer arrive there. Do not hand over goods.",
)
R_PAID = QT_TRANSLATE_NOOP("engine", "Payment successful.")
R_REFUNDED = QT_TRANSLATE_NOOP("engine", "Refund successful.")
R_ALREADY_PAID = QT_TRANSLATE_NOOP(
    "engine", "The customer paid before the cancellation arrived: the sale is paid."
)
R_MISMATCH = QT_TRANSLATE_NOOP(
    "engine",
    "The gateway keeps answering with another amount or currency for this order: "
    "a manager must check it in the merchant portal.",
)


R_CONFLICT = QT_TRANSLATE_NOOP(
    "engine",
    "The gateway's answers disagree (the cancellation was refused as already paid, while the "
    "enquiry shows the order cancelled or failed): a manager must check this sale in the "
    "merchant portal.",
)
R_NOT_SENT = QT_TRANSLATE_NOOP("engine", "Nothing was sent or processed: {error}")


@dataclass
class _SaleLock:
    """A per-sale lock and how many callers hold or wait for it (to prune it at zero)."""

    lock: threading.Lock
    users: int = 0


class EngineCore:
    """Shared machinery; ``PaymentEngine`` adds the public flows on top.

    **Protected API** (for the engine's own helpers, :mod:`~pos_app.engine.refunds` and
    :mod:`~pos_app.engine.recovery`, which are typed against this class and never import the
    engine): ``claim``/``release`` (one owner per order number), ``new_number``, ``move``
    (commit a state change, then emit), ``emit``, ``now`` (wall clock), ``wait`` (the
    cancellable sleep), ``sale_lock`` (one attempt at a time per sale), ``exchange`` and
    ``note`` (send one request and journal what it proves), ``query_view``, ``settle``,
    ``poll`` and ``cancel_order``.  The UI and the CLI use only ``PaymentEngine``'s public
    flows.

    ``clock`` is wall-clock epoch seconds because deadlines are journaled and must mean the
    same after a restart (the monotonic clock stays the machine's: ``engine.in_flight``);
    ``sleep`` replaces the cancellable wait (tests advance a fake clock).
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
        #: Wall and monotonic time, and the boot they run on (``engine.in_flight``).
        self.clocks = Clocks.of(clock)
        self.now: Callable[[], float] = self.clocks.now
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
        self._sale_locks: dict[str, _SaleLock] = {}
        self._sale_guard = threading.Lock()

    @contextmanager
    def sale_lock(self, key: str) -> Iterator[None]:
        """Hold the lock of one sale (or one refunded original) so attempts never overlap.

        The entry is removed when its last user leaves, so a till open for months keeps no
        lock per sale it ever took.
        """
        with self._sale_guard:
            entry = self._sale_locks.get(key)
            if entry is None:
                entry = self._sale_locks[key] = _SaleLock(threading.Lock())
            entry.users += 1
        try:
            with entry.lock:
                yield
        finally:
            with self._sale_guard:
                entry.users -= 1
                if entry.users == 0:
                    del self._sale_locks[key]

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
                self.emit(kind, rec, message, **extra)

    def open_sent(self, request: str, **intent: Any) -> TxRecord:
        """Commit a new transaction's intent, its move to SENT and the request note at once.

        One fsync before the request leaves: recovery treats SENT like CREATED (query, then
        reverse or close what it finds unfinished), so a separate commit for CREATED would
        buy nothing but latency at the counter.  The row carries until when its request may
        be with the gateway; the request is sent with :meth:`send_by` so it never leaves
        later than that.
        """
        with self.one_commit():
            rec = self.journal.create(
                **intent,
                sent=True,
                request=request,
                in_flight=self.clocks.stamp(float(self.client.deadline)),
            )
            if self.on_event is not None:  # the CREATED step only a listener would see
                self.emit("state", dataclasses.replace(rec, state=TxState.CREATED))
            logger.info("%s %s -> %s", rec.out_trade_no, TxState.CREATED, TxState.SENT)
            self.emit("state", rec, rec.reason)
        return rec

    def emit(self, kind: EventKind, rec: TxRecord, message: str = "", **extra: Any) -> None:
        """Tell the listener (after the enclosing ``one_commit``, if any, is on disk)."""
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
            sale_id=rec.sale_id,
            wallet_pay_type=rec.wallet_pay_type,
            **extra,
        )
        try:
            self.on_event(event)
        except Exception:  # a broken listener must not break a money flow
            logger.exception("engine event listener failed")

    def move(self, rec: TxRecord, state: TxState, **changes: Any) -> TxRecord:
        """Commit a state change, then tell the listener."""
        new = self.journal.transition(rec.out_trade_no, state, **changes)
        logger.info("%s %s -> %s %s", new.out_trade_no, rec.state, state, new.respcd or "")
        self.emit("state", new, new.reason)
        return new

    def wait(self, token: CancelToken | None, seconds: float) -> bool:
        """Sleep; True if the cashier cancelled (an injected sleep is checked after)."""
        if self._sleep is not None:
            if seconds > 0:
                self._sleep(seconds)
            return token is not None and token.cancelled
        if token is None:
            threading.Event().wait(max(0.0, seconds))
            return False
        return token.wait(seconds)

    def claim(self, out_trade_no: str) -> bool:
        """Take the order number for this flow; False if another flow or recovery has it."""
        with self._busy_lock:
            if out_trade_no in self._busy:
                return False
            self._busy.add(out_trade_no)
        if self.journal.claim(out_trade_no) is None:  # ownership: no other live process has it
            return True
        with self._busy_lock:
            self._busy.discard(out_trade_no)
        return False

    def new_number(self) -> str:
        """A fresh order number, already claimed so recovery cannot race the flow for it.

        The claim is taken *before* the row is committed: a recovery pass running on another
        thread must never see a CREATED row the flow is about to send.  Other processes see
        the journal claim written in the intent's own commit (ownership).
        """
        number = new_out_trade_no(self.till_id, self.now())
        with self._busy_lock:
            self._busy.add(number)
        self.journal.claims.reserve(number)
        return number

    def release(self, out_trade_no: str) -> None:
        """Give the order number back (the flow or recovery is done with it)."""
        with self._busy_lock:
            self._busy.discard(out_trade_no)
        self.journal.release(out_trade_no)  # ownership: recoverable by any process now

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
            wallet_pay_type=rec.wallet_pay_type,
        )

    @staticmethod
    def _message_for(rec: TxRecord) -> str:
        if rec.state is TxState.CANCELLING:
            return R_NOT_CONFIRMED
        return rec.reason

    # -- one exchange with the gateway --------------------------------------------------------

    def exchange(self, rec: TxRecord, call: Callable[[], Any]) -> tuple[Finding, Any]:
        """Run one client call for ``rec``; what it proves, and the answer if there was one."""
        try:
            answer = call()
        except QFPayError as exc:
            return classify(exc, rec), None
        return classify(answer, rec), answer

    def note(self, rec: TxRecord, step: str, finding: Finding) -> None:
        """Journal what one exchange proved; an HTTP 429 also pauses this till's polling."""
        self.journal.record(
            rec.out_trade_no,
            "answer",
            f"{step}: {finding.kind.value}: {finding.detail or finding.message}",
            finding.respcd,
        )
        unanswered = finding.kind is Kind.UNKNOWN and finding.respcd is None
        if unanswered and finding.http_status != 429 and not finding.cancelled:
            self.emit("message", rec, R_NO_ANSWER)  # the screen says "cannot reach QFPay"
        if finding.http_status == 429:
            pause = self.budget.too_many_requests(finding.retry_after)
            self.journal.record(rec.out_trade_no, "note", f"HTTP 429: polling paused {pause:.1f}s")

    def refuse(self, rec: TxRecord, step: str, finding: Finding) -> NotSentError:
        """End ``rec`` for a certain non-event and build the error the caller raises.

        Nothing was processed, so the row is final at once (DECLINED with a "nothing was
        sent" reason: no money moved) and the caller learns *why* from the exception, so the
        CLI can tell a configuration problem from an unreachable gateway and never calls it
        a decline.
        """
        with self.one_commit():
            self.note(rec, step, finding)
            self.move(
                rec,
                TxState.DECLINED,
                respcd=finding.respcd,
                reason=R_NOT_SENT.format(error=finding.message),
            )
        return NotSentError(finding.message, cause=finding.cause, out_trade_no=rec.out_trade_no)

    # -- enquiry -----------------------------------------------------------------------------

    def query_windows(self, rec: TxRecord) -> list[tuple[datetime, datetime]]:
        """``start_time``/``end_time`` pairs for enquiries about ``rec``, each within one month.

        ``QUERY_WINDOW`` either side of the journal's creation time, cut at the month
        boundary it crosses (001: "the interval must be within one calendar month"; the
        training gateway refuses anything else): the order's own month first, then the
        neighbouring month, asked only when the first shows nothing of the order.
        """
        made = datetime.fromtimestamp(rec.created_at).replace(microsecond=0)
        start, end = made - QUERY_WINDOW, made + QUERY_WINDOW
        first = made.replace(day=1, hour=0, minute=0, second=0)
        after = (first + timedelta(days=32)).replace(day=1)
        second = timedelta(seconds=1)
        windows = [(max(start, first), min(end, after - second))]
        if start < first:
            windows.append((start, first - second))
        if end >= after:
            windows.append((after, end))
        return windows

    def query_view(self, rec: TxRecord, token: CancelToken | None = None) -> View | None:
        """Ask the gateway about ``rec``; None if it could not be asked or did not answer.

        Raises ``NotSentError`` when the gateway refuses because of the till's configuration
        (wrong mchid, app code or key): asking again would be refused the same way.
        """
        records: list[Any] = []
        for number, (start, end) in enumerate(self.query_windows(rec)):
            if not self.budget.acquire(lambda s: self.wait(token, s)):
                return None
            more = f" (window in {start:%Y-%m})" if number else ""
            self.journal.record(rec.out_trade_no, "request", "query by out_trade_no" + more)
            try:
                records = self.client.query(
                    out_trade_no=rec.out_trade_no, start_time=start, end_time=end, cancel=token
                )
            except QFPayError as exc:
                finding = classify(exc)
                self.note(rec, "query", finding)
                if finding.kind is Kind.CONFIG:
                    raise NotSentError(
                        finding.message,
                        cause="config",
                        out_trade_no=rec.out_trade_no,
                        in_flight=True,
                    ) from None
                return None
            if any((r.out_trade_no or "") == rec.out_trade_no for r in records):
                break
        self.budget.ok()
        view = read_view(
            records,
            rec.out_trade_no,
            refund=rec.mode is TxMode.REFUND,
            txamt=rec.txamt,
            currency=rec.currency,
        )
        self.journal.record(
            rec.out_trade_no,
            "answer",
            f"query: {view.verdict.value}"
            + (f" cancel={view.cancel_flag}" if view.cancel_flag != "0" else "")
            + (f" syssn={view.syssn}" if view.syssn else "")
            + (f" ({view.message})" if view.verdict is Verdict.MISMATCH else ""),
            view.respcd,
        )
        if view.verdict is Verdict.MISMATCH:
            logger.warning("%s: enquiry answer does not match: %s", rec.out_trade_no, view.message)
        return view

    def _cancel_final_state(self, rec: TxRecord) -> TxState:
        endpoint = get_pay_type(rec.pay_type).cancel_endpoint
        return TxState.REVERSED if endpoint == "reversal" else TxState.CLOSED

    def _mismatches(self, rec: TxRecord) -> int:
        return sum(
            1
            for e in self.journal.events(rec.out_trade_no)
            if e.kind == "answer" and e.detail.startswith("query: mismatch")
        )

    def settle(self, rec: TxRecord, view: View) -> TxRecord | None:
        """Finish ``rec`` if the view is final evidence; None while pending, unseen or unproven.

        A view that names the order with another amount or currency proves nothing; when that
        persists (``EngineConfig.mismatch_limit`` answers) the row goes to a manager.
        """
        refund = rec.mode is TxMode.REFUND
        if view.verdict is Verdict.MISMATCH:
            if self._mismatches(rec) >= self.config.mismatch_limit:
                return self.move(rec, TxState.NEEDS_ATTENTION, reason=R_MISMATCH)
            return None
        if view.verdict is Verdict.DOUBLE:
            reason = R_DOUBLE.format(count=view.count, syssns=view.message)
            return self.move(rec, TxState.NEEDS_ATTENTION, reason=reason, respcd=view.respcd)
        if view.verdict is Verdict.PAID:
            state, why = (TxState.REFUNDED, R_REFUNDED) if refund else (TxState.PAID, R_PAID)
            return self.move(
                rec,
                state,
                syssn=view.syssn,
                respcd=view.respcd,
                reason=why,
                wallet_pay_type=view.pay_type,
            )
        if view.verdict is Verdict.CANCELLED and not refund:
            paid_first = view.respcd == SUCCESS_CODE
            reason = R_PAID_THEN_REVERSED if paid_first else (rec.reason or R_CASHIER)
            return self.move(
                rec,
                self._cancel_final_state(rec),
                syssn=view.syssn,
                respcd=view.respcd,
                reason=reason,
                wallet_pay_type=view.pay_type,
            )
        if view.verdict in (Verdict.FAILED, Verdict.CANCELLED):
            state = TxState.DECLINED
            if rec.mode is TxMode.MPM and view.respcd == "1181":
                state = TxState.CLOSED
            return self.move(rec, state, respcd=view.respcd, reason=view.message)
        return None

    # -- polling -----------------------------------------------------------------------------

    def poll(
        self, rec: TxRecord, token: CancelToken | None, intervals: tuple[float, ...]
    ) -> TxRecord:
        """Query until final, or until the deadline / a cancel, then reverse or close."""
        schedule = PollSchedule(intervals, rec.deadline or self.now(), self.now)
        for gap in schedule.gaps():
            self.emit("waiting", rec, seconds_left=schedule.seconds_left())
            if token is not None and token.cancelled:
                break
            if self.evidence is not None:  # CHAIN MODE HOOK (issue 13)
                done = self._wait_for_evidence(rec, token, gap, schedule.seconds_left())
                if done is not None:
                    return done
                if token is not None and token.cancelled:
                    break
            elif self.wait(token, gap):
                break
            view = self.query_view(rec, token)
            if view is None:
                continue
            done = self.settle(rec, view)
            if done is not None:
                return done
            if view.verdict is Verdict.PENDING and rec.state is not TxState.IN_PROGRESS:
                rec = self.move(rec, TxState.IN_PROGRESS, respcd=view.respcd)
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
                rec.out_trade_no,
                "answer",
                f"notification: success (syssn {found.syssn})",
                SUCCESS_CODE,
            )
            done = self.settle(rec, found.view())
        return done

    def cancel_order(self, rec: TxRecord, reason: str) -> TxRecord:
        """Reverse or close until the gateway confirms a final state (see module docstring).

        Not interruptible: the cashier's cancel is what brought us here.  After
        ``cancel_give_up`` seconds unconfirmed the row stays CANCELLING for recovery.
        """
        if rec.state is not TxState.CANCELLING:
            rec = self.move(rec, TxState.CANCELLING, reason=reason)
        view = self.query_view(rec)
        if view is not None and view.verdict is not Verdict.NOT_FOUND:
            done = self.settle(rec, view)
            if done is not None:
                return done
        started = self.now()
        attempt = 0
        told = False  # the listener heard why the cancel waits (once per spell of waiting)
        while True:
            done, waiting = self._cancel_once(rec)
            if done is not None:
                return done
            left = self.config.cancel_give_up - (self.now() - started)
            if left <= 0:
                self.journal.record(rec.out_trade_no, "note", "cancellation not confirmed yet")
                self.emit("message", rec, R_NOT_CONFIRMED)
                return rec
            gap = gap_at(self.config.cancel_intervals, attempt)
            if waiting > 0:
                # Said once (again after any other round), and only if this cancel will
                # still be here when the time is up; the deciding round runs right then.
                if not told and waiting < left:
                    self.emit("message", rec, R_MAKING_SURE, seconds_left=waiting)
                told = True
                gap = min(gap, waiting + 0.05)
            else:
                told = False
            self.wait(None, gap)
            attempt += 1

    def send_by(self, rec: TxRecord) -> float | None:
        """The instant after which ``rec``'s request must not leave (the client's
        ``not_after``): a request held up after the commit must not leave later than the
        row says, or "no such order" could be believed while it is still on its way."""
        return self.clocks.send_by(rec)

    def _in_flight_for(self, rec: TxRecord) -> float:
        """Seconds the request that opened ``rec`` may still reach, or be booked by, the
        gateway, or be booked but not yet shown (``index_lag``); 0 once it cannot.  Until
        then "no such order" proves nothing.  The bound is the sender's, journaled with the
        row (``engine.in_flight``), not this process's own deadline."""
        return self.clocks.in_flight_for(
            rec, own_deadline=float(self.client.deadline), lag=self.config.index_lag
        )

    def _cancel_once(self, rec: TxRecord) -> tuple[TxRecord | None, float]:
        """One reversal/close and, unless it settles things, one enquiry.

        Returns the settled row (None while not settled) and, when the gateway said "no
        such order" while the payment may still be in flight, for how many seconds more.
        """
        # The round's answers are snapshots taken from its start on: "no such order" proves
        # absence only if the payment could no longer arrive when the round *began* (a slow
        # enquiry answer may come in after the bound, about a moment before it).
        began_in_flight = self._in_flight_for(rec) > 0
        self.journal.record(rec.out_trade_no, "request", f"cancel ({rec.pay_type})")
        finding, answer = self.exchange(
            rec,
            lambda: self.client.cancel(
                rec.pay_type, txamt=rec.txamt, out_trade_no=rec.out_trade_no, syssn=rec.syssn
            ),
        )
        self.note(rec, "cancel", finding)
        if finding.kind is Kind.CONFIG:
            raise NotSentError(
                finding.message, cause="config", out_trade_no=rec.out_trade_no, in_flight=True
            )
        # A refusal naming another order says nothing about this one (1260 is not proof).
        code = "" if finding.foreign else (finding.respcd or "")
        if code in ALREADY_PAID:
            return self._already_paid(rec), 0.0
        if finding.kind is Kind.SUCCESS and isinstance(answer, CancelResult):
            return self._cancel_confirmed(rec), 0.0
        view = self.query_view(rec)
        if view is None or view.verdict is Verdict.PENDING:
            return None, 0.0
        if view.verdict is Verdict.NOT_FOUND:
            # "Not found" proves nothing while the payment request may still be on its way
            # or being booked (its own deadline) and then indexed (``index_lag``); after
            # both, a refusal saying "no such order" confirms nothing is there.
            if code not in NO_SUCH_ORDER:
                return None, 0.0
            waiting = self._in_flight_for(rec)
            if waiting > 0 or began_in_flight:
                return None, max(waiting, 0.01)  # asked again right when the bound is past
            final = self.move(
                rec, self._cancel_final_state(rec), respcd=rec.respcd, reason=R_NEVER_ARRIVED
            )
            return final, 0.0
        return self.settle(rec, view), 0.0

    def _already_paid(self, rec: TxRecord) -> TxRecord | None:
        """1260 on a reversal/close is proof of payment; finish once the syssn is known.

        A PAID row without its syssn could never be refunded from the till, so while the
        enquiry cannot show the order (index lag, a month boundary) the row stays open and
        is asked about again; it is never journaled as reversed.  An enquiry still showing
        the order in progress keeps it open too (asked again).  An enquiry that shows the
        same order reversed, closed or failed contradicts the 1260: neither answer may
        settle it, so a manager checks it (see the module docstring).
        """
        view = self.query_view(rec)
        if view is not None and view.verdict in (Verdict.DOUBLE, Verdict.MISMATCH):
            return self.settle(rec, view)
        if view is not None and view.verdict in (Verdict.CANCELLED, Verdict.FAILED):
            return self._conflict(rec, view, "1260 (already paid)")
        if view is not None and view.verdict is Verdict.PENDING:
            self.journal.record(
                rec.out_trade_no, "note", "1260: paid at the gateway; the enquiry still waits"
            )
            return None
        syssn = (view.syssn if view is not None else None) or rec.syssn
        if syssn is None:
            self.journal.record(
                rec.out_trade_no, "note", "1260: paid at the gateway; waiting for its syssn"
            )
            return None
        return self.move(
            rec,
            TxState.PAID,
            reason=R_ALREADY_PAID,
            respcd=SUCCESS_CODE,
            syssn=syssn,
            wallet_pay_type=view.pay_type if view is not None else None,
        )

    def _conflict(self, rec: TxRecord, view: View, answer: str) -> TxRecord:
        """Two answers about one order disagree: a manager decides, the journal says why."""
        self.journal.record(
            rec.out_trade_no,
            "note",
            f"conflicting evidence: the cancel was answered {answer}, the enquiry shows "
            f"{view.verdict.value} (respcd {view.respcd or '-'}, cancel {view.cancel_flag})",
        )
        return self.move(
            rec, TxState.NEEDS_ATTENTION, reason=R_CONFLICT, syssn=view.syssn or rec.syssn
        )

    def _cancel_confirmed(self, rec: TxRecord) -> TxRecord:
        """A confirmed reversal/close; the row keeps the *payment's* own answer code."""
        view = self.query_view(rec)
        if view is not None and view.verdict is Verdict.DOUBLE:
            return self.move(
                rec,
                TxState.NEEDS_ATTENTION,
                reason=R_DOUBLE.format(count=view.count, syssns=view.message),
                respcd=view.respcd,
            )
        reason = rec.reason
        respcd = rec.respcd
        syssn = rec.syssn
        wallet = None
        if view is not None and view.verdict is Verdict.CANCELLED:
            respcd = view.respcd or respcd
            syssn = view.syssn or syssn
            wallet = view.pay_type
            if view.respcd == SUCCESS_CODE:
                reason = R_PAID_THEN_REVERSED
        elif view is not None and view.verdict is Verdict.NOT_FOUND:
            reason = R_NEVER_ARRIVED
        return self.move(
            rec,
            self._cancel_final_state(rec),
            reason=reason,
            respcd=respcd,
            syssn=syssn,
            wallet_pay_type=wallet,
        )
