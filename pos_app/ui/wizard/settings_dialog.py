"""The first-run pages again, later, behind a manager's PIN; and "Export diagnostics".

Opened from the till window (F10).  The PIN is checked on the worker like a refund's (the
journal is never touched from the GUI thread); the saved settings take effect when the
till restarts, which the manager is told, because the engine, printer and scanner in use
were built from the old ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
    QWizard,
)

from pos_app.settings import AppPaths, Settings
from pos_app.ui.wizard.wizard import SetupWizard
from pos_app.ui.worker import Worker, user_message


class ManagerPinDialog(QDialog):
    """Name and PIN; ``verified`` carries the manager's name."""

    verified = Signal(str)

    def __init__(self, managers: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Manager PIN"))
        self._managers = managers
        self._worker = worker
        self.name = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(128)  # 6 to 12 digits, or a passphrase (engine.managers)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                self.tr(
                    "A manager opens the till's settings. Saved changes take effect when the "
                    "till is restarted."
                )
            )
        )
        form.addRow(self.tr("Manager"), self.name)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.message)
        form.addRow(buttons)

    def check(self) -> None:
        name, pin = self.name.text().strip(), self.pin.text()
        self.pin.clear()
        managers = self._managers
        self.message.setText(self.tr("Checking…"))
        self._worker.run(
            lambda: managers.verify(name, pin),
            success=self._passed,
            failure=lambda exc: self.message.setText(user_message(exc)),
            label="manager-pin",
        )

    def _passed(self, name: object) -> None:
        self.verified.emit(str(name))
        self.accept()


def export_diagnostics_to(parent: QWidget, paths: AppPaths, settings: Settings) -> Path | None:
    """Ask for a folder and write the diagnostics zip there; say where it went."""
    from pos_app.setup.diagnostics import export_diagnostics  # noqa: PLC0415

    folder = QFileDialog.getExistingDirectory(
        parent,
        QCoreApplication.translate("SettingsDialog", "Export diagnostics to"),
        str(Path.home()),
    )
    if not folder:
        return None
    try:
        export = export_diagnostics(paths, settings, Path(folder), qt_version=qVersion())
    except Exception as exc:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("SettingsDialog", "Diagnostics not written"),
            str(exc),
        )
        return None
    QMessageBox.information(
        parent,
        QCoreApplication.translate("SettingsDialog", "Diagnostics written"),
        QCoreApplication.translate("SettingsDialog", "Send this file to support:\n%1").replace(
            "%1", str(export.path)
        ),
    )
    return export.path


def settings_wizard(
    settings: Settings, paths: AppPaths, parent: QWidget | None = None
) -> SetupWizard:
    """The wizard in settings mode, with an "Export diagnostics" button."""
    wizard = SetupWizard(settings, paths, first_run=False, parent=parent)
    wizard.setOption(QWizard.WizardOption.HaveCustomButton1, True)
    wizard.setButtonText(
        QWizard.WizardButton.CustomButton1,
        QCoreApplication.translate("SettingsDialog", "Export diagnostics…"),
    )
    wizard.customButtonClicked.connect(
        lambda _which: export_diagnostics_to(wizard, paths, wizard.settings)
    )
    return wizard


def open_settings(window: Any) -> None:
    """F10 in the till: manager PIN, then the settings pages; saved = restart to apply."""
    services = window.ready_services()
    settings = getattr(services, "settings", None)
    paths = getattr(services, "paths", None)
    if services is None or settings is None or paths is None:
        window.notify(
            QCoreApplication.translate(
                "SettingsDialog", "Settings are available once the till has started."
            )
        )
        return
    gate = ManagerPinDialog(services.managers, window.worker, window)

    def open_wizard(manager: str) -> None:
        wizard = settings_wizard(settings, paths, window)
        wizard.approved_by = manager  # verified just now: approves cashier PINs
        window.settings_wizard = wizard  # reachable for tests; closed with the window

        def done(_result: int) -> None:
            if wizard.saved is not None:
                window.notify(
                    QCoreApplication.translate(
                        "SettingsDialog",
                        "Settings saved. Restart the till to use them: language, printer, "
                        "scanner, network and wallets change only after a restart. New "
                        "cashier PINs are asked from the next start of a shift.",
                    ),
                    15_000,
                )
            window.take_keyboard()

        wizard.finished.connect(done)
        wizard.open()

    gate.verified.connect(open_wizard)
    gate.finished.connect(lambda _r: gate.deleteLater())
    gate.open()
