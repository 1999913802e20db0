"""History: the transactions this wallet sent on the selected chain, live until they are final.

Pending ones can be sped up or cancelled (both sign a replacement with the same nonce). A chain is
its id and its genesis block: a record sent on another chain of the same id (an earlier playground)
is never shown with its old status, and until the genesis is known, a record tied to one says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wallet.chains.amounts import format_units
from wallet.chains.registry import Chain
from wallet.store.transactions import TxRecord
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.retranslate import retranslate_on_language_change

COLUMNS = 7


class HistoryPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.records: list[TxRecord] = []
        self._genesis_asked: Chain | None = None
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("historyTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.speed_up_button = QPushButton(self)
        self.speed_up_button.setObjectName("speedUpButton")
        self.speed_up_button.clicked.connect(lambda: self.replace_selected(cancel=False))
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelTxButton")
        self.cancel_button.clicked.connect(lambda: self.replace_selected(cancel=True))
        self.explorer_button = QPushButton(self)
        self.explorer_button.clicked.connect(self.open_in_explorer)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.speed_up_button, self.cancel_button, self.explorer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def refresh(self) -> None:
        chain = self.context.network.selected_chain()
        selected = self.selected_record()
        self.records = self.context.transactions.history(chain.chain_id) if chain else []
        genesis = self.context.network.known_genesis(chain) if chain else None
        if chain is not None and genesis is None:
            self._ask_genesis(chain)
        statuses = {"pending": self.tr("Pending"), "confirmed": self.tr("Confirmed"), "failed": self.tr("Failed"),
                    "replaced": self.tr("Replaced"), "dropped": self.tr("Dropped"),
                    "gone": self.tr("No longer on the chain")}
        kinds = {"send": "", "speedup": self.tr(" (speed-up)"), "cancel": self.tr(" (cancel)"),
                 "approve": self.tr(" (approval)"), "swap": self.tr(" (swap)"),
                 "htlc_lock": self.tr(" (swap lock)"), "htlc_claim": self.tr(" (swap claim)"),
                 "htlc_refund": self.tr(" (swap refund)")}
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            fee = (f"{format_units(record.fee_paid, chain.native.decimals, 8)} {chain.native.symbol}"
                   if chain and record.fee_paid is not None else "—")
            status = statuses[record.status]
            if record.genesis_hash is not None and genesis is None:
                status = self.tr("Checking the chain…")
            elif record.genesis_hash is not None and record.genesis_hash != genesis:
                status = (self.tr("From an earlier playground") if chain is not None and chain.devnet
                          else self.tr("From another chain with this id"))
            cells = [record.created_at.replace("T", " ")[:19], status + kinds.get(record.kind, ""),
                     record.recipient, self._amount_text(record), fee,
                     str(record.nonce), record.hash]
            elsewhere = record.genesis_hash is not None and record.genesis_hash != genesis
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, record.id)
                if elsewhere or record.status == "gone":  # greyed: nothing on this chain backs it
                    item.setForeground(self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
                self.table.setItem(row, column, item)
            if selected is not None and selected.id == record.id:
                self.table.selectRow(row)
        self._selection_changed()

    def _ask_genesis(self, chain: Chain) -> None:
        """Learn the chain's genesis hash off the GUI thread (once per chain), then show again."""
        if self._genesis_asked == chain:
            return
        self._genesis_asked = chain

        def work() -> str:
            from wallet.services.network import genesis_hash

            return genesis_hash(self.context.network.client(chain))

        def done(_: str) -> None:
            if self.context.network.selected_chain() == chain:
                self.refresh()

        def failed(error: Exception) -> None:
            self._genesis_asked = None  # asked again on the next refresh
            self._show(error_text(error), error=True)

        self.context.tasks.submit(work, done, failed)

    def on_this_chain(self, record: TxRecord) -> bool:
        """Sent on the chain now selected (same genesis), or not tied to a genesis yet."""
        chain = self.context.network.selected_chain()
        genesis = self.context.network.known_genesis(chain) if chain else None
        return record.genesis_hash is None or record.genesis_hash == genesis

    def _amount_text(self, record: TxRecord) -> str:
        sold = f"{format_units(record.amount, record.decimals)} {record.symbol}"
        details = record.details or {}
        if record.kind != "swap" or not {"symbol_out", "decimals_out"} <= details.keys():
            return sold
        bought = str(details.get("amount_received", details.get("amount_out_min", "")))
        if not bought.isdigit():
            return sold
        prefix = "" if "amount_received" in details else "≥ "
        return f"{sold} → {prefix}{format_units(int(bought), int(details['decimals_out']))} {details['symbol_out']}"

    def selected_record(self) -> TxRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return next((r for r in self.records if r.id == self.table.item(rows[0].row(), 0).data(  # type: ignore[union-attr]
            Qt.ItemDataRole.UserRole)), None)

    def replace_selected(self, cancel: bool) -> None:
        record, chain = self.selected_record(), self.context.network.selected_chain()
        if record is None or chain is None:
            return
        account = next((a for a in self.context.accounts.all() if a.address == record.sender), None)
        if account is None:
            return

        def work() -> TxRecord:
            from wallet.services.send import replace
            from wallet.services.signers import closing_signer

            signer, path = self.context.signer_for(account)
            with closing_signer(signer):
                return replace(self.context.network.client(chain), self.context.transactions, signer, path, record,
                               cancel)

        def done(_: TxRecord) -> None:
            self._show(self.tr("Replacement sent with higher fees.") if not cancel else
                       self.tr("Cancellation sent: the original will not go through if this confirms first."))
            self.refresh()

        self.context.tasks.submit(work, done, lambda error: self._show(error_text(error), error=True))

    def open_in_explorer(self) -> None:
        record, chain = self.selected_record(), self.context.network.selected_chain()
        if record is not None and chain is not None and chain.explorer_url:
            QDesktopServices.openUrl(QUrl(f"{chain.explorer_url.rstrip('/')}/tx/{record.hash}"))

    def _selection_changed(self) -> None:
        record = self.selected_record()
        chain = self.context.network.selected_chain()
        pending = record is not None and record.status == "pending" and self.on_this_chain(record)
        self.speed_up_button.setEnabled(pending)
        self.cancel_button.setEnabled(pending)
        self.explorer_button.setEnabled(record is not None and chain is not None and bool(chain.explorer_url))

    def _show(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if error else "color: #1e7d32;")
        self.message.setText(text)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("History"))
        self.speed_up_button.setText(self.tr("Speed up"))
        self.cancel_button.setText(self.tr("Cancel transaction"))
        self.explorer_button.setText(self.tr("Open in explorer"))
        self.table.setHorizontalHeaderLabels([self.tr("Time (UTC)"), self.tr("Status"), self.tr("To"),
                                              self.tr("Amount"), self.tr("Fee paid"), self.tr("Nonce"),
                                              self.tr("Transaction")])
        if self.records:
            self.refresh()
