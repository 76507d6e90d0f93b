"""Recovery at start, visibly: finish what the last run left open and list what happened.

The engine does the work (on the worker); this panel shows a title and a short list above the
till's tools, keeps the status bar's count current, and checks again later while anything is
still unsettled.  Its strings belong to the main window (translation context ``MainWindow``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QWidget

from pos_app.ui.i18n import tr_message
from pos_app.ui.labels import safe_amount, state_text
from pos_app.ui.worker import Worker, assert_gui_thread

if TYPE_CHECKING:
    from pos_app.engine.journal import TxRecord
    from pos_app.ui.services import TillServices

MAX_RECOVERY_LINES = 200


class RecoveryPanel(QObject):
    """Runs recovery in the background and lists each transaction's final state."""

    finished = Signal(object)  # list of (before, after) journal records

    def __init__(
        self,
        window: QWidget,
        services: Callable[[], TillServices | None],
        worker: Worker,
        set_recovering: Callable[[int], None],
        checking_text: Callable[[int], str],
        *,
        recheck_ms: int,
    ) -> None:
        super().__init__(window)
        self._services = services
        self._worker = worker
        self._set_recovering = set_recovering  # the status bar's count
        self._checking_text = checking_text  # "Checking %n unfinished transaction(s)…"
        self._recheck_ms = recheck_ms
        self._running = False
        self._stopped = False
        self.log: list[str] = []
        self.list = QListWidget(window)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setMaximumHeight(110)
        self.title = QLabel(QCoreApplication.translate("MainWindow", "Recovered at start"), window)
        self.title.hide()
        self.list.hide()

    def stop(self) -> None:
        """The window closed: start nothing more (what is running finishes on its own)."""
        self._stopped = True

    def start(self) -> None:
        """Finish what the last run left open, in the background, and list what happened."""
        services = self._services()
        if services is None or self._running or self._stopped:
            return
        journal = services.journal
        self._running = True  # until the list of open rows is back from the worker
        # The open rows are read on the worker: no journal read on the GUI thread.
        self._worker.run(
            journal.unfinished,
            success=lambda rows: self._recover(services, rows),
            failure=self._failed,
            label="recovery",
        )

    def _recover(self, services: TillServices, pending_now: list[TxRecord]) -> None:
        """Show what is open and finish it in the background."""
        self._running = False
        if self._stopped:
            return
        journal, engine = services.journal, services.engine
        self._set_recovering(len(pending_now))
        if not pending_now:
            return
        self._running = True
        self.title.show()
        self.list.show()
        self.list.addItem(self._checking_text(len(pending_now)))

        def job() -> list[tuple[TxRecord, TxRecord | None]]:
            engine.recover()
            return [(rec, journal.get(rec.out_trade_no)) for rec in pending_now]

        self._worker.run(job, success=self._recovered, failure=self._failed, label="recovery")

    def check_later(self, still_open: int = 1) -> None:
        """Something is not settled yet: show it as recovering and look again later."""
        self._set_recovering(still_open)
        QTimer.singleShot(self._recheck_ms, self.start)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self._worker.report_error(exc, "recovery")
        QTimer.singleShot(self._recheck_ms, self.start)

    def _recovered(self, pairs: list[tuple[TxRecord, TxRecord | None]]) -> None:
        assert_gui_thread()
        self._running = False
        still_open = 0
        for before, after in pairs:
            rec = after or before
            if not rec.state.is_final:
                still_open += 1
            line = f"{safe_amount(rec.txamt, rec.currency)} {rec.pay_type}: " + state_text(
                rec.state.value
            )
            if rec.reason:
                line += f" — {tr_message(rec.reason)}"
            self.list.addItem(line)
            self.log.append(line)
        while self.list.count() > MAX_RECOVERY_LINES:
            self.list.takeItem(0)
        self._set_recovering(still_open)
        if still_open:
            QTimer.singleShot(self._recheck_ms, self.start)
        self.finished.emit(pairs)
