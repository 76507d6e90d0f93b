"""The X / Z report as text for the screen and the receipt printer, and as CSV: one renderer.

It reads the engine's ``DayReport`` (plain data: wallet lines, open and attention items) by
attribute name only, so this driver module needs neither the engine nor Qt.  Currencies are
never added together: each gets its own section and its own net.  Transactions still open
or needing attention are printed *above* the totals, because a manager closing the day must
see them before trusting the figures.  Amounts are always major units with the currency.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
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

CTX = "day_report"

_L = {
    "x_title": QT_TRANSLATE_NOOP("day_report", "X REPORT (day not closed)"),
    "z_title": QT_TRANSLATE_NOOP("day_report", "Z REPORT {number} - DAY CLOSED"),
    "from": QT_TRANSLATE_NOOP("day_report", "From"),
    "closed": QT_TRANSLATE_NOOP("day_report", "Closed"),
    "printed": QT_TRANSLATE_NOOP("day_report", "Printed"),
    "till": QT_TRANSLATE_NOOP("day_report", "Till"),
    "by": QT_TRANSLATE_NOOP("day_report", "Closed by"),
    "cashier": QT_TRANSLATE_NOOP("day_report", "Cashier"),
    "shift": QT_TRANSLATE_NOOP("day_report", "Shift"),
    "count": QT_TRANSLATE_NOOP("day_report", "Transactions"),
    "sales": QT_TRANSLATE_NOOP("day_report", "Sales"),
    "refunds": QT_TRANSLATE_NOOP("day_report", "Refunds"),
    "reversals": QT_TRANSLATE_NOOP("day_report", "Reversals (not charged)"),
    "net": QT_TRANSLATE_NOOP("day_report", "Net"),
    "total": QT_TRANSLATE_NOOP("day_report", "Total"),
    "open": QT_TRANSLATE_NOOP("day_report", "NOT SETTLED - finish before closing:"),
    "attention": QT_TRANSLATE_NOOP("day_report", "NEEDS ATTENTION - call a manager:"),
    "empty": QT_TRANSLATE_NOOP("day_report", "No payments"),
    "wallet": QT_TRANSLATE_NOOP("day_report", "Wallet"),
    "currency": QT_TRANSLATE_NOOP("day_report", "Currency"),
    "report": QT_TRANSLATE_NOOP("day_report", "Report"),
}


class LineLike(Protocol):
    """The attributes of the engine's ``ReportLine`` this module reads."""

    @property
    def wallet(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def sales_count(self) -> int: ...
    @property
    def sales_amount(self) -> int: ...
    @property
    def refund_count(self) -> int: ...
    @property
    def refund_amount(self) -> int: ...
    @property
    def reversal_count(self) -> int: ...
    @property
    def reversal_amount(self) -> int: ...
    @property
    def net(self) -> int: ...


class ItemLike(Protocol):
    @property
    def out_trade_no(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def txamt(self) -> int: ...
    @property
    def currency(self) -> str: ...


class ReportLike(Protocol):
    """The attributes of the engine's ``DayReport`` this module reads."""

    @property
    def kind(self) -> str: ...
    @property
    def number(self) -> int | None: ...
    @property
    def till_id(self) -> str: ...
    @property
    def generated_at(self) -> float: ...
    @property
    def opened_at(self) -> float | None: ...
    @property
    def closed_at(self) -> float | None: ...
    @property
    def closed_by(self) -> str | None: ...
    @property
    def cashier(self) -> str | None: ...
    @property
    def since(self) -> float | None: ...
    @property
    def until(self) -> float | None: ...
    @property
    def tx_count(self) -> int: ...
    @property
    def lines(self) -> Sequence[LineLike]: ...
    @property
    def open_items(self) -> Sequence[ItemLike]: ...
    @property
    def attention_items(self) -> Sequence[ItemLike]: ...


def money(amount: int, currency: str) -> str:
    """Signed money in major units: refunds print negative, and a day can net below zero."""
    if amount < 0:
        return "-" + format_amount(-amount, currency)
    return format_amount(amount, currency)


def _when(epoch: float | None) -> str:
    return "-" if epoch is None else datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M")


def title(report: ReportLike, translate: Translate = no_translation) -> str:
    """ "X REPORT ..." or "Z REPORT 12 - DAY CLOSED", translated."""
    if report.kind == "Z":
        return translate(CTX, _L["z_title"]).replace("{number}", str(report.number))
    return translate(CTX, _L["x_title"])


def render_day_report(
    report: ReportLike,
    width: int = WIDTH_80MM,
    translate: Translate = no_translation,
    *,
    merchant_name: str = "",
    training: bool = False,
) -> list[str]:
    """The report as lines no wider than ``width`` columns (screen and receipt printer)."""
    check_width(width)

    def tr(key: str) -> str:
        return translate(CTX, _L[key])

    lines: list[str] = []
    banner = translate("receipt", TRAINING_BANNER)
    if training:
        lines += [rule(width, "*"), *center(banner, width), rule(width, "*")]
    if merchant_name:
        lines += center(merchant_name, width)
    lines += center(title(report, translate), width)
    lines.append(rule(width))
    lines += pair(tr("till"), report.till_id, width)
    lines += pair(tr("from"), _when(report.opened_at), width)
    if report.closed_at is not None:
        lines += pair(tr("closed"), _when(report.closed_at), width)
    if report.closed_by:
        lines += pair(tr("by"), report.closed_by, width)
    if report.cashier:
        lines += pair(tr("cashier"), report.cashier, width)
    if report.since is not None or report.until is not None:
        lines += pair(tr("shift"), f"{_when(report.since)} - {_when(report.until)}", width)
    lines += pair(tr("printed"), _when(report.generated_at), width)
    lines += pair(tr("count"), str(report.tx_count), width)
    for key, items in (("attention", report.attention_items), ("open", report.open_items)):
        if items:
            lines.append(rule(width, "!"))
            lines += wrap(tr(key), width)
            for item in items:
                lines += wrap(f"  {item.out_trade_no} {money(item.txamt, item.currency)}", width)
    lines.append(rule(width, "="))
    if not report.lines:
        lines += center(tr("empty"), width)
    for currency in sorted({line.currency for line in report.lines}):
        section = [line for line in report.lines if line.currency == currency]
        lines += _section(section, currency, width, tr)
    if training:
        lines += [rule(width, "*"), *center(banner, width), rule(width, "*")]
    return lines


class _Tr(Protocol):
    def __call__(self, key: str) -> str: ...


def _section(rows: list[LineLike], currency: str, width: int, tr: _Tr) -> list[str]:
    out: list[str] = []
    for row in sorted(rows, key=lambda r: r.wallet):
        out += wrap(row.wallet, width)
        out += _figures(tr, currency, width, _counts(row))
        out.append(rule(width))
    out += wrap(f"{tr('total')} {currency}", width)
    totals = [sum(values) for values in zip(*(_counts(r) for r in rows), strict=True)]
    out += _figures(tr, currency, width, tuple(totals))
    out.append(rule(width, "="))
    return out


def _counts(row: LineLike) -> tuple[int, ...]:
    return (
        row.sales_count, row.sales_amount, row.refund_count, row.refund_amount,
        row.reversal_count, row.reversal_amount,
    )  # fmt: skip


def _figures(tr: _Tr, currency: str, width: int, figures: tuple[int, ...]) -> list[str]:
    sales_n, sales, refund_n, refunds, reversal_n, reversals = figures
    out = pair(f"  {tr('sales')} x{sales_n}", money(sales, currency), width)
    out += pair(f"  {tr('refunds')} x{refund_n}", money(-refunds, currency), width)
    if reversal_n:
        out += pair(f"  {tr('reversals')} x{reversal_n}", money(reversals, currency), width)
    out += pair(f"  {tr('net')}", money(sales - refunds, currency), width)
    return out


CSV_COLUMNS = (
    "report", "number", "till", "wallet", "currency", "sales_count", "sales", "refund_count",
    "refunds", "reversal_count", "reversals", "net",
)  # fmt: skip


def report_csv(report: ReportLike) -> str:
    """The wallet lines as CSV (amounts as decimal strings in major units, with currency)."""
    from pos_app.qfpay.currencies import from_txamt  # noqa: PLC0415

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for line in report.lines:
        cur = line.currency
        writer.writerow(
            [
                report.kind, report.number or "", report.till_id, line.wallet, cur,
                line.sales_count, from_txamt(line.sales_amount, cur), line.refund_count,
                from_txamt(line.refund_amount, cur), line.reversal_count,
                from_txamt(line.reversal_amount, cur),
                from_txamt(line.net, cur),
            ]
        )  # fmt: skip
    return text.getvalue()
