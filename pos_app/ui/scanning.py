"""Where a scan goes right now: the customer's payment code, a refund lookup, or nowhere.

Both scanners go through the same routing: the keyboard wedge (its keystrokes caught by an
application-wide event filter) and a serial scanner (its state shown in the status bar).  A
scan that is not used gets a short notice, never a silent drop.  The notices belong to the main
window (translation context ``MainWindow``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from pos_app.devices.wedge import ScanRoute, WedgeConfig
from pos_app.devices.wedge_qt import WedgeScanFilter
from pos_app.ui.i18n import tr_core
from pos_app.ui.worker import assert_gui_thread

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from pos_app.devices.serial_qt import SerialScannerBridge
    from pos_app.ui.flows import SaleController


class ScanRouting(QObject):
    """The wedge filter and an optional serial scanner, routed by the till's state.

    It sees the till only through the callables it is given (what is open, the running
    sale, where notices go), so it can be built and tested without a main window.
    """

    def __init__(
        self,
        parent: QWidget,
        *,
        refund_open: Callable[[], bool],
        refund_lookup: Callable[[str], None],
        controller: Callable[[], SaleController | None],
        show_scanner: Callable[[str, bool], None],
        notify: Callable[[str], None],
        wedge_config: WedgeConfig | None = None,
    ) -> None:
        super().__init__(parent)
        self._refund_open = refund_open  # the refund dialog is on screen
        self._refund_lookup = refund_lookup  # hand a scanned syssn to its lookup
        self._controller = controller  # the sale controller, once the core is attached
        self._show_scanner = show_scanner  # the status bar's scanner field (label, ok)
        self._notify = notify  # a short notice above the sale
        self.scan_filter = WedgeScanFilter(wedge_config, parent=parent)
        self.scan_filter.set_routing(self.route)
        self.scan_filter.auth_code_scanned.connect(self._auth_code)
        self.scan_filter.lookup_scanned.connect(self._lookup_scan)
        self.scan_filter.scan_ignored.connect(self._scan_ignored)
        self.scan_filter.install()
        self.serial_bridge: SerialScannerBridge | None = None

    def route(self, code: str) -> ScanRoute:
        """Decide, at the moment a scan completes, what it means."""
        del code
        if self._refund_open():
            return ScanRoute.REFUND_LOOKUP
        controller = self._controller()
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

    def attach_serial_scanner(self, bridge: SerialScannerBridge) -> None:
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
        self._show_scanner(label, value == "connected")

    def _auth_code(self, code: str) -> None:
        controller = self._controller()
        if controller is not None:
            controller.scanned_auth_code(code)

    def _lookup_scan(self, code: str) -> None:
        self._refund_lookup(code)

    def _scan_ignored(self, code: str) -> None:
        del code
        controller = self._controller()
        if controller is not None and controller.is_busy():
            text = QCoreApplication.translate(
                "MainWindow", "Scan ignored: a payment is already in progress."
            )
        else:
            text = QCoreApplication.translate(
                "MainWindow", "Scan ignored: key the amount first, then scan."
            )
        self._notify(text)
