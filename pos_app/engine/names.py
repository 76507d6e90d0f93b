"""Names people type into the till: managers, cashiers, goods descriptions.

They end up in the journal, on receipts, on screens and in terminals.  A name carrying an
escape sequence can rewrite a manager's terminal (``ESC]52`` even fills the clipboard), a
bidirectional override can make "refund 10" read as "refund 01", and a 120 KB "cashier" bloats
every row.  So every such name is one line of printable text of a sensible length; anything
else is refused with a clear message before it is stored or sent.
"""

from __future__ import annotations

import unicodedata

from pos_app.engine.errors import InputRefusedError
from pos_app.i18n import QT_TRANSLATE_NOOP

MAX_MANAGER_NAME = 40
MAX_CASHIER_NAME = 40
MAX_GOODS_NAME = 64

#: Unicode categories refused anywhere in a name: controls (incl. ESC), format characters
#: (bidi overrides, zero-width joiners), separators other than the plain space, unassigned.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})

R_EMPTY = QT_TRANSLATE_NOOP("engine", "The {what} is empty.")
R_TOO_LONG = QT_TRANSLATE_NOOP("engine", "The {what} is longer than {limit} characters.")
R_BAD_CHARS = QT_TRANSLATE_NOOP(
    "engine", "The {what} contains control characters or invisible formatting; type it again."
)


def validate_name(text: str, *, what: str, limit: int) -> str:
    """The name stripped of surrounding spaces, or ``InputRefusedError`` saying what is wrong."""
    name = str(text).strip()
    if not name:
        raise InputRefusedError(R_EMPTY.format(what=what))
    if len(name) > limit:
        raise InputRefusedError(R_TOO_LONG.format(what=what, limit=limit))
    for char in name:
        category = unicodedata.category(char)
        if category in _REFUSED_CATEGORIES or (category == "Zs" and char != " "):
            raise InputRefusedError(R_BAD_CHARS.format(what=what))
    return name


def manager_name(text: str) -> str:
    """A manager's name as stored and typed at the refund prompt."""
    return validate_name(text, what="manager name", limit=MAX_MANAGER_NAME)


def cashier_name(text: str) -> str:
    """The cashier journaled with every transaction."""
    return validate_name(text, what="cashier name", limit=MAX_CASHIER_NAME)


def goods_name(text: str | None) -> str | None:
    """The item description sent to QFPay (optional)."""
    if text is None or not str(text).strip():
        return None
    return validate_name(text, what="goods name", limit=MAX_GOODS_NAME)
