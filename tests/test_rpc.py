"""The JSON-RPC client: real answers from anvil, clear errors from dead or hostile endpoints."""

from __future__ import annotations

import dataclasses
import time

import pytest
from web3 import Web3

from tests.hostile_rpc import hostile_rpc
from wallet.chains.registry import Chain
from wallet.chains.rpc import (
    AllEndpointsFailedError,
    ChainClient,
    JsonRpcEndpoint,
    RpcProtocolError,
    RpcRemoteError,
    RpcUnreachableError,
    redact_url,
)
from wallet.devnet import Devnet
from wallet.devnet.anvil import free_loopback_port


def with_urls(chain: Chain, *urls: str) -> Chain:
    return dataclasses.replace(chain, rpc_urls=urls)


def test_block_number_matches_the_node(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    client = ChainClient(chain)
    assert client.block_number() == Web3(Web3.HTTPProvider(chain.rpc_urls[0])).eth.block_number


def test_fails_over_from_a_dead_url_to_a_live_one(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    dead = f"http://127.0.0.1:{free_loopback_port()}"
    client = ChainClient(with_urls(chain, dead, chain.rpc_urls[0]))
    assert client.block_number() >= 1


def test_a_node_for_another_chain_is_refused(devnet: Devnet) -> None:
    chain_a, chain_b = devnet.chains
    client = ChainClient(with_urls(chain_a, chain_b.rpc_urls[0]))
    with pytest.raises(AllEndpointsFailedError, match="serves chain id 31338, not 31337"):
        client.block_number()


def test_wrong_chain_on_first_url_falls_through_to_the_right_one(devnet: Devnet) -> None:
    chain_a, chain_b = devnet.chains
    client = ChainClient(with_urls(chain_a, chain_b.rpc_urls[0], chain_a.rpc_urls[0]))
    assert client.block_number() == Web3(Web3.HTTPProvider(chain_a.rpc_urls[0])).eth.block_number


def test_remote_error_is_reported_not_failed_over(devnet: Devnet) -> None:
    client = ChainClient(devnet.chains[0])
    with pytest.raises(RpcRemoteError, match="eth_noSuchMethod"):
        client.request("eth_noSuchMethod")


def test_unreachable_endpoint_fails_fast_with_a_clear_message() -> None:
    endpoint = JsonRpcEndpoint(f"http://127.0.0.1:{free_loopback_port()}", timeout_s=30)
    started = time.monotonic()
    with pytest.raises(RpcUnreachableError, match="connection refused"):
        endpoint.request("eth_blockNumber", [])
    assert time.monotonic() - started < 10  # refused at once, not after the 30 s timeout


@pytest.mark.parametrize(("mode", "error", "text"), [
    ("garbage", RpcProtocolError, "not JSON"),
    ("truncated", RpcProtocolError, "not JSON"),
    ("wrong_id", RpcProtocolError, "does not answer our request"),
    ("huge", RpcProtocolError, "larger than 8 MiB"),
    ("http_500", RpcUnreachableError, "HTTP 500"),
])
def test_hostile_replies_raise_clear_errors(mode: str, error: type[Exception], text: str) -> None:
    with hostile_rpc(mode) as url, pytest.raises(error, match=text) as raised:
        JsonRpcEndpoint(url, timeout_s=5).request("eth_blockNumber", [])
    assert "secret-api-key" not in str(raised.value)


def test_wrong_result_type_is_refused(devnet: Devnet) -> None:
    with hostile_rpc("wrong_type") as url:
        client = ChainClient(with_urls(devnet.chains[0], url))
        with pytest.raises(AllEndpointsFailedError, match="invalid eth_chainId: not a hex quantity"):
            client.block_number()


def test_redaction_keeps_host_and_port_only() -> None:
    assert redact_url("https://mainnet.example.io/v3/0123abcd?key=x") == "mainnet.example.io"
    assert redact_url("http://127.0.0.1:8545/") == "127.0.0.1:8545"


def test_a_failing_node_cools_down_and_is_asked_last(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    asked: list[str] = []
    with hostile_rpc("garbage", requests=asked) as bad_url:
        client = ChainClient(with_urls(chain, bad_url, chain.rpc_urls[0]))
        client.block_number()
        client.block_number()
        client.block_number()
        assert asked == ["eth_chainId"]  # tried once; on cooldown afterwards, the good node answers first
        assert client.healthy_endpoints() == [redact_url(chain.rpc_urls[0])]


def test_when_every_node_fails_the_round_is_retried_once(devnet: Devnet) -> None:
    asked: list[str] = []
    with hostile_rpc("http_500", requests=asked) as url:
        client = ChainClient(with_urls(devnet.chains[0], url), rounds=2, backoff_s=0.01)
        with pytest.raises(AllEndpointsFailedError, match="HTTP 500"):
            client.block_number()
    assert asked == ["eth_chainId", "eth_chainId"]


def test_a_remote_error_does_not_mark_the_node_unhealthy(devnet: Devnet) -> None:
    client = ChainClient(devnet.chains[0])
    with pytest.raises(RpcRemoteError):
        client.request("eth_noSuchMethod")
    assert client.healthy_endpoints() == [redact_url(devnet.chains[0].rpc_urls[0])]
