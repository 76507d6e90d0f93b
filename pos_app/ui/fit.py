"""Fit a window to the screen it is on: never larger than the screen's available area.

A till owns its screen, so the main window takes all of the available area (inside the
window manager's frame) and is capped there: a layout that would need more must shrink or
wrap, it can never push the status bar or the Enter key off the screen.  Run again when the
window moves to another screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def available_area(window: QWidget) -> QRect | None:
    """The available geometry of the window's screen (or the primary one)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return None if screen is None else screen.availableGeometry()


def fit_to_screen(window: QWidget) -> None:
    """Fill the available area, frame included, and never grow beyond it."""
    area = available_area(window)
    if area is None or area.isEmpty():
        return
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w = max(0, frame.width() - inner.width())
    extra_h = max(0, frame.height() - inner.height())
    limit = QSize(max(1, area.width() - extra_w), max(1, area.height() - extra_h))
    window.setMaximumSize(limit)
    window.setGeometry(
        area.x() + max(0, inner.x() - frame.x()),
        area.y() + max(0, inner.y() - frame.y()),
        limit.width(),
        limit.height(),
    )


def fit_dialog(dialog: QWidget) -> None:
    """Shrink a tool window that would not fit its screen, and keep it on the screen."""
    area = available_area(dialog)
    if area is None or area.isEmpty():
        return
    width = min(dialog.width(), area.width())
    height = min(dialog.height(), area.height())
    dialog.resize(width, height)
    parent = dialog.parentWidget()
    center = parent.frameGeometry().center() if parent is not None else area.center()
    x = min(max(area.left(), center.x() - width // 2), area.right() - width + 1)
    y = min(max(area.top(), center.y() - height // 2), area.bottom() - height + 1)
    dialog.move(x, y)
