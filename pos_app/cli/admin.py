"""Commands that move no money: managers and credentials (history and reports: ``manage``).

Secrets (PINs, the client key) are read with ``getpass`` at a terminal and one per line from
stdin otherwise, so the same commands work for a person and for a provisioning script; they
are never echoed, logged or printed back.
"""

from __future__ import annotations

import getpass
import sys
import time
from typing import TYPE_CHECKING, TextIO

from pos_app.cli.exitcodes import Exit
from pos_app.cli.output import Reporter
from pos_app.cli.runtime import Runtime
from pos_app.engine.errors import InputRefusedError
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.errors import ConfigurationError, RequestValidationError

if TYPE_CHECKING:
    from pos_app.engine.managers import ManagerStore


class InputError(Exception):
    """Input read from the user or stdin was unusable; the CLI exits 2."""


class SecretReader:
    """Reads secrets from a terminal (hidden) or, for scripts, one line each from stdin."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdin
        self._interactive = self._stream.isatty()

    def read(self, prompt: str, *, secret: bool = True, required: bool = True) -> str:
        if self._interactive:
            value = getpass.getpass(prompt) if secret else input(prompt)
        else:
            line = self._stream.readline()
            if not line and required:
                raise InputError(f"no input for: {prompt.strip().rstrip(':')}")
            value = line.rstrip("\r\n")
        value = value.strip()
        if required and not value:
            raise InputError(f"nothing entered for: {prompt.strip().rstrip(':')}")
        return value


def _clock(epoch: float) -> str:
    return time.strftime("%H:%M:%S", time.localtime(epoch))


def _list_managers(store: ManagerStore, rep: Reporter) -> Exit:
    managers = store.list()
    for info in managers:
        locked = info.locked_until > time.time()
        rep.event(
            "manager",
            f"{info.name}{'  (locked until ' + _clock(info.locked_until) + ')' if locked else ''}",
            name=info.name,
            locked=locked,
            locked_until=info.locked_until if locked else None,
        )
    rep.result(f"{len(managers)} manager(s).", count=len(managers))
    return Exit.OK


def _audit(store: ManagerStore, rep: Reporter) -> Exit:
    entries = store.audit_trail()
    for entry in entries:
        rep.event(
            "audit",
            f"{time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(entry.at))}  {entry.kind}  "
            f"{entry.subject or '-'}  {entry.detail}",
            at=entry.at,
            audit_kind=entry.kind,
            actor=entry.actor,
            subject=entry.subject,
            detail=entry.detail,
        )
    rep.result(f"{len(entries)} audit entries.", count=len(entries))
    return Exit.OK


def _new_pin(reader: SecretReader) -> str:
    pin = reader.read("New PIN: ")
    again = reader.read("Repeat PIN: ")
    if pin != again:
        raise InputError(QT_TRANSLATE_NOOP("cli", "the two PINs differ"))
    from pos_app.engine.managers import validate_pin  # noqa: PLC0415 - see cmd_manager

    try:
        return validate_pin(pin)
    except InputRefusedError as exc:
        raise InputError(exc.message) from None


def cmd_manager(rt: Runtime, rep: Reporter, reader: SecretReader) -> Exit:
    """Managers: only a manager changes managers (``--by NAME``, whose PIN is read first).

    The very first manager of a till needs nobody's approval.  Secrets are read in this
    order: the approving manager's PIN, then the new PIN twice.
    """
    # Imported here: the journal (sqlite3) must not load for every command, nor before the
    # till window's first paint (``qfpay-pos`` with no command imports this module).
    from pos_app.engine.managers import ManagerStore  # noqa: PLC0415
    from pos_app.engine.names import manager_name  # noqa: PLC0415

    store = ManagerStore(rt.journal)
    action = rt.args.manager_command
    if action == "list":
        return _list_managers(store, rep)
    if action == "audit":
        return _audit(store, rep)
    try:
        name = manager_name(str(rt.args.name))
    except InputRefusedError as exc:
        raise InputError(exc.message) from None
    by = getattr(rt.args, "by", None)
    if action == "change-pin" and by is None:
        by = name  # a manager changing their own PIN approves with the old one
    needs_approval = action != "add" or store.count() > 0
    if needs_approval and by is None:
        raise InputError(
            QT_TRANSLATE_NOOP(
                "cli", "only a manager can do this: name the approving manager with --by NAME"
            )
        )
    by_pin = reader.read(f"PIN of manager {by}: ") if needs_approval else None
    if action == "remove":
        if not store.remove(name, by=by, by_pin=by_pin):
            rep.error(f"no manager called {name!r}")
            return Exit.USAGE
        rep.result(f"Manager {name} removed.", name=name, removed=True)
        return Exit.OK
    if action == "unlock":
        assert by is not None and by_pin is not None
        store.unlock(name, by=by, by_pin=by_pin)
        rep.result(f"Manager {name} unlocked.", name=name, unlocked=True)
        return Exit.OK
    pin = _new_pin(reader)
    if action == "change-pin":
        assert by is not None and by_pin is not None
        store.change_pin(name, pin, by=by, by_pin=by_pin)
        rep.result(f"PIN of manager {name} changed.", name=name, changed=True)
        return Exit.OK
    store.add(name, pin, by=by, by_pin=by_pin)
    rep.result(f"Manager {name} added.", name=name, added=True)
    return Exit.OK


def cmd_credentials(rt: Runtime, rep: Reporter, reader: SecretReader) -> Exit:
    env, region = rt.env_name, rt.region
    # Imported here, like the managers' store: the wire models are not needed before the
    # till window's first paint.
    from pos_app.qfpay.models import Credentials  # noqa: PLC0415

    store = rt.credential_store()
    action = rt.args.credentials_command
    if action == "show":
        summary = store.summary(env, region)
        rep.result(
            f"{env}/{region}: {summary.describe()}",
            environment=env,
            region=region,
            source=summary.source,
            app_code=summary.app_code,
            mchid=summary.mchid,
            has_key=summary.has_key,
        )
        return Exit.OK if summary.source != "none" else Exit.CONFIG
    if env == "training":
        raise ConfigurationError(
            QT_TRANSLATE_NOOP("cli", "Training mode uses built-in credentials; nothing to store.")
        )
    if action == "clear":
        removed = store.clear(env, region)
        rep.result(
            f"Credentials for {env}/{region} {'removed' if removed else 'were not stored'}.",
            environment=env,
            region=region,
            removed=removed,
        )
        return Exit.OK
    app_code = reader.read("App code: ", secret=False)
    client_key = reader.read("Client key: ")
    mchid = reader.read("Merchant id (mchid, empty for none): ", secret=False, required=False)
    try:
        creds = Credentials(app_code=app_code, client_key=client_key, mchid=mchid or None)
    except (ConfigurationError, RequestValidationError) as exc:
        raise InputError(exc.message) from None
    store.save(env, region, creds)
    rep.result(
        f"Credentials for {env}/{region} stored in the system keyring.",
        environment=env,
        region=region,
        app_code=creds.app_code,
        mchid=creds.mchid,
    )
    return Exit.OK
