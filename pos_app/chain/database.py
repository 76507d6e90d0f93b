"""Reaching head office's PostgreSQL: the address, the password, one way to connect.

The address (``postgresql://user@host:port/db``) is not secret and may live in the till's
settings; the password is, so it never does.  It comes from ``PGPASSWORD`` (libpq's own
variable, for services and CI) or from the OS keyring under :data:`KEYRING_SERVICE`, keyed by
``user@host:port/db`` so two head offices never share an entry.  An address that carries a
password is refused outright rather than silently written to a settings file.

Every connection has a short connect timeout and TCP keepalives: a till must notice a dead
head office in seconds and carry on alone, never hang a background thread for minutes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pos_app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import psycopg
    from keyring.backend import KeyringBackend

KEYRING_SERVICE = "qfpay-pos/chain-database"
ENV_PASSWORD = "PGPASSWORD"  # noqa: S105 - the variable's name, not a password
CONNECT_TIMEOUT = 3


class ChainConfigError(ValueError):
    """The head-office address or its credentials cannot be used; nothing was changed."""


def check_dsn(text: str) -> str:
    """Validate a head-office address; returns it stripped, or raises ChainConfigError."""
    value = text.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("postgresql", "postgres"):
        raise ChainConfigError(
            QT_TRANSLATE_NOOP(
                "Chain", "The head-office database must be a postgresql://user@host/db address"
            )
        )
    if parts.password is not None:
        raise ChainConfigError(
            QT_TRANSLATE_NOOP(
                "Chain",
                "Put no password in the address: store it with 'qfpay-pos chain password' "
                "(keyring) or set PGPASSWORD",
            )
        )
    if not parts.hostname or not parts.path.strip("/"):
        raise ChainConfigError(
            QT_TRANSLATE_NOOP("Chain", "The address needs a host and a database name")
        )
    return value


def keyring_user(dsn: str) -> str:
    """The keyring entry name for an address: ``user@host:port/db``."""
    parts = urlsplit(dsn)
    return f"{parts.username or ''}@{parts.hostname}:{parts.port or 5432}/{parts.path.strip('/')}"


def _backend(backend: KeyringBackend | None) -> KeyringBackend:
    if backend is not None:
        return backend
    import keyring  # noqa: PLC0415 - costs ~40 ms, only chain mode needs it

    return keyring.get_keyring()


def find_password(
    dsn: str,
    *,
    environ: Mapping[str, str] | None = None,
    backend: KeyringBackend | None = None,
) -> str | None:
    """``PGPASSWORD`` first, then the keyring; None lets libpq decide (e.g. peer auth)."""
    env = os.environ if environ is None else environ
    if env.get(ENV_PASSWORD):
        return env[ENV_PASSWORD]
    try:
        return _backend(backend).get_password(KEYRING_SERVICE, keyring_user(dsn))
    except Exception:  # no keyring on a head-office server is normal: libpq may still cope
        return None


def save_password(dsn: str, password: str, *, backend: KeyringBackend | None = None) -> None:
    """Store the password for ``dsn`` in the keyring."""
    if not password:
        raise ChainConfigError(QT_TRANSLATE_NOOP("Chain", "The password is empty"))
    _backend(backend).set_password(KEYRING_SERVICE, keyring_user(check_dsn(dsn)), password)


def connect(
    dsn: str,
    *,
    autocommit: bool = False,
    password: str | None = None,
    environ: Mapping[str, str] | None = None,
    timeout: float = CONNECT_TIMEOUT,
    **extra: Any,
) -> psycopg.Connection[Any]:
    """A psycopg connection to head office (raises ``psycopg.OperationalError`` if down)."""
    import psycopg  # noqa: PLC0415

    secret = password if password is not None else find_password(dsn, environ=environ)
    kwargs: dict[str, Any] = {
        "autocommit": autocommit,
        "connect_timeout": max(1, round(timeout)),
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 3,
        "keepalives_count": 3,
        "application_name": "qfpay-pos",
    }
    kwargs.update(extra)
    if secret:
        kwargs["password"] = secret
    return psycopg.connect(dsn, **kwargs)
