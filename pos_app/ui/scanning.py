"""Where a scan goes right now: the customer's payment code, a refund lookup, or nowhere.

Both scanners go through the same routing: the keyboard wedge (its keystrokes caught by an
application-wide event filter) and a serial scanner (its state shown in the status bar).  A
scan that is not used gets a short notice, never a silent drop.  The notices belong to the main
window (translation context ``MainWindow``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from pos_app.devices.wedge import ScanRoute, WedgeConfig
from pos_app.devices.wedge_qt import WedgeScanFilter
from pos_app.ui.i18n import tr_core
from pos_app.ui.worker import assert_gui_thread

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow


class ScanRouting(QObject):
    """The wedge filter and an optional serial scanner, routed by the window's state."""

    def __init__(self, window: MainWindow, wedge_config: WedgeConfig | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.scan_filter = WedgeScanFilter(wedge_config, parent=window)
        self.scan_filter.set_routing(self.route)
        self.scan_filter.auth_code_scanned.connect(self._auth_code)
        self.scan_filter.lookup_scanned.connect(self._lookup_scan)
        self.scan_filter.scan_ignored.connect(self._scan_ignored)
        self.scan_filter.install()
        self.serial_bridge: Any = None

    def route(self, code: str) -> ScanRoute:
        """Decide, at the moment a scan completes, what it means."""
        del code
        if self._window.tools.refund_open():
            return ScanRoute.REFUND_LOOKUP
        controller = self._window.controller
        if controller is not None and controller.wants_auth_code():
            return ScanRoute.AUTH_CODE
        return ScanRoute.IGNORE

    def on_scanner_code(self, code: str) -> None:
        """Any scanner (serial too) goes through the same routing as the wedge."""
        assert_gui_thread()
        route = self.route(code)
        if route is ScanRoute.AUTH_CODE:
            self._auth_code(code)
        elif route is ScanRoute.REFUND_LOOKUP:
            self._lookup_scan(code)
        else:
            self._scan_ignored(code)

    def attach_serial_scanner(self, bridge: Any) -> None:
        """Use a ``SerialScannerBridge``; its state is shown in the status bar."""
        self.serial_bridge = bridge
        bridge.scanned.connect(self.on_scanner_code)
        bridge.state_changed.connect(self._serial_state)
        self._serial_state(bridge.state().value)

    def stop(self) -> None:
        """The window is closing: no more scans."""
        self.scan_filter.uninstall()
        if self.serial_bridge is not None:
            self.serial_bridge.stop()

    def _serial_state(self, value: str) -> None:
        label = value
        if self.serial_bridge is not None:
            # Marked in the devices package with QT_TRANSLATE_NOOP("devices", ...).
            label = tr_core("devices", self.serial_bridge.state_label())
        self._window.status.set_scanner(label, ok=value == "connected")

    def _auth_code(self, code: str) -> None:
        controller = self._window.controller
        if controller is not None:
            controller.scanned_auth_code(code)

    def _lookup_scan(self, code: str) -> None:
        dialog = self._window.refund_dialog
        if dialog is not None and dialog.isVisible():
            dialog.set_syssn(code)

    def _scan_ignored(self, code: str) -> None:
        del code
        controller = self._window.controller
        if controller is not None and controller.is_busy():
            text = QCoreApplication.translate(
                "MainWindow", "Scan ignored: a payment is already in progress."
            )
        else:
            text = QCoreApplication.translate(
                "MainWindow", "Scan ignored: key the amount and press Enter first."
            )
        self._window.notify(text)
