"""Every hardware wallet the app can reach right now: USB HID devices, plus the emulators that
developers point it at (``WALLET_TREZOR_EMULATOR=host:port`` for Trezor's UDP emulator,
``WALLET_LEDGER_SPECULOS=host:port`` for Ledger's Speculos APDU socket), behind the same signers."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from wallet.hw.device_signer import DeviceSigner
from wallet.hw.errors import DeviceNotFoundError
from wallet.hw.transport import HidBackend, HidTransport, ReportTransport, UdpTransport, enumerate_devices

TREZOR_EMULATOR_ENV = "WALLET_TREZOR_EMULATOR"
SPECULOS_ENV = "WALLET_LEDGER_SPECULOS"


def parse_endpoint(text: str) -> tuple[str, int]:
    host, _, port = text.strip().rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"expected host:port, got {text!r}")
    return host, int(port)


def device_signers(backend: HidBackend | None = None, pin_provider: Callable[[], str] | None = None,
                   user_timeout_s: float | None = None, usb_context: Any | None = None) -> Iterator[DeviceSigner]:
    """Signers for each reachable device, opened lazily as the caller iterates. ``backend`` and
    ``usb_context`` default to the system's hidapi and libusb (tests pass virtual ones)."""
    timeout = {} if user_timeout_s is None else {"user_timeout_s": user_timeout_s}
    for info in enumerate_devices(backend):
        yield _signer(info.kind, HidTransport.open(info, backend), pin_provider, timeout)
    from wallet.hw.webusb import WebUsbTransport, system_usb_context, webusb_trezors

    context = usb_context if usb_context is not None else (system_usb_context() if backend is None else None)
    for device in webusb_trezors(context) if context is not None else []:
        yield _signer("trezor", WebUsbTransport(device), pin_provider, timeout)
    for signer in (_speculos(timeout), _trezor_emulator(pin_provider, timeout)):
        if signer is not None:
            yield signer


def _speculos(timeout: dict[str, float]) -> DeviceSigner | None:
    endpoint = os.environ.get(SPECULOS_ENV)
    if not endpoint:
        return None
    from wallet.hw.ledger import LedgerEthApp, SpeculosChannel
    from wallet.hw.ledger_signer import LedgerSigner

    try:
        return LedgerSigner(LedgerEthApp(SpeculosChannel(*parse_endpoint(endpoint)), **timeout))
    except DeviceNotFoundError:
        return None  # configured but not running: like an unplugged device


def _trezor_emulator(pin_provider: Callable[[], str] | None, timeout: dict[str, float]) -> DeviceSigner | None:
    endpoint = os.environ.get(TREZOR_EMULATOR_ENV)
    if not endpoint:
        return None
    try:
        return _signer("trezor", UdpTransport(*parse_endpoint(endpoint)), pin_provider, timeout)
    except DeviceNotFoundError:
        return None


def _signer(kind: str, transport: ReportTransport, pin_provider: Callable[[], str] | None,
            timeout: dict[str, float]) -> DeviceSigner:
    if kind == "trezor":
        from wallet.hw.trezor import TrezorClient
        from wallet.hw.trezor_signer import TrezorSigner

        return TrezorSigner(TrezorClient(transport, pin_provider, **timeout))
    from wallet.hw.ledger import HidApduChannel, LedgerEthApp
    from wallet.hw.ledger_signer import LedgerSigner

    assert isinstance(transport, HidTransport)
    return LedgerSigner(LedgerEthApp(HidApduChannel(transport), **timeout))
