"""Start of a shift: the cashier picks their name, which the journal and receipts carry.

Before this, every transaction said "Cashier: root" (the operating-system user), which
tells a manager nothing when three people share one till.  The names come from the
settings (``cashiers``, set in the wizard); with none configured the till keeps the old
behaviour, and ``--cashier``/``QFPAY_POS_CASHIER`` still win for scripted tills.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.runtime.options import RunOptions


class CashierPicker(QDialog):
    """A list of names; Enter or a double click starts the shift."""

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start of shift"))
        self.names = QListWidget()
        self.names.addItems(list(names))
        self.names.setCurrentRow(0)
        self.names.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Who is at the till?")))
        layout.addWidget(self.names)
        layout.addWidget(buttons)
        self.names.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> str | None:
        item = self.names.currentItem()
        return item.text() if item is not None else None


def pick_cashier(names: Sequence[str]) -> str | None:
    """Ask who is at the till; None when the dialog was cancelled."""
    picker = CashierPicker(names)
    if picker.exec() != QDialog.DialogCode.Accepted:
        return None
    return picker.chosen()


def with_cashier(options: RunOptions | None, name: str) -> RunOptions:
    """The run options with ``cashier`` set (the engine journals it)."""
    return dataclasses.replace(options or RunOptions(), cashier=name)
