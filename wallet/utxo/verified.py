"""What an Electrum server says, believed only as far as proof of work and Merkle proofs show it,
as Electrum itself does.

* Headers: ``sync_headers`` fetches the server's headers after our tip and checks them
  (``wallet.utxo.headers.HeaderChain``); the tip the server announces must be the one it served.
* Transactions: ``prove`` fetches each transaction and its Merkle proof in one batch; the raw bytes
  must hash to the id and the proof must lead to the Merkle root of our verified header at the
  height the server named. A server that cannot prove a confirmed transaction it told us about
  (it answers the proof request with an error) is lying too.
* History: every confirmed entry is proven, and must pay to the script or spend one of the script's
  proven coins.
* Balance: computed from proven coins only (each coin's transaction proven, its output's script and
  value as the server said); the server's own ``get_balance`` is never used. Coins not yet mined
  are reported apart, as the server's word.

Any of these failing is a ``ProofFailedError``: ``ElectrumClient.call`` drops the server for good and
asks the next one. Limits: a server can still hide coins or transactions (omission cannot be proven
by one server) and can report a spent coin as unspent until the spend is mined into a block we see.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.electrum_client import ElectrumClient, ElectrumConnection, header_bytes, read_on
from wallet.utxo.errors import (
    BeforeCheckpointError,
    ElectrumProtocolError,
    ElectrumRemoteError,
    InvalidHeaderError,
    InvalidProofError,
    WeakerBranchError,
)
from wallet.utxo.headers import HeaderChain
from wallet.utxo.merkle import is_hash_hex, verify_merkle_proof
from wallet.utxo.transactions import Transaction, parse_transaction, read_transaction

HEADERS_PER_REQUEST = 2016  # ElectrumX serves at most this many per blockchain.block.headers


def scripthash(script: bytes) -> str:
    """The Electrum protocol's name of an output script: SHA-256, byte-reversed, hex."""
    return hashlib.sha256(script).digest()[::-1].hex()


@dataclass(frozen=True)
class HistoryEntry:
    txid: str
    height: int  # > 0 mined (proven); 0 or -1 in the mempool (the server's word)

    @property
    def proven(self) -> bool:
        return self.height > 0


@dataclass(frozen=True)
class Coin:
    txid: str
    index: int
    value: int
    height: int


@dataclass(frozen=True)
class Balance:
    confirmed: int  # the sum of proven coins
    unconfirmed: int  # coins in the mempool: the server's word, not proven
    coins: tuple[Coin, ...]  # the proven coins


def _protocol_error(server: str, reason: str) -> ElectrumProtocolError:
    return ElectrumProtocolError(server=server, reason=reason)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class VerifiedElectrum:
    """A header chain kept in step with the servers, and proven answers about transactions."""

    def __init__(self, client: ElectrumClient, chain: HeaderChain | None = None) -> None:
        self.client = client
        self.chain = chain if chain is not None else HeaderChain(client.network)

    # --- headers ------------------------------------------------------------------------------------
    def sync_headers(self) -> int:
        """Our verified tip height after catching up with a server."""
        return self.client.call(self._sync_on)

    def _sync_on(self, connection: ElectrumConnection) -> int:
        label = connection.label
        tip = read_on(connection, "blockchain.headers.subscribe", [])
        tip_height = _int(tip.get("height")) if isinstance(tip, dict) else None
        if tip_height is None or tip_height < 0 or not isinstance(tip, dict):
            raise _protocol_error(label, QT_TRANSLATE_NOOP("WalletError", "its chain tip is malformed"))
        tip_raw = header_bytes(tip.get("hex"), 1, label)
        ours = self.chain.header(tip_height)
        if ours is not None and ours.raw == tip_raw:
            return self.chain.tip_height  # the server is at our tip, or behind on our chain
        # Read from after our tip, or from the server's tip when that is not above ours (another
        # branch at or below our height: connect() then weighs the branches' work).
        start, step = min(self.chain.tip_height + 1, tip_height), 1
        while start <= tip_height:
            count = min(HEADERS_PER_REQUEST, tip_height - start + 1)
            answer = read_on(connection, "blockchain.block.headers", [start, count])
            served = _int(answer.get("count")) if isinstance(answer, dict) else None
            if served is None or not 0 < served <= count or not isinstance(answer, dict):
                raise _protocol_error(label, QT_TRANSLATE_NOOP("WalletError", "its block headers are malformed"))
            raw = header_bytes(answer.get("hex"), served, label)
            below = self.chain.header(start - 1)
            if below is not None and raw[4:36] != below.hash:
                # Our tip is not on the server's chain: a reorganisation. Step back (1, 2, 4… blocks)
                # until its headers link; HeaderChain.connect then demands more work of the branch.
                floor = self.chain.first_height + (1 if self.chain.anchored else 0)
                if start > floor:
                    start, step = max(floor, start - step), step * 2
                    continue  # at the floor, connect() names the header that does not link
            try:
                self.chain.connect(start, raw)
            except WeakerBranchError as stale:  # true headers on a branch we do not follow: no lie
                raise ElectrumProtocolError(server=label, reason=stale) from None
            start += served
        held = self.chain.header(tip_height)
        if held is None or held.raw != tip_raw:
            raise InvalidHeaderError(height=tip_height, reason=QT_TRANSLATE_NOOP(
                "WalletError", "the announced tip is not the header the server served"))
        return self.chain.tip_height

    # --- transactions -------------------------------------------------------------------------------
    def prove(self, items: Sequence[tuple[str, int]]) -> list[Transaction]:
        """Each ``(txid, height)`` mined transaction, fetched and proven to be in our chain."""
        return self.client.call(lambda connection: self._prove_on(connection, items))

    def _prove_on(self, connection: ElectrumConnection, items: Sequence[tuple[str, int]]) -> list[Transaction]:
        if not items:
            return []
        if max(height for _, height in items) > self.chain.tip_height:
            self._sync_on(connection)
        calls: list[tuple[str, list[Any]]] = []
        for txid, height in items:
            calls += [("blockchain.transaction.get_merkle", [txid, height]), ("blockchain.transaction.get", [txid])]
        answers: list[Any] = []
        for start in range(0, len(calls), 100):
            answers += connection.request_batch(calls[start:start + 100])
        proven = []
        for (txid, height), proof, raw_hex in zip(items, answers[0::2], answers[1::2], strict=True):
            if isinstance(proof, ElectrumRemoteError) or isinstance(raw_hex, ElectrumRemoteError):
                raise InvalidProofError(txid=txid, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "the server cannot prove a transaction it reported"))
            if not isinstance(proof, dict) or not isinstance(proof.get("merkle"), list) \
                    or _int(proof.get("pos")) is None or not isinstance(raw_hex, str):
                raise _protocol_error(connection.label, QT_TRANSLATE_NOOP("WalletError", "a Merkle proof is malformed"))
            if proof.get("block_height") != height:
                raise InvalidProofError(txid=txid, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "the proof is for another block than the server named"))
            if height <= self.chain.first_height and self.chain.anchored:
                raise BeforeCheckpointError(txid=txid, height=height, first=self.chain.first_height + 1)
            header = self.chain.header(height)
            if header is None:
                raise InvalidProofError(txid=txid, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "the server named a block beyond its own chain"))
            try:
                raw = bytes.fromhex(raw_hex)
            except ValueError:
                raise _protocol_error(connection.label, QT_TRANSLATE_NOOP(
                    "WalletError", "a transaction is not hex")) from None
            transaction = parse_transaction(raw, txid)
            verify_merkle_proof(txid, proof["merkle"], proof["pos"], header.merkle_root)
            proven.append(transaction)
        return proven

    def broadcast(self, raw: bytes) -> str:
        """Sends a signed transaction; its id. The server must report the id we computed (one that
        names another is lying, and the next server is asked); a rejection by the server's node is
        believed and raised (``ElectrumRemoteError`` with the node's reason)."""
        txid = read_transaction(raw).txid
        return self.client.call(lambda connection: self._broadcast_on(connection, raw, txid))

    def broadcast_everywhere(self, raw: bytes) -> list[str | None]:
        """Sends a signed transaction through every server (one server could keep it from the
        network by refusing it or by saying it sent it): per server that answered, None when its
        node took it, or that node's reason for refusing it."""
        txid = read_transaction(raw).txid

        def ask(connection: ElectrumConnection) -> str | None:
            try:
                self._broadcast_on(connection, raw, txid)
            except ElectrumRemoteError as refusal:
                return str(refusal.params.get("message", ""))
            return None
        return self.client.call_each(ask)

    @staticmethod
    def _broadcast_on(connection: ElectrumConnection, raw: bytes, txid: str) -> str:
        reported = connection.request("blockchain.transaction.broadcast", [raw.hex()])
        if reported != txid:
            raise InvalidProofError(txid=txid, reason=QT_TRANSLATE_NOOP(
                "WalletError", "the server reported a different transaction id"))
        return txid

    # --- addresses ----------------------------------------------------------------------------------
    def history(self, script: bytes) -> list[HistoryEntry]:
        """The script's transactions as the server lists them, every mined one proven to be in our
        chain and to pay to the script or spend one of its proven coins."""
        return self.client.call(lambda connection: self.history_on(connection, script))

    def history_on(self, connection: ElectrumConnection, script: bytes) -> list[HistoryEntry]:
        """``history`` as one server gives it."""
        entries = self._entries(connection, read_on(connection, "blockchain.scripthash.get_history",
                                                    [scripthash(script)]))
        mined = [e for e in entries if e.proven]
        transactions = self._prove_on(connection, [(e.txid, e.height) for e in mined])
        ours = {(t.txid, i) for t in transactions for i, o in enumerate(t.outputs) if o.script == script}
        for transaction in transactions:
            pays = any(o.script == script for o in transaction.outputs)
            spends = any((i.txid, i.index) in ours for i in transaction.inputs)
            if not pays and not spends:
                raise InvalidProofError(txid=transaction.txid, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "the transaction does not involve the address"))
        return entries

    def balance(self, script: bytes) -> Balance:
        """The script's unspent coins as the server lists them, each mined one proven: its
        transaction in our chain, paying ``value`` to ``script`` at ``index``."""
        return self.client.call(lambda connection: self.balance_on(connection, script))

    def balance_on(self, connection: ElectrumConnection, script: bytes) -> Balance:
        """``balance`` as one server gives it."""
        coins = self._coins(connection, read_on(connection, "blockchain.scripthash.listunspent",
                                                [scripthash(script)]))
        mined = [c for c in coins if c.height > 0]
        transactions = self._prove_on(connection, [(c.txid, c.height) for c in mined])
        for coin, transaction in zip(mined, transactions, strict=True):
            output = transaction.outputs[coin.index] if coin.index < len(transaction.outputs) else None
            if output is None or output.script != script or output.value != coin.value:
                raise InvalidProofError(txid=coin.txid, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "the transaction does not pay the reported coin to the address"))
        return Balance(confirmed=sum(c.value for c in mined),
                       unconfirmed=sum(c.value for c in coins if c.height <= 0), coins=tuple(mined))

    @staticmethod
    def _entries(connection: ElectrumConnection, value: Any) -> list[HistoryEntry]:
        entries = []
        for item in value if isinstance(value, list) else [None]:
            txid = item.get("tx_hash") if isinstance(item, dict) else None
            height = _int(item.get("height")) if isinstance(item, dict) else None
            if not is_hash_hex(txid) or height is None or height < -1:
                raise _protocol_error(connection.label, QT_TRANSLATE_NOOP("WalletError", "the history is malformed"))
            entries.append(HistoryEntry(str(txid), height))
        return entries

    @staticmethod
    def _coins(connection: ElectrumConnection, value: Any) -> list[Coin]:
        coins = []
        for item in value if isinstance(value, list) else [None]:
            fields = [item.get(k) for k in ("tx_pos", "value", "height")] if isinstance(item, dict) else [None] * 3
            txid = item.get("tx_hash") if isinstance(item, dict) else None
            index, amount, height = (_int(f) for f in fields)
            if not is_hash_hex(txid) or index is None or amount is None or height is None \
                    or index < 0 or amount < 0 or height < -1:
                raise _protocol_error(connection.label, QT_TRANSLATE_NOOP("WalletError", "the coin list is malformed"))
            coins.append(Coin(str(txid), index, amount, height))
        return coins
