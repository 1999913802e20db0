"""Follows pending transactions to the end: confirmed, failed, replaced by a sibling with the same
nonce, or dropped (the nonce was used by a transaction this wallet did not send). A pending one
that the node no longer knows is broadcast again from its stored raw bytes."""

from __future__ import annotations

import contextlib

from wallet.chains.rpc import ChainClient, RpcRemoteError, parse_quantity
from wallet.store.transactions import TransactionStore, TxRecord


def track_pending(client: ChainClient, store: TransactionStore) -> list[TxRecord]:
    """One pass over the chain's pending transactions; returns the records whose status changed."""
    label = client.chain.name
    pending = store.pending(client.chain.chain_id)
    changed: set[int] = set()
    for record in pending:
        receipt = client.request("eth_getTransactionReceipt", [record.hash])
        if not isinstance(receipt, dict):
            continue
        ok = parse_quantity(receipt.get("status"), "status", label) == 1
        fee = (parse_quantity(receipt.get("gasUsed"), "gasUsed", label)
               * parse_quantity(receipt.get("effectiveGasPrice"), "effectiveGasPrice", label))
        store.set_status(record.id, "confirmed" if ok else "failed",
                         parse_quantity(receipt.get("blockNumber"), "blockNumber", label), fee)
        changed.add(record.id)
        for sibling in pending:
            if sibling.id != record.id and (sibling.sender, sibling.nonce) == (record.sender, record.nonce):
                store.set_status(sibling.id, "replaced")
                changed.add(sibling.id)
    mined_counts: dict[str, int] = {}
    for record in (r for r in pending if r.id not in changed):
        if record.sender not in mined_counts:
            mined_counts[record.sender] = parse_quantity(
                client.request("eth_getTransactionCount", [record.sender, "latest"]), "nonce", label)
        if mined_counts[record.sender] > record.nonce:
            store.set_status(record.id, "dropped")
            changed.add(record.id)
        elif client.request("eth_getTransactionByHash", [record.hash]) is None:
            _rebroadcast(client, record)
    return [store.get(record_id) for record_id in sorted(changed)]


def _rebroadcast(client: ChainClient, record: TxRecord) -> None:
    # "already known", "nonce too low": the next pass sees where it went.
    with contextlib.suppress(RpcRemoteError):
        client.request("eth_sendRawTransaction", [record.raw])


