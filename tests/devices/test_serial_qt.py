"""The serial scanner's Qt bridge: signals arrive on the GUI thread, over a real pty."""

from __future__ import annotations

from pty_cable import SocatPair
from PySide6.QtCore import QObject, QThread

from pos_app.devices.serial_qt import SerialScannerBridge
from pos_app.devices.serial_scanner import ScannerState, SerialScannerConfig


def bridge_for(pair: SocatPair) -> SerialScannerBridge:
    config = SerialScannerConfig(
        str(pair.till_side), 9600, retry_interval_s=0.05, read_timeout_s=0.05
    )
    return SerialScannerBridge(config)


def test_scans_and_states_arrive_on_the_gui_thread(qtbot, qapp, pair: SocatPair) -> None:
    bridge = bridge_for(pair)
    threads: list[bool] = []
    codes: list[str] = []

    def on_scan(code: str) -> None:  # a plain function: would run on the reader if not relayed
        threads.append(QThread.currentThread() is qapp.thread())
        codes.append(code)

    bridge.scanned.connect(on_scan)
    try:
        with qtbot.waitSignal(bridge.state_changed, timeout=5000) as connected:
            bridge.start()
        assert connected.args == ["connected"]
        assert bridge.state() is ScannerState.CONNECTED
        assert bridge.state_label() == "Scanner connected"

        pair.send(b"283854702356157409\r")
        qtbot.waitUntil(lambda: codes == ["283854702356157409"], timeout=5000)
        assert threads == [True]

        with qtbot.waitSignal(bridge.error_occurred, timeout=5000):
            pair.unplug()
        assert bridge.state() is ScannerState.DISCONNECTED

        with qtbot.waitSignal(
            bridge.state_changed,
            timeout=5000,
            check_params_cb=lambda value: value == "connected",
        ):
            pair.plug_in()
    finally:
        bridge.stop()
    qtbot.waitUntil(lambda: bridge.state() is ScannerState.STOPPED, timeout=5000)


def test_destroying_the_bridge_stops_the_reader(qtbot, pair: SocatPair) -> None:
    parent = QObject()
    bridge = bridge_for(pair)
    bridge.setParent(parent)
    with qtbot.waitSignal(bridge.state_changed, timeout=5000):
        bridge.start()
    scanner = bridge._scanner
    assert scanner.is_running()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not scanner.is_running(), timeout=5000)
    assert scanner.state is ScannerState.STOPPED
