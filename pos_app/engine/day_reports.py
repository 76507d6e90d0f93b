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

A report is plain data (:class:`DayReport`): the CLI prints it, the window shows it, the
receipt printer prints it and CSV exports it, all through ``pos_app.devices.day_report``.
A Z report's figures are stored with it as JSON at the moment of closing, so printing Z 12
next year gives exactly what the manager signed off, whatever happens to the rows later.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from pos_app.engine.errors import EngineError
from pos_app.engine.journal import OPEN_CLAUSE
from pos_app.engine.states import TxMode, TxState
from pos_app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from pos_app.engine.journal import Journal

Rows = list[tuple[Any, ...]]
Reader = Callable[[str, tuple[Any, ...]], Rows]

_CANCELLED = (TxState.REVERSED.value, TxState.CLOSED.value)


class DayNotReadyError(EngineError):
    """The business day cannot be closed yet: transactions are still open."""

    def __init__(self, open_items: Sequence[str]) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "engine",
                "The day cannot be closed while transactions are still open: "
                "let recovery finish them first.",
            )
        )
        self.open_items = tuple(open_items)


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One wallet in one currency; amounts in minor units (``txamt``)."""

    wallet: str
    currency: str
    sales_count: int = 0
    sales_amount: int = 0
    refund_count: int = 0
    refund_amount: int = 0
    reversal_count: int = 0
    reversal_amount: int = 0

    @property
    def net(self) -> int:
        """Sales minus refunds (reversals moved no money)."""
        return self.sales_amount - self.refund_amount


@dataclass(frozen=True, slots=True)
class ReportItem:
    """A transaction listed on the report because it is open or needs a manager."""

    out_trade_no: str
    mode: str
    state: str
    txamt: int
    currency: str
    pay_type: str
    cashier: str
    created_at: float
    syssn: str | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class DayReport:
    """An X report (``number`` None) or a Z report of the till's business day."""

    kind: str  # "X" or "Z"
    till_id: str
    generated_at: float
    lines: tuple[ReportLine, ...]
    number: int | None = None
    opened_at: float | None = None  # first transaction of the day (None: no transactions)
    closed_at: float | None = None
    closed_by: str | None = None
    cashier: str | None = None  # X report for one cashier
    since: float | None = None  # X report for one shift
    until: float | None = None
    tx_count: int = 0
    open_items: tuple[ReportItem, ...] = field(default_factory=tuple)
    attention_items: tuple[ReportItem, ...] = field(default_factory=tuple)

    def net_by_currency(self) -> dict[str, int]:
        """Net per currency across wallets; currencies are never added together."""
        result: dict[str, int] = {}
        for line in self.lines:
            result[line.currency] = result.get(line.currency, 0) + line.net
        return result

    def to_json(self) -> str:
        """The snapshot stored with a Z report."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DayReport:
        data = json.loads(text)
        data["lines"] = tuple(ReportLine(**line) for line in data["lines"])
        data["open_items"] = tuple(ReportItem(**item) for item in data["open_items"])
        data["attention_items"] = tuple(ReportItem(**item) for item in data["attention_items"])
        return cls(**data)


def wallet_of(pay_type: str) -> str:
    """The wallet's name for a pay type code (the code itself when the table lacks it)."""
    from pos_app.qfpay.errors import RequestValidationError  # noqa: PLC0415
    from pos_app.qfpay.paytypes import get_pay_type  # noqa: PLC0415

    try:
        return get_pay_type(pay_type).wallet
    except RequestValidationError:
        return pay_type


def _filters(
    cashier: str | None, since: float | None, until: float | None
) -> tuple[str, tuple[Any, ...]]:
    clause, params = "", ()  # type: tuple[str, tuple[Any, ...]]
    if cashier:
        clause += " AND cashier = ?"
        params += (cashier,)
    if since is not None:
        clause += " AND created_at >= ?"
        params += (since,)
    if until is not None:
        clause += " AND created_at < ?"
        params += (until,)
    return clause, params


def _lines(
    read: Reader, extra: str, params: tuple[Any, ...]
) -> tuple[tuple[ReportLine, ...], int, float | None]:
    """Wallet lines, the number of rows and the first row's time, from one GROUP BY."""
    rows = read(
        # The actual wallet where an answer named it (schema step 5), else the requested code.
        "SELECT mode, state, COALESCE(wallet_pay_type, pay_type) AS wallet_code, currency, "  # noqa: S608
        "COUNT(*), COALESCE(SUM(txamt), 0), MIN(created_at) "
        f"FROM transactions WHERE z_number IS NULL{extra} "
        "GROUP BY mode, state, wallet_code, currency",
        params,
    )
    acc: dict[tuple[str, str], dict[str, int]] = {}
    count = 0
    first: float | None = None
    for mode, state, pay_type, currency, n, amount, earliest in rows:
        count += int(n)
        first = earliest if first is None else min(first, earliest)
        if mode == TxMode.REFUND.value:
            kind = "refund" if state == TxState.REFUNDED.value else None
        elif state == TxState.PAID.value:
            kind = "sales"
        else:
            kind = "reversal" if state in _CANCELLED else None
        if kind is None:
            continue
        figures = acc.setdefault((wallet_of(pay_type), currency), {})
        figures[f"{kind}_count"] = figures.get(f"{kind}_count", 0) + int(n)
        figures[f"{kind}_amount"] = figures.get(f"{kind}_amount", 0) + int(amount)
    lines = tuple(ReportLine(wallet, cur, **acc[(wallet, cur)]) for wallet, cur in sorted(acc))
    return lines, count, first


def _items(read: Reader, where: str, params: tuple[Any, ...]) -> tuple[ReportItem, ...]:
    rows = read(
        "SELECT out_trade_no, mode, state, txamt, currency, COALESCE(wallet_pay_type, pay_type), "  # noqa: S608
        "cashier, created_at, "
        f"syssn, reason FROM transactions WHERE {where} ORDER BY created_at",
        params,
    )
    return tuple(ReportItem(*row) for row in rows)


def _build(
    read: Reader,
    *,
    kind: str,
    till_id: str,
    now: float,
    cashier: str | None = None,
    since: float | None = None,
    until: float | None = None,
) -> DayReport:
    extra, params = _filters(cashier, since, until)
    lines, count, opened = _lines(read, extra, params)
    return DayReport(
        kind=kind,
        till_id=till_id,
        generated_at=now,
        lines=lines,
        opened_at=opened,
        cashier=cashier,
        since=since,
        until=until,
        tx_count=count,
        # Open rows are never stamped (a Z refuses to close over them): the partial index.
        open_items=_items(read, f"{OPEN_CLAUSE}{extra}", params),
        attention_items=_items(
            read, f"z_number IS NULL AND state = 'NEEDS_ATTENTION'{extra}", params
        ),
    )


def x_report(
    journal: Journal,
    *,
    till_id: str,
    cashier: str | None = None,
    since: float | None = None,
    until: float | None = None,
    now: float | None = None,
) -> DayReport:
    """The open business day so far, optionally one cashier's and/or one shift's part."""
    return _build(
        journal.read,
        kind="X",
        till_id=till_id,
        now=time.time() if now is None else now,
        cashier=cashier,
        since=since,
        until=until,
    )


def close_day(
    journal: Journal, *, till_id: str, manager: str, now: float | None = None
) -> DayReport:
    """Write the next Z report and close the business day in one commit.

    Raises :class:`DayNotReadyError` (nothing written) while any transaction is open.
    """
    if not manager.strip():
        raise ValueError("a Z report records who closed the day")
    moment = time.time() if now is None else now
    with journal.transaction() as conn:

        def read(sql: str, params: tuple[Any, ...]) -> Rows:
            return list(conn.execute(sql, params).fetchall())

        still_open = read(f"SELECT out_trade_no FROM transactions WHERE {OPEN_CLAUSE}", ())  # noqa: S608
        if still_open:
            raise DayNotReadyError([row[0] for row in still_open])
        number = int(read("SELECT COALESCE(MAX(number), 0) + 1 FROM z_reports", ())[0][0])
        draft = _build(read, kind="Z", till_id=till_id, now=moment)
        report = DayReport(
            **{
                **{name: getattr(draft, name) for name in draft.__dataclass_fields__},
                "number": number,
                "closed_at": moment,
                "closed_by": manager.strip(),
            }
        )
        try:
            conn.execute(
                "INSERT INTO z_reports (number, till_id, closed_at, closed_by, opened_at, "
                "tx_count, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    number,
                    till_id,
                    moment,
                    report.closed_by,
                    report.opened_at,
                    report.tx_count,
                    report.to_json(),
                ),
            )
            conn.execute("UPDATE transactions SET z_number = ? WHERE z_number IS NULL", (number,))
        except sqlite3.IntegrityError as exc:  # pragma: no cover - a trigger said no
            raise EngineError(str(exc)) from exc
    return report


def z_report(journal: Journal, number: int) -> DayReport | None:
    """A closed day's report exactly as it was signed off (None if there is no such Z)."""
    rows = journal.read("SELECT snapshot FROM z_reports WHERE number = ?", (number,))
    return DayReport.from_json(rows[0][0]) if rows else None


def last_z_number(journal: Journal) -> int | None:
    """The number of the most recent Z report, if any day was ever closed."""
    value = journal.read("SELECT MAX(number) FROM z_reports", ())[0][0]
    return None if value is None else int(value)
