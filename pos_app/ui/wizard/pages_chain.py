"""Wizard page: joining the till to a chain of shops (issue 13), without a terminal.

What ``qfpay-pos settings set chain.database``, ``settings set chain.shop`` and ``chain
password`` ask for, on one page: head office's PostgreSQL address, its password (to the
system keyring on Finish, never to a file), the shop's name in the chain's reports, and this
till's id as head office will know it.  "Test connection" runs
:func:`pos_app.chain.join.check_head_office` (the same check as ``qfpay-pos chain check``) on
a thread and says in one sentence what is wrong.  A failed test does not block Finish: a
till in chain mode works alone while head office is away, and syncs when it comes back.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from pos_app.settings import ChainSettings
from pos_app.ui.wizard.pages_account import show_message
from pos_app.ui.wizard.scroll import scroll_body

if TYPE_CHECKING:
    from pos_app.chain.join import HeadOfficeCheck
    from pos_app.ui.wizard.wizard import SetupWizard


class _Relay(QObject):
    """Carries a finished head-office check from its thread back to the GUI thread."""

    done = Signal(object)


class ChainPage(QWizardPage):
    """Alone or in a chain; head office's address, password and this till's identity."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Chain of shops"))
        # One short line: a wrapped subtitle is clipped in the wizard's header (Chinese).
        self.setSubTitle(self.tr("Optional: for a merchant with several shops or tills."))
        intro = QLabel(
            self.tr(
                "One head office keeps the books of every till and shares QFPay's request "
                "limit between them."
            )
        )
        intro.setWordWrap(True)
        current = wizard.settings.chain
        self.alone = QRadioButton(self.tr("This till works on its own"))
        self.join = QRadioButton(self.tr("This till is part of a chain"))
        (self.join if current.database else self.alone).setChecked(True)
        self.database = QLineEdit(current.database or "")
        self.database.setPlaceholderText("postgresql://till@head-office.example:5432/shops")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("kept in the system keyring; leave empty to keep the stored one")
        )
        self.shop = QLineEdit(current.shop)
        self.shop.setMaxLength(40)
        self.shop.setPlaceholderText(self.tr("empty: the shop's name on the receipt"))
        self.till_id = QLabel(wizard.settings.till_id)
        self.till_id.setObjectName("chainTillId")
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("wizardResult")
        #: None until a test finished; then whether head office answered as it should.
        self.tested_ok: bool | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._tested)

        self.details = QGroupBox(self.tr("Head office"))
        form = QFormLayout(self.details)
        form.addRow(self.tr("Database address"), self.database)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Shop name in the chain's reports"), self.shop)
        form.addRow(self.tr("This till's id at head office"), self.till_id)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.result, 1)
        form.addRow(row)
        note = QLabel(
            self.tr(
                "Head office's administrator gives you the address and the password. The till "
                "keeps taking payments when head office cannot be reached, and sends its "
                "sales when it can. Changes take effect when the till restarts."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(scroll_body(self))
        layout.addWidget(intro)
        layout.addWidget(self.alone)
        layout.addWidget(self.join)
        layout.addWidget(self.details)
        layout.addWidget(note)
        layout.addStretch(1)
        self.join.toggled.connect(self._follow_choice)
        self._follow_choice()

    def _follow_choice(self) -> None:
        self.details.setEnabled(self.join.isChecked())
        self.result.clear()

    # -- test connection --------------------------------------------------------------------

    def test_connection(self) -> None:
        """Check head office on a thread (a dead host takes seconds to time out)."""
        from pos_app.chain.join import check_head_office  # noqa: PLC0415 - psycopg, alembic

        address = self.database.text().strip()
        password = self.password.text() or None
        self.tested_ok = None
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("Testing…"))
        relay = self._relay

        def work() -> None:
            relay.done.emit(check_head_office(address, password=password))

        threading.Thread(target=work, name="head-office-test", daemon=True).start()

    def _tested(self, check: HeadOfficeCheck) -> None:
        self.test_button.setEnabled(True)
        self.result.setText(("✔ " if check.ok else "✖ ") + show_message(check.message))
        self.result.setProperty("ok", check.ok)
        self.tested_ok = check.ok

    # -- what Finish stores -----------------------------------------------------------------

    def validatePage(self) -> bool:
        """A till joining a chain needs a usable address; nothing else blocks Finish."""
        if not self.join.isChecked():
            return True
        from pos_app.chain.database import ChainConfigError, check_dsn  # noqa: PLC0415
        from pos_app.ui.i18n import tr_core  # noqa: PLC0415

        try:
            check_dsn(self.database.text())
        except ChainConfigError as exc:
            self.result.setText("✖ " + tr_core("Chain", str(exc)))
            return False
        return True

    def chain_settings(self, current: ChainSettings) -> ChainSettings:
        """``settings.chain`` as chosen (validated again by ``save_settings``)."""
        import dataclasses  # noqa: PLC0415

        if not self.join.isChecked():
            return dataclasses.replace(current, database=None)
        return dataclasses.replace(
            current, database=self.database.text().strip() or None, shop=self.shop.text().strip()
        )

    def store_password(self) -> None:
        """The typed password into the keyring (Finish), as ``qfpay-pos chain password``."""
        if not self.join.isChecked() or not self.password.text():
            return
        from pos_app.chain.database import save_password  # noqa: PLC0415

        save_password(self.database.text().strip(), self.password.text())
        self.password.clear()
