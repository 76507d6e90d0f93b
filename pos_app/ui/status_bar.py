"""The till's status bar: what environment, can we reach the gateway, who is at the till.

TRAINING must be impossible to miss (money is not real there), and a gateway that stops
answering or transactions still being recovered must be visible *before* the cashier starts
a sale, not after it fails.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from pos_app.ui.theme import set_state_property


class TillStatusBar(QStatusBar):
    """Permanent fields: environment, gateway, scanner, till, cashier, recovering."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # No size grip: the till fills its screen (and the grip's room is the fields').
        self.setSizeGripEnabled(False)
        self.env_label = self._field("statusEnv")
        # Gateway reachability matters before every sale, so the window shows it on the main
        # panel (``MainWindow`` places this label); the status bar keeps only its wording.
        self.gateway_label = QLabel(self)
        self.gateway_label.setObjectName("statusGateway")
        self.scanner_label = self._field("statusScanner")
        self.till_label = self._field("statusTill")
        self.cashier_label = self._field("statusCashier")
        self.recovering_label = self._field("statusRecovering")
        self.network_label = self._field("statusNetwork")
        self.set_network(None, None)
        self.set_gateway(None)
        self.recovering_count = 0
        self.set_recovering(None)
        self.set_scanner(self.tr("Scanner: keyboard"), ok=True)

    def _field(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        self.addPermanentWidget(label)
        return label

    def set_environment(self, environment: str) -> None:
        """Show the environment; training gets the loud colour."""
        training = environment == "training"
        text = self.tr("TRAINING — no real money") if training else environment.upper()
        self.env_label.setText(text)
        set_state_property(self.env_label, "training", "true" if training else "false")

    def set_gateway(self, reachable: bool | None, detail: str = "") -> None:
        """``None`` means not checked yet."""
        if reachable is None:
            text = self.tr("Gateway: checking…")
        elif reachable:
            text = self.tr("Gateway: online")
        else:
            text = self.tr("Gateway: NOT REACHABLE")
        self.gateway_label.setText(text)
        self.gateway_label.setToolTip(detail)
        set_state_property(self.gateway_label, "up", "false" if reachable is False else "true")

    def set_till(self, till_id: str, cashier: str) -> None:
        """Till id and cashier, as printed on receipts."""
        self.till_label.setText(self.tr("Till %1").replace("%1", till_id))
        self.cashier_label.setText(self.tr("Cashier: %1").replace("%1", cashier))

    def set_recovering(self, count: int | None) -> None:
        """How many unfinished transactions are being checked in the background.

        ``None``: not looked yet (the till is starting).  "Nothing to recover" is said only
        after a look found nothing, never while a check may still be running.
        """
        self.recovering_count = count or 0
        if count is None:
            text = self.tr("Recovery: looking…")
        elif count:
            text = self.tr("Recovering %n transaction(s)", "", count)
        else:
            text = self.tr("Nothing to recover")
        self.recovering_label.setText(text)
        set_state_property(self.recovering_label, "busy", "true" if count else "false")

    def set_scanner(self, text: str, *, ok: bool) -> None:
        """Serial scanner state (connected, missing, error)."""
        self.scanner_label.setText(text)
        set_state_property(self.scanner_label, "up", "true" if ok else "false")

    def set_network(self, proxy: str | None, ca_bundle: str | None) -> None:
        """A proxy or the shop's own certificate authorities, when a setting enables them.

        Both change who can see or vouch for the till's payments, so while either is on it
        is shown all the time; hidden when the till goes direct with the system's trust.
        """
        parts = []
        if proxy:
            parts.append(self.tr("Proxy: %1").replace("%1", proxy))
        if ca_bundle:
            parts.append(self.tr("Own CA bundle"))
        self.network_label.setText(" · ".join(parts))
        self.network_label.setToolTip(ca_bundle or "")
        self.network_label.setVisible(bool(parts))
