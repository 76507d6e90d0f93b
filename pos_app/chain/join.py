"""Joining a till to a chain: check head office before the till relies on it.

The same steps as the command line (``settings set chain.database``, ``chain password``,
``chain status``), in one place the wizard's chain page and ``qfpay-pos chain check`` share:
the address is validated by :func:`pos_app.chain.database.check_dsn`, the password comes from
what was typed, else ``PGPASSWORD`` or the keyring, and the answer is one sentence a shop
owner can act on (wrong password, no such database, head office not set up yet, unreachable)
rather than libpq's text.  Nothing is written: storing the password and the settings is the
caller's Finish.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pos_app.chain.database import ChainConfigError, check_dsn, connect
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.setup.messages import Message

logger = logging.getLogger("pos_app.chain")


@dataclass(frozen=True)
class HeadOfficeCheck:
    """What a connection test found: ``ok`` and one sentence; the figures when it worked."""

    ok: bool
    message: Message
    tills: int = 0
    shops: list[str] = field(default_factory=list)
    revision: str | None = None


def _said(template: str, **args: str) -> Message:
    return Message("Chain", template, args)


def _failure(exc: Exception, host: str, database: str) -> Message:
    """libpq's reason, sorted into what the shop owner can do about it."""
    text = str(exc).lower()
    if "password" in text and ("authentication" in text or "no password" in text):
        return _said(
            QT_TRANSLATE_NOOP(
                "Chain",
                "Head office refused the user name or password. Check both with whoever "
                "runs head office.",
            )
        )
    if "does not exist" in text and "database" in text:
        return _said(
            QT_TRANSLATE_NOOP("Chain", "Head office has no database named {database}."),
            database=database,
        )
    if "does not exist" in text and "role" in text:
        return _said(QT_TRANSLATE_NOOP("Chain", "Head office has no user by that name."))
    if "pg_hba" in text or "no encryption" in text:
        return _said(
            QT_TRANSLATE_NOOP(
                "Chain", "Head office does not let this till in (its pg_hba.conf refuses it)."
            )
        )
    return _said(
        QT_TRANSLATE_NOOP(
            "Chain",
            "Head office cannot be reached at {host}. Check the address, that head office "
            "is running and that this till's network reaches it.",
        ),
        host=host,
    )


def check_head_office(dsn: str, *, password: str | None = None) -> HeadOfficeCheck:
    """Connect, read head office's schema revision and its tills; never raises.

    ``password`` is the one just typed (None: ``PGPASSWORD`` or the keyring, as the till
    itself will find it when it runs).
    """
    try:
        address = check_dsn(dsn)
    except ChainConfigError as exc:
        return HeadOfficeCheck(False, _said(str(exc)))
    parts = urlsplit(address)
    host = f"{parts.hostname}:{parts.port or 5432}"
    database = parts.path.strip("/")
    from pos_app.chain.schema import head_revision  # noqa: PLC0415 - alembic, only here

    try:
        with connect(address, password=password or None, autocommit=True) as conn:
            exists = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
            revision = None
            if exists and exists[0]:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = None if row is None else str(row[0])
            tills: list[tuple[str, str]] = []
            if revision is not None:
                tills = [
                    (str(r[0]), str(r[1]))
                    for r in conn.execute("SELECT DISTINCT till_id, shop FROM tills").fetchall()
                ]
    except Exception as exc:
        logger.info("head office check failed for %s: %s", host, exc)
        return HeadOfficeCheck(False, _failure(exc, host, database))
    newest = head_revision()
    if revision is None:
        return HeadOfficeCheck(
            False,
            _said(
                QT_TRANSLATE_NOOP(
                    "Chain",
                    "Head office answers but is not set up yet: start 'qfpay-pos backoffice "
                    "serve' there once, then test again.",
                )
            ),
        )
    if revision != newest:
        return HeadOfficeCheck(
            False,
            _said(
                QT_TRANSLATE_NOOP(
                    "Chain",
                    "Head office and this till run different versions (head office schema "
                    "{theirs}, this till expects {ours}). Update the older one first.",
                ),
                theirs=revision,
                ours=newest,
            ),
            revision=revision,
        )
    shops = sorted({shop for _, shop in tills if shop})
    return HeadOfficeCheck(
        True,
        _said(
            QT_TRANSLATE_NOOP(
                "Chain", "Connected to head office at {host}. Tills it knows so far: {tills}."
            ),
            host=host,
            tills=str(len({till for till, _ in tills})),
        ),
        tills=len({till for till, _ in tills}),
        shops=shops,
        revision=revision,
    )
