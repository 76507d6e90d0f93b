"""The setup wizard: first run, and later the manager's settings dialog (same pages).

Nothing is written until Finish, and then all at once: the credentials go to the keyring
(never to a file), then the settings file is saved with ``setup_done``.  Cancelling the
first run leaves the till in training mode, and the wizard comes back at the next start.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

from pos_app.credentials import CredentialStore
from pos_app.settings import AppPaths, Settings, save_settings
from pos_app.setup.messages import Message
from pos_app.ui.fit import available_area, fit_dialog
from pos_app.ui.i18n import tr_core
from pos_app.ui.wizard.pages_account import AccountPage, ShopPage, show_message
from pos_app.ui.wizard.pages_chain import ChainPage
from pos_app.ui.wizard.pages_staff import StaffPage
from pos_app.ui.wizard.pages_till import DevicesPage, TillPage

#: The wizard's height when the screen allows it: the devices page in Chinese needs no scroll.
_TALL_ENOUGH = 760
#: Room kept for a window manager's title bar, which the available area does not subtract.
_TITLE_BAR = 32


class SetupWizard(QWizard):
    """Six pages (the last, chain of shops, optional); :meth:`accept` stores everything,
    :attr:`saved` is the result."""

    def __init__(
        self,
        settings: Settings,
        paths: AppPaths,
        *,
        store: CredentialStore | None = None,
        first_run: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.paths = paths
        self.store = store or CredentialStore()
        self.saved: Settings | None = None
        #: The manager who opened the settings dialog with their PIN (F10); approves the
        #: managers added and the cashier PINs set on the staff page.  None in the first run.
        self.approved_by: str | None = None
        #: Why the last Finish was refused (also shown in a message box).
        self.problem = ""
        self._keyring_checked = False
        self._keyring_problem: Message | None = None
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Set up the till") if first_run else self.tr("Till settings"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.shop_page = ShopPage(self)
        self.account_page = AccountPage(self)
        self.till_page = TillPage(self)
        self.staff_page = StaffPage(self)
        self.devices_page = DevicesPage(self)
        self.chain_page = ChainPage(self)  # chain of shops (issue 13)
        for page in (
            self.shop_page,
            self.account_page,
            self.till_page,
            self.staff_page,
            self.devices_page,
            self.chain_page,
        ):
            self.addPage(page)
        self.resize(760, 620)

    def showEvent(self, event: QShowEvent) -> None:
        """As tall as the longest page wants on a big screen, never taller than the screen
        (the pages scroll instead), leaving room for a window manager's title bar."""
        super().showEvent(event)
        area = available_area(self)
        if area is not None and not area.isEmpty():
            self.resize(self.width(), max(480, min(_TALL_ENOUGH, area.height() - _TITLE_BAR)))
        fit_dialog(self)

    def keyring_problem(self) -> Message | None:
        """Checked once per wizard: the keyring answers over D-Bus, which takes a moment."""
        if not self._keyring_checked:
            from pos_app.setup.keyring_help import keyring_available  # noqa: PLC0415

            self._keyring_checked = True
            self._keyring_problem = keyring_available()
        return self._keyring_problem

    def _add_manager(self, env: str, region: str, name: str, pin: str) -> None:
        """The manager goes into the journal of the environment chosen (one per env).

        In settings mode the manager who opened the dialog with their PIN approves.
        """
        from pos_app.engine.journal import Journal  # noqa: PLC0415
        from pos_app.engine.managers import ManagerStore  # noqa: PLC0415

        path = self.paths.journal_file_for(env, region)
        path.parent.mkdir(parents=True, exist_ok=True)
        journal = Journal(path)
        try:
            store = ManagerStore(journal)
            if self.approved_by is None:
                store.add(name, pin)  # the first run: the first manager needs nobody
            else:
                store.add_approved(name, pin, actor=self.approved_by)
        finally:
            journal.close()
        self.staff_page.pin.clear()
        self.staff_page.pin_again.clear()

    def _set_cashier_pins(self, env: str, region: str, approver: str, names: set[str]) -> None:
        """The staff page's new cashier PINs, hashed into the journal beside the managers."""
        from pos_app.engine.cashiers import CashierPins  # noqa: PLC0415
        from pos_app.engine.journal import Journal  # noqa: PLC0415

        pending = {n: p for n, p in self.staff_page.pending_pins.items() if n in names}
        if not pending:
            return
        path = self.paths.journal_file_for(env, region)
        path.parent.mkdir(parents=True, exist_ok=True)
        journal = Journal(path)
        try:
            pins = CashierPins(journal)
            for name, pin in pending.items():
                pins.set_pin_approved(name, pin, actor=approver)
        finally:
            journal.close()
        self.staff_page.pending_pins.clear()

    def collected(self) -> Settings:
        """The settings the pages describe (validated by :func:`save_settings`)."""
        shop = self.shop_page.values()
        till = self.till_page.values()
        account = self.account_page
        base_url = account.base_url.text().strip() or None
        return dataclasses.replace(
            self.settings,
            language=shop["language"],
            shop=dataclasses.replace(
                self.settings.shop,
                name=shop["name"],
                address=shop["address"],
                footer=shop["footer"],
            ),
            environment=account.env,
            region=account.region_code,
            sign_type=str(account.sign_type.currentData()),
            base_url=None if account.env == "training" else base_url,
            scanner=dataclasses.replace(
                self.settings.scanner, serial_port=self.devices_page.serial_port()
            ),
            printer=self.devices_page.printer_settings(self.settings.printer),
            network=self.devices_page.network_settings(self.settings.network),
            cashiers=self.staff_page.cashier_names(),
            customer_screen=str(self.devices_page.customer_screen.currentData()),
            chain=self.chain_page.chain_settings(self.settings.chain),
            setup_done=True,
            **till,
        )

    def accept(self) -> None:
        """Store the credentials, then the settings; any refusal keeps the wizard open."""
        try:
            settings = self.collected()
            account = self.account_page
            if account.env != "training" and account.client_key.text().strip():
                credentials = account.typed_credentials()
                if credentials is None:
                    raise ValueError(self.tr("Enter the app code and the client key first."))
                self.store.save(account.env, account.region_code, credentials)
            self.chain_page.store_password()
            manager = self.staff_page.new_manager()
            if manager is not None:
                self._add_manager(account.env, account.region_code, *manager)
            if self.staff_page.pending_pins:
                approver = manager[0] if manager is not None else self.approved_by
                if approver is None:
                    raise ValueError(
                        self.tr("A manager approves cashier PINs: enter a manager on this page.")
                    )
                names = set(settings.cashiers)
                self._set_cashier_pins(account.env, account.region_code, approver, names)
            save_settings(settings, self.paths)
        except Exception as exc:
            text = str(getattr(exc, "message", None) or getattr(exc, "problem", None) or exc)
            self.problem = tr_core("Settings", text)
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not saved"), self.problem)
            box.setParent(self, box.windowFlags())
            box.open()  # not exec(): the wizard stays responsive (and testable)
            return
        # The typed key is not kept in the widget once it is in the keyring.
        self.account_page.client_key.clear()
        self.saved = settings
        super().accept()


def run_first_run_wizard(app: QApplication, settings: Settings, paths: AppPaths) -> Settings:
    """Show the wizard before the till window; returns the settings to start with."""
    del app
    wizard = SetupWizard(settings, paths, first_run=True)
    wizard.exec()
    if wizard.saved is not None:
        return wizard.saved
    return settings


def explain(message: Message) -> str:
    """Re-export for callers outside the wizard that show a core Message."""
    return show_message(message)


__all__: list[Any] = ["SetupWizard", "explain", "run_first_run_wizard"]
