"""Shown when no usable network is selected: offers to start the local devnet playground."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from wallet.ui.icons import set_icon
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone


class PlaygroundBanner(QFrame):
    start_requested = Signal()
    choose_network_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        retranslate_on_language_change(self, self.retranslate)
        self.setObjectName("playgroundBanner")
        # The palette's own colours: the banner follows the light or dark scheme.
        self.setStyleSheet("#playgroundBanner { background: palette(alternate-base); border: 1px solid palette(mid);"
                           " border-radius: 6px; }")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        set_tone(self.error, Tone.ERROR)
        self.error.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy indicator: the start has no measurable steps
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("startPlaygroundButton")
        self.start_button.setDefault(True)
        set_icon(self.start_button, "play")
        self.start_button.clicked.connect(self.start_requested)
        self.choose_button = QPushButton(self)
        set_icon(self.choose_button, "network")
        self.choose_button.clicked.connect(self.choose_network_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self._busy = False
        self.retranslate()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.start_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.error.hide()
        self.retranslate()

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        self.error.show()

    def retranslate(self) -> None:
        if self._busy:
            self.message.setText(self.tr("Starting the local devnet: two chains with Uniswap and test tokens…"))
        else:
            self.message.setText(self.tr(
                "No network is configured. Start the local devnet playground to try the wallet with "
                "test coins on chains that run on this computer, or choose a network in Settings."))
        self.start_button.setText(self.tr("Start local devnet"))
        self.choose_button.setText(self.tr("Choose a network…"))
