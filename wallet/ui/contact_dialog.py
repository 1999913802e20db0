"""Add or edit a contact: name, address and note, checked as they are typed.

Only addresses are stored (EIP-55): an ENS name can change owner, so the address book keeps the
address the user checked, and the ENS name, if any, can go in the note. OK stays disabled while
anything is wrong, and the reason is shown above the buttons.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from wallet.accounts.model import Account
from wallet.chains.address import AddressError
from wallet.chains.eip681 import PaymentUriError, parse_payment_uri
from wallet.errors import WalletError
from wallet.store.contacts import (
    MAX_CONTACT_NOTE_LENGTH,
    Contact,
    ContactStore,
    DuplicateContactAddressError,
    DuplicateContactNameError,
    clean_address,
    clean_name,
    clean_note,
    looks_alike,
)
from wallet.ui.dialogs import ADDRESS_SAMPLE, fit_to
from wallet.ui.errors import error_text
from wallet.ui.pages.accounts_page import account_label
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone


class ContactDialog(QDialog):
    """Saves through ``store`` on OK; ``saved`` is the contact as stored once accepted."""

    def __init__(self, store: ContactStore, contact: Contact | None = None, address: str = "",
                 accounts: Sequence[Account] = (), parent: QWidget | None = None, note: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        retranslate_on_language_change(self, self.retranslate)
        self.store = store
        self.contact = contact
        self.saved: Contact | None = None
        self._accounts = list(accounts)
        self._others = [c for c in store.all() if contact is None or c.id != contact.id]
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("contactNameEdit")
        self.address_edit = fit_to(QLineEdit(self), ADDRESS_SAMPLE)
        self.address_edit.setObjectName("contactAddressEdit")
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("contactNoteEdit")
        self.note_edit.setMaxLength(MAX_CONTACT_NOTE_LENGTH)
        self.status = QLabel(self)
        self.status.setObjectName("contactStatus")
        self.status.setWordWrap(True)
        # Room for the longest reason (a checksum error quotes the whole address) without the dialog
        # having to grow: a top-level window does not follow a wrapped label's height.
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, edit in zip(self.labels, (self.name_edit, self.address_edit, self.note_edit), strict=True):
            form.addRow(label, edit)
        form.addRow(self.status)
        form.addRow(self.buttons)
        if contact is not None:
            self.name_edit.setText(contact.name)
            self.address_edit.setText(contact.address)
            self.note_edit.setText(contact.note)
        else:
            self.address_edit.setText(address)
            self.note_edit.setText(note)
        self.address_edit.textChanged.connect(self._take_payment_link)
        for edit in (self.name_edit, self.address_edit, self.note_edit):
            edit.textChanged.connect(self.validate)
        self.retranslate()

    def problem(self) -> tuple[str, Tone] | None:
        """What keeps OK disabled (and how loudly to say it), or a warning that does not; None when all
        is well."""
        name_text, address_text = self.name_edit.text(), self.address_edit.text()
        if not name_text.strip() and not address_text.strip():
            return self.tr("Enter a name and the contact's address."), Tone.MUTED
        try:
            name = clean_name(name_text)
        except WalletError as error:
            return error_text(error), Tone.ERROR
        if not address_text.strip():
            return self.tr("Enter the contact's address (0x…)."), Tone.MUTED
        try:
            address = clean_address(address_text)
        except AddressError as error:
            return self.tr("The address is not valid: {reason}").format(reason=error_text(error)), Tone.ERROR
        try:
            clean_note(self.note_edit.text())
            for other in self._others:
                if other.name.casefold() == name.casefold():
                    raise DuplicateContactNameError(name=other.name)
                if other.address.lower() == address.lower():
                    raise DuplicateContactAddressError(address=address, name=other.name)
        except WalletError as error:
            return error_text(error), Tone.ERROR
        return None

    def own_account(self) -> Account | None:
        text = self.address_edit.text().strip().lower()
        return next((a for a in self._accounts if a.address.lower() == text), None)

    def _take_payment_link(self, text: str) -> None:
        """A pasted ``ethereum:`` payment link (EIP-681) gives its recipient: the address is kept, the
        rest of the request is not the address book's."""
        if not text.strip().startswith("ethereum:"):
            return
        try:
            recipient = parse_payment_uri(text).recipient
        except PaymentUriError:
            return  # validation says what is wrong with it
        self.address_edit.setText(recipient)

    def lookalike(self) -> Contact | None:
        text = self.address_edit.text().strip()
        return next((c for c in self._others if looks_alike(text, c.address)), None)

    def validate(self) -> None:
        problem = self.problem()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None)
        if problem is None:
            account = self.own_account()
            twin = self.lookalike()
            if account is not None:
                problem = (self.tr("This is the address of your own account {name}.").format(
                    name=account_label(account)), Tone.WARNING)
            elif twin is not None:
                problem = (self.tr("This address starts and ends like the one of {name} ({address}) but is a "
                                   "different address. Check every character: look-alike addresses are a common "
                                   "scam.").format(name=twin.name, address=twin.address), Tone.WARNING)
        text, tone = problem if problem is not None else (self.tr("Ready to save."), Tone.OK)
        self.status.setText(text)
        set_tone(self.status, tone)
        ok.setToolTip(text if not ok.isEnabled() else "")

    def accept(self) -> None:
        if self.problem() is not None:
            return
        try:
            if self.contact is None:
                self.saved = self.store.add(self.name_edit.text(), self.address_edit.text(), self.note_edit.text())
            else:
                self.saved = self.store.update(self.contact.id, self.name_edit.text(), self.address_edit.text(),
                                               self.note_edit.text())
        except WalletError as error:  # changed elsewhere since the dialog opened
            self.status.setText(error_text(error))
            set_tone(self.status, Tone.ERROR)
            return
        super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add contact") if self.contact is None else self.tr("Edit contact"))
        for label, text in zip(self.labels, (self.tr("Name"), self.tr("Address"), self.tr("Note")), strict=True):
            label.setText(text)
        self.address_edit.setPlaceholderText(self.tr("0x… address (checksummed or all lowercase)"))
        self.note_edit.setPlaceholderText(self.tr("Optional: what the address is for, its ENS name…"))
        self.validate()
