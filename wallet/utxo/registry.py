"""The UTXO chain registry: Bitcoin and Litecoin networks, loaded from ``resources/utxo_chains.json``
and validated as strictly as the EVM registry (``wallet.chains.registry``).

Each chain names its address format (the bech32 prefix), its BIP-84 coin type, its genesis block
(which links it to the consensus constants of ``wallet.utxo.networks``), the public Electrum servers
to start from (TLS only) and explorer links. A bad entry is refused with an error naming the file,
the chain and the field, never half-loaded. Loading also checks each chain against what derives and
checks its addresses elsewhere: embit's network dicts (Bitcoin), bip-utils' BIP-84 configurations,
the ``CoinParams`` of ``wallet.utxo.account`` and the ``UtxoNetwork`` constants (same genesis ⇒ same
coin, prefix and coin type), so a typo in the file cannot put coins on another network's addresses.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from bip_utils.bip.conf.bip84 import Bip84Conf
from embit.networks import NETWORKS  # type: ignore[import-untyped]

from wallet.chains.registry import JsonEntry, RegistryError
from wallet.paths import RESOURCES_DIR
from wallet.untrusted_json import UntrustedJsonError, loads_untrusted
from wallet.utxo import networks as consensus
from wallet.utxo.account import (
    BITCOIN,
    BITCOIN_REGTEST_PARAMS,
    LITECOIN,
    LITECOIN_REGTEST_PARAMS,
    VPUB,
    ZPUB,
    CoinParams,
)
from wallet.utxo.electrum_client import ElectrumServer
from wallet.utxo.networks import UtxoNetwork

BUNDLED_UTXO_REGISTRY = RESOURCES_DIR / "utxo_chains.json"
MAX_UTXO_REGISTRY_JSON_DEPTH = 8  # chains, chain, servers or names
ChainKind = Literal["mainnet", "testnet", "regtest"]
KINDS: tuple[ChainKind, ...] = ("mainnet", "testnet", "regtest")
# SLIP-44: each coin's registered type on mainnet; 1 ("Testnet (all coins)") on every test network.
SLIP44_MAINNET_COIN_TYPES = {"BTC": 0, "LTC": 2}
TESTNET_COIN_TYPE = 1
_EMBIT_NETWORK_BY_KIND = {"mainnet": "main", "testnet": "test", "regtest": "regtest"}
# bip-utils' BIP-84 configurations (it has no regtest ones): an independent source for each prefix.
_BIP_UTILS_CONF = {("BTC", "mainnet"): Bip84Conf.BitcoinMainNet, ("BTC", "testnet"): Bip84Conf.BitcoinTestNet,
                   ("LTC", "mainnet"): Bip84Conf.LitecoinMainNet, ("LTC", "testnet"): Bip84Conf.LitecoinTestNet}
# What ``wallet.utxo.account`` derives with: every chain with the same genesis must agree with it.
ACCOUNT_PARAMS: tuple[CoinParams, ...] = (BITCOIN, BITCOIN_REGTEST_PARAMS, LITECOIN, LITECOIN_REGTEST_PARAMS)

_KEY_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_HRP_RE = re.compile(r"[a-z]{1,83}\Z")
_GENESIS_RE = re.compile(r"[0-9a-f]{64}\Z")
_SYMBOL_RE = re.compile(r"[A-Za-z0-9]{1,10}\Z")
_LOCALE_RE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?\Z")
_LABEL_RE = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\Z")


@dataclass(frozen=True)
class UtxoChain:
    key: str
    name: str
    symbol: str  # as shown ("tBTC" on a testnet)
    coin: str  # the coin it is a network of: "BTC", "LTC"
    decimals: int
    kind: ChainKind
    genesis_hash: str  # display order, lowercase hex
    bech32_hrp: str
    bip84_coin_type: int
    uri_scheme: str  # BIP-21
    electrum_servers: tuple[ElectrumServer, ...]
    electrum_servers_source: str | None
    explorer_tx_url: str | None  # with "{txid}"
    explorer_address_url: str | None  # with "{address}"
    # The consensus constants of the same genesis, when wallet.utxo.networks has them (it has them for
    # every bundled chain; a chain added to the file before its constants gets None).
    network: UtxoNetwork | None
    localized_names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def testnet(self) -> bool:
        return self.kind != "mainnet"

    def display_name(self, locale: str = "en") -> str:
        """The chain's name in ``locale`` (e.g. ``zh_CN``), falling back to English."""
        return self.localized_names.get(locale, self.name)

    @property
    def public_version(self) -> bytes:
        """The BIP-84 account key version: zpub on mainnet, vpub on testnet and regtest."""
        return ZPUB if self.kind == "mainnet" else VPUB

    @property
    def embit_network(self) -> dict[str, Any]:
        """embit's network dict for this chain's kind, with this chain's bech32 prefix."""
        return {**NETWORKS[_EMBIT_NETWORK_BY_KIND[self.kind]], "bech32": self.bech32_hrp}

    def coin_params(self) -> CoinParams | None:
        """What ``wallet.utxo.account`` derives this chain's addresses with; None without consensus
        constants (``network``)."""
        if self.network is None:
            return None
        return CoinParams(self.network, self.bip84_coin_type, self.bech32_hrp, self.public_version,
                          self.embit_network, self.uri_scheme)

    def tx_url(self, txid: str) -> str | None:
        if self.explorer_tx_url is None or not _GENESIS_RE.match(txid.lower()):
            return None
        return self.explorer_tx_url.replace("{txid}", txid.lower())

    def address_url(self, address: str) -> str | None:
        if self.explorer_address_url is None or not address.isalnum():
            return None
        return self.explorer_address_url.replace("{address}", address)


class UtxoRegistry:
    """UTXO chains by key (and by genesis); a key or genesis is never defined twice."""

    def __init__(self, chains: Sequence[UtxoChain]) -> None:
        self._by_key: dict[str, UtxoChain] = {}
        for chain in chains:
            if chain.key in self._by_key:
                raise RegistryError(f"UTXO chain '{chain.key}' is defined twice")
            twin = self.by_genesis(chain.genesis_hash)
            if twin is not None:
                raise RegistryError(
                    f"UTXO chain '{chain.key}' has the genesis block of '{twin.key}'")
            self._by_key[chain.key] = chain

    def get(self, key: str) -> UtxoChain:
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(f"unknown UTXO chain '{key}'") from None

    def by_genesis(self, genesis_hash: str) -> UtxoChain | None:
        return next((c for c in self._by_key.values() if c.genesis_hash == genesis_hash.lower()), None)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[UtxoChain]:
        return iter(list(self._by_key.values()))

    def __len__(self) -> int:
        return len(self._by_key)


def load_utxo_registry(path: Path = BUNDLED_UTXO_REGISTRY) -> UtxoRegistry:
    try:
        document = loads_untrusted(path.read_bytes(), MAX_UTXO_REGISTRY_JSON_DEPTH)
    except FileNotFoundError:
        raise RegistryError(f"UTXO chain registry {path} does not exist") from None
    except (OSError, UntrustedJsonError) as error:
        raise RegistryError(f"UTXO chain registry {path} is not readable JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("chains"), list):
        raise RegistryError(f"UTXO chain registry {path} must be an object with a 'chains' list")
    return UtxoRegistry(parse_utxo_chains(document["chains"], source=str(path)))


def parse_utxo_chains(entries: Sequence[Any], source: str = "UTXO registry") -> list[UtxoChain]:
    chains = []
    for index, entry in enumerate(entries):
        label = entry.get("key", f"#{index}") if isinstance(entry, dict) else f"#{index}"
        chains.append(_parse_chain(_Entry(entry, f"{source}: chain '{label}'")))
    UtxoRegistry(chains)  # duplicate keys / genesis blocks are an error within one file too
    return chains


def utxo_chain_to_json(chain: UtxoChain) -> dict[str, Any]:
    """The JSON form of ``chain``: what ``parse_utxo_chains`` reads back."""
    data: dict[str, Any] = {
        "key": chain.key, "name": chain.name, "symbol": chain.symbol, "coin": chain.coin,
        "decimals": chain.decimals, "kind": chain.kind, "genesis_hash": chain.genesis_hash,
        "bech32_hrp": chain.bech32_hrp, "bip84_coin_type": chain.bip84_coin_type,
        "uri_scheme": chain.uri_scheme,
        "electrum_servers": [f"{'ssl' if s.tls else 'tcp'}://{s.host}:{s.port}" for s in chain.electrum_servers],
    }
    if chain.localized_names:
        data["localized_names"] = dict(chain.localized_names)
    for name in ("electrum_servers_source", "explorer_tx_url", "explorer_address_url"):
        if getattr(chain, name) is not None:
            data[name] = getattr(chain, name)
    return data


class _Entry(JsonEntry):
    """The registry's entry reader, with text that must be printable and the UTXO fields' checks."""

    def text(self, name: str) -> str:
        value = super().text(name)
        if not value.isprintable():
            raise self.fail(name, "must be a non-empty string")
        return value

    def matching(self, name: str, pattern: re.Pattern[str], problem: str) -> str:
        value = self.text(name)
        if not pattern.match(value):
            raise self.fail(name, problem)
        return value

    def explorer_template(self, name: str, placeholder: str) -> str | None:
        if not self.has(name):
            return None
        value = self.text(name)
        rest = value.replace(placeholder, "")
        if value.count(placeholder) != 1 or "{" in rest or "}" in rest:
            raise self.fail(name, f"must hold {placeholder} once and no other placeholder")
        host = rest.removeprefix("https://").split("/", 1)[0]
        if not rest.startswith("https://") or not _valid_hostname(host) or any(c.isspace() for c in rest):
            raise self.fail(name, f"must be an https URL: {value!r}")
        return value


def _valid_hostname(host: str) -> bool:
    """A DNS name (letters, digits, dashes; a dot-separated name with a non-numeric top label) or an
    IP address."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.split(".")
    return (len(host) <= 253 and len(labels) >= 2 and all(_LABEL_RE.match(label) for label in labels)
            and not labels[-1].isdigit())


def _parse_servers(entry: _Entry, kind: ChainKind) -> tuple[ElectrumServer, ...]:
    values = entry.value.get("electrum_servers")
    if not isinstance(values, list):
        raise entry.fail("electrum_servers", "must be a list of ssl://host:port addresses")
    if kind == "regtest" and values:
        raise entry.fail("electrum_servers", "must be empty on regtest (a local chain has no public servers)")
    if kind != "regtest" and not values:
        raise entry.fail("electrum_servers", "must list at least one server")
    servers: list[ElectrumServer] = []
    for index, value in enumerate(values):
        name = f"electrum_servers[{index}]"
        if not isinstance(value, str):
            raise entry.fail(name, "must be an ssl://host:port string")
        try:
            server = ElectrumServer.parse(value)
        except ValueError as error:
            raise entry.fail(name, str(error)) from None
        if not _valid_hostname(server.host) or server.host != server.host.lower():
            raise entry.fail(name, f"has an invalid host name: {server.host!r}")
        if not server.tls:
            raise entry.fail(name, "must use TLS (ssl://): public servers are never spoken to in clear text")
        if server in servers:
            raise entry.fail(name, f"repeats {server.label}")
        servers.append(server)
    return tuple(servers)


def _parse_chain(entry: _Entry) -> UtxoChain:
    key = entry.matching("key", _KEY_RE, "must be lowercase letters, digits and dashes")
    kind = entry.text("kind")
    if kind not in KINDS:
        raise entry.fail("kind", "must be 'mainnet', 'testnet' or 'regtest'")
    chain_kind: ChainKind = "mainnet" if kind == "mainnet" else "testnet" if kind == "testnet" else "regtest"
    coin = entry.text("coin")
    if coin not in SLIP44_MAINNET_COIN_TYPES:
        raise entry.fail("coin", f"must be one of {', '.join(sorted(SLIP44_MAINNET_COIN_TYPES))}")
    names = entry.value.get("localized_names", {})
    if not isinstance(names, dict) or not all(
            isinstance(k, str) and _LOCALE_RE.match(k) and isinstance(v, str) and v.strip()
            for k, v in names.items()):
        raise entry.fail("localized_names", "must map locale codes (e.g. zh_CN) to names")
    source = entry.text("electrum_servers_source") if entry.has("electrum_servers_source") else None
    servers = _parse_servers(entry, chain_kind)
    if servers and source is None:
        raise entry.fail("electrum_servers_source", "must say where the servers were taken from")
    tx_url = entry.explorer_template("explorer_tx_url", "{txid}")
    address_url = entry.explorer_template("explorer_address_url", "{address}")
    if (tx_url is None) != (address_url is None):
        raise entry.fail("explorer_address_url" if tx_url else "explorer_tx_url",
                         "must be given with the other explorer link")
    if chain_kind == "regtest" and tx_url is not None:
        raise entry.fail("explorer_tx_url", "must be absent on regtest (a local chain has no explorer)")
    genesis = entry.matching("genesis_hash", _GENESIS_RE, "must be 64 lowercase hex digits")
    chain = UtxoChain(
        key=key,
        name=entry.text("name"),
        symbol=entry.matching("symbol", _SYMBOL_RE, "must be 1 to 10 letters or digits"),
        coin=coin,
        decimals=entry.integer("decimals", 8, 8),
        kind=chain_kind,
        genesis_hash=genesis,
        bech32_hrp=entry.matching("bech32_hrp", _HRP_RE, "must be lowercase letters a-z (a bech32 prefix)"),
        bip84_coin_type=entry.integer("bip84_coin_type", 0, 2**31 - 1),
        uri_scheme=entry.matching("uri_scheme", re.compile(r"[a-z][a-z0-9+.-]*\Z"), "must be a URI scheme"),
        electrum_servers=servers,
        electrum_servers_source=source,
        explorer_tx_url=tx_url,
        explorer_address_url=address_url,
        network=_consensus_network(genesis),
        localized_names=MappingProxyType(dict(names)),
    )
    _cross_check(entry, chain)
    return chain


def _consensus_network(genesis_hash: str) -> UtxoNetwork | None:
    known = (value for value in vars(consensus).values() if isinstance(value, UtxoNetwork))
    return next((n for n in known if n.genesis_hash == genesis_hash), None)


def _cross_check(entry: _Entry, chain: UtxoChain) -> None:
    """The chain agrees with SLIP-44, embit (Bitcoin), bip-utils (mainnets, testnets) and our own
    consensus and account constants."""
    expected_type = SLIP44_MAINNET_COIN_TYPES[chain.coin] if chain.kind == "mainnet" else TESTNET_COIN_TYPE
    if chain.bip84_coin_type != expected_type:
        raise entry.fail("bip84_coin_type", f"must be {expected_type} (SLIP-44) for {chain.coin} {chain.kind}")
    if chain.coin == "BTC":
        embit_network = NETWORKS[_EMBIT_NETWORK_BY_KIND[chain.kind]]
        if chain.bech32_hrp != embit_network["bech32"]:
            raise entry.fail("bech32_hrp", f"must be {embit_network['bech32']!r} (embit's Bitcoin {chain.kind})")
    network = chain.network
    if network is not None:
        if network.coin != chain.coin:
            raise entry.fail("coin", f"must be {network.coin}: the genesis block is {network.name}'s")
        if network.no_retargeting != (chain.kind == "regtest"):
            raise entry.fail("kind", f"does not match {network.name}'s genesis block")
    for params in ACCOUNT_PARAMS:
        if params.network.genesis_hash != chain.genesis_hash:
            continue
        if params.hrp != chain.bech32_hrp:
            raise entry.fail("bech32_hrp", f"must be {params.hrp!r}, as wallet.utxo.account derives {params.name}")
        if params.coin_type != chain.bip84_coin_type:
            raise entry.fail("bip84_coin_type",
                             f"must be {params.coin_type}, as wallet.utxo.account derives {params.name}")
        if params.uri_scheme != chain.uri_scheme:
            raise entry.fail("uri_scheme", f"must be {params.uri_scheme!r}, as wallet.utxo.account uses")
    conf = _BIP_UTILS_CONF.get((chain.coin, chain.kind))
    if conf is not None and chain.bech32_hrp != conf.AddrParams()["hrp"]:
        raise entry.fail("bech32_hrp", f"must be {conf.AddrParams()['hrp']!r} (bip-utils' {chain.coin} {chain.kind})")
