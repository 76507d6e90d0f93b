"""Fault knobs: make the training gateway misbehave on purpose, in each way the real one can.

The till must never lose or double money when the network or the gateway fails, so its tests
(and trainers) need every failure on demand.  A knob is added with::

    gw.faults.add("drop", endpoint="/trade/v1/payment", times=1)

``endpoint`` limits the knob to one path (``None``: every ``/trade`` and ``/download``
endpoint; control endpoints under ``/training/v1/`` are never affected, so a fault can always
be cleared).  ``times`` is how many matching requests it hits (``None``: until cleared).
Other processes use ``POST /training/v1/faults`` with the same fields.

===================  ==========================================================================
kind                 effect on a matching request                               processed?
===================  ==========================================================================
``latency``          wait ``delay`` seconds (default 0.2), then answer normally   yes
``timeout``          hang ``delay`` seconds (default 30), then close the          no
                     connection without answering (the client's timeout fires)
``drop``             close the connection at once without answering               no
``http_error``       answer HTTP ``status`` (default 503) with a plain-text body  no
``rate_limit``       answer HTTP 429 with ``Retry-After: retry_after`` (default 1) no
``non_json``         answer HTTP 200 with an HTML page instead of JSON            no
``bad_signature``    answer normally but with a wrong ``X-QF-SIGN``               yes
``lost_reply``       process the request, then close the connection without       yes
                     answering ("the reply is lost but the payment went through")
===================  ==========================================================================

``latency`` knobs add up and combine with at most one other knob (the oldest matching one),
so "slow and then dropped" is two knobs.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
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
]
FAULT_KINDS: tuple[str, ...] = get_args(FaultKind)

#: Kinds after which the gateway still carries out the request.
PROCESSED_KINDS = frozenset({"latency", "bad_signature", "lost_reply"})

_DEFAULT_DELAY: dict[str, float] = {"latency": 0.2, "timeout": 30.0}


@dataclass
class Fault:
    """One armed knob; ``remaining`` counts down (``None`` = until cleared)."""

    kind: FaultKind
    endpoint: str | None = None
    remaining: int | None = 1
    delay: float = 0.0
    status: int = 503
    retry_after: int = 1

    def matches(self, path: str) -> bool:
        """Whether this knob applies to a request for ``path``."""
        return self.endpoint is None or self.endpoint == path

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form for the control endpoint."""
        return asdict(self)


@dataclass(frozen=True)
class FaultDecision:
    """What to do to one request: a total delay and at most one outcome knob."""

    delay: float = 0.0
    outcome: Fault | None = None

    @property
    def processes_request(self) -> bool:
        """Whether the gateway still carries out the request under this decision."""
        return self.outcome is None or self.outcome.kind in PROCESSED_KINDS


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
    ) -> Fault:
        """Arm a knob (see the module docstring); returns it so a test can inspect it."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for 'until cleared')")
        if not 100 <= status <= 599:
            raise ValueError(f"status {status} is not an HTTP status")
        chosen_delay = _DEFAULT_DELAY.get(kind, 0.0) if delay is None else float(delay)
        if chosen_delay < 0:
            raise ValueError("delay cannot be negative")
        fault = Fault(
            kind=cast(FaultKind, kind),
            endpoint=endpoint or None,
            remaining=times,
            delay=chosen_delay,
            status=status,
            retry_after=retry_after,
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
        outcome: Fault | None = None
        with self._lock:
            for fault in list(self._faults):
                if not fault.matches(path):
                    continue
                if fault.kind == "latency":
                    delay += fault.delay
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
        return FaultDecision(delay=delay, outcome=outcome)
