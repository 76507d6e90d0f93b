"""Qt adapter for serial scanners: their events, delivered on the GUI thread.

API for the UI (kept stable)::

    from pos_app.devices.serial_scanner import SerialScannerConfig, ScannerState, list_ports
    from pos_app.devices.serial_qt import SerialScannerBridge

    bridge = SerialScannerBridge(SerialScannerConfig("/dev/ttyACM0", 9600), parent=window)
    bridge.scanned.connect(on_code)            # str: raw scanned text, GUI thread
    bridge.state_changed.connect(on_state)     # str: a ScannerState value ("connected", ...)
    bridge.error_occurred.connect(on_error)    # str: technical detail of an error/disconnect
    bridge.start()                             # opens the port on its own thread, retrying
    bridge.state()  /  bridge.state_label()    # current ScannerState / untranslated label
    bridge.stop()                              # also called when the bridge is destroyed
                                               # via its parent; call it on shutdown anyway

``state_label()`` returns the English source text marked in ``serial_scanner.STATE_LABELS``
(context "devices"); show it through ``QCoreApplication.translate("devices", text)``.

Why a relay: the reader thread calls back on its own thread.  A plain Python function
connected to a signal emitted there would run on that thread too (Qt only queues for
receivers that are QObjects living elsewhere), and touching widgets from it crashes.  So the
reader emits private signals connected with ``QueuedConnection`` to this object, which lives
on the GUI thread and re-emits the public signals there; every receiver runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from pos_app.devices.serial_scanner import (
    STATE_LABELS,
    ScannerState,
    SerialScanner,
    SerialScannerConfig,
)


class SerialScannerBridge(QObject):
    """Owns a :class:`SerialScanner` and republishes its callbacks as GUI-thread signals."""

    scanned = Signal(str)
    state_changed = Signal(str)
    error_occurred = Signal(str)

    _scan_from_reader = Signal(str)
    _state_from_reader = Signal(str, str)

    def __init__(self, config: SerialScannerConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = ScannerState.STOPPED
        self._scan_from_reader.connect(self._on_scan, Qt.ConnectionType.QueuedConnection)
        self._state_from_reader.connect(self._on_state, Qt.ConnectionType.QueuedConnection)
        self._scanner = SerialScanner(config, self._report_scan, self._report_state)
        scanner = self._scanner
        # Without this the reader thread would outlive a window that forgot to stop it.
        self.destroyed.connect(lambda *_: scanner.stop())

    @property
    def config(self) -> SerialScannerConfig:
        return self._scanner.config

    def start(self) -> None:
        self._scanner.start()

    def stop(self) -> None:
        self._scanner.stop()

    def state(self) -> ScannerState:
        return self._state

    def state_label(self) -> str:
        return STATE_LABELS[self._state]

    def _report_scan(self, code: str) -> None:
        """Reader thread: queue the scan for the GUI thread."""
        try:
            self._scan_from_reader.emit(code)
        except RuntimeError:  # the Qt object is already gone (shutdown)
            return

    def _report_state(self, state: ScannerState, detail: str) -> None:
        """Reader thread (or stop()): queue the state change for the GUI thread."""
        try:
            self._state_from_reader.emit(state.value, detail)
        except RuntimeError:  # the Qt object is already gone (shutdown)
            return

    @Slot(str)
    def _on_scan(self, code: str) -> None:
        self.scanned.emit(code)

    @Slot(str, str)
    def _on_state(self, value: str, detail: str) -> None:
        state = ScannerState(value)
        self._state = state
        self.state_changed.emit(value)
        if state in (ScannerState.ERROR, ScannerState.DISCONNECTED) and detail:
            self.error_occurred.emit(detail)
