"""Everything the till window needs from the core, built once and closed once.

Keeping construction out of the widgets means the tests build the same window against a
training gateway they started themselves, and the app builds it from the settings file.
The UI reaches the engine only through these objects, always via the worker.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from pos_app.qfpay.paytypes import PayType, PresentMode, get_pay_type, till_pay_types

if TYPE_CHECKING:  # the engine package is heavy; the window paints before it is needed
    from pos_app.devices.printers import ReceiptPrinter
    from pos_app.devices.wedge import WedgeConfig
    from pos_app.engine.engine import PaymentEngine
    from pos_app.engine.journal import Journal
    from pos_app.engine.managers import ManagerStore
    from pos_app.settings import AppPaths, Settings
    from pos_app.training import TrainingGateway

log = logging.getLogger(__name__)

#: Wallets offered when the settings list none: the common Hong Kong MPM set.
DEFAULT_MPM_CODES = ("800201", "800101", "805801", "802001", "800701", "803701", "801501")
DEFAULT_CPM_CODE = "800008"


@dataclass(kw_only=True)
class TillInfo:
    """What the window needs to draw itself: known from the settings before the core starts.

    The window paints from this at once; the engine, journal and gateway client
    (``TillServices``) are attached when they are ready, so a cold start shows the till
    immediately instead of after every network and crypto module has loaded.
    """

    environment: str
    till_id: str
    cashier: str
    currency: str = "HKD"
    pay_type_codes: tuple[str, ...] = ()
    #: Amount keys are cents (settings ``cents_mode``).
    cents_mode: bool = False
    #: Largest single sale in minor units (settings ``max_amount``); None = no till limit.
    max_txamt: int | None = None
    #: Where the customer's QR code appears (settings ``customer_screen``).
    customer_screen: str = "auto"
    #: A sale above this many minor units needs a second Enter before it goes out; None:
    #: 10,000 in the currency's units (HKD 10,000.00); 0: never asked.
    confirm_above_txamt: int | None = None
    #: The settings' ``network.proxy`` / ``network.ca_bundle`` (shown in the status bar).
    proxy: str | None = None
    ca_bundle: str | None = None

    @property
    def training(self) -> bool:
        """Training mode: no real money, the built-in gateway, simulation controls."""
        return self.environment == "training"

    def mpm_pay_types(self) -> list[PayType]:
        """The wallet buttons: the merchant's enabled MPM types, or the Hong Kong default."""
        offered = {p.code: p for p in till_pay_types()}
        codes = self.pay_type_codes or DEFAULT_MPM_CODES
        return [offered[c] for c in codes if c in offered and offered[c].mode is PresentMode.MPM]

    def cpm_pay_type(self) -> str:
        """The pay type sent with a scanned customer code (the multi-wallet CPM type)."""
        for code in self.pay_type_codes:
            with contextlib.suppress(Exception):
                if get_pay_type(code).mode is PresentMode.CPM:
                    return code
        return DEFAULT_CPM_CODE


@dataclass(kw_only=True)
class TillServices(TillInfo):
    """The engine and its companions for one till window."""

    engine: PaymentEngine
    journal: Journal
    managers: ManagerStore
    base_url: str
    #: The built-in gateway this process started (training), for simulated scans.
    training_gateway: TrainingGateway | None = None
    #: Where receipts go; None: screen only.
    printer: ReceiptPrinter | None = None
    #: Print after every paid sale and refund (reprints are always on request).
    auto_print: bool = True
    #: A second, merchant copy of each receipt.
    merchant_copy: bool = False
    #: The shop as printed on every receipt (settings ``shop.*``); "" = "QFPay", none.
    merchant_name: str = ""
    shop_address: str = ""
    receipt_footer: str = ""
    #: What the till was started with, for the manager's settings dialog (F10).
    settings: Settings | None = None
    paths: AppPaths | None = None
    #: Keyboard-wedge decoding from the settings; None keeps the default.
    wedge_config: WedgeConfig | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)

    def simulate_scan(self, out_trade_no: str) -> None:
        """Training: the simulated customer pays the displayed QR code (runs on the worker).

        The in-process gateway is called directly; a training gateway in another process
        (``--base-url``) is driven through its loopback control endpoint.
        """
        if not self.training:
            raise RuntimeError("simulation is only available in training mode")
        if self.training_gateway is not None:
            self.training_gateway.simulate_scan(out_trade_no)
            return
        parts = urlsplit(self.base_url)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise RuntimeError("the training control endpoint is only used on loopback")
        body = urlencode({"out_trade_no": out_trade_no}).encode()
        # urllib.request costs ~20 ms to import; only a trainee's simulated scan needs it.
        from urllib.request import Request, urlopen  # noqa: PLC0415

        request = Request(f"{self.base_url}/training/v1/scan", data=body, method="POST")  # noqa: S310 - loopback training URL checked above
        with urlopen(request, timeout=5) as answer:  # noqa: S310 - same
            answer.read()

    def gateway_reachable(self, timeout: float = 2.0) -> bool:
        """A TCP connect to the gateway host: cheap, and spends none of the request budget.

        Through a proxy (``network.proxy``) the gateway is reached via the proxy, so the
        proxy is what must answer.
        """
        parts = urlsplit(self.proxy or self.base_url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        import socket  # noqa: PLC0415 - on the worker, long after the first paint

        try:
            with socket.create_connection((parts.hostname or "", port), timeout=timeout):
                return True
        except OSError:
            return False

    def close(self) -> None:
        """Close in reverse order of opening; a failure to close one does not stop the rest."""
        for closer in reversed(self.closers):
            try:
                closer()
            except Exception:
                log.exception("closing %r failed", closer)
        self.closers.clear()
