"""History of a Bitcoin/Litecoin account, newest first, as its last sync proved it; a pending
transaction can be sped up (the Send tab reviews it)."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from wallet.services.utxo_wallet import AccountState
from wallet.ui.icons import set_icon
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.utxo.common import coin_amount, fill_row, read_only_table
from wallet.utxo.sync import HistoryItem

STATUS, AMOUNT, FEE, TRANSACTION = range(4)


class UtxoHistoryTab(QWidget):
    speed_up_requested = Signal(str)  # txid

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: AccountState | None = None
        self.items: list[HistoryItem] = []
        self.table = read_only_table(self, "utxoHistoryTable", 4)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda row, _column: self._open_in_explorer(row))
        self.speed_up_button = QPushButton(self)
        self.speed_up_button.setObjectName("utxoSpeedUp")
        set_icon(self.speed_up_button, "pending")
        self.speed_up_button.clicked.connect(self._request_speed_up)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.speed_up_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def show_state(self, state: AccountState | None) -> None:
        self.state = state
        self.items = list(reversed(state.snapshot.history)) if state is not None else []
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            assert state is not None
            chain = state.account.chain
            status = self.tr("Confirmed (block {height})").format(height=item.height) if item.height > 0 \
                else self.tr("Pending")
            fee = coin_amount(item.fee, chain) if item.fee is not None else "—"
            fill_row(self.table, row, [status, coin_amount(item.net, chain, signed=True), fee, item.txid])
        self._update_buttons()

    def selected(self) -> HistoryItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        item = self.selected()
        self.speed_up_button.setEnabled(item is not None and item.height <= 0)

    def _request_speed_up(self) -> None:
        item = self.selected()
        if item is not None and item.height <= 0:
            self.speed_up_requested.emit(item.txid)

    def _open_in_explorer(self, row: int) -> None:
        if self.state is None:
            return
        url = self.state.account.chain.tx_url(self.items[row].txid)
        if url is not None:
            QDesktopServices.openUrl(QUrl(url))

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Status"), self.tr("Amount"), self.tr("Fee"),
                                              self.tr("Transaction")])
        self.speed_up_button.setText(self.tr("Speed up…"))
        self.show_state(self.state)
