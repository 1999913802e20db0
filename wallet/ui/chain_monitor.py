"""Polls the selected chain's block height off the GUI thread and reports it by signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from wallet.chains.registry import Chain
from wallet.services.network import ChainStatus, NetworkService
from wallet.ui.errors import error_text
from wallet.ui.tasks import TaskRunner

POLL_INTERVAL_MS = 4000


class ChainMonitor(QObject):
    block_changed = Signal(str, int)  # chain key, block number
    # chain key, readable message: the chain could not be read, or (after block_changed) some of its
    # nodes failed while another answered, named so the user knows which node is silent or broken
    failed = Signal(str, str)

    def __init__(self, network: NetworkService, tasks: TaskRunner, interval_ms: int = POLL_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._network = network
        self._tasks = tasks
        self._chain: Chain | None = None
        self._in_flight = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.refresh)

    @property
    def chain(self) -> Chain | None:
        return self._chain

    def watch(self, chain: Chain | None) -> None:
        self._chain = chain
        if chain is None:
            self._timer.stop()
            return
        self._timer.start()
        self.refresh()

    def stop(self) -> None:
        self._timer.stop()
        self._chain = None

    def refresh(self) -> None:
        """Ask once now, unless a request is already out (a slow node never piles up requests)."""
        chain = self._chain
        if chain is None or self._in_flight:
            return
        self._in_flight = True
        self._tasks.submit(lambda: self._network.fetch_status(chain), self._on_status,
                           lambda error: self._on_error(chain.key, error))

    def _on_status(self, status: ChainStatus) -> None:
        self._in_flight = False
        if self._chain is not None and status.chain_key == self._chain.key:
            self.block_changed.emit(status.chain_key, status.block_number)
            if status.failing_nodes:
                self.failed.emit(status.chain_key, " · ".join(error_text(e) for e in status.failing_nodes))

    def _on_error(self, chain_key: str, error: Exception) -> None:
        self._in_flight = False
        if self._chain is not None and chain_key == self._chain.key:
            self.failed.emit(chain_key, error_text(error))
