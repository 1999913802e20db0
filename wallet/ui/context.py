"""Everything a window needs from the core, built once per app run."""

from __future__ import annotations

from dataclasses import dataclass

from wallet.services.network import NetworkService
from wallet.services.playground import PlaygroundService
from wallet.settings import Settings
from wallet.ui.tasks import TaskRunner

SHUTDOWN_WAIT_MS = 3000


@dataclass
class AppContext:
    settings: Settings
    network: NetworkService
    playground: PlaygroundService
    tasks: TaskRunner

    @classmethod
    def create(cls, settings: Settings, rpc_timeout_s: float | None = None) -> AppContext:
        network = NetworkService(settings) if rpc_timeout_s is None else NetworkService(
            settings, rpc_timeout_s=rpc_timeout_s)
        return cls(settings=settings, network=network, playground=PlaygroundService(), tasks=TaskRunner())

    def shutdown(self) -> None:
        """Let running work finish, then stop the devnet processes this run started."""
        self.tasks.wait_for_done(SHUTDOWN_WAIT_MS)
        self.playground.stop()
