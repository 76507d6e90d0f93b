"""A crisp QR code widget for the customer display.

Phones scan a QR from a screen best when every module is a whole number of pixels with hard
edges and the quiet zone (at least 4 modules) is intact, so the code is rendered at one pixel
per module and scaled by an integer factor without smoothing.

Encoding (segno: Reed-Solomon, masking, a per-module loop in Python) takes several
milliseconds, more on a busy two-core till, which is most of a 16 ms frame.  ``qr_image``
only builds a ``QImage`` (safe off the GUI thread), so the sale controller renders it on the
worker and the widget only paints the finished image.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4


def qr_image(data: str, *, border: int = QUIET_ZONE) -> QImage:
    """Render ``data`` as a one-pixel-per-module image including the quiet zone.

    Thread-safe (no widgets, no pixmaps): call it on the worker.  The image is built from one
    bytes buffer instead of a ``setPixel`` call per module.
    """
    import segno  # noqa: PLC0415 - only needed once a code is shown; keeps start-up short

    qr = segno.make(data, error="m", micro=False)
    pixels = bytearray()
    for row in qr.matrix_iter(scale=1, border=border):
        pixels.extend(0 if dark else 255 for dark in row)
    size = int(qr.symbol_size(scale=1, border=border)[0])
    image = QImage(bytes(pixels), size, size, size, QImage.Format.Format_Grayscale8)
    return image.copy()  # own the pixels: the buffer above is temporary


class QrWidget(QWidget):
    """Shows one QR code, as large as the widget allows, in whole-pixel modules."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = ""
        self._image: QImage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(240, 240))
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def data(self) -> str:
        """The text currently encoded (empty when nothing is shown)."""
        return self._data

    def set_data(self, data: str, image: QImage | None = None) -> None:
        """Show ``data``; an empty string blanks the widget.

        Pass ``image`` (from :func:`qr_image`, rendered off the GUI thread) to skip encoding
        here; without it the code is encoded on the spot.
        """
        self._data = data
        if not data:
            self._image = None
        else:
            self._image = image if image is not None else qr_image(data)
        self.update()

    def module_pixels(self) -> int:
        """Pixels per module at the current size (0 when the widget is too small)."""
        if self._image is None:
            return 0
        return min(self.width(), self.height()) // self._image.width()

    def sizeHint(self) -> QSize:
        """Prefer a size that gives a phone camera comfortable modules."""
        return QSize(420, 420)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw white, then the code centred at an integer scale."""
        del event
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self._image is not None:
            scale = max(1, self.module_pixels())
            side = self._image.width() * scale
            x = (self.width() - side) // 2
            y = (self.height() - side) // 2
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(QRect(x, y, side, side), self._image)
        painter.end()
