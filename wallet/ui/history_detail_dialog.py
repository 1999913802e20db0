"""One History row in full: status, time (local and UTC), names with full addresses, amount and
token contract, fee, block, confirmations, nonce, transaction hash, and a link to the explorer. Every
value can be selected and copied. A fee the wallet did not record (a transfer it found) is asked
from the transaction's receipt in a task."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.chains.amounts import format_units
from wallet.services.history_export import OWN, RECEIVED, SENT, HistoryRow
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.history_model import HistoryModel, amount_text, fee_text, local_time_text, local_zone_text


class HistoryDetailDialog(QDialog):
    def __init__(self, context: AppContext, model: HistoryModel, row: HistoryRow, head: int | None,
                 explorer_link: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDetailDialog")
        self.setWindowTitle(self.tr("Transaction details"))
        self.setMinimumWidth(640)
        self.context, self.model, self.row = context, model, row
        chain = model.chain
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        direction = {SENT: self.tr("Sent"), RECEIVED: self.tr("Received"), OWN: self.tr("Between own accounts")}
        timestamp = "—" if row.timestamp is None else "{local} ({zone}) · {utc} UTC".format(
            local=local_time_text(row.timestamp), zone=local_zone_text(),
            utc=datetime.fromtimestamp(row.timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S"))
        confirmations = "—" if head is None or row.block_number is None \
            else f"{max(0, head - row.block_number + 1):,}"
        asset = (chain.native.symbol if chain else "") if row.token is None else row.token
        rows = [
            ("status", self.tr("Status"), model.status_of(row)),
            ("direction", self.tr("Direction"), direction[row.direction]),
            ("time", self.tr("Time"), timestamp),
            ("from", self.tr("From"), self._party(row.sender)),
            ("to", self.tr("To"), self._party(row.recipient)),
            ("amount", self.tr("Amount"), amount_text(row, chain)),
            ("asset", self.tr("Token contract") if row.token else self.tr("Asset"), asset),
            ("fee", self.tr("Fee paid"), fee_text(row, chain) if row.fee is not None or row.direction == RECEIVED
             or chain is None else self.tr("Asking the chain…")),
            ("block", self.tr("Block"), "—" if row.block_number is None else f"{row.block_number:,}"),
            ("confirmations", self.tr("Confirmations"), confirmations),
            ("nonce", self.tr("Nonce"), "—" if row.record is None else str(row.record.nonce)),
            ("hash", self.tr("Transaction"), row.tx_hash),
        ]
        for key, label, value in rows:
            field = QLabel(value, self)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            self.fields[key] = field
            form.addRow(label, field)
        if row.fee is None and row.direction == RECEIVED:
            self.fields["fee"].setText(self.tr("Paid by the sender"))
        self.explorer_label = QLabel(self)
        self.explorer_label.setOpenExternalLinks(True)
        self.explorer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        if explorer_link:
            self.explorer_label.setText(f'<a href="{explorer_link}">{self.tr("Open in explorer")}</a>')
        else:
            self.explorer_label.setText(self.tr("No explorer is configured for this network."))
        form.addRow(self.tr("Explorer"), self.explorer_label)
        self.copy_button = QPushButton(self.tr("Copy transaction hash"), self)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(row.tx_hash))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if row.fee is None and row.direction != RECEIVED and chain is not None:
            self._ask_fee()

    def _party(self, address: str) -> str:
        name = self.model.name_of(address)
        return f"{name}\n{address}" if name else address

    def _ask_fee(self) -> None:
        chain = self.model.chain
        assert chain is not None
        tx_hash = self.row.tx_hash

        def work() -> int | None:
            from wallet.services.history_sync import transaction_fee

            return transaction_fee(self.context.network.client(chain), tx_hash)

        def done(fee: int | None) -> None:
            self.fields["fee"].setText("—" if fee is None else
                                       f"{format_units(fee, chain.native.decimals, 8)} {chain.native.symbol}")

        def failed(error: Exception) -> None:
            self.fields["fee"].setText(error_text(error))

        self.context.tasks.submit(work, done, failed)
