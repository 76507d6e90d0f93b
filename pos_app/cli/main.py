"""Entry point of ``qfpay-pos``: parse, run one command, map every failure to an exit code.

Every error ends as one line on stderr and a documented exit code (see
:mod:`pos_app.cli.exitcodes`), never a traceback on the terminal (it goes to ``till.log``):
the till is driven by scripts as well as by people, and both need to know whether a customer
was charged.  Exit 1 means a decline and nothing else; an unexpected error during a money
command exits 4 (a transaction may be in flight), anywhere else 5 (a local problem).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from pos_app.cli.exitcodes import Exit
from pos_app.cli.output import Reporter
from pos_app.cli.parser import parse_args
from pos_app.cli.runtime import Runtime
from pos_app.engine.errors import (
    EngineError,
    InputRefusedError,
    JournalDamagedError,
    JournalError,
    JournalStorageError,
    ManagerAuthError,
    ManagerLockedError,
    NotSentError,
    PossibleDuplicateError,
    SaleUnresolvedError,
    TransitionRefusedError,
)
from pos_app.files import disable_core_dumps
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.errors import (
    ConfigurationError,
    GatewayError,
    OutcomeUnknownError,
    QFPayError,
    RequestValidationError,
)
from pos_app.settings import SettingsError

logger = logging.getLogger("pos_app.cli")


UI_MODULE = "pos_app.ui.app"
#: Commands implemented in :mod:`pos_app.cli.manage` (history, reports, notes, checks).
MANAGE_COMMANDS = ("history", "report", "note", "reconcile", "statement")
#: Commands that may send money requests: an unexpected error there may leave one in flight.
MONEY_COMMANDS = frozenset({"pay", "refund", "recover"})
NOT_SENT_EXIT = {"config": Exit.CONFIG, "input": Exit.USAGE}


#: A log record carrying this attribute goes to ``till.log`` only.
TERMINAL_SKIP = "qfpay_file_only"


def _for_terminal(record: logging.LogRecord) -> bool:
    return not getattr(record, TERMINAL_SKIP, False)


class OneLineFormatter(logging.Formatter):
    """The terminal's log format: never a traceback (those go to ``till.log`` only)."""

    def format(self, record: logging.LogRecord) -> str:
        plain = logging.makeLogRecord(record.__dict__)
        plain.exc_info = None
        plain.exc_text = None
        plain.stack_info = None
        return super().format(plain)


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
    if command is None:
        return _run_ui(rt, rep)
    # The commands' own modules load after the window's case: its first paint waits on them.
    from pos_app.cli.admin import SecretReader  # noqa: PLC0415

    reader = SecretReader(sys.stdin)
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
    if command == "cashier":
        from pos_app.cli import cashier  # noqa: PLC0415

        return cashier.cmd_cashier(rt, rep, reader)
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
    if isinstance(exc, NotSentError):
        if exc.in_flight:  # refused after a request left: that transaction may be charged
            return Exit.UNKNOWN
        return NOT_SENT_EXIT.get(exc.cause, Exit.NOT_SENT)
    if isinstance(exc, PossibleDuplicateError):
        return Exit.UNKNOWN
    if isinstance(exc, SettingsError | ConfigurationError | JournalError):
        return Exit.CONFIG
    if isinstance(exc, GatewayError):
        # The engine's one classifier decides what a refusal proves: only the till's setup
        # codes (1104-1108) prove nothing was done for a reason a person must fix (5).  Any
        # other merchant-class code (1102, 1136, 1203, 1260-1268, 2011 ...) is about an order
        # whose state the caller must check (4); a decline here is never a sale's own (4).
        from pos_app.engine.evidence import Kind, classify  # noqa: PLC0415

        return Exit.CONFIG if classify(exc).kind is Kind.CONFIG else Exit.UNKNOWN
    from pos_app.cli.admin import InputError  # noqa: PLC0415 - loaded with the commands

    refused = RequestValidationError | InputRefusedError | InputError
    if isinstance(exc, refused | ManagerAuthError | ManagerLockedError):
        return Exit.USAGE
    # A decline code reaching here was never a payment's own answer (the engine journals
    # those and returns them as outcomes): a refused enquiry or lookup proves nothing about
    # any sale, so it is never exit 1 ("nobody was charged").
    if isinstance(exc, SaleUnresolvedError | OutcomeUnknownError):
        return Exit.UNKNOWN
    if isinstance(exc, GatewayError | QFPayError | EngineError):
        return Exit.UNKNOWN
    return None


def _message(exc: BaseException) -> str:
    if isinstance(exc, SettingsError):
        return str(exc)
    text = str(getattr(exc, "message", None) or str(exc))
    if isinstance(exc, NotSentError) and exc.in_flight:
        text += " " + QT_TRANSLATE_NOOP(
            "cli", "A payment or refund may be in flight: run 'qfpay-pos recover'."
        )
    return text


def _unexpected(rt: Runtime, rep: Reporter, exc: BaseException) -> int:
    """An error nobody planned for: traceback to ``till.log``, one line to the terminal.

    During a money command a request may have left, so the status is 4 (run ``recover``);
    elsewhere it is a local problem (storage, settings), status 5.  Never 1: that means a
    decline, and a script would tell the customer they were not charged.
    """
    try:
        rt.open_log()
    except Exception:  # the log itself may be what failed (read-only data dir)
        logger.debug("till.log could not be opened", exc_info=True)
    logger.error(
        "unexpected error",
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={TERMINAL_SKIP: True},
    )
    in_flight = rt.args.command in MONEY_COMMANDS and rt.money_started
    # sqlite3 is looked up, not imported: the window's first paint must not pay for it, and an
    # error of a module nobody loaded cannot be the one raised.
    sqlite3 = sys.modules.get("sqlite3")
    storage: tuple[type[BaseException], ...] = (OSError,)
    if sqlite3 is not None:
        storage = (OSError, sqlite3.Error)
    if isinstance(exc, storage):
        what = QT_TRANSLATE_NOOP("cli", "Storage problem")
    elif isinstance(exc, RecursionError | MemoryError):
        what = QT_TRANSLATE_NOOP("cli", "Input too large or too deeply nested")
    else:
        what = QT_TRANSLATE_NOOP("cli", "Unexpected error")
    text = f"{what}: {type(exc).__name__}: {str(exc)[:200]}"
    if in_flight:
        text += " " + QT_TRANSLATE_NOOP(
            "cli", "A payment or refund may be in flight: run 'qfpay-pos recover'."
        )
    rep.error(text + " " + QT_TRANSLATE_NOOP("cli", "(details in till.log)"))
    return int(Exit.UNKNOWN if in_flight else Exit.CONFIG)


def _unknown_result(rep: Reporter, out_trade_no: str | None, message: str) -> int:
    """The result line of a transaction left UNKNOWN (exit 4): 'recover' finishes it."""
    rep.result(
        f"UNKNOWN out_trade_no={out_trade_no} - {message}",
        out_trade_no=out_trade_no,
        status="UNKNOWN",
        message=message,
        exit_code=int(Exit.UNKNOWN),
    )
    return int(Exit.UNKNOWN)


def _quiet_stdout() -> None:
    """After a closed pipe (``history | head``) further writes must not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``qfpay-pos``; returns the process exit status."""
    disable_core_dumps()  # before any credential can be loaded (issue 8)
    args: argparse.Namespace = parse_args(argv)
    console = logging.StreamHandler()
    console.setFormatter(OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
    console.addFilter(_for_terminal)
    logging.basicConfig(level=logging.WARNING, handlers=[console])
    rep = Reporter(json_mode=bool(args.json))
    rt = Runtime(args)
    try:
        return int(_dispatch(rt, rep))
    except BrokenPipeError:
        _quiet_stdout()
        if rep.final_exit is not None:
            return rep.final_exit
        return int(Exit.UNKNOWN if args.command in MONEY_COMMANDS else Exit.OK)
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
        return _unknown_result(rep, exc.out_trade_no, exc.message)
    except (JournalStorageError, JournalDamagedError) as exc:
        if not exc.in_flight:
            rep.error(_message(exc))
            return int(Exit.CONFIG)
        # The disk failed (or a damaged page was read) after the request left: the sale may
        # be in flight (exit 4), and 'recover' finishes it once the journal is usable again.
        return _unknown_result(rep, exc.out_trade_no, exc.message)
    except EOFError:
        rep.error(QT_TRANSLATE_NOOP("cli", "Input ended before it was complete."))
        return int(Exit.USAGE)
    except Exception as exc:
        code = _exit_for_error(exc)
        if code is None:
            return _unexpected(rt, rep, exc)
        rep.error(_message(exc))
        return int(code)
    finally:
        try:
            rt.close()
        except Exception:
            logger.exception("closing the run failed")
