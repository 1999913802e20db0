"""Hostile nodes: dripped headers, silence, refused or malformed answers. Each request ends within
its deadline, and a node whose answers cannot be used is the node's failure: the next one is asked,
and the error names the node, not the chain."""

from __future__ import annotations

import dataclasses
import socket
import time
from pathlib import Path

import pytest
from web3 import Web3

from tests.hostile_rpc import hostile_rpc, self_signed_certificate
from wallet.chains.fees import suggest_fees
from wallet.chains.registry import Chain, load_registry
from wallet.chains.rpc import (
    FIRST_BYTE_TIMEOUT_S,
    AllEndpointsFailedError,
    ChainClient,
    JsonRpcEndpoint,
    RpcRemoteError,
    RpcSilentError,
    RpcTimeoutError,
    RpcUnreachableError,
    UnverifiedNodeError,
    redact_url,
)
from wallet.devnet import Devnet


def with_urls(chain: Chain, *urls: str) -> Chain:
    return dataclasses.replace(chain, rpc_urls=urls)


def anvil_block_number(chain: Chain) -> int:
    return Web3(Web3.HTTPProvider(chain.rpc_urls[0])).eth.block_number


def test_drip_fed_headers_end_within_the_deadline() -> None:
    with hostile_rpc("drip_headers") as url:
        started = time.monotonic()
        with pytest.raises(RpcTimeoutError, match=r"did not answer within 2 s"):
            JsonRpcEndpoint(url, timeout_s=2).request("eth_blockNumber", [])
        assert time.monotonic() - started < 2 + 1  # a per-read timeout would let it run for minutes


def test_drip_fed_headers_cost_one_deadline_through_the_client() -> None:
    asked: list[str] = []
    with hostile_rpc("drip_headers", requests=asked) as url:
        client = ChainClient(with_urls(load_registry().get("ethereum"), url), timeout_s=2)
        started = time.monotonic()
        with pytest.raises(AllEndpointsFailedError, match=r"did not answer within 2 s"):
            client.block_number()
        assert time.monotonic() - started < 2 + 1
    assert asked == ["eth_chainId"]  # no second round against a node that just timed out


def test_a_chunked_reply_is_read_whole() -> None:
    with hostile_rpc("chunked") as url:
        assert JsonRpcEndpoint(url).request("eth_blockNumber", []) == "0x1"


def test_a_node_named_by_host_name_is_looked_up_and_reached() -> None:
    with hostile_rpc("chunked") as url:  # the lookup runs off the calling thread, within the deadline
        assert JsonRpcEndpoint(url.replace("127.0.0.1", "localhost")).request("eth_blockNumber", []) == "0x1"


def test_drip_fed_body_ends_within_the_deadline() -> None:
    with hostile_rpc("drip") as url:
        started = time.monotonic()
        with pytest.raises(RpcTimeoutError, match=r"did not answer within 1 s"):
            JsonRpcEndpoint(url, timeout_s=1).request("eth_blockNumber", [])
        assert time.monotonic() - started < 1 + 1


def test_a_silent_node_is_reported_after_the_first_byte_deadline_not_the_whole_one() -> None:
    asked: list[str] = []
    with hostile_rpc("silent", requests=asked) as url:
        client = ChainClient(with_urls(load_registry().get("ethereum"), url))  # default deadlines
        started = time.monotonic()
        with pytest.raises(AllEndpointsFailedError) as raised:
            client.block_number()
        assert time.monotonic() - started < FIRST_BYTE_TIMEOUT_S + 1
    assert isinstance(raised.value.params["last"], RpcSilentError)
    assert f"The node at {redact_url(url)} is silent: no reply within {FIRST_BYTE_TIMEOUT_S:g} s" in str(raised.value)
    assert asked == ["eth_chainId"]  # one wait, not two rounds of it
    assert client.failing_nodes() == {redact_url(url): raised.value.params["last"]}


def test_a_tls_node_that_never_answers_the_handshake_is_silent() -> None:
    # The kernel completes the TCP handshake for a listening socket; nobody ever reads the ClientHello.
    with socket.create_server(("127.0.0.1", 0)) as listener:
        url = f"https://127.0.0.1:{listener.getsockname()[1]}/key"
        started = time.monotonic()
        with pytest.raises(RpcSilentError, match=r"is silent: no reply within 1 s"):
            JsonRpcEndpoint(url, timeout_s=5, first_byte_timeout_s=1).request("eth_blockNumber", [])
        assert time.monotonic() - started < 1 + 1


@pytest.fixture
def trusted_tls_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A certificate for 127.0.0.1 that the client's default TLS context trusts (through SSL_CERT_FILE)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(self_signed_certificate(tmp_path)))
    return tmp_path


def test_tls_exchanges_are_bound_by_the_same_deadline(trusted_tls_dir: Path) -> None:
    with hostile_rpc("wrong_shape", chain_id=31337, tls_dir=trusted_tls_dir) as url:
        assert url.startswith("https://")
        assert JsonRpcEndpoint(url).request("eth_chainId", []) == "0x7a69"  # a whole exchange over TLS
    with hostile_rpc("drip_headers", tls_dir=trusted_tls_dir) as url:
        started = time.monotonic()
        with pytest.raises(RpcTimeoutError, match=r"did not answer within 2 s"):
            JsonRpcEndpoint(url, timeout_s=2).request("eth_blockNumber", [])
        assert time.monotonic() - started < 2 + 1


def test_a_tls_node_with_an_untrusted_certificate_is_refused(tmp_path: Path) -> None:
    self_signed_certificate(tmp_path)
    with hostile_rpc("wrong_shape", tls_dir=tmp_path) as url, \
            pytest.raises(RpcUnreachableError, match="certificate verify failed"):
        JsonRpcEndpoint(url).request("eth_chainId", [])


def test_a_silent_first_node_costs_one_short_wait_then_the_next_answers(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    with hostile_rpc("silent") as url:
        client = ChainClient(with_urls(chain, url, chain.rpc_urls[0]), first_byte_timeout_s=1)
        assert client.block_number() == anvil_block_number(chain)
        assert list(client.failing_nodes()) == [redact_url(url)]
        assert client.healthy_endpoints() == [redact_url(chain.rpc_urls[0])]


def test_a_json_rpc_error_to_eth_chain_id_fails_over(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    asked: list[str] = []
    with hostile_rpc("chain_id_error", requests=asked) as url:
        client = ChainClient(with_urls(chain, url, chain.rpc_urls[0]))
        assert client.block_number() == anvil_block_number(chain)
        assert asked == ["eth_chainId"]  # never asked anything else: it was not used
        assert client.healthy_endpoints() == [redact_url(chain.rpc_urls[0])]
        with pytest.raises(UnverifiedNodeError, match="refused to tell its chain id"):
            client.request_on(client.endpoints[0], "eth_blockNumber")


def test_a_node_refusing_eth_chain_id_is_named_when_it_is_the_only_one() -> None:
    with hostile_rpc("chain_id_error") as url:
        client = ChainClient(with_urls(load_registry().get("ethereum"), url), rounds=1)
        with pytest.raises(AllEndpointsFailedError) as raised:
            client.block_number()
    assert (f"The node at {redact_url(url)} refused to tell its chain id "
            "(the method eth_chainId does not exist); it was not used") in str(raised.value)


def test_a_wrong_shaped_result_fails_over_to_the_next_node(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    asked: list[str] = []
    with hostile_rpc("wrong_shape", requests=asked, chain_id=chain.chain_id) as url:
        client = ChainClient(with_urls(chain, url, chain.rpc_urls[0]))
        assert client.block_number() == anvil_block_number(chain)
        assert asked == ["eth_chainId", "eth_blockNumber"]  # node 1 answered, and was not believed
        failure = client.failing_nodes()[redact_url(url)]
        assert str(failure) == f"The node at {redact_url(url)} sent an invalid eth_blockNumber: not a hex quantity"


def test_a_wrong_shaped_result_names_the_node_not_the_chain() -> None:
    chain = load_registry().get("ethereum")
    with hostile_rpc("wrong_shape", chain_id=chain.chain_id) as url:
        client = ChainClient(with_urls(chain, url), rounds=1)
        with pytest.raises(AllEndpointsFailedError) as raised:
            client.block_number()
    assert f"The node at {redact_url(url)} sent an invalid eth_blockNumber" in str(raised.value)
    assert "The node at Ethereum" not in str(raised.value)


def test_a_malformed_fee_history_fails_over_to_the_next_node(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    asked: list[str] = []
    with hostile_rpc("wrong_shape", requests=asked, chain_id=chain.chain_id) as url:
        quote = suggest_fees(ChainClient(with_urls(chain, url, chain.rpc_urls[0])), chain)
    assert quote == suggest_fees(ChainClient(chain), chain)  # what the honest node says
    assert asked == ["eth_chainId", "eth_feeHistory"]


def test_a_json_rpc_error_to_a_call_is_believed_not_failed_over(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    asked: list[str] = []
    with hostile_rpc("garbage", requests=asked) as second:
        client = ChainClient(with_urls(chain, chain.rpc_urls[0], second))
        with pytest.raises(RpcRemoteError, match="eth_noSuchMethod"):
            client.request("eth_noSuchMethod")
    assert asked == []  # the refusal is the answer: nobody else is asked
    assert client.failing_nodes() == {}
