"""A watch-only account's payment as a PSBT (BIP-174) for a signer elsewhere: shown as an animated QR
code and saved as a ``.psbt`` file (binary, as Sparrow, Electrum and Bitcoin Core read it); the signed
PSBT comes back pasted (base64, or the QR code's parts one per line) or from a file. The page checks
it against the payment it planned before anything is broadcast."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from PySide6.QtCore import Qt
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
from wallet.services.airgap import SignRequestError, join_parts
from wallet.ui.dialogs import keep_opening_size_as_minimum
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.offline_signing import AnimatedQr
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone
from wallet.utxo.spend import BadPsbtError

PSBT_MAGIC = b"psbt\xff"
MAX_PSBT_FILE_BYTES = 4_000_000


def psbt_file_bytes(text: str) -> bytes:
    """The binary form of a base64 PSBT (what a ``.psbt`` file holds)."""
    return base64.b64decode(text)


def psbt_text_of_file(data: bytes) -> str:
    """A ``.psbt`` file's PSBT as base64, whether the file is binary or base64 text."""
    if data.startswith(PSBT_MAGIC):
        return base64.b64encode(data).decode()
    try:
        return data.decode("ascii").strip()
    except UnicodeDecodeError:
        return ""  # neither: the import then says it cannot be read


def pasted_psbt(text: str) -> str:
    """Pasted base64, or scanned QR parts one per line in any order; ``BadPsbtError`` saying what is
    wrong with the parts (the air-gap's own error speaks of a signing request)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1:
        try:
            base64.b64decode("".join(lines), validate=True)
            return "".join(lines)  # base64 broken over lines
        except (binascii.Error, ValueError):
            pass
    try:
        return join_parts(lines) if lines else ""
    except SignRequestError as error:
        raise BadPsbtError(reason=error.params["reason"]) from None


class PsbtDialog(QDialog):
    def __init__(self, psbt: str, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_opening_size_as_minimum(self)
        self.psbt = psbt
        self.file_name = file_name
        self.step1 = QLabel(self)
        self.step1.setWordWrap(True)
        self.qr = AnimatedQr(self)
        self.qr.setObjectName("psbtQr")
        self.save_button = QPushButton(self)
        set_icon(self.save_button, "export")
        self.save_button.clicked.connect(self.save_psbt)
        self.step2 = QLabel(self)
        self.step2.setWordWrap(True)
        self.signed_edit = QPlainTextEdit(self)
        self.signed_edit.setObjectName("signedPsbtEdit")
        self.signed_edit.textChanged.connect(self._update)
        self.open_button = QPushButton(self)
        set_icon(self.open_button, "import")
        self.open_button.clicked.connect(self.open_signed)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        set_tone(self.error_label, Tone.ERROR)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step1)
        layout.addWidget(self.qr)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.step2)
        layout.addWidget(self.signed_edit)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.qr.show_text(psbt)
        self._update()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def signed_text(self) -> str:
        return pasted_psbt(self.signed_edit.toPlainText())

    def save_psbt(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the PSBT"), self.file_name, "PSBT (*.psbt)")
        if name:
            Path(name).write_bytes(psbt_file_bytes(self.psbt))  # nothing secret: an unsigned transaction

    def open_signed(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open the signed PSBT"), "", "PSBT (*.psbt);;* (*)")
        if name:
            with Path(name).open("rb") as file:
                self.signed_edit.setPlainText(psbt_text_of_file(file.read(MAX_PSBT_FILE_BYTES)))

    def accept(self) -> None:
        try:
            self.signed_text()
        except WalletError as error:  # missing or mixed-up QR parts: say which, keep the dialog
            self.error_label.setText(error_text(error))
            return
        super().accept()

    def _update(self) -> None:
        self.error_label.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.signed_edit.toPlainText().strip()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign with the account's keys"))
        self.step1.setText(self.tr(
            "1. Scan this code with the signer (it loops through its parts), or save the PSBT file for Sparrow, "
            "Electrum or another signer, then check and sign the payment there."))
        self.save_button.setText(self.tr("Save PSBT file…"))
        self.step2.setText(self.tr(
            "2. Paste or scan the signed PSBT here, or open its file. It is checked against this payment "
            "before it is broadcast."))
        self.open_button.setText(self.tr("Open signed PSBT…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Verify and broadcast"))
