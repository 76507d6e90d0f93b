"""The manager's commands: history, X/Z reports, notes, reconciliation, statements.

Human output names wallets and writes money as "HKD 12.34".  JSON output writes every
amount the same way as ``pay`` does: a decimal string in major units next to its
``currency`` (``"amount": "12.34", "currency": "HKD"``), with the minor units in a separate
``*txamt`` field for programs that want integers (``"txamt": 1234``).
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pos_app.cli.admin import InputError, SecretReader
from pos_app.cli.exitcodes import Exit
from pos_app.cli.output import Reporter
from pos_app.cli.runtime import Runtime
from pos_app.engine import history as hist
from pos_app.engine.day_reports import DayReport, close_day, wallet_of, x_report, z_report
from pos_app.engine.journal import TxRecord
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.currencies import format_amount, from_txamt


def money_fields(txamt: int, currency: str, name: str = "amount") -> dict[str, Any]:
    """``{name: "12.34", name_txamt: 1234}`` (``amount`` pairs with ``txamt``)."""
    minor = "txamt" if name == "amount" else f"{name}_txamt"
    return {name: str(from_txamt(txamt, currency)), minor: txamt}


def _local_epoch(day: date) -> float:
    return datetime.combine(day, datetime.min.time()).timestamp()


def _period(args: Any) -> tuple[date | None, date | None]:
    if args.date and (args.date_from or args.date_to):
        raise InputError(QT_TRANSLATE_NOOP("cli", "give --date or --from/--to, not both"))
    start, end = (args.date, args.date) if args.date else (args.date_from, args.date_to)
    if args.date is None and start is None and end is None and not args.search:
        start = end = date.today()
    if start and end and end < start:
        raise InputError(QT_TRANSLATE_NOOP("cli", "--to is before --from"))
    return start, end


def _row_text(rec: TxRecord) -> str:
    when = datetime.fromtimestamp(rec.created_at).strftime("%Y-%m-%d %H:%M:%S")
    return (
        f"{when}  {rec.mode.value:<6} {rec.state.value:<15} "
        f"{format_amount(rec.txamt, rec.currency):>14}  {wallet_of(rec.wallet_code):<12} "
        f"{rec.cashier:<10} {rec.out_trade_no}  {rec.syssn or '-'}"
    )


def cmd_history(rt: Runtime, rep: Reporter) -> Exit:
    """Transactions of any period, found by any id, amount, wallet, state or cashier."""
    args = rt.args
    start, end = _period(args)
    flt = hist.HistoryFilter(
        start=_local_epoch(start) if start else None,
        end=_local_epoch(end + timedelta(days=1)) if end else None,
        text=args.search or "",
        wallet=args.wallet,
        state=args.state,
        cashier=args.cashier,
        sort=args.sort,
        descending=bool(args.desc),
    )
    records = hist.all_rows(rt.journal, flt)
    if args.csv:
        hist.write_csv(records, rep.out)
        rep.out.flush()
        return Exit.OK
    for rec in records:
        rep.event(
            "transaction",
            _row_text(rec),
            out_trade_no=rec.out_trade_no,
            mode=rec.mode.value,
            state=rec.state.value,
            currency=rec.currency,
            **money_fields(rec.txamt, rec.currency),
            wallet=wallet_of(rec.wallet_code),
            pay_type=rec.pay_type,
            syssn=rec.syssn,
            cashier=rec.cashier,
            created_at=rec.created_at,
            orig_syssn=rec.orig_syssn,
        )
    span = f"{start or '…'} to {end or '…'}"
    rep.result(
        f"{len(records)} transaction(s), {span}.",
        date_from=start.isoformat() if start else None,
        date_to=end.isoformat() if end else None,
        date=start.isoformat() if start and start == end else None,
        count=len(records),
    )
    return Exit.OK


def _today_at(clock_time: str | None) -> float | None:
    if clock_time is None:
        return None
    hours, minutes = (int(part) for part in clock_time.split(":"))
    return (
        datetime.combine(date.today(), datetime.min.time())
        .replace(hour=hours, minute=minutes)
        .timestamp()
    )


def report_fields(report: DayReport) -> dict[str, Any]:
    """The report for JSON: one amount form throughout (see the module docstring)."""
    lines = []
    for line in report.lines:
        cur = line.currency
        lines.append(
            {
                "wallet": line.wallet,
                "currency": cur,
                "sales_count": line.sales_count,
                **money_fields(line.sales_amount, cur, "sales"),
                "refund_count": line.refund_count,
                **money_fields(line.refund_amount, cur, "refunds"),
                "reversal_count": line.reversal_count,
                **money_fields(line.reversal_amount, cur, "reversals"),
                **money_fields(line.net, cur, "net"),
            }
        )

    def items(found: Any) -> list[dict[str, Any]]:
        return [
            {
                "out_trade_no": i.out_trade_no,
                "state": i.state,
                "currency": i.currency,
                **money_fields(i.txamt, i.currency),
            }
            for i in found
        ]

    return {
        "report": report.kind,
        "number": report.number,
        "till_id": report.till_id,
        "opened_at": report.opened_at,
        "closed_at": report.closed_at,
        "closed_by": report.closed_by,
        "cashier": report.cashier,
        "transactions": report.tx_count,
        "lines": lines,
        "net": [
            {"currency": cur, **money_fields(amount, cur)}
            for cur, amount in sorted(report.net_by_currency().items())
        ],
        "open_items": items(report.open_items),
        "attention_items": items(report.attention_items),
    }


def cmd_report(rt: Runtime, rep: Reporter, reader: SecretReader) -> Exit:
    """X report (default), Z report (closes the day after a manager's PIN), or a reprint."""
    from pos_app.devices.day_report import render_day_report, report_csv  # noqa: PLC0415
    from pos_app.engine.day_reports import DayNotReadyError  # noqa: PLC0415
    from pos_app.engine.managers import ManagerStore  # noqa: PLC0415

    args = rt.args
    till_id = rt.settings.till_id
    if args.number is not None:
        found = z_report(rt.journal, args.number)
        if found is None:
            raise InputError(QT_TRANSLATE_NOOP("cli", "there is no Z report with that number"))
        report = found
    elif args.z:
        if args.cashier or args.since or args.until:
            raise InputError(QT_TRANSLATE_NOOP("cli", "a Z report covers the whole day"))
        if not args.manager:
            raise InputError(QT_TRANSLATE_NOOP("cli", "--z needs --manager NAME (and the PIN)"))
        preview = x_report(rt.journal, till_id=till_id)
        # What is unsettled is shown before the PIN is asked; open rows stop the close.
        for label, items in (("Needs a manager:", preview.attention_items),
                             ("Still open:", preview.open_items)):  # fmt: skip
            for item in items:
                rep.line(f"{label} {item.out_trade_no} {item.state} "
                         f"{format_amount(item.txamt, item.currency)}")  # fmt: skip
        if preview.open_items:
            rep.error(DayNotReadyError([]).message + " (qfpay-pos recover)")
            return Exit.UNKNOWN
        manager = ManagerStore(rt.journal).verify(args.manager, reader.read("Manager PIN: "))
        try:
            report = close_day(rt.journal, till_id=till_id, manager=manager)
        except DayNotReadyError as exc:
            rep.error(exc.message + " (qfpay-pos recover)")
            return Exit.UNKNOWN
        rep.warn(f"journal copy: {rt.journal.backup()}")  # day close keeps a checked copy
    else:
        report = x_report(
            rt.journal,
            till_id=till_id,
            cashier=args.cashier,
            since=_today_at(args.since),
            until=_today_at(args.until),
        )
    if args.csv:
        rep.out.write(report_csv(report))
        rep.out.flush()
        return Exit.OK
    for text in render_day_report(
        report, args.width, training=rt.env_name == "training", merchant_name=""
    ):
        rep.line(text)
    summary = ", ".join(
        format_amount(amount, cur) if amount >= 0 else "-" + format_amount(-amount, cur)
        for cur, amount in sorted(report.net_by_currency().items())
    )
    title = f"Z report {report.number}" if report.kind == "Z" else "X report"
    rep.result(f"{title}: net {summary or 'nothing'}.", **report_fields(report))
    return Exit.OK


def cmd_note(rt: Runtime, rep: Reporter) -> Exit:
    """Add a note to one of this till's transactions, at QFPay and in the journal."""
    from pos_app.engine.notes import add_note, check_note  # noqa: PLC0415

    args = rt.args
    check_note(args.text)  # refuse bad input before a client or gateway is started
    added = add_note(
        rt.journal, rt.client(), syssn=args.syssn, text=args.text, author=args.manager or "cli"
    )
    rep.result(
        f"Note added to {added.syssn} ({added.out_trade_no}).",
        syssn=added.syssn,
        out_trade_no=added.out_trade_no,
        respcd=added.respcd,
    )
    return Exit.OK


STATEMENT_NOTE = QT_TRANSLATE_NOOP(
    "cli",
    "QFPay serves statements only in production; the sandbox and test hosts do not. "
    "The file is saved as QFPay sends it (its columns are not documented).",
)


def cmd_statement(rt: Runtime, rep: Reporter) -> Exit:
    """Save QFPay's trade_bill zip for the accountant, unparsed, written atomically."""
    args = rt.args
    target = Path(args.out)
    if not target.parent.is_dir():
        raise InputError(f"the folder {str(target.parent)!r} does not exist")
    if rt.env_name != "prod":
        rep.warn(STATEMENT_NOTE)
    data = rt.client().download_statement(args.date)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".statement-", suffix=".zip")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    rep.result(
        f"Statement for {args.date.isoformat()} saved to {target} ({len(data)} bytes).",
        date=args.date.isoformat(),
        path=str(target),
        bytes=len(data),
    )
    return Exit.OK


def cmd_reconcile(rt: Runtime, rep: Reporter) -> Exit:
    """Compare one day with QFPay; exit 0 only when everything matches."""
    from pos_app.engine import reconcile as rc  # noqa: PLC0415

    args = rt.args
    day = args.date or date.today()
    start, end = rc.day_window(day)
    client = rt.client()

    def progress(page: int, total: int) -> None:
        rep.event("page", f"QFPay page {page}: {total} record(s) so far", page=page, total=total)

    result = rc.reconcile(
        rt.journal, client, start, end,
        till_id=rt.settings.till_id, udid=client.udid, progress=progress,
    )  # fmt: skip
    for finding in result.differences():
        rep.event("difference", _finding_text(finding), **_finding_fields(finding))
    settled: list[str] = []
    if args.settle and any(f.settleable for f in result.findings):
        from pos_app.cli.sales import make_engine  # noqa: PLC0415

        engine = make_engine(rt, rep, cashier=None, poll=None, timeout=None)
        settled = rc.settle(engine, result)
        result = rc.reconcile(
            rt.journal, client, start, end, till_id=rt.settings.till_id, udid=client.udid
        )
    counts = {kind: result.count(kind) for kind in (rc.MATCHED, rc.MISSING_HERE,
                                                     rc.MISSING_THERE, rc.DIFFERS)}  # fmt: skip
    text = (
        f"{day.isoformat()}: {counts[rc.MATCHED]} matched, {counts[rc.MISSING_HERE]} missing "
        f"here, {counts[rc.MISSING_THERE]} missing at QFPay, {counts[rc.DIFFERS]} differing."
    )
    code = Exit.OK if result.ok else Exit.UNKNOWN
    rep.result(text, date=day.isoformat(), **counts, settled=settled, exit_code=int(code))
    return code


def _finding_text(finding: Any) -> str:
    rec = finding.local
    amount = format_amount(rec.txamt, rec.currency) if rec else ""
    if rec is None and finding.remote:
        first = finding.remote[0]
        if first.txamt is not None and first.txcurrcd:
            amount = format_amount(first.txamt, first.txcurrcd)
    return f"{finding.kind:<13} {finding.out_trade_no} {amount}: {finding.why}"


def _finding_fields(finding: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"finding": finding.kind, "out_trade_no": finding.out_trade_no,
                              "why": finding.why}  # fmt: skip
    if finding.local is not None:
        rec = finding.local
        fields.update(state=rec.state.value, currency=rec.currency, syssn=rec.syssn)
        fields.update(money_fields(rec.txamt, rec.currency))
    if finding.remote:
        first = finding.remote[0]
        fields["qfpay_respcd"] = first.respcd
        fields["qfpay_syssn"] = first.syssn
        if first.txamt is not None and first.txcurrcd:
            fields["qfpay_currency"] = first.txcurrcd
            fields.update(money_fields(first.txamt, first.txcurrcd, "qfpay_amount"))
    return fields
