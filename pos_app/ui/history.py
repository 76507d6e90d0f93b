"""Today's transactions and the day-close report.

Both read the journal, the till's own record of what happened, so they work even when the
gateway is down.  Reads go through the worker like every engine call, keeping the GUI
responsive while the engine holds the journal for a write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.engine.journal import Journal, TxRecord
from pos_app.engine.reports import DayTotals
from pos_app.ui.i18n import tr_core
from pos_app.ui.labels import safe_amount, state_text, wallet_name
from pos_app.ui.worker import Worker, assert_gui_thread


class HistoryDialog(QDialog):
    """Today's transactions with their state; reprint or refund the selected one."""

    refund_requested = Signal(str)  # syssn

    def __init__(
        self,
        journal: Journal,
        worker: Worker,
        reprint: Callable[[TxRecord], None],
        parent: QWidget | None = None,
        *,
        day: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Today's transactions"))
        self.resize(1040, 560)
        self._journal = journal
        self._worker = worker
        self._reprint = reprint
        self._day = day or dt.date.today()
        self.records: list[TxRecord] = []

        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Kind"),
                self.tr("Amount"),
                self.tr("State"),
                self.tr("QFPay number (syssn)"),
                self.tr("Reason"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.reprint_button = QPushButton(self.tr("Reprint receipt [Ctrl+P]"), self)
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.refund_button = QPushButton(self.tr("Refund… [Ctrl+R]"), self)
        self.refund_button.clicked.connect(self._refund_selected)
        close = QPushButton(self.tr("Close [Esc]"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.refund_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self.reprint_selected)
        QShortcut(QKeySequence("Ctrl+R"), self).activated.connect(self._refund_selected)
        self.reload()

    def reload(self) -> None:
        """Read the day's rows in the background and fill the table."""
        day = self._day
        self._worker.run(lambda: self._journal.history(day), success=self._fill, label="history")

    def _fill(self, records: list[TxRecord]) -> None:
        assert_gui_thread()
        self.records = list(reversed(records))  # newest first
        self.table.setRowCount(len(self.records))
        for row, rec in enumerate(self.records):
            when = dt.datetime.fromtimestamp(rec.created_at).strftime("%H:%M:%S")
            cells = [
                when,
                f"{rec.mode.value} · {wallet_name(rec.pay_type)}",
                safe_amount(rec.txamt, rec.currency),
                state_text(rec.state.value),
                rec.syssn or "",
                tr_core("engine", rec.reason) if rec.reason else "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the reason column is often wider than the dialog
                self.table.setItem(row, col, item)
        if self.records:
            self.table.selectRow(0)

    def selected(self) -> TxRecord | None:
        """The highlighted row's record."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.records[rows[0].row()]

    def reprint_selected(self) -> None:
        """Hand the selected record to the till's receipt printer."""
        rec = self.selected()
        if rec is not None:
            self._reprint(rec)

    def _refund_selected(self) -> None:
        rec = self.selected()
        self.refund_requested.emit(rec.syssn if rec is not None and rec.syssn else "")


def receipt_lines(record: TxRecord, *, training: bool, merchant_name: str = "") -> list[str]:
    """The receipt for a journal row, laid out by the devices' receipt module."""
    from pos_app.devices.receipt import render_text  # noqa: PLC0415
    from pos_app.ui.receipts import build_receipt  # noqa: PLC0415

    receipt = build_receipt(record, training=training, merchant_name=merchant_name)
    return render_text(receipt, translate=QCoreApplication.translate)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DayCloseDialog", text)


def day_report_text(totals: DayTotals) -> str:
    """Plain-text day-close report (shown on screen, printable on a receipt printer)."""
    tr = _tr
    lines = [tr("Day close %1").replace("%1", totals.day.isoformat()), ""]
    for line in totals.lines:
        lines.append(
            f"{wallet_name(line.pay_type)[:12]:12} {line.paid_count:4} × "
            f"{safe_amount(line.paid_amount, line.currency):>16}   "
            + tr("refunds %1").replace("%1", str(line.refund_count))
            + f" {safe_amount(line.refund_amount, line.currency):>14}"
        )
    if not totals.lines:
        lines.append(tr("No payments today."))
    lines.append("")
    for currency, net in sorted(totals.net_by_currency().items()):
        lines.append(tr("NET %1").replace("%1", safe_amount(net, currency)))
    if totals.open_items:
        lines += ["", tr("Still being checked (not counted):"), *totals.open_items]
    if totals.attention_items:
        lines += ["", tr("NEEDS ATTENTION (not counted):"), *totals.attention_items]
    return "\n".join(lines)


class DayCloseDialog(QDialog):
    """The totals for the day: what the merchant should see in the QFPay statement."""

    def __init__(
        self,
        journal: Journal,
        worker: Worker,
        parent: QWidget | None = None,
        *,
        day: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Day close"))
        self.resize(720, 480)
        self.totals: DayTotals | None = None
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setStyleSheet("font-family: monospace;")
        self.summary = QLabel(self)
        close = QPushButton(self.tr("Close [Esc]"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.report, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        target = day or dt.date.today()
        worker.run(lambda: journal.day_totals(target), success=self._show, label="day close")

    def _show(self, totals: DayTotals) -> None:
        assert_gui_thread()
        self.totals = totals
        self.report.setPlainText(day_report_text(totals))
        open_count = len(totals.open_items) + len(totals.attention_items)
        self.summary.setText(
            self.tr("All transactions settled.")
            if not open_count
            else self.tr("%n transaction(s) not settled: see below.", "", open_count)
        )
