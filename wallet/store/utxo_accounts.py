"""Bitcoin and Litecoin (BIP-84) accounts in the wallet database: public keys and where they come from."""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass

from wallet.errors import WalletError
from wallet.store.db import connection_lock
from wallet.translatable import QT_TRANSLATE_NOOP

_COLUMNS = "id, chain_key, name, kind, xpub, origin_fingerprint, origin_path, secret_id"


class UtxoAccountKind(enum.StrEnum):
    HOT = "hot"  # derived from the vault's recovery phrase: this computer signs
    WATCH = "watch"  # an extended public key only: signed elsewhere (PSBT)


class DuplicateUtxoAccountError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The wallet already has this {network} account.")


@dataclass(frozen=True)
class UtxoAccountRecord:
    id: int
    chain_key: str
    name: str
    kind: UtxoAccountKind
    xpub: str  # the account-level zpub or vpub
    origin_fingerprint: str | None  # hex: the master key's fingerprint (hot accounts)
    origin_path: str | None  # "84h/1h/0h": the path from the master key (hot accounts)
    secret_id: str | None  # the vault entry the key derives from (hot accounts)


class UtxoAccountStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = connection_lock(connection)

    def add(self, chain_key: str, name: str, kind: UtxoAccountKind, xpub: str, origin_fingerprint: str | None = None,
            origin_path: str | None = None, secret_id: str | None = None,
            network_name: str | None = None) -> UtxoAccountRecord:
        with self._lock:
            try:
                cursor = self._db.execute(
                    "INSERT INTO utxo_accounts (chain_key, name, kind, xpub, origin_fingerprint, origin_path, "
                    "secret_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (chain_key, name, kind.value, xpub, origin_fingerprint, origin_path, secret_id))
            except sqlite3.IntegrityError:
                raise DuplicateUtxoAccountError(network=network_name or chain_key) from None
        assert cursor.lastrowid is not None
        return UtxoAccountRecord(cursor.lastrowid, chain_key, name, kind, xpub, origin_fingerprint, origin_path,
                                 secret_id)

    def all(self) -> list[UtxoAccountRecord]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM utxo_accounts ORDER BY id").fetchall()  # noqa: S608
        return [_record(row) for row in rows]

    def get(self, account_id: int) -> UtxoAccountRecord:
        record = next((r for r in self.all() if r.id == account_id), None)
        if record is None:
            raise KeyError(f"no UTXO account {account_id}")
        return record

    def remove(self, account_id: int) -> None:
        with self._lock:
            self._db.execute("DELETE FROM utxo_accounts WHERE id = ?", (account_id,))


def _record(row: tuple[object, ...]) -> UtxoAccountRecord:
    account_id, chain_key, name, kind, xpub, fingerprint, path, secret_id = row
    return UtxoAccountRecord(int(str(account_id)), str(chain_key), str(name), UtxoAccountKind(str(kind)), str(xpub),
                             None if fingerprint is None else str(fingerprint), None if path is None else str(path),
                             None if secret_id is None else str(secret_id))
