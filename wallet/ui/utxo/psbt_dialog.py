"""A watch-only account's payment as a PSBT (BIP-174) for a signer elsewhere: shown as an animated QR
code and saved as a ``.psbt`` file (binary, as Sparrow, Electrum and Bitcoin Core read it); the signed
PSBT comes back pasted (base64, or the QR code's parts one per line) or from a file. The page checks
it against the payment it planned before anything is broadcast."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QWidget,
)

from wallet.services.airgap import SignRequestError, join_parts
from wallet.ui.offline_signing import RoundTripDialog
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


class PsbtDialog(RoundTripDialog):
    def __init__(self, psbt: str, file_name: str, parent: QWidget | None = None) -> None:
        self.psbt = psbt
        self.file_name = file_name
        super().__init__(psbt, parent, "psbtQr", "signedPsbtEdit")

    def answer_text(self) -> str:
        return pasted_psbt(self.answer_edit.toPlainText())

    def save_document(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the PSBT"), self.file_name, "PSBT (*.psbt)")
        if name:
            Path(name).write_bytes(psbt_file_bytes(self.psbt))  # nothing secret: an unsigned transaction

    def open_answer(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open the signed PSBT"), "", "PSBT (*.psbt);;* (*)")
        if name:
            with Path(name).open("rb") as file:
                self.answer_edit.setPlainText(psbt_text_of_file(file.read(MAX_PSBT_FILE_BYTES)))

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
