"""Follows pending transactions to the end: confirmed, failed, replaced by a sibling with the same
nonce, or dropped (the nonce was used by a transaction this wallet did not send). A pending one
that the node no longer knows is broadcast again from its stored raw bytes.

A chain is its id and its genesis block: only records of the chain the client is on (same genesis)
are followed; each record not yet tied to a genesis is tied to this one when the chain has it (a
pending one is being sent here; a mined one, when its receipt is here), and a mined record whose
receipt the chain no longer has (a reorg, a reset) is marked ``gone``, never left "confirmed"."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from wallet.chains.rpc import ChainClient, RpcRemoteError, optional_object, parse_quantity, quantity
from wallet.store.transactions import GONE, MINED_STATUSES, PENDING, TransactionStore, TxRecord

# Mined records this close to the head are checked again on each pass: a reorg deeper than this is
# not expected on any chain we support.
REORG_DEPTH_BLOCKS = 64


@dataclass(frozen=True)
class _Receipt:
    ok: bool
    block_number: int
    fee_wei: int


def track_pending(client: ChainClient, store: TransactionStore, genesis: str | None = None) -> list[TxRecord]:
    """One pass over the chain's pending transactions; returns the records whose status changed.

    ``genesis``: the chain's genesis hash (``genesis_hash(client)``, which the app always passes);
    without it, every pending record of the chain id is followed and none is tied to a genesis."""
    chain_id = client.chain.chain_id
    changed: set[int] = set()
    if genesis is not None:
        changed = _check_mined(client, store, genesis)
        for record in store.unchecked(chain_id):
            if record.status == PENDING:
                store.set_genesis(record.id, genesis)
    pending = [r for r in store.pending(chain_id) if genesis is None or r.genesis_hash == genesis]
    for record in pending:
        receipt = client.request("eth_getTransactionReceipt", [record.hash], parse=_parse_receipt)
        if receipt is None:
            continue
        store.set_status(record.id, "confirmed" if receipt.ok else "failed", receipt.block_number, receipt.fee_wei)
        changed.add(record.id)
        for sibling in pending:
            if sibling.id != record.id and (sibling.sender, sibling.nonce) == (record.sender, record.nonce):
                store.set_status(sibling.id, "replaced")
                changed.add(sibling.id)
    mined_counts: dict[str, int] = {}
    for record in (r for r in pending if r.id not in changed):
        if record.sender not in mined_counts:
            mined_counts[record.sender] = client.request(
                "eth_getTransactionCount", [record.sender, "latest"], parse=quantity("nonce"))
        if mined_counts[record.sender] > record.nonce:
            store.set_status(record.id, "dropped")
            changed.add(record.id)
        elif record.kind.startswith("htlc_"):
            # The swap engine resends its own transactions, and only while that is still safe: a claim
            # resent after the counterparty may refund would reveal the secret too late.
            continue
        elif client.request("eth_getTransactionByHash", [record.hash], parse=optional_object) is None:
            _rebroadcast(client, record)
    return [store.get(record_id) for record_id in sorted(changed)]


def _check_mined(client: ChainClient, store: TransactionStore, genesis: str) -> set[int]:
    """Mined records of this chain not yet tied to a genesis, or near the head: is the receipt still
    there? Returns the ids of those marked ``gone``."""
    records = [r for r in store.history(client.chain.chain_id)
               if r.status in MINED_STATUSES and r.genesis_hash in (None, genesis)]
    if not records:
        return set()
    head = client.block_number()
    gone: set[int] = set()
    for record in records:
        recent = record.block_number is None or record.block_number > head - REORG_DEPTH_BLOCKS
        if record.genesis_hash is not None and not recent:
            continue
        receipt = client.request("eth_getTransactionReceipt", [record.hash], parse=_parse_receipt)
        if receipt is None:
            store.set_status(record.id, GONE)
            gone.add(record.id)
        elif record.genesis_hash is None:
            store.set_genesis(record.id, genesis)
    return gone


def _parse_receipt(value: Any, endpoint: str) -> _Receipt | None:
    """A receipt, checked field by field against the node that sent it (None: not mined yet)."""
    receipt = optional_object(value, endpoint)
    if receipt is None:
        return None
    fee = (parse_quantity(receipt.get("gasUsed"), "gasUsed", endpoint)
           * parse_quantity(receipt.get("effectiveGasPrice"), "effectiveGasPrice", endpoint))
    return _Receipt(parse_quantity(receipt.get("status"), "status", endpoint) == 1,
                    parse_quantity(receipt.get("blockNumber"), "blockNumber", endpoint), fee)


def _rebroadcast(client: ChainClient, record: TxRecord) -> None:
    # "already known", "nonce too low": the next pass sees where it went.
    with contextlib.suppress(RpcRemoteError):
        client.request("eth_sendRawTransaction", [record.raw])
