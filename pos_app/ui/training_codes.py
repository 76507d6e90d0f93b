"""The training wallet table on the till's own screen (training mode only).

In training the customer's *payment code* chooses what the simulated wallet does, by its last
four digits (``pos_app.training.wallets``).  A trainee must not need the README to rehearse
a declined or a never-answering wallet, so the table is shown under the wallet keys, in the
till's language, straight from the gateway's own table (it cannot drift from it).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from pos_app.training.wallets import suffix_table
from pos_app.ui.i18n import tr_core


class TrainingCodes(QLabel):
    """ "Training codes, by their last four digits: 1143 customer enters the password · …"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingCodes")
        self.setWordWrap(True)
        rows = []
        for suffix, _respcd, description in suffix_table():
            digits = self.tr("any other") if suffix == "other" else suffix
            rows.append(f"{digits} {tr_core('TrainingWallet', description)}")
        self.rows = rows
        self.setText(
            self.tr("Training codes (last four digits): %1").replace("%1", " · ".join(rows))
        )
