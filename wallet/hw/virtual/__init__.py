"""Virtual hardware wallets: device-side implementations of the real protocols, plugged in behind
the same interface hidapi gives (``enumerate`` and ``device``), for tests and demos without USB."""

from __future__ import annotations

from typing import Any, Protocol

from wallet.hw.transport import HidDevice


class VirtualDevice(HidDevice, Protocol):
    path: bytes

    def hid_entry(self) -> dict[str, Any]: ...


class VirtualHidBackend:
    """A stand-in for the ``hid`` module that lists and opens virtual devices."""

    def __init__(self, *devices: VirtualDevice) -> None:
        self.devices = list(devices)

    def enumerate(self, vendor_id: int = 0, product_id: int = 0) -> list[dict[str, Any]]:
        return [d.hid_entry() for d in self.devices if getattr(d, "plugged", True)]

    def device(self) -> HidDevice:
        return _Handle(self)


class _Handle:
    """What ``hid.device()`` returns: unbound until ``open_path``."""

    def __init__(self, backend: VirtualHidBackend) -> None:
        self._backend = backend
        self._device: VirtualDevice | None = None

    def open_path(self, path: bytes) -> None:
        device = next((d for d in self._backend.devices if d.path == path and getattr(d, "plugged", True)), None)
        if device is None:
            raise OSError("open failed")
        device.open_path(path)
        self._device = device

    def write(self, data: bytes | list[int]) -> int:
        return self._bound().write(data)

    def read(self, max_length: int, timeout_ms: int = 0) -> list[int]:
        return self._bound().read(max_length, timeout_ms)

    def close(self) -> None:
        if self._device is not None:
            self._device.close()
            self._device = None

    def _bound(self) -> VirtualDevice:
        if self._device is None:
            raise OSError("not open")
        return self._device
