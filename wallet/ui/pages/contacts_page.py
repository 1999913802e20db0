"""Contacts: the address book of named addresses that Send offers and History shows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from wallet.store.contacts import Contact
from wallet.ui.context import AppContext
from wallet.ui.retranslate import retranslate_on_language_change

_Index = QModelIndex | QPersistentModelIndex


class ContactsModel(QAbstractTableModel):
    """The contacts as rows of (name, address, note)."""

    NAME, ADDRESS, NOTE = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contacts: list[Contact] = []

    def set_contacts(self, contacts: list[Contact]) -> None:
        self.beginResetModel()
        self.contacts = list(contacts)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.contacts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        contact = self.contacts[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (contact.name, contact.address, contact.note)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return contact.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Name"), self.tr("Address"), self.tr("Note"))[section]
        return None


class ContactsPage(QWidget):
    send_requested = Signal(str)  # an address: the window opens Send with it filled in

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        retranslate_on_language_change(self, self.retranslate)
        self.context = context
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("contactSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.model = ContactsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("contactsTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("contactsEmpty")
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        self.model.set_contacts(self.context.contacts.all())
        empty = not self.model.contacts
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Contacts"))
        self.search_edit.setPlaceholderText(self.tr("Search by name, address or note"))
        self.empty_label.setText(self.tr(
            "Your address book is empty. Save the addresses you send to under a name: Send then offers them "
            "as you type, shows whose address you entered, and History names them."))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
