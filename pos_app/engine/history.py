"""History over any date range, found by any id, amount, wallet, state or cashier, in pages.

Why pages with a key rather than OFFSET: the window's table fetches more rows as the manager
scrolls, and ``OFFSET 500000`` makes SQLite walk half a million rows to skip them.  A page
continues after the last row it was given (its sort value and rowid), so every page costs
the same on a journal of a million rows, through the ``transactions_created`` index (schema
step 3) when sorted by time.  Sorting by another column sorts only the filtered range.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from pos_app.engine.journal import TX_COLUMNS, TxRecord, tx_from_row

if TYPE_CHECKING:
    from pos_app.engine.journal import Journal

#: Columns a view may sort by (public name -> SQL column).
SORTABLE = {
    "time": "created_at",
    "amount": "txamt",
    "state": "state",
    "cashier": "cashier",
    "wallet": "pay_type",
    "mode": "mode",
}
TXAMT_LIMIT = 99_999_999_999  # the gateway's largest txamt; longer digit runs are ids
_LAST_FOUR = re.compile(r"^\d{4}$")
_ID = re.compile(r"^[A-Za-z0-9]{5,128}$")


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """What the manager asked for; every field is optional and they combine with AND.

    ``text`` is the search box: an order number, a QFPay ``syssn`` (of the payment or of
    the original of a refund), a sale id, the last four digits of the payment code, or an
    amount in major units ("12.34").
    """

    start: float | None = None  # epoch seconds, inclusive
    end: float | None = None  # epoch seconds, exclusive
    text: str = ""
    wallet: str | None = None  # a wallet name ("Alipay") or a pay type code
    state: str | None = None
    cashier: str | None = None
    sort: str = "time"
    descending: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """Rows of one page and the key to ask for the next one (None: this was the last)."""

    rows: tuple[TxRecord, ...]
    next_key: tuple[Any, int] | None


def _pay_types_of(wallet: str) -> list[str]:
    from pos_app.qfpay.paytypes import PAY_TYPES  # noqa: PLC0415

    wanted = wallet.strip().lower()
    return [
        code
        for code, pay_type in PAY_TYPES.items()
        if code == wanted or pay_type.wallet.lower() == wanted
    ] or [wallet.strip()]


def _amount_terms(text: str) -> tuple[list[str], list[Any]]:
    """``txamt`` matches for an amount typed in major units, per currency exponent."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return [], []
    if not value.is_finite() or value <= 0:
        return [], []
    terms: list[str] = []
    params: list[Any] = []
    from pos_app.qfpay.currencies import CURRENCIES  # noqa: PLC0415

    by_units: dict[int, list[str]] = {}
    for code, currency in CURRENCIES.items():
        by_units.setdefault(currency.minor_units, []).append(code)
    for units, codes in sorted(by_units.items()):
        minor = value.scaleb(units)
        if minor != minor.to_integral_value() or minor > TXAMT_LIMIT:
            continue
        marks = ", ".join("?" for _ in codes)
        terms.append(f"(txamt = ? AND currency IN ({marks}))")
        params += [int(minor), *codes]
    return terms, params


def where_clause(flt: HistoryFilter) -> tuple[str, list[Any]]:
    """The SQL condition for a filter (fixed column names, values as parameters)."""
    terms: list[str] = []
    params: list[Any] = []
    if flt.start is not None:
        terms.append("created_at >= ?")
        params.append(flt.start)
    if flt.end is not None:
        terms.append("created_at < ?")
        params.append(flt.end)
    if flt.wallet:
        codes = _pay_types_of(flt.wallet)
        # The actual wallet where the gateway named it: an 800008 sale paid by WeChat Pay
        # is found under WeChat Pay.
        marks = ", ".join("?" for _ in codes)
        terms.append(f"COALESCE(wallet_pay_type, pay_type) IN ({marks})")
        params += codes
    if flt.state:
        terms.append("state = ?")
        params.append(flt.state.strip().upper())
    if flt.cashier:
        terms.append("cashier = ?")
        params.append(flt.cashier.strip())
    text = flt.text.strip()
    if text:
        alternatives: list[str] = []
        if _LAST_FOUR.match(text):
            # Spelled like the expression index ``transactions_last4`` (schema step 3).
            alternatives.append("substr(auth_code, -4) = ?")
            params.append(text)
        amount_terms, amount_params = _amount_terms(text)
        alternatives += amount_terms
        params += amount_params
        if _ID.match(text):
            for column in ("out_trade_no", "syssn", "orig_syssn", "sale_id"):
                alternatives.append(f"{column} = ?")
                params.append(text)
        terms.append("(" + " OR ".join(alternatives) + ")" if alternatives else "0")
    return (" AND ".join(terms) or "1"), params


def _order(flt: HistoryFilter) -> tuple[str, str]:
    column = SORTABLE.get(flt.sort)
    if column is None:
        raise ValueError(f"cannot sort by {flt.sort!r}; choose from {', '.join(SORTABLE)}")
    return column, "DESC" if flt.descending else "ASC"


def page(
    journal: Journal, flt: HistoryFilter, *, after: tuple[Any, int] | None = None, limit: int = 200
) -> Page:
    """One page of matching rows, continuing after ``after`` (a previous ``next_key``)."""
    if not 1 <= limit <= 10_000:
        raise ValueError("a page holds 1 to 10000 rows")
    column, direction = _order(flt)
    where, params = where_clause(flt)
    if after is not None:
        op = "<" if direction == "DESC" else ">"
        where += f" AND ({column}, rowid) {op} (?, ?)"
        params += [after[0], after[1]]
    rows = journal.read(
        f"SELECT {TX_COLUMNS}, {column}, rowid FROM transactions WHERE {where} "  # noqa: S608
        f"ORDER BY {column} {direction}, rowid {direction} LIMIT ?",
        (*params, limit + 1),
    )
    more = len(rows) > limit
    rows = rows[:limit]
    records = tuple(tx_from_row(row[:-2]) for row in rows)
    next_key = (rows[-1][-2], int(rows[-1][-1])) if more and rows else None
    return Page(records, next_key)


def count(journal: Journal, flt: HistoryFilter) -> int:
    """How many rows match (for the view's summary line)."""
    where, params = where_clause(flt)
    return int(
        journal.read(f"SELECT COUNT(*) FROM transactions WHERE {where}", tuple(params))[0][0]  # noqa: S608
    )


def all_rows(journal: Journal, flt: HistoryFilter, *, page_size: int = 1000) -> Sequence[TxRecord]:
    """Every matching row, fetched page by page (CSV export and the CLI)."""
    out: list[TxRecord] = []
    key: tuple[Any, int] | None = None
    while True:
        chunk = page(journal, flt, after=key, limit=page_size)
        out.extend(chunk.rows)
        if chunk.next_key is None:
            return out
        key = chunk.next_key


CSV_COLUMNS = (
    "created_at", "mode", "state", "amount", "currency", "txamt", "wallet", "pay_type",
    "cashier", "out_trade_no", "syssn", "orig_syssn", "auth_code_last4", "manager", "reason",
)  # fmt: skip


def csv_row(rec: TxRecord) -> list[str]:
    """One transaction for a CSV export: amounts in major units with the currency."""
    from datetime import datetime  # noqa: PLC0415

    from pos_app.engine.day_reports import wallet_of  # noqa: PLC0415
    from pos_app.qfpay.currencies import from_txamt  # noqa: PLC0415

    try:
        amount = str(from_txamt(rec.txamt, rec.currency))
    except Exception:  # an old row in a currency the wire no longer knows: keep minor units
        amount = ""
    return [
        datetime.fromtimestamp(rec.created_at).strftime("%Y-%m-%d %H:%M:%S"),
        rec.mode.value,
        rec.state.value,
        amount,
        rec.currency,
        str(rec.txamt),
        wallet_of(rec.wallet_code),
        rec.pay_type,
        rec.cashier,
        rec.out_trade_no,
        rec.syssn or "",
        rec.orig_syssn or "",
        (rec.auth_code or "")[-4:],
        rec.manager or "",
        rec.reason,
    ]


def write_csv(records: Sequence[TxRecord], out: Any) -> int:
    """Write ``records`` as CSV to the text stream ``out``; returns the number of rows."""
    import csv  # noqa: PLC0415

    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rec in records:
        writer.writerow(csv_row(rec))
    return len(records)
