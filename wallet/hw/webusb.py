"""Trezor Model T and Safe over WebUSB: a vendor-class USB interface carrying the same 64-byte
packets as HID, reached through libusb (the ``libusb1`` package, as trezorlib does). Without libusb
on the system the app simply finds no WebUSB devices."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import usb1

from wallet.hw.errors import DeviceBusyError, DeviceDisconnectedError, DeviceError, DevicePermissionError
from wallet.hw.transport import REPORT_BYTES, read_within

TREZOR_WEBUSB_IDS = {(0x1209, 0x53C1)}  # Model T, Safe 3, Safe 5 (firmware; the bootloader is 0x53c0)
INTERFACE, ENDPOINT_OUT, ENDPOINT_IN = 0, 0x01, 0x81
WRITE_TIMEOUT_MS = 1000
log = logging.getLogger(__name__)


def system_usb_context() -> Any | None:
    """libusb's context, or None when libusb is not installed (nothing to find, nothing to fail)."""
    try:
        return usb1.USBContext().open()
    except OSError:
        log.info("libusb is not available: WebUSB devices are not looked for")
        return None


def webusb_trezors(context: Any) -> list[Any]:
    return [d for d in context.getDeviceIterator(skip_on_error=True)
            if (d.getVendorID(), d.getProductID()) in TREZOR_WEBUSB_IDS]


class WebUsbTransport:
    """A ``ReportTransport`` over interrupt endpoints 0x01 (out) and 0x81 (in)."""

    def __init__(self, device: Any) -> None:
        try:
            self._handle = device.open()
        except usb1.USBError as error:
            raise _open_error(error) from None
        try:
            self._handle.claimInterface(INTERFACE)
        except usb1.USBError as error:
            self._handle.close()  # an unclaimed handle still holds the device open
            raise _open_error(error) from None

    def write(self, report: bytes) -> None:
        try:
            self._handle.interruptWrite(ENDPOINT_OUT, report, WRITE_TIMEOUT_MS)
        except usb1.USBError:
            raise DeviceDisconnectedError() from None

    def read(self, timeout_s: float) -> bytes:
        return read_within(timeout_s, self._read_slice)

    def _read_slice(self, timeout_ms: int) -> bytes:
        try:
            return bytes(self._handle.interruptRead(ENDPOINT_IN, REPORT_BYTES, timeout_ms))
        except usb1.USBErrorTimeout:
            return b""
        except usb1.USBError:
            raise DeviceDisconnectedError() from None

    def drain(self) -> None:
        try:
            while self._handle.interruptRead(ENDPOINT_IN, REPORT_BYTES, 1):
                pass
        except usb1.USBErrorTimeout:
            pass
        except usb1.USBError:
            raise DeviceDisconnectedError() from None

    def close(self) -> None:
        with contextlib.suppress(usb1.USBError):  # an unplugged device has nothing left to release
            self._handle.releaseInterface(INTERFACE)
        self._handle.close()


def _open_error(error: usb1.USBError) -> DeviceError:
    if isinstance(error, usb1.USBErrorAccess):
        return DevicePermissionError()
    if isinstance(error, usb1.USBErrorBusy):
        return DeviceBusyError()
    return DeviceDisconnectedError()
