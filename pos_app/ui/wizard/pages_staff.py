"""Wizard page: who works at the till (the first manager, and the cashiers' names)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWizardPage

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
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setPlaceholderText(self.tr("4 to 8 digits"))
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again.setMaxLength(8)
        self.cashiers = QPlainTextEdit("\n".join(wizard.settings.cashiers))
        self.cashiers.setPlaceholderText(self.tr("one name per line, e.g.\nAnn\nBen"))
        self.problem = QLabel()
        self.problem.setObjectName("wizardWarning")
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.manager_note)
        form.addRow(self.tr("Manager name"), self.manager_name)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin_again)
        form.addRow(self.tr("Cashiers"), self.cashiers)
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
        if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
            self.problem.setText(self.tr("A PIN is 4 to 8 digits."))
            return False
        if pin != self.pin_again.text():
            self.problem.setText(self.tr("The two PINs differ: type the same PIN twice."))
            return False
        return True
