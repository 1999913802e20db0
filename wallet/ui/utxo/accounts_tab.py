"""The Bitcoin & Litecoin accounts with their balances, adding a watch-only one (zpub/vpub), signing an
online computer's PSBT with a hot account (this computer as the offline signer), and where hardware
wallets would be chosen: not yet for these coins, and it says so."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.services.utxo_wallet import AccountState, UtxoAccount
from wallet.ui.icons import set_icon
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone
from wallet.ui.utxo.common import account_title, coin_amount, fill_row, network_name, read_only_table
from wallet.utxo.registry import UtxoChain


class UtxoAccountsTab(QWidget):
    add_requested = Signal(str, str, str)  # chain key, name, extended public key
    remove_requested = Signal(int)  # a watch-only account's id
    sign_psbt_requested = Signal(int)  # a hot account's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts: list[UtxoAccount] = []
        self._states: Mapping[int, AccountState] = {}
        self._unsynced: AbstractSet[int] = frozenset()
        self.table = read_only_table(self, "utxoAccountsTable", 4)
        self.table.itemSelectionChanged.connect(self._update_remove_button)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("utxoRemoveAccount")
        set_icon(self.remove_button, "delete")
        self.remove_button.clicked.connect(self._request_remove)
        self.sign_psbt_button = QPushButton(self)
        self.sign_psbt_button.setObjectName("utxoSignPsbt")
        set_icon(self.sign_psbt_button, "sign")
        self.sign_psbt_button.clicked.connect(self._request_sign_psbt)
        self.hardware_label = QLabel(self)
        self.hardware_label.setObjectName("utxoHardwareNote")
        self.hardware_label.setWordWrap(True)
        set_tone(self.hardware_label, Tone.MUTED)
        self.add_box = QGroupBox(self)
        self.watch_only_help = QLabel(self.add_box)
        self.watch_only_help.setObjectName("utxoWatchOnlyHelp")
        self.watch_only_help.setWordWrap(True)
        set_tone(self.watch_only_help, Tone.MUTED)
        self.chain_combo = QComboBox(self.add_box)
        self.name_edit = QLineEdit(self.add_box)
        self.key_edit = QLineEdit(self.add_box)
        self.key_edit.setObjectName("utxoAccountKey")
        self.add_button = QPushButton(self.add_box)
        set_icon(self.add_button, "account_add")
        self.add_button.clicked.connect(self._request_add)
        self.form_labels = [QLabel(self.add_box) for _ in range(3)]
        form = QFormLayout(self.add_box)
        form.addRow(self.watch_only_help)
        for label, field in zip(self.form_labels, (self.chain_combo, self.name_edit, self.key_edit), strict=True):
            form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        form.addRow(buttons)
        table_buttons = QHBoxLayout()
        table_buttons.addStretch(1)
        table_buttons.addWidget(self.sign_psbt_button)
        table_buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(table_buttons)
        layout.addWidget(self.hardware_label)
        layout.addWidget(self.add_box)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def set_chains(self, chains: Sequence[UtxoChain]) -> None:
        current = self.chain_combo.currentData()
        self.chain_combo.clear()
        for chain in chains:
            self.chain_combo.addItem(network_name(chain), chain.key)
        self.chain_combo.setCurrentIndex(max(0, self.chain_combo.findData(current)))

    def show_accounts(self, accounts: Sequence[UtxoAccount], states: Mapping[int, AccountState],
                      unsynced: AbstractSet[int] = frozenset()) -> None:
        """``unsynced``: accounts whose server failed before any sync (no balance known, not loading)."""
        self._accounts, self._states, self._unsynced = list(accounts), states, unsynced
        self.table.setRowCount(len(accounts))
        for row, account in enumerate(accounts):
            state = states.get(account.id)
            balance = coin_amount(state.balance, account.chain) if state is not None \
                else self.tr("Not synced") if account.id in unsynced else "…"
            kind = self.tr("Hot (this computer)") if account.hot else self.tr("Watch-only")
            fill_row(self.table, row, [account_title(account), network_name(account.chain), kind, balance])
        self._update_remove_button()

    def selected(self) -> UtxoAccount | None:
        rows = self.table.selectionModel().selectedRows()
        return self._accounts[rows[0].row()] if rows and rows[0].row() < len(self._accounts) else None

    def _update_remove_button(self) -> None:
        account = self.selected()
        # The recovery phrase's accounts come back with the phrase: only watch-only ones are removed.
        self.remove_button.setEnabled(account is not None and not account.hot)
        self.sign_psbt_button.setEnabled(account is not None and account.hot)

    def _request_remove(self) -> None:
        account = self.selected()
        if account is not None and not account.hot:
            self.remove_requested.emit(account.id)

    def _request_sign_psbt(self) -> None:
        account = self.selected()
        if account is not None and account.hot:
            self.sign_psbt_requested.emit(account.id)

    def clear_form(self) -> None:
        self.name_edit.clear()
        self.key_edit.clear()

    def _request_add(self) -> None:
        chain_key = self.chain_combo.currentData()
        if chain_key is not None:
            self.add_requested.emit(str(chain_key), self.name_edit.text(), self.key_edit.text())

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Account"), self.tr("Network"), self.tr("Type"), self.tr("Balance")])
        self.hardware_label.setText(self.tr(
            "Hardware-wallet signing for Bitcoin and Litecoin is not available yet. Use a hot account, or a "
            "watch-only account whose payments an offline signer signs (PSBT)."))
        self.add_box.setTitle(self.tr("Add a watch-only account"))
        self.watch_only_help.setText(self.tr(
            "A watch-only account shows the balance and history of an account whose keys stay elsewhere (an "
            "offline computer, Sparrow, Electrum). It needs only the account's public key: it can see the coins "
            "but not spend them. Its payments are prepared here and signed there as a PSBT (a partially signed "
            "transaction file)."))
        for label, text in zip(self.form_labels, (self.tr("Network"), self.tr("Name"),
                                                  self.tr("Account key (zpub or vpub)")), strict=True):
            label.setText(text)
        self.key_edit.setPlaceholderText(self.tr("zpub… or vpub…"))
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove watch-only account"))
        self.sign_psbt_button.setText(self.tr("Sign a PSBT…"))
        self.sign_psbt_button.setToolTip(self.tr(
            "This computer as the offline signer: review and sign a payment an online computer prepared for this "
            "account (a PSBT)."))
        self.show_accounts(self._accounts, self._states, self._unsynced)
