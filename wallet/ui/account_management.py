"""Dialogs for managing accounts: show the recovery phrase again (password first) and rename an account.

The recovery phrase dialog never checks the password itself: it hands it to ``reveal``, which the
Accounts page runs off the GUI thread through the hot-wallet service, and shows the words it gets back.
The words live only in the dialog's labels and are cleared when it closes or the wallet locks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.ui.dialogs import NAME_SAMPLE, fit_to, keep_opening_size_as_minimum
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone

WORD_COLUMNS = 3


class RecoveryPhraseDialog(QDialog):
    def __init__(self, reveal: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryPhraseDialog")
        keep_opening_size_as_minimum(self)
        self._reveal = reveal
        self.warning = QLabel(self)
        self.warning.setObjectName("recoveryPhraseWarning")
        self.warning.setWordWrap(True)
        bold = self.warning.font()
        bold.setBold(True)
        self.warning.setFont(bold)
        set_tone(self.warning, Tone.ERROR)
        self.password = fit_to(QLineEdit(self), NAME_SAMPLE)
        self.password.setObjectName("recoveryPhrasePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.show_words_clicked)
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("showRecoveryPhraseButton")
        self.show_button.clicked.connect(self.show_words_clicked)
        self.error = QLabel(self)
        self.error.setObjectName("recoveryPhraseError")
        self.error.setWordWrap(True)
        set_tone(self.error, Tone.ERROR)
        self.words_box = QWidget(self)
        self.words_grid = QGridLayout(self.words_box)
        self.word_labels: list[QLabel] = []
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(lambda _result: self.clear())
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.password)
        layout.addWidget(self.show_button)
        layout.addWidget(self.error)
        layout.addWidget(self.words_box)
        layout.addWidget(self.buttons)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def show_words_clicked(self) -> None:
        self.error.clear()
        self.show_button.setEnabled(False)
        password = self.password.text()
        self.password.clear()
        self._reveal(password)

    def show_words(self, words: list[str]) -> None:
        """The words, numbered, in reading order across the rows."""
        self.clear()
        for index, word in enumerate(words):
            label = QLabel(f"{index + 1}. {word}", self.words_box)
            self.words_grid.addWidget(label, index // WORD_COLUMNS, index % WORD_COLUMNS)
            self.word_labels.append(label)
        self.password.hide()
        self.show_button.hide()

    def failed(self, message: str) -> None:
        self.show_button.setEnabled(True)
        self.error.setText(message)

    def clear(self) -> None:
        """Forget the words on screen (the strings themselves are Python's to free)."""
        for label in self.word_labels:
            label.clear()
            self.words_grid.removeWidget(label)
            label.deleteLater()
        self.word_labels = []
        self.password.clear()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Recovery phrase"))
        self.warning.setText(self.tr(
            "Anyone who sees these words can take your funds. Make sure nobody is watching and no "
            "screen is being recorded. Never type them into a website or share them with anyone."))
        self.password.setPlaceholderText(self.tr("Wallet password"))
        self.show_button.setText(self.tr("Show the recovery phrase"))


class RenameAccountDialog(QDialog):
    def __init__(self, current_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("renameAccountDialog")
        self.label = QLabel(self)
        self.name = fit_to(QLineEdit(current_name, self), NAME_SAMPLE)
        self.name.setObjectName("accountNameEdit")
        self.name.selectAll()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.name)
        layout.addWidget(self.buttons)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Rename account"))
        self.label.setText(self.tr("New name:"))
