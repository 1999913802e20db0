"""The address book: named contacts that Send offers and History shows instead of raw addresses."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from wallet.chains.address import parse_address
from wallet.errors import WalletError
from wallet.store.db import connection_lock
from wallet.translatable import QT_TRANSLATE_NOOP

_COLUMNS = "id, name, address, note"
# Longer names only make the tables unreadable (as for accounts).
MAX_CONTACT_NAME_LENGTH = 64
MAX_CONTACT_NOTE_LENGTH = 200


class ContactError(WalletError, ValueError):
    template = QT_TRANSLATE_NOOP("WalletError", "The contact cannot be saved.")


class EmptyContactNameError(ContactError):
    template = QT_TRANSLATE_NOOP("WalletError", "A contact needs a name.")


class ContactNameTooLongError(ContactError):
    template = QT_TRANSLATE_NOOP("WalletError", "A contact name can have at most {limit} characters.")


class ContactNoteTooLongError(ContactError):
    template = QT_TRANSLATE_NOOP("WalletError", "A contact note can have at most {limit} characters.")


class ContactNameCharactersError(ContactError):
    """Control and invisible format characters (bidi overrides, zero-width joiners) could make a name
    look like another one, or reorder the address shown beside it."""

    template = QT_TRANSLATE_NOOP("WalletError", "A contact name cannot contain invisible or control characters.")


class DuplicateContactNameError(ContactError):
    template = QT_TRANSLATE_NOOP("WalletError", "Another contact is already named {name}.")


class DuplicateContactAddressError(ContactError):
    template = QT_TRANSLATE_NOOP("WalletError", "{address} is already in the address book as {name}.")


class UnknownContactError(ContactError):
    template = QT_TRANSLATE_NOOP("WalletError", "This contact is no longer in the address book.")


@dataclass(frozen=True)
class Contact:
    id: int
    name: str
    address: str  # EIP-55
    note: str = ""


@dataclass(frozen=True)
class NewContact:
    """A contact not saved yet (an entry of an imported file)."""

    name: str
    address: str
    note: str = ""


# Control, format (bidi, zero-width), private-use, surrogate and unassigned code points.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
# Letters that draw nothing (Hangul fillers, the blank Braille pattern): a name of only these is blank.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _has_hidden_characters(text: str) -> bool:
    return any(unicodedata.category(c) in _HIDDEN_CATEGORIES for c in text)


def _looks_blank(text: str) -> bool:
    """Nothing visible: only blank letters, combining marks and white space."""
    return all(c in _BLANK_LETTERS or c.isspace() or unicodedata.category(c) in ("Mn", "Me") for c in text)


def clean_name(name: str) -> str:
    """The name as stored: runs of white space made one space, trimmed; raises a ``ContactError`` for
    an empty, too long or disguised name."""
    if _has_hidden_characters(name.replace("\t", " ").replace("\n", " ").replace("\r", " ")):
        raise ContactNameCharactersError()
    name = " ".join(name.split())
    if not name or _looks_blank(name):
        raise EmptyContactNameError()
    if len(name) > MAX_CONTACT_NAME_LENGTH:
        raise ContactNameTooLongError(limit=MAX_CONTACT_NAME_LENGTH)
    return name


def clean_note(note: str) -> str:
    """The note as stored: one line without control or format characters; too long raises."""
    note = " ".join("".join(" " if unicodedata.category(c) in ("Cc", "Cf") else c for c in note).split())
    if len(note) > MAX_CONTACT_NOTE_LENGTH:
        raise ContactNoteTooLongError(limit=MAX_CONTACT_NOTE_LENGTH)
    return note


def clean_address(address: str) -> str:
    """EIP-55; a mistyped checksum or anything that is not an address raises an ``AddressError``."""
    return parse_address(address.strip())


def looks_alike(address: str, other: str) -> bool:
    """Address poisoning: a different address with the same first and last four hex digits, the
    parts people compare by eye (the Send review's warning uses the same rule)."""
    a, b = address.lower().removeprefix("0x"), other.lower().removeprefix("0x")
    return a != b and a[:4] == b[:4] and a[-4:] == b[-4:]


class ContactStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = connection_lock(connection)

    def add(self, name: str, address: str, note: str = "") -> Contact:
        """Adds a contact; a bad address (checksum included), an empty or taken name, or an address
        already in the book raises and changes nothing."""
        name, address, note = self._checked(name, address, note, None)
        with self._lock:
            cursor = self._db.execute("INSERT INTO contacts (name, address, note) VALUES (?, ?, ?)",
                                      (name, address, note))
        assert cursor.lastrowid is not None
        return Contact(cursor.lastrowid, name, address, note)

    def update(self, contact_id: int, name: str, address: str, note: str = "") -> Contact:
        name, address, note = self._checked(name, address, note, contact_id)
        with self._lock:
            cursor = self._db.execute("UPDATE contacts SET name = ?, address = ?, note = ? WHERE id = ?",
                                      (name, address, note, contact_id))
        if cursor.rowcount == 0:
            raise UnknownContactError()
        return Contact(contact_id, name, address, note)

    def add_many(self, entries: Iterable[NewContact]) -> list[Contact]:
        """Adds every entry, all of them or (on any error, such as a name taken meanwhile) none.

        One INSERT statement over a JSON array rather than BEGIN … COMMIT: the connection is shared
        with the other stores, and another thread's statement must not land inside (or be rolled back
        with) an import. Entries must be checked already (``plan_import`` in
        ``wallet.services.contacts_io``)."""
        entries = list(entries)
        if not entries:
            return []
        payload = json.dumps([[e.name, e.address, e.note] for e in entries], ensure_ascii=False)
        with self._lock:
            self._db.execute("INSERT INTO contacts (name, address, note) SELECT json_extract(value, '$[0]'), "
                             "json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?)", (payload,))
        saved = self.by_lowercase_address()
        return [saved[e.address.lower()] for e in entries]

    def remove(self, contact_id: int) -> None:
        with self._lock:
            self._db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))

    def get(self, contact_id: int) -> Contact | None:
        return next((c for c in self.all() if c.id == contact_id), None)

    def all(self) -> list[Contact]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM contacts ORDER BY name COLLATE NOCASE").fetchall()  # noqa: S608
        return [Contact(int(i), str(n), str(a), str(o)) for i, n, a, o in rows]

    def by_address(self, address: str) -> Contact | None:
        """The contact with this address, in any letter case."""
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM contacts WHERE lower(address) = ?",  # noqa: S608
                                   (address.strip().lower(),)).fetchone()
        return None if row is None else Contact(int(row[0]), str(row[1]), str(row[2]), str(row[3]))

    def by_lowercase_address(self) -> dict[str, Contact]:
        """Every contact keyed by its lowercase address: one query for a table that names many rows
        (History), instead of one per row."""
        return {c.address.lower(): c for c in self.all()}

    def lookalike(self, address: str) -> Contact | None:
        """A contact whose address ``address`` imitates (see ``looks_alike``), if any."""
        return next((c for c in self.all() if looks_alike(address, c.address)), None)

    def by_name(self, name: str) -> Contact | None:
        folded = " ".join(name.split()).casefold()
        return next((c for c in self.all() if c.name.casefold() == folded), None)

    def _checked(self, name: str, address: str, note: str, contact_id: int | None) -> tuple[str, str, str]:
        name, address, note = clean_name(name), clean_address(address), clean_note(note)
        for other in self.all():
            if other.id == contact_id:
                continue
            if other.name.casefold() == name.casefold():
                raise DuplicateContactNameError(name=other.name)
            if other.address.lower() == address.lower():
                raise DuplicateContactAddressError(address=address, name=other.name)
        return name, address, note
