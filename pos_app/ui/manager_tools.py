"""The managers' tools launched from the till: refund, today's history, day close, reprint.

Each tool is a window of its own, opened *with* the keyboard and handing it back to the till
when it closes.  The dialogs are imported when first opened: the till paints before the
engine loads.  The receipt box belongs to the main window (translation context ``MainWindow``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from pos_app.ui.fit import fit_dialog

if TYPE_CHECKING:
    from pos_app.engine.journal import TxRecord
    from pos_app.ui.history import HistoryDialog
    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.refund_dialog import RefundDialog


class ManagerTools(QObject):
    """Opens the managers' dialogs over the till window and keeps track of them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.refund_dialog: RefundDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self.last_receipt = ""

    def open_refund(self, syssn: str = "") -> None:
        """Ctrl+R: the refund dialog (scans go to its lookup while it is open)."""
        window = self._window
        services = window.ready_services()
        if services is None:
            return
        if self.refund_dialog is None:
            from pos_app.ui.refund_dialog import RefundDialog  # noqa: PLC0415

            engine = services.engine

            def refund(orig: str, txamt: int, manager: str, pin: str) -> Any:
                return engine.refund(orig_syssn=orig, txamt=txamt, manager=manager, pin=pin)

            managers = services.managers
            self.refund_dialog = RefundDialog(
                services.journal,
                window.worker,
                refund,
                services.currency,
                window,
                lookup=engine.find_original,  # another till's sale: its currency first
                managers=lambda: [m.name for m in managers.list()],
            )
            self.refund_dialog.finished.connect(lambda _r: window.take_keyboard())
            self.refund_dialog.finished_refund.connect(window.print_after)
        present(self.refund_dialog)
        if syssn:
            self.refund_dialog.set_syssn(syssn)

    def open_history(self) -> None:
        """Ctrl+H: transactions of any period (today first)."""
        window = self._window
        services = window.ready_services()
        if services is None:
            return
        from pos_app.ui.history import HistoryDialog  # noqa: PLC0415

        dialog = HistoryDialog(
            services.journal, window.worker, self.reprint, window, services=services
        )
        dialog.refund_requested.connect(window.open_refund)
        dialog.finished.connect(lambda _r: self._history_closed(dialog))
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        present(dialog)

    def open_day_close(self) -> None:
        """Ctrl+D: the X report, Z reports and closing the day."""
        window = self._window
        services = window.ready_services()
        if services is None:
            return
        from pos_app.ui.history import DayCloseDialog  # noqa: PLC0415

        dialog = DayCloseDialog(services.journal, window.worker, window, services=services)
        dialog.finished.connect(lambda _r: window.take_keyboard())
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        present(dialog)

    def refund_open(self) -> bool:
        """Whether the refund dialog is on screen (scans then go to its lookup)."""
        return self.refund_dialog is not None and self.refund_dialog.isVisible()

    def refund_lookup(self, syssn: str) -> None:
        """A scan while the refund dialog is on screen: look that payment up."""
        if self.refund_open() and self.refund_dialog is not None:
            self.refund_dialog.set_syssn(syssn)

    def any_open(self) -> bool:
        """Whether a refund or history window is on screen (it keeps the keyboard)."""
        return any(
            d is not None and d.isVisible() for d in (self.refund_dialog, self.history_dialog)
        )

    def _history_closed(self, dialog: HistoryDialog) -> None:
        if self.history_dialog is dialog:
            self.history_dialog = None
        self._window.take_keyboard()

    def reprint(self, record: TxRecord) -> None:
        """Show the receipt again, exactly as the printer lays it out, and print it."""
        window = self._window
        if window.receipts is not None:
            window.receipts.print_transaction(record.out_trade_no, reprint=True)
        import html  # noqa: PLC0415 - only a reprint needs it

        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - after the first paint

        from pos_app.ui.history import receipt_lines  # noqa: PLC0415

        box = QMessageBox(
            QMessageBox.Icon.NoIcon,
            QCoreApplication.translate("MainWindow", "Receipt"),
            "",
            parent=window,
        )
        box.setText(
            "<pre>"
            + html.escape(
                "\n".join(receipt_lines(record, training=window.info.training, reprint=True))
            )
            + "</pre>"
        )
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_receipt = box.text()
        box.show()


def present(dialog: QWidget) -> None:
    """Show a tool window *with* the keyboard: without a window manager (kiosk) a new
    window is not activated, so its Esc and shortcuts would go to the till instead."""
    fit_dialog(dialog)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
