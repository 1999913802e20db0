"""Follows pending transactions to the end: confirmed, failed, replaced by a sibling with the same
nonce, or dropped (the nonce was used by a transaction this wallet did not send). A pending one
that the node no longer knows is broadcast again from its stored raw bytes."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from wallet.chains.rpc import ChainClient, RpcRemoteError, optional_object, parse_quantity, quantity
from wallet.store.transactions import TransactionStore, TxRecord


@dataclass(frozen=True)
class _Receipt:
    ok: bool
    block_number: int
    fee_wei: int


def track_pending(client: ChainClient, store: TransactionStore) -> list[TxRecord]:
    """One pass over the chain's pending transactions; returns the records whose status changed."""
    pending = store.pending(client.chain.chain_id)
    changed: set[int] = set()
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
        elif client.request("eth_getTransactionByHash", [record.hash], parse=optional_object) is None:
            _rebroadcast(client, record)
    return [store.get(record_id) for record_id in sorted(changed)]


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
