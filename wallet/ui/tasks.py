"""Runs blocking core calls on a thread pool and brings their outcome back to the GUI thread.

The GUI thread never waits on the network or a device: it submits a callable, and gets
``on_done(result)`` or ``on_error(exception)`` later as a queued Qt signal.

At start-up the runner is held (``hold``) while the window is built and released once its first
frame is painted: the window's first polls and checks then run on worker threads that no longer
compete with the GUI thread for the interpreter while it builds that frame.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from wallet.errors import WalletError

T = TypeVar("T")
log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from a worker reach its slots there (queued)."""

    succeeded = Signal(object)
    failed = Signal(object)
    settled = Signal(object)

    def __init__(self, on_done: Callable[[Any], None] | None, on_error: Callable[[Exception], None] | None) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        try:
            if self._on_done is not None:
                _to_the_living(self._on_done, result)
        finally:
            self.settled.emit(self)

    @Slot(object)
    def _deliver_error(self, error: Exception) -> None:
        try:
            if self._on_error is not None:
                _to_the_living(self._on_error, error)
        finally:
            self.settled.emit(self)


def _to_the_living(callback: Callable[[Any], None], value: object) -> None:
    """``callback(value)``, unless the widget it would update was deleted while the work ran (a page
    rebuilt, a dialog closed): then there is nobody left to tell, and the outcome is dropped."""
    try:
        callback(value)
    except RuntimeError as error:
        if "already deleted" not in str(error):
            raise
        log.debug("task outcome for a widget that is gone; dropped")


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:
            if not isinstance(error, WalletError):
                log.warning("background task failed", exc_info=error)
            self._deliver(self._relay.failed, error)
        else:
            self._deliver(self._relay.succeeded, result)

    @staticmethod
    def _deliver(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the relay died with the app while this ran: nobody is left to tell
            log.debug("task finished after shutdown; outcome dropped")


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._pending: set[_Relay] = set()
        self._held: list[_Job] | None = None  # None: not held, jobs start when submitted
        self._closed = False

    def submit(self, work: Callable[[], T], on_done: Callable[[T], None] | None = None,
               on_error: Callable[[Exception], None] | None = None) -> None:
        """Run ``work()`` on a worker thread. Call from the GUI thread. Ignored after ``close()``."""
        if self._closed:
            return
        relay = _Relay(on_done, on_error)
        relay.settled.connect(self._pending.discard)
        self._pending.add(relay)  # keeps the relay alive until its outcome is delivered
        job = _Job(work, relay)
        if self._held is not None:
            self._held.append(job)
        else:
            self._pool.start(job)

    def hold(self) -> None:
        """Queue the work submitted from now on instead of starting it, until ``release()``."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Start the work queued while held, in the order it was submitted; later work starts at once."""
        held, self._held = self._held or [], None
        if not self._closed:
            for job in held:
                self._pool.start(job)

    @property
    def held(self) -> int:
        """How many submitted jobs wait for ``release()``."""
        return len(self._held or [])

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def close(self, timeout_ms: int) -> bool:
        """At shutdown: accept no more work, drop what has not started, wait for what runs."""
        self._closed = True
        self._held = None  # never started: dropped like the pool's queue
        self._pool.clear()
        return self._pool.waitForDone(timeout_ms)
