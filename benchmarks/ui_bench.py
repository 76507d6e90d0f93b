"""Till UI figures: cold start, event-loop stalls per flow, gateway answer → result on screen.

``python -m benchmarks ui`` (or ``python benchmarks/ui_bench.py``).  Prints measurements and
the targets; never fails on timing.

* cold start: a fresh interpreter until the first paint of the till window, against a fresh
  interpreter that only imports ``PySide6.QtWidgets``, creates a ``QApplication`` and paints
  an empty window (same run, same platform plugin).  Targets: < 1.0 s, ≤ 2x bare, for both
  entries: ``qfpay-pos --env training`` (the CLI's own imports included) and ``run_app``
  alone.  The window paints from the settings before the engine, HTTP client and training
  gateway are built (on the worker), so neither figure waits for the network stack.  The
  three kinds of start take turns (bare, CLI, run_app, bare...), so a neighbour's load on a
  shared machine falls on all of them alike.  The till starts as it does every day: its
  settings file exists (the first run ever also draws a till id and writes that file).  The
  temporary directories are made here, so the measured interpreters import only what a till
  imports.
* stalls: a 1 ms ``QTimer`` heartbeat runs while each flow goes through the real engine and
  the training gateway; the longest gap between beats is the longest time the cashier's
  screen could not react.  Target < 16 ms.
* latency: from the moment the HTTP answer that settles a payment is read (a wrapping
  transport notes it) to the moment the result is on screen.  Target < 100 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if "QT_QPA_PLATFORM" not in os.environ:
    # A till-sized offscreen screen (its default is 800x800): the window fills its screen,
    # so the figures must come from the size a shop's screen really has.
    _SCREEN = Path(tempfile.gettempdir()) / "qfpay-bench-screen-1366x768.json"
    _SCREEN.write_text(
        '{"screens": [{"name": "till", "x": 0, "y": 0, "width": 1366, "height": 768,'
        ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
        encoding="utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

RUNS = 7
#: A brisk cashier's typing rhythm; the flows' keys are delivered this far apart.
KEY_INTERVAL_S = 0.03
BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget(); w.resize(1100, 760)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print("painted", flush=True); app.quit()
        return False
f = F(); w.installEventFilter(f); w.show(); app.exec()
"""
FULL = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and isinstance(o, QMainWindow):
            print("painted", flush=True); app.quit()
        return False
f = F(); app.installEventFilter(f)
from pos_app.cli.main import main
main(["--env", "training", "--data-dir", sys.argv[1], "--config-dir", sys.argv[2]])
sys.stdout.flush(); os._exit(0)
"""

#: ``QFPAY_POS_DATA_DIR`` and ``QFPAY_POS_CONFIG_DIR`` are set by :func:`_time_to_paint`.
DIRECT = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and isinstance(o, QMainWindow):
            print("painted", flush=True); app.quit()
        return False
f = F(); app.installEventFilter(f)
from pos_app.settings import default_settings
from pos_app.ui.app import run_app
run_app(default_settings("BENCH1"), None)
sys.stdout.flush(); os._exit(0)
"""


def _time_to_paint(code: str, config_dir: Path) -> float:
    """One fresh interpreter running *code*, until it prints that the window painted."""
    data_dir = tempfile.mkdtemp(prefix="qfpay-bench-")
    env = dict(os.environ, QFPAY_POS_DATA_DIR=data_dir, QFPAY_POS_CONFIG_DIR=str(config_dir))
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, data_dir, str(config_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("painted"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError("the window never painted")
    proc.wait(timeout=30)
    return elapsed


def _settings_dir() -> Path:
    """A config dir holding the settings file the till's first run writes (training)."""
    from pos_app.settings import load_settings, resolve_paths

    config_dir = Path(tempfile.mkdtemp(prefix="qfpay-bench-config-"))
    load_settings(resolve_paths(config_dir, config_dir))
    return config_dir


def _compile_package() -> None:
    """Byte-compile the till, as installing it does (pip, the PyInstaller bundle).

    A checkout run with ``PYTHONDONTWRITEBYTECODE`` set never writes ``.pyc`` files, so every
    start would compile each edited module from source again (about 30 ms for a dozen of
    them), a cost no installed till pays and the bare window never has.
    """
    import compileall

    import pos_app

    compileall.compile_dir(Path(pos_app.__file__).parent, quiet=1)


def cold_start() -> None:
    _compile_package()
    config_dir = _settings_dir()
    bare: list[float] = []
    full: list[float] = []
    direct: list[float] = []
    for _ in range(RUNS):  # in turns: see the module's docstring
        bare.append(_time_to_paint(BARE, config_dir))
        full.append(_time_to_paint(FULL, config_dir))
        direct.append(_time_to_paint(DIRECT, config_dir))
    b, f = statistics.median(bare), statistics.median(full)
    d = statistics.median(direct)
    print(f"cold start to first paint (median of {RUNS}, {os.environ['QT_QPA_PLATFORM']}):")
    print(f"  bare PySide6 window   {b * 1000:7.0f} ms")
    print(f"  qfpay-pos (CLI entry) {f * 1000:7.0f} ms   ({f / b:.2f}x bare)")
    print(f"  run_app, no CLI       {d * 1000:7.0f} ms   ({d / b:.2f}x bare)")
    print("  (the difference is the CLI's own imports: argument parsing, settings, runtime)")
    met = all(t < 1.0 and t <= 2 * b for t in (f, d))
    print(f"  target: < 1000 ms and <= 2x bare, both entries -> {'met' if met else 'MISSED'}")


def flows() -> None:
    import httpx
    from PySide6.QtCore import QElapsedTimer, QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

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

    answers: list[float] = []

    class NotingTransport(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = super().handle_request(request)
            response.read()
            answers.append(time.perf_counter())
            return response

    app = QApplication.instance() or QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp())
    gateway = TrainingGateway(store_path=work / "gw.sqlite3", pending_queries=3).start()
    client = QFPayClient(
        training_credentials(),
        resolve_environment("training", "hk", gateway.base_url),
        transport=NotingTransport(),
    )
    journal = Journal(work / "journal.sqlite3")
    config = EngineConfig(
        wallet_timings={},
        default_timing=WalletTiming(deadline=10.0, intervals=(0.05,)),
        mpm_intervals=(0.05,),
        cancel_intervals=(0.05,),
        poll_per_minute=100_000,
        poll_per_second=1000,
    )
    engine = PaymentEngine(client, journal, till_id="B1", cashier="bench", config=config)
    engine.managers.add("Boss", "246810")
    services = TillServices(
        engine=engine,
        journal=journal,
        managers=engine.managers,
        environment="training",
        base_url=gateway.base_url,
        till_id="B1",
        cashier="bench",
        training_gateway=gateway,
        closers=[gateway.stop, journal.close, client.close_client],
    )
    window = MainWindow(services, sounds=False, result_hold_ms=50, recover_on_start=False)
    window.show()
    QTest.qWaitForWindowExposed(window)
    screen = window.sale_screen

    gaps: list[float] = []
    clock = QElapsedTimer()
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(1)

    def on_beat() -> None:
        gaps.append(clock.nsecsElapsed() / 1e6)
        clock.restart()

    beat.timeout.connect(on_beat)

    def wait(predicate, timeout_s: float = 20.0) -> None:
        end = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > end:
                raise TimeoutError
            app.processEvents()
            time.sleep(0.0005)

    def run(name: str, action) -> None:
        gaps.clear()
        answers.clear()
        clock.start()
        beat.start()
        action()
        wait(lambda: screen.state is SaleState.RESULT)
        shown = window.controller.result_shown_at or time.perf_counter()
        beat.stop()
        settle = max((a for a in answers if a <= shown), default=shown)
        stall = max(gaps[1:], default=0.0)
        state = window.controller.last_outcome.state.value
        print(
            f"  {name:26} {state:10} longest stall {stall:6.1f} ms   "
            f"answer->screen {(shown - settle) * 1000:6.1f} ms"
        )
        QTest.keyClick(screen, Qt.Key.Key_Return)

    def keys(*presses: tuple[Qt.Key, str]) -> None:
        """Type as a keyboard does: each key is its own event, handled by the event loop.

        (``QTest.keyClick`` handles the keys synchronously, back to back, which would count
        a whole burst of typing as one stall.)
        """
        for key, text in presses:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                app.postEvent(screen, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))
            pause = time.monotonic() + KEY_INTERVAL_S
            wait(lambda end=pause: time.monotonic() >= end)  # the event loop runs meanwhile

    def amount(text: str) -> None:
        keys(*[(Qt.Key(ord(c)), c) for c in text], (Qt.Key.Key_Return, "\r"))

    def cpm(code: str):
        def act() -> None:
            amount("12.34")
            window.controller.scanned_auth_code(code)

        return act

    def mpm() -> None:
        amount("42")
        keys((Qt.Key.Key_F1, ""))
        wait(lambda: window.customer_display.qr.data() != "")
        window.customer_display.simulate_button.click()

    def cancel() -> None:
        amount("5")
        window.controller.scanned_auth_code("134567890123459999")
        wait(
            lambda: (
                window.controller.running is not None
                and window.controller.running.out_trade_no is not None
            )
        )
        keys((Qt.Key.Key_Escape, "\x1b"))

    def scan_without_enter() -> None:
        keys(*[(Qt.Key(ord(c)), c) for c in "1234"])  # amount keyed, no Enter:
        wait(lambda: screen.buffer.text == "1234")  # (once the wedge filter lets them through)
        window.on_scanner_code("134567890123450000")  # the scan is Enter plus scan

    def network_blip() -> None:
        amount("7")
        window.controller.scanned_auth_code("134567890123451143")
        wait(lambda: screen.state is SaleState.WAITING)
        gateway.faults.add("drop", times=None)
        wait(lambda: screen.panel.title.text() == "NO ANSWER FROM QFPAY")
        gateway.faults.clear()

    print("event-loop stalls and gateway answer -> result on screen (targets 16 ms / 100 ms):")
    screen.setFocus()
    run("CPM paid", cpm("134567890123450000"))
    run("CPM password wait", cpm("134567890123451143"))
    run("CPM declined", cpm("134567890123451201"))
    run("CPM cancelled (reversal)", cancel)
    run("MPM paid (simulated scan)", mpm)
    run("CPM scan, amount not entered", scan_without_enter)
    run("CPM no answer, then back", network_blip)
    window.close()
    window.shutdown()
    services.close()


def main() -> None:
    cold_start()
    # The flows run in their own interpreter: a Qt application is best torn down by exiting.
    subprocess.run([sys.executable, __file__, "--flows"], check=False)


if __name__ == "__main__":
    if sys.argv[1:] == ["--flows"]:
        flows()
        sys.stdout.flush()
        os._exit(0)
    main()
