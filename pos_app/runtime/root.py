"""Build the till's resources from settings, credentials and a run's options, lazily.

Why lazy: ``history`` must not need credentials, ``credentials set`` must not need a
journal, bad input must be refused before anything is opened, started or sent, and the
window must paint before httpx, sqlite3 and the engine are loaded.  Each piece is created
the first time someone asks for it, and :meth:`TillRuntime.close` undoes whatever was
created (client, journal, and the training gateway this process started).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from pos_app.qfpay.environments import Environment, resolve_environment
from pos_app.runtime.options import RunOptions, choose_environment
from pos_app.settings import AppPaths, Settings, load_settings, resolve_paths

# Everything below is imported where first needed: the window builds a TillRuntime before
# its first paint (for the environment and cashier it shows), and must not wait for the
# keyring, the wire models, the log handlers, sqlite3 or httpx to load.
if TYPE_CHECKING:
    from pos_app.chain.node import ChainNode
    from pos_app.credentials import CredentialStore
    from pos_app.engine.budget import RequestBudget
    from pos_app.engine.engine import PaymentEngine
    from pos_app.engine.events import EngineConfig, EngineEvent
    from pos_app.engine.journal import Journal
    from pos_app.engine.machine_budget import SlotStore
    from pos_app.logs import RedactingFilter
    from pos_app.qfpay.client import QFPayClient
    from pos_app.qfpay.models import Credentials
    from pos_app.training import TrainingGateway

TRAINING = "training"
ENV_CASHIER = "QFPAY_POS_CASHIER"
logger = logging.getLogger("pos_app.runtime")


def _merchant(credentials: Credentials) -> str:
    """The budget's key: every till of one merchant shares its 400 requests a minute."""
    return f"{credentials.app_code}/{credentials.mchid or ''}"


class TillRuntime:
    """The resolved configuration of one run and the resources it opened."""

    #: How another till process's "busy" message names this one (ownership, issue 8).
    journal_label = "qfpay-pos (till window)"

    def __init__(
        self,
        options: RunOptions | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.options = options or RunOptions()
        # Never in the repr: it may hold QFPAY_KEY.
        self.environ: Mapping[str, str] = dict(os.environ) if environ is None else environ
        self._settings = settings
        self._paths: AppPaths | None = None
        self._journal: Journal | None = None
        self._gateway: TrainingGateway | None = None
        self._client: QFPayClient | None = None
        self._environment: Environment | None = None
        self._redactor: RedactingFilter | None = None
        self._chain: ChainNode | None = None  # chain mode (issue 13)
        #: True once a gateway client exists: from then on a request may have left (the CLI
        #: exits 4, not 5, for an unexpected error after that).
        self.money_started = False

    def __repr__(self) -> str:
        return f"{type(self).__name__}(options={self.options!r})"

    # -- configuration (no side effects beyond the first-run settings file) -------------

    @property
    def paths(self) -> AppPaths:
        if self._paths is None:
            self._paths = resolve_paths(
                self.options.config_dir, self.options.data_dir, self.environ
            )
        return self._paths

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.paths)
        return self._settings

    @property
    def env_name(self) -> str:
        return choose_environment(self.options.env, self.settings, self.environ)

    @property
    def region(self) -> str:
        return str(self.options.region or self.settings.region)

    @property
    def cashier(self) -> str:
        """Who is at the till: the option, then ``QFPAY_POS_CASHIER``, then the OS user."""
        if self.options.cashier or self.environ.get(ENV_CASHIER):
            return str(self.options.cashier or self.environ.get(ENV_CASHIER))
        import getpass  # noqa: PLC0415 - termios and pwd, for the OS user only

        return getpass.getuser()

    def _base_url_override(self) -> str | None:
        if self.options.base_url:
            return str(self.options.base_url)
        # A base URL in the settings belongs to the environment saved beside it.
        if self.settings.base_url and self.env_name == self.settings.environment:
            return self.settings.base_url
        return None

    def credential_store(self) -> CredentialStore:
        from pos_app.credentials import CredentialStore  # noqa: PLC0415 - wire models

        return CredentialStore(environ=self.environ)

    def credentials(self) -> Credentials:
        return self.credential_store().load(self.env_name, self.region)

    def engine_config(
        self, *, poll_interval: float | None = None, timeout: float | None = None
    ) -> EngineConfig:
        """The engine's plan from the settings, with this run's overrides."""
        from pos_app.runtime.plan import engine_config  # noqa: PLC0415 - engine types

        return engine_config(self.settings, poll_interval=poll_interval, timeout=timeout)

    # -- resources ----------------------------------------------------------------------

    def open_log(self) -> RedactingFilter:
        """Open ``till.log`` now (e.g. to record an unexpected error's traceback)."""
        return self._file_log()

    def _file_log(self) -> RedactingFilter:
        """The till log in the data dir, opened with the first resource that needs it."""
        if self._redactor is None:
            from pos_app.logs import RedactingFilter, setup_file_logging  # noqa: PLC0415

            try:
                self._redactor = setup_file_logging(self.paths.data_dir)
            except OSError as exc:  # a full or read-only disk: the journal check says more
                if self.paths.data_dir.is_dir():  # else the journal's one clear line says it all
                    logger.warning("till.log cannot be written: %s", exc)
                self._redactor = RedactingFilter()
        return self._redactor

    @property
    def journal(self) -> Journal:
        if self._journal is None:
            from pos_app.engine.journal import Journal  # noqa: PLC0415 - sqlite3, migrations

            self._file_log()
            self._journal = Journal(
                self.paths.journal_file_for(self.env_name, self.region), label=self.journal_label
            )
            import sqlite3  # noqa: PLC0415 - loaded with the journal anyway

            try:  # a daily copy of the journal that just passed its check (issue 8)
                self._journal.backup_if_due()
            except (OSError, sqlite3.Error) as exc:
                logger.warning("the journal backup failed: %s", exc)
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
        from pos_app.files import private_dir, private_file  # noqa: PLC0415
        from pos_app.training import TrainingGateway  # noqa: PLC0415 - only training needs it

        private_dir(self.paths.data_dir)  # 0700; the gateway's store 0600 (issue 8)
        private_file(self.paths.training_store_file)
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
            from pos_app.qfpay.client import QFPayClient  # noqa: PLC0415 - httpx is heavy

            credentials = self.credentials()
            self._file_log().add_secret(credentials.client_key)
            environment = self.environment
            timeout = (
                http_timeout or self.options.http_timeout or self.settings.timing.http_timeout_s
            )
            # QFPay's device id: the shop's name for the till (the merchant portal shows it)
            # followed by the till id, so "check with QFPay" can still tell this till's
            # transactions from the merchant's other tills' (settings.device_udid).
            from pos_app.qfpay.signing import parse_sign_type  # noqa: PLC0415
            from pos_app.settings import device_udid, effective_txzone  # noqa: PLC0415

            node = self._join_chain(credentials)  # chain mode: the merchant-wide budget
            # Otherwise 100/s and 400/min hold across every till process on this machine.
            limiter: Any = node.budget if node is not None else None
            store = self._budget_store() if limiter is None else None
            if store is not None:
                from pos_app.engine.machine_budget import MachineRateLimiter  # noqa: PLC0415

                limiter = MachineRateLimiter(store, _merchant(credentials))
            self._client = QFPayClient(
                credentials,
                environment.base_url,
                timeout=timeout,
                udid=device_udid(self.settings),
                sign_type=parse_sign_type(self.settings.sign_type),
                txzone=effective_txzone(self.settings),
                rate_limiter=limiter,
                # Only the settings may route or re-trust the till (never the environment).
                proxy=self.settings.network.proxy,
                ca_bundle=self.settings.network.ca_bundle,
            )
            self.money_started = True
        return self._client

    def _join_chain(self, credentials: Credentials) -> ChainNode | None:
        """Chain mode (issue 13): start the till's link to head office when
        ``chain.database`` is set (sync, notification listener, shared budget)."""
        if self._chain is None and self.settings.chain.database:
            from pos_app.chain.node import ChainNode, merchant_key  # noqa: PLC0415

            self._chain = ChainNode(
                self.settings.chain.database,
                self.journal,
                till_id=self.settings.till_id,
                environment=self.env_name,
                merchant=merchant_key(credentials.app_code, credentials.mchid),
                shop=self.settings.chain.shop or self.settings.shop.name,
                local_store=self._budget_store(),  # one local share per till, not per process
            ).start()
        return self._chain

    def _budget_store(self) -> SlotStore | None:
        """The machine-wide budget file; None (this process's own limits) if it cannot open."""
        import sqlite3  # noqa: PLC0415

        from pos_app.engine.machine_budget import machine_store  # noqa: PLC0415

        self._file_log()
        try:
            return machine_store(self.paths.data_dir)
        except (OSError, sqlite3.Error) as exc:
            logger.warning("the shared request budget cannot be opened: %s", exc)
            return None

    def poll_budget(self, config: EngineConfig) -> RequestBudget:
        """The engine's polling budget, shared by every till process of the merchant here."""
        from pos_app.engine.budget import RequestBudget  # noqa: PLC0415
        from pos_app.engine.machine_budget import MachineRequestBudget  # noqa: PLC0415

        store = self._budget_store()
        if store is None:
            return RequestBudget(
                config.poll_per_minute,
                config.poll_per_second,
                backoff=config.backoff_429,
                backoff_max=config.backoff_429_max,
            )
        return MachineRequestBudget(
            store,
            _merchant(self.credentials()),
            config.poll_per_minute,
            config.poll_per_second,
            backoff=config.backoff_429,
            backoff_max=config.backoff_429_max,
        )

    def engine(
        self,
        *,
        cashier: str,
        poll_interval: float | None = None,
        timeout: float | None = None,
        on_event: Callable[[EngineEvent], None] | None = None,
    ) -> PaymentEngine:
        """The payment engine over this run's client and journal (client first: credentials
        are checked before a journal file or a gateway appears)."""
        from pos_app.engine.engine import PaymentEngine  # noqa: PLC0415 - the flows

        client = self.client()
        config = self.engine_config(poll_interval=poll_interval, timeout=timeout)
        engine = PaymentEngine(
            client,
            self.journal,
            till_id=self.settings.till_id,
            cashier=cashier,
            config=config,
            on_event=on_event,
            budget=self.poll_budget(config),  # machine-wide polling budget (issue 8)
        )
        if self._chain is not None:  # chain mode: notifications as evidence (engine hook)
            self._chain.attach(engine)
        return engine

    def close(self) -> None:
        """Release everything this run opened, in reverse order of need."""
        if self._chain is not None:
            self._chain.stop()
            self._chain = None
        if self._client is not None:
            self._client.close_client()
            self._client = None
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self._gateway is not None:
            self._gateway.stop()
            self._gateway = None
