"""The sale screen: amount, payment method, then a big unmistakable outcome.

A sale is two cashier actions: key the amount and press Enter, then either scan the
customer's code or press a wallet key (F1..F8) to show our code.  The screen only *asks* for
payments through signals; the controller (``pos_app.ui.flows``) runs them and calls back
``show_waiting``/``show_result``.  The amount is a label fed by this widget's own key
handling, so a scanner's keystrokes (swallowed by the wedge filter) can never land in it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from PySide6 import QtCore
from PySide6.QtCore import QPoint, QRect, QSize, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.i18n import tr_message
from pos_app.ui.keypad import AmountBuffer, Keypad
from pos_app.ui.qtprops import STRONG_FOCUS, set_enum_property, set_focus_policy
from pos_app.ui.theme import ResultKind, set_state_property
from pos_app.ui.worker import assert_gui_thread

MAX_WALLET_KEYS = 8


class SaleState(enum.Enum):
    """Where the cashier is in the sale."""

    ENTRY = "entry"  # keying the amount
    READY = "ready"  # amount confirmed: scan or press a wallet key
    WAITING = "waiting"  # the engine is working
    RESULT = "result"  # outcome shown until the next sale starts


@dataclass(frozen=True)
class WalletButton:
    """One MPM wallet offered at this till (pay type code and its display name)."""

    pay_type: str
    label: str


class ResultPanel(QFrame):
    """The large coloured panel used for waiting and for outcomes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A QFrame: the stylesheet's box rules for #resultPanel give it its styled background
        # (Qt sets WA_StyledBackground on a QFrame with such rules when polishing it).
        self.setObjectName("resultPanel")
        self.title = QLabel(self)
        self.title.setObjectName("resultTitle")
        self.title.setWordWrap(True)  # "NO ANSWER FROM QFPAY" must not widen the window
        self.detail = QLabel(self)
        self.detail.setObjectName("resultDetail")
        self.detail.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("resultDetail")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        for label in (self.title, self.detail, self.hint):
            set_enum_property(label, "alignment", "AlignCenter")
            layout.addWidget(label)

    def show_outcome(self, outcome: ResultKind, title: str, detail: str, hint: str) -> None:
        """``outcome`` picks the colour (through the stylesheet)."""
        set_state_property(self, "outcome", outcome)
        self.title.setText(title)
        self.detail.setText(detail)
        self.hint.setText(hint)


class SaleScreen(QWidget):
    """Amount entry, method choice, waiting and result, driven by keys or touch."""

    cpm_requested = Signal(int, str, str)  # txamt, auth_code text as scanned, goods name
    mpm_requested = Signal(int, str, str)  # txamt, pay_type, goods name
    cancel_requested = Signal()
    state_changed = Signal(str)

    def __init__(
        self,
        currency_code: str,
        minor_units: int,
        wallets: list[WalletButton],
        validate_amount: Callable[[str], int],
        parent: QWidget | None = None,
        *,
        cents: bool = False,
        confirm_above: int = 0,
        format_txamt: Callable[[int], str] = str,
    ) -> None:
        super().__init__(parent)
        self._validate_amount = validate_amount
        self._format_txamt = format_txamt
        self.currency_code = currency_code
        self.buffer = AmountBuffer(minor_units, cents_mode=cents)
        #: A sale above this (minor units; 0: no limit) goes out only after a second Enter.
        self.confirm_above = confirm_above
        self._confirmed_txamt = 0
        self.state = SaleState.ENTRY
        self.txamt = 0
        self.retry_allowed = False  # a declined/cancelled result: a new scan tries again
        set_focus_policy(self, policy=STRONG_FOCUS)
        self.wallet_buttons: dict[str, QPushButton] = {}
        # F-keys are handled in keyPressEvent, not QShortcut: focus never leaves this screen
        # (or its note field, which passes F-keys up), and key events work even when the
        # window manager has not activated the window.
        self._wallet_keys: dict[str, str] = {}  # "F1" -> pay type

        self._build_amount_fields(currency_code)
        self._build_keypad(minor_units)
        entry = self._build_entry_page(self._build_methods(wallets))
        outcome = self._build_outcome_page()
        self.pages = QStackedWidget(self)
        self.pages.addWidget(entry)
        self.pages.addWidget(outcome)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._layout = layout

        goods = QShortcut(QKeySequence("Ctrl+G"), self)
        set_enum_property(goods, "context", "WidgetWithChildrenShortcut")
        goods.activated.connect(self.goods_edit.setFocus)
        self._set_state(SaleState.ENTRY)

    # -- building the screen -----------------------------------------------------------------

    def _build_amount_fields(self, currency_code: str) -> None:
        """The amount display, the optional note and the hint line under them."""
        self.currency_label = QLabel(currency_code, self)
        self.currency_label.setObjectName("currencyLabel")
        self.amount_label = QLabel(self)
        self.amount_label.setObjectName("amountDisplay")
        set_enum_property(self.amount_label, "alignment", "AlignRight|AlignVCenter")
        self.amount_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.goods_edit = QLineEdit(self)
        self.goods_edit.setPlaceholderText(self.tr("Goods / note (optional, Ctrl+G)"))
        self.goods_edit.setMaxLength(20)
        self.goods_edit.returnPressed.connect(self.setFocus)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        # Room for two lines always, so the buttons below do not jump when the hint grows.
        self.hint_label.setMinimumHeight(2 * self.hint_label.fontMetrics().lineSpacing() + 8)

    def _build_keypad(self, minor_units: int) -> None:
        """The on-screen keypad: the same actions as the keyboard's keys."""
        self.keypad = Keypad(self)
        self.keypad.set_decimals(minor_units)
        self.keypad.key_pressed.connect(self._press)
        self.keypad.backspace_pressed.connect(self._backspace)
        self.keypad.clear_pressed.connect(self._clear)
        self.keypad.enter_pressed.connect(self._enter)

    def _build_methods(self, wallets: list[WalletButton]) -> QGridLayout:
        """The scan button, then one key per MPM wallet (F1..F8), two to a row."""
        self.cpm_button = QPushButton(self.tr("Scan customer code\n(scan now)"), self)
        self.cpm_button.setObjectName("cpmButton")
        set_focus_policy(self.cpm_button)
        self.cpm_button.clicked.connect(self._enter)
        methods = QGridLayout()
        # Three columns once there are more than four wallets: rows, not width, are what a
        # 768-high screen lacks.
        columns = 3 if len(wallets) > 4 else 2
        methods.addWidget(self.cpm_button, 0, 0, 1, columns)
        for index, wallet in enumerate(wallets[:MAX_WALLET_KEYS]):
            key = f"F{index + 1}"
            button = QPushButton(f"{wallet.label}\n[{key}]", self)
            button.setObjectName("methodButton")
            set_focus_policy(button)
            button.clicked.connect(lambda _=False, code=wallet.pay_type: self._choose_mpm(code))
            methods.addWidget(button, 1 + index // columns, index % columns)
            self.wallet_buttons[wallet.pay_type] = button
            self._wallet_keys[key] = wallet.pay_type
        return methods

    def _build_entry_page(self, methods: QGridLayout) -> QWidget:
        """Amount, note, hint and methods on the left; the keypad on the right."""
        entry = QWidget(self)
        entry_layout = QHBoxLayout(entry)
        left = QVBoxLayout()
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.currency_label)
        amount_row.addWidget(self.amount_label, 1)
        left.addLayout(amount_row)
        left.addWidget(self.goods_edit)
        left.addWidget(self.hint_label)
        left.addLayout(methods)
        left.addStretch(1)
        self._entry_column = left
        entry_layout.addLayout(left, 3)
        entry_layout.addWidget(self.keypad, 2)
        return entry

    def _build_outcome_page(self) -> QWidget:
        """The big waiting/result panel with Cancel and New sale under it."""
        self.panel = ResultPanel(self)
        self.cancel_button = QPushButton(self.tr("Cancel [Esc]"), self)
        set_focus_policy(self.cancel_button)
        self.cancel_button.clicked.connect(self._escape)
        self.next_button = QPushButton(self.tr("New sale [Enter]"), self)
        set_focus_policy(self.next_button)
        self.next_button.clicked.connect(self.new_sale)
        outcome = QWidget(self)
        outcome_layout = QVBoxLayout(outcome)
        outcome_layout.addWidget(self.panel, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.next_button)
        outcome_layout.addLayout(buttons)
        return outcome

    def add_entry_note(self, widget: QWidget) -> None:
        """A note under the wallet keys (the training codes), on the amount page only."""
        self._entry_column.addWidget(widget)

    # -- public API used by the controller -------------------------------------------------

    def amount_text(self) -> str:
        """The amount exactly as displayed (with the currency's decimals)."""
        return self.buffer.display()

    def goods_name(self) -> str:
        """The optional goods name / note, trimmed."""
        return self.goods_edit.text().strip()

    def show_waiting(
        self,
        message: str,
        seconds_left: float | None = None,
        *,
        summary: str = "",
        title: str | None = None,
        colour: ResultKind = ResultKind.WAITING,
        hint: str | None = None,
    ) -> None:
        """Plain words about what is happening, and how long at most.

        ``summary`` (the amount, the wallet) stays on screen while waiting: the customer
        asks "how much was it?" exactly then, and the amount page is no longer visible.
        The countdown never shows "0 s left": once the time is up the engine is checking
        with QFPay (and then cancelling), and the screen says so.
        """
        assert_gui_thread()
        self._set_state(SaleState.WAITING)
        if summary:
            message = f"{summary}\n{message}"
        if hint is None:
            hint = self.tr("Press Esc to cancel.")
            if seconds_left is not None and seconds_left >= 0.5:
                hint = self.tr("%1 s left. Press Esc to cancel.").replace(
                    "%1", str(round(seconds_left))
                )
            elif seconds_left is not None:
                hint = self.tr("Time is up: checking with QFPay whether the customer paid…")
        self.panel.show_outcome(colour, title or self.tr("WAITING"), message, hint)

    def show_result(
        self, outcome: ResultKind, title: str, detail: str, hint: str, *, retry: bool = False
    ) -> None:
        """A final outcome; Enter (or a digit) starts the next sale.

        ``retry``: nothing was charged (declined, cancelled), so scanning the customer's next
        code tries the same amount again without re-keying it.
        """
        assert_gui_thread()
        self._set_state(SaleState.RESULT)
        self.retry_allowed = retry
        self.panel.show_outcome(outcome, title, detail, hint)

    def show_problem(self, message: str) -> None:
        """A local refusal (bad amount, not a payment code): nothing was sent."""
        if self.state is SaleState.RESULT:
            self.panel.hint.setText(message)  # the entry page is not on screen
            return
        self.hint_label.setText(message)
        set_state_property(self.amount_label, "invalid", "true")

    def new_sale(self) -> None:
        """Clear everything for the next customer."""
        self.buffer.clear()
        self.goods_edit.clear()
        self.txamt = 0
        self._set_state(SaleState.ENTRY)

    def keep_clear_of(self, area: QRect | None) -> None:
        """Keep the text out from under another window (global ``area``; None: no window).

        With one screen the customer window stands over the right of the till; the waiting
        and result text then moves left so none of it is hidden behind the QR code.
        """
        overlap = 0
        if area is not None and not area.isEmpty():
            mine = QRect(self.mapToGlobal(QPoint(0, 0)), self.size())
            if mine.intersects(area) and area.left() > mine.left():
                overlap = max(0, mine.right() - area.left() + 1)
        self._layout.setContentsMargins(0, 0, overlap, 0)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        """The layout's hint without the room given up to the customer window."""
        return self._without_keep_clear(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        """Like ``sizeHint``: the room kept clear must never make the till's window grow.

        The margin only moves the text inside the space the screen already has; counted in
        the hints, it made the main window widen (and its right edge move away from the
        customer window) as soon as the layout caught up, invalidating the overlap itself.
        """
        return self._without_keep_clear(super().minimumSizeHint())

    def _without_keep_clear(self, size: QSize) -> QSize:
        layout = self.layout()  # None while __init__ is still building the screen
        if layout is None or not size.isValid():
            return size
        kept_clear = layout.contentsMargins().right()
        return QSize(max(0, size.width() - kept_clear), size.height())

    def wants_scan(self) -> bool:
        """Whether a scanned payment code would be used right now.

        An amount keyed but not yet confirmed counts: the scan is Enter plus scan, so a CPM
        sale is two actions (amount, scan).
        """
        return (
            self.state is SaleState.READY
            or (self.state is SaleState.ENTRY and not self.buffer.is_zero())
            or (self.state is SaleState.RESULT and self.retry_allowed and self.txamt > 0)
        )

    def accept_scan(self, code: str) -> bool:
        """A scanned code while READY (or after a decline) starts a CPM payment.

        While the amount is still being keyed the scan confirms it first; if the amount is
        refused (invalid, or above the limit and not confirmed yet) the reason is on screen
        and nothing is sent.
        """
        if not self.wants_scan():
            return False
        if self.state is SaleState.ENTRY:
            self._enter(confirms=False)
            if self.state is not SaleState.READY:
                return True  # used up: the screen says why nothing was sent
        self.cpm_requested.emit(self.txamt, code, self.goods_name())
        return True

    # -- keys --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Digits, '.', Backspace, Delete, Enter and Esc: the whole sale without a mouse."""
        key = event.key()
        text = event.text()
        keys = QtCore.Qt.Key  # named here, after the first paint: see pos_app.ui.qtprops
        if key in (keys.Key_Return, keys.Key_Enter):
            self._enter()
        elif key == keys.Key_Escape:
            self._escape()
        elif key == keys.Key_Backspace:
            self._backspace()
        elif key == keys.Key_Delete:
            self._clear()
        elif key in self._wallet_key_codes:
            self._choose_mpm(self._wallet_key_codes[key])
        elif text and (text.isdigit() or text in ".,"):
            self._press("." if text == "," else text)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    @cached_property
    def _wallet_key_codes(self) -> dict[int, str]:
        """The wallet keys' codes (F1..F8), looked up on the first key press."""
        keys = QtCore.Qt.Key
        return {getattr(keys, f"Key_{name}"): code for name, code in self._wallet_keys.items()}

    def _press(self, key: str) -> None:
        if self.state is SaleState.RESULT:
            self.new_sale()
        if self.state is not SaleState.ENTRY:
            return
        if self.buffer.press(key):
            self._refresh_amount()
        elif key != "." and self.buffer.full():
            # Refused visibly: a silently dropped digit turns 10000 into 1000.
            self.show_problem(self.tr("No more digits: that is the longest amount the till takes."))

    def _backspace(self) -> None:
        if self.state is SaleState.ENTRY and self.buffer.backspace():
            self._refresh_amount()

    def _clear(self) -> None:
        if self.state in (SaleState.ENTRY, SaleState.READY):
            self.buffer.clear()
            self._set_state(SaleState.ENTRY)

    def _enter(self, *, confirms: bool = True) -> None:
        """Confirm the amount (ENTRY) or start the next sale (RESULT).

        ``confirms``: whether this may be the second, confirming Enter of a sale above the
        limit; a scan never is (the cashier must have looked at the amount and said yes).
        """
        if self.state is SaleState.ENTRY:
            if self.buffer.is_zero():
                self.show_problem(self.tr("Key the amount first (more than zero)."))
                return
            try:
                txamt = self._validate_amount(self.buffer.display())
            except Exception as exc:
                self.show_problem(tr_message(str(getattr(exc, "message", "") or exc)))
                return
            big = self.confirm_above and txamt > self.confirm_above
            if big and not (confirms and self._confirmed_txamt == txamt):
                self._confirmed_txamt = txamt
                self.show_problem(
                    self.tr("%1 is more than %2. Check it, then press Enter again to confirm.")
                    .replace("%1", self._format_txamt(txamt))
                    .replace("%2", self._format_txamt(self.confirm_above))
                )
                return
            self.txamt = txamt
            self._set_state(SaleState.READY)
        elif self.state is SaleState.RESULT:
            self.new_sale()

    def _escape(self) -> None:
        if self.state is SaleState.READY:
            self._set_state(SaleState.ENTRY)
        elif self.state is SaleState.WAITING:
            self.cancel_requested.emit()
        elif self.state is SaleState.RESULT:
            self.new_sale()
        elif self.state is SaleState.ENTRY:
            self._clear()

    def _choose_mpm(self, pay_type: str) -> None:
        if self.state is SaleState.ENTRY and self.buffer.text:
            self._enter()
        if self.state is SaleState.READY:
            self.mpm_requested.emit(self.txamt, pay_type, self.goods_name())

    # -- display -----------------------------------------------------------------------------

    def _refresh_amount(self) -> None:
        self.amount_label.setText(self.buffer.formatted())
        set_state_property(self.amount_label, "invalid", "false")
        if self.state is SaleState.ENTRY:
            if self.buffer.is_zero():
                self._confirmed_txamt = 0
            if self.buffer.cents_mode and self.buffer.is_zero():
                self.hint_label.setText(
                    self.tr("Key the amount in cents (1234 = 12.34), then Enter or scan.")
                )
            else:
                self.hint_label.setText(self.tr("Key the amount, then press Enter or scan."))

    def _set_state(self, state: SaleState) -> None:
        self.state = state
        self.retry_allowed = False
        entry = state in (SaleState.ENTRY, SaleState.READY)
        self.pages.setCurrentIndex(0 if entry else 1)
        ready = state is SaleState.READY
        self.cpm_button.setEnabled(entry)
        self.cpm_button.setText(
            self.tr("Scan the customer's code now\n(or press a wallet key)")
            if ready
            else self.tr("Scan customer code\n(key the amount, then scan)")
        )
        for button in self.wallet_buttons.values():
            button.setEnabled(entry)
        self.keypad.setEnabled(state is SaleState.ENTRY)
        self.goods_edit.setEnabled(entry)
        self.cancel_button.setVisible(state is SaleState.WAITING)
        self.next_button.setVisible(state is SaleState.RESULT)
        self._refresh_amount()
        if ready:
            keys = len(self._wallet_keys)
            self.hint_label.setText(
                self.tr(
                    "Scan the customer's code now, or press a wallet key (F1…F%1). Esc: back."
                ).replace("%1", str(keys))
                if keys
                else self.tr("Scan the customer's code now. Esc: back.")
            )
        if not self.goods_edit.hasFocus() or not entry:
            self.setFocus()
        self.state_changed.emit(state.value)
