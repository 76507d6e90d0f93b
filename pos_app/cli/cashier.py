"""``qfpay-pos cashier add|remove|list|set-pin|clear-pin``: who may start a shift (issue 11).

The names live in ``settings.json`` (``cashiers``: the shift-start list, the same on every
till of a shop); the optional PINs live in the journal as slow hashes
(:mod:`pos_app.engine.cashiers`).  Every change needs a manager (``--by NAME``, whose PIN
is read first), as the ``manager`` commands do; ``list`` needs nobody.
"""

from __future__ import annotations

import argparse
import dataclasses

from pos_app.cli.admin import InputError, SecretReader
from pos_app.cli.exitcodes import Exit
from pos_app.cli.manage_args import add_approved_actions
from pos_app.cli.output import Reporter
from pos_app.cli.runtime import Runtime
from pos_app.engine.errors import InputRefusedError
from pos_app.i18n import QT_TRANSLATE_NOOP

R_NEED_BY = QT_TRANSLATE_NOOP(
    "cli", "only a manager can do this: name the approving manager with --by NAME"
)
R_UNKNOWN = QT_TRANSLATE_NOOP("cli", "there is no cashier called {name} (see: cashier list)")
R_TAKEN = QT_TRANSLATE_NOOP("cli", "there is already a cashier called {name}")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cashier = sub.add_parser("cashier", help="cashiers' names and optional PINs (shift start)")
    csub = cashier.add_subparsers(dest="cashier_command", metavar="ACTION", required=True)
    add_approved_actions(
        csub,
        (
            ("add", "add a name to the shift-start list"),
            ("remove", "remove a name (and its PIN)"),
            ("set-pin", "set or change a cashier's 4-8 digit PIN (asked twice); lifts a lockout"),
            ("clear-pin", "the cashier starts shifts without a PIN again"),
        ),
        approve="manager approving the change (asked for their PIN first)",
        by_required=True,
    )
    csub.add_parser("list", help="the names, and which have a PIN")


def cmd_cashier(rt: Runtime, rep: Reporter, reader: SecretReader) -> Exit:
    # Imported here: the journal (sqlite3) must not load for every command.
    from pos_app.engine.cashiers import CashierPins, validate_cashier_pin  # noqa: PLC0415
    from pos_app.engine.names import cashier_name  # noqa: PLC0415
    from pos_app.settings import save_settings  # noqa: PLC0415

    pins = CashierPins(rt.journal)
    names = list(rt.settings.cashiers)
    action = rt.args.cashier_command
    if action == "list":
        with_pin = pins.with_pins()
        for name in names:
            rep.event(
                "cashier",
                f"{name}{'  (PIN)' if name in with_pin else ''}",
                name=name,
                pin=name in with_pin,
            )
        rep.result(f"{len(names)} cashier(s).", count=len(names))
        return Exit.OK
    try:
        name = cashier_name(str(rt.args.name))
    except InputRefusedError as exc:
        raise InputError(exc.message) from None
    if action == "add" and name in names:
        raise InputError(R_TAKEN.format(name=name))
    if action != "add" and name not in names:
        raise InputError(R_UNKNOWN.format(name=name))
    by = rt.args.by
    by_pin = reader.read(f"PIN of manager {by}: ")
    if action == "set-pin":
        pin = reader.read("New PIN: ")
        if pin != reader.read("Repeat PIN: "):
            raise InputError(QT_TRANSLATE_NOOP("cli", "the two PINs differ"))
        try:
            validate_cashier_pin(pin)
        except InputRefusedError as exc:
            raise InputError(exc.message) from None
        pins.set_pin(name, pin, by=by, by_pin=by_pin)
        rep.result(f"PIN of cashier {name} set.", name=name, pin=True)
        return Exit.OK
    if action == "clear-pin":
        pins.clear_pin(name, by=by, by_pin=by_pin)
        rep.result(f"Cashier {name} starts shifts without a PIN.", name=name, pin=False)
        return Exit.OK
    pins.managers.verify(by, by_pin)  # a wrong PIN counts toward the manager's lockout
    if action == "remove":
        if pins.has_pin(name):
            pins.clear_pin(name, by=by, by_pin=by_pin)
        names.remove(name)
    else:
        names.append(name)
    try:
        save_settings(dataclasses.replace(rt.settings, cashiers=tuple(names)), rt.paths)
    except Exception as exc:  # SettingsError: the name breaks the settings' own rules
        raise InputError(str(getattr(exc, "problem", exc))) from None
    done = "added" if action == "add" else "removed"
    rep.result(f"Cashier {name} {done}.", name=name, **{done: True})
    return Exit.OK
