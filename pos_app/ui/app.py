"""Start the till window: ``qfpay-pos`` without a subcommand ends up in :func:`run_app`.

Building the core (gateway client, journal, engine) happens here, once, before the window
exists, so a configuration problem (no credentials, a damaged journal) is shown as one clear
message instead of a half-working till.  In training mode the built-in gateway is started on
loopback and the window says TRAINING everywhere.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from pos_app.runtime.options import RunOptions, preview_environment
from pos_app.runtime.root import TRAINING, TillRuntime
from pos_app.settings import Settings
from pos_app.ui.i18n import install_qt_translations, install_translator, resources_dir
from pos_app.ui.services import TillInfo, TillServices
from pos_app.ui.theme import apply_theme

if TYPE_CHECKING:  # loaded on the worker, after the first paint
    from pos_app.devices.printers import ReceiptPrinter
    from pos_app.devices.serial_qt import SerialScannerBridge
    from pos_app.devices.wedge import WedgeConfig
    from pos_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def build_services(settings: Settings, options: RunOptions | None = None) -> TillServices:
    """Gateway client, journal and engine, built by the composition root the CLI shares.

    :class:`TillRuntime` decides the environment (``--env``, ``QFPAY_ENV``, settings), the
    per-environment journal file and whether to start the training gateway, so the window
    and ``qfpay-pos recover`` always look at the same journal and gateway.
    """
    rt = TillRuntime(options, settings=settings)
    try:
        cashier = rt.cashier
        engine = rt.engine(cashier=cashier)
        environment = rt.environment
        # Device configuration imports the printer drivers (python-escpos, ~0.2 s): done
        # here, on the worker, rather than before the window's first paint.
        printer = build_printer(settings, rt.paths.data_dir, training=rt.env_name == TRAINING)
        scanner_config = wedge_config(settings)
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
        cents_mode=settings.cents_mode,
        max_txamt=max_txamt(settings),
        customer_screen=settings.customer_screen,
        proxy=settings.network.proxy,
        ca_bundle=settings.network.ca_bundle,
        training_gateway=rt.training_gateway,
        printer=printer,
        auto_print=settings.printer.auto_print,
        merchant_copy=settings.printer.print_merchant_copy,
        merchant_name=settings.shop.name,
        shop_address=settings.shop.address,
        receipt_footer=settings.shop.footer,
        settings=settings,
        paths=rt.paths,
        wedge_config=scanner_config,
        closers=[rt.close],
    )


def build_printer(settings: Settings, data_dir: Path, *, training: bool) -> ReceiptPrinter:
    """The receipt printer from the settings; nothing is opened until the first receipt.

    A training till with no printer configured "prints" to ``training-receipts.txt`` in the
    data dir, so a trainee sees what the customer would be handed.
    """
    from pos_app.devices.config import printer_config_from_settings  # noqa: PLC0415
    from pos_app.devices.printers import make_printer  # noqa: PLC0415

    return make_printer(printer_config_from_settings(settings.printer), data_dir, training=training)


def wedge_config(settings: Settings) -> WedgeConfig:
    """Keyboard-wedge thresholds, prefix *and suffix* from the settings file.

    The devices package owns the mapping (a suffix of "\\r" means "ends with Enter", "#\\r"
    a ``#`` then Enter, no line end means the scan ends when keys stop), so the window and
    the CLI decode scans identically.
    """
    from pos_app.devices.config import wedge_config_from_settings  # noqa: PLC0415

    return wedge_config_from_settings(settings.scanner)


def attach_serial_scanner(window: MainWindow, settings: Settings) -> SerialScannerBridge | None:
    """Start the serial scanner when the settings name a port; None when there is none."""
    from pos_app.devices.config import serial_config_from_settings  # noqa: PLC0415

    config = serial_config_from_settings(settings.scanner)
    if config is None:
        return None
    from pos_app.devices.serial_qt import SerialScannerBridge  # noqa: PLC0415

    if window.serial_bridge is not None:
        return window.serial_bridge
    bridge = SerialScannerBridge(config, parent=window)
    window.attach_serial_scanner(bridge)
    bridge.start()
    return bridge


def till_info(settings: Settings, options: RunOptions | None = None) -> TillInfo:
    """What the window shows before the core is up (corrected once the services attach)."""
    rt = TillRuntime(options, settings=settings)
    return TillInfo(
        environment=preview_environment(rt.options.env, settings, rt.environ),
        till_id=settings.till_id,
        cashier=rt.cashier,
        currency=settings.currency,
        pay_type_codes=settings.pay_types,
        cents_mode=settings.cents_mode,
        max_txamt=max_txamt(settings),
        customer_screen=settings.customer_screen,
        proxy=settings.network.proxy,
        ca_bundle=settings.network.ca_bundle,
    )


def max_txamt(settings: Settings) -> int | None:
    """The settings' largest sale in minor units of the till's currency."""
    if settings.max_amount is None:
        return None
    from pos_app.qfpay.currencies import to_txamt  # noqa: PLC0415

    return to_txamt(settings.max_amount, settings.currency)


def needs_first_run(settings: Settings, options: RunOptions | None = None) -> bool:
    """A settings file this run created, and no environment forced on the command line
    (``--env training`` is "let me practise", not "set me up")."""
    forced = (options.env if options is not None else None) or os.environ.get(
        "QFPAY_ENV", ""
    ).strip()
    return not settings.setup_done and not forced


def run_app(settings: Settings, options: RunOptions | None = None) -> int:
    """Open the till window and run until it is closed; returns the process exit status.

    The window is shown first and the core (HTTP client, keyring, journal, training gateway)
    is built on the worker meanwhile: the cashier sees the till at once, and the sale screen
    comes alive as soon as the engine is attached.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("qfpay-pos")
    # The installed app's icon and .desktop entry (resources/), so task bars group it.
    app.setDesktopFileName("qfpay-pos")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "qfpay-pos.png")))
    apply_theme(app)
    if needs_first_run(settings, options):
        from pos_app.settings import resolve_paths  # noqa: PLC0415
        from pos_app.ui.wizard import run_first_run_wizard  # noqa: PLC0415

        wizard_translators = [
            install_translator(app, settings.language),
            install_qt_translations(app, settings.language),
        ]
        paths = resolve_paths(
            options.config_dir if options else None, options.data_dir if options else None
        )
        settings = run_first_run_wizard(app, settings, paths)
        for translator in wizard_translators:
            if translator is not None:
                QCoreApplication.removeTranslator(translator)
    install_translator(app, settings.language)
    install_qt_translations(app, settings.language)
    named = (options.cashier if options else None) or os.environ.get("QFPAY_POS_CASHIER")
    if settings.cashiers and not named:
        from pos_app.ui.wizard.cashier import (  # noqa: PLC0415
            open_cashier_pins,
            pick_cashier,
            with_cashier,
        )

        try:
            pins = open_cashier_pins(settings, options)
        except Exception as exc:  # a damaged journal, a bad QFPAY_ENV: never skip the PIN
            from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - see below

            from pos_app.ui.worker import user_message  # noqa: PLC0415

            QMessageBox.critical(
                None, QCoreApplication.translate("app", "The till cannot start"), user_message(exc)
            )
            return 1
        try:
            name = pick_cashier(settings.cashiers, pins)
        finally:
            if pins is not None:
                pins.close()
        if name is None:
            return 0  # nobody started a shift: the till does not open
        options = with_cashier(options, name)
    from pos_app.ui.main_window import MainWindow  # noqa: PLC0415

    # The wedge starts with the default thresholds; the settings' (prefix, suffix) arrive
    # with the services, before the sale screen is enabled.
    window = MainWindow(info=till_info(settings, options), sounds=settings.sounds)
    failure: list[str] = []

    def failed(message: str) -> None:
        failure.append(message)
        # Loaded here: QMessageBox's first import creates its Python enums (before the paint).
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        if window.services is None:
            title = QCoreApplication.translate("app", "The till cannot start")
        else:  # running, then stopped (a journal found damaged while it ran)
            title = QCoreApplication.translate("app", "The till stopped")
        QMessageBox.critical(window, title, message)
        window.close()

    window.startup_failed.connect(failed)
    window.services_ready.connect(lambda: attach_serial_scanner(window, settings))
    # The core is built after the first paint: loading the HTTP and keyring stacks on the
    # worker while the window is being drawn would compete with it for the interpreter.
    started: list[bool] = []

    def start() -> None:
        if not started:
            started.append(True)
            window.start_services(lambda: build_services(settings, options))

    window.first_painted.connect(start)
    QTimer.singleShot(1000, start)  # a window that is never exposed must still start
    window.show()
    try:
        status = app.exec()
    finally:
        window.shutdown()
        if window.services is not None:
            window.services.close()
        # Destroy the window here, on the GUI thread.  Left to Python, the window (held in
        # reference cycles by its slots) goes whenever the garbage collector runs next, on
        # whatever thread allocates then (a worker's, say), deleting widgets off the GUI thread.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return 2 if failure else int(status)
