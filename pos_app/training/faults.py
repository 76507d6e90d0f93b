"""Fault knobs: make the training gateway misbehave on purpose, in each way the real one can.

The till must never lose or double money when the network or the gateway fails, so its tests
(and trainers) need every failure on demand.  A knob is added with::

    gw.faults.add("drop", endpoint="/trade/v1/payment", times=1)

``endpoint`` limits the knob to one path (``None``: every endpoint the kind applies to, see
``APPLIES_TO``; control endpoints under ``/training/v1/`` are never affected, so a fault can
always be cleared).  ``times`` is how many matching requests it hits (``None``: until
cleared).  Other processes use ``POST /training/v1/faults`` with the same fields.

Transport knobs (what a network or a proxy does):

=====================  ========================================================  ==========
kind                   effect on a matching request                              processed?
=====================  ========================================================  ==========
``latency``            wait ``delay`` seconds (default 0.2), then answer         yes
``timeout``            hang ``delay`` seconds (default 30), then close the       no
                       connection without answering (the client's timeout fires)
``drop``               close the connection at once without answering            no
``http_error``         answer HTTP ``status`` (default 503), plain-text body     no
``rate_limit``         answer HTTP 429 with ``Retry-After: retry_after`` (1)     no
``non_json``           answer HTTP 200 with an HTML page instead of JSON         no
``bad_signature``      answer normally but with a wrong ``X-QF-SIGN``            yes
``lost_reply``         process the request, then close the connection without    yes
                       answering ("the reply is lost but the payment went through")
``booked_http_error``  process the request, then answer HTTP ``status`` (default  yes
                       503; must be 5xx) instead of the signed answer
=====================  ========================================================  ==========

Gateway answers (signed JSON the till must read correctly):

=====================  ========================================================  ==========
kind                   effect on a matching request                              processed?
=====================  ========================================================  ==========
``respcd``             answer ``respcd`` (default ``1252``; any code but 0000,   ``booked``
                       listed in 001 or not, e.g. 1297, 1154, 9999) with the
                       ``resperr`` 001 gives it.  ``booked=False``: nothing is
                       done (a bare refusal).  ``booked=True``: the request is
                       carried out first (the payment is charged as its wallet
                       decides, the refund goes out) and the full answer comes
                       back with its ``syssn`` but this ``respcd``, as 001's
                       1297 example does (001 l. 2853-2869)
``async_refund``       refunds only: the refund is booked but answered           yes
                       ``respcd`` (1143 default, or 1145); enquiries show it in
                       progress until ``delay`` seconds (default 1.0) have
                       passed, then ``final`` (default 0000; a failure code
                       gives the amount back to the original; meanwhile the
                       amount is reserved and the original shows ``cancel`` 3/5)
``enquiry_lag``        payments and refunds: the order booked by this request    yes
                       is invisible to ``/trade/v1/query`` for ``delay`` seconds
                       (default 2.0) after it was booked
``duplicate_2011``     payments and refunds: a reused ``out_trade_no`` is        no
                       refused with 2011 "Transaction serial number repeats"
                       (001 l. 684) instead of the default 1102
``unknown_1268``       reversal, close, refund, add_note: an unknown order is    no
                       refused with 1268 "The order does not exist" (001
                       l. 673) instead of the default 1136
``strict_goods_name``  payments: ``goods_name`` is held to 001's rule (l. 609:    no if bad
                       at most 20 characters, letters and digits only, spaces
                       allowed; CJK letters count as letters); a breach is 1104
=====================  ========================================================  ==========

``latency``, ``enquiry_lag``, ``duplicate_2011``, ``unknown_1268`` and ``strict_goods_name``
are *modifiers*: they add up and combine with at most one other knob (the oldest matching
one), so "slow and then dropped" is two knobs, and so is "answered 1145, then invisible to
enquiries for 3 s" (``async_refund`` + ``enquiry_lag``).  A knob is used up by each matching
request even when its condition does not arise (``duplicate_2011`` on a fresh number).
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, cast, get_args

FaultKind = Literal[
    "latency",
    "timeout",
    "drop",
    "http_error",
    "rate_limit",
    "non_json",
    "bad_signature",
    "lost_reply",
    "booked_http_error",
    "respcd",
    "async_refund",
    "enquiry_lag",
    "duplicate_2011",
    "unknown_1268",
    "strict_goods_name",
]
FAULT_KINDS: tuple[str, ...] = get_args(FaultKind)

PAYMENT = "/trade/v1/payment"
REFUND = "/trade/v1/refund"

#: Kinds after which the gateway still carries out the request (``respcd`` when booked).
PROCESSED_KINDS = frozenset(
    {"latency", "bad_signature", "lost_reply", "booked_http_error", "async_refund"}
)
#: Kinds that combine with each other and with one outcome knob.
MODIFIER_KINDS = frozenset(
    {"latency", "enquiry_lag", "duplicate_2011", "unknown_1268", "strict_goods_name"}
)
#: The endpoints a kind can act on when no ``endpoint`` is given (absent: every endpoint).
APPLIES_TO: dict[str, frozenset[str]] = {
    "async_refund": frozenset({REFUND}),
    "enquiry_lag": frozenset({PAYMENT, REFUND}),
    "duplicate_2011": frozenset({PAYMENT, REFUND}),
    "unknown_1268": frozenset(
        {"/trade/v1/reversal", "/trade/v1/close", REFUND, "/trade/v1/add_note"}
    ),
    "strict_goods_name": frozenset({PAYMENT}),
}

_DEFAULT_DELAY: dict[str, float] = {
    "latency": 0.2,
    "timeout": 30.0,
    "async_refund": 1.0,
    "enquiry_lag": 2.0,
}
_DEFAULT_RESPCD: dict[str, str] = {"respcd": "1252", "async_refund": "1143"}


@dataclass
class Fault:
    """One armed knob; ``remaining`` counts down (``None`` = until cleared)."""

    kind: FaultKind
    endpoint: str | None = None
    remaining: int | None = 1
    delay: float = 0.0
    status: int = 503
    retry_after: int = 1
    respcd: str = ""
    booked: bool = False
    final: str = "0000"

    def matches(self, path: str) -> bool:
        """Whether this knob applies to a request for ``path``."""
        if self.endpoint is not None:
            return self.endpoint == path
        applies = APPLIES_TO.get(self.kind)
        return applies is None or path in applies

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form for the control endpoint."""
        return asdict(self)


@dataclass(frozen=True)
class FaultDecision:
    """What to do to one request: modifiers, a total delay and at most one outcome knob."""

    delay: float = 0.0
    outcome: Fault | None = None
    #: Seconds the order booked by this request stays invisible to enquiries.
    enquiry_lag: float = 0.0
    modifiers: frozenset[str] = field(default_factory=frozenset)

    @property
    def processes_request(self) -> bool:
        """Whether the gateway still carries out the request under this decision."""
        if self.outcome is None:
            return True
        if self.outcome.kind == "respcd":
            return self.outcome.booked
        return self.outcome.kind in PROCESSED_KINDS

    @property
    def outcome_kind(self) -> str | None:
        """The outcome knob's kind, if any."""
        return self.outcome.kind if self.outcome is not None else None


def _check_code(kind: str, code: str) -> str:
    if not (code.isascii() and code.isalnum() and 1 <= len(code) <= 8):
        raise ValueError(f"respcd {code!r} is not a return code (1-8 letters or digits)")
    if kind == "respcd" and code == "0000":
        raise ValueError("a respcd knob answers a failure: use the hostile proxy to lie 0000")
    if kind == "async_refund" and code not in ("1143", "1145"):
        raise ValueError("an asynchronous refund is answered 1143 or 1145")
    return code


class FaultPlan:
    """The set of armed knobs; thread-safe, since every request thread consults it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(
        self,
        kind: str,
        *,
        endpoint: str | None = None,
        times: int | None = 1,
        delay: float | None = None,
        status: int = 503,
        retry_after: int = 1,
        respcd: str | None = None,
        booked: bool = False,
        final: str = "0000",
    ) -> Fault:
        """Arm a knob (see the module docstring); returns it so a test can inspect it."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for 'until cleared')")
        if not 100 <= status <= 599:
            raise ValueError(f"status {status} is not an HTTP status")
        if kind == "booked_http_error" and not 500 <= status <= 599:
            raise ValueError("booked_http_error answers a 5xx status")
        chosen_delay = _DEFAULT_DELAY.get(kind, 0.0) if delay is None else float(delay)
        if chosen_delay < 0:
            raise ValueError("delay cannot be negative")
        code = respcd if respcd else _DEFAULT_RESPCD.get(kind, "")
        if code:
            _check_code(kind, code)
        if kind == "async_refund":
            _check_code("final", final)
            if final in ("1143", "1145"):
                raise ValueError("final must be a final code (0000 or a failure)")
        fault = Fault(
            kind=cast(FaultKind, kind),
            endpoint=endpoint or None,
            remaining=times,
            delay=chosen_delay,
            status=status,
            retry_after=retry_after,
            respcd=code,
            booked=bool(booked),
            final=final,
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self, endpoint: str | None = None) -> None:
        """Disarm every knob (or only those scoped to ``endpoint``)."""
        with self._lock:
            if endpoint is None:
                self._faults.clear()
            else:
                self._faults = [f for f in self._faults if f.endpoint != endpoint]

    def active(self) -> list[Fault]:
        """A snapshot of the armed knobs."""
        with self._lock:
            return list(self._faults)

    def take(self, path: str) -> FaultDecision:
        """Decide the fate of one request and use up the knobs that hit it."""
        delay = 0.0
        lag = 0.0
        modifiers: set[str] = set()
        outcome: Fault | None = None
        with self._lock:
            for fault in list(self._faults):
                if not fault.matches(path):
                    continue
                if fault.kind in MODIFIER_KINDS:
                    modifiers.add(fault.kind)
                    if fault.kind == "latency":
                        delay += fault.delay
                    elif fault.kind == "enquiry_lag":
                        lag += fault.delay
                elif outcome is None:
                    outcome = fault
                    if fault.kind == "timeout":
                        delay += fault.delay
                else:
                    continue
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
        return FaultDecision(
            delay=delay, outcome=outcome, enquiry_lag=lag, modifiers=frozenset(modifiers)
        )
