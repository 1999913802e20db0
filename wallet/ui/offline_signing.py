"""Air-gapped signing in the UI. Online (``OfflineSigningDialog``): show the unsigned request (an
animated QR code when it needs several parts, and a file to save), then take the signed result back
(pasted, scanned parts or a file); the caller verifies it against its own request before anything is
broadcast. Offline (``SignRequestDialog``): take the request in, show what it does, sign, give the
result back the same ways."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
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

from wallet.chains.amounts import format_units
from wallet.errors import WalletError
from wallet.services.airgap import SignRequest, join_parts, qr_parts
from wallet.ui.dialogs import keep_opening_size_as_minimum
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.qr import qr_pixmap
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone

PART_INTERVAL_MS = 700  # slow enough for a phone camera to catch every part as the code loops
QR_SCALE = 4


class AnimatedQr(QWidget):
    """A text as QR codes: one code when it fits, else its numbered parts in a loop with a counter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts: list[str] = []
        self.index = 0
        self.code = QLabel(self)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counter = QLabel(self)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.code)
        layout.addWidget(self.counter)
        self.timer = QTimer(self)
        self.timer.setInterval(PART_INTERVAL_MS)
        self.timer.timeout.connect(self.next_part)

    def show_text(self, text: str) -> None:
        self.parts, self.index = qr_parts(text), 0
        self._show_part()
        if len(self.parts) > 1:
            self.timer.start()
        else:
            self.timer.stop()

    def clear(self) -> None:
        self.timer.stop()
        self.parts = []
        self.code.clear()
        self.counter.clear()

    def pixmap(self) -> QPixmap:
        return self.code.pixmap()

    def next_part(self) -> None:
        self.index = (self.index + 1) % len(self.parts)
        self._show_part()

    def _show_part(self) -> None:
        self.code.setPixmap(qr_pixmap(self.parts[self.index], QR_SCALE))
        self.counter.setText(f"{self.index + 1} / {len(self.parts)}" if len(self.parts) > 1 else "")


class RoundTripDialog(QDialog):
    """A document goes out to a signer elsewhere — as an animated QR code or a saved file — and its
    signed answer comes back pasted, scanned (QR parts one per line, any order) or opened from a file;
    OK is taken only once ``answer_text`` can read it. Subclasses give the words, the file formats and
    how an answer is read."""

    def __init__(self, document: str, parent: QWidget | None, qr_name: str, answer_name: str) -> None:
        super().__init__(parent)
        keep_opening_size_as_minimum(self)
        self.step1 = QLabel(self)
        self.step1.setWordWrap(True)
        self.qr = AnimatedQr(self)
        self.qr.setObjectName(qr_name)
        self.save_button = QPushButton(self)
        set_icon(self.save_button, "export")
        self.save_button.clicked.connect(self.save_document)
        self.step2 = QLabel(self)
        self.step2.setWordWrap(True)
        self.answer_edit = QPlainTextEdit(self)
        self.answer_edit.setObjectName(answer_name)
        self.answer_edit.textChanged.connect(self._update)
        self.open_button = QPushButton(self)
        set_icon(self.open_button, "import")
        self.open_button.clicked.connect(self.open_answer)
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
        layout.addWidget(self.answer_edit)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.qr.show_text(document)
        self._update()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def answer_text(self) -> str:
        raise NotImplementedError

    def save_document(self) -> None:
        raise NotImplementedError

    def open_answer(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.answer_text()
        except WalletError as error:  # missing or mixed-up QR parts: say which, keep the dialog
            self.error_label.setText(error_text(error))
            return
        super().accept()

    def _update(self) -> None:
        self.error_label.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.answer_edit.toPlainText().strip()))


class OfflineSigningDialog(RoundTripDialog):
    def __init__(self, request: SignRequest, parent: QWidget | None = None) -> None:
        self.request_json = request.to_json()
        self.file_name = f"sign-request-{request.id[:8]}.json"
        super().__init__(self.request_json, parent, "requestQr", "signedResultEdit")

    def answer_text(self) -> str:
        """The signed result as one document: pasted JSON, or scanned parts one per line, in any order."""
        return _joined(self.answer_edit.toPlainText())

    def save_document(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the request"), self.file_name, "JSON (*.json)")
        if name:
            Path(name).write_text(self.request_json, encoding="utf-8")  # nothing secret: an unsigned transaction

    def open_answer(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open the signed result"), "", "JSON (*.json)")
        if name:
            self.answer_edit.setPlainText(Path(name).read_text(encoding="utf-8")[:1_000_000])

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


class SignRequestDialog(QDialog):
    """The offline half: take a request in (pasted, scanned parts or a file), show what it would do,
    sign it with this computer's key (``sign`` is the page's, run as a task) and give the result back
    as QR codes or a file."""

    def __init__(self, sign: Callable[[SignRequest], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_opening_size_as_minimum(self)
        self._sign = sign
        self.request: SignRequest | None = None
        self.result_json = ""
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.request_edit = QPlainTextEdit(self)
        self.request_edit.setObjectName("signRequestEdit")
        self.open_button = QPushButton(self)
        set_icon(self.open_button, "import")
        self.open_button.clicked.connect(self.open_request)
        self.review_button = QPushButton(self)
        self.review_button.setObjectName("reviewRequestButton")
        self.review_button.clicked.connect(self.review)
        self.summary = QLabel(self)
        self.summary.setObjectName("requestSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sign_button = QPushButton(self)
        self.sign_button.setObjectName("signRequestButton")
        self.sign_button.clicked.connect(self.sign)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.qr_label = AnimatedQr(self)
        self.qr_label.setObjectName("resultQr")
        self.save_button = QPushButton(self)
        set_icon(self.save_button, "export")
        self.save_button.clicked.connect(self.save_result)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.request_edit)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary)
        layout.addWidget(self.sign_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addWidget(self.qr_label)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.buttons)
        self.request_edit.textChanged.connect(self._forget_request)
        self._forget_request()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def open_request(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open a signing request"), "", "JSON (*.json)")
        if name:
            self.request_edit.setPlainText(Path(name).read_text(encoding="utf-8")[:1_000_000])

    def review(self) -> None:
        from wallet.services.airgap import parse_request

        try:
            self.request = parse_request(_joined(self.request_edit.toPlainText()))
        except WalletError as error:
            self.show_status(error_text(error), error=True)
            return
        tx = self.request.tx
        fee = int(tx.get("maxFeePerGas") or tx.get("gasPrice") or 0) * int(tx["gas"])
        rows = [(self.tr("Network"), f"{self.request.chain_name} ({self.request.chain_id})"),
                (self.tr("From"), self.request.address), (self.tr("To"), str(tx.get("to") or "")),
                (self.tr("Amount"), format_units(int(tx.get("value", 0)), 18)),
                (self.tr("Maximum fee"), format_units(fee, 18)), (self.tr("Nonce"), str(tx["nonce"])),
                (self.tr("Data"), self.tr("{count} bytes").format(count=len(bytes(tx.get("data") or b""))))]
        self.summary.setText("<table>" + "".join(
            f"<tr><td style='padding-right:12px'><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows) + "</table>")
        self.sign_button.setEnabled(True)
        self.show_status(self.tr("Check every line, then sign."))

    def sign(self) -> None:
        if self.request is not None:
            self.sign_button.setEnabled(False)
            self.show_status(self.tr("Signing…"))
            self._sign(self.request)

    def signed(self, result_json: str) -> None:
        """The page hands the signed result back: show it for the online computer to take."""
        self.result_json = result_json
        self.qr_label.show_text(result_json)
        self.save_button.setEnabled(True)
        self.show_status(self.tr("Signed. Scan this code with the online computer, or save the result to a file."))

    def failed(self, error: Exception) -> None:
        self.sign_button.setEnabled(self.request is not None)
        self.show_status(error_text(error), error=True)

    def save_result(self) -> None:
        assert self.request is not None
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the signed result"),
                                              f"signed-{self.request.id[:8]}.json", "JSON (*.json)")
        if name:
            Path(name).write_text(self.result_json, encoding="utf-8")  # a signed transaction, no key material

    def show_status(self, text: str, error: bool = False) -> None:
        set_tone(self.status, Tone.ERROR if error else Tone.OK)
        self.status.setText(text)

    def _forget_request(self) -> None:
        """Editing the request throws away the review and any result: they belonged to the old text."""
        self.request, self.result_json = None, ""
        self.summary.clear()
        self.qr_label.clear()
        self.status.clear()
        self.sign_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign a request from an online computer"))
        self.intro.setText(self.tr("Paste or scan the request (all its parts), or open its file."))
        self.open_button.setText(self.tr("Open request…"))
        self.review_button.setText(self.tr("Review"))
        self.sign_button.setText(self.tr("Sign with this computer's key"))
        self.save_button.setText(self.tr("Save result to a file…"))


def _joined(text: str) -> str:
    """One JSON document, or scanned ``DW:i/n:`` parts one per line in any order."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    return join_parts(lines) if len(lines) > 1 or not lines[0].startswith("{") else lines[0]
