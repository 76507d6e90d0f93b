"""Entry point of ``qfpay-pos``: parse, run one command, map every failure to an exit code.

Every error a person can cause or fix ends as one line on stderr and a documented exit code
(see :mod:`pos_app.cli.exitcodes`), never a traceback: the till is driven by scripts as well
as by people, and both need to know whether a customer was charged.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from pos_app.cli.admin import InputError, SecretReader
from pos_app.cli.exitcodes import Exit
from pos_app.cli.output import Reporter
from pos_app.cli.parser import build_parser
from pos_app.cli.runtime import Runtime
from pos_app.engine.errors import (
    EngineError,
    InputRefusedError,
    JournalError,
    JournalStorageError,
    ManagerAuthError,
    ManagerLockedError,
    SaleUnresolvedError,
    TransitionRefusedError,
)
from pos_app.files import disable_core_dumps
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.errors import (
    ConfigurationError,
    DeclinedError,
    GatewayError,
    MerchantError,
    OutcomeUnknownError,
    QFPayError,
    RequestValidationError,
)
from pos_app.settings import SettingsError

logger = logging.getLogger("pos_app.cli")


UI_MODULE = "pos_app.ui.app"
#: Commands implemented in :mod:`pos_app.cli.manage` (history, reports, notes, checks).
MANAGE_COMMANDS = ("history", "report", "note", "reconcile", "statement")


def _run_ui(rt: Runtime, rep: Reporter) -> int:
    """Hand over to the window.  The UI is loaded by name at run time, on purpose: the core
    may not depend on Qt (import-linter forbids ``pos_app.cli -> pos_app.ui``), yet the one
    console script must open the window when given no command."""
    try:
        run_app = importlib.import_module(UI_MODULE).run_app
    except (ImportError, AttributeError) as exc:
        rep.error(
            QT_TRANSLATE_NOOP("cli", "The till window is not available in this installation")
            + f" ({exc}). Use a command such as 'qfpay-pos pay --help'."
        )
        return Exit.CONFIG
    return int(run_app(rt.settings, rt.options))


def _dispatch(rt: Runtime, rep: Reporter) -> int:
    command = rt.args.command
    reader = SecretReader(sys.stdin)
    if command is None:
        return _run_ui(rt, rep)
    if command in ("backoffice", "chain"):  # chain mode (issue 13)
        from pos_app.cli import chain  # noqa: PLC0415

        if command == "backoffice":
            return chain.cmd_backoffice(rt, rep)
        return chain.cmd_chain(rt, rep, reader)
    if command in ("settings", "diagnostics") or (
        getattr(rt.args, "credentials_command", None) == "test"
    ):
        from pos_app.cli import setup  # noqa: PLC0415

        if command == "settings":
            return setup.cmd_settings(rt, rep)
        if command == "diagnostics":
            return setup.cmd_diagnostics(rt, rep)
        return setup.cmd_credentials_test(rt, rep)
    if command in MANAGE_COMMANDS:
        from pos_app.cli import manage  # noqa: PLC0415

        if command == "report":
            return manage.cmd_report(rt, rep, reader)
        return int(getattr(manage, f"cmd_{command}")(rt, rep))
    if command in ("manager", "credentials"):
        from pos_app.cli import admin  # noqa: PLC0415

        if command == "manager":
            return admin.cmd_manager(rt, rep, reader)
        return admin.cmd_credentials(rt, rep, reader)
    # Money commands load the engine and HTTP client only when needed.
    from pos_app.cli import sales  # noqa: PLC0415

    if command == "pay":
        return sales.cmd_pay(rt, rep)
    if command == "refund":
        return sales.cmd_refund(rt, rep, reader)
    if command == "query":
        return sales.cmd_query(rt, rep)
    return sales.cmd_recover(rt, rep)


def _exit_for_error(exc: BaseException) -> Exit | None:
    """The exit status for an error the CLI explains in one line; None = a real bug."""
    if isinstance(exc, SettingsError | ConfigurationError | JournalError | MerchantError):
        return Exit.CONFIG
    refused = RequestValidationError | InputRefusedError | InputError
    if isinstance(exc, refused | ManagerAuthError | ManagerLockedError):
        return Exit.USAGE
    if isinstance(exc, SaleUnresolvedError | OutcomeUnknownError):
        return Exit.UNKNOWN
    if isinstance(exc, DeclinedError):
        return Exit.DECLINED
    if isinstance(exc, GatewayError | QFPayError | EngineError):
        return Exit.UNKNOWN
    return None


def _message(exc: BaseException) -> str:
    if isinstance(exc, SettingsError):
        return str(exc)
    text = getattr(exc, "message", None) or str(exc)
    return str(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``qfpay-pos``; returns the process exit status."""
    disable_core_dumps()  # before any credential can be loaded (issue 8)
    parser = build_parser()
    args: argparse.Namespace = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    rep = Reporter(json_mode=bool(args.json))
    rt = Runtime(args)
    try:
        return int(_dispatch(rt, rep))
    except KeyboardInterrupt:
        if rep.finished:
            # A Ctrl-C after the answer was printed changes nothing: the sale is what the
            # last line says, and the exit status must agree with it.
            return rep.final_exit if rep.final_exit is not None else int(Exit.OK)
        rep.error(QT_TRANSLATE_NOOP("cli", "Interrupted before anything was sent."))
        return int(Exit.CANCELLED)
    except TransitionRefusedError as exc:
        # The journal refused a state change (another process owns the row now): the row
        # keeps what is on disk, recoverable, and the caller still gets its result line.
        rep.result(
            f"UNKNOWN out_trade_no={exc.out_trade_no} - {exc.message}",
            out_trade_no=exc.out_trade_no,
            status="UNKNOWN",
            message=exc.message,
            exit_code=int(Exit.UNKNOWN),
        )
        return int(Exit.UNKNOWN)
    except JournalStorageError as exc:
        if not exc.in_flight:
            rep.error(_message(exc))
            return int(Exit.CONFIG)
        # The disk failed after the request left: the sale may be in flight (exit 4), the
        # journal still holds it as sent, and 'recover' finishes it once there is room.
        rep.result(
            f"UNKNOWN out_trade_no={exc.out_trade_no} - {exc.message}",
            out_trade_no=exc.out_trade_no,
            status="UNKNOWN",
            message=exc.message,
            exit_code=int(Exit.UNKNOWN),
        )
        return int(Exit.UNKNOWN)
    except EOFError:
        rep.error(QT_TRANSLATE_NOOP("cli", "Input ended before it was complete."))
        return int(Exit.USAGE)
    except Exception as exc:
        code = _exit_for_error(exc)
        if code is None:
            raise
        rep.error(_message(exc))
        return int(code)
    finally:
        rt.close()
