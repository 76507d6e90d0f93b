"""The training wallet tables on the till's own screen (training mode only).

In training the customer's *payment code* chooses what the simulated wallet does, by its last
four digits, and, for the generic "customer shows code" pay type, which wallet the gateway
says the customer used, by its first two digits (``pos_app.training.wallets``).  A trainee
must not need the README to rehearse a declined or a never-answering wallet, or to see which
wallet a generic code's receipt will name, so both tables are shown under the wallet keys, in
the till's language, straight from the gateway's own tables (they cannot drift from them).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from pos_app.training.wallets import GENERIC_CPM_TYPES, prefix_table, suffix_table
from pos_app.ui.i18n import tr_core
from pos_app.ui.labels import wallet_name

#: Between the digits and what they do: a wrapped line never parts "62" from "UnionPay".
NBSP = "\u00a0"


class TrainingCodes(QLabel):
    """Two lines: what the last four digits do, and which wallet the first two name.

    "Training codes (last four digits): 1143 customer enters the password · …" and
    "Generic code (800008), wallet by the first two digits: 10–15 WeChat Pay · …".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingCodes")
        self.setWordWrap(True)
        rows = []
        for suffix, _respcd, description in suffix_table():
            digits = self.tr("any other") if suffix == "other" else suffix
            rows.append(f"{digits}{NBSP}{tr_core('TrainingWallet', description)}")
        self.rows = rows
        self.prefix_rows = [
            f"{first if first == last else f'{first}–{last}'}{NBSP}{wallet_name(pay_type)}"
            for first, last, pay_type in prefix_table()
        ]
        self.prefix_rows.append(self.tr("any other: no wallet named"))
        suffixes = self.tr("Training codes (last four digits): %1").replace("%1", " · ".join(rows))
        prefixes = (
            self.tr("Generic code (%1), wallet by the first two digits: %2")
            .replace("%1", ", ".join(sorted(GENERIC_CPM_TYPES)))
            .replace("%2", " · ".join(self.prefix_rows))
        )
        self.setText(f"{suffixes}\n{prefixes}")
