"""Qt properties set by their enum keys' names, so the first frame never builds ``Qt``.

PySide6 makes a class's Python enums on the class's first use, all of them at once.  The
``Qt`` namespace holds 93 enums; the first ``Qt.<anything>`` (even ``from PySide6.QtCore
import Qt``) builds them all, about 40 ms of a till's CPU, which was a fifth of the whole
start-up beyond a bare window (issue 9).  The sale screen needs four of those values before
its first paint (no focus for touch buttons, two alignments, one shortcut context).  They go
through Qt's own property system here instead: ``QObject.setProperty`` with the key's name
("NoFocus", "AlignRight|AlignVCenter") is converted by Qt's meta-enum (Q_ENUM / Q_FLAG),
exactly as Designer's ``.ui`` files and ``qproperty-`` stylesheet rules set them.  The
result is the same widget state (``tests/ui/test_first_paint.py`` compares it with the enum).

Code that runs after the first paint (key handling, dialogs) uses ``Qt`` as usual; widgets on
the first-paint path import ``QtCore`` and name ``QtCore.Qt`` inside methods only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

#: ``Qt.FocusPolicy.NoFocus``: buttons a cashier touches never take the keyboard from the
#: sale screen, where a scanner's keystrokes are caught.
NO_FOCUS = "NoFocus"
#: ``Qt.FocusPolicy.StrongFocus``.
STRONG_FOCUS = "StrongFocus"


def set_enum_property(obj: QObject, name: str, keys: str) -> None:
    """Set the enum or flags property *name* of *obj* to *keys* ("A" or "A|B").

    Qt reports a key it does not know, or a property of another type, only by returning
    False; that is a programming error here, so it raises rather than leave Qt's default.
    """
    if not obj.setProperty(name, keys):
        raise ValueError(f"{type(obj).__name__}.{name} cannot be set to {keys!r}")


def set_focus_policy(*widgets: QObject, policy: str = NO_FOCUS) -> None:
    """The focus policy of each widget (``QWidget.focusPolicy``), by key name."""
    for widget in widgets:
        set_enum_property(widget, "focusPolicy", policy)
