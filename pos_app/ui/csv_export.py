"""Saving a manager's view as CSV, one way for the history, the day report and the check.

The file is asked for with the same title and filter everywhere, and written on the worker
(a slow USB stick must not freeze the till) as UTF-8 with the newline handling the csv
module wants, so a spreadsheet opens every export the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from pos_app.ui.worker import FailureFn, SuccessFn, Worker


def ask_csv_path(parent: QWidget, suggested: str) -> str:
    """The file the manager chose to export to ("" when they cancelled)."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("CsvExport", "Export CSV"),
        suggested,
        QCoreApplication.translate("CsvExport", "CSV files (*.csv)"),
    )
    return path


def write_csv_on_worker(
    worker: Worker,
    path: str,
    write: Callable[[TextIO], Any],
    *,
    success: SuccessFn,
    failure: FailureFn,
    label: str,
) -> None:
    """Open ``path`` for CSV and run ``write(out)`` on the worker; ``success`` gets its result."""

    def job() -> Any:
        with open(path, "w", encoding="utf-8", newline="") as out:
            return write(out)

    worker.run(job, success=success, failure=failure, label=label)
