"""JSON-RPC batches: one round trip for many calls, matched by id, checked per node like single calls;
a node that refuses batches is asked one call at a time, a malformed batch reply fails over."""

from __future__ import annotations

import dataclasses
import math

import pytest
from eth_account import Account
from web3 import Web3

from tests.hostile_rpc import BATCH_MALFORMED, BATCH_REFUSALS, batch_proxy
from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.rpc import (
    MAX_BATCH_CALLS,
    AllEndpointsFailedError,
    ChainClient,
    RpcCall,
    RpcProtocolError,
    RpcRemoteError,
    quantity,
)
from wallet.devnet import Devnet
from wallet.services.balances import fetch_balances


def with_urls(chain: Chain, *urls: str) -> Chain:
    return dataclasses.replace(chain, rpc_urls=urls)


def balance_calls(w3: Web3, count: int) -> list[RpcCall]:
    return [("eth_getBalance", [owner, "latest"]) for owner in w3.eth.accounts[:count]]


def test_a_batch_is_one_round_trip_and_answers_are_matched_by_id(devnet: Devnet) -> None:
    anvil = devnet.chains[0]
    w3 = Web3(Web3.HTTPProvider(anvil.rpc_urls[0]))
    asked: list[str] = []
    with batch_proxy(anvil.rpc_urls[0], "split", asked) as url:  # answers in reverse order
        client = ChainClient(with_urls(anvil, url))
        calls = [*balance_calls(w3, 3), ("eth_chainId", [])]
        parsers = [quantity("balance")] * 3 + [quantity("eth_chainId")]
        results = client.request_batch(calls, parse=parsers)
    assert results == [*(w3.eth.get_balance(a) for a in w3.eth.accounts[:3]), anvil.chain_id]
    assert asked == ["eth_chainId", "batch"]  # the node's chain id checked first, then one batch
    assert client.requests_sent == 2


def test_a_long_batch_is_split_into_batches_of_the_node_limit(devnet: Devnet) -> None:
    anvil = devnet.chains[0]
    client = ChainClient(anvil)
    client.block_number()
    before = client.requests_sent
    calls: list[RpcCall] = [("eth_blockNumber", [])] * (MAX_BATCH_CALLS + 1)
    numbers = client.request_batch(calls, parse=quantity("eth_blockNumber"))
    assert len(numbers) == MAX_BATCH_CALLS + 1 and len(set(numbers)) == 1
    assert client.requests_sent - before == math.ceil((MAX_BATCH_CALLS + 1) / MAX_BATCH_CALLS)


def test_an_error_to_one_call_of_a_batch_is_believed_not_failed_over(devnet: Devnet) -> None:
    anvil = devnet.chains[0]
    asked: list[str] = []
    with batch_proxy(anvil.rpc_urls[0], "split", asked) as second:
        client = ChainClient(with_urls(anvil, anvil.rpc_urls[0], second))
        with pytest.raises(RpcRemoteError, match="eth_noSuchMethod"):
            client.request_batch([("eth_blockNumber", []), ("eth_noSuchMethod", [])], parse=lambda v, _: v)
    assert asked == []  # the first node's refusal stands: the second is not asked
    assert not client.failing_nodes()


@pytest.mark.parametrize("mode", BATCH_REFUSALS)
def test_a_node_that_refuses_batches_is_asked_one_call_at_a_time(devnet: Devnet, mode: str) -> None:
    anvil = devnet.chains[0]
    w3 = Web3(Web3.HTTPProvider(anvil.rpc_urls[0]))
    asked: list[str] = []
    with batch_proxy(anvil.rpc_urls[0], mode, asked) as url:
        client = ChainClient(with_urls(anvil, url))
        first = client.request_batch(balance_calls(w3, 3), parse=quantity("balance"))
        assert asked == ["eth_chainId", "batch", "eth_getBalance", "eth_getBalance", "eth_getBalance"]
        asked.clear()
        second = client.request_batch(balance_calls(w3, 2), parse=quantity("balance"))
    assert first == [w3.eth.get_balance(a) for a in w3.eth.accounts[:3]] and second == first[:2]
    assert asked == ["eth_getBalance", "eth_getBalance"]  # remembered: no batch is tried again
    assert not client.failing_nodes()  # refusing batches is not a failure


@pytest.mark.parametrize("mode", BATCH_MALFORMED)
def test_a_malformed_batch_reply_is_the_nodes_failure_and_fails_over(devnet: Devnet, mode: str) -> None:
    anvil = devnet.chains[0]
    w3 = Web3(Web3.HTTPProvider(anvil.rpc_urls[0]))
    with batch_proxy(anvil.rpc_urls[0], mode) as url:
        client = ChainClient(with_urls(anvil, url, anvil.rpc_urls[0]))
        results = client.request_batch(balance_calls(w3, 3), parse=quantity("balance"))
        assert results == [w3.eth.get_balance(a) for a in w3.eth.accounts[:3]]
        bad = client.endpoints[0]
        assert isinstance(client.failing_nodes()[bad.label], RpcProtocolError)
        with pytest.raises(RpcProtocolError, match=bad.label):
            client.request_batch_on(bad, balance_calls(w3, 2), parse=quantity("balance"))


def test_a_result_of_the_wrong_shape_in_a_batch_fails_over(devnet: Devnet) -> None:
    anvil = devnet.chains[0]
    with batch_proxy(anvil.rpc_urls[0], "split") as url:
        client = ChainClient(with_urls(anvil, url, anvil.rpc_urls[0]))
        # eth_getBlockByNumber's object is not a quantity: the first node's answer is refused
        calls: list[RpcCall] = [("eth_blockNumber", []), ("eth_getBlockByNumber", ["0x0", False])]
        with pytest.raises(AllEndpointsFailedError, match="not a hex quantity"):
            client.request_batch(calls, parse=quantity("eth_blockNumber"))
        assert client.endpoints[0].label in client.failing_nodes()
        assert client.endpoints[1].label in client.failing_nodes()


@pytest.mark.parametrize("mode", ["split", "refuse_error_object"])
def test_a_large_refresh_is_two_round_trips_or_one_per_chunk_on_a_node_without_batches(
        devnet: Devnet, mode: str) -> None:
    anvil = devnet.chains[0]
    owners = [Account.create().address for _ in range(130)]
    tokens: list[TokenInfo] = list(anvil.tokens)
    direct = fetch_balances(ChainClient(anvil), anvil, owners, tokens)
    asked: list[str] = []
    with batch_proxy(anvil.rpc_urls[0], mode, asked) as url:
        chain = with_urls(anvil, url)
        client = ChainClient(chain)
        client.block_number()
        asked.clear()
        sheet = fetch_balances(client, chain, owners, tokens)
    assert (sheet.native, sheet.tokens, sheet.failed) == (direct.native, direct.tokens, direct.failed)
    if mode == "split":
        assert asked == ["eth_blockNumber", "batch"]
    else:
        assert asked[:2] == ["eth_blockNumber", "batch"] and set(asked[2:]) == {"eth_call"} and len(asked) > 3
