"""Trezor Model T / Safe over WebUSB: the libusb-level transport against a virtual libusb context."""

from __future__ import annotations

import pytest
from eth_account import Account

from wallet.hw.discovery import device_signers
from wallet.hw.errors import DeviceBusyError, DeviceDisconnectedError
from wallet.hw.trezor import TrezorClient
from wallet.hw.trezor_signer import TrezorSigner
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.trezor import VirtualTrezor
from wallet.hw.virtual.webusb import VirtualUsbContext
from wallet.hw.webusb import WebUsbTransport, system_usb_context, webusb_trezors
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout

PHRASE = generate_mnemonic(12)
PATH = EthPathLayout.LEDGER_LIVE.path(2)
Account.enable_unaudited_hdwallet_features()
ADDRESS = Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address
TX = {"nonce": 1, "to": Account.create().address, "value": 5, "gas": 21_000, "chainId": 8453,
      "maxFeePerGas": 10**9, "maxPriorityFeePerGas": 1, "type": 2, "data": bytes(2500)}


def test_signs_over_webusb_and_is_found_by_discovery() -> None:
    trezor = VirtualTrezor(mnemonic_to_seed(PHRASE), serial="VTREZORT")
    context = VirtualUsbContext(trezor)
    (device,) = webusb_trezors(context)
    transport = WebUsbTransport(device)
    signer = TrezorSigner(TrezorClient(transport, user_timeout_s=5))
    assert Account.recover_transaction(signer.sign_transaction(PATH, TX).raw) == ADDRESS
    transport.close()
    assert trezor.open_handles == 0
    (found,) = list(device_signers(VirtualHidBackend(), usb_context=context))
    with found:
        assert isinstance(found, TrezorSigner) and found.address(PATH) == ADDRESS
        assert trezor.open_handles == 1
    assert trezor.open_handles == 0  # the signer closed the USB handle discovery opened


def test_busy_and_unplugged() -> None:
    trezor = VirtualTrezor(mnemonic_to_seed(PHRASE))
    context = VirtualUsbContext(trezor)
    (device,) = webusb_trezors(context)
    context.busy = True
    with pytest.raises(DeviceBusyError, match="Trezor Suite"):
        WebUsbTransport(device)
    assert trezor.open_handles == 0  # the handle whose interface was busy is not left open
    context.busy = False
    signer = TrezorSigner(TrezorClient(WebUsbTransport(device), user_timeout_s=5))
    trezor.unplug()
    with pytest.raises(DeviceDisconnectedError):
        signer.address(PATH)


def test_without_libusb_nothing_is_found_and_nothing_fails() -> None:
    context = system_usb_context()  # no libusb on these machines: None, logged, not an error
    assert context is None or webusb_trezors(context) == []
