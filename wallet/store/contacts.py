"""The address book: named contacts that Send offers and History shows instead of raw addresses."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

from wallet.chains.address import parse_address
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

_COLUMNS = "id, name, address, note"
# Longer names only make the tables unreadable (as for accounts).
MAX_CONTACT_NAME_LENGTH = 64


class ContactError(WalletError, ValueError):
    template = QT_TRANSLATE_NOOP("WalletError", "The contact cannot be saved.")


class EmptyContactNameError(ContactError):
    template = QT_TRANSLATE_NOOP("WalletError", "A contact needs a name.")


class ContactNameTooLongError(ContactError):
    template = QT_TRANSLATE_NOOP("WalletError", "A contact name can have at most {limit} characters.")


class DuplicateContactNameError(ContactError):
    template = QT_TRANSLATE_NOOP("WalletError", "Another contact is already named {name}.")


class DuplicateContactAddressError(ContactError):
    template = QT_TRANSLATE_NOOP("WalletError", "{address} is already in the address book as {name}.")


@dataclass(frozen=True)
class Contact:
    id: int
    name: str
    address: str  # EIP-55
    note: str = ""


class ContactStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.Lock()

    def add(self, name: str, address: str, note: str = "") -> Contact:
        """Adds a contact; a bad address (checksum included), an empty or taken name, or an address
        already in the book raises and changes nothing."""
        name, address = self._checked(name, address, None)
        with self._lock:
            cursor = self._db.execute("INSERT INTO contacts (name, address, note) VALUES (?, ?, ?)",
                                      (name, address, note.strip()))
        assert cursor.lastrowid is not None
        return Contact(cursor.lastrowid, name, address, note.strip())

    def update(self, contact_id: int, name: str, address: str, note: str = "") -> Contact:
        name, address = self._checked(name, address, contact_id)
        with self._lock:
            self._db.execute("UPDATE contacts SET name = ?, address = ?, note = ? WHERE id = ?",
                             (name, address, note.strip(), contact_id))
        return Contact(contact_id, name, address, note.strip())

    def remove(self, contact_id: int) -> None:
        with self._lock:
            self._db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))

    def all(self) -> list[Contact]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM contacts ORDER BY name COLLATE NOCASE").fetchall()  # noqa: S608
        return [Contact(int(i), str(n), str(a), str(o)) for i, n, a, o in rows]

    def by_address(self, address: str) -> Contact | None:
        return next((c for c in self.all() if c.address.lower() == address.lower()), None)

    def _checked(self, name: str, address: str, contact_id: int | None) -> tuple[str, str]:
        name = name.strip()
        if not name:
            raise EmptyContactNameError()
        if len(name) > MAX_CONTACT_NAME_LENGTH:
            raise ContactNameTooLongError(limit=MAX_CONTACT_NAME_LENGTH)
        address = parse_address(address.strip())
        for other in self.all():
            if other.id == contact_id:
                continue
            if other.name.casefold() == name.casefold():
                raise DuplicateContactNameError(name=name)
            if other.address.lower() == address.lower():
                raise DuplicateContactAddressError(address=address, name=other.name)
        return name, address
