"""Receive for a Bitcoin/Litecoin account: its next unused address, as text and as a BIP-21 QR code
(with an amount when one is asked for)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from wallet.chains.amounts import parse_units
from wallet.errors import WalletError
from wallet.services.utxo_wallet import AccountState
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.message_label import MessageLabel
from wallet.ui.qr import qr_pixmap
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone

QR_SCALE = 5


class UtxoReceiveTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: AccountState | None = None
        self.amount_edit = QLineEdit(self)
        self.amount_label = QLabel(self)
        self.qr_label = QLabel(self)
        self.qr_label.setObjectName("utxoReceiveQr")
        self.address_label = QLabel(self)
        self.address_label.setObjectName("utxoReceiveAddress")
        self.address_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address_label.setWordWrap(True)
        self.uri_label = QLabel(self)
        self.uri_label.setObjectName("utxoReceiveUri")
        self.uri_label.setWordWrap(True)
        self.uri_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = MessageLabel(self)
        self.copy_address_button = QPushButton(self)
        set_icon(self.copy_address_button, "copy")
        self.copy_address_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.address_label.text()))
        self.copy_uri_button = QPushButton(self)
        set_icon(self.copy_uri_button, "link")
        self.copy_uri_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.uri_label.text()))
        form = QFormLayout()
        form.addRow(self.amount_label, self.amount_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_address_button)
        buttons.addWidget(self.copy_uri_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.address_label)
        layout.addWidget(self.uri_label)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.amount_edit.textChanged.connect(self.update_request)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def show_state(self, state: AccountState | None) -> None:
        self.state = state
        self._label_amount()
        self.update_request()

    def _label_amount(self) -> None:
        if self.state is not None:
            self.amount_label.setText(self.tr("Amount in {symbol} (optional)").format(
                symbol=self.state.account.chain.symbol))
        else:
            self.amount_label.setText(self.tr("Amount (optional)"))

    def update_request(self) -> None:
        self.message.clear_message()
        state = self.state
        if state is None:
            for label in (self.address_label, self.uri_label, self.qr_label):
                label.clear()
            return
        amount = None
        if self.amount_edit.text().strip():
            try:
                amount = parse_units(self.amount_edit.text(), state.account.chain.decimals) or None
            except WalletError as error:
                self.message.say(lambda error=error: error_text(error), Tone.ERROR)  # type: ignore[misc]
                return
        uri = state.receive_uri(amount)
        self.address_label.setText(state.receive_address)
        self.uri_label.setText(uri)
        self.qr_label.setPixmap(qr_pixmap(uri, QR_SCALE))

    def retranslate(self) -> None:
        self._label_amount()
        self.copy_address_button.setText(self.tr("Copy address"))
        self.copy_uri_button.setText(self.tr("Copy payment link"))
