"""Receive: an account's address as text and QR code, optionally an EIP-681 request for an amount."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.chains.amounts import parse_units
from wallet.chains.eip681 import build_payment_uri
from wallet.errors import WalletError
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.icons import set_icon
from wallet.ui.pages.accounts_page import account_label
from wallet.ui.qr import qr_pixmap
from wallet.ui.retranslate import retranslate_on_language_change


class ReceivePage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.account_combo = QComboBox(self)
        self.asset_combo = QComboBox(self)
        self.amount_edit = QLineEdit(self)
        self.address_label = QLabel(self)
        self.address_label.setObjectName("receiveAddress")
        self.address_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.uri_label = QLabel(self)
        self.uri_label.setObjectName("receiveUri")
        self.uri_label.setWordWrap(True)
        self.uri_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.qr_label = QLabel(self)
        self.qr_label.setObjectName("receiveQr")
        self.copy_address_button = QPushButton(self)
        set_icon(self.copy_address_button, "copy")
        self.copy_address_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.address_label.text()))
        self.copy_uri_button = QPushButton(self)
        set_icon(self.copy_uri_button, "link")
        self.copy_uri_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.uri_label.text()))
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        for label, widget in zip(self.labels, (self.account_combo, self.asset_combo, self.amount_edit), strict=True):
            form.addRow(label, widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_address_button)
        buttons.addWidget(self.copy_uri_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(form)
        layout.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.address_label)
        layout.addWidget(self.uri_label)
        layout.addLayout(buttons)
        layout.addStretch(1)
        for combo in (self.account_combo, self.asset_combo):
            combo.currentIndexChanged.connect(self.update_request)
        self.amount_edit.textChanged.connect(self.update_request)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def refresh(self) -> None:
        chain = self.context.network.selected_chain()
        for combo in (self.account_combo, self.asset_combo):
            combo.blockSignals(True)
        current = self.account_combo.currentData()
        self.account_combo.clear()
        for account in self.context.accounts.all():
            self.account_combo.addItem(account_label(account), account.address)
        self.account_combo.setCurrentIndex(max(0, self.account_combo.findData(current)))
        self.asset_combo.clear()
        if chain is not None:
            self.asset_combo.addItem(chain.native.symbol, None)
            for token in self.context.tokens.tracked(chain):
                self.asset_combo.addItem(token.symbol, (token.address, token.decimals))
        for combo in (self.account_combo, self.asset_combo):
            combo.blockSignals(False)
        self.update_request()

    def update_request(self) -> None:
        chain, address = self.context.network.selected_chain(), self.account_combo.currentData()
        if chain is None or address is None:
            self.address_label.clear()
            self.uri_label.clear()
            self.qr_label.clear()
            return
        token = self.asset_combo.currentData()
        decimals = token[1] if token else chain.native.decimals
        amount = None
        if self.amount_edit.text().strip():
            try:
                amount = parse_units(self.amount_edit.text(), decimals)
            except WalletError as error:
                self.uri_label.setText(error_text(error))
                return
        uri = build_payment_uri(address, chain.chain_id, amount, token[0] if token else None)
        self.address_label.setText(address)
        self.uri_label.setText(uri)
        self.qr_label.setPixmap(qr_pixmap(uri if amount or token else address))

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Receive"))
        for label, text in zip(self.labels, (self.tr("Account"), self.tr("Asset"), self.tr("Amount (optional)")),
                               strict=True):
            label.setText(text)
        self.copy_address_button.setText(self.tr("Copy address"))
        self.copy_uri_button.setText(self.tr("Copy payment link"))
