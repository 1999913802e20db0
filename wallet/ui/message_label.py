"""A page's message line that stays in the language on screen.

A message is best kept as how to say it (a function that builds the text with ``tr``), not as the
words: after a live language switch it is said again in the new language, so a Chinese screen never
keeps an English "Sent. Transaction 0x… is pending" from before the switch. A message given as
plain words (one built from text that cannot be translated again) is cleared by a switch instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone

Render = Callable[[], str]


class MessageLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._render: Render | None = None
        self.hide()  # an empty line takes no room (a form kept a blank row for it)
        retranslate_on_language_change(self, self._say_again)

    def say(self, message: str | Render, tone: Tone | None = Tone.OK) -> None:
        """Shows the message in ``tone`` (light/dark aware). A callable must build the whole text
        through ``tr``/``error_text`` each time: it is called again after each language switch."""
        self._render = message if callable(message) else None
        set_tone(self, tone)
        self.setText(message() if callable(message) else message)
        self.setVisible(bool(self.text()))

    def clear_message(self) -> None:
        self._render = None
        self.clear()
        self.hide()

    def _say_again(self) -> None:
        if self._render is None:
            self.clear_message()  # words from before the switch, in the old language
        else:
            self.setText(self._render())
