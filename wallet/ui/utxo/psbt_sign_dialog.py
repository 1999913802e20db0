"""This computer as the offline signer of a hot Bitcoin/Litecoin account: a PSBT (BIP-174) from an
online computer comes in pasted (base64, or the animated QR code's parts one per line, in any order)
or from a ``.psbt`` file; the dialog shows what signing it would do, decoded from the PSBT itself
(``wallet.utxo.psbt_review``): every output's address and amount, the change coming back, the fee,
inputs that are not this account's, RBF. Signing runs as a task (the wallet must be unlocked); the
signed PSBT goes back as an animated QR code or a saved binary ``.psbt`` file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.errors import WalletError
from wallet.services.utxo_wallet import UtxoAccount, UtxoWalletService
from wallet.ui.dialogs import keep_opening_size_as_minimum
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.offline_signing import AnimatedQr
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.tasks import TaskRunner
from wallet.ui.theme import Tone, set_tone
from wallet.ui.utxo.common import account_title, coin_amount, network_name
from wallet.ui.utxo.psbt_dialog import MAX_PSBT_FILE_BYTES, pasted_psbt, psbt_file_bytes, psbt_text_of_file
from wallet.utxo.account import RECEIVE
from wallet.utxo.psbt_review import PsbtReview

PSBT_LINES_SHOWN = 4  # the pasted text's box: a few lines, it is not read by eye
PSBT_WIDTH_SAMPLE = "W" * 40  # and about as wide as a review line with its address
LOCKTIME_IS_TIME = 500_000_000  # nLockTime from here on is a Unix time, below it a block height


class PsbtSignDialog(QDialog):
    def __init__(self, account: UtxoAccount, service: UtxoWalletService, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_opening_size_as_minimum(self)
        self.account = account
        self.service = service
        self.tasks = tasks
        self.review: PsbtReview | None = None
        self.reviewed_text = ""
        self.signed_psbt = ""
        self.signing = False
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.psbt_edit = QPlainTextEdit(self)
        self.psbt_edit.setObjectName("psbtSignEdit")
        line = self.psbt_edit.fontMetrics().lineSpacing()
        self.psbt_edit.setFixedHeight(line * PSBT_LINES_SHOWN + 2 * self.psbt_edit.frameWidth() + 8)
        self.psbt_edit.setMinimumWidth(self.psbt_edit.fontMetrics().horizontalAdvance(PSBT_WIDTH_SAMPLE))
        self.open_button = QPushButton(self)
        set_icon(self.open_button, "import")
        self.open_button.clicked.connect(self.open_file)
        self.review_button = QPushButton(self)
        self.review_button.setObjectName("psbtReviewButton")
        self.review_button.clicked.connect(self.show_review)
        self.summary = QLabel(self)
        self.summary.setObjectName("psbtSignSummary")
        # Not wrapped: a wrapped label's height is not part of the dialog's size hint, and an address
        # must be read whole anyway. Each line is as wide as its address.
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sign_button = QPushButton(self)
        self.sign_button.setObjectName("psbtSignButton")
        set_icon(self.sign_button, "sign")
        self.sign_button.clicked.connect(self.sign)
        self.status = QLabel(self)
        self.status.setObjectName("psbtSignStatus")
        self.status.setWordWrap(True)
        self.qr = AnimatedQr(self)
        self.qr.setObjectName("signedPsbtQr")
        self.save_button = QPushButton(self)
        set_icon(self.save_button, "export")
        self.save_button.clicked.connect(self.save_signed)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        input_buttons = QHBoxLayout()
        input_buttons.addWidget(self.review_button)
        input_buttons.addStretch(1)
        input_buttons.addWidget(self.open_button)
        # The signed PSBT's code goes beside the review, not under it: a laptop screen is wider than tall.
        review_column = QVBoxLayout()
        review_column.addWidget(self.intro)
        review_column.addWidget(self.psbt_edit)
        review_column.addLayout(input_buttons)
        review_column.addWidget(self.summary)
        review_column.addWidget(self.sign_button, 0, Qt.AlignmentFlag.AlignLeft)
        review_column.addWidget(self.status)
        review_column.addStretch(1)
        result_column = QVBoxLayout()
        result_column.addWidget(self.qr)
        result_column.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignCenter)
        result_column.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(review_column, 1)
        columns.addLayout(result_column)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        self.psbt_edit.textChanged.connect(self._forget)
        self._forget()
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    # --- in ---------------------------------------------------------------------------------------
    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open a PSBT"), "", "PSBT (*.psbt);;* (*)")
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        """A ``.psbt`` file, binary or base64 text, reviewed at once."""
        with path.open("rb") as file:
            self.psbt_edit.setPlainText(psbt_text_of_file(file.read(MAX_PSBT_FILE_BYTES)))
        self.show_review()

    def show_review(self) -> None:
        """Decodes the pasted PSBT and shows what signing it would do; nothing is signed yet."""
        self._forget()
        try:
            text = pasted_psbt(self.psbt_edit.toPlainText())
            review = self.service.review_psbt(self.account, text)
        except WalletError as error:
            self.show_status(error_text(error), error=True)
            return
        self.review, self.reviewed_text = review, text
        self._show_summary()
        self.sign_button.setEnabled(True)
        self.show_status(self.tr("Check every line, above all the addresses and amounts, then sign."))

    def _show_summary(self) -> None:
        review, chain = self.review, self.account.chain
        if review is None:
            self.summary.clear()
            return
        title, network = account_title(self.account), network_name(chain)
        lines = [self.tr("Account: {account}").format(account=title) if title == network
                 else self.tr("Account: {account} ({network})").format(account=title, network=network)]
        for output in review.outputs:
            amount = coin_amount(output.amount, chain)
            if output.is_change:
                text = self.tr("Change {amount} back to this account ({address})")
            elif output.own_chain == RECEIVE:
                text = self.tr("{amount} to this account's own address {address}")
            else:
                text = self.tr("Pay {amount} to {address}")
            lines.append(text.format(amount=amount, address=output.address))
        fee = coin_amount(review.fee, chain)
        vsize = review.vsize
        lines.append(self.tr("Network fee: {fee}").format(fee=fee) if vsize is None else self.tr(
            "Network fee: {fee} (about {rate} sat/vB)").format(fee=fee, rate=f"{review.fee / vsize:.1f}"))
        lines.append(self.tr("Total leaving this account: {total}").format(
            total=coin_amount(review.leaving_account, chain)))
        lines.append(self.tr("Replaceable (RBF): the fee can be raised later.") if review.replaceable
                     else self.tr("Not replaceable (no RBF): the fee cannot be raised later."))
        if review.locktime:
            lines.append(self.tr("Not valid before block {height}.").format(height=review.locktime)
                         if review.locktime < LOCKTIME_IS_TIME
                         else self.tr("Not valid before Unix time {time}.").format(time=review.locktime))
        if review.foreign_inputs:
            lines.append(self.tr(
                "Warning: {count} of its {total} inputs are not this account's. They are not signed here, and "
                "what they spend is not checked.").format(count=len(review.foreign_inputs),
                                                          total=len(review.input_values)))
        self.summary.setText("\n".join(lines))

    # --- signing ----------------------------------------------------------------------------------
    def sign(self) -> None:
        """Signs the reviewed PSBT (the text as it was reviewed) in a task."""
        if self.review is None or self.signing:
            return
        self.signing = True
        self.sign_button.setEnabled(False)
        self.show_status(self.tr("Signing…"))
        account, text = self.account, self.reviewed_text
        self.tasks.submit(lambda: self.service.sign_psbt(account, text),
                          lambda signed: self.signed(signed, text), self.failed)

    def signed(self, signed_psbt: str, text: str) -> None:
        self.signing = False
        if self.review is None or text != self.reviewed_text:
            return  # the PSBT was edited meanwhile: this signature belongs to the old one
        self.signed_psbt = signed_psbt
        self.qr.show_text(signed_psbt)
        self.save_button.setEnabled(True)
        self.save_button.show()
        self.show_status(self.tr(
            "Signed. Scan this code with the online computer (it loops through its parts), or save the signed "
            "PSBT to a file."))

    def failed(self, error: Exception) -> None:
        self.signing = False
        self.sign_button.setEnabled(self.review is not None)
        self.show_status(error_text(error), error=True)

    # --- out --------------------------------------------------------------------------------------
    def save_signed(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the signed PSBT"),
                                              f"{self.account.chain.key}-signed.psbt", "PSBT (*.psbt)")
        if name:
            self.save_path(Path(name))

    def save_path(self, path: Path) -> None:
        """The signed PSBT as a binary ``.psbt`` file (a signed transaction: no key material)."""
        path.write_bytes(psbt_file_bytes(self.signed_psbt))

    def show_status(self, text: str, error: bool = False) -> None:
        set_tone(self.status, Tone.ERROR if error else Tone.OK)
        self.status.setText(text)
        self._grow()

    def _grow(self) -> None:
        """A review or a code that appears makes the dialog as large as it now needs (a window does
        not grow by itself, and wrapped text would be cut)."""
        layout = self.layout()
        if layout is not None and self.isVisible():
            layout.activate()
            self.setMinimumSize(self.minimumSize().expandedTo(self.sizeHint()))
            self.resize(self.size().expandedTo(self.sizeHint()))

    def _forget(self) -> None:
        """Editing the PSBT throws away the review and any signed result: they were the old text's."""
        self.review, self.reviewed_text, self.signed_psbt = None, "", ""
        self.summary.clear()
        self.qr.clear()
        self.status.clear()
        self.sign_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.save_button.hide()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign a PSBT with {account}").format(account=account_title(self.account)))
        self.intro.setText(self.tr(
            "Paste the PSBT from the online computer (base64, or the QR code's parts one per line, in any order), "
            "or open its file. Review it, then sign it with this account's keys."))
        self.open_button.setText(self.tr("Open PSBT file…"))
        self.review_button.setText(self.tr("Review"))
        self.sign_button.setText(self.tr("Sign"))
        self.save_button.setText(self.tr("Save signed PSBT…"))
        self._show_summary()
        # Another language's words may need more room: measured once every widget has its new text.
        QTimer.singleShot(0, self._grow)
