"""Local checks on request fields, applied before anything is signed or sent.

Each check raises ``RequestValidationError`` with a message a manager can act on, which
guarantees nothing left the till: correcting the input and sending again is safe.  The limits
are the reference's (001) field sizes; where the reference is vague (``txzone``'s format,
what "within one month" means), the rule chosen is stated next to the check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from pos_app.qfpay.authcode import validate_auth_code
from pos_app.qfpay.errors import RequestValidationError
from pos_app.qfpay.paytypes import PayType, PresentMode

TXDTM_FORMAT = "%Y-%m-%d %H:%M:%S"
EXPIRED_TIME_MIN = 5
EXPIRED_TIME_MAX = 120
PAGE_SIZE_MAX = 100
#: 001: "Cannot exceed 20 alphanumeric or contain special characters" (UTF-8 letters such
#: as Chinese are allowed, so "alphanumeric" is read as letters and digits of any script).
GOODS_NAME_MAX = 20

# Printable ASCII without space or comma: a comma would split the id in a multi-id query.
_ID_PATTERN = re.compile(r"[\x21-\x2b\x2d-\x7e]{1,128}")
# String(5) in the reference; the only sensible reading is a UTC offset such as +0800.
_TXZONE_PATTERN = re.compile(r"[+-]\d{4}")


def format_txdtm(moment: datetime) -> str:
    """``txdtm`` is local wall-clock time on a 24-hour clock; a 12-hour clock breaks signatures."""
    return moment.strftime(TXDTM_FORMAT)


def check_id(name: str, value: str) -> str:
    """An ``out_trade_no`` or ``syssn``: 1..128 printable characters, no spaces or commas."""
    if not isinstance(value, str) or not _ID_PATTERN.fullmatch(value):
        raise RequestValidationError(
            f"{name} must be 1 to 128 printable characters without spaces or commas"
        )
    return value


def check_text(name: str, value: str | None, limit: int) -> str | None:
    """Free text (goods name, note, device id): one line, at most ``limit`` characters."""
    if value is None:
        return None
    text = str(value).strip()
    if len(text) > limit:
        raise RequestValidationError(f"{name} is longer than {limit} characters")
    if any(ch in text for ch in "\r\n\t\x00"):
        raise RequestValidationError(f"{name} must be one line of text")
    return text or None


def check_goods_name(value: str | None) -> str | None:
    """``goods_name``: at most 20 letters, digits and spaces; refused otherwise, never cut.

    Characters such as ``&``, ``=`` or ``%`` would change what the gateway signs and shows,
    so they are refused before anything is journaled rather than silently dropped.
    """
    if value is None:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    if len(text) > GOODS_NAME_MAX:
        raise RequestValidationError(f"goods_name is longer than {GOODS_NAME_MAX} characters")
    if not all(ch.isalnum() or ch == " " for ch in text):
        raise RequestValidationError("goods_name may hold only letters, digits and spaces")
    return text


def check_auth_code_for(pay_type: PayType, auth_code: str | None) -> str | None:
    """The pay-type / auth-code rule, checked in this one place for every caller.

    A code payment (CPM) needs the customer's code, and it must look like one; a QR payment
    (MPM) takes none; other pay types are not for a counter till.  Returns the cleaned code.
    """
    if pay_type.mode is PresentMode.CPM:
        if auth_code is None or not str(auth_code).strip():
            raise RequestValidationError(f"pay type {pay_type.code} needs the customer's code")
        return validate_auth_code(str(auth_code))
    if pay_type.mode is PresentMode.MPM:
        if auth_code is not None:
            raise RequestValidationError(
                f"pay type {pay_type.code} shows a QR code to the customer; it takes no code"
            )
        return None
    raise RequestValidationError(f"pay type {pay_type.code} is not a counter payment")


def join_ids(name: str, values: str | Sequence[str] | None) -> str | None:
    """Several ids for one query, comma-joined as the reference asks."""
    if values is None:
        return None
    items = [values] if isinstance(values, str) else list(values)
    return ",".join(check_id(name, item) for item in items) or None


def check_txzone(txzone: str | None) -> str | None:
    """A UTC offset like ``+0800`` (the gateway assumes Beijing time when absent)."""
    if txzone is not None and not _TXZONE_PATTERN.fullmatch(txzone):
        raise RequestValidationError("txzone must look like +0800")
    return txzone


def check_expired_time(pay_type: PayType, minutes: int | None) -> int | None:
    """QR expiry in whole minutes, 5..120, and only for the pay types that honour it."""
    if minutes is None:
        return None
    if not pay_type.supports_expired_time:
        raise RequestValidationError(f"pay type {pay_type.code} does not support expired_time")
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise RequestValidationError("expired_time must be whole minutes")
    if not EXPIRED_TIME_MIN <= minutes <= EXPIRED_TIME_MAX:
        raise RequestValidationError(
            f"expired_time must be between {EXPIRED_TIME_MIN} and {EXPIRED_TIME_MAX} minutes"
        )
    return minutes


def as_datetime(name: str, value: datetime | str | None) -> datetime | None:
    """Accept a datetime or the wire's text form, refusing anything else."""
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.strptime(value, TXDTM_FORMAT)
    except (TypeError, ValueError):
        raise RequestValidationError(f"{name} must look like 2026-11-21 13:05:00") from None


def check_query_window(start: datetime | None, end: datetime | None) -> None:
    """The reference: "the interval must be within one calendar month" (001, enquiry).

    Read strictly, as the training gateway does: both ends in the same calendar month, so a
    window never crosses a month boundary (Jan 25 to Feb 5 is two windows).  The looser
    reading ("at most a month long") would be refused by a gateway that reads it strictly,
    and a till asking about a month-end sale could then never learn its outcome.
    """
    if start is None or end is None:
        return
    if end < start:
        raise RequestValidationError("end_time is before start_time")
    if (start.year, start.month) != (end.year, end.month):
        raise RequestValidationError("the query period must be within one calendar month")


def check_page(name: str, number: int | None, upper: int | None = None) -> int | None:
    """Paging numbers start at 1; ``page_size`` stops at the reference's 100."""
    if number is None:
        return None
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise RequestValidationError(f"{name} must be a whole number from 1")
    if upper is not None and number > upper:
        raise RequestValidationError(f"{name} must be at most {upper}")
    return number


def check_trade_date(trade_date: date | str) -> str:
    """A statement day as ``YYYY-MM-DD``."""
    if isinstance(trade_date, datetime):
        trade_date = trade_date.date()
    if isinstance(trade_date, date):
        return trade_date.isoformat()
    try:
        return date.fromisoformat(str(trade_date)).isoformat()
    except ValueError:
        raise RequestValidationError("trade_date must look like 2026-11-21") from None
