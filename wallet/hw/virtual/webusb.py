"""A stand-in for libusb's context that exposes virtual Trezors as WebUSB devices (Model T ids)."""

from __future__ import annotations

from collections.abc import Iterator

import usb1

from wallet.hw.virtual.trezor import VirtualTrezor


class VirtualUsbContext:
    def __init__(self, *devices: VirtualTrezor) -> None:
        self.devices = list(devices)
        self.busy = False  # as when Trezor Suite holds the interface

    def getDeviceIterator(self, skip_on_error: bool = False) -> Iterator[VirtualUsbDevice]:
        return iter([VirtualUsbDevice(d, self) for d in self.devices if d.plugged])


class VirtualUsbDevice:
    def __init__(self, trezor: VirtualTrezor, context: VirtualUsbContext) -> None:
        self.trezor = trezor
        self.context = context

    def getVendorID(self) -> int:
        return 0x1209

    def getProductID(self) -> int:
        return 0x53C1

    def open(self) -> VirtualUsbHandle:
        try:
            self.trezor.open_path(self.trezor.path)
        except OSError:
            raise usb1.USBErrorNoDevice from None
        return VirtualUsbHandle(self.trezor, self.context)


class VirtualUsbHandle:
    def __init__(self, trezor: VirtualTrezor, context: VirtualUsbContext) -> None:
        self.trezor = trezor
        self.context = context

    def claimInterface(self, interface: int) -> None:
        if self.context.busy:
            raise usb1.USBErrorBusy
        if interface != 0:
            raise usb1.USBErrorNotFound

    def interruptWrite(self, endpoint: int, data: bytes, timeout: int = 0) -> int:
        if endpoint != 0x01:
            raise usb1.USBErrorPipe
        try:
            # WebUSB packets carry no HID report id; the virtual firmware takes HID-style writes.
            return self.trezor.write(b"\0" + bytes(data)) - 1
        except OSError:
            raise usb1.USBErrorNoDevice from None

    def interruptRead(self, endpoint: int, length: int, timeout: int = 0) -> bytes:
        if endpoint != 0x81:
            raise usb1.USBErrorPipe
        try:
            data = self.trezor.read(length, timeout)
        except OSError:
            raise usb1.USBErrorNoDevice from None
        if not data:
            raise usb1.USBErrorTimeout
        return bytes(data)

    def releaseInterface(self, interface: int) -> None:
        pass

    def close(self) -> None:
        self.trezor.close()
