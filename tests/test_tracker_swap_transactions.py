"""The tracker resends a forgotten send, but never an atomic-swap transaction: the swap engine resends
its own, and only while that is still safe (a claim sent too late would reveal the secret in time for
the counterparty to refund as well)."""

from __future__ import annotations

from pathlib import Path

import pytest
from eth_account import Account
from web3 import Web3

from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.services.tracker import track_pending
from wallet.store.db import connect
from wallet.store.transactions import TransactionStore

ANVIL_KEY_9 = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"


@pytest.mark.parametrize(("kind", "resent"), [("send", True), ("htlc_claim", False)])
def test_a_forgotten_transaction_is_resent_unless_the_swap_engine_owns_it(
        chain_state: Devnet, tmp_path: Path, kind: str, resent: bool) -> None:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    sender = Account.from_key(ANVIL_KEY_9)
    # Queued behind a nonce gap: never mined, never "dropped". A nonce of its own per case: anvil keeps its
    # pool across evm_revert, and the same nonce again would be refused as an underpriced replacement.
    nonce = w3.eth.get_transaction_count(sender.address) + 3 + len(kind)
    tx = {"to": sender.address, "value": 1, "gas": 21_000, "nonce": nonce, "chainId": chain.chain_id,
          "maxFeePerGas": 10**10, "maxPriorityFeePerGas": 10**9, "type": 2}
    signed = sender.sign_transaction(tx)
    store = TransactionStore(connect(tmp_path / "wallet.sqlite3"))
    store.add(chain.chain_id, "0x" + signed.hash.hex(), sender.address, nonce, sender.address, None, "ETH", 18,
              1, kind, tx, "0x" + signed.raw_transaction.hex())

    track_pending(ChainClient(chain), store)

    known = w3.provider.make_request("eth_getTransactionByHash", ["0x" + signed.hash.hex()])["result"]  # type: ignore[arg-type]
    assert (known is not None) is resent
