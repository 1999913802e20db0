"""Accounts in the wallet database."""

from __future__ import annotations

import sqlite3

from wallet.accounts.model import Account, AccountKind
from wallet.errors import WalletError
from wallet.store.db import connection_lock
from wallet.translatable import QT_TRANSLATE_NOOP

_COLUMNS = "id, name, kind, address, derivation_path, secret_id, xpub"


class DuplicateAccountError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The wallet already has this account ({address}).")


class EmptyAccountNameError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "An account needs a name.")


class DuplicateAccountNameError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Another account is already named {name}.")


# Longer names only make the tables unreadable.
MAX_NAME_LENGTH = 64


class AccountNameTooLongError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "An account name can have at most {limit} characters.")


class AccountStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = connection_lock(connection)

    def add(self, name: str, kind: AccountKind, address: str, derivation_path: str | None = None,
            secret_id: str | None = None, xpub: str | None = None) -> Account:
        with self._lock:
            try:
                cursor = self._db.execute(
                    "INSERT INTO accounts (name, kind, address, derivation_path, secret_id, xpub) "
                    "VALUES (?, ?, ?, ?, ?, ?)", (name, kind.value, address, derivation_path, secret_id, xpub))
            except sqlite3.IntegrityError:
                raise DuplicateAccountError(address=address) from None
        assert cursor.lastrowid is not None
        return Account(cursor.lastrowid, name, kind, address, derivation_path, secret_id, xpub)

    def all(self) -> list[Account]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM accounts ORDER BY id").fetchall()  # noqa: S608
        return [_account(row) for row in rows]

    def get(self, account_id: int) -> Account:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM accounts WHERE id = ?", (account_id,)).fetchone()  # noqa: S608
        if row is None:
            raise KeyError(f"no account {account_id}")
        return _account(row)

    def by_secret(self, secret_id: str) -> list[Account]:
        return [a for a in self.all() if a.secret_id == secret_id]

    def rename(self, account_id: int, name: str) -> None:
        with self._lock:
            self._db.execute("UPDATE accounts SET name = ? WHERE id = ?", (name, account_id))

    def rename_by_user(self, account_id: int, name: str) -> Account:
        """A name the user typed: trimmed, not empty, not too long, and not another account's name
        (ignoring case), so the lists and the Send page never show two accounts alike."""
        name = " ".join(name.split())
        if not name:
            raise EmptyAccountNameError()
        if len(name) > MAX_NAME_LENGTH:
            raise AccountNameTooLongError(limit=MAX_NAME_LENGTH)
        if any(a.id != account_id and a.name.casefold() == name.casefold() for a in self.all()):
            raise DuplicateAccountNameError(name=name)
        self.get(account_id)  # a removed account is a KeyError, not a silent no-op
        self.rename(account_id, name)
        return self.get(account_id)

    def remove(self, account_id: int) -> None:
        with self._lock:
            self._db.execute("DELETE FROM accounts WHERE id = ?", (account_id,))


def _account(row: tuple[object, ...]) -> Account:
    account_id, name, kind, address, path, secret_id, xpub = row
    return Account(int(str(account_id)), str(name), AccountKind(str(kind)), str(address),
                   None if path is None else str(path), None if secret_id is None else str(secret_id),
                   None if xpub is None else str(xpub))
