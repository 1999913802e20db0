"""The wallet database: SQLite in WAL mode, migrated forward with ``PRAGMA user_version``.

It holds metadata only (accounts, later history and swap state), never key material: secrets live
in the encrypted vault file. Metadata still says which addresses are yours, so the file is
owner-only (0600); SQLite gives its -wal and -shm files the database file's mode.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

from wallet.paths import PRIVATE_FILE_MODE, make_private

# Append only: migration i takes the schema from version i to i + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE accounts (
        id              INTEGER PRIMARY KEY,
        name            TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('hot_hd', 'hot_key', 'hardware', 'airgapped', 'watch')),
        address         TEXT NOT NULL,
        derivation_path TEXT,
        secret_id       TEXT,
        xpub            TEXT,
        created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (kind, address)
    );
    """,
    """
    CREATE TABLE tokens (
        chain_id INTEGER NOT NULL,
        address  TEXT NOT NULL,
        symbol   TEXT NOT NULL,
        name     TEXT NOT NULL,
        decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 36),
        source   TEXT NOT NULL CHECK (source IN ('list', 'custom')),
        PRIMARY KEY (chain_id, address)
    );
    """,
    """
    CREATE TABLE transactions (
        id            INTEGER PRIMARY KEY,
        chain_id      INTEGER NOT NULL,
        hash          TEXT NOT NULL,
        sender        TEXT NOT NULL,
        nonce         INTEGER NOT NULL,
        recipient     TEXT NOT NULL,
        token         TEXT,
        symbol        TEXT NOT NULL,
        decimals      INTEGER NOT NULL,
        amount        TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('send', 'speedup', 'cancel')),
        tx_json       TEXT NOT NULL,
        raw           TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'failed', 'replaced', 'dropped')),
        replaces      INTEGER REFERENCES transactions (id),
        block_number  INTEGER,
        fee_paid      TEXT,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (chain_id, hash)
    );
    CREATE INDEX transactions_by_sender ON transactions (chain_id, sender, nonce);
    """,
    """
    CREATE TABLE swaps (
        id          TEXT PRIMARY KEY,
        role        TEXT NOT NULL CHECK (role IN ('initiator', 'participant')),
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE TABLE swap_events (
        swap_id     TEXT NOT NULL REFERENCES swaps (id),
        seq         INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        payload     TEXT NOT NULL,
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (swap_id, seq)
    );
    """,
    # The ``approve`` and ``swap`` kinds and the ``details`` column (a swap's side bought). SQLite cannot
    # change a CHECK constraint in place, so the table is rebuilt (its documented 12 steps, with foreign
    # keys off: the self-reference ``replaces`` would otherwise point into the dropped table).
    """
    CREATE TABLE transactions_new (
        id            INTEGER PRIMARY KEY,
        chain_id      INTEGER NOT NULL,
        hash          TEXT NOT NULL,
        sender        TEXT NOT NULL,
        nonce         INTEGER NOT NULL,
        recipient     TEXT NOT NULL,
        token         TEXT,
        symbol        TEXT NOT NULL,
        decimals      INTEGER NOT NULL,
        amount        TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('send', 'speedup', 'cancel', 'approve', 'swap')),
        tx_json       TEXT NOT NULL,
        raw           TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'failed', 'replaced', 'dropped')),
        replaces      INTEGER REFERENCES transactions (id),
        block_number  INTEGER,
        fee_paid      TEXT,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        details       TEXT,
        UNIQUE (chain_id, hash)
    );
    INSERT INTO transactions_new (id, chain_id, hash, sender, nonce, recipient, token, symbol, decimals, amount, kind,
                                  tx_json, raw, status, replaces, block_number, fee_paid, created_at)
        SELECT id, chain_id, hash, sender, nonce, recipient, token, symbol, decimals, amount, kind, tx_json, raw,
               status, replaces, block_number, fee_paid, created_at FROM transactions;
    DROP TABLE transactions;
    ALTER TABLE transactions_new RENAME TO transactions;
    CREATE INDEX transactions_by_sender ON transactions (chain_id, sender, nonce);
""",
    # A chain is its id *and* its genesis block: ``genesis_hash`` says which chain of that id a record is
    # from (a restarted playground reuses the id), and ``gone`` marks a record whose receipt the chain no
    # longer has. Rebuilt again for the CHECK constraint, as above.
    """
    CREATE TABLE transactions_new (
        id            INTEGER PRIMARY KEY,
        chain_id      INTEGER NOT NULL,
        hash          TEXT NOT NULL,
        sender        TEXT NOT NULL,
        nonce         INTEGER NOT NULL,
        recipient     TEXT NOT NULL,
        token         TEXT,
        symbol        TEXT NOT NULL,
        decimals      INTEGER NOT NULL,
        amount        TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('send', 'speedup', 'cancel', 'approve', 'swap')),
        tx_json       TEXT NOT NULL,
        raw           TEXT NOT NULL,
        status        TEXT NOT NULL
                      CHECK (status IN ('pending', 'confirmed', 'failed', 'replaced', 'dropped', 'gone')),
        replaces      INTEGER REFERENCES transactions (id),
        block_number  INTEGER,
        fee_paid      TEXT,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        details       TEXT,
        genesis_hash  TEXT,
        UNIQUE (chain_id, hash)
    );
    INSERT INTO transactions_new (id, chain_id, hash, sender, nonce, recipient, token, symbol, decimals, amount, kind,
                                  tx_json, raw, status, replaces, block_number, fee_paid, created_at, details)
        SELECT id, chain_id, hash, sender, nonce, recipient, token, symbol, decimals, amount, kind, tx_json, raw,
               status, replaces, block_number, fee_paid, created_at, details FROM transactions;
    DROP TABLE transactions;
    ALTER TABLE transactions_new RENAME TO transactions;
    CREATE INDEX transactions_by_sender ON transactions (chain_id, sender, nonce);
""",
    # The atomic-swap engine's transactions (``htlc_lock``, ``htlc_claim``, ``htlc_refund``; its token
    # approvals are ``approve``) go into this table too: they share the account's nonce sequence with
    # the user's sends, and History lists them. Rebuilt again for the CHECK constraint, as above.
    """
    CREATE TABLE transactions_new (
        id            INTEGER PRIMARY KEY,
        chain_id      INTEGER NOT NULL,
        hash          TEXT NOT NULL,
        sender        TEXT NOT NULL,
        nonce         INTEGER NOT NULL,
        recipient     TEXT NOT NULL,
        token         TEXT,
        symbol        TEXT NOT NULL,
        decimals      INTEGER NOT NULL,
        amount        TEXT NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('send', 'speedup', 'cancel', 'approve', 'swap',
                                                    'htlc_lock', 'htlc_claim', 'htlc_refund')),
        tx_json       TEXT NOT NULL,
        raw           TEXT NOT NULL,
        status        TEXT NOT NULL
                      CHECK (status IN ('pending', 'confirmed', 'failed', 'replaced', 'dropped', 'gone')),
        replaces      INTEGER REFERENCES transactions (id),
        block_number  INTEGER,
        fee_paid      TEXT,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        details       TEXT,
        genesis_hash  TEXT,
        UNIQUE (chain_id, hash)
    );
    INSERT INTO transactions_new (id, chain_id, hash, sender, nonce, recipient, token, symbol, decimals, amount, kind,
                                  tx_json, raw, status, replaces, block_number, fee_paid, created_at, details,
                                  genesis_hash)
        SELECT id, chain_id, hash, sender, nonce, recipient, token, symbol, decimals, amount, kind, tx_json, raw,
               status, replaces, block_number, fee_paid, created_at, details, genesis_hash FROM transactions;
    DROP TABLE transactions;
    ALTER TABLE transactions_new RENAME TO transactions;
    CREATE INDEX transactions_by_sender ON transactions (chain_id, sender, nonce);
""",
    # The address book, and what the chain says moved to or from our accounts (incoming transfers
    # above all: the wallet's own sends are in ``transactions``). A transfer row is a token's
    # Transfer log (log_index >= 0) or a coin payment (log_index -1, the transaction's value),
    # kept per chain identity (id + genesis). ``history_sync`` says where each scan stopped, so an
    # interrupted one resumes there.
    """
    CREATE TABLE contacts (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        address    TEXT NOT NULL UNIQUE,
        note       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE TABLE transfers (
        id           INTEGER PRIMARY KEY,
        chain_id     INTEGER NOT NULL,
        genesis_hash TEXT NOT NULL,
        tx_hash      TEXT NOT NULL,
        log_index    INTEGER NOT NULL,
        block_number INTEGER NOT NULL,
        timestamp    INTEGER,
        sender       TEXT NOT NULL,
        recipient    TEXT NOT NULL,
        token        TEXT,
        symbol       TEXT,
        decimals     INTEGER,
        amount       TEXT NOT NULL,
        UNIQUE (chain_id, genesis_hash, tx_hash, log_index)
    );
    CREATE INDEX transfers_by_block ON transfers (chain_id, genesis_hash, block_number);
    CREATE TABLE history_sync (
        chain_id     INTEGER NOT NULL,
        genesis_hash TEXT NOT NULL,
        address      TEXT NOT NULL,
        source       TEXT NOT NULL,
        next_block   INTEGER NOT NULL,
        PRIMARY KEY (chain_id, genesis_hash, address, source)
    );
""",
    # Bitcoin and Litecoin (BIP-84) accounts, by UTXO chain key: the account's extended public key
    # (zpub/vpub) and, for a key derived from the vault's recovery phrase, its origin (master
    # fingerprint and path) and the vault entry it comes from. No key material.
    """
    CREATE TABLE utxo_accounts (
        id                 INTEGER PRIMARY KEY,
        chain_key          TEXT NOT NULL,
        name               TEXT NOT NULL,
        kind               TEXT NOT NULL CHECK (kind IN ('hot', 'watch')),
        xpub               TEXT NOT NULL,
        origin_fingerprint TEXT,
        origin_path        TEXT,
        secret_id          TEXT,
        created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (chain_key, xpub)
    );
""",
)


class WalletConnection(sqlite3.Connection):
    """The app's connection, shared by every store and thread. Its one lock is held around each
    store's statements, so a transaction (BEGIN … COMMIT) holds only its own store's statements:
    another thread's write can neither land in it nor be rolled back with it."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lock = threading.RLock()


def connection_lock(connection: sqlite3.Connection) -> threading.RLock:
    """The lock every store of ``connection`` shares (a new one for a connection not made by
    ``connect``, which then has a single user)."""
    return connection.lock if isinstance(connection, WalletConnection) else threading.RLock()


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _create_private(path)
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None, factory=WalletConnection)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = FULL")
    migrate(connection)
    return connection


def _create_private(path: Path) -> None:
    """Create the database file owner-only before SQLite does (it would use 0644), and tighten an
    existing one and its companions."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    for companion in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            make_private(companion, PRIVATE_FILE_MODE)


def migrate(connection: sqlite3.Connection) -> int:
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise RuntimeError(f"the wallet database is from a newer version of the app (schema {version})")
    # Table rebuilds need foreign keys off, which SQLite only honours outside a transaction.
    connection.execute("PRAGMA foreign_keys = OFF")
    try:
        _run_migrations(connection, version)
    finally:
        connection.execute("PRAGMA foreign_keys = ON")
    if connection.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise RuntimeError("the wallet database has dangling references after its migration")
    return len(MIGRATIONS)


def _run_migrations(connection: sqlite3.Connection, version: int) -> None:
    for index in range(version, len(MIGRATIONS)):
        # executescript commits whatever is open before it runs, so the transaction is in the script;
        # a failing statement leaves it open and the ROLLBACK undoes the whole step.
        try:
            connection.executescript(
                f"BEGIN IMMEDIATE;\n{MIGRATIONS[index]}\nPRAGMA user_version = {index + 1};\nCOMMIT;")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
