"""Locks the hot wallet after a stretch without keyboard or mouse input.

Input is noted by an event filter on the application's top-level windows (``QWindow``), where the
platform delivers every key, mouse and touch event, not on the application: a Python filter on the
application is called for every event of the session (each layout, paint and timer event wrapped for
Python, ~35 µs each), while a window sees few events besides input. Windows are picked up as they get
the focus (``QGuiApplication.focusWindowChanged``): the main window when it is first shown, a dialog
when it opens.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

CHECK_INTERVAL_MS = 5000
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin}


class AutoLock(QObject):
    timed_out = Signal()

    def __init__(self, app: QGuiApplication, timeout_s: float, check_interval_ms: int = CHECK_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s  # 0: never
        self._last_activity = time.monotonic()
        app.focusWindowChanged.connect(self._watch)
        for window in app.topLevelWindows():
            self._watch(window)
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def _watch(self, window: QWindow | None) -> None:
        # Installing a filter again on the same window only moves it to the front: no duplicates.
        if window is not None:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last_activity = time.monotonic()
        return False

    def _check(self) -> None:
        if self.timeout_s and time.monotonic() - self._last_activity >= self.timeout_s:
            self._last_activity = time.monotonic()
            self.timed_out.emit()
