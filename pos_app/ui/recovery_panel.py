"""Recovery at start, visibly: finish what the last run left open and list what happened.

The engine does the work (on the worker); this panel shows one line per transaction being
recovered ("HKD 33.00 WeChat Pay: checking…", then "HKD 33.00 WeChat Pay: Paid"), updated in
place rather than appended, so the cashier never reads a stale "checking" line.  It keeps the
status bar's count current, checks again later while anything is still unsettled, can be
dismissed (× or the next sale) and leaves by itself a while after everything is settled: the
sale screen needs the room on a 768-high screen.  A line per transaction is also kept in
``log`` for the session.  Its strings belong to the main window (context ``MainWindow``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.i18n import tr_message
from pos_app.ui.labels import safe_amount, state_text, wallet_name
from pos_app.ui.worker import Worker, assert_gui_thread

if TYPE_CHECKING:
    from pos_app.engine.journal import TxRecord
    from pos_app.ui.services import TillServices

MAX_RECOVERY_LINES = 200
#: Lines visible at once; more scroll (the sale screen keeps its room on small screens).
VISIBLE_LINES = 3
#: How long the settled list stays on screen before it leaves by itself.
DONE_HOLD_MS = 30_000


def recovery_line(rec: TxRecord, *, checking: bool = False) -> str:
    """``HKD 33.00 WeChat Pay: Paid`` (wallet names, never pay_type codes)."""
    head = f"{safe_amount(rec.txamt, rec.currency)} {wallet_name(rec.wallet_code)}: "
    if checking:
        return head + QCoreApplication.translate("MainWindow", "checking with QFPay…")
    line = head + state_text(rec.state.value)
    if rec.reason:
        line += f" — {tr_message(rec.reason)}"
    return line


class RecoveryPanel(QFrame):
    """Runs recovery in the background and shows each transaction's state, in place."""

    finished = Signal(object)  # list of (before, after) journal records

    def __init__(
        self,
        window: QWidget,
        services: Callable[[], TillServices | None],
        worker: Worker,
        set_recovering: Callable[[int], None],
        *,
        sale_running: Callable[[], bool] = lambda: False,
        recheck_ms: int,
        done_hold_ms: int = DONE_HOLD_MS,
    ) -> None:
        super().__init__(window)
        self.setObjectName("recoveryPanel")
        self._services = services
        self._worker = worker
        self._set_recovering = set_recovering  # the status bar's count
        self._sale_running = sale_running
        self._recheck_ms = recheck_ms
        self._running = False
        self._stopped = False
        self._items: dict[str, QListWidgetItem] = {}
        self._open: set[str] = set()
        self.log: list[str] = []
        self.title = QLabel(QCoreApplication.translate("MainWindow", "Recovered at start"), self)
        self.title.setObjectName("recoveryTitle")
        self.title.setWordWrap(True)
        self.dismiss_button = QPushButton(QCoreApplication.translate("MainWindow", "Hide ×"), self)
        self.dismiss_button.setObjectName("recoveryDismiss")
        self.dismiss_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dismiss_button.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "Hide this list (the history keeps every line)"
            )
        )
        self.dismiss_button.clicked.connect(self.dismiss)
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setWordWrap(True)
        line = self.list.fontMetrics().lineSpacing() + 6
        self.list.setMaximumHeight(VISIBLE_LINES * line + 6)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.list)
        self._leave = QTimer(self)
        self._leave.setSingleShot(True)
        self._leave.setInterval(done_hold_ms)
        self._leave.timeout.connect(self._leave_if_done)
        self.hide()

    @property
    def running(self) -> bool:
        """Whether a recovery pass is on the worker right now."""
        return self._running

    @property
    def done_hold_ms(self) -> int:
        """How long a settled list stays before it leaves by itself."""
        return self._leave.interval()

    @done_hold_ms.setter
    def done_hold_ms(self, msecs: int) -> None:
        self._leave.setInterval(msecs)

    def stop(self) -> None:
        """The window closed: start nothing more (what is running finishes on its own)."""
        self._stopped = True
        self._leave.stop()

    def dismiss(self) -> None:
        """Hide the list; it comes back if a later pass finds something new to recover."""
        self._leave.stop()
        self.hide()

    def start(self) -> None:
        """Finish what the last run left open, in the background, and list what happened."""
        services = self._services()
        if services is None or self._running or self._stopped:
            return
        if self._sale_running():
            # The sale's own row is unfinished too: listing it here as "recovered" would
            # confuse the cashier.  Look again once the till is free.
            QTimer.singleShot(self._recheck_ms, self.start)
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
        if not pending_now:
            self._open.clear()
            self._set_recovering(0)
            return
        self._running = True
        self._set_recovering(len(pending_now))
        for rec in pending_now:
            self._show_line(rec, checking=True)
        self._leave.stop()
        self.show()

        def job() -> list[tuple[TxRecord, TxRecord | None]]:
            engine.recover()
            return [(rec, journal.get(rec.out_trade_no)) for rec in pending_now]

        self._worker.run(job, success=self._recovered, failure=self._failed, label="recovery")

    def check_later(self, still_open: int = 1) -> None:
        """Something is not settled yet: show it as recovering and look again later."""
        self._set_recovering(max(still_open, len(self._open)))
        QTimer.singleShot(self._recheck_ms, self.start)

    def _show_line(self, rec: TxRecord, *, checking: bool) -> None:
        text = recovery_line(rec, checking=checking)
        item = self._items.get(rec.out_trade_no)
        if item is None:
            item = QListWidgetItem(text)
            self.list.addItem(item)
            self._items[rec.out_trade_no] = item
        else:
            item.setText(text)
        if checking or not rec.state.is_final:
            self._open.add(rec.out_trade_no)
        else:
            self._open.discard(rec.out_trade_no)
        while self.list.count() > MAX_RECOVERY_LINES:
            old = self.list.takeItem(0)
            self._items = {k: v for k, v in self._items.items() if v is not old}

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self._worker.report_error(exc, "recovery")
        self._set_recovering(max(1, len(self._open)))
        QTimer.singleShot(self._recheck_ms, self.start)

    def _recovered(self, pairs: list[tuple[TxRecord, TxRecord | None]]) -> None:
        assert_gui_thread()
        self._running = False
        for before, after in pairs:
            rec = after or before
            self._show_line(rec, checking=False)
            self.log.append(recovery_line(rec))
        still_open = len(self._open)
        self._set_recovering(still_open)
        if still_open:
            QTimer.singleShot(self._recheck_ms, self.start)
        elif self.isVisible():
            self._leave.start()
        self.finished.emit(pairs)

    def _leave_if_done(self) -> None:
        if not self._open and not self._running:
            self.hide()
