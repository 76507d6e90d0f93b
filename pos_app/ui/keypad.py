"""The on-screen keypad and the amount buffer behind it.

The buffer is independent of widgets so the same rules apply to physical keys and touch keys:
digits only, at most the currency's number of decimals, no decimal point for zero-decimal
currencies (JPY, KRW...), and a length cap so nobody keys a phone number as an amount.
The keypad's buttons never take focus: focus stays where a scanner's keystrokes are caught.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from pos_app.ui.qtprops import set_focus_policy

MAX_INTEGER_DIGITS = 9


class AmountBuffer:
    """What the cashier has keyed so far, as text, for a currency with ``minor_units``.

    ``cents``: cents-mode entry (as on Square or SumUp): digits shift in from the right, so
    typing 1234 gives 12.34 and no decimal point is ever needed.  The text is then digits
    only, the amount in minor units.
    """

    def __init__(self, minor_units: int, *, cents_mode: bool = False) -> None:
        self.minor_units = minor_units
        self.cents_mode = cents_mode and minor_units > 0
        #: Cents entry for the amount being keyed; a "." switches this one amount to decimal
        #: entry, so "12.5" still means 12.50 for a cashier used to typing the point.
        self.cents = self.cents_mode
        self.text = ""

    def clear(self) -> None:
        """Start again from nothing."""
        self.text = ""
        self.cents = self.cents_mode

    def set_text(self, text: str) -> None:
        """Replace the contents, keeping only what typing it key by key would accept."""
        self.clear()
        for char in text:
            self.press(char)

    def full(self) -> bool:
        """Whether another digit would be refused (the amount is as long as allowed)."""
        if self.cents:
            return len(self.text) >= MAX_INTEGER_DIGITS + self.minor_units
        whole, dot, frac = self.text.partition(".")
        if dot:
            return len(frac) >= self.minor_units
        return len(whole) >= MAX_INTEGER_DIGITS

    def press(self, key: str) -> bool:
        """Apply one key (``0-9``, ``00``, ``.``); return whether it changed anything."""
        if key == "00":
            return any([self.press("0"), self.press("0")])
        if key == ".":
            if self.minor_units == 0 or "." in self.text:
                return False
            if self.cents:  # the digits so far are whole units after all
                self.cents = False
                self.text = str(int(self.text or "0"))
            self.text = (self.text or "0") + "."
            return True
        if len(key) != 1 or not key.isdigit() or not key.isascii():
            return False
        if self.full():
            return False
        if self.cents:
            if self.text or key != "0":  # a leading zero changes nothing
                self.text += key
                return True
            return False
        if self.text == "0":
            self.text = key
        else:
            self.text += key
        return True

    def backspace(self) -> bool:
        """Remove the last key; return whether there was one."""
        if not self.text:
            return False
        self.text = self.text[:-1]
        if not self.text:
            self.cents = self.cents_mode
        return True

    def is_zero(self) -> bool:
        """Nothing (or only zeros) keyed."""
        return not self.text.strip("0.")

    def display(self) -> str:
        """The amount as the wire wants it: always with the currency's decimals, no grouping."""
        if self.cents:
            value = int(self.text or "0")
            whole, frac = divmod(value, 10**self.minor_units)
            return f"{whole}.{frac:0{self.minor_units}d}"
        whole, _, frac = self.text.partition(".")
        whole = str(int(whole or "0"))
        if self.minor_units == 0:
            return whole
        return f"{whole}.{frac.ljust(self.minor_units, '0')}"

    def formatted(self) -> str:
        """The amount for people: with thousands separators (1,234.50)."""
        whole, dot, frac = self.display().partition(".")
        return f"{int(whole):,}{dot}{frac}"


class Keypad(QWidget):
    """Touch-sized keys emitting the same key names the physical keyboard produces."""

    key_pressed = Signal(str)
    backspace_pressed = Signal()
    clear_pressed = Signal()
    enter_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        grid = QGridLayout(self)
        grid.setSpacing(6)
        self._decimal_button: QPushButton | None = None
        rows = [["7", "8", "9"], ["4", "5", "6"], ["1", "2", "3"], ["00", "0", "."]]
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                button = self._button(key)
                button.clicked.connect(lambda _=False, k=key: self.key_pressed.emit(k))
                grid.addWidget(button, r, c)
                if key == ".":
                    self._decimal_button = button
        back = self._button("⌫")
        back.setToolTip(self.tr("Delete the last digit (Backspace)"))
        back.clicked.connect(self.backspace_pressed.emit)
        clear = self._button(self.tr("C"))
        clear.setToolTip(self.tr("Clear the amount (Delete)"))
        clear.clicked.connect(self.clear_pressed.emit)
        enter = self._button(self.tr("Enter"))
        enter.setObjectName("enterKey")
        enter.clicked.connect(self.enter_pressed.emit)
        grid.addWidget(back, 0, 3)
        grid.addWidget(clear, 1, 3)
        grid.addWidget(enter, 2, 3, 2, 1)

    def _button(self, label: str) -> QPushButton:
        button = QPushButton(label, self)
        set_focus_policy(button)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return button

    def set_decimals(self, minor_units: int) -> None:
        """Hide the decimal key for currencies without minor units."""
        if self._decimal_button is not None:
            self._decimal_button.setEnabled(minor_units > 0)
