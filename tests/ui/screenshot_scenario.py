"""Run the real till window on a real X server and capture the screens (not a test itself).

``python tests/ui/screenshot_scenario.py OUTDIR`` (with DISPLAY set and QT_QPA_PLATFORM=xcb)
starts a training gateway, opens the main window, rehearses a CPM sale and an MPM sale and
saves window captures taken with ``QScreen.grabWindow`` (what the X server really shows):
``sale.png``, ``waiting.png``, ``paid.png``, ``customer_qr.png``, ``mpm_paid.png``.  The
QR code the gateway issued is written to ``qrcode.txt`` so the caller can check the
capture decodes to exactly it.  Used by ``test_xvfb.py`` and to eyeball the UI.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.credentials import training_credentials
from pos_app.engine.engine import PaymentEngine
from pos_app.engine.events import EngineConfig, WalletTiming
from pos_app.engine.journal import Journal
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.environments import resolve_environment
from pos_app.training import TrainingGateway
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sale_screen import SaleState
from pos_app.ui.services import TillServices
from pos_app.ui.theme import apply_theme

TRAINING_CREDENTIALS = training_credentials()  # the client's view of the training account


def pump(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(predicate, timeout_s: float = 15.0) -> None:
    end = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("condition not reached")
        pump(20)


def capture(widget: QWidget, path: Path) -> None:
    pump(150)  # let the X server paint
    screen = widget.screen() or QGuiApplication.primaryScreen()
    pixmap = screen.grabWindow(widget.winId())
    if not pixmap.save(str(path)):
        raise OSError(f"cannot save {path}")


def main(outdir: Path) -> int:
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    work = Path(tempfile.mkdtemp())
    gateway = TrainingGateway(store_path=work / "gw.sqlite3", pending_queries=6).start()
    client = QFPayClient(
        TRAINING_CREDENTIALS, resolve_environment("training", "hk", gateway.base_url)
    )
    journal = Journal(work / "journal.sqlite3")
    timing = WalletTiming(deadline=30.0, intervals=(0.15,))
    config = EngineConfig(
        wallet_timings={}, default_timing=timing, mpm_timeout=120.0, mpm_intervals=(0.1,)
    )
    engine = PaymentEngine(client, journal, till_id="T1", cashier="Ann", config=config)
    services = TillServices(
        engine=engine,
        journal=journal,
        managers=engine.managers,
        environment="training",
        base_url=gateway.base_url,
        till_id="T1",
        cashier="Ann",
        currency="HKD",
        training_gateway=gateway,
        closers=[gateway.stop, journal.close, client.close_client],
    )
    window = MainWindow(services, sounds=False, result_hold_ms=1500)
    window.resize(1100, 760)
    window.show()
    QTest.qWaitForWindowExposed(window)
    # This X server runs no window manager, like a kiosk till: the till must make itself
    # the active window, or its shortcuts (F12, Ctrl+R...) and focus never work.
    wait_until(lambda: QApplication.activeWindow() is window, timeout_s=5.0)
    screen = window.sale_screen
    screen.setFocus()
    for char in "128.50":
        QTest.keyClick(screen, char)
    capture(window, outdir / "sale.png")
    QTest.keyClick(screen, Qt.Key.Key_Return)
    capture(window, outdir / "ready.png")
    window.controller.scanned_auth_code("134567890123451143")
    wait_until(lambda: "confirm" in screen.panel.detail.text())
    capture(window, outdir / "waiting.png")
    wait_until(lambda: screen.state is SaleState.RESULT)
    capture(window, outdir / "paid.png")

    QTest.keyClick(screen, Qt.Key.Key_Return)
    for char in "42":
        QTest.keyClick(screen, char)
    QTest.keyClick(screen, Qt.Key.Key_Return)
    QTest.keyClick(screen, Qt.Key.Key_F1)
    display = window.customer_display
    wait_until(lambda: display.isVisible() and display.qr.data() != "")
    QTest.qWaitForWindowExposed(display)
    capture(display, outdir / "customer_qr.png")
    capture(window, outdir / "mpm_waiting.png")
    (outdir / "qrcode.txt").write_text(display.qr.data(), encoding="utf-8")
    display.simulate_button.click()
    wait_until(lambda: screen.state is SaleState.RESULT)
    capture(display, outdir / "customer_paid.png")
    capture(window, outdir / "mpm_paid.png")
    QTest.keyClick(screen, Qt.Key.Key_Return)
    paid_syssn = window.controller.last_outcome.syssn
    window.open_history()
    history = window.history_dialog
    wait_until(lambda: history.model.rowCount() >= 2)
    QTest.qWaitForWindowExposed(history)
    capture(history, outdir / "history.png")
    history.close()
    window.open_refund(paid_syssn)
    refund = window.refund_dialog
    wait_until(lambda: refund.refund_button.isEnabled())
    QTest.qWaitForWindowExposed(refund)
    capture(refund, outdir / "refund.png")
    refund.close()
    info = {
        "outcome": window.controller.last_outcome.state.value,
        "screens": len(QGuiApplication.screens()),
        "platform": QGuiApplication.platformName(),
    }
    (outdir / "result.json").write_text(json.dumps(info), encoding="utf-8")
    window.close()
    window.shutdown()
    services.close()
    QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
