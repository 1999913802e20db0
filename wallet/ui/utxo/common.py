"""What the Bitcoin & Litecoin tabs share: amounts with their symbol, network names in the UI
language, read-only tables."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from wallet.chains.amounts import format_units
from wallet.services.utxo_wallet import UtxoAccount
from wallet.ui.errors import ui_language
from wallet.utxo.registry import UtxoChain


def coin_amount(value: int, chain: UtxoChain, signed: bool = False) -> str:
    """``1.5 LTC``; with ``signed``, ``+1.5 LTC`` or ``−0.2 LTC``."""
    sign = ("+" if value > 0 else "−" if value < 0 else "") if signed else ""
    return f"{sign}{format_units(abs(value), chain.decimals)} {chain.symbol}"


def network_name(chain: UtxoChain) -> str:
    return chain.display_name(ui_language())


def account_title(account: UtxoAccount) -> str:
    """The account's name; a recovery phrase's account, named after its network, is named in the UI
    language."""
    return network_name(account.chain) if account.hot and account.name == account.chain.name else account.name


def read_only_table(parent: QWidget, name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def fill_row(table: QTableWidget, row: int, texts: list[str]) -> None:
    for column, text in enumerate(texts):
        table.setItem(row, column, QTableWidgetItem(text))
