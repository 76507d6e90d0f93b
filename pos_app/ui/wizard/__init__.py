"""The first-run wizard, and the same pages later as the manager's settings dialog.

A shop owner goes from "installed" to "first real payment" here without a text editor or a
terminal: shop and receipt, QFPay account (stored in the keyring, tested with a harmless
signed call), the till itself (name, time zone, currency, wallets, amounts, language) and
its devices (scanner with a "scan now" field, printer with a test print).
"""

from pos_app.ui.wizard.wizard import SetupWizard, run_first_run_wizard

__all__ = ["SetupWizard", "run_first_run_wizard"]
