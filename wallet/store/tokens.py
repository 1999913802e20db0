"""Tokens the user tracks beyond the registry's: imported from token lists or added by address."""

from __future__ import annotations

import sqlite3

from wallet.chains.registry import Chain, TokenInfo
from wallet.store.db import connection_lock


class TokenStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = connection_lock(connection)

    def add(self, chain_id: int, token: TokenInfo, source: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO tokens (chain_id, address, symbol, name, decimals, source) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (chain_id, address) DO UPDATE SET symbol = excluded.symbol, name = excluded.name, "
                "decimals = excluded.decimals",
                (chain_id, token.address, token.symbol, token.name, token.decimals, source))

    def for_chain(self, chain_id: int) -> list[TokenInfo]:
        with self._lock:
            rows = self._db.execute("SELECT address, symbol, name, decimals FROM tokens WHERE chain_id = ? "
                                    "ORDER BY symbol", (chain_id,)).fetchall()
        return [TokenInfo(str(a), str(s), str(n), int(d)) for a, s, n, d in rows]

    def tracked(self, chain: Chain) -> list[TokenInfo]:
        """The registry's tokens for ``chain`` (its dollar stablecoin included), then the user's."""
        builtin = [*chain.tokens, *([chain.usd_token] if chain.usd_token else [])]
        ordered: dict[str, TokenInfo] = {}
        for token in (*builtin, *self.for_chain(chain.chain_id)):
            ordered.setdefault(token.address, token)
        return list(ordered.values())
