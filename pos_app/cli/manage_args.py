"""The grammar of the manager's commands: history, report, note, reconcile, statement."""

from __future__ import annotations

import argparse
from datetime import date


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-21") from None


def _clock_time(text: str) -> str:
    parts = text.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise argparse.ArgumentTypeError(f"{text!r} is not a time like 08:30")
    hours, minutes = int(parts[0]), int(parts[1])
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise argparse.ArgumentTypeError(f"{text!r} is not a time like 08:30")
    return f"{hours:02d}:{minutes:02d}"


def _json_too(parser: argparse.ArgumentParser) -> None:
    """``--json`` also after the command (``reconcile --date D --json``); SUPPRESS keeps the
    global ``--json`` given before the command from being reset."""
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="JSON lines output"
    )


def add_approved_actions(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    actions: tuple[tuple[str, str], ...],
    *,
    approve: str,
    by_required: bool,
) -> None:
    """``ACTION NAME --by MANAGER`` subcommands (``manager add``, ``cashier set-pin`` ...):
    one grammar for every change a manager approves, whose PIN is then asked first."""
    for action, text in actions:
        one = sub.add_parser(action, help=text)
        one.add_argument("name")
        one.add_argument("--by", metavar="NAME", required=by_required, help=approve)


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the manager's commands on the main parser's subcommands."""
    history = sub.add_parser("history", help="transactions over any dates, searchable")
    history.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="one day")
    history.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD")
    history.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD")
    history.add_argument(
        "--search", metavar="TEXT", default="",
        help="an order number, syssn, sale id, last four digits of the code, or an amount",
    )  # fmt: skip
    history.add_argument("--wallet", metavar="NAME", help="wallet name or pay type code")
    history.add_argument("--state", metavar="STATE", help="e.g. PAID, REFUNDED")
    history.add_argument("--cashier", metavar="NAME")
    history.add_argument(
        "--sort", choices=("time", "amount", "state", "cashier", "wallet", "mode"),
        default="time",
    )  # fmt: skip
    history.add_argument("--desc", action="store_true", help="newest / largest first")
    history.add_argument("--csv", action="store_true", help="CSV on stdout")

    report = sub.add_parser("report", help="X report (any time) or Z report (closes the day)")
    which = report.add_mutually_exclusive_group()
    which.add_argument("--x", action="store_true", help="the open day so far (default)")
    which.add_argument("--z", action="store_true", help="close the business day (manager PIN)")
    which.add_argument("--number", type=int, metavar="N", help="reprint Z report N")
    report.add_argument("--cashier", metavar="NAME", help="X report for one cashier")
    report.add_argument("--since", type=_clock_time, metavar="HH:MM", help="shift start today")
    report.add_argument("--until", type=_clock_time, metavar="HH:MM", help="shift end today")
    report.add_argument("--manager", metavar="NAME", help="who closes the day (--z)")
    report.add_argument("--csv", action="store_true", help="CSV on stdout")
    report.add_argument("--width", type=int, choices=(32, 42), default=42, help="columns")

    note = sub.add_parser("note", help="add a note to a transaction (QFPay and the journal)")
    note.add_argument("--syssn", required=True, metavar="S")
    note.add_argument("--text", required=True, metavar="T")
    note.add_argument("--manager", metavar="NAME", help="who wrote it (default: cli)")

    reconcile = sub.add_parser("reconcile", help="check the journal against QFPay's records")
    reconcile.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="default: today")
    reconcile.add_argument(
        "--settle", action="store_true", help="finish open rows through recovery"
    )

    statement = sub.add_parser("statement", help="save QFPay's statement zip for a day")
    statement.add_argument("--date", type=_day, required=True, metavar="YYYY-MM-DD")
    statement.add_argument("--out", required=True, metavar="FILE")
    for parser in (history, report, note, reconcile, statement):
        _json_too(parser)
