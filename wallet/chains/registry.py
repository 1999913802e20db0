"""The chain registry: every network the wallet knows, loaded from JSON and validated.

``resources/chains.json`` holds the real networks; the devnet writes a manifest of the same shape,
so a local chain is read exactly like a public one. A bad entry is refused with an error that names
it and the field, never half-loaded: an address with a broken checksum in a registry is how money
gets sent to the wrong contract.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from wallet.chains.address import AddressError, parse_address
from wallet.paths import RESOURCES_DIR
from wallet.untrusted_json import UntrustedJsonError, loads_untrusted

BUNDLED_REGISTRY = RESOURCES_DIR / "chains.json"
# A registry nests 4 deep (chains, chain, native currency or names); user files are read too, and
# must not nest the thousands of levels that crash the parser (see wallet.untrusted_json).
MAX_REGISTRY_JSON_DEPTH = 16
SwapRouterKind = Literal["SwapRouter", "SwapRouter02"]
_HASH_RE = re.compile(r"^0x[0-9a-fA-F]{64}\Z")


class RegistryError(ValueError):
    """A chain registry entry is malformed; the message names the entry and the field."""


@dataclass(frozen=True)
class NativeCurrency:
    symbol: str
    name: str
    decimals: int


@dataclass(frozen=True)
class TokenInfo:
    address: str
    symbol: str
    name: str
    decimals: int


@dataclass(frozen=True)
class UniswapV2Deployment:
    """A Uniswap-V2-compatible DEX (Uniswap itself or a fork with the same router ABI)."""

    name: str
    factory: str
    router: str
    init_code_hash: str


@dataclass(frozen=True)
class UniswapV3Deployment:
    name: str
    factory: str
    swap_router: str
    swap_router_kind: SwapRouterKind
    quoter_v2: str
    position_manager: str
    # SwapRouter02 (swap-router-contracts): V2 and V3 swaps and a split in one ``multicall``. Where
    # it is the only router, ``swap_router`` is it too.
    swap_router02: str | None = None


@dataclass(frozen=True)
class Chain:
    key: str
    chain_id: int
    name: str
    native: NativeCurrency
    rpc_urls: tuple[str, ...]
    explorer_url: str | None = None
    # An Etherscan-compatible API (``…/api`` with ``module=account&action=txlist``), for finding coins
    # received: Etherscan's v2 API serves many chains from one URL with ``chainid``.
    explorer_api_url: str | None = None
    localized_names: Mapping[str, str] = field(default_factory=dict)
    eip1559: bool = True
    multicall3: str | None = None
    wrapped_native: str | None = None
    uniswap_v2: UniswapV2Deployment | None = None
    uniswap_v3: UniswapV3Deployment | None = None
    tokens: tuple[TokenInfo, ...] = ()
    ens_registry: str | None = None
    usd_token: TokenInfo | None = None  # a dollar stablecoin: the chain's DEX prices things in it
    # Intermediate tokens for two-hop routes beyond the wrapped coin and the USD token.
    route_bases: tuple[str, ...] = ()
    testnet: bool = False
    devnet: bool = False

    def display_name(self, locale: str = "en") -> str:
        """The chain's name in ``locale`` (e.g. ``zh_CN``), falling back to English."""
        return self.localized_names.get(locale, self.name)


class ChainRegistry:
    """Chains by key and by chain id. Later entries never silently replace earlier ones."""

    def __init__(self, chains: Iterable[Chain] = ()) -> None:
        self._by_key: dict[str, Chain] = {}
        for chain in chains:
            self.add(chain)

    def add(self, chain: Chain, *, replace: bool = False) -> None:
        existing = self.by_chain_id(chain.chain_id)
        if not replace:
            if existing is not None:
                raise RegistryError(
                    f"chain '{chain.key}' uses chain id {chain.chain_id}, already used by '{existing.key}'"
                )
            if chain.key in self._by_key:
                raise RegistryError(f"chain '{chain.key}' is defined twice")
        elif existing is not None and existing.key != chain.key:
            del self._by_key[existing.key]
        self._by_key[chain.key] = chain

    def remove_devnet(self) -> None:
        self._by_key = {k: c for k, c in self._by_key.items() if not c.devnet}

    def get(self, key: str) -> Chain:
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(f"unknown chain '{key}'") from None

    def by_chain_id(self, chain_id: int) -> Chain | None:
        return next((c for c in self._by_key.values() if c.chain_id == chain_id), None)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Chain]:
        return iter(list(self._by_key.values()))

    def __len__(self) -> int:
        return len(self._by_key)


def load_registry(*extra_files: Path, bundled: Path = BUNDLED_REGISTRY) -> ChainRegistry:
    """The bundled registry plus the chains of ``extra_files`` (devnet manifests, user files)."""
    registry = ChainRegistry(load_chains_file(bundled))
    for extra in extra_files:
        for chain in load_chains_file(extra):
            registry.add(chain)
    return registry


def load_chains_file(path: Path) -> list[Chain]:
    try:
        document = loads_untrusted(path.read_text(encoding="utf-8"), MAX_REGISTRY_JSON_DEPTH)
    except FileNotFoundError:
        raise RegistryError(f"chain registry {path} does not exist") from None
    except (OSError, UnicodeDecodeError, UntrustedJsonError) as error:
        raise RegistryError(f"chain registry {path} is not readable JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("chains"), list):
        raise RegistryError(f"chain registry {path} must be an object with a 'chains' list")
    return parse_chains(document["chains"], source=str(path))


def parse_chains(entries: Sequence[Any], source: str = "registry") -> list[Chain]:
    chains = []
    for index, entry in enumerate(entries):
        label = entry.get("key", f"#{index}") if isinstance(entry, dict) else f"#{index}"
        chains.append(_parse_chain(JsonEntry(entry, f"{source}: chain '{label}'")))
    ChainRegistry(chains)  # duplicate keys / chain ids are an error in one file too
    return chains


def chain_to_json(chain: Chain) -> dict[str, Any]:
    """The JSON form of ``chain``: what ``parse_chains`` reads back."""
    data: dict[str, Any] = {
        "key": chain.key,
        "chain_id": chain.chain_id,
        "name": chain.name,
        "native": {"symbol": chain.native.symbol, "name": chain.native.name,
                   "decimals": chain.native.decimals},
        "rpc_urls": list(chain.rpc_urls),
        "explorer_url": chain.explorer_url,
        "explorer_api_url": chain.explorer_api_url,
        "eip1559": chain.eip1559,
        "testnet": chain.testnet,
        "devnet": chain.devnet,
    }
    if chain.localized_names:
        data["localized_names"] = dict(chain.localized_names)
    if chain.multicall3:
        data["multicall3"] = chain.multicall3
    if chain.wrapped_native:
        data["wrapped_native"] = chain.wrapped_native
    if chain.uniswap_v2:
        v2 = chain.uniswap_v2
        data["uniswap_v2"] = {"name": v2.name, "factory": v2.factory, "router": v2.router,
                              "init_code_hash": v2.init_code_hash}
    if chain.uniswap_v3:
        v3 = chain.uniswap_v3
        data["uniswap_v3"] = {"name": v3.name, "factory": v3.factory, "swap_router": v3.swap_router,
                              "swap_router_kind": v3.swap_router_kind, "quoter_v2": v3.quoter_v2,
                              "position_manager": v3.position_manager}
        if v3.swap_router02:
            data["uniswap_v3"]["swap_router02"] = v3.swap_router02
    if chain.ens_registry:
        data["ens_registry"] = chain.ens_registry
    if chain.usd_token:
        u = chain.usd_token
        data["usd_token"] = {"address": u.address, "symbol": u.symbol, "name": u.name, "decimals": u.decimals}
    if chain.route_bases:
        data["route_bases"] = list(chain.route_bases)
    if chain.tokens:
        data["tokens"] = [{"address": t.address, "symbol": t.symbol, "name": t.name,
                           "decimals": t.decimals} for t in chain.tokens]
    return data


class JsonEntry:
    """Typed field access on one JSON object of a registry file, with errors that say where (the UTXO
    registry reads its entries with it too)."""

    def __init__(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            raise RegistryError(f"{where}: must be a JSON object")
        self.value: dict[str, Any] = value
        self.where = where

    def fail(self, name: str, problem: str) -> RegistryError:
        return RegistryError(f"{self.where}: field '{name}' {problem}")

    def has(self, name: str) -> bool:
        return self.value.get(name) is not None

    def text(self, name: str) -> str:
        value = self.value.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, "must be a non-empty string")
        return value

    def integer(self, name: str, low: int, high: int) -> int:
        value = self.value.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(name, f"must be an integer from {low} to {high}")
        return value

    def flag(self, name: str, default: bool) -> bool:
        value = self.value.get(name, default)
        if not isinstance(value, bool):
            raise self.fail(name, "must be true or false")
        return value

    def address(self, name: str) -> str:
        try:
            return parse_address(self.text(name))
        except AddressError as error:
            raise self.fail(name, str(error)) from None

    def url(self, value: Any, name: str) -> str:
        if not isinstance(value, str):
            raise self.fail(name, "must hold URL strings")
        parsed = urlparse(value)
        if parsed.scheme not in ("http", "https", "ws", "wss") or not parsed.netloc:
            raise self.fail(name, f"has an invalid URL: {value!r}")
        return value

    def child(self, name: str) -> JsonEntry:
        return JsonEntry(self.value.get(name), f"{self.where}.{name}")


def _parse_chain(entry: JsonEntry) -> Chain:
    key = entry.text("key")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
        raise entry.fail("key", "must be lowercase letters, digits and dashes")
    native = entry.child("native")
    rpc_urls = entry.value.get("rpc_urls")
    if not isinstance(rpc_urls, list) or not rpc_urls:
        raise entry.fail("rpc_urls", "must be a non-empty list")
    explorer = entry.url(entry.value["explorer_url"], "explorer_url") if entry.has("explorer_url") else None
    explorer_api = entry.url(entry.value["explorer_api_url"], "explorer_api_url") \
        if entry.has("explorer_api_url") else None
    if explorer_api is not None and not explorer_api.startswith("https://"):
        raise entry.fail("explorer_api_url", "must be an https URL")
    names = entry.value.get("localized_names", {})
    if not isinstance(names, dict) or not all(isinstance(v, str) for v in names.values()):
        raise entry.fail("localized_names", "must map locale codes to names")
    return Chain(
        key=key,
        chain_id=entry.integer("chain_id", 1, 2**53 - 1),
        name=entry.text("name"),
        native=NativeCurrency(native.text("symbol"), native.text("name"), native.integer("decimals", 0, 36)),
        rpc_urls=tuple(entry.url(url, "rpc_urls") for url in rpc_urls),
        explorer_url=explorer,
        explorer_api_url=explorer_api,
        localized_names=names,
        eip1559=entry.flag("eip1559", True),
        multicall3=entry.address("multicall3") if entry.has("multicall3") else None,
        wrapped_native=entry.address("wrapped_native") if entry.has("wrapped_native") else None,
        uniswap_v2=_parse_v2(entry.child("uniswap_v2")) if entry.has("uniswap_v2") else None,
        uniswap_v3=_parse_v3(entry.child("uniswap_v3")) if entry.has("uniswap_v3") else None,
        tokens=tuple(_parse_token(JsonEntry(t, f"{entry.where}.tokens[{i}]"))
                     for i, t in enumerate(entry.value.get("tokens", []))),
        ens_registry=entry.address("ens_registry") if entry.has("ens_registry") else None,
        usd_token=_parse_token(entry.child("usd_token")) if entry.has("usd_token") else None,
        route_bases=_parse_route_bases(entry),
        testnet=entry.flag("testnet", False),
        devnet=entry.flag("devnet", False),
    )


def _parse_v2(entry: JsonEntry) -> UniswapV2Deployment:
    init_code_hash = entry.text("init_code_hash")
    if not _HASH_RE.match(init_code_hash):
        raise entry.fail("init_code_hash", "must be a 32-byte hex string")
    return UniswapV2Deployment(entry.text("name"), entry.address("factory"), entry.address("router"),
                               init_code_hash.lower())


def _parse_v3(entry: JsonEntry) -> UniswapV3Deployment:
    kind = entry.text("swap_router_kind")
    if kind not in ("SwapRouter", "SwapRouter02"):
        raise entry.fail("swap_router_kind", "must be 'SwapRouter' or 'SwapRouter02'")
    swap_router = entry.address("swap_router")
    swap_router02 = entry.address("swap_router02") if entry.has("swap_router02") else None
    if kind == "SwapRouter02":
        if swap_router02 not in (None, swap_router):
            raise entry.fail("swap_router02", "must equal 'swap_router' when swap_router_kind is 'SwapRouter02'")
        swap_router02 = swap_router
    return UniswapV3Deployment(entry.text("name"), entry.address("factory"), swap_router,
                               "SwapRouter" if kind == "SwapRouter" else "SwapRouter02",
                               entry.address("quoter_v2"), entry.address("position_manager"), swap_router02)


def _parse_route_bases(entry: JsonEntry) -> tuple[str, ...]:
    bases = entry.value.get("route_bases", [])
    if not isinstance(bases, list):
        raise entry.fail("route_bases", "must be a list of token addresses")
    parsed = []
    for index, value in enumerate(bases):
        try:
            parsed.append(parse_address(value if isinstance(value, str) else ""))
        except AddressError as error:
            raise entry.fail(f"route_bases[{index}]", str(error)) from None
    return tuple(parsed)


def _parse_token(entry: JsonEntry) -> TokenInfo:
    return TokenInfo(entry.address("address"), entry.text("symbol"), entry.text("name"),
                     entry.integer("decimals", 0, 36))
