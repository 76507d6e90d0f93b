"""What the engine tells its caller: progress events, final outcomes, cancellation, settings.

Events are called from the engine's own thread; the UI worker turns them into Qt signals and
the CLI prints them.  A callback that raises must not break a money flow, so the engine
catches and logs callback errors (see ``EngineCore.emit``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Literal

from pos_app.engine.states import TxState

EventKind = Literal["state", "qrcode", "waiting", "message"]


@dataclass(frozen=True, slots=True)
class EngineEvent:
    """One progress report.

    ``kind`` is ``"state"`` (journal state changed), ``"qrcode"`` (MPM code ready to show),
    ``"waiting"`` (still polling; ``seconds_left`` until the deadline) or ``"message"``
    (cashier text, already marked for translation).

    ``sale_id`` is the sale the attempt belongs to, so a listener can tell its own sale's
    attempts from recovery's without reading the journal (the GUI thread never does);
    ``wallet_pay_type`` is the pay type the gateway's answer named (the actual wallet).
    """

    kind: EventKind
    out_trade_no: str
    state: TxState
    message: str = ""
    seconds_left: float | None = None
    qrcode: str | None = None
    syssn: str | None = None
    respcd: str | None = None
    sale_id: str | None = None
    wallet_pay_type: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The end of one flow call.  ``state`` is final unless the gateway could not confirm a
    reversal in time (then ``CANCELLING``; recovery keeps trying)."""

    out_trade_no: str
    state: TxState
    txamt: int
    currency: str
    pay_type: str
    syssn: str | None = None
    message: str = ""
    respcd: str | None = None
    sale_id: str | None = None
    qrcode: str | None = None
    #: The pay type the gateway's answer named (the actual wallet behind a generic CPM code).
    wallet_pay_type: str | None = None

    @property
    def wallet_code(self) -> str:
        """The pay type to show: the actual wallet where known."""
        return self.wallet_pay_type or self.pay_type

    @property
    def paid(self) -> bool:
        """Money moved to the merchant (payment) or back to the customer (refund)."""
        return self.state in (TxState.PAID, TxState.REFUNDED)


class CancelToken:
    """Cooperative cancel: the cashier sets it, the flow notices at its next wait.

    The flow then reverses or closes and returns a confirmed final state; it never just stops.
    ``wait`` doubles as the engine's interruptible sleep.
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the flow to stop; safe from any thread, idempotent."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancel() was called."""
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True as soon as cancelled."""
        return self._event.wait(max(0.0, seconds))


@dataclass(frozen=True, slots=True)
class WalletTiming:
    """How long and how often to poll one wallet's payments.

    ``intervals`` are the gaps between queries; the last one repeats.  ``deadline`` is how long
    the customer gets before the till reverses (WeChat revokes unpaid code payments at 45 s,
    Alipay advises polling about 60 s).
    """

    deadline: float
    intervals: tuple[float, ...] = (1.0, 1.0, 2.0, 2.0, 3.0, 5.0)


def _default_timings() -> dict[str, WalletTiming]:
    return {
        "wechat": WalletTiming(deadline=45.0),
        "alipay": WalletTiming(deadline=60.0),
        # 800008 takes WeChat Pay codes too, so it gets WeChat's shorter revocation time.
        "qr wallet": WalletTiming(deadline=45.0),
    }


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Every time and count the flows use; tests shrink them to milliseconds.

    ``wallet_timings`` is keyed by the lower-cased wallet name of the pay type (``PayType.
    wallet``), falling back to ``default_timing``.
    """

    wallet_timings: dict[str, WalletTiming] = field(default_factory=_default_timings)
    default_timing: WalletTiming = field(default_factory=lambda: WalletTiming(deadline=60.0))
    #: How long an MPM code is shown before the till closes the order.
    mpm_timeout: float = 300.0
    #: Polling an MPM order (the customer scans at their own pace).
    mpm_intervals: tuple[float, ...] = (2.0, 2.0, 3.0)
    #: Between reversal/close attempts and the queries that confirm them.
    cancel_intervals: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0)
    #: After this long unconfirmed, a reversal is left CANCELLING for recovery to finish.
    cancel_give_up: float = 120.0
    #: Refund answered 1143/1145 or unknown: the flow waits this long, then leaves the
    #: refund open (its amount held back) for recovery to keep asking about.
    refund_timeout: float = 60.0
    refund_intervals: tuple[float, ...] = (1.0, 2.0, 3.0, 5.0)
    #: An open refund nobody can see for this long goes to a manager (never DECLINED:
    #: refunds may be asynchronous, 001 "continue to query the refund transaction result").
    refund_attention_after: float = 24 * 3600.0
    #: "Not found" proves nothing for this long after a request: a gateway may index an order
    #: seconds after it books it.
    index_lag: float = 10.0
    #: Enquiry answers naming the order with another amount or currency this many times send
    #: the row to a manager.
    mismatch_limit: int = 3
    #: A payment recovery finds PAID within this many seconds before a new sale for the same
    #: amount is flagged as a possible duplicate before the new sale is sent.
    duplicate_window: float = 600.0
    #: Budget for all polling of this till (the merchant's limit is 400/min across tills).
    poll_per_minute: int = 240
    poll_per_second: int = 10
    #: Pause after an HTTP 429 before polling again (doubles, capped).
    backoff_429: float = 2.0
    backoff_429_max: float = 30.0

    def timing_for(self, wallet: str) -> WalletTiming:
        """The polling plan for a wallet name (``PayType.wallet``), case-insensitive.

        A key matches the whole name or a word in it, so ``"wechat"`` covers "WeChat Pay"
        and "WeChat Pay HK"; the longest matching key wins.
        """
        name = wallet.lower()
        if name in self.wallet_timings:
            return self.wallet_timings[name]
        for key in sorted(self.wallet_timings, key=len, reverse=True):
            if key in name:
                return self.wallet_timings[key]
        return self.default_timing
