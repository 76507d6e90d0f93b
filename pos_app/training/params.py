"""Checking request parameters the way the gateway does, with the documented return codes.

Each check raises :class:`Refusal` carrying the ``respcd`` QFPay documents for that mistake,
so the till meets the same answers in training as in production:

* a missing required field, a value outside its range, an unknown currency or pay type, or a
  breach of the mchid rule: ``1104`` (request parameter error);
* a value of the wrong shape (``txamt`` not an integer, ``txdtm`` not
  ``YYYY-MM-DD hh:mm:ss`` on a 24-hour clock, a repeated field): ``1103`` (format error);
* a bad or missing signature, or an unknown app code: ``1108``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

#: The currencies 001 lists (l. 320-332).  002 adds AUD and CAD; 001, the authority, does
#: not, so the gateway refuses them and a till offering them finds out in training.
CURRENCIES = frozenset(
    {"AED", "CNY", "EUR", "HKD", "IDR", "JPY", "MMK", "MYR", "SGD", "THB", "USD"}
)
#: ``txamt`` is Int(11) in minor units (001 l. 622): 1 up to eleven digits.
TXAMT_MIN = 1
TXAMT_MAX = 99_999_999_999

FORMAT_ERROR = "1103"
PARAMETER_ERROR = "1104"
SIGNATURE_ERROR = "1108"

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: Documented maximum lengths (in characters) of the fields the gateway checks.
MAX_LENGTHS: dict[str, int] = {
    "out_trade_no": 128,
    "auth_code": 128,
    "goods_name": 64,
    "udid": 40,
    "mchid": 16,
    "note": 200,
    "txzone": 5,
}


class Refusal(Exception):
    """The gateway refuses a request with ``respcd`` and an explanation (``resperr``)."""

    def __init__(self, respcd: str, resperr: str) -> None:
        super().__init__(f"{respcd}: {resperr}")
        self.respcd = respcd
        self.resperr = resperr


def required(params: Mapping[str, str], name: str) -> str:
    """A field that must be present and non-empty."""
    value = params.get(name, "")
    if value == "":
        raise Refusal(PARAMETER_ERROR, f"missing required parameter {name}")
    check_length(name, value)
    return value


def optional(params: Mapping[str, str], name: str) -> str:
    """A field that may be absent (returned as "")."""
    value = params.get(name, "")
    check_length(name, value)
    return value


def check_length(name: str, value: str) -> None:
    """Refuse a value longer than the documented field size."""
    limit = MAX_LENGTHS.get(name)
    if limit is not None and len(value) > limit:
        raise Refusal(PARAMETER_ERROR, f"{name} is longer than {limit} characters")


def txamt(params: Mapping[str, str], name: str = "txamt") -> int:
    """A positive integer count of minor units within the documented Int(11) range."""
    raw = required(params, name)
    if not (raw.isascii() and raw.isdigit()):
        raise Refusal(FORMAT_ERROR, f"{name} must be an integer number of minor units")
    value = int(raw)
    if not TXAMT_MIN <= value <= TXAMT_MAX:
        raise Refusal(PARAMETER_ERROR, f"{name} must be between {TXAMT_MIN} and {TXAMT_MAX}")
    return value


def parse_datetime(name: str, raw: str) -> datetime:
    """A 'YYYY-MM-DD hh:mm:ss' (24-hour) timestamp."""
    if not _DATETIME_RE.match(raw):
        raise Refusal(FORMAT_ERROR, f"{name} must look like YYYY-MM-DD hh:mm:ss")
    try:
        return datetime.strptime(raw, DATETIME_FORMAT)
    except ValueError as exc:
        raise Refusal(FORMAT_ERROR, f"{name} is not a valid date and time") from exc


def txdtm(params: Mapping[str, str]) -> str:
    """The required request time, checked but returned as sent."""
    raw = required(params, "txdtm")
    parse_datetime("txdtm", raw)
    return raw


def trade_date(params: Mapping[str, str]) -> str:
    """The statement date, 'YYYY-MM-DD'."""
    raw = required(params, "trade_date")
    if not _DATE_RE.match(raw):
        raise Refusal(FORMAT_ERROR, "trade_date must look like YYYY-MM-DD")
    try:
        datetime.strptime(raw, "%Y-%m-%d")
    except ValueError as exc:
        raise Refusal(FORMAT_ERROR, "trade_date is not a valid date") from exc
    return raw


def currency(params: Mapping[str, str]) -> str:
    """A currency QFPay accepts (upper-case ISO code, as sent)."""
    code = required(params, "txcurrcd")
    if code not in CURRENCIES:
        raise Refusal(PARAMETER_ERROR, f"unsupported currency {code}")
    return code


def positive_int(params: Mapping[str, str], name: str, default: int, maximum: int) -> int:
    """An optional small integer such as ``page`` or ``page_size``."""
    raw = params.get(name, "")
    if raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise Refusal(FORMAT_ERROR, f"{name} must be an integer")
    value = int(raw)
    if not 1 <= value <= maximum:
        raise Refusal(PARAMETER_ERROR, f"{name} must be between 1 and {maximum}")
    return value


def check_mchid(params: Mapping[str, str], configured: str | None, *, allowed: bool = True) -> None:
    """Enforce the documented mchid rule.

    A merchant given a mchid must send it; one not given a mchid must not send the field at
    all.  The statement download takes no mchid whatever the configuration (``allowed``).
    """
    sent = params.get("mchid", "")
    if not allowed:
        if sent:
            raise Refusal(PARAMETER_ERROR, "mchid cannot be passed to this endpoint")
        return
    if configured:
        if not sent:
            raise Refusal(PARAMETER_ERROR, "missing required parameter mchid")
        if sent != configured:
            raise Refusal(PARAMETER_ERROR, "mchid does not belong to this app code")
    elif sent:
        raise Refusal(PARAMETER_ERROR, "mchid must not be sent: none was issued to this app code")


def split_list(value: str) -> list[str]:
    """A comma-separated list parameter, blanks dropped."""
    return [item.strip() for item in value.split(",") if item.strip()]


#: 001 l. 609: goods_name "cannot exceed 20 alphanumeric or contain special characters".
GOODS_NAME_STRICT_MAX = 20


def check_goods_name_strict(params: Mapping[str, str]) -> None:
    """Hold ``goods_name`` to 001's rule (the ``strict_goods_name`` knob).

    001 allows String(64) for the field but says the name cannot exceed 20 alphanumeric
    characters or contain special characters, and that Chinese is sent as UTF-8.  Read
    here as: at most 20 characters, each a letter (any script) or a digit, with plain
    spaces allowed between words; any punctuation, symbol, emoji or control character is
    "special".  A breach is a parameter error (1104), as for any other bad field.
    """
    value = params.get("goods_name", "")
    if not value:
        return
    if len(value) > GOODS_NAME_STRICT_MAX:
        raise Refusal(
            PARAMETER_ERROR, f"goods_name is longer than {GOODS_NAME_STRICT_MAX} characters"
        )
    special = sorted({ch for ch in value if not (ch.isalnum() or ch == " ")})
    if special:
        raise Refusal(PARAMETER_ERROR, f"goods_name contains special characters: {special!r}")
