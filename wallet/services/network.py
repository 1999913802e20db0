"""The networks the wallet knows, the one selected, and what its node says right now.

The RPC client (``wallet.chains.rpc``: http.client, ssl, email, sockets, ~20 ms to import) is imported
when a chain is first asked something, on a worker thread: the window comes up without it.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wallet.chains.registry import (
    MAX_REGISTRY_JSON_DEPTH,
    Chain,
    ChainRegistry,
    RegistryError,
    chain_to_json,
    load_registry,
    parse_chains,
)
from wallet.errors import FileReadError, WalletError
from wallet.paths import config_dir
from wallet.settings import Settings, save_settings
from wallet.store.atomic import atomic_write_text
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.untrusted_json import UntrustedJsonError, loads_untrusted

if TYPE_CHECKING:
    from wallet.chains.rpc import ChainClient, RpcError

CUSTOM_CHAINS_FILE = "custom-chains.json"


class InvalidRpcUrlError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Not a usable RPC URL: it must start with http:// or https://.")


class InvalidCustomChainError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The network cannot be added: {reason}")


class BundledNodeError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This node comes with the wallet and cannot be removed. "
                                 "Add your own node: it is tried first.")


class UnknownNodeError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This node is not among the network's nodes.")


class BundledNetworkError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This network comes with the wallet and cannot be removed.")


class SelectedNetworkError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "{name} is the network in use: switch to another network first.")


def custom_chains_path() -> Path:
    return config_dir() / CUSTOM_CHAINS_FILE


def _saved_custom_chains(path: Path) -> list[Any]:
    """The entries of the added-networks file, as saved ([] when there is none yet)."""
    if not path.exists():
        return []
    try:
        document = loads_untrusted(path.read_bytes(), MAX_REGISTRY_JSON_DEPTH)
    except OSError as error:
        raise FileReadError.from_os_error(path.name, error) from None
    except UntrustedJsonError:
        document = None
    if not isinstance(document, dict) or not isinstance(document.get("chains"), list):
        raise InvalidCustomChainError(reason=QT_TRANSLATE_NOOP("WalletError", "the file of added networks is damaged"))
    return list(document["chains"])


@dataclass(frozen=True)
class ChainStatus:
    chain_key: str
    block_number: int
    failing_nodes: tuple[RpcError, ...] = ()  # nodes of the chain whose last request failed (each names its node)
    genesis_hash: str | None = None


# A chain is its id *and* its genesis block (a restarted playground keeps the id): the hash is asked
# once per client, which lives as long as the chain's nodes do.
_GENESIS_HASHES: weakref.WeakKeyDictionary[ChainClient, str] = weakref.WeakKeyDictionary()
_GENESIS_LOCK = threading.Lock()
_HASH_HEX_CHARS = 64


def _parse_block_hash(value: Any, endpoint: str) -> str:
    from wallet.chains.rpc import RpcProtocolError

    block_hash = value.get("hash") if isinstance(value, dict) else None
    if not (isinstance(block_hash, str) and block_hash.startswith("0x") and len(block_hash) == 2 + _HASH_HEX_CHARS
            and all(c in "0123456789abcdefABCDEF" for c in block_hash[2:])):
        raise RpcProtocolError(endpoint=endpoint, reason=QT_TRANSLATE_NOOP("WalletError", "no genesis block hash"))
    return block_hash.lower()


def genesis_hash(client: ChainClient) -> str:
    """Blocking: the hash of the client's chain's block 0, asked once per client."""
    with _GENESIS_LOCK:
        known = _GENESIS_HASHES.get(client)
    if known is not None:
        return known
    block_hash: str = client.request("eth_getBlockByNumber", ["0x0", False], parse=_parse_block_hash)
    with _GENESIS_LOCK:
        return _GENESIS_HASHES.setdefault(client, block_hash)


def known_genesis_hash(client: ChainClient) -> str | None:
    """The genesis hash if it has been asked already (never asks: safe on the GUI thread)."""
    with _GENESIS_LOCK:
        return _GENESIS_HASHES.get(client)


class NetworkService:
    """Holds the chain registry and the selected network; hands out one ``ChainClient`` per chain."""

    def __init__(self, settings: Settings, registry: ChainRegistry | None = None,
                 rpc_timeout_s: float | None = None) -> None:
        """``rpc_timeout_s``: each request's deadline; None for the client's (``rpc.DEFAULT_TIMEOUT_S``)."""
        self.settings = settings
        if registry is None:
            extra = custom_chains_path()
            registry = load_registry(*([extra] if extra.exists() else []))
        self.registry = registry
        self.rpc_timeout_s = rpc_timeout_s
        self._clients: dict[str, ChainClient] = {}
        self._lock = threading.Lock()
        self._base_urls = {chain.key: chain.rpc_urls for chain in self.registry}
        for key in list(settings.custom_rpc_urls):
            if key in self.registry:
                self._apply_custom_urls(key)

    def chains(self) -> list[Chain]:
        return list(self.registry)

    def selected_chain(self) -> Chain | None:
        """The selected chain, or None when nothing usable is selected (a devnet that is not running)."""
        key = self.settings.network
        return self.registry.get(key) if key is not None and key in self.registry else None

    def select(self, chain_key: str) -> Chain:
        chain = self.registry.get(chain_key)
        self.settings.network = chain_key
        save_settings(self.settings)
        return chain

    def add_custom_rpc(self, chain_key: str, url: str) -> Chain:
        """Put ``url`` first among the chain's nodes (it is still checked for the chain id)."""
        from wallet.chains.rpc import usable_rpc_url

        url = url.strip()
        if not usable_rpc_url(url):
            raise InvalidRpcUrlError()
        urls = self.settings.custom_rpc_urls.setdefault(chain_key, [])
        if url not in urls:
            urls.insert(0, url)
        save_settings(self.settings)
        return self._apply_custom_urls(chain_key)

    def is_custom_rpc(self, chain_key: str, url: str) -> bool:
        """Whether the user added ``url`` (bundled nodes and the playground's are not the user's)."""
        return url in self.settings.custom_rpc_urls.get(chain_key, [])

    def remove_custom_rpc(self, chain_key: str, url: str) -> Chain:
        """Forget a node the user added. A bundled node stays: without it the network may have none."""
        urls = self.settings.custom_rpc_urls.get(chain_key, [])
        if url not in urls:
            known = chain_key in self.registry and url in self.registry.get(chain_key).rpc_urls
            raise BundledNodeError() if known else UnknownNodeError()
        urls.remove(url)
        if not urls:
            self.settings.custom_rpc_urls.pop(chain_key, None)
        save_settings(self.settings)
        return self._apply_custom_urls(chain_key)

    def add_custom_chain(self, name: str, chain_id: int, symbol: str, rpc_url: str,
                         explorer_url: str | None = None) -> Chain:
        """A network the registry lacks, validated like the bundled ones and saved for next time.
        Each field is checked first, with an error that names it in the user's language."""
        from wallet.services.custom_network import check_custom_network

        check_custom_network(name, chain_id, symbol, rpc_url, explorer_url, self.registry)
        entry = {"key": f"custom-{chain_id}", "chain_id": chain_id, "name": name.strip(),
                 "native": {"symbol": symbol.strip(), "name": symbol.strip(), "decimals": 18},
                 "rpc_urls": [rpc_url.strip()], "explorer_url": (explorer_url or "").strip() or None}
        path = custom_chains_path()
        existing = _saved_custom_chains(path)
        try:
            (chain,) = parse_chains([entry], source="custom network")
            self.registry.add(chain)
        except RegistryError as error:
            raise InvalidCustomChainError(reason=str(error)) from None
        atomic_write_text(path, json.dumps({"chains": [*existing, chain_to_json(chain)]}, indent=2) + "\n")
        self._base_urls[chain.key] = chain.rpc_urls
        return chain

    def custom_chain_keys(self) -> set[str]:
        """The networks the user added (read from their file: the registry does not say)."""
        return {entry["key"] for entry in _saved_custom_chains(custom_chains_path())
                if isinstance(entry, dict) and isinstance(entry.get("key"), str)}

    def remove_custom_chain(self, chain_key: str) -> None:
        """Forget a network the user added, and the nodes added to it. Not a bundled network, and
        not the one in use (the pages would be left showing a network that no longer exists)."""
        path = custom_chains_path()
        saved = _saved_custom_chains(path)
        if not any(isinstance(e, dict) and e.get("key") == chain_key for e in saved):
            raise BundledNetworkError()  # no name: a bundled chain's is translated on screen, not here
        if self.settings.network == chain_key:
            raise SelectedNetworkError(name=self.registry.get(chain_key).name)  # the user's own name
        kept = [e for e in saved if not (isinstance(e, dict) and e.get("key") == chain_key)]
        atomic_write_text(path, json.dumps({"chains": kept}, indent=2) + "\n")
        if self.settings.custom_rpc_urls.pop(chain_key, None) is not None:
            save_settings(self.settings)
        with self._lock:
            # A registry only grows (ChainRegistry has no removal): a new one without the chain.
            self.registry = ChainRegistry(c for c in self.registry if c.key != chain_key)
            self._clients.pop(chain_key, None)
            self._base_urls.pop(chain_key, None)

    def _apply_custom_urls(self, chain_key: str) -> Chain:
        with self._lock:
            chain = self.registry.get(chain_key)
            base = self._base_urls.get(chain_key, chain.rpc_urls)
            custom = tuple(self.settings.custom_rpc_urls.get(chain_key, []))
            updated = dataclasses.replace(chain, rpc_urls=custom + tuple(u for u in base if u not in custom))
            self.registry.add(updated, replace=True)
            self._clients.pop(chain_key, None)
            return updated

    def add_chains(self, chains: list[Chain]) -> None:
        """Add (or refresh) chains such as the devnet's, whose RPC URLs change on every start."""
        with self._lock:
            for chain in chains:
                self.registry.add(chain, replace=True)
                self._clients.pop(chain.key, None)
                self._base_urls[chain.key] = chain.rpc_urls

    def remove_devnet_chains(self) -> None:
        with self._lock:
            for chain in self.registry:
                if chain.devnet:
                    self._clients.pop(chain.key, None)
            self.registry.remove_devnet()

    def client(self, chain: Chain) -> ChainClient:
        """The chain's client (blocking the first time: it imports the RPC stack; call from a task)."""
        from wallet.chains.rpc import ChainClient

        with self._lock:
            client = self._clients.get(chain.key)
            if client is None or client.chain != chain:
                client = (ChainClient(chain) if self.rpc_timeout_s is None
                          else ChainClient(chain, timeout_s=self.rpc_timeout_s))
                self._clients[chain.key] = client
            return client

    def known_genesis(self, chain: Chain) -> str | None:
        """The chain's genesis hash if its current client has asked for it (never asks)."""
        with self._lock:
            client = self._clients.get(chain.key)
        return known_genesis_hash(client) if client is not None and client.chain == chain else None

    def fetch_status(self, chain: Chain) -> ChainStatus:
        """Blocking: ask the chain's nodes for its height (runs off the GUI thread), and say which of
        them failed on the way (a silent first node, say, while the next one answered). The genesis
        hash is asked the first time only."""
        from wallet.chains.rpc import RpcError

        client = self.client(chain)
        block_number = client.block_number()
        try:
            genesis: str | None = genesis_hash(client)
        except RpcError:  # the height is still news; History asks for the genesis again itself
            genesis = None
        return ChainStatus(chain.key, block_number, tuple(client.failing_nodes().values()), genesis)
