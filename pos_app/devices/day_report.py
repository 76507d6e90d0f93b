"""The day-close report as printable text: totals per pay type and currency, then net.

Like receipts, the report takes plain rows rather than journal objects, so it can be fed
from the engine's ``build_day_totals`` (see :func:`rows_from_totals`, which only relies on
attribute names) or from anything else.  Currencies are never added together: a till that
took HKD and CNY gets one section and one net per currency.

Transactions still open or needing attention are printed *above* the totals, because a
manager closing the day with an unresolved payment must see it before trusting the figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from pos_app.devices.layout import (
    WIDTH_80MM,
    Translate,
    center,
    check_width,
    no_translation,
    pair,
    rule,
    wrap,
)
from pos_app.devices.receipt import TRAINING_BANNER
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.currencies import format_amount
from pos_app.qfpay.errors import RequestValidationError
from pos_app.qfpay.paytypes import get_pay_type

CTX = "day_report"

_L = {
    "title": QT_TRANSLATE_NOOP("day_report", "DAY CLOSE"),
    "day": QT_TRANSLATE_NOOP("day_report", "Business day"),
    "printed": QT_TRANSLATE_NOOP("day_report", "Printed"),
    "till": QT_TRANSLATE_NOOP("day_report", "Till"),
    "by": QT_TRANSLATE_NOOP("day_report", "Closed by"),
    "payments": QT_TRANSLATE_NOOP("day_report", "Payments"),
    "refunds": QT_TRANSLATE_NOOP("day_report", "Refunds"),
    "net": QT_TRANSLATE_NOOP("day_report", "Net"),
    "total": QT_TRANSLATE_NOOP("day_report", "Total"),
    "open": QT_TRANSLATE_NOOP("day_report", "NOT SETTLED - check before closing:"),
    "attention": QT_TRANSLATE_NOOP("day_report", "NEEDS ATTENTION - call a manager:"),
    "empty": QT_TRANSLATE_NOOP("day_report", "No payments today"),
}


@dataclass(frozen=True, slots=True)
class DayCloseRow:
    """One pay type in one currency; amounts in ``txamt`` minor units."""

    pay_type: str
    currency: str
    payment_count: int = 0
    payment_total: int = 0
    refund_count: int = 0
    refund_total: int = 0
    label: str | None = None

    @property
    def net(self) -> int:
        return self.payment_total - self.refund_total


@dataclass(frozen=True, slots=True)
class DayCloseReport:
    """Everything printed on the day-close slip."""

    merchant_name: str
    till_id: str
    business_day: date
    printed_at: datetime
    rows: tuple[DayCloseRow, ...]
    closed_by: str | None = None
    open_items: tuple[str, ...] = field(default_factory=tuple)
    attention_items: tuple[str, ...] = field(default_factory=tuple)
    training: bool = False


class TotalsLike(Protocol):
    """The attributes of the engine's ``TotalsLine`` this module reads."""

    pay_type: str
    currency: str
    paid_count: int
    paid_amount: int
    refund_count: int
    refund_amount: int


def rows_from_totals(lines: Iterable[TotalsLike]) -> tuple[DayCloseRow, ...]:
    """Adapt ``pos_app.engine.reports.DayTotals.lines`` without importing the engine."""
    return tuple(
        DayCloseRow(
            pay_type=line.pay_type,
            currency=line.currency,
            payment_count=line.paid_count,
            payment_total=line.paid_amount,
            refund_count=line.refund_count,
            refund_total=line.refund_amount,
        )
        for line in lines
    )


def pay_type_label(row: DayCloseRow) -> str:
    """The wallet name for a pay type code; the bare code if it is not in the table."""
    if row.label:
        return row.label
    try:
        pay_type = get_pay_type(row.pay_type)
    except RequestValidationError:
        return row.pay_type
    return f"{pay_type.wallet} ({pay_type.code})"


def render_day_close(
    report: DayCloseReport, width: int = WIDTH_80MM, translate: Translate = no_translation
) -> list[str]:
    """The report as lines no wider than ``width`` columns."""
    check_width(width)

    def tr(key: str) -> str:
        return translate(CTX, _L[key])

    lines: list[str] = []
    banner = translate("receipt", TRAINING_BANNER)
    if report.training:
        lines += [rule(width, "*"), *center(banner, width), rule(width, "*")]
    lines += center(report.merchant_name, width)
    lines += center(tr("title"), width)
    lines.append(rule(width))
    lines += pair(tr("till"), report.till_id, width)
    lines += pair(tr("day"), report.business_day.isoformat(), width)
    lines += pair(tr("printed"), report.printed_at.strftime("%Y-%m-%d %H:%M:%S"), width)
    if report.closed_by:
        lines += pair(tr("by"), report.closed_by, width)
    for key, items in (("attention", report.attention_items), ("open", report.open_items)):
        if items:
            lines.append(rule(width, "!"))
            lines += wrap(tr(key), width)
            lines += [f"  {item}" if len(item) + 2 <= width else item for item in items]
    lines.append(rule(width, "="))
    if not report.rows:
        lines += center(tr("empty"), width)
    for currency in sorted({row.currency for row in report.rows}):
        lines += _currency_section(
            [r for r in report.rows if r.currency == currency], currency, width, tr
        )
    if report.training:
        lines += [rule(width, "*"), *center(banner, width), rule(width, "*")]
    return lines


def _currency_section(rows: list[DayCloseRow], currency: str, width: int, tr: _Tr) -> list[str]:
    lines: list[str] = []
    for row in sorted(rows, key=lambda r: r.pay_type):
        lines += wrap(pay_type_label(row), width)
        lines += _counted(tr("payments"), row.payment_count, row.payment_total, currency, width)
        lines += _counted(tr("refunds"), row.refund_count, -row.refund_total, currency, width)
        lines += pair(f"  {tr('net')}", _money(row.net, currency), width)
        lines.append(rule(width))
    paid = sum(r.payment_total for r in rows)
    refunded = sum(r.refund_total for r in rows)
    lines += wrap(f"{tr('total')} {currency}", width)
    lines += _counted(tr("payments"), sum(r.payment_count for r in rows), paid, currency, width)
    lines += _counted(tr("refunds"), sum(r.refund_count for r in rows), -refunded, currency, width)
    lines += pair(f"  {tr('net')}", _money(paid - refunded, currency), width)
    lines.append(rule(width, "="))
    return lines


class _Tr(Protocol):
    def __call__(self, key: str) -> str: ...


def _counted(label: str, count: int, amount: int, currency: str, width: int) -> list[str]:
    return pair(f"  {label} x{count}", _money(amount, currency), width)


def _money(amount: int, currency: str) -> str:
    """Signed money: refunds print as negative, and a day can net below zero."""
    if amount < 0:
        return "-" + format_amount(-amount, currency)
    return format_amount(amount, currency)
