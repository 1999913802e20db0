"""The database schema moves forward in place: a wallet from an older version keeps its records."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from wallet.store.db import MIGRATIONS, connect, migrate
from wallet.store.transactions import TransactionStore


def test_a_version_4_history_with_a_replacement_survives_the_swap_kinds_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    for index, script in enumerate(MIGRATIONS[:4]):
        old.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {index + 1};\nCOMMIT;")
    row = ("0xs", "0xsender", 7, "0xto", None, "ETH", 18, "5", "{}", "0x", "replaced", None)
    old.execute("INSERT INTO transactions (chain_id, hash, sender, nonce, recipient, token, symbol, decimals, amount,"
                " kind, tx_json, raw, status, replaces) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, 'send', ?, ?, ?, ?)", row)
    old.execute("INSERT INTO transactions (chain_id, hash, sender, nonce, recipient, token, symbol, decimals, amount,"
                " kind, tx_json, raw, status, replaces) VALUES (1, '0xc', '0xsender', 7, '0xsender', NULL, 'ETH', 18,"
                " '0', 'cancel', '{}', '0x', 'pending', 1)")
    old.close()

    connection = connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # back on after the rebuild
    store = TransactionStore(connection)
    history = store.history(1)
    assert {(r.hash, r.kind, r.replaces) for r in history} == {("0xs", "send", None), ("0xc", "cancel", 1)}
    swap = store.add(1, "0xw", "0xsender", 8, "0xrouter", None, "ETH", 18, 10, "swap", {}, "0x",
                     details={"symbol_out": "DUSD"})
    assert store.get(swap.id).details == {"symbol_out": "DUSD"}
    assert migrate(connection) == len(MIGRATIONS)  # idempotent
