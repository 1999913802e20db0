"""Sent transactions: persisted the moment they are broadcast, so a restart keeps tracking them.

Amounts and fees are stored as decimal text (uint256 does not fit SQLite's 64-bit integers). The
signed raw transaction is kept for rebroadcasting; it is public data, not a secret.

Kinds: ``send``, ``speedup``, ``cancel``, ``approve`` (token = the token approved, recipient = the
spender) and ``swap`` (token/amount = what is sold, recipient = the router; ``details`` holds the
side bought: ``token_out``, ``symbol_out``, ``decimals_out``, ``amount_out_min`` and, once mined,
``amount_received``).

The atomic-swap engine records what it broadcasts here too, so a swap's transactions and the user's
sends from the same account take nonces from one sequence: ``htlc_lock`` (token/amount = what is
locked, recipient = the swap contract), ``htlc_claim`` and ``htlc_refund`` (the transaction's own
value: none; recipient = the swap contract), and its token approvals as ``approve``. ``details``
names the swap (``swap_id``) and its step (``action``). The engine's own record stays the source of
truth for the engine: it broadcasts these again itself, and only while that is still safe (a
transaction it gives up on is marked ``dropped`` here).

A chain is its id and its genesis block: ``genesis_hash`` names the chain of that id a record was
sent on (None for records from before it was stored, until the tracker has checked them), and
``gone`` marks a record the chain no longer has (a reorg, or a reset whose genesis is unchanged).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from wallet.store.db import connection_lock

PENDING = "pending"
GONE = "gone"
FINAL_STATUSES = ("confirmed", "failed", "replaced", "dropped", GONE)
MINED_STATUSES = ("confirmed", "failed")  # a receipt exists on the chain
_COLUMNS = ("id, chain_id, hash, sender, nonce, recipient, token, symbol, decimals, amount, kind, tx_json, raw, "
            "status, replaces, block_number, fee_paid, created_at, details, genesis_hash")


@dataclass(frozen=True)
class TxRecord:
    id: int
    chain_id: int
    hash: str
    sender: str
    nonce: int
    recipient: str
    token: str | None
    symbol: str
    decimals: int
    amount: int
    kind: str
    tx_json: str = field(repr=False)  # the unsigned fields as stored (``tx`` parses them when first asked)
    raw: str
    status: str
    replaces: int | None
    block_number: int | None
    fee_paid: int | None
    created_at: str
    details_json: str | None = field(default=None, repr=False)  # ``details`` as stored
    genesis_hash: str | None = None  # the genesis block of the chain it was sent on (None: not known yet)

    # Parsed on first use, not when a record is read: History lists thousands of records and needs
    # neither (a frozen dataclass without slots: cached_property writes the instance's __dict__).
    @cached_property
    def tx(self) -> dict[str, Any]:
        """The unsigned fields, for replacements."""
        parsed: dict[str, Any] = json.loads(self.tx_json)
        return parsed

    @cached_property
    def details(self) -> dict[str, Any] | None:
        """A swap's side bought, an atomic swap's step (see the module docstring); None: none."""
        if self.details_json is None:
            return None
        parsed: dict[str, Any] = json.loads(self.details_json)
        return parsed


class TransactionStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = connection_lock(connection)

    def add(self, chain_id: int, tx_hash: str, sender: str, nonce: int, recipient: str, token: str | None,
            symbol: str, decimals: int, amount: int, kind: str, tx: dict[str, Any], raw: str,
            replaces: int | None = None, details: dict[str, Any] | None = None,
            genesis_hash: str | None = None) -> TxRecord:
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO transactions (chain_id, hash, sender, nonce, recipient, token, symbol, decimals, amount, "
                "kind, tx_json, raw, status, replaces, details, genesis_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
                (chain_id, tx_hash, sender, nonce, recipient, token, symbol, decimals, str(amount), kind,
                 json.dumps(_jsonable(tx)), raw, replaces, None if details is None else json.dumps(details),
                 genesis_hash))
        assert cursor.lastrowid is not None
        return self.get(cursor.lastrowid)

    def get(self, record_id: int) -> TxRecord:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM transactions WHERE id = ?", (record_id,)).fetchone()  # noqa: S608
        if row is None:
            raise KeyError(f"no transaction {record_id}")
        return _record(row)

    def find(self, chain_id: int, tx_hash: str) -> TxRecord | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM transactions WHERE chain_id = ? AND hash = ?",  # noqa: S608
                                   (chain_id, tx_hash)).fetchone()
        return None if row is None else _record(row)

    def history(self, chain_id: int | None = None) -> list[TxRecord]:
        where, args = ("WHERE chain_id = ?", (chain_id,)) if chain_id is not None else ("", ())
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM transactions {where} ORDER BY id DESC", args).fetchall()  # noqa: S608
        return [_record(row) for row in rows]

    def pending(self, chain_id: int) -> list[TxRecord]:
        return [r for r in self.history(chain_id) if r.status == PENDING]

    def unchecked(self, chain_id: int) -> list[TxRecord]:
        """Records not yet tied to a genesis block that the tracker still has to look at: pending ones
        (they are on the chain of that id now) and mined ones (is their receipt still there?)."""
        return [r for r in self.history(chain_id)
                if r.genesis_hash is None and (r.status == PENDING or r.status in MINED_STATUSES)]

    def needs_tracking(self, chain_id: int) -> bool:
        return any(r.status == PENDING or (r.genesis_hash is None and r.status in MINED_STATUSES)
                   for r in self.history(chain_id))

    def set_genesis(self, record_id: int, genesis_hash: str) -> None:
        with self._lock:
            self._db.execute("UPDATE transactions SET genesis_hash = ? WHERE id = ?", (genesis_hash, record_id))

    def highest_pending_nonce(self, chain_id: int, sender: str) -> int | None:
        with self._lock:
            row = self._db.execute("SELECT MAX(nonce) FROM transactions WHERE chain_id = ? AND sender = ? "
                                   "AND status = 'pending'", (chain_id, sender)).fetchone()
        return None if row[0] is None else int(row[0])

    def set_status(self, record_id: int, status: str, block_number: int | None = None,
                   fee_paid: int | None = None) -> None:
        with self._lock:
            self._db.execute("UPDATE transactions SET status = ?, block_number = ?, fee_paid = ? WHERE id = ?",
                             (status, block_number, None if fee_paid is None else str(fee_paid), record_id))


    def set_details(self, record_id: int, details: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute("UPDATE transactions SET details = ? WHERE id = ?", (json.dumps(details), record_id))


def _jsonable(tx: dict[str, Any]) -> dict[str, Any]:
    return {k: ("0x" + v.hex() if isinstance(v, bytes | bytearray) else v) for k, v in tx.items()}


def _record(row: tuple[Any, ...]) -> TxRecord:
    (record_id, chain_id, tx_hash, sender, nonce, recipient, token, symbol, decimals, amount, kind, tx_json, raw,
     status, replaces, block_number, fee_paid, created_at, details, genesis_hash) = row
    return TxRecord(record_id, chain_id, tx_hash, sender, nonce, recipient, token, symbol, decimals, int(amount),
                    kind, tx_json, raw, status, replaces, block_number, None if fee_paid is None else int(fee_paid),
                    created_at, details, genesis_hash)
