"""Chain-wide reports read from head office: totals per shop, till or cashier; X and Z;
reconciliation of the whole merchant against QFPay's own enquiry.

The same rule as the till's day report holds: only confirmed money counts (PAID payments,
REFUNDED refunds); anything open or needing attention is counted separately so a manager
sees it before closing.  A chain Z report is only as complete as the tills' sync: tills whose
last sync is older than the end of the day are listed as *behind*, so nobody closes the
books on figures a till has not sent yet.

Reconciliation asks QFPay (date-range enquiry, paged) what it holds for the day and sets it
against the books, order by order: matched, only at QFPay (money taken the books do not
show), only in the books, and amount differences.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

#: ``wallet`` groups by the actual wallet where the gateway's evidence named one (a generic
#: CPM sale paid with WeChat Pay counts as WeChat Pay), else the requested pay type, then by
#: the wallet's name: the same rule as each till's own X/Z report.
GROUPS = {
    "shop": "shop",
    "till": "till_id",
    "cashier": "cashier",
    "wallet": "COALESCE(wallet_pay_type, pay_type)",
}
TOTAL_COLUMNS = (
    "group",
    "currency",
    "paid_count",
    "paid_amount",
    "refund_count",
    "refund_amount",
    "net",
    "open_count",
    "attention_count",
)
_TOTALS = """
SELECT {group} AS grp, currency,
    COUNT(*) FILTER (WHERE mode <> 'REFUND' AND state = 'PAID'),
    COALESCE(SUM(txamt) FILTER (WHERE mode <> 'REFUND' AND state = 'PAID'), 0)::bigint,
    COUNT(*) FILTER (WHERE mode = 'REFUND' AND state = 'REFUNDED'),
    COALESCE(SUM(txamt) FILTER (WHERE mode = 'REFUND' AND state = 'REFUNDED'), 0)::bigint,
    COUNT(*) FILTER (WHERE state NOT IN ('PAID', 'DECLINED', 'REVERSED', 'CLOSED', 'REFUNDED',
                                         'NEEDS_ATTENTION')),
    COUNT(*) FILTER (WHERE state = 'NEEDS_ATTENTION')
FROM sales
WHERE environment = %s AND local_day BETWEEN %s AND %s
GROUP BY 1, 2 ORDER BY 1, 2
"""


@dataclass(frozen=True, slots=True)
class TotalsRow:
    """One group (a shop, a till or a cashier) in one currency, in minor units."""

    group: str
    currency: str
    paid_count: int
    paid_amount: int
    refund_count: int
    refund_amount: int
    open_count: int
    attention_count: int

    @property
    def net(self) -> int:
        return self.paid_amount - self.refund_amount

    def as_tuple(self) -> tuple[Any, ...]:
        return (
            self.group,
            self.currency,
            self.paid_count,
            self.paid_amount,
            self.refund_count,
            self.refund_amount,
            self.net,
            self.open_count,
            self.attention_count,
        )


@dataclass(slots=True)
class ChainTotals:
    """A report over ``first``..``last``; ``behind`` lists tills not synced past its end."""

    first: date
    last: date
    by: str
    rows: list[TotalsRow] = field(default_factory=list)
    behind: list[tuple[str, str]] = field(default_factory=list)  # (till, last sync or "never")

    @property
    def complete(self) -> bool:
        return not self.behind and not any(r.open_count for r in self.rows)


def totals(
    conn: Any, first: date, last: date, *, by: str = "shop", environment: str = "prod"
) -> ChainTotals:
    """Confirmed takings and refunds per group and currency over a range of local days."""
    if by not in GROUPS:
        raise ValueError(f"group by one of {', '.join(GROUPS)}, not {by!r}")
    if last < first:
        raise ValueError("the last day is before the first")
    sql = _TOTALS.format(group=GROUPS[by])
    report = ChainTotals(first, last, by)
    rows = [
        TotalsRow(str(row[0]), *row[1:]) for row in conn.execute(sql, (environment, first, last))
    ]
    report.rows = _by_wallet_name(rows) if by == "wallet" else rows
    end = datetime.combine(last + timedelta(days=1), time.min).astimezone()
    for till_id, synced in conn.execute(
        "SELECT till_id, last_sync_at FROM tills WHERE environment = %s ORDER BY till_id",
        (environment,),
    ).fetchall():
        if synced is None or synced < end:
            report.behind.append((str(till_id), synced.isoformat() if synced else "never"))
    return report


def _by_wallet_name(rows: list[TotalsRow]) -> list[TotalsRow]:
    """Pay type codes to wallet names, adding up codes of one wallet (CPM and MPM codes)."""
    from pos_app.engine.day_reports import wallet_of  # noqa: PLC0415

    merged: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        figures = merged.setdefault((wallet_of(row.group), row.currency), [0] * 6)
        for i, value in enumerate(row.as_tuple()[2:6] + row.as_tuple()[7:9]):
            figures[i] += int(value)
    return [TotalsRow(name, cur, *merged[(name, cur)]) for name, cur in sorted(merged)]


def totals_csv(report: ChainTotals) -> str:
    """The report as CSV (amounts in minor units, one row per group and currency)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TOTAL_COLUMNS)
    writer.writerows(row.as_tuple() for row in report.rows)
    return out.getvalue()


# -- reconciliation ----------------------------------------------------------------------------

RECONCILE_COLUMNS = ("finding", "out_trade_no", "kind", "till", "shop", "books", "qfpay", "syssn")


@dataclass(frozen=True, slots=True)
class Finding:
    """One order whose books and QFPay's record disagree (or agree: ``matched``)."""

    finding: str  # matched | only_at_qfpay | only_in_books | amount_differs
    out_trade_no: str
    kind: str  # payment | refund
    till: str
    shop: str
    books: str  # "1234 HKD PAID" or ""
    qfpay: str  # "1234 HKD 0000" or ""
    syssn: str


def _money_at_qfpay(record: Any) -> tuple[str, int, str] | None:
    """(kind, txamt, currency) if QFPay's record is money that moved, else None."""
    raw = getattr(record, "raw", {}) or {}
    respcd = str(raw.get("respcd", getattr(record, "respcd", "")))
    if respcd != "0000":
        return None
    kind = str(raw.get("order_type") or "payment").lower()
    cancel = str(raw.get("cancel") or "0")
    if kind == "payment" and cancel in ("1", "2"):
        return None  # reversed or closed: no money moved
    return kind, int(raw.get("txamt", 0)), str(raw.get("txcurrcd", ""))


def reconcile(
    conn: Any, records: Iterable[Any], day: date, *, environment: str = "prod"
) -> list[Finding]:
    """Set QFPay's records for ``day`` against the books of every till."""
    books: dict[str, tuple[Any, ...]] = {}
    for row in conn.execute(
        "SELECT out_trade_no, mode, till_id, shop, txamt, currency, state, syssn FROM sales "
        "WHERE environment = %s AND local_day = %s",
        (environment, day),
    ).fetchall():
        books[str(row[0])] = row
    findings: list[Finding] = []
    seen: set[str] = set()
    for record in records:
        moved = _money_at_qfpay(record)
        raw = getattr(record, "raw", {}) or {}
        otn = str(raw.get("out_trade_no", ""))
        if moved is None or not otn:
            continue
        kind, amount, currency = moved
        seen.add(otn)
        qf = f"{amount} {currency} 0000"
        syssn = str(raw.get("syssn", ""))
        mine = books.get(otn)
        if mine is None or mine[6] not in ("PAID", "REFUNDED"):
            shown = f"{mine[4]} {mine[5]} {mine[6]}" if mine else ""
            till, shop = (str(mine[2]), str(mine[3])) if mine else ("", "")
            findings.append(Finding("only_at_qfpay", otn, kind, till, shop, shown, qf, syssn))
            continue
        shown = f"{mine[4]} {mine[5]} {mine[6]}"
        verdict = "matched" if (mine[4], mine[5]) == (amount, currency) else "amount_differs"
        findings.append(Finding(verdict, otn, kind, mine[2], mine[3], shown, qf, syssn))
    for otn, mine in sorted(books.items()):
        if otn not in seen and mine[6] in ("PAID", "REFUNDED"):
            kind = "refund" if mine[1] == "REFUND" else "payment"
            shown = f"{mine[4]} {mine[5]} {mine[6]}"
            findings.append(
                Finding("only_in_books", otn, kind, mine[2], mine[3], shown, "", mine[7] or "")
            )
    return findings


def fetch_day(client: Any, day: date, *, page_size: int = 100) -> list[Any]:
    """Every QFPay record of a local day, through the paged date-range enquiry."""
    start = datetime.combine(day, time.min)
    end = datetime.combine(day, time.max).replace(microsecond=0)
    found: list[Any] = []
    page = 1
    while True:
        batch = client.query(start_time=start, end_time=end, page=page, page_size=page_size)
        found += batch
        if len(batch) < page_size:
            return found
        page += 1


def findings_csv(findings: Sequence[Finding]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(RECONCILE_COLUMNS)
    for f in findings:
        writer.writerow(
            (f.finding, f.out_trade_no, f.kind, f.till, f.shop, f.books, f.qfpay, f.syssn)
        )
    return out.getvalue()
