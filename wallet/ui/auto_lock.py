"""Locks the hot wallet after a stretch without keyboard or mouse input."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

CHECK_INTERVAL_MS = 5000
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin}


class AutoLock(QObject):
    timed_out = Signal()

    def __init__(self, app: QCoreApplication, timeout_s: float, check_interval_ms: int = CHECK_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s  # 0: never
        self._last_activity = time.monotonic()
        app.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last_activity = time.monotonic()
        return False

    def _check(self) -> None:
        if self.timeout_s and time.monotonic() - self._last_activity >= self.timeout_s:
            self._last_activity = time.monotonic()
            self.timed_out.emit()
