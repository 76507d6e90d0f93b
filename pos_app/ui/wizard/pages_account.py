"""Wizard pages: the shop (receipt header and footer, language) and the QFPay account."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from pos_app.qfpay.environments import ENVIRONMENTS, REGIONS
from pos_app.qfpay.models import Credentials
from pos_app.qfpay.signing import SIGN_TYPES
from pos_app.settings import LANGUAGES
from pos_app.ui.i18n import tr_core
from pos_app.ui.wizard.scroll import scroll_body

if TYPE_CHECKING:
    from pos_app.setup.messages import Message
    from pos_app.ui.wizard.wizard import SetupWizard

#: Each language in its own script, so a reader of that language finds it.
LANGUAGE_NAMES = {"en": "English", "zh_HK": "繁體中文（香港）", "zh_CN": "简体中文"}


def show_message(message: Message) -> str:
    """A core sentence in the UI language: translate the template, then fill it."""
    return message.text(tr_core(message.context, message.template))


class ShopPage(QWizardPage):
    """Who the customer paid: printed on every receipt."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Your shop"))
        self.setSubTitle(self.tr("Printed at the top and bottom of every receipt."))
        settings = wizard.settings
        self.name = QLineEdit(settings.shop.name)
        self.name.setMaxLength(60)
        self.name.setPlaceholderText(self.tr("e.g. Lucky Tea House"))
        self.address = QPlainTextEdit(settings.shop.address)
        self.address.setMaximumHeight(70)
        self.footer = QLineEdit(settings.shop.footer)
        self.footer.setMaxLength(200)
        self.footer.setPlaceholderText(self.tr("e.g. Thank you, see you soon!"))
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        outer = QVBoxLayout(scroll_body(self))
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # rows stay together at the top instead of spreading out
        form.addRow(self.tr("Shop name"), self.name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Receipt footer"), self.footer)
        form.addRow(self.tr("Language"), self.language)
        self.registerField("shop_name*", self.name)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "address": self.address.toPlainText().strip()[:200],
            "footer": self.footer.text().strip(),
            "language": str(self.language.currentData()),
        }


class _Relay(QObject):
    """Carries a finished connection test from its thread back to the GUI thread."""

    done = Signal(object)


class AccountPage(QWizardPage):
    """Environment, region, credentials (to the keyring, key masked) and Test connection."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("QFPay account"))
        intro = QLabel(
            self.tr(
                "Training needs no account. For real payments enter what QFPay sent you; the "
                "client key is kept in the system keyring and is never shown again."
            )
        )
        intro.setWordWrap(True)
        settings = wizard.settings
        self.environment = QComboBox()
        names = {
            "training": self.tr("Training (no real money)"),
            "sandbox": self.tr("Sandbox (QFPay test account)"),
            "test": self.tr("Test (QFPay staging)"),
            "prod": self.tr("Production (real money)"),
        }
        for env in ENVIRONMENTS:
            self.environment.addItem(names.get(env, env), env)
        self.environment.setCurrentIndex(max(0, self.environment.findData(settings.environment)))
        self.region = QComboBox()
        for region in REGIONS:
            self.region.addItem(region.upper(), region)
        self.region.setCurrentIndex(max(0, self.region.findData(settings.region)))
        self.app_code = QLineEdit()
        self.client_key = QLineEdit()
        self.client_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.mchid = QLineEdit()
        self.mchid.setPlaceholderText(self.tr("only if QFPay gave you one"))
        self.sign_type = QComboBox()
        for sign in reversed(SIGN_TYPES):  # SHA256 first: the documents recommend it
            self.sign_type.addItem(sign, sign)
        self.sign_type.setCurrentIndex(max(0, self.sign_type.findData(settings.sign_type)))
        self.base_url = QLineEdit(settings.base_url or "")
        self.base_url.setPlaceholderText(self.tr("leave empty for QFPay's own address"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("wizardResult")
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setObjectName("wizardWarning")

        self.account_box = QWidget()
        form = QFormLayout(self.account_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("App code"), self.app_code)
        form.addRow(self.tr("Client key"), self.client_key)
        form.addRow(self.tr("Merchant id (mchid)"), self.mchid)
        form.addRow(self.tr("Signature"), self.sign_type)
        form.addRow(self.tr("Gateway address"), self.base_url)
        top = QFormLayout()
        top.addRow(self.tr("Environment"), self.environment)
        top.addRow(self.tr("Region"), self.region)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(scroll_body(self))
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.account_box)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.keyring_note)
        layout.addStretch(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._tested)
        self.tested_ok: bool | None = None
        self.environment.currentIndexChanged.connect(self._account_changed)
        self.region.currentIndexChanged.connect(self._account_changed)
        self._account_changed()

    # -- state ---------------------------------------------------------------------------

    @property
    def env(self) -> str:
        return str(self.environment.currentData())

    @property
    def region_code(self) -> str:
        return str(self.region.currentData())

    def _account_changed(self) -> None:
        """Show what is stored for this environment (never the key) and the keyring state."""
        training = self.env == "training"
        self.account_box.setEnabled(not training)
        self.result.clear()
        self.tested_ok = None
        self.keyring_note.clear()
        self.client_key.clear()
        self.client_key.setPlaceholderText("")
        if training:
            return
        problem = self.wizard_.keyring_problem()
        if problem is not None:
            self.keyring_note.setText(show_message(problem))
            return
        try:
            summary = self.wizard_.store.summary(self.env, self.region_code)
        except Exception as exc:
            self.keyring_note.setText(tr_core("Credentials", str(getattr(exc, "message", exc))))
            return
        if summary.source != "none":
            self.app_code.setText(summary.app_code or "")
            self.mchid.setText(summary.mchid or "")
            if summary.has_key:
                self.client_key.setPlaceholderText(
                    self.tr("stored in the keyring; type a new key to replace it")
                )

    def typed_credentials(self) -> Credentials | None:
        """What the fields say; an empty key field means the stored key."""
        app_code = self.app_code.text().strip()
        key = self.client_key.text().strip()
        mchid = self.mchid.text().strip() or None
        if not key:
            try:
                stored = self.wizard_.store.load(self.env, self.region_code)
            except Exception:
                return None
            key = stored.client_key
        if not app_code or not key:
            return None
        return Credentials(app_code=app_code, client_key=key, mchid=mchid, environment=self.env)

    # -- test connection -----------------------------------------------------------------

    def test_connection(self) -> None:
        if self.env == "training":
            self.result.setText(self.tr("Training mode needs no account: nothing to test."))
            return
        credentials = self.typed_credentials()
        if credentials is None:
            self.result.setText(self.tr("Enter the app code and the client key first."))
            return
        try:
            from pos_app.qfpay.environments import resolve_environment  # noqa: PLC0415

            base_url = resolve_environment(
                self.env, self.region_code, self.base_url.text().strip() or None
            ).base_url
        except Exception as exc:
            self.result.setText(tr_core("errors", str(getattr(exc, "message", exc))))
            return
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("Testing…"))
        env, region, sign = self.env, self.region_code, str(self.sign_type.currentData())
        relay = self._relay

        def work() -> None:
            from pos_app.setup.connection import test_connection  # noqa: PLC0415

            try:
                findings: Any = test_connection(
                    credentials,
                    base_url,
                    environment=env,
                    region=region,
                    sign_type=sign,  # type: ignore[arg-type]
                )
            except Exception as exc:
                findings = exc
            relay.done.emit(findings)

        threading.Thread(target=work, name="connection-test", daemon=True).start()

    def _tested(self, findings: Any) -> None:
        self.test_button.setEnabled(True)
        if isinstance(findings, BaseException):
            self.tested_ok = False
            self.result.setText(str(findings))
            return
        self.tested_ok = bool(findings[0].ok)
        mark = "✔ " if self.tested_ok else "✖ "
        lines = [mark + show_message(findings[0].message)]
        lines += ["⚠ " + show_message(f.message) for f in findings[1:]]
        self.result.setText("\n".join(lines))
        self.result.setProperty("ok", self.tested_ok)
        self.completeChanged.emit()

    def validatePage(self) -> bool:
        """Real money needs a working keyring and credentials; training needs nothing."""
        if self.env == "training":
            return True
        if self.wizard_.keyring_problem() is not None:
            return False
        if self.typed_credentials() is None:
            self.result.setText(self.tr("Enter the app code and the client key first."))
            return False
        return True
