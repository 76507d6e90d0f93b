"""QFPay credentials: the OS keyring per environment and region, or environment variables.

Why the keyring and never the settings file: the client key signs money movements, so it
must not be copied along with a settings file, land in a backup or show up in a support
ticket.  Each (environment, region) pair gets its own keyring service,
``qfpay-pos/<env>/<region>``, because the documents warn that credentials and hosts must
never be mixed across environments: a sandbox key can never be picked up for production.

Headless tills and CI use ``QFPAY_APPCODE``, ``QFPAY_KEY`` and ``QFPAY_MCHID`` instead
(they win over the keyring).  ``QFPAY_ENV`` must name the environment those variables belong
to: when it is unset, or differs from the environment in use, the variables are refused
rather than sent to a host nobody chose for them.

The key stays out of memory when it is not needed: beside the secret entry, the non-secret
parts (app code, merchant id) are stored as a second entry, so ``credentials show`` never
reads the key.  And :func:`disable_core_dumps` keeps it out of core files.

Training needs nothing: the built-in gateway publishes fixed credentials.

The whole set is stored as one keyring entry so that saving or clearing is all-or-nothing:
a till never ends up with a new app code and an old key.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.errors import ConfigurationError
from pos_app.qfpay.models import Credentials

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE_PREFIX = "qfpay-pos"
_ENTRY_NAME = "credentials"
_SUMMARY_NAME = "summary"  # app code and mchid only: what 'credentials show' reads

ENV_APPCODE = "QFPAY_APPCODE"
ENV_KEY = "QFPAY_KEY"
ENV_MCHID = "QFPAY_MCHID"
ENV_ENVIRONMENT = "QFPAY_ENV"

TRAINING = "training"


def _keyring() -> ModuleType:
    """The keyring package, imported on first use: it costs ~40 ms (D-Bus bindings, entry
    points), which the till window should not pay before its first paint."""
    import keyring  # noqa: PLC0415
    import keyring.errors  # noqa: PLC0415

    return keyring


def _keyring_failure(exc: Exception) -> ConfigurationError:
    """Which keyring package or service is missing and how to get it (never a file fallback)."""
    from pos_app.setup.keyring_help import keyring_problem  # noqa: PLC0415

    return ConfigurationError(keyring_problem(type(exc).__name__).text())


Source = Literal["environment", "keyring", "training", "none"]


@dataclass(frozen=True)
class CredentialSummary:
    """What may be shown about stored credentials: never the key itself."""

    environment: str
    region: str
    source: Source
    app_code: str | None
    mchid: str | None
    has_key: bool

    def describe(self) -> str:
        """One line for the CLI and the settings dialog."""
        if self.source == "none":
            return QT_TRANSLATE_NOOP("Credentials", "No credentials stored")
        return (
            f"source={self.source} app_code={self.app_code or '-'} "
            f"client_key={'(set)' if self.has_key else '(missing)'} mchid={self.mchid or '-'}"
        )


def service_name(environment: str, region: str) -> str:
    """Keyring service for one environment and region; tests and ``secret-tool`` use it."""
    return f"{SERVICE_PREFIX}/{environment}/{region}"


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _validate(
    app_code: str | None, client_key: str | None, mchid: str | None, environment: str | None = None
) -> Credentials:
    """Shape checks only; the gateway is the judge of whether they are right."""
    if not app_code or not client_key:
        raise ConfigurationError(
            QT_TRANSLATE_NOOP("Credentials", "Both the app code and the client key are needed")
        )
    for label, value in (("app code", app_code), ("merchant id", mchid)):
        if value is not None and (not value.isascii() or not value.isprintable() or " " in value):
            raise ConfigurationError(f"The {label} contains characters that cannot be right")
    if not client_key.isascii() or not client_key.isprintable() or " " in client_key:
        raise ConfigurationError(
            QT_TRANSLATE_NOOP(
                "Credentials", "The client key contains characters that cannot be right"
            )
        )
    return Credentials(
        app_code=app_code, client_key=client_key, mchid=mchid, environment=environment
    )


class CredentialStore:
    """Reads and writes credentials; the backend and environment are injectable for tests."""

    def __init__(
        self,
        backend: KeyringBackend | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self._backend = backend
        self._environ = environ

    @property
    def backend(self) -> KeyringBackend:
        return self._backend if self._backend is not None else _keyring().get_keyring()

    @property
    def environ(self) -> Mapping[str, str]:
        return os.environ if self._environ is None else self._environ

    # -- environment variables -------------------------------------------------------

    def _from_environment(self, environment: str) -> Credentials | None:
        env = self.environ
        app_code = _clean(env.get(ENV_APPCODE))
        client_key = _clean(env.get(ENV_KEY))
        mchid = _clean(env.get(ENV_MCHID))
        if app_code is None and client_key is None:
            return None
        declared = _clean(env.get(ENV_ENVIRONMENT))
        if declared is None:
            raise ConfigurationError(
                f"{ENV_APPCODE}/{ENV_KEY} are set but {ENV_ENVIRONMENT} does not say which "
                f"environment they belong to: set {ENV_ENVIRONMENT}={environment} to use them"
            )
        if declared != environment:
            raise ConfigurationError(
                f"{ENV_APPCODE}/{ENV_KEY} belong to {ENV_ENVIRONMENT}={declared}, "
                f"not to the '{environment}' environment in use: refusing to mix them"
            )
        if app_code is None or client_key is None:
            missing = ENV_KEY if client_key is None else ENV_APPCODE
            raise ConfigurationError(f"{missing} is not set although its partner variable is")
        return _validate(app_code, client_key, mchid, environment)

    # -- keyring ---------------------------------------------------------------------

    def _get_entry(self, service: str, entry: str) -> str | None:
        """One keyring entry (None: not stored); a keyring failure is a configuration error."""
        try:
            return self.backend.get_password(service, entry)
        except _keyring().errors.KeyringError as exc:
            raise _keyring_failure(exc) from None

    def _read_keyring(self, environment: str, region: str) -> Credentials | None:
        service = service_name(environment, region)
        blob = self._get_entry(service, _ENTRY_NAME)
        if blob is None:
            return None
        try:
            data = json.loads(blob)
            return _validate(
                _clean(data.get("app_code")),
                _clean(data.get("client_key")),
                _clean(data.get("mchid")),
                environment,
            )
        except (ValueError, AttributeError, TypeError):
            raise ConfigurationError(
                f"The keyring entry {service} is damaged: store the credentials again"
            ) from None

    def save(self, environment: str, region: str, credentials: Credentials) -> None:
        """Store the whole set at once; training has nothing to store."""
        if environment == TRAINING:
            raise ConfigurationError(
                QT_TRANSLATE_NOOP("Credentials", "Training mode uses built-in credentials")
            )
        checked = _validate(
            _clean(credentials.app_code), _clean(credentials.client_key), _clean(credentials.mchid)
        )
        blob = json.dumps(
            {"app_code": checked.app_code, "client_key": checked.client_key, "mchid": checked.mchid}
        )
        public = json.dumps({"app_code": checked.app_code, "mchid": checked.mchid})
        try:
            self.backend.set_password(service_name(environment, region), _ENTRY_NAME, blob)
            self.backend.set_password(service_name(environment, region), _SUMMARY_NAME, public)
        except _keyring().errors.KeyringError as exc:
            raise _keyring_failure(exc) from None

    def clear(self, environment: str, region: str) -> bool:
        """Forget the stored set; returns whether there was one."""
        with contextlib.suppress(_keyring().errors.KeyringError):
            self.backend.delete_password(service_name(environment, region), _SUMMARY_NAME)
        try:
            self.backend.delete_password(service_name(environment, region), _ENTRY_NAME)
        except _keyring().errors.PasswordDeleteError:
            return False
        except _keyring().errors.KeyringError as exc:
            raise _keyring_failure(exc) from None
        return True

    # -- what callers use --------------------------------------------------------------

    def load(self, environment: str, region: str) -> Credentials:
        """The credentials to sign with, or ConfigurationError saying how to provide them."""
        if environment == TRAINING:
            return training_credentials()
        found = self._from_environment(environment) or self._read_keyring(environment, region)
        if found is None:
            raise ConfigurationError(
                f"No credentials for {environment}/{region}: run 'qfpay-pos --env {environment} "
                f"--region {region} credentials set' or set {ENV_APPCODE} and {ENV_KEY}"
            )
        return found

    def summary(self, environment: str, region: str) -> CredentialSummary:
        """Where the credentials come from and the non-secret parts, for display.

        Never reads the client key: environment variables are only checked for presence and
        the keyring's separate summary entry holds the app code and mchid.  An entry saved
        before that summary existed is read once to write it (the only time the key is read
        for display), so every later ``show`` stays key-free.
        """
        if environment == TRAINING:
            creds = self.load(environment, region)
            return CredentialSummary(
                environment, region, "training", creds.app_code, creds.mchid, True
            )
        env = self.environ
        if _clean(env.get(ENV_APPCODE)) is not None or _clean(env.get(ENV_KEY)) is not None:
            self._check_environment_variables(environment)
            return CredentialSummary(
                environment,
                region,
                "environment",
                _clean(env.get(ENV_APPCODE)),
                _clean(env.get(ENV_MCHID)),
                _clean(env.get(ENV_KEY)) is not None,
            )
        public = self._read_summary(environment, region)
        if public is None:
            legacy = self._read_keyring(environment, region)
            if legacy is None:
                return CredentialSummary(environment, region, "none", None, None, False)
            self.save(environment, region, legacy)
            public = {"app_code": legacy.app_code, "mchid": legacy.mchid}
            del legacy
        return CredentialSummary(
            environment, region, "keyring", public.get("app_code"), public.get("mchid"), True
        )

    def _check_environment_variables(self, environment: str) -> None:
        """The same refusals as loading them (unnamed environment, mixing, half set)."""
        env = self.environ
        declared = _clean(env.get(ENV_ENVIRONMENT))
        if declared is None or declared != environment:
            raise ConfigurationError(
                f"{ENV_APPCODE}/{ENV_KEY} need {ENV_ENVIRONMENT}={environment} "
                f"({ENV_ENVIRONMENT} is {declared or 'unset'}): refusing to mix them"
            )
        if _clean(env.get(ENV_APPCODE)) is None or _clean(env.get(ENV_KEY)) is None:
            missing = ENV_KEY if _clean(env.get(ENV_KEY)) is None else ENV_APPCODE
            raise ConfigurationError(f"{missing} is not set although its partner variable is")

    def _read_summary(self, environment: str, region: str) -> dict[str, str | None] | None:
        blob = self._get_entry(service_name(environment, region), _SUMMARY_NAME)
        if blob is None:
            return None
        try:
            data = json.loads(blob)
            return {"app_code": _clean(data.get("app_code")), "mchid": _clean(data.get("mchid"))}
        except (ValueError, AttributeError, TypeError):
            return None


@functools.cache
def training_credentials() -> Credentials:
    """The client's credentials for the training gateway, built from its published strings.

    The gateway keeps its own record of them (``pos_app.training.credentials``) and imports
    nothing of the client, so the client-side ``Credentials`` object is made here, tagged
    with the training environment so the client never sends them to a real host.
    """
    # Lazy: only training mode needs the stand-in gateway package loaded.
    from pos_app.training.credentials import (  # noqa: PLC0415
        TRAINING_APP_CODE,
        TRAINING_CLIENT_KEY,
    )

    return Credentials(
        app_code=TRAINING_APP_CODE, client_key=TRAINING_CLIENT_KEY, environment=TRAINING
    )
