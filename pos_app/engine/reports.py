"""Day reports: the X report (a look at the open business day, any time, per shift and
cashier) and the Z report (closes the business day: numbered, never reopened).

Why SQL aggregation: a till keeps years of rows, and a Python fold over a 10,000-sale day
costs ~100 ms on every report; ``GROUP BY`` over the covering index ``transactions_z``
(schema step 3) costs a few.  Why a stamp rather than a time window: the business day is
what the last Z closed, not a calendar day or a clock reading (clocks jump), so closing
stamps every unstamped row with the Z number in the same commit that writes the report;
anything journaled afterwards is unstamped and belongs to the next day.  Triggers in the
file refuse to restamp a row or change a report, so a Z cannot be reopened.

Only confirmed money counts: PAID payments (sales) and REFUNDED refunds.  Reversed or closed
payments are shown as reversals (nobody was charged).  Rows still open block a Z (recovery
must finish them first); rows needing attention are listed on the report, above the totals.
The older per-calendar-day fold (:func:`build_day_totals`) stays for the cashier's screen.
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
