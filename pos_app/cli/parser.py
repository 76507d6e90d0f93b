"""The ``qfpay-pos`` command line grammar.

Only the *shape* of the input is checked here (argparse exits 2 on its own for unknown
options); money-related values (amount, auth code, pay type) are validated by the wire
layer's own rules in :mod:`pos_app.cli.sales`, so the CLI and the UI refuse exactly the same
input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pos_app.qfpay.environments import ENVIRONMENTS, REGIONS

#: ``-h``/``--help`` lists the commands, so it always goes through the whole grammar.
_HELP = frozenset({"-h", "--help"})


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 86_400:  # also refuses NaN, which fails every comparison
        raise argparse.ArgumentTypeError(f"{text!r} must be between 0 and 86400 seconds")
    return value


def _add_polling(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--poll-interval",
        type=_positive_seconds,
        metavar="S",
        help="seconds between status queries (default from settings)",
    )
    parser.add_argument(
        "--timeout",
        type=_positive_seconds,
        metavar="S",
        help="local deadline before the till reverses or closes the order",
    )


class _NotGlobalOnly(Exception):
    """The quick parse met something only the whole grammar can judge."""


class _GlobalOnlyParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]  # never returns either
        raise _NotGlobalOnly(message)


def _global_parser(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options before any command (``--env``, ``--data-dir``...), added to *parser*."""
    parser.add_argument(
        "--env", choices=ENVIRONMENTS, help="environment (default: QFPAY_ENV or settings)"
    )
    parser.add_argument("--region", choices=REGIONS, help="region (default: settings)")
    parser.add_argument(
        "--base-url", metavar="URL", help="send requests here instead of the environment's host"
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where the journal lives")
    parser.add_argument("--config-dir", metavar="DIR", help="where settings.json lives")
    parser.add_argument(
        "--json", action="store_true", help="one JSON object per line: events, then the result"
    )
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse ``qfpay-pos``'s arguments as :func:`build_parser` would.

    Opening the window (no command, only the global options) is the common case and the one a
    cashier waits on: it is parsed by the global options alone, without building the ~70
    sub-parsers of every command (argparse looks up its translations for each of their
    strings, about 15 ms before the window's first paint).  Anything else (a command, help,
    a mistake, so that the message and usage line are the whole grammar's) goes through
    the whole grammar.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if not _HELP.intersection(args):
        quick = _global_parser(_GlobalOnlyParser(prog="qfpay-pos", add_help=False))
        try:
            namespace, rest = quick.parse_known_args(args)
        except _NotGlobalOnly:
            rest = ["?"]
        if not rest:
            namespace.command = None
            return namespace
    return build_parser().parse_args(args)


def build_parser() -> argparse.ArgumentParser:
    """The whole grammar; ``main`` dispatches on ``args.command``."""
    from pos_app.cli import setup  # noqa: PLC0415 - only the whole grammar needs them
    from pos_app.cli.manage_args import add_approved_actions  # noqa: PLC0415
    from pos_app.cli.manage_args import add_commands as add_manager_commands  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog="qfpay-pos",
        description="QFPay counter till. Without a command it opens the till window.",
        epilog=(
            "exit codes: 0 paid/succeeded, 1 declined, 2 bad usage or input (nothing sent), "
            "3 cancelled/reversed/closed, 4 outcome unknown or needs attention, "
            "5 configuration or credentials problem"
        ),
    )
    _global_parser(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    pay = sub.add_parser("pay", help="take a payment (CPM with --auth-code, else MPM)")
    pay.add_argument("--amount", required=True, help="amount in major units, e.g. 12.34")
    pay.add_argument("--currency", help="ISO code (default from settings, HKD)")
    pay.add_argument("--pay-type", required=True, metavar="CODE", help="QFPay pay_type code")
    pay.add_argument("--auth-code", metavar="CODE", help="the customer's payment code (CPM)")
    _add_polling(pay)
    pay.add_argument(
        "--http-timeout", type=_positive_seconds, metavar="S", help="per-request HTTP timeout"
    )
    pay.add_argument("--goods-name", metavar="NAME", help="item description sent to QFPay")
    pay.add_argument("--cashier", metavar="NAME", help="cashier name for the journal")

    query = sub.add_parser("query", help="ask the gateway about one transaction")
    which = query.add_mutually_exclusive_group(required=True)
    which.add_argument("--out-trade-no", metavar="X")
    which.add_argument("--syssn", metavar="Y")

    add_manager_commands(sub)  # history, report, note, reconcile, statement

    refund = sub.add_parser("refund", help="refund (part of) a payment; needs a manager PIN")
    refund.add_argument("--syssn", required=True, metavar="S", help="the payment's syssn")
    refund.add_argument("--amount", required=True, help="amount to refund, e.g. 1.00")
    refund.add_argument("--manager", required=True, metavar="NAME")
    refund.add_argument("--cashier", metavar="NAME", help="cashier name for the journal")
    _add_polling(refund)

    manager = sub.add_parser("manager", help="managers who may approve refunds")
    msub = manager.add_subparsers(dest="manager_command", metavar="ACTION", required=True)
    add_approved_actions(
        msub,
        (
            ("add", "add a manager (new PIN asked twice); needs --by unless it is the first"),
            ("change-pin", "change a PIN (--by another manager resets it)"),
            ("unlock", "lift a lockout now"),
            ("remove", "remove a manager (never the last one)"),
        ),
        approve="existing manager approving the change (asked for their PIN first)",
        by_required=False,  # the first manager needs nobody; change-pin defaults to self
    )
    msub.add_parser("list", help="list managers")
    msub.add_parser("audit", help="every manager change and lockout (append-only)")

    recover = sub.add_parser("recover", help="finish every unfinished transaction")
    _add_polling(recover)

    creds = sub.add_parser("credentials", help="QFPay credentials for the chosen environment")
    csub = creds.add_subparsers(dest="credentials_command", metavar="ACTION", required=True)
    csub.add_parser("set", help="store app code, key and merchant id in the keyring")
    csub.add_parser("show", help="show where credentials come from (never the key)")
    csub.add_parser("clear", help="remove the stored credentials")
    setup.add_credentials_test(csub)
    setup.add_commands(sub)
    from pos_app.cli.cashier import add_commands as add_cashier_commands  # noqa: PLC0415

    add_cashier_commands(sub)  # cashier add|remove|list|set-pin|clear-pin (issue 11)

    from pos_app.cli.chain import add_chain_commands  # noqa: PLC0415 - chain mode, issue 13

    add_chain_commands(sub)
    return parser
