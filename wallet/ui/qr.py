"""QR codes as pixmaps (segno renders; Qt only shows the PNG)."""

from __future__ import annotations

import io

from PySide6.QtGui import QPixmap

QR_SCALE = 6


def qr_pixmap(text: str, scale: int = QR_SCALE) -> QPixmap:
    import segno  # loaded on first use: the window does not wait for it

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=4)  # the quiet zone the QR spec asks for
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap
