"""Wizard pages that scroll instead of growing the wizard past the screen.

QWizard sizes itself to its tallest page.  The devices page (scanner, printer, customer
screen, network) is about 720 px tall in Chinese with the till's touch-sized buttons, which
pushed Back/Next/Finish below the bottom of a 1024x768 screen.  Each page therefore lays out
its fields on a body inside a frameless scroll area: on a tall screen nothing changes, on a
short one the page scrolls and the wizard's buttons stay on the screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget, QWizardPage


def scroll_body(page: QWizardPage) -> QWidget:
    """The widget a page builds its layout on (inside a scroll area filling the page)."""
    area = QScrollArea(page)
    area.setObjectName("wizardPageScroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    body = QWidget(area)
    body.setObjectName("wizardPageBody")
    area.setWidget(body)
    area.viewport().setAutoFillBackground(False)  # the page's own background shows through
    body.setAutoFillBackground(False)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return body
