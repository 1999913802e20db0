"""Atomic swaps, each an append-only list of events (as Komodo's ``saved_swap``): the engine
rebuilds a swap's state by replaying them, so resuming after a crash is a pure function of what was
saved. Events are never updated or deleted. Each append is its own committed transaction (the
connection is in autocommit mode with ``synchronous = FULL``): once ``append`` returns, the event
survives a crash, which is what lets the engine save a signed transaction before broadcasting it.

Payloads are JSON. A swap's secret is only ever stored encrypted (the engine encrypts it); the
signed transactions stored here are public once broadcast.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from wallet.store.db import connection_lock


@dataclass(frozen=True)
class SwapEvent:
    seq: int
    kind: str
    payload: dict[str, Any]
    created_at: str


class SwapStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = connection_lock(connection)

    def create(self, swap_id: str, role: str, first_kind: str, payload: dict[str, Any]) -> bool:
        """A new swap with its first event, in one transaction. False (and nothing written) when the
        swap exists already: accepting the same offer twice is one swap."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if self._db.execute("SELECT 1 FROM swaps WHERE id = ?", (swap_id,)).fetchone() is not None:
                    self._db.execute("ROLLBACK")
                    return False
                self._db.execute("INSERT INTO swaps (id, role) VALUES (?, ?)", (swap_id, role))
                self._db.execute("INSERT INTO swap_events (swap_id, seq, kind, payload) VALUES (?, 0, ?, ?)",
                                 (swap_id, first_kind, json.dumps(payload, sort_keys=True)))
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        return True

    def append(self, swap_id: str, kind: str, payload: dict[str, Any]) -> SwapEvent:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._db.execute("SELECT MAX(seq) FROM swap_events WHERE swap_id = ?", (swap_id,)).fetchone()
                if row[0] is None:
                    raise KeyError(f"no swap {swap_id}")
                seq = int(row[0]) + 1
                self._db.execute("INSERT INTO swap_events (swap_id, seq, kind, payload) VALUES (?, ?, ?, ?)",
                                 (swap_id, seq, kind, json.dumps(payload, sort_keys=True)))
                created = self._db.execute("SELECT created_at FROM swap_events WHERE swap_id = ? AND seq = ?",
                                           (swap_id, seq)).fetchone()[0]
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        return SwapEvent(seq, kind, payload, created)

    def events(self, swap_id: str) -> list[SwapEvent]:
        with self._lock:
            rows = self._db.execute("SELECT seq, kind, payload, created_at FROM swap_events WHERE swap_id = ? "
                                    "ORDER BY seq", (swap_id,)).fetchall()
        return [SwapEvent(int(seq), kind, json.loads(payload), created) for seq, kind, payload, created in rows]

    def swaps(self) -> list[tuple[str, str]]:
        """(id, role) of every swap, oldest first."""
        with self._lock:
            rows = self._db.execute("SELECT id, role FROM swaps ORDER BY created_at, id").fetchall()
        return [(str(swap_id), str(role)) for swap_id, role in rows]
