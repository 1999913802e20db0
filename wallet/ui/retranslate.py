"""Re-runs a widget's ``retranslate`` whenever the UI language changes (a translator is swapped)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class _LanguageChangeFilter(QObject):
    def __init__(self, widget: QWidget, retranslate: Callable[[], None]) -> None:
        super().__init__(widget)
        self._retranslate = retranslate
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        return False


def retranslate_on_language_change(widget: QWidget, retranslate: Callable[[], None]) -> None:
    _LanguageChangeFilter(widget, retranslate)
