"""The host-facing half every virtual device shares: ``hid.device``'s open/write/read/close over
64-byte reports (a write is report id 0 plus 64 bytes, as hidapi sends it), replies queued as
reports, reads that time out, unplugging (now, or after a given number of reports), and a count of
the handles the host holds open (tests prove the host closes what it opens)."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections import deque
from typing import Any


class VirtualProtocolViolationError(AssertionError):
    """The host broke the protocol: a bug on the host side, never swallowed."""


class VirtualHidDevice(ABC):
    def __init__(self, path: bytes) -> None:
        self.path = path
        self.plugged = True
        self.unplug_after_reports: int | None = None
        self.reports_received = 0
        self.open_handles = 0
        self._outbox: deque[bytes] = deque()
        self._condition = threading.Condition()

    @abstractmethod
    def hid_entry(self) -> dict[str, Any]:
        """What ``hid.enumerate`` reports for this device."""

    @abstractmethod
    def _receive(self, report: bytes) -> None:
        """One 64-byte report from the host (without the report id)."""

    def open_path(self, path: bytes) -> None:
        if not self.plugged or path != self.path:
            raise OSError("open failed")
        with self._condition:
            self.open_handles += 1

    def write(self, data: bytes | list[int]) -> int:
        report = bytes(data)
        if not self.plugged:
            raise OSError("device disconnected")
        if len(report) != 65 or report[0] != 0:
            raise VirtualProtocolViolationError(f"a write is report id 0 and 64 bytes, got {len(report)} bytes")
        self.reports_received += 1
        if self.unplug_after_reports is not None and self.reports_received >= self.unplug_after_reports:
            self.unplug()
            raise OSError("device disconnected")
        self._receive(report[1:])
        return len(report)

    def read(self, max_length: int, timeout_ms: int = 0) -> list[int]:
        with self._condition:
            if not self._outbox and self.plugged:
                self._condition.wait(timeout_ms / 1000 if timeout_ms > 0 else 0)
            if not self.plugged:
                raise OSError("device disconnected")
            return list(self._outbox.popleft()[:max_length]) if self._outbox else []

    def close(self) -> None:
        with self._condition:
            if self.open_handles <= 0:
                raise VirtualProtocolViolationError("closed a handle that is not open")
            self.open_handles -= 1

    def unplug(self) -> None:
        with self._condition:
            self.plugged = False
            self._outbox.clear()
            self._condition.notify_all()

    def _queue(self, reports: list[bytes]) -> None:
        with self._condition:
            self._outbox.extend(reports)
            self._condition.notify_all()
