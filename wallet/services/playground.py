"""The devnet playground as a service: start local chains for the app, stop them when it quits."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from wallet.chains.registry import Chain
from wallet.paths import cache_dir

if TYPE_CHECKING:
    from wallet.devnet import Devnet


class PlaygroundService:
    def __init__(self) -> None:
        self._devnet: Devnet | None = None
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        return self._devnet is not None

    def start(self) -> list[Chain]:
        """Blocking: start the devnet (about a second) and return its chains. Idempotent."""
        # Imported here, not at module level: the devnet pulls in web3, which costs over a second
        # of start-up for users who never open the playground.
        from wallet.devnet import Devnet, reap_stale_devnet

        with self._lock:
            if self._devnet is None:
                manifest = cache_dir() / "devnet.json"
                reap_stale_devnet(manifest)
                self._devnet = Devnet.start(manifest_path=manifest)
            return list(self._devnet.chains)

    def stop(self) -> None:
        with self._lock:
            if self._devnet is not None:
                self._devnet.stop()
                self._devnet = None
