"""How journal rows read to people: states, amounts and wallets, tolerant of old rows.

Shared by the history, the refund dialog, recovery, receipts and the sale outcome, so a state,
an amount or a wallet is worded the same everywhere.  Light to import (no dialogs).
"""

from __future__ import annotations

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.currencies import format_amount
from pos_app.ui.i18n import tr_core

#: Journal states in the cashier's words (marked here so lupdate finds them).
STATE_WORDS: dict[str, str] = {
    "CREATED": QT_TRANSLATE_NOOP("states", "Created"),
    "SENT": QT_TRANSLATE_NOOP("states", "Sent"),
    "IN_PROGRESS": QT_TRANSLATE_NOOP("states", "In progress"),
    "UNKNOWN": QT_TRANSLATE_NOOP("states", "Being checked"),
    "CANCELLING": QT_TRANSLATE_NOOP("states", "Cancelling"),
    "PAID": QT_TRANSLATE_NOOP("states", "Paid"),
    "DECLINED": QT_TRANSLATE_NOOP("states", "Declined"),
    "REVERSED": QT_TRANSLATE_NOOP("states", "Reversed"),
    "CLOSED": QT_TRANSLATE_NOOP("states", "Closed"),
    "REFUNDED": QT_TRANSLATE_NOOP("states", "Refunded"),
    "NEEDS_ATTENTION": QT_TRANSLATE_NOOP("states", "Needs attention"),
}


def state_text(state: str) -> str:
    """Journal states as the cashier reads them (translatable, context ``states``)."""
    return tr_core("states", STATE_WORDS.get(state, state))


def safe_amount(txamt: int, currency: str) -> str:
    """Format, tolerating a currency the wire no longer knows (old journal rows)."""
    try:
        return format_amount(txamt, currency)
    except Exception:
        return f"{currency} {txamt}"


#: Wallets whose name customers read in their own language (the others are brand names
#: every language writes the same); the wallet table's English name is the source text.
WALLET_WORDS = (
    QT_TRANSLATE_NOOP("wallets", "QR wallet"),
    QT_TRANSLATE_NOOP("wallets", "Alipay"),
    QT_TRANSLATE_NOOP("wallets", "Alipay HK"),
    QT_TRANSLATE_NOOP("wallets", "WeChat Pay"),
    QT_TRANSLATE_NOOP("wallets", "WeChat Pay HK"),
    QT_TRANSLATE_NOOP("wallets", "UnionPay"),
    QT_TRANSLATE_NOOP("wallets", "UnionPay card"),
    QT_TRANSLATE_NOOP("wallets", "FPS"),
    QT_TRANSLATE_NOOP("wallets", "Octopus"),
    QT_TRANSLATE_NOOP("wallets", "eWallet"),
    QT_TRANSLATE_NOOP("wallets", "Visa / Mastercard"),
)


def wallet_name(pay_type: str) -> str:
    """The wallet behind a pay type code, for people (the code itself for unknown ones)."""
    from pos_app.qfpay.paytypes import get_pay_type  # noqa: PLC0415

    try:
        return tr_core("wallets", get_pay_type(pay_type).wallet)
    except Exception:  # display only: an unknown code is shown as it is
        return pay_type


def grouped_amount(txamt: int, currency: str) -> str:
    """``HKD 12,345.00``: with thousands separators, for amounts a person must check."""
    text = safe_amount(txamt, currency)
    code, _, number = text.partition(" ")
    whole, dot, frac = number.partition(".")
    if not whole.lstrip("-").isdigit():
        return text
    return f"{code} {int(whole):,}{dot}{frac}"
