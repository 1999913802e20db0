"""Verified balances: a real anvil behind a lying proxy beside the same anvil asked directly.

The lying proxy answers one call at a time; a ``batch_proxy`` in front of it serves the batches."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from eth_account import Account
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from web3 import Web3

from tests.hostile_rpc import batch_proxy
from tests.lying_rpc import INFLATION_WEI, lying_rpc
from wallet.accounts.model import AccountKind
from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.services.balance_verification import (
    BalanceContradictedError,
    ForgedHeaderError,
    ForgedProofError,
    SingleNodeError,
)
from wallet.services.balances import NATIVE, fetch_balances
from wallet.settings import Settings
from wallet.ui.balances_model import HoldingsModel
from wallet.ui.context import AppContext
from wallet.ui.pages.accounts_page import AccountsPage


@pytest.fixture
def owners(chain_state: Devnet) -> Iterator[list[str]]:
    """Three fresh accounts with distinct balances (one of them empty), and the devnet's rich account."""
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    fresh = [Account.create().address for _ in range(3)]
    for index, owner in enumerate(fresh[:2]):
        w3.provider.make_request("anvil_setBalance", [owner, hex(10**18 * (index + 2))])  # type: ignore[arg-type]
    w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    yield [*fresh, w3.eth.accounts[0]]


@contextmanager
def lying_node(upstream: str, mode: str, methods: list[str] | None = None) -> Iterator[str]:
    """``lying_rpc`` behind a proxy that serves JSON-RPC batches (splitting them into single calls)."""
    with lying_rpc(upstream, mode, methods) as liar, batch_proxy(liar) as url:
        yield url


def with_nodes(chain: Chain, *urls: str) -> Chain:
    return dataclasses.replace(chain, rpc_urls=urls)


def true_balances(chain: Chain, owners: list[str], block: int) -> dict[str, int]:
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    return {owner: w3.eth.get_balance(owner, block) for owner in owners}  # type: ignore[arg-type]


@pytest.mark.parametrize("multicall", [True, False])
def test_a_node_inflating_balances_is_caught_and_the_honest_balance_is_verified(
        devnet: Devnet, owners: list[str], multicall: bool) -> None:
    anvil = devnet.chains[0]
    with lying_node(anvil.rpc_urls[0], "inflate") as liar:
        chain = with_nodes(anvil if multicall else dataclasses.replace(anvil, multicall3=None), liar,
                           anvil.rpc_urls[0])
        client = ChainClient(chain)
        sheet = fetch_balances(client, chain, owners, chain.tokens)

    assert sheet.native == true_balances(anvil, owners, sheet.block_number)
    assert sheet.verification.verified and sheet.verification.agreeing_nodes == 2
    (liar_label,) = sheet.distrusted
    assert liar_label == client.endpoints[0].label
    assert isinstance(sheet.distrusted[liar_label], BalanceContradictedError)
    assert sheet.distrusted[liar_label].params["address"] in owners
    assert client.trusted_endpoints() == [client.endpoints[1]]
    assert not any(token == NATIVE for _, token in sheet.failed)


def test_a_forged_proof_is_caught(devnet: Devnet, owners: list[str]) -> None:
    anvil = devnet.chains[0]
    # Funded accounts only: the liar forges a proof by inflating the account's leaf, and the empty
    # account's proof (of absence) has none. All the proofs are asked in one batch.
    funded = [owners[0], owners[1], owners[3]]
    methods: list[str] = []
    with lying_node(anvil.rpc_urls[0], "forge_proof", methods) as liar:
        chain = with_nodes(anvil, liar, anvil.rpc_urls[0])
        client = ChainClient(chain)
        sheet = fetch_balances(client, chain, funded, chain.tokens)

    assert "eth_getProof" in methods  # the liar was asked for its proof, and it was refused
    assert isinstance(sheet.distrusted[client.endpoints[0].label], ForgedProofError)
    assert sheet.native == true_balances(anvil, funded, sheet.block_number)
    assert sheet.verification.verified


def test_a_forged_header_is_caught(devnet: Devnet, owners: list[str]) -> None:
    anvil = devnet.chains[0]
    with lying_node(anvil.rpc_urls[0], "forge_header") as liar:
        chain = with_nodes(anvil, anvil.rpc_urls[0], liar)
        client = ChainClient(chain)
        sheet = fetch_balances(client, chain, owners, chain.tokens)

    assert isinstance(sheet.distrusted[client.endpoints[1].label], ForgedHeaderError)
    assert client.trusted_endpoints() == [client.endpoints[0]]
    # The honest node's balances are shown, but one node alone proves nothing: not verified, and why.
    assert sheet.native == true_balances(anvil, owners, sheet.block_number)
    assert not sheet.verification.verified
    assert isinstance(sheet.verification.reason, SingleNodeError)


def test_two_honest_nodes_verify_in_a_bounded_number_of_requests(devnet: Devnet, owners: list[str]) -> None:
    anvil = devnet.chains[0]
    with lying_node(anvil.rpc_urls[0], "honest") as second:
        chain = with_nodes(anvil, anvil.rpc_urls[0], second)
        client = ChainClient(chain)
        fetch_balances(client, chain, owners, chain.tokens)  # first use: each node's chain id is checked once
        before = client.requests_sent
        sheet = fetch_balances(client, chain, owners, chain.tokens)

    # block number + one aggregate3, one header per node, one batch of every owner's proof
    assert client.requests_sent - before == 2 + 2 + 1
    assert sheet.verification.verified and sheet.verification.agreeing_nodes == 2
    assert not sheet.distrusted
    assert sheet.native == true_balances(anvil, owners, sheet.block_number)


def test_a_single_node_chain_is_not_verified_and_costs_nothing_more(devnet: Devnet, owners: list[str]) -> None:
    chain = devnet.chains[0]
    assert len(chain.rpc_urls) == 1
    client = ChainClient(chain)
    client.block_number()
    before = client.requests_sent
    sheet = fetch_balances(client, chain, owners, chain.tokens)
    assert client.requests_sent - before == 2
    assert not sheet.verification.verified
    assert isinstance(sheet.verification.reason, SingleNodeError)


def test_the_accounts_page_marks_verified_coin_balances_and_names_the_liar(
        qtbot: QtBot, devnet: Devnet, owners: list[str]) -> None:
    anvil = devnet.chains[0]
    with lying_node(anvil.rpc_urls[0], "inflate") as liar:
        chain = dataclasses.replace(with_nodes(anvil, liar, anvil.rpc_urls[0]), key="devnet-two-nodes")
        context = AppContext.create(Settings(network=chain.key))
        context.network.add_chains([chain])
        context.accounts.add("Watched", AccountKind.WATCH, owners[1])  # 3 ETH
        page = AccountsPage(context)
        qtbot.addWidget(page)
        page.refresh_balances()
        table = page.holdings_model
        qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=20000)
        try:
            page.zero_toggle.setChecked(True)  # the account's tokens are zero: unfolded to read them
            coin = table.index(0, HoldingsModel.AMOUNT)  # the coin: the largest value
            assert table.holding_at(0).is_coin and coin.data() == "3 ✓"  # not 1,003: the inflated answer is gone
            assert "agreed by 2 nodes" in coin.data(Qt.ItemDataRole.ToolTipRole)
            token = table.index(1, HoldingsModel.AMOUNT)
            assert "not proven" in token.data(Qt.ItemDataRole.ToolTipRole) and "✓" not in token.data()
            liar_label = context.network.client(chain).endpoints[0].label
            assert liar_label in page.message.text() and "no longer used" in page.message.text()
            assert str(INFLATION_WEI // 10**18) not in coin.data()
        finally:
            context.shutdown()


def test_the_accounts_page_says_why_a_single_node_balance_is_not_verified(
        qtbot: QtBot, devnet: Devnet, owners: list[str]) -> None:
    chain = devnet.chains[0]
    context = AppContext.create(Settings(network=chain.key))
    context.network.add_chains([chain])
    context.accounts.add("Watched", AccountKind.WATCH, owners[0])  # 2 ETH
    page = AccountsPage(context)
    qtbot.addWidget(page)
    page.refresh_balances()
    table = page.holdings_model
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=20000)
    try:
        coin = table.index(0, HoldingsModel.AMOUNT)
        assert table.holding_at(0).is_coin and coin.data() == "2"
        assert "only one node" in coin.data(Qt.ItemDataRole.ToolTipRole)
        assert page.message.text() == ""
    finally:
        context.shutdown()


def test_a_dead_second_node_leaves_balances_unverified_without_waiting_on_it_again(
        devnet: Devnet, owners: list[str]) -> None:
    from wallet.devnet.anvil import free_loopback_port

    anvil = devnet.chains[0]
    chain = with_nodes(anvil, anvil.rpc_urls[0], f"http://127.0.0.1:{free_loopback_port()}")
    client = ChainClient(chain)
    first = fetch_balances(client, chain, owners, chain.tokens)
    before = client.requests_sent
    second = fetch_balances(client, chain, owners, chain.tokens)
    for sheet in (first, second):
        assert not sheet.verification.verified and isinstance(sheet.verification.reason, SingleNodeError)
        assert not sheet.distrusted  # being down is not lying
    assert client.endpoints[1].requests_sent == 1  # asked once for its chain id; then on cooldown, skipped
    assert client.requests_sent - before == 2
