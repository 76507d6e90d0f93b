"""Check the journal against QFPay's own records ("check with QFPay").

The documented enquiry lists a merchant's transactions by system time (``sysdtm``) over at
most one calendar month, in pages of at most 100.  Every till of the merchant shares those
records, so only this till's are kept: those carrying its ``udid``, or (orders sent before
the till sent its udid) whose ``out_trade_no`` starts with its till part.  Each order is
read with the engine's own enquiry rules (:func:`pos_app.engine.views.read_view`), so a
reversed payment (``cancel`` 1/2) is never taken for a paid one.

Outcomes per order: ``matched``; ``missing_here`` (at QFPay, not in the journal);
``missing_there`` (money in the journal QFPay does not show); ``differs`` (state or amount
disagree, or the journal still has it open).  Only open rows can be settled by the till, and
only through the engine's recovery, which obeys the rules of evidence; final rows that
disagree are for a manager and QFPay support.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from pos_app.engine.ids import till_part
from pos_app.engine.journal import TX_COLUMNS, TxRecord, tx_from_row
from pos_app.engine.states import TxMode, TxState
from pos_app.engine.views import Verdict, read_view
from pos_app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from pos_app.engine.engine import PaymentEngine
    from pos_app.engine.journal import Journal
    from pos_app.qfpay.client import QFPayClient
    from pos_app.qfpay.models import TradeRecord

PAGE_SIZE = 100  # the documented maximum
MAX_PAGES = 10_000  # a runaway guard: a million records is more than a till's month

MATCHED, MISSING_HERE, MISSING_THERE, DIFFERS = (
    "matched",
    "missing_here",
    "missing_there",
    "differs",
)

WHY = {
    MISSING_HERE: QT_TRANSLATE_NOOP("reconcile", "at QFPay but not in this till's journal"),
    MISSING_THERE: QT_TRANSLATE_NOOP("reconcile", "in the journal but not at QFPay"),
    "state": QT_TRANSLATE_NOOP("reconcile", "the state differs"),
    "amount": QT_TRANSLATE_NOOP("reconcile", "the amount or currency differs"),
    "open": QT_TRANSLATE_NOOP("reconcile", "still open in the journal: recovery can settle it"),
    "double": QT_TRANSLATE_NOOP("reconcile", "QFPay shows more than one success"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One order and what the comparison found."""

    kind: str
    out_trade_no: str
    why: str = ""
    local: TxRecord | None = None
    remote: tuple[TradeRecord, ...] = ()

    @property
    def settleable(self) -> bool:
        """Recovery can finish it: the row is not final yet, or is a refund with a manager
        that a re-check may settle (``recovery.rechecks``)."""
        if self.local is None:
            return False
        return not self.local.state.is_final or (
            self.local.mode is TxMode.REFUND and self.local.state is TxState.NEEDS_ATTENTION
        )


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The comparison of one period; ``ok`` only when every order matches."""

    start: datetime
    end: datetime
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def count(self, kind: str) -> int:
        return sum(1 for f in self.findings if f.kind == kind)

    @property
    def ok(self) -> bool:
        return all(f.kind == MATCHED for f in self.findings)

    def differences(self) -> list[Finding]:
        return [f for f in self.findings if f.kind != MATCHED]


def day_window(day: date) -> tuple[datetime, datetime]:
    """One local calendar day as the enquiry's inclusive window."""
    return datetime.combine(day, time(0, 0, 0)), datetime.combine(day, time(23, 59, 59))


def fetch_remote(
    client: QFPayClient,
    start: datetime,
    end: datetime,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[TradeRecord]:
    """Every enquiry record in the window, page by page (100 a page) until a short page."""
    records: list[TradeRecord] = []
    for number in range(1, MAX_PAGES + 1):
        chunk = client.query(start_time=start, end_time=end, page=number, page_size=PAGE_SIZE)
        records.extend(chunk)
        if progress is not None:
            progress(number, len(records))
        if len(chunk) < PAGE_SIZE:
            return records
    raise RuntimeError("the enquiry kept returning full pages; giving up")


def _text(record: Any, name: str) -> str:
    value = getattr(record, name, None)
    if value is None and isinstance(getattr(record, "raw", None), dict):
        value = record.raw.get(name)
    return "" if value is None else str(value).strip()


def belongs_to_till(record: Any, till_id: str, udid: str | None) -> bool:
    """This till's record: its udid, or its till part at the start of the order number."""
    their_udid = _text(record, "udid")
    if their_udid:
        return udid is not None and their_udid == udid
    return _text(record, "out_trade_no").startswith(till_part(till_id))


def local_rows(journal: Journal, start: datetime, end: datetime) -> list[TxRecord]:
    """Journal rows created in the window (local time, inclusive)."""
    rows = journal.read(
        f"SELECT {TX_COLUMNS} FROM transactions WHERE created_at >= ? AND created_at < ? "  # noqa: S608
        "ORDER BY created_at",
        (start.timestamp(), (end + timedelta(seconds=1)).timestamp()),
    )
    return [tx_from_row(row) for row in rows]


def _judge(rec: TxRecord, remote: Sequence[TradeRecord]) -> Finding:
    refund = rec.mode is TxMode.REFUND
    view = read_view(remote, rec.out_trade_no, refund=refund)
    if not rec.state.is_final or rec.state is TxState.NEEDS_ATTENTION:
        return Finding(DIFFERS, rec.out_trade_no, WHY["open"], rec, tuple(remote))
    if view.verdict is Verdict.DOUBLE:
        return Finding(DIFFERS, rec.out_trade_no, WHY["double"], rec, tuple(remote))
    money_here = rec.state in (TxState.PAID, TxState.REFUNDED)
    if money_here and view.verdict is Verdict.NOT_FOUND:
        return Finding(MISSING_THERE, rec.out_trade_no, WHY[MISSING_THERE], rec)
    if money_here != (view.verdict is Verdict.PAID):
        return Finding(DIFFERS, rec.out_trade_no, WHY["state"], rec, tuple(remote))
    if money_here:
        paid = next(r for r in remote if _text(r, "respcd") == "0000")
        if paid.txamt != rec.txamt or (_text(paid, "txcurrcd") or rec.currency) != rec.currency:
            return Finding(DIFFERS, rec.out_trade_no, WHY["amount"], rec, tuple(remote))
    return Finding(MATCHED, rec.out_trade_no, "", rec, tuple(remote))


def compare(
    local: Iterable[TxRecord], remote: Iterable[TradeRecord], *, till_id: str, udid: str | None
) -> list[Finding]:
    """Pair journal rows with this till's enquiry records by ``out_trade_no``."""
    by_number: dict[str, list[TradeRecord]] = {}
    for record in remote:
        if belongs_to_till(record, till_id, udid):
            by_number.setdefault(_text(record, "out_trade_no"), []).append(record)
    findings: list[Finding] = []
    for rec in local:
        findings.append(_judge(rec, by_number.pop(rec.out_trade_no, [])))
    for number, records in sorted(by_number.items()):
        findings.append(Finding(MISSING_HERE, number, WHY[MISSING_HERE], None, tuple(records)))
    return findings


def reconcile(
    journal: Journal,
    client: QFPayClient,
    start: datetime,
    end: datetime,
    *,
    till_id: str,
    udid: str | None,
    progress: Callable[[int, int], None] | None = None,
) -> Reconciliation:
    """Fetch QFPay's records of the window and compare them with the journal's rows.

    Journal rows are matched against the records fetched for the window; a row whose order
    QFPay filed just outside it (a sale at 23:59:59) is looked up by its own number before
    being called missing, and a record of an order journaled just before the window is
    judged against that row, so day boundaries never invent differences.
    """
    remote = fetch_remote(client, start, end, progress=progress)
    rows = local_rows(journal, start, end)
    seen = {_text(r, "out_trade_no") for r in remote}
    strays = [
        r.out_trade_no
        for r in rows
        if r.out_trade_no not in seen and r.state in (TxState.PAID, TxState.REFUNDED)
    ]
    for offset in range(0, len(strays), 20):
        remote += client.query(out_trade_no=strays[offset : offset + 20])
    known = {r.out_trade_no for r in rows}
    for number in sorted(seen - known):  # journaled just before the window opened
        rec = journal.get(number) if number else None
        if rec is not None:
            rows.append(rec)
    findings = compare(rows, remote, till_id=till_id, udid=udid)
    return Reconciliation(start, end, tuple(findings))


CSV_COLUMNS = (
    "finding", "out_trade_no", "why", "state", "amount", "currency", "syssn",
    "qfpay_respcd", "qfpay_amount", "qfpay_currency", "qfpay_syssn",
)  # fmt: skip


def write_csv(result: Reconciliation, out: Any) -> int:
    """Every finding (matches too) as CSV to the text stream ``out``; amounts in major units."""
    import csv  # noqa: PLC0415

    from pos_app.qfpay.currencies import from_txamt  # noqa: PLC0415

    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for f in result.findings:
        rec = f.local
        first = f.remote[0] if f.remote else None
        there = (
            str(from_txamt(first.txamt, first.txcurrcd))
            if first is not None and first.txamt is not None and first.txcurrcd
            else ""
        )
        writer.writerow(
            [
                f.kind, f.out_trade_no, f.why,
                rec.state.value if rec else "",
                str(from_txamt(rec.txamt, rec.currency)) if rec else "",
                rec.currency if rec else "", (rec.syssn or "") if rec else "",
                first.respcd if first else "", there,
                (first.txcurrcd or "") if first else "", (first.syssn or "") if first else "",
            ]
        )  # fmt: skip
    return len(result.findings)


def settle(engine: PaymentEngine, result: Reconciliation) -> list[str]:
    """Hand every open row among the differences to the engine's recovery; returns them."""
    done: list[str] = []
    for finding in result.differences():
        if finding.settleable:
            engine.resolve(finding.out_trade_no)
            done.append(finding.out_trade_no)
    return done
