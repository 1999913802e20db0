"""Shows a swap offer or acceptance to pass to the other party: the text (copy), a QR code and save-to-file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.ui.qr import qr_pixmap


class AtomicMessageDialog(QDialog):
    def __init__(self, title: str, explanation: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(explanation, wordWrap=True))
        self.text_edit = QPlainTextEdit(text, readOnly=True)
        self.text_edit.setMaximumHeight(90)
        layout.addWidget(self.text_edit)
        self.qr_label = QLabel()
        self.qr_label.setPixmap(qr_pixmap(text, scale=4))
        layout.addWidget(self.qr_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(self.tr("Save to file…"))
        self.save_button.clicked.connect(self.save)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text)

    def save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save swap message"), "", self.tr("Text files (*.txt)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        try:
            path.write_text(self.text + "\n", encoding="ascii")
        except OSError as error:
            QMessageBox.warning(self, self.tr("Not saved"), self.tr("The file could not be written: {reason}")
                                .format(reason=error.strerror or str(error)))
