"""Per calendar day totals (``Journal.day_totals``): a fold over one day's rows.

Kept for callers of the journal's older API.  The manager's reports, the X report and the
numbered Z report that closes the business day, are :mod:`pos_app.engine.day_reports`
(SQL aggregation, fast on a journal of millions of rows).

Only confirmed money counts: PAID payments and REFUNDED refunds.  Anything pending or needing
attention is listed separately so the manager sees it before closing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pos_app.engine.states import TxMode, TxState

if TYPE_CHECKING:
    from pos_app.engine.journal import TxRecord


@dataclass(slots=True)
class TotalsLine:
    """One pay type in one currency."""

    pay_type: str
    currency: str
    paid_count: int = 0
    paid_amount: int = 0
    refund_count: int = 0
    refund_amount: int = 0

    @property
    def net(self) -> int:
        """Takings minus refunds, in minor units."""
        return self.paid_amount - self.refund_amount


@dataclass(slots=True)
class DayTotals:
    """The report for one local day; ``open_items`` are transactions not yet settled."""

    day: date
    lines: list[TotalsLine] = field(default_factory=list)
    open_items: list[str] = field(default_factory=list)
    attention_items: list[str] = field(default_factory=list)

    def net_by_currency(self) -> dict[str, int]:
        """Net per currency across pay types."""
        result: dict[str, int] = {}
        for line in self.lines:
            result[line.currency] = result.get(line.currency, 0) + line.net
        return result


def build_day_totals(day: date, records: list[TxRecord]) -> DayTotals:
    """Fold one day's journal rows into the report."""
    totals = DayTotals(day)
    lines: dict[tuple[str, str], TotalsLine] = {}
    for rec in records:
        if rec.state is TxState.NEEDS_ATTENTION:
            totals.attention_items.append(rec.out_trade_no)
            continue
        if not rec.state.is_final:
            totals.open_items.append(rec.out_trade_no)
            continue
        key = (rec.pay_type, rec.currency)
        if rec.mode is TxMode.REFUND and rec.state is TxState.REFUNDED:
            line = lines.setdefault(key, TotalsLine(*key))
            line.refund_count += 1
            line.refund_amount += rec.txamt
        elif rec.mode is not TxMode.REFUND and rec.state is TxState.PAID:
            line = lines.setdefault(key, TotalsLine(*key))
            line.paid_count += 1
            line.paid_amount += rec.txamt
    totals.lines = [lines[k] for k in sorted(lines)]
    return totals
