"""Moving 64-byte HID reports to and from a device: hidapi (``import hid``), or anything shaped
like it (the virtual devices plug in here, below the transport, so the shipped path is the tested
path). Knows nothing of Ledger or Trezor framing.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from wallet.hw.errors import DeviceDisconnectedError, DeviceNotFoundError, DevicePermissionError, DeviceTimeoutError

REPORT_BYTES = 64
READ_SLICE_MS = 100  # one hid read waits at most this long, so a deadline is never overrun by much

# (vendor id, product id or None for any, usage page or None) → device kind
SUPPORTED_DEVICES: tuple[tuple[int, int | None, int | None, str], ...] = (
    (0x2C97, None, 0xFFA0, "ledger"),  # every Ledger model; 0xffa0 is the APDU interface
    (0x534C, 0x0001, 0xFF00, "trezor"),  # Trezor One (HID firmware)
)


class HidDevice(Protocol):
    """The part of ``hid.device`` we use."""

    def open_path(self, path: bytes) -> None: ...

    def write(self, data: bytes | list[int]) -> int: ...

    def read(self, max_length: int, timeout_ms: int = 0) -> list[int]: ...

    def close(self) -> None: ...


class HidBackend(Protocol):
    """The part of the ``hid`` module we use: enumerate, and a device factory."""

    def enumerate(self, vendor_id: int = 0, product_id: int = 0) -> list[dict[str, Any]]: ...

    def device(self) -> HidDevice: ...


@dataclass(frozen=True)
class DeviceInfo:
    path: bytes
    kind: str  # "ledger" or "trezor"
    vendor_id: int
    product_id: int
    product: str
    serial: str


def system_hid() -> HidBackend:
    import hid  # hidapi's C library: imported when a device is first looked for

    return hid  # type: ignore[no-any-return]


def enumerate_devices(backend: HidBackend | None = None) -> list[DeviceInfo]:
    """Supported hardware wallets currently plugged in (poll this off the GUI thread)."""
    backend = backend or system_hid()
    found = []
    for entry in backend.enumerate():
        kind = _kind(entry)
        if kind is not None:
            found.append(DeviceInfo(bytes(entry["path"]), kind, int(entry["vendor_id"]), int(entry["product_id"]),
                                    str(entry.get("product_string") or ""), str(entry.get("serial_number") or "")))
    return found


def _kind(entry: dict[str, Any]) -> str | None:
    for vendor, product, usage_page, kind in SUPPORTED_DEVICES:
        if entry.get("vendor_id") != vendor or (product is not None and entry.get("product_id") != product):
            continue
        # Some platforms report no usage page; then interface 0 is the wallet's.
        page = entry.get("usage_page")
        if usage_page is None or page == usage_page or (not page and entry.get("interface_number") in (0, -1)):
            return kind
    return None


class HidTransport:
    def __init__(self, device: HidDevice, info: DeviceInfo) -> None:
        self.device = device
        self.info = info

    @classmethod
    def open(cls, info: DeviceInfo, backend: HidBackend | None = None) -> HidTransport:
        device = (backend or system_hid()).device()
        try:
            device.open_path(info.path)
        except OSError as error:
            if "ermission" in str(error) or "denied" in str(error):
                raise DevicePermissionError() from None
            raise DeviceNotFoundError() from None
        return cls(device, info)

    def write(self, report: bytes) -> None:
        if len(report) != REPORT_BYTES:
            raise ValueError(f"a report is {REPORT_BYTES} bytes, not {len(report)}")
        try:
            written = self.device.write(b"\0" + report)  # report id 0: the devices use no report ids
        except (OSError, ValueError):
            raise DeviceDisconnectedError() from None
        if written < 0:
            raise DeviceDisconnectedError()

    def read(self, timeout_s: float) -> bytes:
        """One report, or DeviceTimeoutError after ``timeout_s`` (never blocks longer)."""
        return read_within(timeout_s, self._read_slice)

    def _read_slice(self, timeout_ms: int) -> bytes:
        try:
            return bytes(self.device.read(REPORT_BYTES, timeout_ms))
        except (OSError, ValueError):
            raise DeviceDisconnectedError() from None

    def drain(self) -> None:
        """Discard reports left over from an exchange that was abandoned (a timeout, a reset)."""
        try:
            while self.device.read(REPORT_BYTES, 1):
                pass
        except (OSError, ValueError):
            raise DeviceDisconnectedError() from None

    def close(self) -> None:
        self.device.close()


class ReportTransport(Protocol):
    """Anything that moves 64-byte reports: HID, or the Trezor emulator's UDP socket."""

    def write(self, report: bytes) -> None: ...

    def read(self, timeout_s: float) -> bytes: ...

    def drain(self) -> None: ...

    def close(self) -> None: ...


def read_within(timeout_s: float, read_slice: Callable[[int], bytes]) -> bytes:
    """Polls ``read_slice(ms)`` (empty while nothing has arrived) in short slices until a report
    arrives, padded to 64 bytes, or ``timeout_s`` has passed (DeviceTimeoutError)."""
    deadline = time.monotonic() + timeout_s
    while True:
        remaining_ms = int((deadline - time.monotonic()) * 1000)
        if remaining_ms <= 0:
            raise DeviceTimeoutError(seconds=f"{timeout_s:g}")
        data = read_slice(min(remaining_ms, READ_SLICE_MS))
        if data:
            return data.ljust(REPORT_BYTES, b"\0")[:REPORT_BYTES]


class UdpTransport:
    """The official Trezor emulator: the same 64-byte packets as HID, as UDP datagrams."""

    def __init__(self, host: str, port: int) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.connect((host, port))
        self._socket.settimeout(1.0)
        try:  # the emulator answers PINGPING with PONGPONG when it is up
            self._socket.send(b"PINGPING")
            if self._socket.recv(64) != b"PONGPONG":
                raise OSError("no emulator")
        except OSError:
            self._socket.close()
            raise DeviceNotFoundError() from None

    def write(self, report: bytes) -> None:
        try:
            self._socket.send(report)
        except OSError:
            raise DeviceDisconnectedError() from None

    def read(self, timeout_s: float) -> bytes:
        self._socket.settimeout(timeout_s)
        try:
            return self._socket.recv(REPORT_BYTES).ljust(REPORT_BYTES, b"\0")
        except TimeoutError:
            raise DeviceTimeoutError(seconds=f"{timeout_s:g}") from None
        except OSError:
            raise DeviceDisconnectedError() from None

    def drain(self) -> None:
        self._socket.settimeout(0.001)
        try:
            while self._socket.recv(REPORT_BYTES):
                pass
        except (TimeoutError, BlockingIOError):
            pass
        except OSError:
            raise DeviceDisconnectedError() from None

    def close(self) -> None:
        self._socket.close()


def exchange_reports(transport: ReportTransport, reports: Sequence[bytes], collect: Callable[[bytes], bytes | None],
                     timeout_s: float) -> bytes:
    """Write ``reports``, then read until ``collect`` returns the reassembled reply."""
    transport.drain()
    for report in reports:
        transport.write(report)
    while True:
        payload = collect(transport.read(timeout_s))
        if payload is not None:
            return payload
