"""The routers' allowances on the devnet: listed for the tracked tokens (exact amounts and unlimited
ones), revoked with ``approve(router, 0)`` and recorded for History; and every node answer the swap
service reads (estimate, balance, sent hash, receipt) checked per node, so a node that answers
nonsense is passed over and named while the next node's answer is used."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from eth_account import Account
from web3 import Web3

from tests.hostile_rpc import hostile_rpc
from wallet.accounts.hot import HotSigner
from wallet.chains.fees import FeeTier, suggest_fees
from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient, redact_url
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.dex.amm.approvals import MAX_UINT256, approve_call, read_allowance, revoke_call
from wallet.services.swap import (
    RouterAllowance,
    coin_balance,
    estimate_gas,
    revoke,
    router_allowances,
    router_names,
    send_raw,
    transaction,
    wait_for_receipt,
)
from wallet.store.db import connect
from wallet.store.tokens import TokenStore
from wallet.store.transactions import TransactionStore

WHOLE = 10**18


@dataclasses.dataclass
class Desk:
    chain: Chain
    w3: Web3
    client: ChainClient
    signer: HotSigner
    owner: str
    tokens: TokenStore
    store: TransactionStore

    def address(self, symbol: str) -> str:
        return next(t.address for t in self.chain.tokens if t.symbol == symbol)

    def approve(self, symbol: str, spender: str, amount: int) -> None:
        """``approve`` signed by the owner's key and mined (as another app would have left it)."""
        call = approve_call(self.address(symbol), spender, amount)
        fee = suggest_fees(self.client, self.chain).tiers[FeeTier.NORMAL]
        tx = transaction(self.client, self.store, self.owner, call, estimate_gas(self.client, self.owner, call), fee)
        self.w3.eth.wait_for_transaction_receipt(self.w3.eth.send_raw_transaction(
            self.signer.sign_transaction(None, tx).raw))

    def allowance(self, symbol: str, spender: str) -> int:
        token = self.w3.eth.contract(address=Web3.to_checksum_address(self.address(symbol)),
                                     abi=load_artifact("DevToken").abi)
        return int(token.functions.allowance(self.owner, spender).call())


@pytest.fixture
def desk(chain_state: Devnet, tmp_path: Path) -> Desk:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    account = Account.create()
    w3.provider.make_request("anvil_setBalance", [account.address, hex(10 * WHOLE)])  # type: ignore[arg-type]
    db = connect(tmp_path / "wallet.db")
    return Desk(chain, w3, ChainClient(chain), HotSigner(private_key=bytes(account.key)), account.address,
                TokenStore(db), TransactionStore(db))


def _routers(chain: Chain) -> tuple[str, str]:
    assert chain.uniswap_v2 is not None and chain.uniswap_v3 is not None
    return chain.uniswap_v2.router, chain.uniswap_v3.swap_router


def test_allowances_to_the_routers_are_listed_and_one_is_revoked(desk: Desk) -> None:
    assert router_allowances(desk.client, desk.chain, desk.tokens, desk.owner) == []
    v2, v3 = _routers(desk.chain)
    desk.approve("DLNK", v2, MAX_UINT256)
    desk.approve("DUSD", v3, 5 * 10**6)
    desk.approve("DUNI", v2, 0)  # zero is no allowance: not listed
    listed = router_allowances(desk.client, desk.chain, desk.tokens, desk.owner)
    names = router_names(desk.chain)
    assert {(a.token.symbol, a.spender.lower(), a.router, a.amount, a.unlimited) for a in listed} == {
        ("DLNK", v2.lower(), names[v2.lower()], MAX_UINT256, True),
        ("DUSD", v3.lower(), names[v3.lower()], 5 * 10**6, False)}
    assert names[v2.lower()] != names[v3.lower()]

    (unlimited,) = [a for a in listed if a.unlimited]
    balance_before = desk.w3.eth.get_balance(desk.owner)  # type: ignore[arg-type]
    record = revoke(desk.client, desk.store, desk.signer, None, desk.owner, unlimited)
    assert desk.allowance("DLNK", v2) == 0 and desk.allowance("DUSD", v3) == 5 * 10**6  # only that one
    assert (record.kind, record.status, record.amount, record.token, record.recipient.lower()) == (
        "approve", "confirmed", 0, desk.address("DLNK"), v2.lower())
    assert record.fee_paid and desk.w3.eth.get_balance(desk.owner) == balance_before - record.fee_paid  # type: ignore[arg-type]
    remaining = router_allowances(desk.client, desk.chain, desk.tokens, desk.owner)
    assert [(a.token.symbol, a.amount) for a in remaining] == [("DUSD", 5 * 10**6)]


def test_an_allowance_counted_down_from_unlimited_is_still_unlimited(desk: Desk) -> None:
    chain = desk.chain
    token = next(t for t in chain.tokens if t.symbol == "DLNK")
    v2, _ = _routers(chain)
    assert RouterAllowance(token, v2, "r", MAX_UINT256 - 10**24).unlimited
    assert not RouterAllowance(token, v2, "r", 10**30).unlimited


@dataclasses.dataclass
class Pair:
    """A node answering nonsense in front of the devnet's anvil."""

    url: str
    chain: Chain

    def client(self) -> ChainClient:
        return ChainClient(dataclasses.replace(self.chain, rpc_urls=(self.url, self.chain.rpc_urls[0])))

    def failure_of(self, client: ChainClient) -> str:
        (label,) = client.failing_nodes()
        assert label == redact_url(self.url)
        return str(client.failing_nodes()[label])


@pytest.fixture
def pair(desk: Desk) -> Iterator[Pair]:
    # Every answer is a list, except a receipt, which is an object whose logs are not a list.
    bad_receipt = {"status": "0x1", "blockNumber": "0x1", "gasUsed": "0x1", "effectiveGasPrice": "0x1",
                   "logs": "none"}
    with hostile_rpc("wrong_shape", chain_id=desk.chain.chain_id,
                     answers={"eth_getTransactionReceipt": bad_receipt}) as url:
        yield Pair(url, desk.chain)


def test_a_node_answering_nonsense_is_passed_over_and_named_at_each_step(desk: Desk, pair: Pair) -> None:
    token = desk.address("DLNK")
    v2, _ = _routers(desk.chain)
    desk.approve("DLNK", v2, 7 * WHOLE)
    call = revoke_call(token, v2)
    honest_gas = estimate_gas(desk.client, desk.owner, call)

    client = pair.client()
    assert estimate_gas(client, desk.owner, call) == honest_gas
    assert pair.failure_of(client).endswith("sent an invalid eth_estimateGas: not a hex quantity")

    client = pair.client()
    assert coin_balance(client, desk.owner) == desk.w3.eth.get_balance(desk.owner, "pending")  # type: ignore[arg-type]
    assert pair.failure_of(client).endswith("sent an invalid balance: not a hex quantity")

    fee = suggest_fees(desk.client, desk.chain).tiers[FeeTier.NORMAL]
    signed = desk.signer.sign_transaction(None, transaction(desk.client, desk.store, desk.owner, call, honest_gas,
                                                            fee))
    client = pair.client()
    sent = send_raw(client, signed.raw, desk.owner)
    assert sent.hash == signed.hash
    assert pair.failure_of(client).endswith("it reported a different transaction hash")

    client = pair.client()
    receipt = wait_for_receipt(client, "0x" + signed.hash.hex())
    assert pair.failure_of(client).endswith("the receipt's logs are not a list of objects")
    mined = desk.w3.eth.get_transaction_receipt(signed.hash)  # type: ignore[arg-type]
    assert (receipt.ok, receipt.block_number, receipt.fee_wei) == (
        True, mined["blockNumber"], mined["gasUsed"] * mined["effectiveGasPrice"])
    assert read_allowance(desk.client, token, desk.owner, v2) == 0  # the revocation went through the honest node
