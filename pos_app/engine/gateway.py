"""The slice of ``QFPayClient`` the engine uses, as a Protocol.

Naming the calls in one place keeps the engine honest about which requests it can send and
lets the type checker catch a drift from the client's signatures.  ``cancel`` ends the wait
for an answer (the cashier pressed cancel): the outcome is then unknown, never assumed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from pos_app.qfpay.models import CancelResult, PaymentResult, RefundResult, TradeRecord
from pos_app.qfpay.paytypes import PayType
from pos_app.qfpay.transport import Interrupt


class GatewayClient(Protocol):
    """What the engine needs from ``pos_app.qfpay.client.QFPayClient``."""

    #: Seconds one call may take in all: how long a request can still be on its way to, or
    #: being processed by, the gateway after it left (journaled with each row it opens).
    deadline: float

    def pay(
        self,
        *,
        txamt: int,
        txcurrcd: str,
        pay_type: str,
        out_trade_no: str,
        auth_code: str | None = None,
        expired_time: int | None = None,
        goods_name: str | None = None,
        cancel: Interrupt | None = None,
        not_after: float | None = None,
    ) -> PaymentResult:
        """POST /trade/v1/payment; it must not leave after ``not_after`` (a
        ``time.monotonic()`` instant)."""
        ...

    def query(
        self,
        *,
        out_trade_no: str | None = None,
        syssn: str | None = None,
        start_time: datetime | None = None,
        end_time: datetime | None = None,
        cancel: Interrupt | None = None,
    ) -> list[TradeRecord]:
        """POST /trade/v1/query (with the order's own time window, for cross-month orders)."""
        ...

    def cancel(
        self,
        pay_type: str | PayType,
        *,
        txamt: int,
        out_trade_no: str | None = None,
        syssn: str | None = None,
    ) -> CancelResult:
        """Reversal or close, whichever the pay type table says."""
        ...

    def refund(
        self,
        *,
        syssn: str,
        out_trade_no: str,
        txamt: int,
        cancel: Interrupt | None = None,
        not_after: float | None = None,
    ) -> RefundResult:
        """POST /trade/v1/refund; it must not leave after ``not_after`` (a
        ``time.monotonic()`` instant)."""
        ...
