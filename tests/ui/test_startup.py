"""Start-up: the window paints from the settings alone, then the core attaches (or fails)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_app.ui.main_window import MainWindow
from pos_app.ui.sale_screen import SaleState
from pos_app.ui.services import TillInfo


def test_window_paints_first_and_sells_once_services_attach(qtbot, services, codes):
    info = TillInfo(environment="training", till_id="T1", cashier="Ann")
    window = MainWindow(info=info, sounds=False, ping_interval_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.banner.isVisible()
    assert not window.sale_screen.isEnabled()
    assert "Starting" in window.status.currentMessage()
    window.open_refund()  # not ready yet: says so instead of failing
    assert window.refund_dialog is None
    with qtbot.waitSignal(window.services_ready, timeout=5000):
        window.start_services(lambda: services)
    assert window.sale_screen.isEnabled()
    qtbot.waitUntil(lambda: "online" in window.status.gateway_label.text(), timeout=5000)
    screen = window.sale_screen
    screen.setFocus()
    qtbot.keyClick(screen, "8")
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    window.controller.scanned_auth_code(codes.paid)
    qtbot.waitUntil(lambda: screen.state is SaleState.RESULT, timeout=10_000)
    assert screen.panel.title.text() == "PAID"
    window.close()
    window.worker.wait_for_done(5000)


def test_startup_failure_is_reported_not_crashed(qtbot):
    from pos_app.qfpay.errors import ConfigurationError

    info = TillInfo(environment="prod", till_id="T1", cashier="Ann")
    window = MainWindow(info=info, sounds=False, recover_on_start=False)
    qtbot.addWidget(window)
    assert "PROD" in window.status.env_label.text()
    assert not window.banner.isVisible()

    def no_credentials():
        raise ConfigurationError("No credentials for prod/hk")

    with qtbot.waitSignal(window.startup_failed, timeout=5000) as blocker:
        window.start_services(no_credentials)
    assert "No credentials" in blocker.args[0]
    assert window.services is None and window.controller is None


def test_run_app_in_training_mode_starts_gateway_and_quits_cleanly(qtbot, tmp_path):
    """``qfpay-pos --env training``: built-in gateway, TRAINING banner, a working engine."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from pos_app.runtime import RunOptions
    from pos_app.settings import default_settings
    from pos_app.ui.app import run_app

    options = RunOptions(env="training", data_dir=str(tmp_path), config_dir=str(tmp_path))
    seen: dict[str, object] = {}

    def poll() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        ready = [w for w in windows if w.isVisible() and w.controller is not None]
        if not ready:
            QTimer.singleShot(20, poll)
            return
        window = ready[0]
        seen["banner"] = window.banner.isVisible()
        seen["env"] = window.status.env_label.text()
        seen["base_url"] = window.services.base_url
        seen["gateway"] = window.services.training_gateway is not None
        window.close()

    QTimer.singleShot(0, poll)
    status = run_app(default_settings("TAPP1"), options)
    assert status == 0
    assert seen["banner"] is True
    assert "TRAINING" in seen["env"]
    assert str(seen["base_url"]).startswith("http://127.0.0.1:")
    assert seen["gateway"] is True
    assert list(tmp_path.glob("*.sqlite3"))  # the journal exists in the data dir
