"""The till on a two-screen X server: the customer display must fill the second screen.

``python tests/ui/two_screen_scenario.py OUTDIR`` (DISPLAY set, QT_QPA_PLATFORM=xcb, an X
server with two screens) opens the real till, starts an MPM sale and writes
``two_screens.json``: the screens Qt sees, the screen and geometry of the customer window,
whether it is full screen, and the QR code the gateway issued.  The customer screen is
captured to ``customer_screen.png`` (its whole X screen) so the caller can decode the QR.
Used by ``test_xvfb.py``; not a test itself.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from screenshot_scenario import pump, wait_until

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


def rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main(outdir: Path) -> int:
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    work = Path(tempfile.mkdtemp())
    gateway = TrainingGateway(store_path=work / "gw.sqlite3").start()
    client = QFPayClient(
        TRAINING_CREDENTIALS, resolve_environment("training", "hk", gateway.base_url)
    )
    journal = Journal(work / "journal.sqlite3")
    config = EngineConfig(
        wallet_timings={},
        default_timing=WalletTiming(deadline=30.0, intervals=(0.15,)),
        mpm_timeout=120.0,
        mpm_intervals=(0.1,),
    )
    engine = PaymentEngine(client, journal, till_id="T2", cashier="Ann", config=config)
    services = TillServices(
        engine=engine,
        journal=journal,
        managers=engine.managers,
        environment="training",
        base_url=gateway.base_url,
        till_id="T2",
        cashier="Ann",
        training_gateway=gateway,
        closers=[gateway.stop, journal.close, client.close_client],
    )
    window = MainWindow(services, sounds=False, result_hold_ms=60_000)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    wait_until(lambda: QApplication.activeWindow() is window)
    screen = window.sale_screen
    screen.setFocus()
    for key in "42":
        QTest.keyClick(screen, key)
    QTest.keyClick(screen, Qt.Key.Key_Return)
    QTest.keyClick(screen, Qt.Key.Key_F1)
    display = window.customer_display
    wait_until(lambda: display.isVisible() and display.qr.data() != "")
    QTest.qWaitForWindowExposed(display)
    pump(300)  # let the window manager-less X server settle the full-screen geometry
    screens = QGuiApplication.screens()
    on = display.screen()
    shot = on.grabWindow(0)  # the whole customer screen, as the customer sees it
    shot.save(str(outdir / "customer_screen.png"))
    info = {
        "platform": QGuiApplication.platformName(),
        "screens": [rect(s.geometry()) for s in screens],
        "primary_index": screens.index(QGuiApplication.primaryScreen()),
        "display_screen_index": screens.index(on),
        "main_screen_index": screens.index(window.screen()),
        "display_geometry": rect(display.geometry()),
        "display_full_screen": display.isFullScreen(),
        "focus_stayed_on_till": QApplication.focusWidget() is screen,
        "qrcode": display.qr.data(),
    }
    display.simulate_button.click()
    wait_until(lambda: screen.state is SaleState.RESULT)
    info["outcome"] = window.controller.last_outcome.state.value
    info["display_visible_after_result"] = display.isVisible()
    (outdir / "two_screens.json").write_text(json.dumps(info), encoding="utf-8")
    window.close()
    window.shutdown()
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
