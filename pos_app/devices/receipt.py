"""What a payment or refund receipt says, laid out as plain text for any paper width.

The receipt is built from plain data (no engine or journal types) so the UI, the CLI and
the tests can all print one, and the same lines go to an ESC/POS printer, a text file or the
screen.  Two rules the layout enforces rather than trusts its callers with:

* the customer's payment code is a bearer credential until it expires, so whatever is passed
  in, only its masked form (last four digits) is stored and printed;
* a training receipt must never be mistaken for proof of payment, so its banner is printed
  at the top and the bottom, where a torn-off half still shows it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from pos_app.devices.layout import (
    WIDTH_80MM,
    Translate,
    center,
    check_width,
    no_translation,
    pair,
    rule,
)
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.authcode import mask_auth_code
from pos_app.qfpay.currencies import format_amount

CTX = "receipt"

TRAINING_BANNER = QT_TRANSLATE_NOOP("receipt", "TRAINING — NOT A REAL PAYMENT")


class ReceiptKind(enum.Enum):
    PAYMENT = "payment"
    REFUND = "refund"


class ReceiptCopy(enum.Enum):
    """Which copy this is, when the till prints one for the customer and one for the shop."""

    CUSTOMER = "customer"
    MERCHANT = "merchant"


_KIND_TITLES: dict[ReceiptKind, str] = {
    ReceiptKind.PAYMENT: QT_TRANSLATE_NOOP("receipt", "PAYMENT"),
    ReceiptKind.REFUND: QT_TRANSLATE_NOOP("receipt", "REFUND"),
}

#: The reprint mark, in English and Chinese together (not translated: both are meant).
REPRINT_MARK = "*** COPY / 副本 ***"

_COPY_LABELS: dict[ReceiptCopy, str] = {
    ReceiptCopy.CUSTOMER: QT_TRANSLATE_NOOP("receipt", "Customer copy"),
    ReceiptCopy.MERCHANT: QT_TRANSLATE_NOOP("receipt", "Merchant copy"),
}

#: Journal states (``TxState`` values) in the words a customer understands.
STATUS_LABELS: dict[str, str] = {
    "PAID": QT_TRANSLATE_NOOP("receipt", "Paid"),
    "REFUNDED": QT_TRANSLATE_NOOP("receipt", "Refunded"),
    "DECLINED": QT_TRANSLATE_NOOP("receipt", "Declined"),
    "REVERSED": QT_TRANSLATE_NOOP("receipt", "Cancelled"),
    "CLOSED": QT_TRANSLATE_NOOP("receipt", "Cancelled"),
    "IN_PROGRESS": QT_TRANSLATE_NOOP("receipt", "Pending"),
    "UNKNOWN": QT_TRANSLATE_NOOP("receipt", "Being checked"),
    "NEEDS_ATTENTION": QT_TRANSLATE_NOOP("receipt", "Needs attention"),
}

_LABELS = {
    "till": QT_TRANSLATE_NOOP("receipt", "Till"),
    "cashier": QT_TRANSLATE_NOOP("receipt", "Cashier"),
    "date": QT_TRANSLATE_NOOP("receipt", "Date"),
    "amount": QT_TRANSLATE_NOOP("receipt", "Amount"),
    "wallet": QT_TRANSLATE_NOOP("receipt", "Wallet"),
    "status": QT_TRANSLATE_NOOP("receipt", "Status"),
    "syssn": QT_TRANSLATE_NOOP("receipt", "Transaction no."),
    "out_trade_no": QT_TRANSLATE_NOOP("receipt", "Order no."),
    "auth_code": QT_TRANSLATE_NOOP("receipt", "Payment code"),
    "original": QT_TRANSLATE_NOOP("receipt", "Original transaction"),
    "manager": QT_TRANSLATE_NOOP("receipt", "Approved by"),
    "thanks": QT_TRANSLATE_NOOP("receipt", "Thank you"),
}


@dataclass(frozen=True, slots=True)
class Receipt:
    """One printed receipt; amounts are ``txamt`` minor units plus an ISO currency code."""

    merchant_name: str
    till_id: str
    cashier: str
    when: datetime
    kind: ReceiptKind
    txamt: int
    currency: str
    wallet: str
    out_trade_no: str
    status: str
    syssn: str | None = None
    auth_code: str | None = None
    training: bool = False
    original_syssn: str | None = None
    manager: str | None = None
    copy: ReceiptCopy | None = None
    #: Printed again on request (history): marked so it cannot pass for a second sale.
    reprint: bool = False
    extra_lines: tuple[str, ...] = field(default_factory=tuple)
    #: The shop's address under its name, and its own closing line (settings ``shop.*``).
    shop_address: str = ""
    footer: str = ""

    def __post_init__(self) -> None:
        # Masking is idempotent, so an already masked code passes unchanged.
        object.__setattr__(self, "auth_code", mask_auth_code(self.auth_code) or None)

    @property
    def amount_text(self) -> str:
        return format_amount(self.txamt, self.currency)

    @property
    def barcode_data(self) -> str:
        """What the printed barcode/QR carries: the gateway's number, used to look it up."""
        return self.syssn or self.out_trade_no


def render_text(
    receipt: Receipt, width: int = WIDTH_80MM, translate: Translate = no_translation
) -> list[str]:
    """The receipt as lines no wider than ``width`` columns (32 for 58 mm, 42 for 80 mm)."""
    check_width(width)

    def tr(text: str) -> str:
        return translate(CTX, text)

    def label(key: str) -> str:
        return tr(_LABELS[key])

    lines: list[str] = []
    banner = tr(TRAINING_BANNER)
    if receipt.training:
        lines += [rule(width, "*"), *center(banner, width), rule(width, "*")]
    lines += center(receipt.merchant_name, width)
    for address_line in receipt.shop_address.splitlines():
        lines += center(address_line.strip(), width)
    if receipt.copy is not None:
        lines += center(tr(_COPY_LABELS[receipt.copy]), width)
    if receipt.reprint:
        # Both languages, always: whoever reads it (customer, auditor) must see it is a copy.
        lines += center(REPRINT_MARK, width)
    lines.append(rule(width))
    lines += pair(label("till"), receipt.till_id, width)
    lines += pair(label("cashier"), receipt.cashier, width)
    lines += pair(label("date"), receipt.when.strftime("%Y-%m-%d %H:%M:%S"), width)
    lines.append(rule(width))
    lines += center(tr(_KIND_TITLES[receipt.kind]), width)
    lines += pair(label("amount"), receipt.amount_text, width)
    lines += pair(label("wallet"), receipt.wallet, width)
    lines += pair(label("status"), tr(STATUS_LABELS.get(receipt.status, receipt.status)), width)
    if receipt.syssn:
        lines += pair(label("syssn"), receipt.syssn, width)
    lines += pair(label("out_trade_no"), receipt.out_trade_no, width)
    if receipt.auth_code:
        lines += pair(label("auth_code"), receipt.auth_code, width)
    if receipt.kind is ReceiptKind.REFUND:
        if receipt.original_syssn:
            lines += pair(label("original"), receipt.original_syssn, width)
        if receipt.manager:
            lines += pair(label("manager"), receipt.manager, width)
    for extra in receipt.extra_lines:
        lines += center(extra, width)
    lines.append(rule(width))
    if receipt.training:
        lines += [rule(width, "*"), *center(banner, width), rule(width, "*")]
    else:
        lines += center(label("thanks"), width)
    for footer_line in receipt.footer.splitlines():
        lines += center(footer_line.strip(), width)
    return lines
