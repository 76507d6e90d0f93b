"""Walk the till through every screen state on a real X server and check each one's layout.

``python tests/ui/layout_scenario.py OUTDIR LANGUAGE`` (with DISPLAY set to an Xvfb screen
and QT_QPA_PLATFORM=xcb) runs a training gateway and the real till window, without resizing
it (its own size rules are under test), and for each state saves ``OUTDIR/<state>.png``
(the till window, and for dialogs the dialog) and checks every visible window with
``layout_checks``: inside the screen, nothing cut off, no text clipped.  ``OUTDIR/layout.json``
maps each state to its problems (empty lists when all is well).  Not a test itself: used by
``test_layout.py``, and to look at the till in another language or size.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from layout_checks import check_all

from pos_app.credentials import training_credentials
from pos_app.engine.engine import PaymentEngine
from pos_app.engine.events import EngineConfig, WalletTiming
from pos_app.engine.journal import Journal
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.environments import resolve_environment
from pos_app.training import TrainingGateway
from pos_app.ui.i18n import install_translator
from pos_app.ui.main_window import MainWindow
from pos_app.ui.sale_screen import SaleState
from pos_app.ui.services import TillServices
from pos_app.ui.theme import apply_theme

PAID = "134567890123450000"
PASSWORD = "134567890123451143"
DECLINED = "134567890123451201"
NEVER = "134567890123459999"
MANAGER, PIN = "Mia", "246810"
TRAINING_CREDENTIALS = training_credentials()  # the client's view of the training account


def pump(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(predicate, timeout_s: float = 20.0, what: str = "condition") -> None:
    end = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError(f"{what} not reached")
        pump(20)


class Recorder:
    """Captures and checks each state; keeps the problems for ``layout.json``."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.problems: dict[str, list[str]] = {}

    def shot(self, state: str, *windows: QWidget) -> None:
        pump(200)  # let layouts settle and the X server paint
        self.problems[state] = check_all(state)
        for index, widget in enumerate(windows):
            screen = widget.screen() or QGuiApplication.primaryScreen()
            pixmap = screen.grabWindow(widget.winId())
            suffix = "" if index == 0 else f"-{index}"
            if not pixmap.save(str(self.outdir / f"{state}{suffix}.png")):
                raise OSError(f"cannot save {state}")


def build(work: Path, gateway: TrainingGateway, *, quick: bool = False) -> TillServices:
    client = QFPayClient(
        TRAINING_CREDENTIALS,
        resolve_environment("training", "hk", gateway.base_url),
        timeout=1.0,
        max_retries=1,
        backoff_base=0.01,
        backoff_cap=0.02,
    )
    journal = Journal(work / "journal.sqlite3")
    config = EngineConfig(
        wallet_timings={},
        default_timing=WalletTiming(deadline=0.3 if quick else 8.0, intervals=(0.3,)),
        mpm_timeout=120.0,
        mpm_intervals=(0.2,),
        cancel_intervals=(0.1,),
        cancel_give_up=0.3 if quick else 2.0,
        refund_timeout=3.0,
        refund_intervals=(0.1,),
    )
    engine = PaymentEngine(client, journal, till_id="T1", cashier="Ann", config=config)
    if MANAGER not in [m.name for m in engine.managers.list()]:
        engine.managers.add(MANAGER, PIN)
    return TillServices(
        engine=engine,
        journal=journal,
        managers=engine.managers,
        environment="training",
        base_url=gateway.base_url,
        till_id="T1",
        cashier="Ann",
        currency="HKD",
        training_gateway=gateway,
        closers=[journal.close, client.close_client],
        cents_mode=True,  # amounts are keyed in cents below (123450 = 1,234.50)
    )


def leave_unfinished(work: Path, gateway: TrainingGateway) -> None:
    """A sale whose answer was lost while the network went down: recovery's work at start."""
    services = build(work, gateway, quick=True)
    gateway.faults.add("lost_reply", endpoint="/trade/v1/payment", times=1)
    gateway.faults.add("drop", times=None)
    engine = services.engine
    outcome = engine.pay_cpm(
        txamt=3300,
        currency="HKD",
        pay_type="800208",
        sale_id=engine.new_sale_id(),
        auth_code=PAID,
    )
    assert not outcome.state.is_final, outcome
    services.close()


def sale(window: MainWindow, amount: str) -> None:
    screen = window.sale_screen
    if screen.state is SaleState.RESULT:
        QTest.keyClick(screen, Qt.Key.Key_Return)
    for char in amount:
        QTest.keyClick(screen, char)
    QTest.keyClick(screen, Qt.Key.Key_Return)


def wait_result(window: MainWindow) -> None:
    wait_until(
        lambda: window.sale_screen.state is SaleState.RESULT and window.controller.running is None,
        what="the result",
    )


def close_dialog(window: MainWindow, recorder: Recorder) -> None:
    """Ask to close mid-payment; capture and check the question, then keep the till open."""
    seen: list[QWidget] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, look)
            return
        seen.append(box)
        QTest.qWaitForWindowExposed(box)
        recorder.shot("close_dialog", box, window)
        QTest.keyClick(box, Qt.Key.Key_Escape)  # Esc keeps the till open

    QTimer.singleShot(100, look)
    window.close()
    assert seen, "the close-while-busy question was not asked"
    assert window.isVisible(), "Esc on the question closed the till"


def main(outdir: Path, language: str) -> int:
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "layout.json").unlink(missing_ok=True)
    app = QApplication(sys.argv[:1])
    if language != "en":
        assert install_translator(app, language) is not None, f"no catalogue for {language}"
    apply_theme(app)
    work = Path(tempfile.mkdtemp())
    gateway = TrainingGateway(store_path=work / "gw.sqlite3", pending_queries=30).start()
    recorder = Recorder(outdir)
    leave_unfinished(work, gateway)

    services = build(work, gateway)
    services.closers.insert(0, gateway.stop)
    # The network is still down when the till starts: recovery cannot finish at once.
    window = MainWindow(services, sounds=False, result_hold_ms=60_000, recheck_ms=1500)
    window.show()
    QTest.qWaitForWindowExposed(window)
    wait_until(lambda: QApplication.activeWindow() is window, 5.0, "the till active")
    recovery = window.recovery
    wait_until(lambda: recovery.list.count() >= 1, 20.0, "recovery started")
    wait_until(lambda: len(recovery.log) >= 1, 20.0, "recovery's first pass")
    recorder.shot("recovery_checking", window)
    gateway.faults.clear()
    wait_until(
        lambda: not recovery.running and window.status.recovering_count == 0,
        20.0,
        "recovery finished",
    )
    recorder.shot("recovery_done", window)
    recovery.dismiss()
    recorder.shot("idle", window)

    screen = window.sale_screen
    screen.setFocus()
    for char in "123450":  # cents entry: HKD 1,234.50
        QTest.keyClick(screen, char)
    recorder.shot("entry", window)

    # CPM: the customer enters a password; then the network goes down while waiting.
    QTest.keyClick(screen, Qt.Key.Key_Return)
    recorder.shot("ready", window)
    window.controller.scanned_auth_code(PASSWORD)
    wait_until(lambda: screen.state is SaleState.WAITING, what="waiting")
    pump(600)
    recorder.shot("waiting", window)
    gateway.faults.add("drop", times=None)
    pump(2500)
    recorder.shot("waiting_network_down", window)
    wait_result(window)
    recorder.shot("result_attention", window)
    gateway.faults.clear()

    # Closing mid-payment asks first.
    sale(window, "800")
    window.controller.scanned_auth_code(NEVER)
    wait_until(lambda: screen.state is SaleState.WAITING, what="waiting")
    close_dialog(window, recorder)
    QTest.keyClick(screen, Qt.Key.Key_Escape)
    wait_result(window)
    recorder.shot("result_cancelled", window)

    sale(window, "1200")
    window.controller.scanned_auth_code(DECLINED)
    wait_result(window)
    recorder.shot("result_declined", window)

    sale(window, "12850")
    window.controller.scanned_auth_code(PAID)
    wait_result(window)
    recorder.shot("result_paid", window)
    paid_syssn = window.controller.last_outcome.syssn

    # MPM on the till's only screen: the customer window beside the till.
    sale(window, "4200")
    QTest.keyClick(screen, Qt.Key.Key_F1)
    display = window.customer_display
    wait_until(lambda: display.isVisible() and display.qr.data() != "", what="the QR")
    recorder.shot("mpm_waiting", window, display)
    QTest.keyClick(screen, Qt.Key.Key_Escape)
    wait_result(window)
    recorder.shot("mpm_cancelled", window, display)
    QTest.keyClick(screen, Qt.Key.Key_Return)

    window.open_refund(paid_syssn)
    refund = window.refund_dialog
    wait_until(lambda: refund.refund_button.isEnabled(), what="the refund form")
    QTest.qWaitForWindowExposed(refund)
    recorder.shot("refund", refund, window)
    refund.close()

    window.open_history()
    history = window.history_dialog
    wait_until(lambda: history.model.rowCount() >= 4, what="the history")
    QTest.qWaitForWindowExposed(history)
    recorder.shot("history", history, window)
    history.close()

    window.open_day_close()
    pump(300)
    day = next(
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and type(w).__name__ in ("DayCloseDialog", "ReportDialog")
    )
    QTest.qWaitForWindowExposed(day)
    recorder.shot("day_close", day, window)
    day.close()

    info = {
        "platform": QGuiApplication.platformName(),
        "screen": list(QGuiApplication.primaryScreen().availableGeometry().getRect()),
        "window": list(window.frameGeometry().getRect()),
        "problems": recorder.problems,
    }
    (outdir / "layout.json").write_text(json.dumps(info, indent=1, ensure_ascii=False), "utf-8")
    window.ask_close_while_busy = lambda: "now"  # type: ignore[method-assign]
    window.close()
    window.shutdown()
    services.close()
    QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "en"))
