"""The till's stylesheet and semantic colours.

Colour is part of the message at a till (green paid, red declined, orange TRAINING), so the
choices live in one stylesheet file and widgets only set object names and dynamic properties.
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.ui.i18n import resources_dir

log = logging.getLogger(__name__)

STYLESHEET = resources_dir() / "styles" / "till.qss"


class ResultKind(enum.StrEnum):
    """What an outcome means to the cashier and customer; each value is a stylesheet key
    (``[outcome="paid"]`` in till.qss), so the colour follows the meaning, never a name."""

    WAITING = "waiting"
    PAID = "paid"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    ATTENTION = "attention"


def apply_theme(app: QApplication) -> None:
    """Install the stylesheet; a missing file leaves Qt's default look, never a crash."""
    try:
        app.setStyleSheet(STYLESHEET.read_text(encoding="utf-8"))
    except OSError:
        log.warning("stylesheet %s not found; using the default look", STYLESHEET)


def set_state_property(widget: QWidget, name: str, value: str) -> None:
    """Set a dynamic property used by the stylesheet and make Qt re-evaluate it.

    Re-polishing runs the whole stylesheet over the widget (about a millisecond for the
    amount display), so it is skipped when the value did not change: every keypress and
    every countdown tick sets the same value again.
    """
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    # Polished again by its own Polish event, as Qt's ensurePolished() does (the widget's
    # style polishes it).  Calling ``style.polish(widget)`` does the same, but PySide6's
    # overload check for it (QStyle.polish also takes a QPalette, which a Qt.GlobalColor
    # converts to) builds the whole ``Qt`` namespace, ~40 ms before the first paint
    # (see pos_app.ui.qtprops).
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.Polish))
    widget.update()
