"""Everything one CLI run needs, built lazily and closed in one place.

Why lazy: ``history`` must not need credentials, ``credentials set`` must not need a journal,
and bad input must be refused before anything is opened, started or sent.  Each piece is
created the first time a command asks for it, and :meth:`Runtime.close` undoes whatever was
created (client, journal, and the training gateway this process started).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pos_app.credentials import ENV_ENVIRONMENT, CredentialStore
from pos_app.engine.journal import Journal
from pos_app.logs import RedactingFilter, setup_file_logging
from pos_app.qfpay.environments import ENVIRONMENTS, Environment, resolve_environment
from pos_app.qfpay.errors import ConfigurationError
from pos_app.qfpay.models import Credentials
from pos_app.settings import AppPaths, Settings, load_settings, resolve_paths

if TYPE_CHECKING:
    from pos_app.qfpay.client import QFPayClient
    from pos_app.training import TrainingGateway

TRAINING = "training"


def choose_environment(
    args: argparse.Namespace, settings: Settings, environ: Mapping[str, str]
) -> str:
    """``--env`` wins, then ``QFPAY_ENV`` (the documents' variable), then the settings file."""
    if args.env:
        return str(args.env)
    from_env = environ.get(ENV_ENVIRONMENT, "").strip().lower()
    if from_env:
        if from_env not in ENVIRONMENTS:
            raise ConfigurationError(
                f"{ENV_ENVIRONMENT}={from_env!r} is not one of {', '.join(ENVIRONMENTS)}"
            )
        return from_env
    return settings.environment


@dataclass
class Runtime:
    """The resolved configuration of one run and the resources it opened."""

    args: argparse.Namespace
    # Not in the repr: it may hold QFPAY_KEY.
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ), repr=False)
    _paths: AppPaths | None = None
    _settings: Settings | None = None
    _journal: Journal | None = None
    _gateway: TrainingGateway | None = None
    _client: QFPayClient | None = None
    _environment: Environment | None = None
    _redactor: RedactingFilter | None = None

    # -- configuration (no side effects beyond the first-run settings file) -------------

    @property
    def paths(self) -> AppPaths:
        if self._paths is None:
            self._paths = resolve_paths(self.args.config_dir, self.args.data_dir, self.environ)
        return self._paths

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.paths)
        return self._settings

    @property
    def env_name(self) -> str:
        return choose_environment(self.args, self.settings, self.environ)

    @property
    def region(self) -> str:
        return str(self.args.region or self.settings.region)

    def _base_url_override(self) -> str | None:
        if self.args.base_url:
            return str(self.args.base_url)
        # A base URL in the settings belongs to the environment saved beside it.
        if self.settings.base_url and self.env_name == self.settings.environment:
            return self.settings.base_url
        return None

    def credential_store(self) -> CredentialStore:
        return CredentialStore(environ=self.environ)

    def credentials(self) -> Credentials:
        return self.credential_store().load(self.env_name, self.region)

    # -- resources ----------------------------------------------------------------------

    def _file_log(self) -> RedactingFilter:
        """The till log in the data dir, opened with the first resource that needs it."""
        if self._redactor is None:
            self._redactor = setup_file_logging(self.paths.data_dir)
        return self._redactor

    @property
    def journal(self) -> Journal:
        if self._journal is None:
            self._file_log()
            self._journal = Journal(self.paths.journal_file_for(self.env_name, self.region))
        return self._journal

    @property
    def environment(self) -> Environment:
        """Where requests go; starts the built-in training gateway when nothing else is given."""
        if self._environment is None:
            base_url = self._base_url_override()
            if base_url is None and self.env_name == TRAINING:
                base_url = self._start_training_gateway()
            self._environment = resolve_environment(self.env_name, self.region, base_url)
        return self._environment

    def _start_training_gateway(self) -> str:
        from pos_app.training import TrainingGateway  # noqa: PLC0415 - only training needs it

        self.paths.data_dir.mkdir(parents=True, exist_ok=True)
        gateway = TrainingGateway(store_path=self.paths.training_store_file)
        gateway.start()
        self._gateway = gateway
        return str(gateway.base_url)

    @property
    def training_gateway(self) -> TrainingGateway | None:
        """The gateway this process started, if any (for printing its control address)."""
        return self._gateway

    def client(self, http_timeout: float | None = None) -> QFPayClient:
        """The signed HTTP client; credentials are checked before any gateway is started."""
        if self._client is None:
            from pos_app.qfpay.client import QFPayClient  # noqa: PLC0415 - keeps --help fast

            credentials = self.credentials()
            self._file_log().add_secret(credentials.client_key)
            environment = self.environment
            kwargs: dict[str, Any] = {}
            timeout = http_timeout or self.settings.timing.http_timeout_s
            kwargs["timeout"] = timeout
            # The till id as QFPay's device id: the enquiry shows it, so "check with QFPay"
            # can tell this till's transactions from the merchant's other tills'.
            kwargs["udid"] = self.settings.till_id
            self._client = QFPayClient(credentials, environment.base_url, **kwargs)
        return self._client

    def close(self) -> None:
        """Release everything this run opened, in reverse order of need."""
        if self._client is not None:
            self._client.close_client()
            self._client = None
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self._gateway is not None:
            self._gateway.stop()
            self._gateway = None
