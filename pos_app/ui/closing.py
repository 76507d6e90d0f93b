"""Closing the till while a payment is in flight: never abandon it.

The cashier chooses to keep the till open, to close once the payment is finished, or to close
now (the payment is journaled and recovery finishes it at the next start).  After the window
closed, running ops get a moment to end (journal commits, a receipt being printed).

The strings here belong to the main window's dialogs, so they keep its translation context
(``MainWindow``) and the existing translations keep working.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QPushButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from pos_app.ui.receipts import ReceiptPrinting
    from pos_app.ui.worker import Worker

# The till's own logger: the warning below is the main window's, wherever the code lives.
log = logging.getLogger("pos_app.ui.main_window")

CLOSE_WAIT, CLOSE_WHEN_DONE, CLOSE_NOW = "wait", "when_done", "now"


class CloseQuestion(QDialog):
    """The three choices as full-width buttons stacked under the question.

    A ``QMessageBox`` lays its buttons out in one row at their *unstyled* size hint, so under
    the till's large-type stylesheet their text was cut ("se when the payment is finish");
    stacked, full-width buttons show every word in every language on a 1024-wide screen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "Payment in progress"))
        self.setModal(True)
        self.choice = CLOSE_WAIT
        self.question = QLabel(
            QCoreApplication.translate(
                "MainWindow",
                "A payment is still in progress. Closing now does not lose it: the till "
                "finishes it, or checks it again at the next start.",
            ),
            self,
        )
        self.question.setWordWrap(True)
        self.question.setMinimumWidth(420)
        # The title again inside: a kiosk till has no window manager to draw title bars.
        heading = QLabel(self.windowTitle(), self)
        heading.setObjectName("dialogHeading")
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.question)
        self.buttons: dict[str, QPushButton] = {}
        for choice, text in (
            (CLOSE_WAIT, QCoreApplication.translate("MainWindow", "Keep the till open")),
            (
                CLOSE_WHEN_DONE,
                QCoreApplication.translate("MainWindow", "Close when the payment is finished"),
            ),
            (CLOSE_NOW, QCoreApplication.translate("MainWindow", "Close now")),
        ):
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)
            self.buttons[choice] = button
        keep = self.buttons[CLOSE_WAIT]
        keep.setDefault(True)
        keep.setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == CLOSE_WAIT:
            self.reject()
        else:
            self.accept()


def ask_close_while_busy(parent: QWidget) -> str:
    """Ask the cashier what to do with the payment in flight (a modal dialog; Esc keeps
    the till open)."""
    box = CloseQuestion(parent)
    box.exec()
    choice = box.choice
    box.deleteLater()
    return choice


class CloseGuard:
    """Decides whether the window may close now, remembering "close when done"."""

    def __init__(self, status: QStatusBar) -> None:
        self._status = status
        self.close_when_done = False

    def may_close(self, busy: bool, ask: Callable[[], str]) -> bool:
        """Whether to accept a close request; ``ask`` puts the question to the cashier."""
        if busy and not self.close_when_done:
            choice = ask()
            if choice == CLOSE_WAIT:
                return False
            if choice == CLOSE_WHEN_DONE:
                self.close_when_done = True
                self._status.showMessage(
                    QCoreApplication.translate(
                        "MainWindow", "Closing when the payment is finished…"
                    )
                )
                return False
            log.warning("closed during a payment; it is journaled and recovered at next start")
        elif busy:
            return False
        return True


def wait_for_background(
    worker: Worker, receipts: ReceiptPrinting | None, wait_ms: int = 5000
) -> None:
    """After the window closed: let running ops end (journal commits) before exit."""
    deadline = time.monotonic() + wait_ms / 1000
    while worker.in_flight() and time.monotonic() < deadline:
        worker.wait_for_done(50)
        QApplication.processEvents()
    if receipts is not None:
        # A receipt being printed gets what is left of the wait, never more.
        receipts.wait(max(0, round((deadline - time.monotonic()) * 1000)))
