"""Import and export of the address book, as CSV (for spreadsheets) or JSON.

CSV: a header row naming the columns ``name``, ``address`` and optionally ``note`` (in any order),
then one contact a row, UTF-8 (a byte-order mark is allowed, Excel writes one). Cells that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first), and
cells that start with ``'`` itself, are exported behind a ``'``, which the import takes off again.

JSON: ``{"format": "deskwallet-contacts", "version": 1, "contacts": [{"name", "address", "note"}]}``.

An import is checked whole before anything is saved: one bad entry (an address with a wrong EIP-55
checksum, an empty or duplicated name, an address already in the book under another name) stops
it with an error naming the line (CSV) or entry (JSON) and the field, and the address book stays as
it was. Entries already in the book with the same name and address are skipped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wallet.chains.address import AddressError
from wallet.errors import FileReadError, WalletError
from wallet.store.atomic import atomic_write_text
from wallet.store.contacts import (
    Contact,
    ContactError,
    ContactStore,
    DuplicateContactAddressError,
    DuplicateContactNameError,
    NewContact,
    clean_address,
    clean_name,
    clean_note,
)
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.untrusted_json import UntrustedJsonError, loads_untrusted

JSON_FORMAT = "deskwallet-contacts"
JSON_VERSION = 1
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ENTRIES = 10_000
_MAX_JSON_DEPTH = 4
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# The file's own column and key names, shown as they are written in it (never translated).
FIELD_NAMES = {"name": "name", "address": "address", "note": "note"}


class ContactFileError(WalletError, ValueError):
    """The file as a whole cannot be read as an address book."""

    template = QT_TRANSLATE_NOOP("WalletError", "{name} is not an address book file: {reason}")


class ContactFileTooLargeError(ContactFileError):
    template = QT_TRANSLATE_NOOP("WalletError", "{name} is too large for an address book (at most {limit} contacts, "
                                                "{megabytes} MB).")


class EntryNotAnObjectError(WalletError, ValueError):
    template = QT_TRANSLATE_NOOP("WalletError", "the entry is not an object")


class ValueNotTextError(WalletError, ValueError):
    template = QT_TRANSLATE_NOOP("WalletError", "the value is not text")


class ContactLineError(WalletError, ValueError):
    """One entry is wrong: ``place`` is the CSV line or JSON entry number, ``error`` the reason."""

    template = QT_TRANSLATE_NOOP("WalletError", "Nothing was imported. {name}, line {place}, column {field}: {error}")


class ContactEntryError(ContactLineError):
    template = QT_TRANSLATE_NOOP("WalletError", "Nothing was imported. {name}, entry {place}, field {field}: {error}")


@dataclass(frozen=True)
class FileEntry:
    place: int  # the CSV line (1 = the header) or the JSON entry (from 1)
    name: str
    address: str
    note: str


@dataclass(frozen=True)
class ImportPlan:
    new: list[NewContact]
    unchanged: int  # entries already in the book, same name and address


@dataclass(frozen=True)
class ImportResult:
    added: list[Contact]
    unchanged: int


def _is_json(path: Path) -> bool:
    return path.suffix.lower() == ".json"


# --- export ------------------------------------------------------------------------------------

def _csv_cell(text: str) -> str:
    # A text that starts with the escape itself is escaped too, so the import's rule is exact.
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


def contacts_csv(contacts: Sequence[Contact]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "address", "note"])
    for contact in contacts:
        writer.writerow([_csv_cell(contact.name), contact.address, _csv_cell(contact.note)])
    return out.getvalue()


def contacts_json(contacts: Sequence[Contact]) -> str:
    document = {"format": JSON_FORMAT, "version": JSON_VERSION,
                "contacts": [{"name": c.name, "address": c.address, "note": c.note} for c in contacts]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export_contacts(contacts: Sequence[Contact], path: Path) -> None:
    """Writes the contacts to ``path`` atomically (JSON for a ``.json`` name, otherwise CSV)."""
    atomic_write_text(path, contacts_json(contacts) if _is_json(path) else contacts_csv(contacts))


# --- import ------------------------------------------------------------------------------------

def _csv_value(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith((*_FORMULA_START, "'")) else text


def parse_csv(text: str, name: str) -> tuple[list[FileEntry], bool]:
    """The file's entries; the flag is True (CSV lines are the places)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise ContactFileError(name=name, reason=QT_TRANSLATE_NOOP("WalletError", "the file is empty"))
        columns = [h.strip().lower() for h in header]
        if "name" not in columns or "address" not in columns:
            raise ContactFileError(name=name, reason=QT_TRANSLATE_NOOP(
                "WalletError", "the first line must name the columns name, address and note"))
        at = {key: columns.index(key) for key in ("name", "address", "note") if key in columns}
        entries: list[FileEntry] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(entries) >= MAX_ENTRIES:
                raise ContactFileTooLargeError(name=name, limit=MAX_ENTRIES, megabytes=MAX_FILE_BYTES // 2**20)
            cells = {key: (_csv_value(row[i]) if i < len(row) else "") for key, i in at.items()}
            entries.append(FileEntry(reader.line_num, cells["name"], cells["address"], cells.get("note", "")))
    except csv.Error:
        raise ContactFileError(name=name, reason=QT_TRANSLATE_NOOP(
            "WalletError", "a quoted cell is not closed")) from None
    return entries, True


def parse_json(text: str, name: str) -> tuple[list[FileEntry], bool]:
    """The file's entries; the flag is False (JSON entries, numbered from 1, are the places)."""
    not_ours = ContactFileError(name=name, reason=QT_TRANSLATE_NOOP(
        "WalletError", "it is not a DeskWallet address book in JSON"))
    try:
        document: Any = loads_untrusted(text, _MAX_JSON_DEPTH)
    except UntrustedJsonError:
        raise not_ours from None
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise not_ours
    if document.get("version") != JSON_VERSION:
        raise ContactFileError(name=name, reason=QT_TRANSLATE_NOOP(
            "WalletError", "it was written by a newer version of the wallet"))
    items = document.get("contacts")
    if not isinstance(items, list):
        raise not_ours
    if len(items) > MAX_ENTRIES:
        raise ContactFileTooLargeError(name=name, limit=MAX_ENTRIES, megabytes=MAX_FILE_BYTES // 2**20)
    entries = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ContactEntryError(name=name, place=number, field=FIELD_NAMES["name"],
                                    error=EntryNotAnObjectError())
        values = {}
        for key in ("name", "address", "note"):
            value = item.get(key, "")
            if not isinstance(value, str):
                raise ContactEntryError(name=name, place=number, field=FIELD_NAMES[key],
                                        error=ValueNotTextError())
            values[key] = value
        entries.append(FileEntry(number, values["name"], values["address"], values["note"]))
    return entries, False


def read_contacts_file(path: Path) -> tuple[list[FileEntry], bool]:
    """Reads and parses ``path`` (JSON for a ``.json`` name, otherwise CSV); blocking."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise FileReadError.from_os_error(path.name, error) from None
    if len(data) > MAX_FILE_BYTES:
        raise ContactFileTooLargeError(name=path.name, limit=MAX_ENTRIES, megabytes=MAX_FILE_BYTES // 2**20)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContactFileError(name=path.name, reason=QT_TRANSLATE_NOOP(
            "WalletError", "it is not UTF-8 text")) from None
    return parse_json(text, path.name) if _is_json(path) else parse_csv(text, path.name)


def plan_import(existing: Sequence[Contact], entries: Sequence[FileEntry], file_name: str,
                lines: bool) -> ImportPlan:
    """Checks every entry against the book and the entries before it; the first problem raises a
    ``ContactLineError`` (CSV) or ``ContactEntryError`` (JSON) naming the place and the field."""
    error_type = ContactLineError if lines else ContactEntryError
    by_name = {c.name.casefold(): (c.name, c.address) for c in existing}
    by_address = {c.address.lower(): c.name for c in existing}
    new: list[NewContact] = []
    unchanged = 0
    for entry in entries:
        field = "name"
        try:
            name = clean_name(entry.name)
            field = "address"
            address = clean_address(entry.address)
            field = "note"
            note = clean_note(entry.note)
            known = by_name.get(name.casefold())
            if known is not None and known[1] == address:
                unchanged += 1
                continue
            if known is not None:
                field = "name"
                raise DuplicateContactNameError(name=known[0])
            if address.lower() in by_address:
                field = "address"
                raise DuplicateContactAddressError(address=address, name=by_address[address.lower()])
        except (ContactError, AddressError) as error:
            raise error_type(name=file_name, place=entry.place, field=FIELD_NAMES[field], error=error) from None
        by_name[name.casefold()] = (name, address)
        by_address[address.lower()] = name
        new.append(NewContact(name, address, note))
    return ImportPlan(new, unchanged)


def import_contacts(store: ContactStore, path: Path) -> ImportResult:
    """Reads, checks and saves the contacts of ``path`` in one transaction; blocking. Any error
    leaves the address book as it was."""
    entries, lines = read_contacts_file(path)
    plan = plan_import(store.all(), entries, path.name, lines)
    return ImportResult(store.add_many(plan.new), plan.unchanged)
