"""What the chain says moved to or from our accounts: token ``Transfer`` logs and coin payments,
found by the history sync (the wallet's own sends are in ``transactions``).

A transfer belongs to one chain identity (chain id + genesis hash): a restarted playground with the
same id starts an empty history. ``log_index`` is the log's index in its block for a token
transfer, and ``COIN_TRANSFER`` (-1) for a transaction's coin value. Amounts are decimal text
(uint256 does not fit SQLite's integers). Each scan's position is kept per (chain, address,
source) so that an interrupted scan resumes where it stopped.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

COIN_TRANSFER = -1  # a transaction's coin value; coins paid by a contract inside it: -2, -3, …
KIND_TOKEN, KIND_COIN, KIND_INTERNAL = "token", "coin", "internal"
_KIND_CLAUSES = {KIND_TOKEN: "log_index >= 0", KIND_COIN: "log_index = -1", KIND_INTERNAL: "log_index < -1"}
_COLUMNS = ("chain_id, genesis_hash, tx_hash, log_index, block_number, timestamp, sender, recipient, token, "
            "symbol, decimals, amount")


@dataclass(frozen=True)
class Transfer:
    chain_id: int
    genesis_hash: str
    tx_hash: str
    log_index: int  # COIN_TRANSFER for the transaction's coin value
    block_number: int
    timestamp: int | None  # the block's time (Unix seconds), when known
    sender: str
    recipient: str
    token: str | None  # None: the chain's coin
    symbol: str | None  # the token's, when known when it was found
    decimals: int | None
    amount: int


class TransferStore:
    """Thread-safe. Works through a connection of its own to the same database file (the app's is
    shared by every store and thread): its transactions (a range replaced, many rows in one commit)
    then hold its statements only, and another store's write can neither land in one nor be rolled
    back with it. An in-memory database has no file to open again: its connection is used."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = _own_connection(connection)
        self._lock = threading.Lock()

    def add_many(self, transfers: Iterable[Transfer]) -> int:
        """Stores transfers not seen before; returns how many were new."""
        rows = [(t.chain_id, t.genesis_hash, t.tx_hash, t.log_index, t.block_number, t.timestamp, t.sender,
                 t.recipient, t.token, t.symbol, t.decimals, str(t.amount)) for t in transfers]
        with self._lock:
            before = self._db.total_changes
            self._db.execute("BEGIN IMMEDIATE")  # one commit (one fsync), not one per row
            try:
                self._db.executemany(f"INSERT OR IGNORE INTO transfers ({_COLUMNS}) "  # noqa: S608
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            return self._db.total_changes - before

    def for_chain(self, chain_id: int, genesis_hash: str) -> list[Transfer]:
        """Newest first."""
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM transfers WHERE chain_id = ? AND genesis_hash = ? "  # noqa: S608
                                    "ORDER BY block_number DESC, log_index DESC", (chain_id, genesis_hash)).fetchall()
        return [_transfer(row) for row in rows]

    def next_block(self, chain_id: int, genesis_hash: str, address: str, source: str) -> int | None:
        """The first block a scan of ``source`` for ``address`` has not read yet (None: never scanned)."""
        with self._lock:
            row = self._db.execute("SELECT next_block FROM history_sync WHERE chain_id = ? AND genesis_hash = ? "
                                   "AND address = ? AND source = ?",
                                   (chain_id, genesis_hash, address, source)).fetchone()
        return None if row is None else int(row[0])

    def set_next_block(self, chain_id: int, genesis_hash: str, address: str, source: str, next_block: int) -> None:
        with self._lock:
            self._db.execute("INSERT INTO history_sync (chain_id, genesis_hash, address, source, next_block) "
                             "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chain_id, genesis_hash, address, source) "
                             "DO UPDATE SET next_block = excluded.next_block",
                             (chain_id, genesis_hash, address, source, next_block))

    def replace_range(self, chain_id: int, genesis_hash: str, addresses: Iterable[str], kind: str, first: int,
                      last: int | None, transfers: Iterable[Transfer]) -> int:
        """In one database transaction: forget the stored transfers of one ``kind`` (``KIND_TOKEN``,
        ``KIND_COIN``: a transaction's value, ``KIND_INTERNAL``: coins a contract paid) to or
        from ``addresses`` in blocks ``first``..``last`` (None: no upper bound), then store
        ``transfers``. A range read again (the blocks near the head, which a reorganisation may have
        replaced) then holds what the chain says now, not what it said before. Returns how many of
        ``transfers`` were not stored before."""
        lowered = sorted({a.lower() for a in addresses})
        if not lowered:
            return 0
        marks = ", ".join("?" * len(lowered))
        kind_clause = _KIND_CLAUSES[kind]
        upper, bound = ("AND block_number <= ?", [last]) if last is not None else ("", [])
        where = (f"chain_id = ? AND genesis_hash = ? AND {kind_clause} AND block_number >= ? {upper} "
                 f"AND (lower(sender) IN ({marks}) OR lower(recipient) IN ({marks}))")
        args: list[object] = [chain_id, genesis_hash, first, *bound, *lowered, *lowered]
        rows = [(t.chain_id, t.genesis_hash, t.tx_hash, t.log_index, t.block_number, t.timestamp, t.sender,
                 t.recipient, t.token, t.symbol, t.decimals, str(t.amount)) for t in transfers]
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                old = {(str(h), int(i)) for h, i in self._db.execute(
                    f"SELECT tx_hash, log_index FROM transfers WHERE {where}", args).fetchall()}  # noqa: S608
                self._db.execute(f"DELETE FROM transfers WHERE {where}", args)  # noqa: S608
                self._db.executemany(f"INSERT OR IGNORE INTO transfers ({_COLUMNS}) "  # noqa: S608
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return sum(1 for row in rows if (row[2], row[3]) not in old)

    def count(self, chain_id: int, genesis_hash: str) -> int:
        with self._lock:
            row = self._db.execute("SELECT COUNT(*) FROM transfers WHERE chain_id = ? AND genesis_hash = ?",
                                   (chain_id, genesis_hash)).fetchone()
        return int(row[0])


def _own_connection(shared: sqlite3.Connection) -> sqlite3.Connection:
    path = next((str(file) for _, name, file in shared.execute("PRAGMA database_list").fetchall()
                 if name == "main"), "")
    if not path:
        return shared
    # The file exists, migrated and in WAL mode (set by the shared connection: it persists). A writer
    # waits for another connection's write to end rather than failing at once.
    own = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30.0)
    own.execute("PRAGMA synchronous = FULL")
    own.execute("PRAGMA foreign_keys = ON")
    return own


def _transfer(row: tuple[Any, ...]) -> Transfer:
    """A row as SQLite returns it (the columns' types are the fields'; the amount is decimal text)."""
    (chain_id, genesis_hash, tx_hash, log_index, block_number, timestamp, sender, recipient, token, symbol, decimals,
     amount) = row
    return Transfer(chain_id, genesis_hash, tx_hash, log_index, block_number, timestamp, sender, recipient, token,
                    symbol, decimals, int(amount))
