"""Balances and tokens on the devnet: multicall results equal direct reads, in few round trips."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest
from eth_account import Account
from web3 import Web3

from wallet.chains.amounts import AmountError, format_units, parse_units
from wallet.chains.multicall import MAX_CALLS_PER_CHUNK
from wallet.chains.registry import TokenInfo, load_registry
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.paths import database_path
from wallet.services.balances import NATIVE, fetch_balances
from wallet.services.prices import price_calls
from wallet.services.tokens import (
    NotAContractError,
    NotATokenError,
    TokenListError,
    add_custom_token,
    fetch_token_info,
    import_token_list,
)
from wallet.store.db import connect
from wallet.store.tokens import TokenStore


def mint(w3: Web3, token: str, to: str, amount: int) -> None:
    contract = w3.eth.contract(address=token, abi=load_artifact("DevToken").abi)
    tx_hash = contract.functions.mint(to, amount).transact({"from": w3.eth.accounts[0]})
    receipt = w3.eth.wait_for_transaction_receipt(tx_hash)
    assert receipt["status"] == 1


@pytest.mark.usefixtures("chain_state")
def test_multicall_balances_equal_direct_reads_in_two_requests(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    owners = [Account.create().address for _ in range(5)]
    for index, owner in enumerate(owners):
        w3.provider.make_request("anvil_setBalance", [owner, hex(10**18 * (index + 1))])  # type: ignore[arg-type]
        mint(w3, chain.tokens[0].address, owner, 1000 * (index + 1))
    client = ChainClient(chain)
    client.block_number()  # the endpoint's chain-id check happens once, not per refresh
    before = client.requests_sent

    sheet = fetch_balances(client, chain, owners, chain.tokens)

    assert client.requests_sent - before == 2  # eth_blockNumber + one aggregate3 eth_call
    assert not sheet.failed
    for owner in owners:
        assert sheet.native[owner] == w3.eth.get_balance(owner)
        for token in chain.tokens:
            contract = w3.eth.contract(address=token.address, abi=load_artifact("DevToken").abi)
            assert sheet.tokens[(owner, token.address)] == contract.functions.balanceOf(owner).call()
    assert sheet.token_total(chain.tokens[0].address) == 1000 * 15


def test_large_refreshes_are_chunked_on_one_block_and_broken_tokens_are_isolated(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    owners = [Account.create().address for _ in range(130)]
    not_a_token = TokenInfo(owners[0], "FAKE", "Not a token", 18)  # an account, not a contract
    tokens = [*chain.tokens, not_a_token]
    client = ChainClient(chain)
    client.block_number()
    before = client.requests_sent
    sheet = fetch_balances(client, chain, owners, tokens)
    calls = len(owners) * (1 + len(tokens)) + len(price_calls(chain, tokens))
    assert calls > MAX_CALLS_PER_CHUNK
    assert math.ceil(calls / MAX_CALLS_PER_CHUNK) > 1
    assert client.requests_sent - before == 2  # block number + one batch of every chunk
    assert len(sheet.native) == 130 and all(v == 0 for v in sheet.native.values())
    assert {pair for pair in sheet.failed} == {(o, not_a_token.address) for o in owners}
    assert not any(token == NATIVE for _, token in sheet.failed)


def test_without_multicall_the_same_answers_come_one_by_one(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    owners = [devnet.chains[0].tokens[0].address, Web3(Web3.HTTPProvider(chain.rpc_urls[0])).eth.accounts[0]]
    with_multicall = fetch_balances(ChainClient(chain), chain, owners, chain.tokens)
    plain = dataclasses.replace(chain, multicall3=None)
    client = ChainClient(plain)
    without = fetch_balances(client, plain, owners, chain.tokens)
    assert (without.native, without.tokens) == (with_multicall.native, with_multicall.tokens)
    assert client.requests_sent >= len(owners) * (1 + len(chain.tokens))


def test_token_metadata_custom_tokens_and_lists(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    client = ChainClient(chain)
    dusd = fetch_token_info(client, chain.tokens[0].address.lower())
    assert (dusd.symbol, dusd.name, dusd.decimals) == ("DUSD", "Devnet USD", 6)
    with pytest.raises(NotAContractError):
        fetch_token_info(client, Account.create().address)
    assert chain.multicall3 is not None
    with pytest.raises(NotATokenError):
        fetch_token_info(client, chain.multicall3)

    store = TokenStore(connect(database_path()))
    # A token deployed after the devnet started: added by address, then tracked.
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    artifact = load_artifact("DevToken")
    tx = w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode).constructor(
        "Late \u202eToken", "LATE", 9).transact({"from": w3.eth.accounts[0]})
    late = w3.eth.wait_for_transaction_receipt(tx)["contractAddress"]
    added = add_custom_token(client, store, late)
    assert added == TokenInfo(late, "LATE", "Late Token", 9)  # the right-to-left override is stripped
    assert store.tracked(chain)[-1] == added

    registry = load_registry()
    registry.add(chain)
    token_list = {"name": "Test list", "tokens": [
        {"chainId": 31337, "address": Account.create().address.lower(), "symbol": "AAA", "name": "A", "decimals": 18},
        {"chainId": 1, "address": "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", "symbol": "USDC", "name": "USD Coin",
         "decimals": 6},
        {"chainId": 999999, "address": Account.create().address, "symbol": "X", "name": "X", "decimals": 18},
        {"chainId": 1, "address": "0xnot-an-address", "symbol": "BAD", "name": "Bad", "decimals": 18},
        {"chainId": 1, "address": Account.create().address, "symbol": "BAD", "name": "Bad", "decimals": 99},
    ]}
    result = import_token_list(json.dumps(token_list), registry, store)
    assert (result.imported, result.skipped) == (2, 3)
    assert [t.symbol for t in store.for_chain(1)] == ["USDC"]
    with pytest.raises(TokenListError):
        import_token_list('{"name": "no tokens"}', registry, store)


@pytest.mark.parametrize(("text", "decimals", "raw"), [
    ("1.5", 18, 1_500_000_000_000_000_000), ("0.000001", 6, 1), (".5", 1, 5), ("1,000", 0, 1000), ("7", 0, 7),
])
def test_parse_units(text: str, decimals: int, raw: int) -> None:
    assert parse_units(text, decimals) == raw


@pytest.mark.parametrize(("text", "reason"), [("-1", "digits"), ("1e18", "digits"), ("0.0000001", "decimal places"),
                                              ("", "digits"), ("1.2.3", "digits"), ("9" * 80, "too large")])
def test_bad_amounts(text: str, reason: str) -> None:
    with pytest.raises(AmountError, match=reason):
        parse_units(text, 6)


def test_format_units() -> None:
    assert format_units(1_500_000_000_000_000_000, 18) == "1.5"
    assert format_units(1234567891, 6) == "1,234.567891"
    assert format_units(1234567891, 6, max_fraction_digits=2) == "1,234.56"
    assert format_units(0, 18) == "0" and format_units(5, 0) == "5"


def test_usd_prices_come_from_the_chains_dex_in_the_same_request(devnet: Devnet) -> None:
    from decimal import Decimal

    chain = devnet.chains[0]
    client = ChainClient(chain)
    client.block_number()
    before = client.requests_sent
    sheet = fetch_balances(client, chain, [Account.create().address], chain.tokens)
    assert client.requests_sent - before == 2  # prices ride in the same aggregate3 call
    by_symbol = {t.symbol: sheet.usd_prices.get(t.address) for t in chain.tokens}
    # Seeded pools: WETH at 2,000 and DBTC at 60,000 DUSD, less the 0.3 % pool fee per hop.
    assert abs(sheet.usd_prices[NATIVE] - Decimal(2000) * Decimal("0.997")) < 1
    assert by_symbol["WETH"] == sheet.usd_prices[NATIVE]
    assert by_symbol["DUSD"] == 1
    assert Decimal("0.99") < by_symbol["DDAI"] < 1  # type: ignore[operator]
    assert abs(by_symbol["DBTC"] - Decimal(60000) * Decimal("0.997") ** 2) < 100  # type: ignore[operator]


def test_no_pool_means_no_price(devnet: Devnet) -> None:
    chain = dataclasses.replace(devnet.chains[0], usd_token=None)
    sheet = fetch_balances(ChainClient(chain), chain, [Account.create().address], chain.tokens)
    assert sheet.usd_prices == {}


def test_when_every_node_is_down_the_refresh_fails_naming_the_last_error(devnet: Devnet) -> None:
    from wallet.chains.rpc import AllEndpointsFailedError, RpcUnreachableError
    from wallet.devnet.anvil import free_loopback_port

    dead = dataclasses.replace(devnet.chains[0], rpc_urls=(f"http://127.0.0.1:{free_loopback_port()}",))
    client = ChainClient(dead, backoff_s=0.01)
    with pytest.raises(AllEndpointsFailedError) as caught:
        fetch_balances(client, dead, [Account.create().address], dead.tokens)
    assert isinstance(caught.value.params["last"], RpcUnreachableError)
    assert client.requests_sent == client.rounds  # each round asked the node once (its chain id)
