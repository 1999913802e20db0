"""Custom RPC URLs and custom networks: validated, persisted, and used for real requests."""

from __future__ import annotations

import dataclasses

import pytest

from wallet.chains.rpc import ChainClient, RpcError, RpcUnreachableError, redact_url
from wallet.devnet import Devnet
from wallet.devnet.anvil import free_loopback_port
from wallet.services.custom_network import NetworkChainIdTakenError, NetworkNameError, NetworkRpcUrlError
from wallet.services.network import InvalidRpcUrlError, NetworkService, genesis_hash
from wallet.settings import Settings, load_settings


def test_custom_rpc_url_goes_first_and_persists(devnet: Devnet) -> None:
    live = devnet.chains[0]
    dead = dataclasses.replace(live, rpc_urls=(f"http://127.0.0.1:{free_loopback_port()}",))
    service = NetworkService(Settings())
    service.add_chains([dead])
    updated = service.add_custom_rpc(live.key, live.rpc_urls[0])
    assert updated.rpc_urls == (live.rpc_urls[0], dead.rpc_urls[0])
    assert service.fetch_status(updated).block_number >= 1
    assert load_settings().custom_rpc_urls == {live.key: [live.rpc_urls[0]]}

    again = NetworkService(load_settings())  # next app run: the bundled chain gets the custom URL too
    eth = again.registry.get("ethereum")
    assert eth.rpc_urls[0] == "https://ethereum-rpc.publicnode.com"
    again.add_custom_rpc("ethereum", "https://my-node.example/rpc")
    assert NetworkService(load_settings()).registry.get("ethereum").rpc_urls[0] == "https://my-node.example/rpc"
    removed = again.remove_custom_rpc("ethereum", "https://my-node.example/rpc")
    assert removed.rpc_urls[0] == "https://ethereum-rpc.publicnode.com"


@pytest.mark.parametrize("url", ["", "ftp://x.org", "localhost:8545", "wss://only-websocket.example", "http://",
                                 "https://x.example/a b", "https://x.example/\r\nX-Injected: 1", "https://nœud.example"])
def test_bad_rpc_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidRpcUrlError):
        NetworkService(Settings()).add_custom_rpc("ethereum", url)
    assert load_settings().custom_rpc_urls == {}


def test_custom_network_is_validated_used_and_remembered(devnet: Devnet) -> None:
    service = NetworkService(Settings())
    chain = service.add_custom_chain("My rollup", 31338, "ETH", devnet.chains[1].rpc_urls[0])
    assert chain.key == "custom-31338" and service.fetch_status(chain).block_number >= 1
    assert NetworkService(Settings()).registry.get("custom-31338").name == "My rollup"
    # Each field is named in words a user reads (never the registry's "field 'name' must be ...").
    with pytest.raises(NetworkChainIdTakenError, match="Chain id 1 is already in the list, as Ethereum"):
        service.add_custom_chain("Fake mainnet", 1, "ETH", "https://x.example")
    with pytest.raises(NetworkRpcUrlError):
        service.add_custom_chain("Broken", 777, "X", "not a url")
    with pytest.raises(NetworkNameError):
        service.add_custom_chain("  ", 778, "X", "https://x.example")


def test_status_names_a_failing_node_while_the_next_one_serves(devnet: Devnet) -> None:
    live = devnet.chains[0]
    dead_url = f"http://127.0.0.1:{free_loopback_port()}/key"
    service = NetworkService(Settings())
    chain = dataclasses.replace(live, rpc_urls=(dead_url, live.rpc_urls[0]))
    service.add_chains([chain])
    status = service.fetch_status(chain)
    assert status.block_number >= 1
    (failure,) = status.failing_nodes
    assert isinstance(failure, RpcUnreachableError) and failure.params["endpoint"] == redact_url(dead_url)


def test_a_chain_is_its_id_and_its_genesis_block(devnet: Devnet) -> None:
    """The genesis hash is the chain's block 0 as the node has it, asked once per client; a new client
    (the playground's nodes changed) asks again, and a node whose block 0 has no hash is not believed."""
    from web3 import Web3

    from tests.hostile_rpc import hostile_rpc

    chain = devnet.chains[0]
    service = NetworkService(Settings())
    service.add_chains([chain])
    assert service.known_genesis(chain) is None  # never asked on the GUI thread's behalf
    status = service.fetch_status(chain)
    expected = Web3(Web3.HTTPProvider(chain.rpc_urls[0])).eth.get_block(0)["hash"].to_0x_hex()  # type: ignore[union-attr]
    assert status.genesis_hash == expected == service.known_genesis(chain)
    client = service.client(chain)
    before = client.requests_sent
    assert genesis_hash(client) == expected and client.requests_sent == before  # cached per client

    service.add_chains([chain])  # as a playground restart does: a new client, nothing known yet
    assert service.known_genesis(chain) is None

    with hostile_rpc("wrong_shape", chain_id=chain.chain_id) as url:
        lying = ChainClient(dataclasses.replace(chain, rpc_urls=(url,)))
        with pytest.raises(RpcError):
            genesis_hash(lying)
