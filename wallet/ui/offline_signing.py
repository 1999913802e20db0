"""The online half of air-gapped signing: show the unsigned request (an animated QR code when it
needs several parts, and a file to save), then take the signed result back (pasted, scanned parts
or a file). The caller verifies the result against its own request before anything is broadcast."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.errors import WalletError
from wallet.services.airgap import SignRequest, join_parts, qr_parts
from wallet.ui.errors import error_text
from wallet.ui.qr import qr_pixmap
from wallet.ui.retranslate import retranslate_on_language_change

PART_INTERVAL_MS = 700  # slow enough for a phone camera to catch every part as the code loops
QR_SCALE = 4


class OfflineSigningDialog(QDialog):
    def __init__(self, request: SignRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request_json = request.to_json()
        self.file_name = f"sign-request-{request.id[:8]}.json"
        self.parts = qr_parts(self.request_json)
        self.part_index = 0
        self.step1 = QLabel(self)
        self.step1.setWordWrap(True)
        self.qr_label = QLabel(self)
        self.qr_label.setObjectName("requestQr")
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.part_label = QLabel(self)
        self.part_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save_request)
        self.step2 = QLabel(self)
        self.step2.setWordWrap(True)
        self.result_edit = QPlainTextEdit(self)
        self.result_edit.setObjectName("signedResultEdit")
        self.result_edit.textChanged.connect(self._update)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_result)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step1)
        layout.addWidget(self.qr_label)
        layout.addWidget(self.part_label)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.step2)
        layout.addWidget(self.result_edit)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(PART_INTERVAL_MS)
        self.timer.timeout.connect(self.next_part)
        if len(self.parts) > 1:
            self.timer.start()
        self._show_part()
        self._update()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def result_text(self) -> str:
        """The signed result as one document: pasted JSON, or scanned parts one per line, in any order."""
        lines = [line.strip() for line in self.result_edit.toPlainText().splitlines() if line.strip()]
        if not lines:
            return ""
        return join_parts(lines) if len(lines) > 1 or not lines[0].startswith("{") else lines[0]

    def next_part(self) -> None:
        self.part_index = (self.part_index + 1) % len(self.parts)
        self._show_part()

    def save_request(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the request"), self.file_name, "JSON (*.json)")
        if name:
            Path(name).write_text(self.request_json, encoding="utf-8")  # nothing secret: an unsigned transaction

    def open_result(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open the signed result"), "", "JSON (*.json)")
        if name:
            self.result_edit.setPlainText(Path(name).read_text(encoding="utf-8")[:1_000_000])

    def accept(self) -> None:
        try:
            self.result_text()
        except WalletError as error:  # missing or mixed-up QR parts: say which, keep the dialog
            self.error_label.setText(error_text(error))
            return
        super().accept()

    def _show_part(self) -> None:
        self.qr_label.setPixmap(qr_pixmap(self.parts[self.part_index], QR_SCALE))
        self.part_label.setText(f"{self.part_index + 1} / {len(self.parts)}" if len(self.parts) > 1 else "")

    def _update(self) -> None:
        self.error_label.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.result_edit.toPlainText().strip()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign on the offline computer"))
        self.step1.setText(self.tr(
            "1. On the offline computer, scan this code (it loops through its parts) or open the saved file, "
            "check the transaction and sign it."))
        self.save_button.setText(self.tr("Save request to a file…"))
        self.step2.setText(self.tr(
            "2. Paste or scan the signed result here, or open its file. It is checked against this request "
            "before it is sent."))
        self.open_button.setText(self.tr("Open signed result…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Verify and send"))
