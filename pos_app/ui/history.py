"""The manager's history: any dates, found by any id, amount, wallet, state or cashier.

The table is a lazy model over the journal's pages (:mod:`pos_app.ui.history_model`), so a
journal of a million rows opens and scrolls without a stall.  Selecting a row shows its
audit trail (requests, answers, transitions, who approved, notes).  Every read runs on the
worker: the GUI thread only shows what it is handed.  The day reports live in
:mod:`pos_app.ui.report_view` and "check with QFPay" in :mod:`pos_app.ui.reconcile_view`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.engine import history as hist
from pos_app.engine.journal import EventRecord, Journal, TxRecord
from pos_app.ui.csv_export import ask_csv_path, write_csv_on_worker
from pos_app.ui.history_model import HistoryModel
from pos_app.ui.i18n import tr_core
from pos_app.ui.labels import STATE_WORDS, state_text
from pos_app.ui.report_view import ReportDialog as DayCloseDialog
from pos_app.ui.worker import Worker, assert_gui_thread

__all__ = ["DayCloseDialog", "HistoryDialog", "audit_text", "receipt_lines"]


def _epoch(day: QDate) -> float:
    return dt.datetime(day.year(), day.month(), day.day()).timestamp()


def audit_text(events: list[EventRecord]) -> str:
    """The audit trail, one line per entry: time, what happened, the answer code."""
    lines = []
    for event in events:
        when = dt.datetime.fromtimestamp(event.at).strftime("%Y-%m-%d %H:%M:%S")
        state = f" [{state_text(event.state.value)}]" if event.state else ""
        code = f" respcd {event.respcd}" if event.respcd else ""
        lines.append(f"{when}  {event.kind}{state}{code}  {event.detail}")
    return "\n".join(lines)


class HistoryDialog(QDialog):
    """Transactions of any period; reprint, refund, note, export or check with QFPay."""

    refund_requested = Signal(str)  # syssn

    def __init__(
        self,
        journal: Journal,
        worker: Worker,
        reprint: Callable[[TxRecord], None],
        parent: QWidget | None = None,
        *,
        day: dt.date | None = None,
        services: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transactions"))
        self.resize(1180, 640)
        self._journal = journal
        self._worker = worker
        self._reprint = reprint
        self._services = services
        self.last_error = ""
        start = day or dt.date.today()

        self.date_from = QDateEdit(QDate(start.year, start.month, start.day), self)
        self.date_to = QDateEdit(QDate(start.year, start.month, start.day), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(
            self.tr("Order number, syssn, last 4 digits of the code, or amount")
        )
        self.wallet_box = QComboBox(self)
        self.wallet_box.addItem(self.tr("All wallets"), None)
        from pos_app.qfpay.paytypes import till_pay_types  # noqa: PLC0415

        for wallet in sorted({p.wallet for p in till_pay_types()}):
            self.wallet_box.addItem(wallet, wallet)
        self.state_box = QComboBox(self)
        self.state_box.addItem(self.tr("All states"), None)
        for state in STATE_WORDS:
            self.state_box.addItem(state_text(state), state)
        self.cashier_edit = QLineEdit(self)
        self.cashier_edit.setPlaceholderText(self.tr("Cashier"))
        find = QPushButton(self.tr("Find"), self)
        find.clicked.connect(self.apply_filter)
        self.search_edit.returnPressed.connect(self.apply_filter)
        self.cashier_edit.returnPressed.connect(self.apply_filter)
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("From")), self.date_from, QLabel(self.tr("to")),
                       self.date_to, self.search_edit, self.wallet_box, self.state_box,
                       self.cashier_edit, find):  # fmt: skip
            bar.addWidget(widget)
        bar.setStretchFactor(self.search_edit, 1)

        self.model = HistoryModel(journal, worker, parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        # Newest first; set before sorting is enabled, which sorts by the indicator once.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.selectionModel().selectionChanged.connect(lambda _s, _d: self._show_trail())
        self.model.reset_done.connect(self._after_reset)
        self.trail = QPlainTextEdit(self)
        self.trail.setReadOnly(True)
        self.trail.setStyleSheet("font-family: monospace;")
        self.trail.setPlaceholderText(self.tr("Select a transaction to see its audit trail."))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.trail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.status = QLabel(self)

        self.reprint_button = QPushButton(self.tr("Reprint receipt [Ctrl+P]"), self)
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.refund_button = QPushButton(self.tr("Refund… [Ctrl+R]"), self)
        self.refund_button.clicked.connect(self._refund_selected)
        self.note_button = QPushButton(self.tr("Add note… [Ctrl+N]"), self)
        self.note_button.clicked.connect(self.ask_note)
        self.export_button = QPushButton(self.tr("Export CSV… [Ctrl+E]"), self)
        self.export_button.clicked.connect(self.ask_export)
        self.check_button = QPushButton(self.tr("Check with QFPay…"), self)
        self.check_button.clicked.connect(self.open_reconcile)
        for button in (self.note_button, self.check_button):
            button.setEnabled(services is not None)
        close = QPushButton(self.tr("Close [Esc]"), self)
        close.clicked.connect(self.reject)
        # Two rows of three: six buttons in one row do not fit a 1024-wide screen.
        buttons = QGridLayout()
        for index, button in enumerate(
            (self.reprint_button, self.refund_button, self.note_button,
             self.export_button, self.check_button, close)
        ):  # fmt: skip
            buttons.addWidget(button, index // 3, index % 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self.reprint_selected)
        QShortcut(QKeySequence("Ctrl+R"), self).activated.connect(self._refund_selected)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.ask_note)
        QShortcut(QKeySequence("Ctrl+E"), self).activated.connect(self.ask_export)
        self.apply_filter()

    # -- the query -----------------------------------------------------------------------

    def current_filter(self) -> hist.HistoryFilter:
        """The filter the bar describes (dates inclusive; newest first by default)."""
        start, end = self.date_from.date(), self.date_to.date()
        if end < start:
            start, end = end, start
        header = self.table.horizontalHeader()
        from pos_app.ui.history_model import COLUMNS  # noqa: PLC0415

        key = COLUMNS[header.sortIndicatorSection()][1] or "time"
        return hist.HistoryFilter(
            start=_epoch(start),
            end=_epoch(end.addDays(1)),
            text=self.search_edit.text().strip(),
            wallet=self.wallet_box.currentData(),
            state=self.state_box.currentData(),
            cashier=self.cashier_edit.text().strip() or None,
            sort=key,
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )

    def apply_filter(self) -> None:
        """Run the query the bar describes; rows arrive page by page."""
        self.model.set_filter(self.current_filter())

    def reload(self) -> None:
        self.apply_filter()

    def _after_reset(self) -> None:
        assert_gui_thread()
        shown = self.model.rowCount()
        more = self.tr(" (scroll for more)") if self.model.canFetchMore() else ""
        self.status.setText(self.tr("%n transaction(s) shown", "", shown) + more)
        if shown:
            self.table.resizeColumnsToContents()  # the rows fetched so far: one page
            self.table.selectRow(0)

    # -- the selected row ------------------------------------------------------------------

    def selected(self) -> TxRecord | None:
        """The highlighted row's record."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _show_trail(self) -> None:
        rec = self.selected()
        if rec is None:
            self.trail.clear()
            return
        journal, number = self._journal, rec.out_trade_no

        def shown(events: list[EventRecord]) -> None:
            current = self.selected()
            if current is not None and current.out_trade_no == number:
                self.trail.setPlainText(audit_text(events))

        self._worker.run(lambda: journal.events(number), success=shown, label="audit trail")

    def reprint_selected(self) -> None:
        """Hand the selected record to the till's receipt printer."""
        rec = self.selected()
        if rec is not None:
            self._reprint(rec)

    def _refund_selected(self) -> None:
        rec = self.selected()
        self.refund_requested.emit(rec.syssn if rec is not None and rec.syssn else "")

    # -- notes, export, reconciliation ------------------------------------------------------

    def ask_note(self) -> None:
        rec = self.selected()
        if rec is None or not rec.syssn or self._services is None:
            self.status.setText(self.tr("Select a transaction QFPay knows (with a syssn)."))
            return
        text, ok = QInputDialog.getText(self, self.tr("Add note"), self.tr("Note for QFPay:"))
        if ok and text.strip():
            self.add_note(rec, text)

    def add_note(self, rec: TxRecord, text: str) -> None:
        """Send the note to QFPay and keep it in the journal (on the worker)."""
        from pos_app.engine.notes import add_note  # noqa: PLC0415

        services, journal = self._services, self._journal
        client = services.engine.client
        syssn, author = str(rec.syssn), str(services.cashier)
        self._worker.run(
            lambda: add_note(journal, client, syssn=syssn, text=text, author=author),
            success=lambda _added: self._note_added(),
            failure=self._failed,
            label="note",
        )

    def _note_added(self) -> None:
        self.status.setText(self.tr("Note added."))
        self._show_trail()

    def _failed(self, exc: BaseException) -> None:
        self.last_error = tr_core("engine", getattr(exc, "message", "") or str(exc))
        self.status.setText(self.last_error)

    def ask_export(self) -> None:
        if path := ask_csv_path(self, "transactions.csv"):
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        """Every row of the current view (not only those fetched so far) to ``path``."""
        journal, flt = self._journal, self.model.filter

        write_csv_on_worker(
            self._worker,
            path,
            lambda out: hist.write_csv(hist.all_rows(journal, flt), out),
            success=lambda n: self.status.setText(self.tr("%n row(s) exported.", "", n)),
            failure=self._failed,
            label="export",
        )

    def open_reconcile(self) -> None:
        if self._services is None:
            return
        from pos_app.ui.reconcile_view import ReconcileDialog  # noqa: PLC0415

        day = self.date_from.date()
        dialog = ReconcileDialog(
            self._services, self._worker, self, day=dt.date(day.year(), day.month(), day.day())
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()


def receipt_lines(
    record: TxRecord, *, training: bool, merchant_name: str = "", reprint: bool = False
) -> list[str]:
    """The receipt for a journal row, laid out by the devices' receipt module."""
    from pos_app.devices.receipt import render_text  # noqa: PLC0415
    from pos_app.ui.receipts import build_receipt  # noqa: PLC0415

    receipt = build_receipt(record, training=training, merchant_name=merchant_name, reprint=reprint)
    return render_text(receipt, translate=QCoreApplication.translate)
