"""Polls the selected chain's block height off the GUI thread and reports it by signal.

An answer is reported only while the chain it came from is still the one watched: the Chain itself,
not only its key (a restarted playground keeps its key, not its nodes)."""

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
        self._tasks.submit(lambda: self._network.fetch_status(chain), lambda status: self._on_status(chain, status),
                           lambda error: self._on_error(chain, error))

    def _on_status(self, chain: Chain, status: ChainStatus) -> None:
        self._in_flight = False
        if chain == self._chain:
            self.block_changed.emit(status.chain_key, status.block_number)
            if status.failing_nodes:
                self.failed.emit(status.chain_key, " · ".join(error_text(e) for e in status.failing_nodes))

    def _on_error(self, chain: Chain, error: Exception) -> None:
        self._in_flight = False
        if chain == self._chain:
            self.failed.emit(chain.key, error_text(error))
