"""Contacts: the address book of named addresses that Send offers and History shows.

A table (model/view) with a search filter; add, edit and remove (after a question); copy an address;
"Send to" asks the window to open Send with the address filled in (``send_requested``); import and
export as CSV or JSON (``wallet.services.contacts_io``: a bad file imports nothing and names the
line and field).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontDatabase, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wallet.services.contacts_io import ImportResult, export_contacts, import_contacts
from wallet.store.contacts import Contact
from wallet.ui.contact_dialog import ContactDialog
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.message_label import MessageLabel
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone

_Index = QModelIndex | QPersistentModelIndex


class ContactsModel(QAbstractTableModel):
    """The contacts as rows of (name, address, note); ``UserRole`` is the contact's id."""

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
        if role == Qt.ItemDataRole.FontRole and index.column() == self.ADDRESS:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)  # characters compared one by one
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
        self.dialog: ContactDialog | None = None
        self.remove_dialog: QMessageBox | None = None
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("contactSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.model = ContactsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search_edit.textChanged.connect(self._search_changed)
        self.table = QTableView(self)
        self.table.setObjectName("contactsTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # The address is shown whole; a long name is cut (elided) rather than pushing it off screen.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _: self.open_edit())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        for keys, slot in ((QKeySequence.StandardKey.Delete, self.open_remove),
                           (QKeySequence.StandardKey.Copy, self.copy_address)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("contactsEmpty")
        self.empty_label.setWordWrap(True)
        set_tone(self.empty_label, Tone.MUTED)

        def button(name: str, slot: Any) -> QPushButton:
            widget = QPushButton(self)
            widget.setObjectName(name)
            widget.clicked.connect(slot)
            return widget

        self.add_button = button("addContactButton", lambda: self.open_add())
        self.edit_button = button("editContactButton", self.open_edit)
        self.remove_button = button("removeContactButton", self.open_remove)
        self.copy_button = button("copyContactButton", self.copy_address)
        self.send_button = button("sendToContactButton", self.send_to_selected)
        self.import_button = button("importContactsButton", self.choose_import_file)
        self.export_button = button("exportContactsButton", self.choose_export_file)
        row = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.remove_button, self.copy_button, self.send_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.import_button)
        row.addWidget(self.export_button)
        self.message = MessageLabel(self)
        self.message.setObjectName("contactsMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.search_edit)
        layout.addLayout(row)
        layout.addWidget(self.empty_label, 1, Qt.AlignmentFlag.AlignTop)  # holds the space while the table is hidden
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.retranslate()
        self.refresh()

    # --- data -------------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (c.id if (c := self.selected_contact()) else None)
        self.model.set_contacts(self.context.contacts.all())
        self._fit_name_column()
        if keep is not None:
            self.select(keep)
        self._update_empty()
        self._update_buttons()

    def select(self, contact_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole) == contact_id:
                self.table.selectRow(row)
                return

    def selected_contact(self) -> Contact | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        source = self.proxy.mapToSource(rows[0])
        return self.model.contacts[source.row()] if source.isValid() else None

    def _fit_name_column(self) -> None:
        """The names' width, at most a third of the table's."""
        wanted = max(self.table.sizeHintForColumn(0), self.table.horizontalHeader().sectionSizeHint(0))
        self.table.setColumnWidth(0, min(wanted, self.table.viewport().width() // 3 or wanted))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_name_column()

    def _search_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_empty()
        self._update_buttons()

    def _update_empty(self) -> None:
        if not self.model.contacts:
            text = self.tr("Your address book is empty. Save the addresses you send to under a name: Send then "
                           "offers them as you type and says whose address you entered, History shows their "
                           "names, and a look-alike address stands out. Add one here, or save a recipient "
                           "from the Send page.")
        elif self.proxy.rowCount() == 0:
            text = self.tr("No contact matches “{text}”.").format(text=self.search_edit.text().strip())
        else:
            text = ""
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        self.table.setVisible(self.proxy.rowCount() > 0)
        self.search_edit.setEnabled(bool(self.model.contacts))
        self.export_button.setEnabled(bool(self.model.contacts))

    def _update_buttons(self) -> None:
        selected = self.selected_contact() is not None
        for widget in (self.edit_button, self.remove_button, self.copy_button, self.send_button):
            widget.setEnabled(selected)

    # --- actions ----------------------------------------------------------------------------
    def open_add(self, address: str = "") -> ContactDialog:
        return self._open_dialog(None, address)

    def open_edit(self) -> ContactDialog | None:
        contact = self.selected_contact()
        if contact is None:
            return None
        return self._open_dialog(contact, "")

    def _open_dialog(self, contact: Contact | None, address: str) -> ContactDialog:
        dialog = ContactDialog(self.context.contacts, contact, address, self.context.accounts.all(), self)
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted and dialog.saved is not None:
                self.search_edit.clear()
                self.refresh(select_id=dialog.saved.id)
                name = dialog.saved.name
                self._show(lambda: (self.tr("Saved {name}.") if contact is None else self.tr("Updated {name}."))
                           .format(name=name))

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def open_remove(self) -> None:
        contact = self.selected_contact()
        if contact is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove contact"),
                          self.tr("Remove {name} ({address}) from the address book?").format(
                              name=contact.name, address=contact.address),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("removeContactDialog")
        box.setInformativeText(self.tr("Nothing happens on the chain: only the name goes. Past transactions "
                                       "show the bare address again."))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.remove_dialog = box

        def finished(result: int) -> None:
            self.remove_dialog = None
            box.deleteLater()
            if result == QMessageBox.StandardButton.Yes:
                self.context.contacts.remove(contact.id)
                self.refresh()
                self._show(lambda: self.tr("Removed {name}.").format(name=contact.name))

        box.finished.connect(finished)
        box.open()

    def copy_address(self) -> None:
        contact = self.selected_contact()
        if contact is not None:
            QGuiApplication.clipboard().setText(contact.address)
            self._show(lambda: self.tr("Copied the address of {name}.").format(name=contact.name))

    def send_to_selected(self) -> None:
        contact = self.selected_contact()
        if contact is not None:
            self.send_requested.emit(contact.address)

    def _context_menu(self, position: QPoint) -> None:
        if self.selected_contact() is None:
            return
        menu = QMenu(self)
        for text, slot in ((self.tr("Send to…"), self.send_to_selected), (self.tr("Copy address"), self.copy_address),
                           (self.tr("Edit…"), self.open_edit), (self.tr("Remove…"), self.open_remove)):
            menu.addAction(text).triggered.connect(slot)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _file_filter(self) -> str:
        return ";;".join((self.tr("CSV files (*.csv)"), self.tr("JSON files (*.json)")))

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import contacts"), str(Path.home()),
                                              ";;".join((self.tr("Address books (*.csv *.json)"),
                                                         self._file_filter())))
        if path:
            self.import_from(Path(path))

    def choose_export_file(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export contacts"),
                                                   str(Path.home() / "contacts.csv"), self._file_filter())
        if path:
            target = Path(path)
            if not target.suffix:
                target = target.with_suffix(".json" if "json" in chosen else ".csv")
            self.export_to(target)

    def import_from(self, path: Path) -> None:
        """Reads, checks and saves the file in the background; a bad file imports nothing."""
        self._busy(True)

        def done(result: ImportResult) -> None:
            self._busy(False)
            self.refresh()

            def render() -> str:
                if result.added:
                    text = self.tr("Imported {count} contacts from {file}.").format(count=len(result.added),
                                                                                     file=path.name)
                else:
                    text = self.tr("Nothing new in {file}.").format(file=path.name)
                if result.unchanged:
                    text += " " + self.tr("{count} were in the address book already.").format(
                        count=result.unchanged)
                return text

            self._show(render)

        self.context.tasks.submit(lambda: import_contacts(self.context.contacts, path), done, self._failed)

    def export_to(self, path: Path) -> None:
        contacts = self.context.contacts.all()
        self._busy(True)

        def done(_: None) -> None:
            self._busy(False)
            self._show(lambda: self.tr("Exported {count} contacts to {file}.").format(count=len(contacts),
                                                                                     file=str(path)))

        self.context.tasks.submit(lambda: export_contacts(contacts, path), done, self._failed)

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self._show(lambda: error_text(error), error=True)

    def _busy(self, busy: bool) -> None:
        self.import_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy and bool(self.model.contacts))
        if busy:
            self._show(lambda: self.tr("Working…"))

    def _show(self, render: Callable[[], str], error: bool = False) -> None:
        self.message.say(render, Tone.ERROR if error else Tone.OK)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Address book"))
        self.intro_label.setText(self.tr("Named addresses you send to. Send suggests them, and History shows "
                                         "their names instead of bare addresses."))
        self.search_edit.setPlaceholderText(self.tr("Search by name, address or note"))
        self.add_button.setText(self.tr("Add contact…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.remove_button.setText(self.tr("Remove…"))
        self.copy_button.setText(self.tr("Copy address"))
        self.send_button.setText(self.tr("Send to…"))
        self.import_button.setText(self.tr("Import…"))
        self.export_button.setText(self.tr("Export…"))
        self.import_button.setToolTip(self.tr("Add contacts from a CSV file (columns name, address, note) or a "
                                              "JSON file exported by this wallet."))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self._update_empty()
