"""Commands that move money or ask about it: pay, refund, query, recover.

Input is checked with the wire layer's own rules *before* the journal is opened or any
gateway is started, so a typo can never leave a row behind or reach QFPay (exit 2).  After
that, the engine owns the money: the CLI only turns its events into lines, and Ctrl-C into
a cooperative cancel (the engine reverses or closes and reports a confirmed state; the CLI
never just stops in the middle of a payment).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from pos_app.cli.admin import SecretReader
from pos_app.cli.exitcodes import Exit, exit_for_state
from pos_app.cli.output import Reporter
from pos_app.cli.runtime import Runtime
from pos_app.engine import (
    CancelToken,
    EngineEvent,
    Outcome,
    PaymentEngine,
    RecoveryItem,
    RecoveryReport,
    TxRecord,
)
from pos_app.engine.errors import (
    EarlierUnresolvedError,
    InputRefusedError,
    PossibleDuplicateError,
)
from pos_app.engine.names import cashier_name
from pos_app.engine.states import TxMode, TxState
from pos_app.engine.views import CANCELLED_FLAGS, Verdict, read_view
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.checks import check_auth_code_for, check_goods_name
from pos_app.qfpay.currencies import format_amount, from_txamt, get_currency, to_txamt
from pos_app.qfpay.errors import RequestValidationError
from pos_app.qfpay.paytypes import PayType, get_pay_type
from pos_app.qfpay.status import StatusClass

#: Longest amount text worth parsing: TXAMT_MAX has 11 digits; anything longer is a typo.
MAX_AMOUNT_TEXT = 32
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")

#: "Not found" is not a decline: right after a request it proves nothing (exit 4).
VERDICT_EXIT = {
    Verdict.PAID: Exit.OK,
    Verdict.CANCELLED: Exit.CANCELLED,
    Verdict.PENDING: Exit.UNKNOWN,
    Verdict.DOUBLE: Exit.UNKNOWN,
    Verdict.MISMATCH: Exit.UNKNOWN,
    Verdict.FAILED: Exit.DECLINED,
    Verdict.NOT_FOUND: Exit.UNKNOWN,
}


@dataclasses.dataclass(frozen=True)
class PayRequest:
    """A payment the CLI has checked and may hand to the engine."""

    txamt: int
    currency: str
    pay_type: PayType
    auth_code: str | None
    goods_name: str | None = None


@contextmanager
def _option(name: str) -> Iterator[None]:
    """Prefix a refusal with the option it is about, so the one stderr line says which."""
    try:
        yield
    except RequestValidationError as exc:
        raise RequestValidationError(f"{name}: {exc.message}") from None


def parse_amount(text: str, currency: str) -> int:
    """Plain decimal notation only: ``1e3`` or ``+5`` on a till is a typo, not an amount."""
    cleaned = str(text).strip()
    with _option("--amount"):
        if len(cleaned) > MAX_AMOUNT_TEXT:
            raise RequestValidationError("that is not an amount a till can take")
        if not _AMOUNT.fullmatch(cleaned):
            raise RequestValidationError(f"{cleaned!r} is not an amount like 12.34")
        return to_txamt(cleaned, currency)


def check_pay_input(rt: Runtime) -> PayRequest:
    """All of ``pay``'s input rules; raises ``RequestValidationError`` (exit 2)."""
    args = rt.args
    with _option("--currency"):
        currency = get_currency((args.currency or rt.settings.currency).strip().upper())
    txamt = parse_amount(args.amount, currency.code)
    with _option("--pay-type"):
        pay_type = get_pay_type(str(args.pay_type))
    enabled = rt.settings.pay_types
    if enabled and pay_type.code not in enabled:
        raise RequestValidationError(f"pay type {pay_type.code} is not enabled on this till")
    with _option("--auth-code"):
        code = None if args.auth_code is None else str(args.auth_code)
        auth_code = check_auth_code_for(pay_type, code)
    with _option("--goods-name"):
        goods_name = check_goods_name(args.goods_name)
    if args.cashier is not None:
        try:  # no control characters or escape sequences, a sane length (issue 8)
            cashier_name(args.cashier)
        except InputRefusedError as exc:
            raise RequestValidationError(exc.message) from None
    return PayRequest(txamt, currency.code, pay_type, auth_code, goods_name)


def _amount_text(txamt: int, currency: str) -> str:
    return str(from_txamt(txamt, currency))


def _recovered_fields(item: RecoveryItem, rec: TxRecord | None) -> dict[str, Any]:
    """The JSON fields of one settled transaction: the same for ``pay``'s "earlier" events
    and ``recover``'s "recovered" ones, so a script reads both with one parser."""
    return {
        "out_trade_no": item.out_trade_no,
        "before": item.before.value,
        "status": item.after.value,
        "action": item.action,
        "syssn": rec.syssn if rec else None,
        "amount": _amount_text(rec.txamt, rec.currency) if rec else None,
        "currency": rec.currency if rec else None,
        "message": item.reason or None,
    }


class EventPrinter:
    """Turns engine events into progress lines; draws the MPM QR code in plain mode."""

    def __init__(self, rep: Reporter) -> None:
        self.rep = rep

    def __call__(self, event: EngineEvent) -> None:
        if event.kind == "qrcode" and event.qrcode:
            self.rep.event(
                "qrcode",
                f"Ask the customer to scan: {event.qrcode}",
                out_trade_no=event.out_trade_no,
                qrcode=event.qrcode,
            )
            self._draw(event.qrcode)
            return
        if event.kind == "waiting":
            self.rep.event(
                "waiting",
                None,
                out_trade_no=event.out_trade_no,
                state=event.state.value,
                seconds_left=round(event.seconds_left or 0.0, 1),
            )
            return
        text = f"{event.state.value}: {event.message}" if event.message else event.state.value
        seconds = None if event.seconds_left is None else round(event.seconds_left, 1)
        if seconds is not None and event.kind == "message":
            text += f" (about {seconds:g} s)"
        self.rep.event(
            event.kind,
            text,
            out_trade_no=event.out_trade_no,
            state=event.state.value,
            syssn=event.syssn,
            respcd=event.respcd,
            message=event.message or None,
            seconds_left=seconds,
        )

    def _draw(self, data: str) -> None:
        if self.rep.json_mode:
            return
        import segno  # noqa: PLC0415 - only MPM sales draw a code

        segno.make(data, error="m").terminal(out=self.rep.out, compact=True)


_STOP_WATCHER = b"\xff"  # signal numbers are below 65, so this byte is never a signal


@contextmanager
def cancel_on_interrupt(token: CancelToken, rep: Reporter) -> Iterator[None]:
    """Ctrl-C / SIGTERM ask the engine to cancel; the flow then reverses or closes properly.

    The cancel is *not* done inside the signal handler: a Python handler runs in the main
    thread between two bytecodes, possibly while that thread holds the very lock that
    ``CancelToken.cancel()`` (a ``threading.Event``) or the reporter needs, which would
    deadlock the till mid-payment.  Instead the C-level handler writes the signal number to
    a pipe (``signal.set_wakeup_fd``) and a small watcher thread does the cancelling.

    The wakeup fd is set *before* the handlers replace ``KeyboardInterrupt``, so no signal
    can fall between the two: one arriving during set-up still raises ``KeyboardInterrupt``
    (nothing has been sent yet), and the set-up is undone whichever step it reached.  The
    caller keeps the block open until the outcome is printed, so a late Ctrl-C can never
    turn a reported sale into "interrupted".
    """
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)

    def watch() -> None:
        while True:
            data = os.read(read_fd, 1)
            if not data or data == _STOP_WATCHER:
                return
            # Cancel first: the note on stderr must never stand between the cashier's
            # Ctrl-C and the flow seeing it (a full or stuck stderr would block it).
            first = not token.cancelled
            token.cancel()
            if first:
                with contextlib.suppress(Exception):
                    rep.warn(
                        QT_TRANSLATE_NOOP(
                            "cli", "Cancelling: waiting for the gateway to confirm..."
                        )
                    )

    def ignore(signum: int, frame: FrameType | None) -> None:
        del signum, frame  # the wakeup fd carries the signal to the watcher

    watcher = threading.Thread(target=watch, name="cli-interrupt-watcher", daemon=True)
    previous: dict[signal.Signals, Callable[[int, FrameType | None], Any] | int | None] = {}
    old_wakeup: int | None = None
    try:
        watcher.start()
        old_wakeup = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
        for sig in (signal.Signals.SIGINT, signal.Signals.SIGTERM):
            old = signal.getsignal(sig)
            signal.signal(sig, ignore)
            previous[sig] = old
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old if old is not None else signal.SIG_DFL)
        if old_wakeup is not None:
            signal.set_wakeup_fd(old_wakeup)
        if watcher.is_alive():
            os.write(write_fd, _STOP_WATCHER)
            watcher.join(timeout=5)
        os.close(write_fd)
        if not watcher.is_alive():  # never pull the fd from under a thread still reading it
            os.close(read_fd)


def make_engine(
    rt: Runtime, rep: Reporter, *, cashier: str | None, poll: float | None, timeout: float | None
) -> PaymentEngine:
    rt.client()  # credentials first: a missing key is refused before any gateway starts
    if rt.training_gateway is not None:
        rep.warn(f"training gateway running at {rt.training_gateway.base_url}")
    return rt.engine(
        cashier=cashier or "cli",
        poll_interval=poll,
        timeout=timeout,
        on_event=EventPrinter(rep),
    )


def report_outcome(rep: Reporter, outcome: Outcome) -> Exit:
    code = exit_for_state(outcome.state)
    amount = format_amount(outcome.txamt, outcome.currency)
    text = f"{outcome.state.value} {amount} out_trade_no={outcome.out_trade_no}"
    if outcome.syssn:
        text += f" syssn={outcome.syssn}"
    if outcome.message:
        text += f" - {outcome.message}"
    rep.result(
        text,
        out_trade_no=outcome.out_trade_no,
        syssn=outcome.syssn,
        status=outcome.state.value,
        amount=_amount_text(outcome.txamt, outcome.currency),
        currency=outcome.currency,
        pay_type=outcome.pay_type,
        wallet_pay_type=outcome.wallet_pay_type,
        respcd=outcome.respcd,
        message=outcome.message or None,
        exit_code=int(code),
    )
    return code


def report_earlier(rt: Runtime, rep: Reporter, report: RecoveryReport) -> None:
    """What settling the earlier open payments found, one event per transaction.

    A payment found PAID here is an earlier customer's money: the cashier must see it
    before asking anyone to pay again.
    """
    for item in report.items:
        rec = rt.journal.get(item.out_trade_no)
        amount = format_amount(rec.txamt, rec.currency) if rec else ""
        text = (
            f"earlier {item.out_trade_no} {amount}: {item.before.value} -> {item.after.value}"
            + (f" ({item.reason})" if item.reason else "")
        )
        if item.after is TxState.PAID:
            text += " - this earlier sale was PAID: do not ask that customer to pay again"
        rep.event("earlier", text, **_recovered_fields(item, rec))


def cmd_pay(rt: Runtime, rep: Reporter) -> Exit:
    """Settle what earlier runs left open, then take the payment.

    Refused with exit 4 and nothing sent when an earlier payment cannot be settled, or was
    just found PAID for the same amount (a possible duplicate: run ``pay`` again to charge
    anyway, since that earlier sale is final now).
    """
    request = check_pay_input(rt)
    args = rt.args
    engine = make_engine(
        rt, rep, cashier=args.cashier, poll=args.poll_interval, timeout=args.timeout
    )
    token = CancelToken()
    with cancel_on_interrupt(token, rep):
        report: RecoveryReport | None = None
        try:
            report = engine.settle_earlier(
                txamt=request.txamt, currency=request.currency, cancel=token
            )
        except (EarlierUnresolvedError, PossibleDuplicateError) as exc:
            report = exc.report
            raise
        finally:
            if report is not None:
                report_earlier(rt, rep, report)
        if token.cancelled:
            rep.result(
                QT_TRANSLATE_NOOP("cli", "Cancelled before the payment was sent."),
                status="not_sent",
                exit_code=int(Exit.CANCELLED),
            )
            return Exit.CANCELLED
        if request.auth_code is not None:
            outcome = engine.pay_cpm(
                txamt=request.txamt,
                currency=request.currency,
                pay_type=request.pay_type.code,
                auth_code=request.auth_code,
                cancel=token,
                goods_name=request.goods_name,
            )
        else:
            outcome = engine.start_mpm(
                txamt=request.txamt,
                currency=request.currency,
                pay_type=request.pay_type.code,
                cancel=token,
                timeout=args.timeout,
                goods_name=request.goods_name,
            )
        return report_outcome(rep, outcome)


def cmd_refund(rt: Runtime, rep: Reporter, reader: SecretReader) -> Exit:
    """Learn the original payment first, then read the amount in *its* currency.

    A refund request carries no currency: its ``txamt`` is in the original's.  Parsing
    "3" as the till's HKD for a JPY sale would refund 100 times too much, so the original is
    found (journal, else the gateway by syssn) before the amount means anything; if it
    cannot be found, nothing is sent.
    """
    args = rt.args
    syssn = str(args.syssn).strip()
    if not (syssn.isascii() and syssn.isalnum()):
        raise RequestValidationError(f"{args.syssn!r} is not a QFPay transaction number")
    local = rt.journal.by_syssn(syssn)
    if local is not None:  # a typo in the amount is refused before any network or PIN
        parse_amount(args.amount, local.currency)
    engine = make_engine(
        rt, rep, cashier=args.cashier, poll=args.poll_interval, timeout=args.timeout
    )
    original = engine.find_original(syssn)
    txamt = parse_amount(args.amount, original.currency)
    rep.event(
        "original",
        f"original {syssn}: {format_amount(original.txamt, original.currency)}; "
        f"refunding {format_amount(txamt, original.currency)}",
        syssn=syssn,
        amount=_amount_text(original.txamt, original.currency),
        currency=original.currency,
        refund_amount=_amount_text(txamt, original.currency),
    )
    pin = reader.read(f"PIN for {args.manager}: ")
    token = CancelToken()
    with cancel_on_interrupt(token, rep):
        outcome = engine.refund(
            orig_syssn=syssn,
            txamt=txamt,
            manager=str(args.manager),
            pin=pin,
            cancel=token,
            currency=original.currency,
        )
        return report_outcome(rep, outcome)


def _record_fields(record: Any) -> dict[str, Any]:
    currency = record.txcurrcd or "HKD"
    amount = None
    if record.txamt is not None:
        try:
            amount = _amount_text(record.txamt, currency)
        except RequestValidationError:
            amount = str(record.txamt)
    return {
        "out_trade_no": record.out_trade_no,
        "syssn": record.syssn,
        "respcd": record.respcd,
        "amount": amount,
        "currency": record.txcurrcd,
        "pay_type": record.pay_type,
        "cancel": record.cancel,
        "order_type": record.order_type,
        "sysdtm": record.sysdtm,
    }


def _syssn_exit(records: list[Any], syssn: str) -> tuple[Exit, str]:
    mine = [r for r in records if (r.syssn or "") == syssn]
    if not mine:
        return Exit.UNKNOWN, "not found"
    rec = mine[0]
    if (rec.cancel or "0") in CANCELLED_FLAGS:
        return Exit.CANCELLED, "cancelled"
    if rec.status.status_class is StatusClass.SUCCESS:
        return Exit.OK, "success"
    if rec.status.status_class is StatusClass.IN_PROGRESS:
        return Exit.UNKNOWN, "pending"
    return Exit.DECLINED, "failed"


def cmd_query(rt: Runtime, rep: Reporter) -> Exit:
    args = rt.args
    key = str(args.out_trade_no or args.syssn).strip()
    if not (key.isascii() and key.isalnum()):
        raise RequestValidationError(f"{key!r} is not a transaction number")
    local = rt.journal.get(key) if args.out_trade_no else rt.journal.by_syssn(key)
    if local is not None:
        rep.event(
            "journal",
            f"journal: {local.state.value} {format_amount(local.txamt, local.currency)} "
            f"({local.mode.value}, {local.reason or '-'})",
            out_trade_no=local.out_trade_no,
            state=local.state.value,
            syssn=local.syssn,
        )
    client = rt.client()
    by_order = bool(args.out_trade_no)
    records = client.query(out_trade_no=key) if by_order else client.query(syssn=key)
    for record in records:
        fields = _record_fields(record)
        rep.event(
            "gateway",
            f"gateway: respcd={record.respcd} {fields['amount']} {record.txcurrcd or ''} "
            f"syssn={record.syssn} cancel={record.cancel or '0'} ({record.status.meaning})",
            **fields,
        )
    if args.out_trade_no:
        refund = local is not None and local.mode is TxMode.REFUND
        view = read_view(
            records,
            key,
            refund=refund,
            txamt=local.txamt if local is not None else None,
            currency=local.currency if local is not None else None,
        )
        code, verdict = VERDICT_EXIT[view.verdict], view.verdict.value
        syssn = view.syssn
    else:
        code, verdict = _syssn_exit(records, key)
        syssn = key
    rep.result(
        f"{key}: {verdict}",
        out_trade_no=args.out_trade_no or (local.out_trade_no if local else None),
        syssn=syssn,
        status=verdict,
        journal_state=local.state.value if local else None,
        exit_code=int(code),
    )
    return code


def cmd_recover(rt: Runtime, rep: Reporter) -> Exit:
    """Resolve every unfinished row; exit 0 only when nothing is left open or flagged."""
    args = rt.args
    timeout = args.timeout or rt.settings.timing.recover_timeout_s
    if not rt.journal.unfinished():
        rep.result("Nothing to recover.", resolved=0, pending=0, attention=0)
        return Exit.OK
    engine = make_engine(rt, rep, cashier=None, poll=args.poll_interval, timeout=timeout)
    token = CancelToken()
    with cancel_on_interrupt(token, rep):
        report = _recover_with_progress(engine, rep, token)
        return _report_recovery(rt, rep, report)


def _recover_with_progress(
    engine: PaymentEngine, rep: Reporter, token: CancelToken
) -> RecoveryReport:
    """Recover row by row, saying which one is being checked: a wallet can keep a row
    in progress for a minute, and a silent terminal looks hung."""
    from pos_app.engine.recovery import recover  # noqa: PLC0415

    pending = engine.journal.unfinished()
    total = len(pending)
    rep.event("recovering", f"Checking {total} unfinished transaction(s)...", count=total)
    report = RecoveryReport()
    for number, rec in enumerate(pending, 1):
        rep.event(
            "checking",
            f"[{number}/{total}] {rec.out_trade_no} {format_amount(rec.txamt, rec.currency)} "
            f"({rec.state.value}): asking QFPay...",
            out_trade_no=rec.out_trade_no,
            index=number,
            count=total,
        )
        part = recover(engine, only=rec.out_trade_no, cancel=token)
        report.items.extend(part.items)
        for item in part.items:
            _report_item(engine, rep, item)
    return report


def _report_item(engine: PaymentEngine, rep: Reporter, item: RecoveryItem) -> None:
    rec = engine.journal.get(item.out_trade_no)
    rep.event(
        "recovered",
        f"{item.out_trade_no}: {item.before.value} -> {item.after.value} ({item.action})"
        + (f" {item.reason}" if item.reason else ""),
        **_recovered_fields(item, rec),
    )


def _report_recovery(rt: Runtime, rep: Reporter, report: RecoveryReport) -> Exit:
    """The final line; each item was printed as it finished."""
    pending = len(report.still_open)
    attention = len(report.needs_attention)
    total = len(report.items)
    code = Exit.UNKNOWN if pending or attention else Exit.OK
    rep.result(
        f"Recovered {total - pending} of {total}; "
        f"{pending} still open, {attention} need a manager.",
        resolved=total - pending,
        pending=pending,
        attention=attention,
        exit_code=int(code),
    )
    return code


__all__ = ["cmd_pay", "cmd_query", "cmd_recover", "cmd_refund"]
