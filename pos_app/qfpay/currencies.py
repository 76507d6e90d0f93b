"""Currencies QFPay accepts, and exact conversion between amounts and ``txamt``.

``txamt`` is an integer count of the currency's minor unit ("cents").  The reference (001)
lists eleven currencies; the summary (002) adds CAD and AUD, giving thirteen.  Minor units
follow ISO 4217.  QFPay never spells out how it treats currencies whose minor unit is unused
in practice: ISO gives IDR and MMK two decimals, and so do we, while JPY has none (one yen is
``txamt=1``).  If QFPay turns out to count IDR or MMK in whole units, change the one table
below; nothing else encodes the decimals.

Floats are refused everywhere: ``0.1 + 0.2`` is not money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.errors import RequestValidationError

#: The gateway's documented field is Int(11): at most eleven digits.
TXAMT_MIN = 1
TXAMT_MAX = 99_999_999_999


@dataclass(frozen=True, slots=True)
class Currency:
    """An ISO 4217 currency with the number of decimals ``txamt`` counts in."""

    code: str
    name: str
    minor_units: int

    @property
    def factor(self) -> int:
        """How many ``txamt`` units make one whole unit of the currency."""
        return 10**self.minor_units


_TABLE: tuple[Currency, ...] = (
    Currency("AED", QT_TRANSLATE_NOOP("currencies", "UAE Dirham"), 2),
    Currency("AUD", QT_TRANSLATE_NOOP("currencies", "Australian Dollar"), 2),  # 002 only
    Currency("CAD", QT_TRANSLATE_NOOP("currencies", "Canadian Dollar"), 2),  # 002 only
    Currency("CNY", QT_TRANSLATE_NOOP("currencies", "Chinese Yuan"), 2),
    Currency("EUR", QT_TRANSLATE_NOOP("currencies", "Euro"), 2),
    Currency("HKD", QT_TRANSLATE_NOOP("currencies", "Hong Kong Dollar"), 2),
    # ISO 4217 says 2 for IDR and MMK although their cents are not used in practice.
    Currency("IDR", QT_TRANSLATE_NOOP("currencies", "Indonesian Rupiah"), 2),
    Currency("JPY", QT_TRANSLATE_NOOP("currencies", "Japanese Yen"), 0),
    Currency("MMK", QT_TRANSLATE_NOOP("currencies", "Myanmar Kyat"), 2),
    Currency("MYR", QT_TRANSLATE_NOOP("currencies", "Malaysian Ringgit"), 2),
    Currency("SGD", QT_TRANSLATE_NOOP("currencies", "Singapore Dollar"), 2),
    Currency("THB", QT_TRANSLATE_NOOP("currencies", "Thai Baht"), 2),
    Currency("USD", QT_TRANSLATE_NOOP("currencies", "US Dollar"), 2),
)

CURRENCIES: dict[str, Currency] = {currency.code: currency for currency in _TABLE}


def get_currency(code: str | Currency) -> Currency:
    """Look a currency up by its ISO code (case-insensitive); unknown codes are refused."""
    if isinstance(code, Currency):
        return code
    if not isinstance(code, str):
        raise RequestValidationError(f"currency must be an ISO code, not {type(code).__name__}")
    found = CURRENCIES.get(code.strip().upper())
    if found is None:
        raise RequestValidationError(f"{code!r} is not a currency QFPay accepts")
    return found


def check_txamt(txamt: object) -> int:
    """Make sure a ``txamt`` is an int inside the gateway's range; return it."""
    if isinstance(txamt, bool) or not isinstance(txamt, int):
        raise RequestValidationError(
            f"txamt must be an integer count of minor units, not {type(txamt).__name__}"
        )
    if txamt < TXAMT_MIN:
        raise RequestValidationError(f"amount must be more than zero (txamt {txamt})")
    if txamt > TXAMT_MAX:
        raise RequestValidationError(f"amount is too large (txamt {txamt} > {TXAMT_MAX})")
    return txamt


_PLAIN_AMOUNT = re.compile(r"\d+(\.\d+)?|\.\d+")


def to_txamt(amount: str | Decimal, currency: str | Currency) -> int:
    """Convert an amount in whole units (``"12.34"``) to ``txamt`` (``1234``), exactly.

    Only strings and Decimals are accepted: floats cannot hold most prices exactly, and a
    bare int is ambiguous between whole units and cents.
    """
    cur = get_currency(currency)
    if isinstance(amount, bool) or not isinstance(amount, str | Decimal):
        raise RequestValidationError(
            f"amount must be a string or Decimal, not {type(amount).__name__}"
        )
    text = amount.strip() if isinstance(amount, str) else str(amount)
    if isinstance(amount, str) and not _PLAIN_AMOUNT.fullmatch(text):
        # Decimal() also reads "1e3", "  +5", "1_000" and "NaN"; a cashier or script that
        # typed one of those meant something else, so only plain decimals are money.
        raise RequestValidationError(f"{text!r} is not an amount (use digits like 12.34)")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise RequestValidationError(f"{text!r} is not an amount") from None
    if not value.is_finite():
        raise RequestValidationError(f"{text!r} is not an amount")
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # finite values have an int exponent
    if value != 0 and -exponent > cur.minor_units:
        raise RequestValidationError(
            f"{text} has too many decimals for {cur.code} ({cur.minor_units})"
        )
    if value <= 0:
        raise RequestValidationError(f"{text} is not more than zero")
    return check_txamt(int(value * cur.factor))


def from_txamt(txamt: int, currency: str | Currency) -> Decimal:
    """Convert ``txamt`` back to whole units with the currency's decimals (``1234`` -> 12.34)."""
    cur = get_currency(currency)
    if isinstance(txamt, bool) or not isinstance(txamt, int):
        raise RequestValidationError(f"txamt must be an int, not {type(txamt).__name__}")
    return Decimal(txamt).scaleb(-cur.minor_units).quantize(Decimal(1).scaleb(-cur.minor_units))


def format_amount(txamt: int, currency: str | Currency) -> str:
    """Text for receipts and screens, e.g. ``"HKD 12.34"`` or ``"JPY 500"``."""
    cur = get_currency(currency)
    return f"{cur.code} {from_txamt(txamt, cur):f}"
