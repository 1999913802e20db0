"""A line edit for typing a recovery phrase, completing the word under the cursor from the wordlist."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from wallet.keys.mnemonic import completions


class PhraseEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = "english"
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.activated.connect(self._insert_word)
        self.textEdited.connect(self._suggest)

    def _suggest(self, text: str) -> None:
        prefix = text[: self.cursorPosition()].split(" ")[-1] if text and not text.endswith(" ") else ""
        words = completions(prefix, self.language) if len(prefix) >= 2 else []
        if words == [prefix]:
            words = []
        self._model.setStringList(words)
        if words:
            self._completer.complete()
        elif (popup := self._completer.popup()) is not None:
            popup.hide()

    def _insert_word(self, word: str) -> None:
        before = self.text()[: self.cursorPosition()]
        after = self.text()[self.cursorPosition():]
        head = before.rsplit(" ", 1)[0] + " " if " " in before else ""
        self.setText(f"{head}{word} {after.lstrip()}")
        self.setCursorPosition(len(head) + len(word) + 1)
