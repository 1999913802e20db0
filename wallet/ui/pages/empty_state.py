"""A page whose feature has no content yet: a title and a sentence on what will appear here."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wallet.ui.retranslate import retranslate_on_language_change

PAGES_CONTEXT = "Pages"


class EmptyStatePage(QWidget):
    def __init__(self, title: str, message: str, parent: QWidget | None = None) -> None:
        """``title`` and ``message`` are untranslated sources marked with QT_TRANSLATE_NOOP("Pages", …)."""
        super().__init__(parent)
        retranslate_on_language_change(self, self.retranslate)
        self._title = title
        self._message = message
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("emptyStateMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setStyleSheet("color: #5f6368; font-size: 14px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addStretch(1)
        layout.addWidget(self.message_label)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(QCoreApplication.translate(PAGES_CONTEXT, self._title))
        self.message_label.setText(QCoreApplication.translate(PAGES_CONTEXT, self._message))
