"""The bundled chain registry is complete, and malformed entries are refused naming what is wrong."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from wallet.chains.registry import BUNDLED_REGISTRY, RegistryError, chain_to_json, load_registry, parse_chains

REQUIRED_MAINNETS = {"ethereum": 1, "bsc": 56, "polygon": 137, "arbitrum": 42161, "optimism": 10,
                     "base": 8453, "avalanche": 43114, "wanchain": 888}


def bundled_entries() -> list[dict[str, Any]]:
    return json.loads(BUNDLED_REGISTRY.read_text())["chains"]  # type: ignore[no-any-return]


def test_bundled_registry_has_the_mainnets_with_complete_data() -> None:
    registry = load_registry()
    for key, chain_id in REQUIRED_MAINNETS.items():
        chain = registry.get(key)
        assert chain.chain_id == chain_id and not chain.testnet and not chain.devnet
        assert len(chain.rpc_urls) >= 2 and all(u.startswith("https://") for u in chain.rpc_urls)
        assert chain.explorer_url and chain.multicall3 and chain.wrapped_native and chain.uniswap_v2
        assert chain.native.decimals == 18
        assert chain.localized_names.get("zh_CN")
    assert registry.get("wanchain").display_name("zh_CN") == "万维链"
    assert registry.get("wanchain").uniswap_v2.name == "WanSwap"  # type: ignore[union-attr]
    assert registry.by_chain_id(56) is registry.get("bsc")


def test_known_addresses_are_the_canonical_ones() -> None:
    registry = load_registry()
    eth = registry.get("ethereum")
    assert eth.wrapped_native == "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"
    assert eth.uniswap_v2 and eth.uniswap_v2.router == "0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D"
    assert eth.uniswap_v3 and eth.uniswap_v3.quoter_v2 == "0x61fFE014bA17989E743c5F6cB21bF9697530B21e"
    assert registry.get("base").uniswap_v3.swap_router_kind == "SwapRouter02"  # type: ignore[union-attr]
    assert eth.uniswap_v3.swap_router02 == "0x68b3465833fb72A70ecDF485E0e4C7bD8665Fc45"
    base_v3 = registry.get("base").uniswap_v3
    assert base_v3 and base_v3.swap_router02 == base_v3.swap_router  # SwapRouter02 is its only router
    assert all(c.uniswap_v3.swap_router02 for c in registry if c.uniswap_v3)
    assert registry.get("wanchain").multicall3 == "0xcDF6A1566e78EB4594c86Fe73Fcdc82429e97fbB"


def test_round_trip_through_json() -> None:
    for chain in load_registry():
        assert parse_chains([chain_to_json(chain)]) == [chain]


def broken(mutate: Any) -> list[dict[str, Any]]:
    entries = copy.deepcopy(bundled_entries())
    mutate(entries)
    return entries


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda e: e[1].update(wrapped_native="0xBB4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c"),
     r"chain 'bsc': field 'wrapped_native' bad EIP-55 checksum"),
    (lambda e: e[2]["uniswap_v2"].update(router="0x1234"),
     r"chain 'polygon'\.uniswap_v2: field 'router' not a 0x-prefixed 20-byte hex address"),
    (lambda e: e[0].pop("chain_id"), r"chain 'ethereum': field 'chain_id' must be an integer"),
    (lambda e: e[0].update(chain_id="1"), r"chain 'ethereum': field 'chain_id' must be an integer"),
    (lambda e: e[3].update(rpc_urls=[]), r"chain 'arbitrum': field 'rpc_urls' must be a non-empty list"),
    (lambda e: e[4].update(rpc_urls=["ftp://x.org"]), r"chain 'optimism': field 'rpc_urls' has an invalid URL"),
    (lambda e: e[5].update(chain_id=1), r"chain 'base' uses chain id 1, already used by 'ethereum'"),
    (lambda e: e[6]["native"].update(decimals=99), r"chain 'avalanche'\.native: field 'decimals'"),
    (lambda e: e[0]["uniswap_v3"].update(swap_router_kind="Router9"), r"field 'swap_router_kind' must be"),
    (lambda e: e[7]["uniswap_v2"].update(init_code_hash="0x12"), r"field 'init_code_hash' must be a 32-byte"),
    (lambda e: e.append(copy.deepcopy(e[0]) | {"chain_id": 9}), r"chain 'ethereum' is defined twice"),
    (lambda e: e.append(copy.deepcopy(e[0]) | {"key": "eth2"}), r"chain 'eth2' uses chain id 1, already used by"),
    (lambda e: e[0].update(key="Ethereum Main"), r"field 'key' must be lowercase"),
    (lambda e: e[5]["uniswap_v3"].update(swap_router02="0x68b3465833fb72A70ecDF485E0e4C7bD8665Fc45"),
     r"chain 'base'\.uniswap_v3: field 'swap_router02' must equal 'swap_router'"),
    (lambda e: e[0]["uniswap_v3"].update(swap_router02="0x68b3465833fb72a70ecdf485e0e4c7bd8665fC45"),
     r"field 'swap_router02' bad EIP-55 checksum"),
    (lambda e: e[0].update(route_bases=["0x12"]), r"chain 'ethereum': field 'route_bases\[0\]' not a 0x-prefixed"),
    (lambda e: e[0].update(route_bases="0x12"), r"field 'route_bases' must be a list"),
])
def test_malformed_entries_are_refused_by_name(mutate: Any, message: str) -> None:
    with pytest.raises(RegistryError, match=message):
        parse_chains(broken(mutate))


def test_unreadable_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="does not exist"):
        load_registry(bundled=tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(RegistryError, match="not readable JSON"):
        load_registry(bundled=tmp_path / "bad.json")
    (tmp_path / "list.json").write_text("[]")
    with pytest.raises(RegistryError, match="must be an object with a 'chains' list"):
        load_registry(bundled=tmp_path / "list.json")
