"""A BIP-84 account's coins, balance and history from an Electrum server, every mined transaction
proven against our verified headers.

Discovery follows the standard gap limit (20): on each chain (receive, change) addresses are asked
for until the 20 after the last used one have no history. Each round asks for every address it needs
on both chains in ONE JSON-RPC array (``blockchain.scripthash.get_history`` per address), and the
transactions are then fetched and proven in arrays too (``get_merkle`` and ``transaction.get`` per
transaction, 100 calls per array). ElectrumX answers an array in one round trip; one request per item
(``batched=False``, kept for the benchmark) costs a round trip each.

What is believed: a mined transaction only once its raw bytes hash to its id and its Merkle branch
leads to our header at the height the server named; it must pay to one of the account's scripts or
spend one of its coins (a proven transaction that does neither is a lie). Transactions still in the
mempool are the server's word (their bytes still must hash to their ids) and are counted apart
(``unconfirmed``). Coins and balances are computed from the transactions, never taken from the
server's ``listunspent`` or ``get_balance``. As with any single server, omissions cannot be proven.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.account import CHANGE, RECEIVE, Bip84Account
from wallet.utxo.electrum_client import Call, ElectrumConnection, batch_on
from wallet.utxo.errors import (
    BeforeCheckpointError,
    ElectrumProtocolError,
    ElectrumRemoteError,
    InvalidProofError,
)
from wallet.utxo.merkle import is_hash_hex, verify_merkle_proof
from wallet.utxo.transactions import Outpoint, Transaction, parse_transaction
from wallet.utxo.verified import HistoryEntry, VerifiedElectrum, scripthash

GAP_LIMIT = 20


@dataclass(frozen=True)
class AddressState:
    chain: int
    index: int
    script: bytes
    entries: tuple[HistoryEntry, ...]

    @property
    def used(self) -> bool:
        return bool(self.entries)


@dataclass(frozen=True)
class Utxo:
    txid: str
    index: int
    value: int
    height: int  # > 0 mined and proven; 0 or -1 in the mempool
    chain: int
    address_index: int
    script: bytes

    @property
    def outpoint(self) -> Outpoint:
        return Outpoint(self.txid, self.index)


@dataclass(frozen=True)
class HistoryItem:
    txid: str
    height: int
    received: int  # paid to the account's scripts
    sent: int  # the account's coins this transaction spends
    fee: int | None  # known when every input is the account's

    @property
    def net(self) -> int:
        return self.received - self.sent


@dataclass(frozen=True)
class AccountSnapshot:
    tip_height: int
    addresses: tuple[AddressState, ...]
    transactions: dict[str, Transaction]
    heights: dict[str, int]
    utxos: tuple[Utxo, ...]  # unspent by any transaction we know (mined or not)
    confirmed: int  # the balance as the mined (proven) transactions leave it
    unconfirmed: int  # what the mempool transactions change (may be negative)
    history: tuple[HistoryItem, ...]  # mined in block order, then the mempool
    round_trips: int = 0
    # Every transaction's bytes as fetched and checked (proven, or hashed to its id in the mempool): the
    # previous transactions a PSBT carries, the mempool ones rebuilt by a speed up.
    raw: dict[str, bytes] = field(default_factory=dict, repr=False)
    _owned: dict[bytes, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def pending_raw(self) -> dict[str, bytes]:
        """The mempool transactions' bytes (for RBF and CPFP)."""
        return {txid: raw for txid, raw in self.raw.items() if self.heights.get(txid, 0) <= 0}

    def owner(self, script: bytes) -> tuple[int, int] | None:
        """``(chain, index)`` of one of the account's scripts among those discovered."""
        return self._owned.get(script)

    def first_unused(self, chain: int) -> int:
        """The lowest index on ``chain`` with no history (the next receive or change address)."""
        used = {a.index for a in self.addresses if a.chain == chain and a.used}
        index = 0
        while index in used:
            index += 1
        return index

    def spendable(self, include_unconfirmed: bool = False) -> list[Utxo]:
        return [u for u in self.utxos if u.height > 0 or include_unconfirmed]


def status_hash(entries: Sequence[HistoryEntry]) -> str | None:
    """The Electrum protocol's status of a script's history (what ``scripthash.subscribe`` returns)."""
    if not entries:
        return None
    return hashlib.sha256("".join(f"{e.txid}:{e.height}:" for e in entries).encode()).hexdigest()


class AccountSync:
    """Syncs one account through one ``VerifiedElectrum`` (its servers, with failover)."""

    def __init__(self, verified: VerifiedElectrum, account: Bip84Account, gap_limit: int = GAP_LIMIT,
                 batched: bool = True) -> None:
        self.verified = verified
        self.account = account
        self.gap_limit = gap_limit
        self.batched = batched

    def sync(self) -> AccountSnapshot:
        before = self._exchanges()
        self.verified.sync_headers()
        snapshot = self.verified.client.call(self._sync_on)
        return dataclasses.replace(snapshot, round_trips=self._exchanges() - before)

    def statuses(self, snapshot: AccountSnapshot) -> list[AddressState]:
        """Subscribes to every discovered address (one array) and returns those whose status differs
        from the snapshot's history: the addresses to sync again. New addresses beyond the gap are
        found by the next ``sync``."""
        def ask(connection: ElectrumConnection) -> list[AddressState]:
            answers = self._ask(connection, [("blockchain.scripthash.subscribe", [scripthash(a.script)])
                                             for a in snapshot.addresses])
            return [a for a, status in zip(snapshot.addresses, answers, strict=True)
                    if status != status_hash(a.entries)]
        return self.verified.client.call(ask)

    # --- internals -----------------------------------------------------------------------------------
    def _exchanges(self) -> int:
        return sum(c.exchanges for c in self.verified.client.connections)

    def _ask(self, connection: ElectrumConnection, calls: Sequence[Call]) -> list[Any]:
        """Every call's result: in arrays of up to 100 calls, or one request per call."""
        try:
            if self.batched:
                return batch_on(connection, calls)
            return [connection.request(method, params) for method, params in calls]
        except ElectrumRemoteError as refusal:  # a read the server must answer
            raise ElectrumProtocolError(server=connection.label, reason=refusal) from None

    def _sync_on(self, connection: ElectrumConnection) -> AccountSnapshot:
        addresses = self._discover(connection)
        heights: dict[str, int] = {}
        for address in addresses:
            for entry in address.entries:
                if heights.setdefault(entry.txid, entry.height) != entry.height:
                    raise ElectrumProtocolError(server=connection.label, reason=QT_TRANSLATE_NOOP(
                        "WalletError", "it names two heights for one transaction"))
        mined = sorted(((t, h) for t, h in heights.items() if h > 0), key=lambda item: item[1])
        pending = [t for t, h in heights.items() if h <= 0]
        if mined and mined[-1][1] > self.verified.chain.tip_height:
            self.verified.sync_headers()
        proven = self._prove(connection, mined)
        transactions = {t.txid: t for t, _ in proven}
        raw = {t.txid: raw for t, raw in proven}
        answers = self._ask(connection, [("blockchain.transaction.get", [txid]) for txid in pending])
        for txid, raw_hex in zip(pending, answers, strict=True):
            raw[txid] = _hex_bytes(raw_hex, connection.label)
            transactions[txid] = parse_transaction(raw[txid], txid)
        return dataclasses.replace(self._account_view(addresses, transactions, heights), raw=raw)

    def _discover(self, connection: ElectrumConnection) -> list[AddressState]:
        found: dict[int, list[AddressState]] = {RECEIVE: [], CHANGE: []}
        while True:
            wanted: list[tuple[int, int]] = []
            for chain, states in found.items():
                last_used = max((s.index for s in states if s.used), default=-1)
                wanted += [(chain, i) for i in range(len(states), last_used + 1 + self.gap_limit)]
            if not wanted:
                return found[RECEIVE] + found[CHANGE]
            scripts = [self.account.script(chain, index) for chain, index in wanted]
            answers = self._ask(connection, [("blockchain.scripthash.get_history", [scripthash(s)])
                                             for s in scripts])
            for (chain, index), script, answer in zip(wanted, scripts, answers, strict=True):
                found[chain].append(AddressState(chain, index, script, _entries(answer, connection.label)))

    def _prove(self, connection: ElectrumConnection,
               items: Sequence[tuple[str, int]]) -> list[tuple[Transaction, bytes]]:
        """Each ``(txid, height)`` fetched with its Merkle branch, as ``VerifiedElectrum.prove`` does,
        through ``_ask`` (arrays, or one request per item); each transaction with its bytes."""
        calls: list[Call] = []
        for txid, height in items:
            calls += [("blockchain.transaction.get_merkle", [txid, height]), ("blockchain.transaction.get", [txid])]
        answers = self._ask(connection, calls)
        chain = self.verified.chain
        proven = []
        for (txid, height), proof, raw_hex in zip(items, answers[0::2], answers[1::2], strict=True):
            if not isinstance(proof, dict) or not isinstance(proof.get("merkle"), list) \
                    or not isinstance(proof.get("pos"), int):
                raise ElectrumProtocolError(server=connection.label, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "a Merkle proof is malformed"))
            if proof.get("block_height") != height:
                raise InvalidProofError(txid=txid, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "the proof is for another block than the server named"))
            if height <= chain.first_height and chain.anchored:
                raise BeforeCheckpointError(txid=txid, height=height, first=chain.first_height + 1)
            header = chain.header(height)
            if header is None:
                raise InvalidProofError(txid=txid, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "the server named a block beyond its own chain"))
            raw = _hex_bytes(raw_hex, connection.label)
            transaction = parse_transaction(raw, txid)
            verify_merkle_proof(txid, proof["merkle"], proof["pos"], header.merkle_root)
            proven.append((transaction, raw))
        return proven

    def _account_view(self, addresses: list[AddressState], transactions: dict[str, Transaction],
                      heights: dict[str, int]) -> AccountSnapshot:
        owned = {a.script: (a.chain, a.index) for a in addresses}
        ours: dict[Outpoint, tuple[int, bytes]] = {}  # every output paid to the account
        for transaction in transactions.values():
            for position, output in enumerate(transaction.outputs):
                if output.script in owned:
                    ours[Outpoint(transaction.txid, position)] = (output.value, output.script)
        spent_by: dict[Outpoint, str] = {}
        for transaction in transactions.values():
            for outpoint in transaction.inputs:
                if outpoint in ours:
                    spent_by[outpoint] = transaction.txid
        for transaction in transactions.values():
            involved = any(Outpoint(transaction.txid, i) in ours for i in range(len(transaction.outputs))) \
                or any(outpoint in ours for outpoint in transaction.inputs)
            if not involved:
                raise InvalidProofError(txid=transaction.txid, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "the transaction does not involve the address"))
        utxos = []
        confirmed = total = 0
        for outpoint, (value, script) in ours.items():
            height = heights[outpoint.txid]
            spender = spent_by.get(outpoint)
            if spender is None:
                chain, index = owned[script]
                utxos.append(Utxo(outpoint.txid, outpoint.index, value, height, chain, index, script))
                total += value
            if height > 0 and (spender is None or heights[spender] <= 0):
                confirmed += value
        order = sorted(transactions, key=lambda t: (heights[t] <= 0, heights[t] if heights[t] > 0 else 0))
        history = []
        for txid in order:
            transaction = transactions[txid]
            received = sum(o.value for o in transaction.outputs if o.script in owned)
            inputs = [ours.get(outpoint) for outpoint in transaction.inputs]
            sent = sum(i[0] for i in inputs if i is not None)
            fee = sent - sum(o.value for o in transaction.outputs) if all(i is not None for i in inputs) else None
            history.append(HistoryItem(txid, heights[txid], received, sent, fee))
        utxos.sort(key=lambda u: (u.height <= 0, u.height, u.txid, u.index))
        return AccountSnapshot(tip_height=self.verified.chain.tip_height, addresses=tuple(addresses),
                               transactions=transactions, heights=heights, utxos=tuple(utxos),
                               confirmed=confirmed, unconfirmed=total - confirmed, history=tuple(history),
                               _owned=owned)


def _entries(value: Any, server: str) -> tuple[HistoryEntry, ...]:
    entries = []
    for item in value if isinstance(value, list) else [None]:
        txid = item.get("tx_hash") if isinstance(item, dict) else None
        height = item.get("height") if isinstance(item, dict) else None
        if not is_hash_hex(txid) or not isinstance(height, int) or isinstance(height, bool) or height < -1:
            raise ElectrumProtocolError(server=server, reason=QT_TRANSLATE_NOOP(
                "WalletError", "the history is malformed"))
        entries.append(HistoryEntry(str(txid), height))
    return tuple(entries)


def _hex_bytes(value: Any, server: str) -> bytes:
    if isinstance(value, str):
        try:
            return bytes.fromhex(value)
        except ValueError:
            pass
    raise ElectrumProtocolError(server=server, reason=QT_TRANSLATE_NOOP("WalletError", "a transaction is not hex"))
