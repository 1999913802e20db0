"""The start-up's first frame, and the work that waits for it.

A window is on screen once its first paint has been flushed. Work the first frame does not need
(background polls, checks that open the database on a worker thread, icon fonts) waits for that moment:
started earlier, a worker thread competes with the GUI thread for the interpreter while the window is
being built, and a ``QTimer.singleShot(0, …)`` queued after ``show()`` still runs *before* the first
paint (the paint is an event posted behind it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

_WATCH_NAME = "firstPaintWatch"


class _FirstPaintWatch(QObject):
    """Waits on one widget for its first paint event, then calls back, in the order the callbacks were
    given, on the next event-loop turn."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName(_WATCH_NAME)
        self._widget = widget
        self.callbacks: list[Callable[[], None]] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            self.setObjectName("")  # callbacks given from now on wait for the next first paint: none
            # Queued: the paint of the children and the flush to the screen finish first.
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        callbacks, self.callbacks = self.callbacks, []
        self.deleteLater()
        for callback in callbacks:
            callback()


def after_first_paint(window: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` on the GUI thread once ``window`` has painted its first frame, after the
    callbacks given before it. Call it before the event loop has run with the window shown (at
    start-up: before ``app.exec()``)."""
    watch = window.findChild(_FirstPaintWatch, _WATCH_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if watch is None:
        watch = _FirstPaintWatch(window)
    watch.callbacks.append(callback)
