"""Start the till window: ``qfpay-pos`` without a subcommand ends up in :func:`run_app`.

Building the core (gateway client, journal, engine) happens here, once, before the window
exists, so a configuration problem (no credentials, a damaged journal) is shown as one clear
message instead of a half-working till.  In training mode the built-in gateway is started on
loopback and the window says TRAINING everywhere.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from pos_app.settings import Settings
from pos_app.ui.i18n import install_translator
from pos_app.ui.services import TillInfo, TillServices
from pos_app.ui.theme import apply_theme

log = logging.getLogger(__name__)


def _arg(args: Any, name: str, default: Any = None) -> Any:
    """Read an optional CLI attribute; the CLI's namespace may not define every one."""
    value = getattr(args, name, None) if args is not None else None
    return default if value is None else value


def build_services(settings: Settings, args: Any = None) -> TillServices:
    """Gateway client, journal and engine, resolved exactly as the CLI resolves them.

    The CLI's ``Runtime`` decides the environment (``--env``, ``QFPAY_ENV``, settings), the
    per-environment journal file and whether to start the training gateway; sharing it means
    the window and ``qfpay-pos recover`` always look at the same journal and gateway.
    """
    # Imported here so the window's cold start does not pay for modules it needs later.
    from pos_app.cli.parser import build_parser  # noqa: PLC0415
    from pos_app.cli.runtime import Runtime  # noqa: PLC0415
    from pos_app.cli.sales import engine_config  # noqa: PLC0415
    from pos_app.engine.engine import PaymentEngine  # noqa: PLC0415

    if args is None:
        args = build_parser().parse_args([])
    rt = Runtime(args, _settings=settings)
    cashier = _cashier(args)
    try:
        client: Any = rt.client()
        environment = rt.environment
        engine = PaymentEngine(
            client,
            rt.journal,
            till_id=settings.till_id,
            cashier=cashier,
            config=engine_config(rt, poll_interval=None, timeout=None),
        )
    except BaseException:
        rt.close()
        raise
    return TillServices(
        engine=engine,
        journal=rt.journal,
        managers=engine.managers,
        environment=rt.env_name,
        base_url=environment.base_url,
        till_id=settings.till_id,
        cashier=cashier,
        currency=settings.currency,
        pay_type_codes=settings.pay_types,
        training_gateway=rt.training_gateway,
        closers=[rt.close],
    )


def wedge_config(settings: Settings) -> Any:
    """Keyboard-wedge thresholds from the settings file."""
    from pos_app.devices.wedge import WedgeConfig  # noqa: PLC0415

    scanner = settings.scanner
    return WedgeConfig(
        max_gap_ms=float(scanner.wedge_max_interkey_ms),
        min_length=scanner.wedge_min_length,
        prefix=scanner.prefix,
    )


def till_info(settings: Settings, args: Any = None) -> TillInfo:
    """What the window shows before the core is up (corrected once the services attach)."""
    environment = (
        _arg(args, "env") or os.environ.get("QFPAY_ENV", "").strip().lower() or settings.environment
    )
    return TillInfo(
        environment=environment,
        till_id=settings.till_id,
        cashier=_cashier(args),
        currency=settings.currency,
        pay_type_codes=settings.pay_types,
    )


def _cashier(args: Any) -> str:
    return str(_arg(args, "cashier") or os.environ.get("QFPAY_POS_CASHIER") or getpass.getuser())


def run_app(settings: Settings, args: Any = None) -> int:
    """Open the till window and run until it is closed; returns the process exit status.

    The window is shown first and the core (HTTP client, keyring, journal, training gateway)
    is built on the worker meanwhile: the cashier sees the till at once, and the sale screen
    comes alive as soon as the engine is attached.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("qfpay-pos")
    apply_theme(app)
    install_translator(app, settings.language)
    from pos_app.ui.main_window import MainWindow  # noqa: PLC0415

    window = MainWindow(
        info=till_info(settings, args),
        wedge_config=wedge_config(settings),
        sounds=settings.sounds,
    )
    failure: list[str] = []

    def failed(message: str) -> None:
        failure.append(message)
        QMessageBox.critical(
            window, QCoreApplication.translate("app", "The till cannot start"), message
        )
        window.close()

    window.startup_failed.connect(failed)
    if settings.scanner.serial_port:
        from pos_app.devices.serial_qt import SerialScannerBridge  # noqa: PLC0415
        from pos_app.devices.serial_scanner import SerialScannerConfig  # noqa: PLC0415

        bridge = SerialScannerBridge(
            SerialScannerConfig(settings.scanner.serial_port, settings.scanner.serial_baud),
            parent=window,
        )
        window.attach_serial_scanner(bridge)
        bridge.start()
    # The core is built after the first paint: loading the HTTP and keyring stacks on the
    # worker while the window is being drawn would compete with it for the interpreter.
    started: list[bool] = []

    def start() -> None:
        if not started:
            started.append(True)
            window.start_services(lambda: build_services(settings, args))

    window.first_painted.connect(start)
    QTimer.singleShot(1000, start)  # a window that is never exposed must still start
    window.show()
    try:
        status = app.exec()
    finally:
        window.shutdown()
        if window.services is not None:
            window.services.close()
    return 2 if failure else int(status)
