"""Geometry checks for a window on a real screen: off-screen, clipped and elided widgets.

Used by ``layout_scenario.py`` (which runs under Xvfb); each check returns readable problem
lines, so one failing run lists everything wrong at once rather than the first thing.

What counts as a problem, for every visible widget of a top-level window:

- the window's frame is larger than, or lies outside, the screen's available geometry;
- a widget lies (partly) outside its window or outside any ancestor (it is cut off);
- a label's text does not fit: without word wrap, the widest line is wider than the label's
  contents; with word wrap, the label is lower than the text needs at its width;
- a button's text (each line) plus its icon and padding is wider than the button.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

#: Pixels of tolerance for rounding in layouts and font metrics.
SLACK = 2


def describe(widget: QWidget) -> str:
    """A widget as a reader of the report can find it: class, object name, text."""
    name = widget.objectName()
    text = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        text = widget.text().replace("\n", "⏎")[:50]
    return f"{type(widget).__name__}{'#' + name if name else ''} {text!r}"


def global_rect(widget: QWidget) -> QRect:
    """The widget's rectangle in screen coordinates."""
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _really_visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _plain(text: str) -> str:
    """Label text without mnemonics."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def label_problem(label: QLabel) -> str | None:
    """Why the label's text does not fit its rectangle (None: it fits)."""
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    contents = label.contentsRect()
    margin = label.margin()
    indent = max(label.indent(), 0)
    width = contents.width() - 2 * margin - indent
    height = contents.height() - 2 * margin
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and text.lstrip().startswith("<")
    )
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(width)
        need_w, need_h = doc.idealWidth(), doc.size().height()
        if not label.wordWrap() and need_w > width + SLACK:
            return f"rich text needs {need_w:.0f} px wide, has {width}"
        if need_h > height + SLACK:
            return f"rich text needs {need_h:.0f} px high, has {height}"
        return None
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        flags = int(Qt.TextFlag.TextWordWrap) | int(label.alignment())
        need = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), flags, text)
        if need.width() > width + SLACK:  # a word longer than the line
            return f"a word needs {need.width()} px, the label has {width}"
        if need.height() > height + SLACK:
            return f"wrapped text needs {need.height()} px high, has {height}"
        return None
    lines = text.split("\n")
    widest = max(metrics.horizontalAdvance(line) for line in lines)
    if widest > width + SLACK:
        return f"text needs {widest} px, the label has {width} (cut off)"
    need_h = metrics.lineSpacing() * len(lines)
    if need_h > height + metrics.leading() + SLACK + 2:
        return f"text needs {need_h} px high, has {height}"
    return None


def button_problem(button: QPushButton) -> str | None:
    """Why the button's text does not fit (None: it fits).

    The style says how much room the bevel and padding take: the contents rectangle of
    ``CE_PushButtonLabel`` is where the text is drawn.
    """
    text = _plain(button.text())
    if not text:
        return None
    option = QStyleOptionButton()
    button.initStyleOption(option)
    inner = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    width = inner.width()
    if not button.icon().isNull():
        width -= button.iconSize().width() + 4
    metrics = QFontMetrics(button.font())
    lines = text.split("\n")
    widest = max(metrics.horizontalAdvance(line) for line in lines)
    if widest > width + SLACK:
        return f"text needs {widest} px, the button has {width} (cut off)"
    need_h = metrics.height() * len(lines)
    if need_h > inner.height() + SLACK + 2:
        return f"text needs {need_h} px high, the button has {inner.height()}"
    return None


def check_window(window: QWidget, label: str) -> list[str]:
    """Every problem of ``window`` (a visible top-level) on the screen it is on."""
    problems: list[str] = []
    screen = window.screen() or QApplication.primaryScreen()
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    where = f"[{label}] {describe(window)}"
    if frame.width() > available.width() or frame.height() > available.height():
        problems.append(
            f"{where}: window {frame.width()}x{frame.height()} exceeds the available "
            f"{available.width()}x{available.height()}"
        )
    if not available.contains(frame):
        problems.append(f"{where}: window at {frame.getRect()} is not inside {available.getRect()}")
    for widget in window.findChildren(QWidget):
        if not _really_visible(widget) or widget.isWindow():
            continue
        if any(parent.isWindow() and parent is not window for parent in _ancestors(widget)):
            continue  # belongs to another top-level (checked on its own)
        rect = global_rect(widget)
        if not available.contains(rect):
            problems.append(f"{where}: {describe(widget)} at {rect.getRect()} is off-screen")
            continue
        for parent in _ancestors(widget):
            outer = global_rect(parent)
            if _scrolled(parent):
                break  # inside a scroll area: scrolling is how it is reached
            if not outer.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
                problems.append(
                    f"{where}: {describe(widget)} at {rect.getRect()} sticks out of "
                    f"{describe(parent)} at {outer.getRect()}"
                )
                break
            if parent is window:
                break
        problem: str | None = None
        if isinstance(widget, QLabel):
            problem = label_problem(widget)
        elif isinstance(widget, QPushButton):
            problem = button_problem(widget)
        if problem:
            problems.append(f"{where}: {describe(widget)}: {problem}")
    return problems


def _ancestors(widget: QWidget) -> list[QWidget]:
    chain = []
    parent = widget.parentWidget()
    while parent is not None:
        chain.append(parent)
        if parent.isWindow():
            break
        parent = parent.parentWidget()
    return chain


def _scrolled(widget: QWidget) -> bool:
    """A scroll area's viewport: children beyond it are scrolled to, not cut off."""
    parent = widget.parentWidget()
    from PySide6.QtWidgets import QAbstractScrollArea

    return isinstance(parent, QAbstractScrollArea) and widget is parent.viewport()


def check_all(label: str) -> list[str]:
    """Every visible top-level window of the application."""
    problems: list[str] = []
    for window in QApplication.topLevelWidgets():
        if window.isVisible() and window.width() > 0:
            problems += check_window(window, label)
    return problems
