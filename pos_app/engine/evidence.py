"""The money-truth rule, in one function: what an exception or an answer proves.

Every request the engine sends ends in one of three ways: an answer, an exception from the
wire, or nothing at all (a timeout is an exception too).  :func:`classify` maps each of them to
a :class:`Finding`, in the spirit of httpx's ``map_exceptions``: one table, read top to
bottom, so the rules of evidence (``DESIGN.md``) live here and nowhere else.

* ``SUCCESS``: a success answer *for this order* (paid, refunded, cancel confirmed).
* ``IN_PROGRESS``: the status table's in-progress class: query again, never resend.
* ``DECLINED``: only the status table's documented DECLINED class.
* ``NOT_PROCESSED``: certain that nothing happened: nothing left the machine (DNS failure,
  connection refused, connect timeout, TLS failure before any byte was sent), the input was
  refused locally, or the gateway refused to process (HTTP 429).
* ``CONFIG``: nothing happened *because of the till's configuration* (wrong app code, key,
  mchid or device: 1104-1108, or a local ``ConfigurationError``).  A person must fix it; a
  retry would be answered the same way.
* ``UNKNOWN``: everything else: system errors (1252, 1297 ...), codes not in the table,
  HTTP 5xx, timeouts after the request left, unreadable or unsigned answers, and any answer
  that names another order, amount or currency than the journal's.  Unknown payments are
  queried then reversed or closed; unknown refunds stay open and are queried.

An answer is evidence only for the order it names, *whatever its respcd*: a refusal (a
decline, 1260 "already paid", 1136 "no such order") naming another order proves as little
about ours as a success does.  A direct answer (to the request itself) may leave out a field,
but a field it carries must match the journal; an answer whose ``out_trade_no``, ``txamt`` or
``txcurrcd`` differs is UNKNOWN with ``foreign`` set, and the mismatch is said in ``detail``
for the journal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.errors import (
    BudgetExhaustedError,
    ConfigurationError,
    GatewayError,
    QFPayError,
    RequestValidationError,
    TooLateError,
    TransportError,
)
from pos_app.qfpay.status import CONFIGURATION_CODES, StatusClass, StatusCode

R_HELD_UP = QT_TRANSLATE_NOOP(
    "engine",
    "This till was held up before the request could leave (the computer was busy or "
    "paused), so it was not sent. Nothing was charged or refunded: try again.",
)


class Kind(Enum):
    """What one exchange proves; see the module docstring."""

    SUCCESS = "success"
    IN_PROGRESS = "in_progress"
    DECLINED = "declined"
    NOT_PROCESSED = "not_processed"
    CONFIG = "config"
    UNKNOWN = "unknown"

    @property
    def nothing_happened(self) -> bool:
        """Certain that the gateway did not act: the transaction may end at once."""
        return self in (Kind.NOT_PROCESSED, Kind.CONFIG)


class Expected(Protocol):
    """What the journal says the order is (a ``TxRecord`` fits)."""

    @property
    def out_trade_no(self) -> str: ...

    @property
    def txamt(self) -> int: ...

    @property
    def currency(self) -> str: ...


class AnswerLike(Protocol):
    """A well-formed answer (``PaymentResult``, ``RefundResult``, ``CancelResult``)."""

    @property
    def respcd(self) -> str: ...

    @property
    def status(self) -> StatusCode: ...


@dataclass(frozen=True, slots=True)
class Finding:
    """The classification of one exchange.

    ``message`` is the cashier's text (already marked for translation where it comes from the
    status table); ``detail`` is for the journal and the log.
    """

    kind: Kind
    respcd: str | None = None
    message: str = ""
    detail: str = ""
    http_status: int | None = None
    retry_after: float | None = None
    #: For a non-event: ``"input"`` (refused locally), ``"config"`` (the till's setup),
    #: ``"unreachable"`` (nothing left the machine), ``"busy"`` (HTTP 429, or no slot in
    #: the request budget before the deadline) or ``"held"`` (this till held the request up
    #: past its journaled bound).
    cause: str = ""
    #: The answer named another order, amount or currency: its ``respcd`` says nothing
    #: about this one (kept for the journal only).
    foreign: bool = False
    #: No answer because the cashier's cancel ended the wait (not a sign of a network fault).
    cancelled: bool = False


def _mismatch(answer: object, expected: Expected | None) -> str | None:
    """The first field of ``answer`` that contradicts the journal, as text; None if none.

    ``answer`` is a parsed answer (fields as attributes) or a refusal's raw record (a mapping).
    """
    if expected is None:
        return None
    wanted = {
        "out_trade_no": expected.out_trade_no,
        "txamt": str(expected.txamt),
        "txcurrcd": expected.currency,
    }
    for name, value in wanted.items():
        got = answer.get(name) if isinstance(answer, Mapping) else getattr(answer, name, None)
        raw = getattr(answer, "raw", None)
        if got is None and isinstance(raw, Mapping):
            # A parsed answer holds None for a value it could not read ("4.5", 12.0): the
            # raw text still names *some* amount, and it is not the journal's.
            got = raw.get(name)
        if got not in (None, "") and str(got).strip().upper() != value.upper():
            return f"{name} {got!r} is not the journal's {value!r}"
    return None


def _transport(exc: TransportError) -> Finding:
    if exc.http_status == 429:
        return Finding(
            Kind.NOT_PROCESSED,
            message=exc.message,
            detail="HTTP 429: the gateway refused to process",
            http_status=429,
            retry_after=exc.retry_after,
            cause="busy",
        )
    if isinstance(exc, BudgetExhaustedError):  # held back by our own rate limit
        return Finding(Kind.NOT_PROCESSED, message=exc.message, detail=str(exc), cause="busy")
    if isinstance(exc, TooLateError):  # this till held it up past its journaled bound
        return Finding(Kind.NOT_PROCESSED, message=R_HELD_UP, detail=str(exc), cause="held")
    if not exc.request_sent:
        return Finding(
            Kind.NOT_PROCESSED, message=exc.message, detail=str(exc), cause="unreachable"
        )
    return Finding(
        Kind.UNKNOWN,
        message=exc.message,
        detail=str(exc),
        http_status=exc.http_status,
        cancelled=exc.cancelled,
    )


def _foreign(respcd: str | None, message: str, wrong: str) -> Finding:
    """An answer that names another order, amount or currency: proof of nothing."""
    return Finding(
        Kind.UNKNOWN, respcd, message, f"answer for another order: {wrong}", foreign=True
    )


def classify(outcome: QFPayError | AnswerLike, expected: Expected | None = None) -> Finding:
    """The one place that decides what an exchange proves (see the module docstring).

    ``outcome`` is the exception a client call raised, or the answer it returned; ``expected``
    is the journal row the request was for (its order number, amount and currency).
    """
    if isinstance(outcome, QFPayError):
        exc = outcome
        if isinstance(exc, TransportError):
            return _transport(exc)
        if isinstance(exc, ConfigurationError):
            return Finding(Kind.CONFIG, exc.respcd, exc.message, str(exc), cause="config")
        if isinstance(exc, RequestValidationError):
            return Finding(Kind.NOT_PROCESSED, exc.respcd, exc.message, str(exc), cause="input")
        if isinstance(exc, GatewayError):
            code = exc.status.code
            wrong = _mismatch(exc.record, expected)
            if wrong is not None:
                return _foreign(code, exc.status.cashier_message, wrong)
            if code in CONFIGURATION_CODES:
                return Finding(
                    Kind.CONFIG, code, exc.status.cashier_message, str(exc), cause="config"
                )
            if exc.status.status_class is StatusClass.DECLINED:
                return Finding(Kind.DECLINED, code, exc.status.cashier_message, str(exc))
            return Finding(Kind.UNKNOWN, code, exc.status.cashier_message, str(exc))
        # OutcomeUnknownError (timeouts after sending, bad JSON, bad signature) and any
        # future subclass: the request may have taken effect.
        return Finding(Kind.UNKNOWN, exc.respcd, exc.message, f"{type(exc).__name__}: {exc}")
    answer = outcome
    status = answer.status
    wrong = _mismatch(answer, expected)
    if wrong is not None:
        return _foreign(answer.respcd, status.cashier_message, wrong)
    if status.status_class is StatusClass.SUCCESS:
        return Finding(Kind.SUCCESS, answer.respcd, status.cashier_message, status.meaning)
    if status.status_class is StatusClass.IN_PROGRESS:
        return Finding(Kind.IN_PROGRESS, answer.respcd, status.cashier_message, status.meaning)
    if status.code in CONFIGURATION_CODES:
        return Finding(
            Kind.CONFIG, answer.respcd, status.cashier_message, status.meaning, cause="config"
        )
    if status.status_class is StatusClass.DECLINED:
        return Finding(Kind.DECLINED, answer.respcd, status.cashier_message, status.meaning)
    return Finding(Kind.UNKNOWN, answer.respcd, status.cashier_message, status.meaning)


__all__ = ["Expected", "Finding", "Kind", "classify"]
