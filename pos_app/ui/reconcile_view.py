""" "Check with QFPay": one day of the journal against QFPay's enquiry records.

The comparison itself is the engine's (:mod:`pos_app.engine.reconcile`); this window runs it
on the worker, lists every difference, and offers to settle the rows that are still open
through the engine's recovery (the only path that may make a transaction final).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.engine import reconcile as rc
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.ui.csv_export import ask_csv_path, write_csv_on_worker
from pos_app.ui.i18n import tr_core
from pos_app.ui.labels import safe_amount, state_text
from pos_app.ui.worker import Worker, assert_gui_thread

KIND_WORDS = {
    rc.MATCHED: QT_TRANSLATE_NOOP("ReconcileDialog", "Matched"),
    rc.MISSING_HERE: QT_TRANSLATE_NOOP("ReconcileDialog", "Missing here"),
    rc.MISSING_THERE: QT_TRANSLATE_NOOP("ReconcileDialog", "Missing at QFPay"),
    rc.DIFFERS: QT_TRANSLATE_NOOP("ReconcileDialog", "Differs"),
}


class ReconcileDialog(QDialog):
    """Runs the comparison for a day and shows the differences."""

    def __init__(
        self, services: Any, worker: Worker, parent: QWidget | None = None, *,
        day: dt.date | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check with QFPay"))
        self.resize(900, 480)
        self._services = services
        self._worker = worker
        self.outcome: rc.Reconciliation | None = None
        when = day or dt.date.today()
        self.date_edit = QDateEdit(QDate(when.year, when.month, when.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.check_button = QPushButton(self.tr("Check"), self)
        self.check_button.clicked.connect(self.check)
        self.settle_button = QPushButton(self.tr("Settle open ones through recovery"), self)
        self.settle_button.clicked.connect(self.settle)
        self.settle_button.setEnabled(False)
        self.summary = QLabel(self)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Finding"), self.tr("Order number"), self.tr("In the journal"),
             self.tr("At QFPay"), self.tr("Why")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.clicked.connect(self.ask_export)
        self.export_button.setEnabled(False)
        close = QPushButton(self.tr("Close [Esc]"), self)
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        for widget in (QLabel(self.tr("Day")), self.date_edit, self.check_button):
            top.addWidget(widget)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.settle_button)
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def _window(self) -> tuple[dt.datetime, dt.datetime]:
        day = self.date_edit.date()
        return rc.day_window(dt.date(day.year(), day.month(), day.day()))

    def check(self) -> None:
        """Fetch QFPay's records of the day (pages of 100) and compare, on the worker."""
        services = self._services
        journal, client = services.journal, services.engine.client
        start, end = self._window()
        till = str(services.till_id)
        self.check_button.setEnabled(False)
        self.summary.setText(self.tr("Asking QFPay…"))
        self._worker.run(
            lambda: rc.reconcile(journal, client, start, end, till_id=till, udid=client.udid),
            success=self._show,
            failure=self._failed,
            label="check with QFPay",
        )

    def settle(self) -> None:
        """Finish the open rows through the engine's recovery, then check again."""
        result, engine = self.outcome, self._services.engine
        if result is None:
            return
        self.settle_button.setEnabled(False)
        self._worker.run(
            lambda: rc.settle(engine, result),
            success=lambda _done: self.check(),
            failure=self._failed,
            label="settle",
        )

    def ask_export(self) -> None:
        if path := ask_csv_path(self, "check-with-qfpay.csv"):
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        """Every finding of the last check (matches too) to ``path``, on the worker."""
        result = self.outcome
        if result is None:
            return

        write_csv_on_worker(
            self._worker,
            path,
            lambda out: rc.write_csv(result, out),
            success=lambda n: self.summary.setText(self.tr("%n row(s) exported.", "", n)),
            failure=self._failed,
            label="export",
        )

    def _failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.summary.setText(tr_core("engine", getattr(exc, "message", "") or str(exc)))

    def _show(self, result: rc.Reconciliation) -> None:
        assert_gui_thread()
        self.outcome = result
        self.check_button.setEnabled(True)
        diffs = result.differences()
        self.table.setRowCount(len(diffs))
        for row, finding in enumerate(diffs):
            local = finding.local
            here = (
                f"{safe_amount(local.txamt, local.currency)} {state_text(local.state.value)}"
                if local is not None
                else ""
            )
            there = ""
            if finding.remote:
                first = finding.remote[0]
                if first.txamt is not None and first.txcurrcd:
                    there = f"{safe_amount(first.txamt, first.txcurrcd)} {first.respcd}"
            cells = [tr_core("ReconcileDialog", KIND_WORDS[finding.kind]), finding.out_trade_no,
                     here, there, tr_core("reconcile", finding.why)]  # fmt: skip
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        counts = [result.count(kind) for kind in KIND_WORDS]
        self.summary.setText(
            self.tr("Matched %1, missing here %2, missing at QFPay %3, differing %4.")
            .replace("%1", str(counts[0])).replace("%2", str(counts[1]))
            .replace("%3", str(counts[2])).replace("%4", str(counts[3]))
        )  # fmt: skip
        self.settle_button.setEnabled(any(f.settleable for f in diffs))
        self.export_button.setEnabled(True)
