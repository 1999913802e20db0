"""The networks the wallet knows, the one selected, and what its node says right now."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from wallet.chains.registry import Chain, ChainRegistry, load_registry
from wallet.chains.rpc import DEFAULT_TIMEOUT_S, ChainClient
from wallet.settings import Settings, save_settings


@dataclass(frozen=True)
class ChainStatus:
    chain_key: str
    block_number: int


class NetworkService:
    """Holds the chain registry and the selected network; hands out one ``ChainClient`` per chain."""

    def __init__(self, settings: Settings, registry: ChainRegistry | None = None,
                 rpc_timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self.settings = settings
        self.registry = registry if registry is not None else load_registry()
        self.rpc_timeout_s = rpc_timeout_s
        self._clients: dict[str, ChainClient] = {}
        self._lock = threading.Lock()

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

    def add_chains(self, chains: list[Chain]) -> None:
        """Add (or refresh) chains such as the devnet's, whose RPC URLs change on every start."""
        with self._lock:
            for chain in chains:
                self.registry.add(chain, replace=True)
                self._clients.pop(chain.key, None)

    def remove_devnet_chains(self) -> None:
        with self._lock:
            for chain in self.registry:
                if chain.devnet:
                    self._clients.pop(chain.key, None)
            self.registry.remove_devnet()

    def client(self, chain: Chain) -> ChainClient:
        with self._lock:
            client = self._clients.get(chain.key)
            if client is None or client.chain != chain:
                client = ChainClient(chain, timeout_s=self.rpc_timeout_s)
                self._clients[chain.key] = client
            return client

    def fetch_status(self, chain: Chain) -> ChainStatus:
        """Blocking: ask the chain's node for its height (runs off the GUI thread)."""
        return ChainStatus(chain.key, self.client(chain).block_number())
