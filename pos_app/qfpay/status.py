# ruff: noqa: E501 - the table reads best one code per entry
"""QFPay return codes (``respcd``) as data: what each means and what the cashier should do.

The table covers the reference's "Transaction Status Codes" (001); the summary (002) lists
the same codes and adds none.  Each code gets a class that drives the engine:

* ``SUCCESS``: done.
* ``IN_PROGRESS``: the outcome is not known yet; query again, never resend.  Besides the
  documented 1143/1145 this deliberately includes 1295/1296/1298 ("connection slow, waiting
  for a network response"): the wallet may still complete, and 1298 says outright that the
  customer must not pay twice, so a till must poll rather than ask for a new payment.
* ``DECLINED``: the customer's wallet or bank refused (or, for a refund, the gateway refused
  it outright: 1155, 1265, 1269, 1272); a definite "no", nothing moved.
* ``MERCHANT_ERROR``: our request or the merchant's setup is wrong; fix it, then retry.
* ``SYSTEM_ERROR``: the gateway or a bank had trouble; retry later.

Codes we do not know are treated as ``SYSTEM_ERROR`` with a message that sends the cashier
to check the transaction first: guessing "declined" could make the customer pay twice.

The ``meaning`` is the reference's sense, in our words, for logs and support; the
``cashier_message`` is a short instruction, marked for translation.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from pos_app.i18n import QT_TRANSLATE_NOOP


class StatusClass(enum.Enum):
    """What a till should do next, given an answer."""

    SUCCESS = "success"
    IN_PROGRESS = "in_progress"
    DECLINED = "declined"
    MERCHANT_ERROR = "merchant_error"
    SYSTEM_ERROR = "system_error"


@dataclass(frozen=True, slots=True)
class StatusCode:
    """One return code with its meaning, the cashier's instruction and its class."""

    code: str
    meaning: str
    cashier_message: str
    status_class: StatusClass

    @property
    def is_final(self) -> bool:
        """An in-progress answer is the only one that needs another query."""
        return self.status_class is not StatusClass.IN_PROGRESS


_S = StatusClass.SUCCESS
_P = StatusClass.IN_PROGRESS
_D = StatusClass.DECLINED
_M = StatusClass.MERCHANT_ERROR
_X = StatusClass.SYSTEM_ERROR


# (code, meaning, class, cashier message).  Messages go through QT_TRANSLATE_NOOP("status", ...)
# literally so that lupdate can find them.
# fmt: off
_TABLE: tuple[tuple[str, str, StatusClass, str], ...] = (
    ("0000", "transaction successful", _S,
     QT_TRANSLATE_NOOP("status", "Payment successful.")),
    ("1100", "system under maintenance", _X,
     QT_TRANSLATE_NOOP("status", "The payment system is under maintenance. Try again later.")),
    ("1101", "reversal error", _X,
     QT_TRANSLATE_NOOP("status", "The cancellation failed. Check the transaction, then try again.")),
    ("1102", "duplicate request", _M,
     QT_TRANSLATE_NOOP("status", "This order was already sent. Check its result before trying again.")),
    ("1103", "request format error", _M,
     QT_TRANSLATE_NOOP("status", "The till sent a malformed request. Call support.")),
    ("1104", "request parameter error", _M,
     QT_TRANSLATE_NOOP("status", "The till sent a wrong value. Call support.")),
    ("1105", "device not activated", _M,
     QT_TRANSLATE_NOOP("status", "This till is not activated for payments. Call support.")),
    ("1106", "invalid device", _M,
     QT_TRANSLATE_NOOP("status", "This till is not recognised by the payment system. Call support.")),
    ("1107", "device not allowed", _M,
     QT_TRANSLATE_NOOP("status", "This till is not allowed to take payments. Call support.")),
    ("1108", "signature error", _M,
     QT_TRANSLATE_NOOP("status", "The payment key is wrong. A manager must check the settings.")),
    ("1125", "transaction already refunded", _D,
     QT_TRANSLATE_NOOP("status", "This transaction has already been refunded. Check its refunds before trying again.")),
    ("1136", "transaction does not exist or cannot be operated on", _M,
     QT_TRANSLATE_NOOP("status", "The transaction was not found. Check the receipt number.")),
    ("1142", "order already closed", _D,
     QT_TRANSLATE_NOOP("status", "This order is already closed. Start a new sale.")),
    ("1143", "not paid yet, customer entering password", _P,
     QT_TRANSLATE_NOOP("status", "Waiting for the customer to confirm on their phone.")),
    ("1145", "processing", _P,
     QT_TRANSLATE_NOOP("status", "Processing, please wait.")),
    ("1147", "WeChat Pay transaction error", _D,
     QT_TRANSLATE_NOOP("status", "WeChat Pay refused the payment. Ask for another payment method.")),
    ("1150", "T0 billing does not allow cancelling", _M,
     QT_TRANSLATE_NOOP("status", "This account cannot cancel transactions. Refund it instead.")),
    ("1155", "refund denied", _D,
     QT_TRANSLATE_NOOP("status", "The refund was refused. Check the sale in the merchant portal or call support.")),
    ("1181", "order expired", _D,
     QT_TRANSLATE_NOOP("status", "The order expired. Start the payment again.")),
    ("1201", "insufficient balance", _D,
     QT_TRANSLATE_NOOP("status", "Not enough balance. Ask for another payment method.")),
    ("1202", "incorrect or expired payment code", _D,
     QT_TRANSLATE_NOOP("status", "The payment code is wrong or expired. Ask the customer to refresh it and scan again.")),
    ("1203", "merchant account error", _M,
     QT_TRANSLATE_NOOP("status", "The merchant account is not set up for this wallet. Call support.")),
    ("1204", "bank error", _D,
     QT_TRANSLATE_NOOP("status", "The customer's bank refused. Ask for another payment method.")),
    ("1205", "transaction failed", _X,
     QT_TRANSLATE_NOOP("status", "The payment failed. Try again later or use another payment method.")),
    ("1212", "UnionPay overseas payment code required", _D,
     QT_TRANSLATE_NOOP("status", "Ask the customer to show their UnionPay overseas payment code.")),
    ("1241", "store does not exist or has a wrong status", _M,
     QT_TRANSLATE_NOOP("status", "The store is not set up for payments. Do not take payments; call support.")),
    ("1242", "store not configured", _M,
     QT_TRANSLATE_NOOP("status", "The store is not configured for payments. Call support.")),
    ("1243", "store disabled", _M,
     QT_TRANSLATE_NOOP("status", "The store has been disabled. Do not take payments; contact the owner.")),
    ("1250", "transaction forbidden", _M,
     QT_TRANSLATE_NOOP("status", "This transaction is not allowed. Contact QFPay support.")),
    ("1251", "store configuration being fixed", _M,
     QT_TRANSLATE_NOOP("status", "The store configuration has a problem being fixed. Try again later.")),
    ("1252", "system error creating the order", _X,
     QT_TRANSLATE_NOOP("status", "The payment system had an error. Try again later.")),
    ("1254", "problem being resolved", _X,
     QT_TRANSLATE_NOOP("status", "The payment system has a problem. Try again later.")),
    ("1260", "order already paid", _M,
     QT_TRANSLATE_NOOP("status", "This order is already paid. Check it before doing anything else.")),
    ("1261", "order not paid", _M,
     QT_TRANSLATE_NOOP("status", "This order is not paid. Check it before doing anything else.")),
    ("1262", "order already refunded", _M,
     QT_TRANSLATE_NOOP("status", "This order was refunded. Check it before doing anything else.")),
    ("1263", "order already cancelled", _M,
     QT_TRANSLATE_NOOP("status", "This order was cancelled. Check it before doing anything else.")),
    ("1264", "order already closed", _M,
     QT_TRANSLATE_NOOP("status", "This order was closed. Check it before doing anything else.")),
    ("1265", "refund not possible at this time or for this promotion", _D,
     QT_TRANSLATE_NOOP("status", "This transaction cannot be refunded now: no refunds between 23:30 and 00:30, nor for promotions. Try again after 00:30.")),
    ("1266", "wrong transaction amount", _M,
     QT_TRANSLATE_NOOP("status", "The amount does not match the order. Check the order.")),
    ("1267", "order information does not match", _M,
     QT_TRANSLATE_NOOP("status", "The order details do not match. Check the order.")),
    ("1268", "order does not exist", _M,
     QT_TRANSLATE_NOOP("status", "The order was not found. Check the receipt number.")),
    ("1269", "not enough unsettled takings today to refund", _D,
     QT_TRANSLATE_NOOP("status", "Not enough unsettled takings today to pay this refund. Try again after more sales, or call support.")),
    ("1270", "currency does not allow partial refunds", _D,
     QT_TRANSLATE_NOOP("status", "This currency allows only full refunds. Refund the whole amount instead.")),
    ("1271", "transaction does not allow partial refunds", _D,
     QT_TRANSLATE_NOOP("status", "This transaction allows only a full refund. Refund the whole amount instead.")),
    ("1272", "refund exceeds what is left to refund", _D,
     QT_TRANSLATE_NOOP("status", "The refund is more than what is left of the payment. Enter a smaller amount.")),
    ("1294", "prohibited by the bank as possibly non-compliant", _D,
     QT_TRANSLATE_NOOP("status", "The bank blocked this payment. Ask for another payment method.")),
    ("1295", "connection slow, waiting for network", _P,
     QT_TRANSLATE_NOOP("status", "The connection is slow. Waiting for the result; do not pay again.")),
    ("1296", "connection slow, waiting for network", _P,
     QT_TRANSLATE_NOOP("status", "The connection is slow. Waiting for the result; do not pay again.")),
    ("1297", "banking system busy", _X,
     QT_TRANSLATE_NOOP("status", "The bank is busy. Try again later or use another payment method.")),
    ("1298", "connection slow; if already paid do not repeat", _P,
     QT_TRANSLATE_NOOP("status", "The connection is slow. If the customer has paid, do not pay again; waiting for the result.")),
    ("2005", "customer payment code incorrect or expired", _D,
     QT_TRANSLATE_NOOP("status", "The payment code is wrong or expired. Ask the customer to refresh it and scan again.")),
    ("2011", "transaction serial number repeated", _M,
     QT_TRANSLATE_NOOP("status", "This order number was already used. Check the order before trying again.")),
)
# fmt: on

STATUS_CODES: dict[str, StatusCode] = {
    code: StatusCode(code, meaning, message, status_class)
    for code, meaning, status_class, message in _TABLE
}

SUCCESS_CODE = "0000"
IN_PROGRESS_CODES: frozenset[str] = frozenset(
    code for code, status in STATUS_CODES.items() if status.status_class is _P
)

#: Refusals caused by the till's own setup (parameters such as a wrong mchid, the app code,
#: the device, the signing key): the gateway processed nothing, and repeating the request
#: would be refused the same way until a person fixes the configuration.
CONFIGURATION_CODES: frozenset[str] = frozenset({"1104", "1105", "1106", "1107", "1108"})

UNKNOWN_MESSAGE = QT_TRANSLATE_NOOP(
    "status", "Unknown answer: check the transaction before trying again."
)


def normalize_respcd(respcd: object) -> str:
    """Render a respcd the way the table spells it.

    Answers carry strings, but examples show bare numbers (even the invalid ``0000``), which
    a JSON parser turns into ``0``; zero-padding to four digits restores the code.
    """
    if isinstance(respcd, bool) or respcd is None:
        raise ValueError(f"not a return code: {respcd!r}")
    if isinstance(respcd, int):
        if respcd < 0:
            raise ValueError(f"not a return code: {respcd!r}")
        return f"{respcd:04d}"
    if isinstance(respcd, str) and respcd.strip():
        return respcd.strip()
    raise ValueError(f"not a return code: {respcd!r}")


def lookup_status(respcd: object) -> StatusCode:
    """The table entry for a code, or a cautious SYSTEM_ERROR entry for anything unknown."""
    try:
        code = normalize_respcd(respcd)
    except ValueError:
        code = str(respcd)
    known = STATUS_CODES.get(code)
    if known is not None:
        return known
    return StatusCode(code, "unknown return code", UNKNOWN_MESSAGE, StatusClass.SYSTEM_ERROR)
