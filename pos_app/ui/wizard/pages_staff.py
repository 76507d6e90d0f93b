"""Wizard page: who works at the till (the first manager, and the cashiers' names)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWizardPage,
)

from pos_app.ui.wizard.scroll import scroll_body

if TYPE_CHECKING:
    from pos_app.ui.wizard.wizard import SetupWizard


def manager_count(journal: Path) -> int:
    """Managers already in a journal file, read-only (a missing file has none)."""
    if not journal.exists():
        return 0
    try:
        with contextlib.closing(
            sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=5)
        ) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM managers").fetchone()[0])
    except sqlite3.Error:
        return 0


class StaffPage(QWizardPage):
    """A till taking real money needs a manager (refunds, settings); cashiers have names."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Manager and cashiers"))
        self.setSubTitle(self.tr("Managers approve refunds and open these settings with a PIN."))
        self.manager_note = QLabel()
        self.manager_note.setWordWrap(True)
        self.manager_name = QLineEdit()
        self.manager_name.setMaxLength(30)
        # The engine's rule (6 to 12 digits, or a passphrase of up to 128 characters).
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(128)
        self.pin.setPlaceholderText(self.tr("6 to 12 digits, or a passphrase"))
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again.setMaxLength(128)
        self.cashiers = QPlainTextEdit("\n".join(wizard.settings.cashiers))
        self.cashiers.setPlaceholderText(self.tr("one name per line, e.g.\nAnn\nBen"))
        # Optional cashier PINs: kept here until the wizard is saved, then stored (hashed) in
        # the journal with a manager's approval (pos_app.engine.cashiers).
        self.pending_pins: dict[str, str] = {}
        self.pin_cashier = QComboBox()
        self.cashier_pin = QLineEdit()
        self.cashier_pin.setObjectName("cashierPinEdit")
        self.cashier_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.cashier_pin.setMaxLength(8)
        self.cashier_pin.setPlaceholderText(self.tr("4 to 8 digits"))
        self.set_cashier_pin = QPushButton(self.tr("Set PIN"))
        self.set_cashier_pin.clicked.connect(self.queue_cashier_pin)
        self.cashier_pin_note = QLabel()
        self.cashier_pin_note.setWordWrap(True)
        self.cashiers.textChanged.connect(self._refresh_pin_names)
        self._refresh_pin_names()
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_cashier, 1)
        pin_row.addWidget(self.cashier_pin, 1)
        pin_row.addWidget(self.set_cashier_pin)
        self.problem = QLabel()
        self.problem.setObjectName("wizardWarning")
        self.problem.setWordWrap(True)
        form = QFormLayout(scroll_body(self))
        form.addRow(self.manager_note)
        form.addRow(self.tr("Manager name"), self.manager_name)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin_again)
        form.addRow(self.tr("Cashiers"), self.cashiers)
        form.addRow(self.tr("Cashier PIN (optional)"), pin_row)
        form.addRow(self.cashier_pin_note)
        form.addRow(self.problem)
        self.existing = 0

    def initializePage(self) -> None:
        account = self.wizard_.account_page
        journal = self.wizard_.paths.journal_file_for(account.env, account.region_code)
        self.existing = manager_count(journal)
        if self.existing:
            self.manager_note.setText(
                self.tr(
                    "This till has %n manager(s). Add another here, or leave it empty.",
                    "",
                    self.existing,
                )
            )
        else:
            self.manager_note.setText(
                self.tr("Choose the first manager. Keep the PIN secret; it cannot be shown again.")
            )

    def cashier_names(self) -> tuple[str, ...]:
        names: list[str] = []
        for line in self.cashiers.toPlainText().splitlines():
            name = line.strip()
            if name and name not in names:
                names.append(name[:30])
        return tuple(names)

    def _refresh_pin_names(self) -> None:
        current = self.pin_cashier.currentText()
        self.pin_cashier.clear()
        self.pin_cashier.addItems(list(self.cashier_names()))
        self.pin_cashier.setCurrentIndex(max(0, self.pin_cashier.findText(current)))

    def queue_cashier_pin(self) -> None:
        """Remember a cashier's new PIN; it is stored when the wizard is saved."""
        from pos_app.engine.cashiers import validate_cashier_pin  # noqa: PLC0415
        from pos_app.engine.errors import InputRefusedError  # noqa: PLC0415
        from pos_app.ui.worker import user_message  # noqa: PLC0415

        name, pin = self.pin_cashier.currentText(), self.cashier_pin.text()
        self.cashier_pin.clear()
        if not name:
            self.cashier_pin_note.setText(self.tr("Add the cashier's name above first."))
            return
        try:
            self.pending_pins[name] = validate_cashier_pin(pin)
        except InputRefusedError as exc:
            self.cashier_pin_note.setText(user_message(exc))
            return
        self.cashier_pin_note.setText(
            self.tr("New PIN for %1 is stored when you save (a manager approves it).").replace(
                "%1", ", ".join(sorted(self.pending_pins))
            )
        )

    def new_manager(self) -> tuple[str, str] | None:
        name = self.manager_name.text().strip()
        return (name, self.pin.text()) if name else None

    def validatePage(self) -> bool:
        """Real money needs a manager; a PIN must be typed the same twice."""
        self.problem.clear()
        name = self.manager_name.text().strip()
        pin = self.pin.text()
        real_money = self.wizard_.account_page.env != "training"
        if not name and not pin and (self.existing or not real_money):
            return True
        if not name:
            self.problem.setText(self.tr("A till taking real money needs a manager: enter a name."))
            return False
        from pos_app.engine.errors import InputRefusedError  # noqa: PLC0415
        from pos_app.engine.managers import validate_pin  # noqa: PLC0415
        from pos_app.ui.worker import user_message  # noqa: PLC0415

        try:
            validate_pin(pin)  # the store's own rule, so Finish is never refused for it later
        except InputRefusedError as exc:
            self.problem.setText(user_message(exc))
            return False
        if pin != self.pin_again.text():
            self.problem.setText(self.tr("The two PINs differ: type the same PIN twice."))
            return False
        return True
