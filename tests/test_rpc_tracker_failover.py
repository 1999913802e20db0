"""The tracker reads receipts through the failover: a node answering with a malformed receipt is
not believed (a transaction must never be marked confirmed or failed on a broken node's word)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from eth_account import Account
from web3 import Web3

from tests.hostile_rpc import hostile_rpc
from wallet.accounts.hot import HotSigner
from wallet.chains.rpc import ChainClient, redact_url
from wallet.devnet import Devnet
from wallet.services.send import SendRequest, prepare_send, sign_and_broadcast
from wallet.services.tracker import track_pending
from wallet.store.db import connect
from wallet.store.transactions import TransactionStore


def test_a_malformed_receipt_fails_over_to_the_next_node(chain_state: Devnet, tmp_path: Path) -> None:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    account = Account.create()
    w3.provider.make_request("anvil_setBalance", [account.address, hex(10**20)])  # type: ignore[arg-type]
    store = TransactionStore(connect(tmp_path / "db.sqlite3"))
    honest = ChainClient(chain)
    recipient = Account.create().address
    prepared = prepare_send(honest, store, SendRequest(account.address, recipient, 10**15))
    record = sign_and_broadcast(honest, store, HotSigner(private_key=bytes(account.key)), None, prepared)

    asked: list[str] = []
    with hostile_rpc("wrong_shape", requests=asked, chain_id=chain.chain_id) as url:
        client = ChainClient(dataclasses.replace(chain, rpc_urls=(url, chain.rpc_urls[0])))
        (tracked,) = track_pending(client, store)

    receipt = w3.eth.get_transaction_receipt(record.hash)  # type: ignore[arg-type]
    assert tracked.id == record.id and tracked.status == "confirmed"
    assert tracked.fee_paid == receipt["gasUsed"] * receipt["effectiveGasPrice"]
    assert asked == ["eth_chainId", "eth_getTransactionReceipt"]  # asked first, and not believed
    assert list(client.failing_nodes()) == [redact_url(url)]
