"""Every failure the wire can report, as one tree the engine can branch on.

The tree is shaped by the only question that matters at a till: *did money move?*

```
QFPayError(message, respcd=None, endpoint=None, request_id=None)
├── ConfigurationError        credentials missing/invalid, unknown environment or region
├── RequestValidationError    bad local input; nothing was sent
├── OutcomeUnknownError       the request may or may not have taken effect: query!
│   ├── TransportError        timeout, connection dropped, HTTP 5xx / 429 (after retries
│   │   │                      for safe calls; at once for payment/refund/reversal/close)
│   │   └── BudgetExhaustedError  no rate-limit slot before the deadline: never sent
│   └── ResponseError         answer not JSON, no respcd
│       └── SignatureError    response X-QF-SIGN does not verify
└── GatewayError              a well-formed answer whose respcd is not success/in-progress
    ├── DeclinedError         StatusClass.DECLINED: ask the customer for another payment
    ├── MerchantError         StatusClass.MERCHANT_ERROR: configuration, fix and retry
    └── GatewaySystemError    StatusClass.SYSTEM_ERROR: retry later
```

``RequestValidationError`` and ``ConfigurationError`` guarantee nothing left the machine, so a
caller may correct and resend.  Anything under ``OutcomeUnknownError`` means the opposite: the
gateway may have acted, so the only safe next step is a query.  A ``GatewayError`` is a
definite, signed-off answer.  Answers meaning success or "still in progress" are *returned*,
never raised, so a caller cannot mistake an exception handler for the happy path.

Every error carries the ``respcd`` (when there was one), the endpoint path and the request id
sent as ``X-Request-Id``, so a cashier's screenshot can be matched with the log.  Messages are
built by this package and never contain the client key or a full auth code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pos_app.qfpay.status import StatusClass, StatusCode, lookup_status


class QFPayError(Exception):
    """Root of the wire's errors; carries what support needs to find the request again."""

    def __init__(
        self,
        message: str,
        respcd: str | None = None,
        endpoint: str | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.respcd = respcd
        self.endpoint = endpoint
        self.request_id = request_id

    def __str__(self) -> str:
        extras = [
            f"{name}={value}"
            for name, value in (
                ("respcd", self.respcd),
                ("endpoint", self.endpoint),
                ("request_id", self.request_id),
            )
            if value
        ]
        return f"{self.message} ({', '.join(extras)})" if extras else self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, respcd={self.respcd!r}, "
            f"endpoint={self.endpoint!r}, request_id={self.request_id!r})"
        )


class ConfigurationError(QFPayError):
    """Setup is wrong (credentials, environment, region); nothing was sent."""


class RequestValidationError(QFPayError, ValueError):
    """Local input was refused before anything was sent; correcting it and retrying is safe."""


class OutcomeUnknownError(QFPayError):
    """The request may have taken effect: the caller must query before doing anything else."""


class TransportError(OutcomeUnknownError):
    """The exchange broke (timeout, dropped connection, HTTP 429/5xx).

    ``request_sent`` is False only when the connection itself could not be made, so the
    gateway cannot have seen the request; the engine may use that to word its message, but
    the rule stays the same: query before sending anything new.
    """

    def __init__(
        self,
        message: str,
        respcd: str | None = None,
        endpoint: str | None = None,
        request_id: str | None = None,
        *,
        http_status: int | None = None,
        retry_after: float | None = None,
        request_sent: bool = True,
        cancelled: bool = False,
    ) -> None:
        super().__init__(message, respcd, endpoint, request_id)
        self.http_status = http_status
        self.retry_after = retry_after
        self.request_sent = request_sent
        #: The caller's own cancel ended the wait: no sign of a network fault.
        self.cancelled = cancelled


class BudgetExhaustedError(TransportError):
    """The merchant's request budget (100/s, 400/min) had no slot before the call's deadline.

    Nothing was sent (``request_sent`` is False): the till held the request back itself.
    """

    def __init__(self, message: str, endpoint: str | None, request_id: str | None) -> None:
        super().__init__(message, None, endpoint, request_id, request_sent=False)


class TooLateError(TransportError):
    """The request was held up on this till (a frozen process, a stalled disk or output)
    past the instant its caller journaled as its last (``not_after``), and was not sent.

    Nothing left (``request_sent`` is False): sending it now would let it reach the gateway
    after the journal stopped expecting it.
    """

    def __init__(self, endpoint: str | None, request_id: str | None) -> None:
        super().__init__(
            "not sent: held up on this till past its time",
            None,
            endpoint,
            request_id,
            request_sent=False,
        )


class ResponseError(OutcomeUnknownError):
    """An answer arrived but cannot be trusted to say what happened (not JSON, no respcd)."""


class SignatureError(ResponseError):
    """The answer's signature does not verify: it may be forged or damaged, so it proves nothing."""


class GatewayError(QFPayError):
    """The gateway answered clearly that the operation did not succeed.

    ``record`` keeps the answer's own fields (``out_trade_no``, ``txamt``, ``txcurrcd`` ...):
    a refusal is evidence only for the order it names, and only the engine knows which
    order that should be.
    """

    def __init__(
        self,
        message: str,
        respcd: str | None = None,
        endpoint: str | None = None,
        request_id: str | None = None,
        *,
        status: StatusCode | None = None,
        record: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, respcd, endpoint, request_id)
        self.status: StatusCode = status if status is not None else lookup_status(respcd)
        self.record: Mapping[str, Any] = dict(record) if record is not None else {}


class DeclinedError(GatewayError):
    """The wallet or bank refused: ask the customer for another payment."""


class MerchantError(GatewayError):
    """The merchant's setup or request is wrong: fix it before retrying."""


class GatewaySystemError(GatewayError):
    """QFPay or a bank had a problem on its side: retry later."""


_CLASS_TO_ERROR: dict[StatusClass, type[GatewayError]] = {
    StatusClass.DECLINED: DeclinedError,
    StatusClass.MERCHANT_ERROR: MerchantError,
    StatusClass.SYSTEM_ERROR: GatewaySystemError,
}


def gateway_error_for(
    status: StatusCode,
    *,
    endpoint: str | None = None,
    request_id: str | None = None,
    detail: str | None = None,
    record: Mapping[str, Any] | None = None,
) -> GatewayError:
    """Build the right ``GatewayError`` subclass for a failing status.

    Used by the client and by anyone (the training gateway's tests, the engine) who holds a
    ``StatusCode`` and needs the exception the wire would raise for it.  Success and
    in-progress statuses are not failures; asking for one is a programming error.
    """
    error_type = _CLASS_TO_ERROR.get(status.status_class)
    if error_type is None:
        raise ValueError(f"status {status.code} ({status.status_class.name}) is not a failure")
    message = status.cashier_message if not detail else f"{status.cashier_message} [{detail}]"
    return error_type(message, status.code, endpoint, request_id, status=status, record=record)
