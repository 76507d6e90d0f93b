"""The manager's refund dialog: find the sale, choose the amount, authorise with a PIN.

The sale is found by its QFPay number (syssn), typed or scanned from the receipt; scans are
routed here by the main window while the dialog is open.  It is looked up in this till's
journal, else at the gateway (another till's sale), *before* any amount is read: a refund
request carries no currency, so the amount is parsed and shown in the sale's own currency
(JPY 500 refunded "3" is three yen).  A sale that cannot be found is said so; nothing is
sent.  The PIN is checked by the engine (its ``ManagerStore``) and the refund runs through
the worker like every money movement; the dialog stays open with the outcome so the manager
sees exactly what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.engine.errors import InputRefusedError
from pos_app.engine.events import Outcome
from pos_app.engine.journal import Journal
from pos_app.engine.refunds import Original
from pos_app.qfpay.currencies import from_txamt, get_currency, to_txamt
from pos_app.ui.i18n import tr_message
from pos_app.ui.labels import safe_amount, state_text, wallet_name
from pos_app.ui.theme import set_state_property
from pos_app.ui.worker import Worker, assert_gui_thread, user_message

#: ``(orig syssn, txamt, manager name, PIN) -> Outcome``; blocking, run on the worker.  The
#: engine checks the PIN (``ManagerStore``) and raises ``ManagerAuthError`` when it is wrong.
RefundFn = Callable[[str, int, str, str], Outcome]
#: ``syssn -> Original``: the engine's lookup (journal, else gateway); blocking, on the worker.
LookupFn = Callable[[str], Original]


@dataclass(frozen=True)
class Sale:
    """The payment being refunded, wherever it was found, with what is left of it."""

    syssn: str
    txamt: int
    currency: str
    pay_type: str
    state: str
    remaining: int


def find_sale(journal: Journal, syssn: str, lookup: LookupFn | None = None) -> Sale | None:
    """The original payment and what is still refundable: this journal, else the gateway."""
    local = journal.by_syssn(syssn)
    if local is not None:
        remaining = journal.refundable_remaining(syssn) or 0
        state = local.state.value
        return Sale(syssn, local.txamt, local.currency, local.wallet_code, state, remaining)
    if lookup is None:
        return None
    try:
        original = lookup(syssn)
    except InputRefusedError as exc:
        if exc.message.startswith("No paid payment"):
            return None
        raise
    remaining = journal.refundable_remaining(syssn, original.txamt) or 0
    return Sale(syssn, original.txamt, original.currency, original.pay_type, "PAID", remaining)


class RefundDialog(QDialog):
    """Find → amount → manager + PIN → refund → outcome."""

    finished_refund = Signal(object)  # Outcome

    def __init__(
        self,
        journal: Journal,
        worker: Worker,
        refund: RefundFn,
        currency: str,
        parent: QWidget | None = None,
        *,
        lookup: LookupFn | None = None,
        managers: Callable[[], list[str]] = list,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Refund (manager)"))
        self.resize(720, 420)
        self._journal = journal
        self._worker = worker
        self._refund = refund
        self._lookup = lookup
        self._currency = get_currency(currency)
        self.original: Sale | None = None
        self.remaining: int | None = None
        self.outcome: Outcome | None = None  # the last refund's, until the next lookup

        self.syssn_edit = QLineEdit(self)
        self.syssn_edit.setPlaceholderText(self.tr("Type or scan the receipt's QFPay number"))
        self.syssn_edit.returnPressed.connect(self.lookup)
        self.syssn_edit.setMinimumWidth(340)
        self.find_button = QPushButton(self.tr("Find [Enter]"), self)
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self.lookup)
        self.sale_label = QLabel(self)
        self.sale_label.setWordWrap(True)
        self.amount_edit = QLineEdit(self)
        # An empty amount is a mistake, never "everything": a full refund is its own button.
        self.amount_edit.setPlaceholderText(self.tr("Amount to refund"))
        self.full_button = QPushButton(self.tr("Full refund…"), self)
        self.full_button.setAutoDefault(False)
        self.full_button.clicked.connect(self.full_refund)
        self.full_button.setEnabled(False)
        # Chosen from the managers set up on this till, never typed (no typo can lock one out).
        self._managers = managers
        self.manager_box = QComboBox(self)
        self.pin_edit = QLineEdit(self)
        # Enter moves on to the next field, as a manager expects; Enter in the PIN refunds.
        self.amount_edit.returnPressed.connect(self.manager_box.setFocus)
        self.manager_box.activated.connect(lambda _i: self.pin_edit.setFocus())
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.returnPressed.connect(self.submit)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("refundStatus")
        self.status_label.setWordWrap(True)
        self.refund_button = QPushButton(self.tr("Refund [Ctrl+Enter]"), self)
        self.refund_button.setShortcut("Ctrl+Return")
        self.refund_button.setAutoDefault(False)
        self.refund_button.clicked.connect(self.submit)
        self.refund_button.setEnabled(False)
        close = QPushButton(self.tr("Close [Esc]"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)

        find_row = QHBoxLayout()
        find_row.addWidget(self.syssn_edit, 1)
        find_row.addWidget(self.find_button)
        form = QFormLayout()
        form.addRow(self.tr("QFPay number (syssn)"), find_row)
        form.addRow("", self.sale_label)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount_edit, 1)
        amount_row.addWidget(self.full_button)
        self.amount_title = QLabel(self.tr("Amount (%1)").replace("%1", self._currency.code), self)
        form.addRow(self.amount_title, amount_row)
        form.addRow(self.tr("Manager"), self.manager_box)
        form.addRow(self.tr("PIN"), self.pin_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refund_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status_label, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(buttons)
        self.reload_managers()
        self.syssn_edit.setFocus()

    def reload_managers(self) -> None:
        """Offer the managers set up on this till (none chosen: the manager picks)."""
        names = sorted(self._managers())
        self.manager_box.clear()
        self.manager_box.addItems(names)
        self.manager_box.setCurrentIndex(-1)
        self.manager_box.setPlaceholderText(
            self.tr("Choose the manager") if names else self.tr("No manager is set up")
        )

    def showEvent(self, event: QShowEvent) -> None:
        """Managers may have been added since the dialog was last open."""
        super().showEvent(event)
        if not event.spontaneous():
            current = self.manager_box.currentText()
            self.reload_managers()
            if current:
                self.manager_box.setCurrentText(current)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on the manager list moves on to the PIN, like Enter in the other fields."""
        if self.manager_box.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.pin_edit.setFocus()
            event.accept()
            return
        super().keyPressEvent(event)

    def set_syssn(self, syssn: str) -> None:
        """Fill the number (from a scan or the history) and look it up at once."""
        self.syssn_edit.setText(syssn.strip())
        self.lookup()

    def lookup(self) -> None:
        """Find the original payment in this till's journal."""
        syssn = self.syssn_edit.text().strip()
        if not syssn:
            return
        self.refund_button.setEnabled(False)
        self.outcome = None
        self._say(self.tr("Looking up %1…").replace("%1", syssn))
        journal, lookup = self._journal, self._lookup
        self._worker.run(
            lambda: find_sale(journal, syssn, lookup),
            success=self._found,
            failure=self._failed,
            label="refund lookup",
        )

    def _found(self, found: Sale | None) -> None:
        assert_gui_thread()
        self.original = found
        self.remaining = found.remaining if found is not None else None
        if found is None:
            self.sale_label.setText(
                self.tr("No paid sale with this number was found, here or at QFPay.")
            )
            self._say("")
            return
        rec = found
        # Everything from here on is in the sale's own currency, not the till's.
        self._currency = get_currency(rec.currency)
        self.sale_label.setText(
            self.tr("%1 · %2 · %3 — still refundable: %4")
            .replace("%1", safe_amount(rec.txamt, rec.currency))
            .replace("%2", state_text(rec.state))
            .replace("%3", wallet_name(rec.pay_type))
            .replace("%4", safe_amount(self.remaining or 0, rec.currency))
        )
        can_refund = bool(self.remaining)
        self.refund_button.setEnabled(can_refund)
        self.full_button.setEnabled(can_refund)
        self.amount_title.setText(self.tr("Amount (%1)").replace("%1", rec.currency))
        if self.outcome is None:
            # After a refund its outcome line stays; otherwise say whether one is possible.
            self._say(
                "" if can_refund else self.tr("Nothing left to refund on this sale."), "problem"
            )
        if can_refund:
            self.amount_edit.setFocus()

    def requested_txamt(self) -> int:
        """The keyed amount to refund, in minor units (``submit`` refuses an empty one)."""
        return to_txamt(self.amount_edit.text().strip(), self._currency)

    def confirm_full_refund(self, amount: str) -> bool:
        """Ask before refunding everything left; tests override this to answer directly."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Full refund"))
        box.setText(self.tr("Refund everything left: %1?").replace("%1", amount))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def full_refund(self) -> None:
        """The explicit choice to refund everything left, confirmed with the amount."""
        rec = self.original
        if rec is None or not self.remaining:
            return
        amount = safe_amount(self.remaining, rec.currency)
        if not self.confirm_full_refund(amount):
            return
        self.submit(txamt=int(self.remaining))

    def submit(self, txamt: int | None = None) -> None:
        """Check the PIN, then refund; both off the GUI thread.

        ``txamt``: the amount already chosen (a confirmed full refund); otherwise the keyed one.
        """
        if self.original is None or not self.refund_button.isEnabled():
            return
        if txamt is None and not self.amount_edit.text().strip():
            self._say(
                self.tr("Key the amount to refund, or choose Full refund for everything left."),
                "problem",
            )
            self.amount_edit.setFocus()
            return
        if txamt is None:
            try:
                txamt = self.requested_txamt()
            except Exception as exc:
                self._say(user_message(exc), "problem")
                return
        if self.remaining is not None and txamt > self.remaining:
            limit = from_txamt(self.remaining, self._currency)
            self._say(self.tr("At most %1 can be refunded.").replace("%1", f"{limit:f}"), "problem")
            return
        name = self.manager_box.currentText().strip()
        if not name:
            self._say(self.tr("Choose the manager who authorises the refund."), "problem")
            self.manager_box.setFocus()
            return
        pin = self.pin_edit.text()
        self.pin_edit.clear()
        syssn = self.original.syssn or ""
        self.refund_button.setEnabled(False)
        self._say(self.tr("Refunding… do not close the till."))

        refund = self._refund
        self._worker.run(
            lambda: refund(syssn, txamt, name, pin),
            success=self._done,
            failure=self._failed,
            label="refund",
        )

    def _done(self, outcome: Outcome) -> None:
        assert_gui_thread()
        self.outcome = outcome
        amount = safe_amount(outcome.txamt, outcome.currency)
        if outcome.paid:
            self._say(
                self.tr("REFUNDED %1 (refund number %2)")
                .replace("%1", amount)
                .replace("%2", outcome.syssn or "-"),
                "done",
            )
            # A fresh form for the next refund: nothing of this one can be sent again by a
            # second Ctrl+Enter.
            self.amount_edit.clear()
            self.pin_edit.clear()
            self.manager_box.setCurrentIndex(-1)
        else:
            reason = tr_message(outcome.message) if outcome.message else ""
            self._say(
                self.tr("NOT REFUNDED (%1). %2")
                .replace("%1", state_text(outcome.state.value))
                .replace("%2", reason),
                "problem",
            )
        self.finished_refund.emit(outcome)
        self._refresh_remaining()

    def _refresh_remaining(self) -> None:
        """Re-read what is left, so the sale line never shows a stale refundable amount."""
        if self.original is None or not self.original.syssn:
            return
        syssn, journal, lookup = self.original.syssn, self._journal, self._lookup
        self._worker.run(
            lambda: find_sale(journal, syssn, lookup), success=self._found, label="refund lookup"
        )

    def _failed(self, exc: BaseException) -> None:
        assert_gui_thread()
        self._say(user_message(exc), "problem")
        self.refund_button.setEnabled(self.original is not None and bool(self.remaining))

    def _say(self, text: str, kind: str = "info") -> None:
        """The dialog's one message line; ``kind`` (info, done, problem) picks its colour."""
        self.status_label.setText(text)
        set_state_property(self.status_label, "kind", kind)


__all__ = ["LookupFn", "RefundDialog", "RefundFn", "Sale"]
