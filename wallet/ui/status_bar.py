"""The window's status bar: connected chain, live block height, and connection problems."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget

from wallet.chains.registry import Chain
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone


class ElidedLabel(QLabel):
    """A one-line label that gives up width first: it paints as much of its text as fits, ending in
    "…" (``text()`` stays whole, and is its tooltip). Its neighbours keep the room their text needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def shown_text(self) -> str:
        """The text as painted: elided to the label's width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment().value), self.palette(),
                                  self.isEnabled(), self.shown_text(), self.foregroundRole())


class ChainStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        retranslate_on_language_change(self, self._render)
        self.chain_label = QLabel(self)
        self.chain_label.setObjectName("chainLabel")
        self.block_label = QLabel(self)
        self.block_label.setObjectName("blockLabel")
        for label in (self.chain_label, self.block_label):  # never squeezed below their text
            label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.problem_label = ElidedLabel(self)
        self.problem_label.setObjectName("problemLabel")
        set_tone(self.problem_label, Tone.ERROR)
        self.addWidget(self.problem_label, 1)
        self.addPermanentWidget(self.chain_label)
        self.addPermanentWidget(self.block_label)
        self._chain: Chain | None = None
        self._block: int | None = None
        self._problem = ""
        self._language = "en"
        self._render()

    def set_language(self, language: str) -> None:
        self._language = language
        self._render()

    def show_chain(self, chain: Chain | None) -> None:
        self._chain, self._block, self._problem = chain, None, ""
        self._render()

    def show_block(self, block_number: int) -> None:
        self._block, self._problem = block_number, ""
        self._render()

    def show_problem(self, message: str) -> None:
        self._problem = message
        self._render()

    def _render(self) -> None:
        if self._chain is None:
            self.chain_label.setText(self.tr("No network"))
            self.block_label.setText("")
        else:
            self.chain_label.setText(self.tr("● {chain} (chain id {chain_id})").format(
                chain=self._chain.display_name(self._language), chain_id=self._chain.chain_id))
            self.block_label.setText(self.tr("Block {height}").format(height=f"{self._block:,}")
                                     if self._block is not None else self.tr("Block …"))
        self.problem_label.setText(self._problem)
