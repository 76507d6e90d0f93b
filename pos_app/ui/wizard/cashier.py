"""Start of a shift: the cashier picks their name, which the journal and receipts carry.

Before this, every transaction said "Cashier: root" (the operating-system user), which
tells a manager nothing when three people share one till.  The names come from the
settings (``cashiers``, set in the wizard); with none configured the till keeps the old
behaviour, and ``--cashier``/``QFPAY_POS_CASHIER`` still win for scripted tills.

A cashier may have a short PIN (set by a manager: wizard or ``qfpay-pos cashier set-pin``),
kept as a slow hash in the journal (:mod:`pos_app.engine.cashiers`).  It is asked here, before
the till window exists, so it is checked on the GUI thread: nothing else is on screen to
freeze, and one scrypt takes a few tens of milliseconds.  Wrong tries count toward a lockout
kept in the journal, so closing and reopening the till does not reset it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.runtime.options import RunOptions

if TYPE_CHECKING:
    from pos_app.engine.cashiers import CashierPins
    from pos_app.settings import Settings


class CashierPicker(QDialog):
    """A list of names; Enter or a double click starts the shift (after the PIN, if set)."""

    def __init__(
        self,
        names: Sequence[str],
        parent: QWidget | None = None,
        *,
        pins: CashierPins | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start of shift"))
        self.pins = pins
        self.with_pin = pins.with_pins() if pins is not None else set()
        self.names = QListWidget()
        self.names.addItems(list(names))
        self.names.itemActivated.connect(lambda _item: self.accept())
        self.names.currentRowChanged.connect(lambda _row: self._name_changed())
        self.pin_label = QLabel(self.tr("Your PIN"))
        self.pin = QLineEdit()
        self.pin.setObjectName("cashierPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.returnPressed.connect(self.accept)
        self.message = QLabel()
        self.message.setObjectName("cashierPinMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Who is at the till?")))
        layout.addWidget(self.names)
        layout.addWidget(self.pin_label)
        layout.addWidget(self.pin)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.names.setCurrentRow(0)
        self._name_changed()
        self.names.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> str | None:
        item = self.names.currentItem()
        return item.text() if item is not None else None

    def needs_pin(self) -> bool:
        return self.chosen() in self.with_pin

    def _name_changed(self) -> None:
        self.pin.clear()
        self.message.clear()
        self.pin_label.setVisible(self.needs_pin())
        self.pin.setVisible(self.needs_pin())

    def accept(self) -> None:
        """Start the shift, or keep the dialog open with the reason (wrong PIN, locked)."""
        name = self.chosen()
        if name is None:
            return
        if self.pins is not None and name in self.with_pin:
            if not self.pin.text():
                self.message.setText(self.tr("Type your PIN, then press Enter."))
                self.pin.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            from pos_app.engine.errors import EngineError  # noqa: PLC0415
            from pos_app.ui.worker import user_message  # noqa: PLC0415

            pin = self.pin.text()
            self.pin.clear()
            try:
                self.pins.verify(name, pin)
            except EngineError as exc:
                self.message.setText(user_message(exc))
                self.pin.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        super().accept()


def pick_cashier(names: Sequence[str], pins: CashierPins | None = None) -> str | None:
    """Ask who is at the till (and their PIN, if they have one); None when cancelled."""
    picker = CashierPicker(names, pins=pins)
    if picker.exec() != QDialog.DialogCode.Accepted:
        return None
    return picker.chosen()


def open_cashier_pins(settings: Settings, options: RunOptions | None) -> CashierPins | None:
    """The PINs in the journal this run will use; None when that journal does not exist yet.

    A journal that exists but cannot be opened raises: the till must not start on it (the
    start-up then shows the journal's own message), and a PIN must never be skipped.
    """
    from pos_app.runtime.root import TillRuntime  # noqa: PLC0415

    rt = TillRuntime(options, settings=settings)
    path = rt.paths.journal_file_for(rt.env_name, rt.region)
    if not path.exists():
        return None
    from pos_app.engine.cashiers import CashierPins  # noqa: PLC0415
    from pos_app.engine.journal import Journal  # noqa: PLC0415

    return CashierPins(Journal(path))


def with_cashier(options: RunOptions | None, name: str) -> RunOptions:
    """The run options with ``cashier`` set (the engine journals it)."""
    return dataclasses.replace(options or RunOptions(), cashier=name)
