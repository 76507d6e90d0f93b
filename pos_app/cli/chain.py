"""Chain-mode commands: the back office, a till's link to head office, chain-wide reports.

    qfpay-pos backoffice serve --database postgresql://bo@db/ho --bind 0.0.0.0:8080
    qfpay-pos chain password  [--database URL]      # PostgreSQL password into the keyring
    qfpay-pos chain check     [--database URL]      # can this till use head office? (as the wizard)
    qfpay-pos chain status    [--database URL]      # this till's sync lag, every till's last sync
    qfpay-pos chain sync      [--database URL] [--once]
    qfpay-pos chain report totals|x|z|reconcile [--date D | --from D --to D]
                                                [--by shop|till|cashier|wallet] [--csv FILE|-]

``--database`` defaults to the ``chain.database`` setting.  Nothing here is needed to take
payments: a till in chain mode works alone when head office is away.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_app.cli.admin import InputError, SecretReader
from pos_app.cli.exitcodes import Exit
from pos_app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from pos_app.cli.output import Reporter
    from pos_app.cli.runtime import Runtime

logger = logging.getLogger("pos_app.cli")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-21") from None


def add_chain_commands(sub: Any) -> None:
    """Register ``backoffice`` and ``chain`` on the main parser's subcommands."""
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database", metavar="URL", help="postgresql://user@host:port/db (no password)"
    )
    office = sub.add_parser("backoffice", help="head office: receive QFPay notifications")
    osub = office.add_subparsers(dest="backoffice_command", metavar="ACTION", required=True)
    serve = osub.add_parser("serve", parents=[database], help="serve POST /qfpay/notify")
    serve.add_argument("--bind", required=True, metavar="HOST:PORT")
    serve.add_argument("--pool", type=int, default=8, metavar="N", help="database connections")

    chain = sub.add_parser("chain", help="chain mode: head office link and chain-wide reports")
    csub = chain.add_subparsers(dest="chain_command", metavar="ACTION", required=True)
    csub.add_parser("password", parents=[database], help="store the PostgreSQL password")
    csub.add_parser("check", parents=[database], help="test the link to head office")
    csub.add_parser("status", parents=[database], help="sync lag of this till and all tills")
    sync = csub.add_parser("sync", parents=[database], help="ship this till's journal")
    sync.add_argument("--once", action="store_true", help="ship what is there, then exit")
    report = csub.add_parser("report", parents=[database], help="chain-wide reports")
    report.add_argument("kind", choices=("totals", "x", "z", "reconcile"))
    report.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="default: today")
    report.add_argument("--from", dest="first", type=_day, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="last", type=_day, metavar="YYYY-MM-DD")
    report.add_argument("--by", choices=("shop", "till", "cashier", "wallet"), default="shop")
    report.add_argument("--csv", metavar="FILE", help="write CSV to FILE ('-' for stdout)")


def _dsn(rt: Runtime) -> str:
    from pos_app.chain.database import ChainConfigError, check_dsn  # noqa: PLC0415

    given = getattr(rt.args, "database", None) or rt.settings.chain.database
    if not given:
        raise InputError(
            QT_TRANSLATE_NOOP(
                "cli",
                "No head office: give --database or run "
                "'qfpay-pos settings set chain.database postgresql://user@host/db'",
            )
        )
    try:
        return check_dsn(given)
    except ChainConfigError as exc:
        raise InputError(str(exc)) from None


def _connect(dsn: str) -> Any:
    from pos_app.chain.database import connect  # noqa: PLC0415

    try:
        return connect(dsn, autocommit=True)
    except Exception as exc:
        raise InputError(f"head office database unreachable: {exc}") from None


def cmd_backoffice(rt: Runtime, rep: Reporter) -> int:
    """Migrate the schema, then serve until interrupted."""
    from pos_app.chain.backoffice import build_server, create_app, parse_bind  # noqa: PLC0415
    from pos_app.chain.schema import migrate  # noqa: PLC0415

    dsn = _dsn(rt)
    try:
        parse_bind(rt.args.bind)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    credentials = rt.credentials()
    logging.getLogger("pos_app.chain").setLevel(logging.INFO)
    try:
        revision = migrate(dsn)
    except Exception as exc:
        rep.error(f"head office database unusable: {exc}")
        return Exit.CONFIG
    app = create_app(dsn, credentials.client_key, pool_size=max(1, rt.args.pool))
    server = build_server(app, rt.args.bind, log_level="info")
    rep.event(
        "serving",
        f"back office serving http://{rt.args.bind}/qfpay/notify "
        f"(schema {revision}, environment {rt.env_name})",
        bind=rt.args.bind,
        schema=revision,
    )
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn stops cleanly, then re-raises
        server.run()
    rep.result("back office stopped", exit_code=0)
    return Exit.OK


def cmd_chain(rt: Runtime, rep: Reporter, reader: SecretReader) -> int:
    action = rt.args.chain_command
    if action == "password":
        from pos_app.chain.database import save_password  # noqa: PLC0415

        dsn = _dsn(rt)
        save_password(dsn, reader.read("PostgreSQL password: "))
        rep.result("password stored in the keyring", exit_code=0)
        return Exit.OK
    if action == "check":
        return _check(rt, rep)
    if action == "status":
        return _status(rt, rep)
    if action == "sync":
        return _sync(rt, rep)
    return _report(rt, rep)


def _check(rt: Runtime, rep: Reporter) -> int:
    """The wizard's "Test connection" (pos_app.chain.join), from the command line."""
    from pos_app.chain.join import check_head_office  # noqa: PLC0415

    found = check_head_office(_dsn(rt))
    if not found.ok:
        rep.error(found.message.text())
        return Exit.CONFIG
    rep.result(found.message.text(), tills=found.tills, schema=found.revision, exit_code=0)
    return Exit.OK


def _sync(rt: Runtime, rep: Reporter) -> int:
    from pos_app.chain.sync import SyncWorker  # noqa: PLC0415

    dsn = _dsn(rt)
    path = rt.paths.journal_file_for(rt.env_name, rt.region)
    if not path.exists():
        raise InputError(f"no journal at {path}")
    worker = SyncWorker(
        path,
        dsn,
        till_id=rt.settings.till_id,
        environment=rt.env_name,
        shop=rt.settings.chain.shop,
    )
    try:
        if rt.args.once:
            shipped = worker.sync_all()
            rep.result(f"shipped {shipped} events", shipped=shipped, exit_code=0)
            return Exit.OK
        rep.event("syncing", "shipping the journal to head office; Ctrl-C stops")
        worker.start()
        while True:
            time.sleep(3600)  # the worker thread does the work; Ctrl-C ends it
    except KeyboardInterrupt:
        rep.result("sync stopped", exit_code=0)
        return Exit.OK
    except Exception as exc:
        rep.error(f"head office unreachable: {exc}")
        return Exit.UNKNOWN
    finally:
        worker.stop()


def _status(rt: Runtime, rep: Reporter) -> int:
    from pos_app.chain.sync import JournalReader  # noqa: PLC0415

    dsn = _dsn(rt)
    with _connect(dsn) as conn:
        rows = conn.execute(
            "SELECT till_id, environment, shop, last_event_id, last_sync_at FROM tills "
            "ORDER BY environment, shop, till_id"
        ).fetchall()
    path = rt.paths.journal_file_for(rt.env_name, rt.region)
    local = 0
    if path.exists():
        reader = JournalReader(path)
        local = reader.max_event_id()
        reader.close()
    mine = next((r for r in rows if r[0] == rt.settings.till_id and r[1] == rt.env_name), None)
    behind = local - (int(mine[3]) if mine else 0)
    for till_id, env, shop, cursor, synced in rows:
        rep.line(f"{env:9} {shop or '-':12} {till_id:10} event {cursor:>8}  synced {synced}")
    rep.result(
        f"this till ({rt.settings.till_id}) is {behind} events behind head office",
        behind=behind,
        exit_code=0,
    )
    return Exit.OK


def _write_csv(target: str, text: str, rep: Reporter) -> None:
    if target == "-":
        sys.stdout.write(text)
        return
    Path(target).write_text(text, encoding="utf-8")
    rep.event("csv", f"written to {target}", path=target)


def _report(rt: Runtime, rep: Reporter) -> int:
    from pos_app.chain import reports  # noqa: PLC0415
    from pos_app.qfpay.currencies import format_amount  # noqa: PLC0415

    args = rt.args
    day = args.date or date.today()
    first, last = args.first or day, args.last or args.first or day
    env = rt.env_name
    dsn = _dsn(rt)
    if args.kind == "reconcile":
        records = reports.fetch_day(rt.client(), day)
        with _connect(dsn) as conn:
            found = reports.reconcile(conn, records, day, environment=env)
        if args.csv:
            _write_csv(args.csv, reports.findings_csv(found), rep)
        problems = [f for f in found if f.finding != "matched"]
        for f in problems if args.csv != "-" else ():
            rep.line(
                f"{f.finding:15} {f.out_trade_no} {f.kind} till={f.till or '-'} "
                f"books=[{f.books}] qfpay=[{f.qfpay}]"
            )
        rep.result(
            f"{day}: {len(found) - len(problems)} matched, {len(problems)} to check",
            matched=len(found) - len(problems),
            problems=len(problems),
            exit_code=0 if not problems else int(Exit.UNKNOWN),
        )
        return Exit.OK if not problems else Exit.UNKNOWN
    if args.kind in ("x", "z"):
        first = last = day
    with _connect(dsn) as conn:
        try:
            report = reports.totals(conn, first, last, by=args.by, environment=env)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    if args.csv:
        _write_csv(args.csv, reports.totals_csv(report), rep)
    for row in report.rows if args.csv != "-" else ():  # CSV on stdout stays pure CSV
        rep.line(
            f"{row.group or '-':14} {row.currency} paid {row.paid_count:>4} "
            f"{format_amount(row.paid_amount, row.currency):>16}  refunded {row.refund_count:>3} "
            f"{format_amount(row.refund_amount, row.currency):>14}  net "
            f"{format_amount(row.net, row.currency):>16}  open {row.open_count} "
            f"attention {row.attention_count}"
        )
    for till_id, synced in report.behind:
        rep.warn(f"till {till_id} has not synced past the end of the period (last: {synced})")
    title = {"x": "X (so far)", "z": "Z (day closed)", "totals": "totals"}[args.kind]
    complete = report.complete
    summary = f"chain {title} {first}..{last} by {args.by}: {len(report.rows)} rows" + (
        "" if complete or args.kind == "x" else " - INCOMPLETE, see the warnings"
    )
    rep.result(
        summary if args.csv != "-" else "",
        rows=len(report.rows),
        complete=complete,
        exit_code=0 if complete or args.kind != "z" else int(Exit.UNKNOWN),
    )
    return Exit.OK if complete or args.kind != "z" else Exit.UNKNOWN
