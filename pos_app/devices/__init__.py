"""Scanners and receipt printers (see ARCHITECTURE.md for the package's place).

Drivers import no Qt and can run headless (CLI, tests):

* ``wedge``: tells a keyboard-wedge scanner from a person by key rhythm (``WedgeDecoder``).
* ``serial_scanner``: serial scanners read on their own thread, reconnecting after unplug.
* ``receipt`` / ``day_report`` / ``layout``: receipt and day-close text for 58/80 mm paper.
* ``printers``: ESC/POS printers (python-escpos), a text-file printer, ``make_printer``.
* ``config``: device configuration from ``pos_app.settings``.

Qt adapters, for the UI only (their module docstrings are the API):

* ``wedge_qt.WedgeScanFilter``: application-wide key filter emitting ``scanned(str)``.
* ``serial_qt.SerialScannerBridge``: serial scanner signals on the GUI thread.
"""
