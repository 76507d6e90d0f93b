"""X and Z reports on screen: look at the day any time, print it, export it, close it.

The text on screen is exactly what the receipt printer prints: both come from
``pos_app.devices.day_report`` (one renderer).  Closing the day (Z) needs a manager's name
and PIN, and is offered only when nothing is still open; transactions needing attention are
listed above the totals first.  Every journal read and write runs on the worker.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_app.devices.day_report import render_day_report, report_csv
from pos_app.engine.day_reports import DayReport, close_day, last_z_number, x_report, z_report
from pos_app.engine.journal import Journal
from pos_app.ui.csv_export import ask_csv_path, write_csv_on_worker
from pos_app.ui.i18n import tr_core
from pos_app.ui.worker import Worker, assert_gui_thread


class ReportDialog(QDialog):
    """The X report of the open business day, Z reprints, and closing the day."""

    def __init__(
        self,
        journal: Journal,
        worker: Worker,
        parent: QWidget | None = None,
        *,
        day: dt.date | None = None,  # accepted for callers of the old day-close dialog
        services: Any = None,
    ) -> None:
        super().__init__(parent)
        del day  # the business day is what the last Z closed, not a calendar date
        self.setWindowTitle(self.tr("Day reports"))
        self.resize(760, 620)
        self._journal = journal
        self._worker = worker
        self._services = services
        self.current: DayReport | None = None
        self.status = QLabel(self)
        self.summary = QLabel(self)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setStyleSheet("font-family: monospace;")
        self.cashier_edit = QLineEdit(self)
        self.cashier_edit.setPlaceholderText(self.tr("All cashiers"))
        self.cashier_edit.returnPressed.connect(self.show_x)
        x_button = QPushButton(self.tr("X report"), self)
        x_button.clicked.connect(self.show_x)
        self.z_number = QSpinBox(self)
        self.z_number.setRange(1, 10**9)
        z_button = QPushButton(self.tr("Show Z report"), self)
        z_button.clicked.connect(lambda: self.show_z(self.z_number.value()))
        top = QHBoxLayout()
        for widget in (QLabel(self.tr("Cashier")), self.cashier_edit, x_button,
                       QLabel(self.tr("Z number")), self.z_number, z_button):  # fmt: skip
            top.addWidget(widget)
        self.manager_edit = QLineEdit(self)
        self.manager_edit.setPlaceholderText(self.tr("Manager"))
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        self.pin_edit.returnPressed.connect(self.close_the_day)
        self.z_button = QPushButton(self.tr("Close the day (Z)"), self)
        self.z_button.clicked.connect(self.close_the_day)
        self.print_button = QPushButton(self.tr("Print"), self)
        self.print_button.clicked.connect(self.print_report)
        self.print_button.setEnabled(getattr(services, "printer", None) is not None)
        csv_button = QPushButton(self.tr("Export CSV…"), self)
        csv_button.clicked.connect(self.ask_export)
        close = QPushButton(self.tr("Close [Esc]"), self)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        for widget in (self.manager_edit, self.pin_edit, self.z_button):
            bottom.addWidget(widget)
        bottom.addStretch(1)
        for widget in (self.print_button, csv_button, close):
            bottom.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        self.show_x()

    @property
    def _till_id(self) -> str:
        return str(getattr(self._services, "till_id", "") or "")

    @property
    def _training(self) -> bool:
        return bool(getattr(self._services, "training", False))

    def text_lines(self, report: DayReport, width: int = 42) -> list[str]:
        """The report as the printer lays it out, translated."""
        return render_day_report(report, width, QCoreApplication.translate, training=self._training)

    def show_x(self) -> None:
        """The open business day so far (one cashier's part if a name is given)."""
        journal, till = self._journal, self._till_id
        cashier = self.cashier_edit.text().strip() or None

        def job() -> tuple[DayReport, int | None]:
            return x_report(journal, till_id=till, cashier=cashier), last_z_number(journal)

        self._worker.run(job, success=lambda pair: self._show(*pair), label="X report")

    def show_z(self, number: int) -> None:
        journal = self._journal

        def shown(found: DayReport | None) -> None:
            if found is None:
                self.status.setText(self.tr("There is no Z report with that number."))
            else:
                self._show(found, None)

        self._worker.run(lambda: z_report(journal, number), success=shown, label="Z report")

    def _show(self, report: DayReport, last_z: int | None) -> None:
        assert_gui_thread()
        self.current = report
        self.report.setPlainText("\n".join(self.text_lines(report)))
        unsettled = len(report.open_items) + len(report.attention_items)
        if report.kind == "Z":
            self.summary.setText(self.tr("Z report %1: the day is closed.").replace(
                "%1", str(report.number)))  # fmt: skip
        elif unsettled:
            self.summary.setText(
                self.tr("%n transaction(s) not settled: see below.", "", unsettled)
            )
        else:
            self.summary.setText(self.tr("All transactions settled."))
        if last_z is not None:
            self.z_number.setValue(last_z)
        open_now = report.kind == "X" and bool(report.open_items)
        self.z_button.setEnabled(report.kind == "X" and not report.cashier and not open_now)

    def close_the_day(self) -> None:
        """Verify the manager's PIN, then write the next Z report (on the worker)."""
        if not self.z_button.isEnabled():
            return
        name, pin = self.manager_edit.text().strip(), self.pin_edit.text()
        self.pin_edit.clear()
        if not name or not pin:
            self.status.setText(self.tr("A manager's name and PIN close the day."))
            return
        from pos_app.engine.managers import ManagerStore  # noqa: PLC0415

        journal, till = self._journal, self._till_id
        managers = getattr(self._services, "managers", None) or ManagerStore(journal)

        def job() -> DayReport:
            manager = managers.verify(name, pin)
            return close_day(journal, till_id=till, manager=manager)

        self._worker.run(job, success=self._closed, failure=self._failed, label="Z report")

    def _closed(self, report: DayReport) -> None:
        self._show(report, report.number)
        self.status.setText(self.tr("Day closed. Sales from now on belong to the next day."))
        if self.print_button.isEnabled():
            self.print_report()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(tr_core("engine", getattr(exc, "message", "") or str(exc)))

    def print_report(self) -> None:
        printer = getattr(self._services, "printer", None)
        report = self.current
        if printer is None or report is None:
            return
        lines = self.text_lines(report, int(getattr(printer, "width", 42)))
        self._worker.run(
            lambda: printer.print_lines(lines),
            success=lambda _r: self.status.setText(self.tr("Printed.")),
            failure=self._failed,
            label="print report",
        )

    def ask_export(self) -> None:
        if self.current is None:
            return
        if path := ask_csv_path(self, "report.csv"):
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        report = self.current
        if report is None:
            return
        text = report_csv(report)
        write_csv_on_worker(
            self._worker,
            path,
            lambda out: out.write(text),
            success=lambda _r: self.status.setText(self.tr("Exported.")),
            failure=self._failed,
            label="export report",
        )

    # The old day-close dialog exposed ``totals``; keep the name for callers.
    @property
    def totals(self) -> DayReport | None:
        return self.current
