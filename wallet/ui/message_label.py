"""A page's message line that stays in the language on screen.

A message is kept as how to say it (a function that builds the text with ``tr``), not as the words:
after a live language switch it is said again in the new language, so a Chinese screen never keeps
an English "Sent. Transaction 0x… is pending" from before the switch.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, tone_style

Render = Callable[[], str]


class MessageLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._render: Render | None = None
        self._tone: Tone | None = None
        retranslate_on_language_change(self, self._say_again)

    def say(self, render: Render, tone: Tone | None = Tone.OK) -> None:
        """Shows ``render()`` now and again after each language switch. ``render`` must build the
        whole text through ``tr``/``error_text`` each time it is called."""
        self._render, self._tone = render, tone
        self._say_again()

    def clear_message(self) -> None:
        self._render = None
        self.clear()

    def changeEvent(self, event: QEvent) -> None:
        """The system switched between light and dark: the tone's colour follows."""
        if event.type() == QEvent.Type.ApplicationPaletteChange and self._render is not None:
            self.setStyleSheet(tone_style(self._tone))
        super().changeEvent(event)

    def _say_again(self) -> None:
        if self._render is None:
            return
        self.setStyleSheet(tone_style(self._tone))
        self.setText(self._render())
