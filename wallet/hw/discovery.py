"""Every hardware wallet the app can reach right now: USB HID devices, plus the emulators that
developers point it at (``WALLET_TREZOR_EMULATOR=host:port`` for Trezor's UDP emulator,
``WALLET_LEDGER_SPECULOS=host:port`` for Ledger's Speculos APDU socket), behind the same signers.

Opening a device gives a signer that owns the open link (``DeviceSigner.close``); whoever opens
one closes it, best with ``with entry.open() as signer:``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from wallet.hw.device_signer import DeviceSigner
from wallet.hw.errors import DeviceNotFoundError
from wallet.hw.transport import HidBackend, HidTransport, ReportTransport, UdpTransport, enumerate_devices

if TYPE_CHECKING:
    from wallet.hw.trezor_prompts import TrezorPrompts

TREZOR_EMULATOR_ENV = "WALLET_TREZOR_EMULATOR"
SPECULOS_ENV = "WALLET_LEDGER_SPECULOS"


def parse_endpoint(text: str) -> tuple[str, int]:
    host, _, port = text.strip().rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"expected host:port, got {text!r}")
    return host, int(port)


@dataclass(frozen=True)
class DeviceEntry:
    """A reachable device: what to show, and how to connect to it (blocking; call from a task)."""

    kind: str  # "ledger" or "trezor"
    label: str
    open: Callable[[], DeviceSigner]  # the caller closes the signer


def list_devices(backend: HidBackend | None = None, prompts: TrezorPrompts | None = None,
                 user_timeout_s: float | None = None, usb_context: Any | None = None) -> list[DeviceEntry]:
    """Every reachable device, not yet opened. ``backend`` and ``usb_context`` default to the
    system's hidapi and libusb (tests pass virtual ones); emulators come from the environment."""
    timeout = {} if user_timeout_s is None else {"user_timeout_s": user_timeout_s}
    entries = [DeviceEntry(info.kind, f"{info.product or info.kind.title()} {info.serial}".strip(),
                           partial(lambda i: _signer(i.kind, HidTransport.open(i, backend), prompts, timeout),
                                   info))
               for info in enumerate_devices(backend)]
    from wallet.hw.webusb import WebUsbTransport, system_usb_context, webusb_trezors

    context = usb_context if usb_context is not None else (system_usb_context() if backend is None else None)
    entries += [DeviceEntry("trezor", "Trezor (WebUSB)", partial(
        lambda d: _signer("trezor", WebUsbTransport(d), prompts, timeout), device))
        for device in (webusb_trezors(context) if context is not None else [])]
    if os.environ.get(SPECULOS_ENV):
        entries.append(DeviceEntry("ledger", f"Speculos {os.environ[SPECULOS_ENV]}", lambda: _speculos(timeout)))
    if os.environ.get(TREZOR_EMULATOR_ENV):
        entries.append(DeviceEntry("trezor", f"Trezor emulator {os.environ[TREZOR_EMULATOR_ENV]}",
                                   lambda: _trezor_emulator(prompts, timeout)))
    return entries


def device_signers(backend: HidBackend | None = None, prompts: TrezorPrompts | None = None,
                   user_timeout_s: float | None = None, usb_context: Any | None = None) -> Iterator[DeviceSigner]:
    """Signers for each reachable device, opened one by one as the caller iterates; a configured
    emulator that is not running is skipped like an unplugged device. The caller closes each."""
    for entry in list_devices(backend, prompts, user_timeout_s, usb_context):
        try:
            signer = entry.open()
        except DeviceNotFoundError:
            continue
        yield signer


def _speculos(timeout: dict[str, float]) -> DeviceSigner:
    from wallet.hw.ledger import LedgerEthApp, SpeculosChannel
    from wallet.hw.ledger_signer import LedgerSigner

    return LedgerSigner(LedgerEthApp(SpeculosChannel(*parse_endpoint(os.environ[SPECULOS_ENV])), **timeout))


def _trezor_emulator(prompts: TrezorPrompts | None, timeout: dict[str, float]) -> DeviceSigner:
    return _signer("trezor", UdpTransport(*parse_endpoint(os.environ[TREZOR_EMULATOR_ENV])), prompts, timeout)


def _signer(kind: str, transport: ReportTransport, prompts: TrezorPrompts | None,
            timeout: dict[str, float]) -> DeviceSigner:
    if kind == "trezor":
        from wallet.hw.trezor import TrezorClient
        from wallet.hw.trezor_signer import TrezorSigner

        signer = TrezorSigner(TrezorClient(transport, prompts, **timeout))
        signer.link = transport  # the signer owns the transport from here
        return signer
    from wallet.hw.ledger import HidApduChannel, LedgerEthApp
    from wallet.hw.ledger_signer import LedgerSigner

    assert isinstance(transport, HidTransport)
    return LedgerSigner(LedgerEthApp(HidApduChannel(transport), **timeout))
