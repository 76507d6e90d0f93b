"""``settings show|set``, ``credentials test``: going live from a script or a terminal.

These share their logic with the first-run wizard (:mod:`pos_app.setup`), so a shop that
scripts its installs gets exactly the checks and explanations the wizard shows.
"""

from __future__ import annotations

import argparse

from pos_app.cli.exitcodes import Exit
from pos_app.cli.output import Reporter
from pos_app.cli.runtime import Runtime
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.errors import ConfigurationError
from pos_app.qfpay.signing import parse_sign_type
from pos_app.setup.edit import SettingKeyError, flatten, set_value


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``settings``; ``credentials test`` is added beside set/show/clear."""
    settings = sub.add_parser("settings", help="show or change one setting (settings.json)")
    ssub = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    ssub.add_parser("show", help="every setting as KEY = VALUE (no secrets are stored there)")
    sset = ssub.add_parser("set", help="change one setting, e.g. 'set printer.kind usb'")
    sset.add_argument("key", metavar="KEY", help="dotted name as 'settings show' prints it")
    sset.add_argument("value", metavar="VALUE", help="text; true/false; null to unset")
    diag = sub.add_parser(
        "diagnostics", help="write one zip for support (logs, settings, versions; no secrets)"
    )
    diag.add_argument(
        "--output", metavar="PATH", help="zip file or folder (default: the current folder)"
    )


def add_credentials_test(csub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    csub.add_parser("test", help="a harmless signed enquiry that says whether the credentials work")


def cmd_settings(rt: Runtime, rep: Reporter) -> Exit:
    if rt.args.settings_command == "show":
        flat = flatten(rt.settings)
        for key, value in flat.items():
            shown = "null" if value is None else repr(value) if isinstance(value, str) else value
            rep.line(f"{key} = {shown}")
        rep.result(
            QT_TRANSLATE_NOOP("cli", "Settings file:") + f" {rt.paths.settings_file}",
            file=str(rt.paths.settings_file),
            settings=flat,
        )
        return Exit.OK
    key, text = rt.args.key, rt.args.value
    try:
        updated = set_value(rt.paths, key, text)
    except (SettingKeyError, ValueError) as exc:
        rep.error(str(exc) + " " + QT_TRANSLATE_NOOP("cli", "(nothing was changed)"))
        return Exit.USAGE
    value = flatten(updated)[key]
    rep.result(f"{key} = {value!r}", key=key, value=value)
    return Exit.OK


def cmd_credentials_test(rt: Runtime, rep: Reporter) -> Exit:
    """Exit 0 when the credentials work (a clock warning is printed but still 0), else 5."""
    from pos_app.setup.connection import test_connection  # noqa: PLC0415 - loads httpx

    if rt.env_name == "training":
        rep.line(
            QT_TRANSLATE_NOOP(
                "cli", "Training mode uses the built-in gateway; testing its connection."
            )
        )
    try:
        credentials = rt.credentials()
    except ConfigurationError as exc:
        rep.error(exc.message)
        return Exit.CONFIG
    environment = rt.environment
    findings = test_connection(
        credentials,
        environment.base_url,
        environment=rt.env_name,
        region=rt.region,
        sign_type=parse_sign_type(rt.settings.sign_type),
        timeout=min(rt.settings.timing.http_timeout_s, 15.0),
    )
    first, *rest = findings
    for extra in rest:
        rep.warn(extra.message.text())
    if not first.ok:
        rep.error(first.message.text())
        if rep.json_mode:
            rep.result(
                first.message.text(), ok=False, finding=first.kind, message=first.message.text()
            )
        return Exit.CONFIG
    rep.result(
        first.message.text(),
        ok=True,
        finding=first.kind,
        message=first.message.text(),
        warnings=[f.kind for f in rest],
    )
    return Exit.OK


def cmd_diagnostics(rt: Runtime, rep: Reporter) -> Exit:
    from pathlib import Path  # noqa: PLC0415

    from pos_app.setup.diagnostics import DiagnosticsError, export_diagnostics  # noqa: PLC0415

    target = Path(rt.args.output or ".").expanduser()
    try:
        export = export_diagnostics(rt.paths, rt.settings, target, environ=rt.environ)
    except DiagnosticsError as exc:
        rep.error(str(exc))
        return Exit.CONFIG
    rep.result(
        QT_TRANSLATE_NOOP("cli", "Diagnostics written to") + f" {export.path}",
        path=str(export.path),
        members=list(export.members),
        size=export.size,
    )
    return Exit.OK
