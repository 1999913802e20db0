"""A PIN or passphrase that cannot be asked (no dialog, a dialog that fails, an answer the device cannot
take): the driver cancels the device's question before it raises, so the device is not left waiting
and the next exchange works, in the same session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from eth_account import Account
from trezorlib import messages, protobuf

from wallet.hw.errors import (
    DeviceLockedError,
    DeviceTimeoutError,
    PassphraseNeededError,
    PassphraseTooLongError,
    WrongPinError,
)
from wallet.hw.transport import HidTransport, enumerate_devices
from wallet.hw.trezor import TrezorClient, TrezorSessions, decode, encode
from wallet.hw.trezor_framing import Reassembler, frame
from wallet.hw.trezor_prompts import TrezorPrompts
from wallet.hw.trezor_signer import TrezorSigner
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.trezor import VirtualTrezor
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout, path_indices

PHRASE = generate_mnemonic(12)
PIN = "2589"
PATH = EthPathLayout.BIP44.path(0)
Account.enable_unaudited_hdwallet_features()
ADDRESS = Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address
HIDDEN = Account.from_mnemonic(PHRASE.phrase, passphrase="correct horse", account_path=PATH).address
TX = {"nonce": 0, "to": Account.create().address, "value": 1, "gas": 21_000, "chainId": 1,
      "maxFeePerGas": 10**9, "maxPriorityFeePerGas": 1, "type": 2, "data": bytes(300)}
Provider = Callable[[], str | None]


def open_transport(device: VirtualTrezor) -> HidTransport:
    backend = VirtualHidBackend(device)
    (info,) = enumerate_devices(backend)
    return HidTransport.open(info, backend)


def connect(device: VirtualTrezor, sessions: TrezorSessions, pin: Provider | None = None,
            passphrase: Provider | None = None) -> TrezorSigner:
    client = TrezorClient(open_transport(device), TrezorPrompts(pin, passphrase), user_timeout_s=5)
    client.sessions = sessions
    return TrezorSigner(client)


def exchange(transport: HidTransport, message: protobuf.MessageType, timeout_s: float = 5) -> protobuf.MessageType:
    for report in frame(*encode(message)):
        transport.write(report)
    reassembler = Reassembler()
    while (complete := reassembler.feed(transport.read(timeout_s))) is None:
        pass
    return decode(*complete)


def broken_dialog() -> str:
    raise RuntimeError("the dialog could not open")


def never_asked() -> str:
    raise AssertionError("the passphrase was asked again")


def test_a_trezor_one_left_waiting_refuses_small_requests_and_drops_large_ones() -> None:
    """The firmware's rule (msg_read_tiny) that makes an unanswered question harmful."""
    device = VirtualTrezor(mnemonic_to_seed(PHRASE), pin=PIN)
    transport = open_transport(device)
    assert isinstance(exchange(transport, messages.Initialize()), messages.Features)
    asked = exchange(transport, messages.EthereumGetAddress(address_n=path_indices(PATH)))
    assert isinstance(asked, messages.PinMatrixRequest)
    refused = exchange(transport, messages.GetFeatures())
    assert isinstance(refused, messages.Failure) and refused.code == messages.FailureType.UnexpectedMessage
    sign = messages.EthereumSignTxEIP1559(address_n=path_indices(PATH), nonce=b"", max_gas_fee=b"\1",
                                          max_priority_fee=b"\1", gas_limit=b"\x52\x08", to=ADDRESS, value=b"\1",
                                          data_length=0, chain_id=1)
    with pytest.raises(DeviceTimeoutError):  # more than one report: dropped without an answer
        exchange(transport, sign, timeout_s=0.3)
    assert device.question is not None
    cancelled = exchange(transport, messages.Cancel())
    assert isinstance(cancelled, messages.Failure) and cancelled.code == messages.FailureType.PinCancelled
    assert device.question is None


@pytest.mark.parametrize(("pin", "error"), [(None, DeviceLockedError), (broken_dialog, RuntimeError),
                                            (lambda: "0", WrongPinError), (lambda: "7" * 51, WrongPinError)])
def test_a_pin_that_cannot_be_given_leaves_the_device_ready(pin: Provider | None, error: type[Exception]) -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE), pin=PIN)
    sessions = TrezorSessions()
    signer = connect(device, sessions, pin=pin)
    with pytest.raises(error):
        signer.sign_transaction(PATH, TX)
    assert device.question is None and not device.unlocked
    signer.client.prompts = TrezorPrompts(pin=lambda: device.positions(PIN))
    signed = signer.sign_transaction(PATH, TX)  # a multi-report request: it would be dropped, and time out
    assert signed.sender == ADDRESS == Account.recover_transaction(signed.raw)
    assert connect(device, sessions).address(PATH) == ADDRESS  # a new connection's GetFeatures is answered too


@pytest.mark.parametrize(("passphrase", "error"), [(None, PassphraseNeededError), (broken_dialog, RuntimeError),
                                                   (lambda: "x" * 51, PassphraseTooLongError),
                                                   (lambda: "é" * 17, PassphraseTooLongError)])  # 51 bytes in NFKD
def test_a_passphrase_that_cannot_be_given_leaves_the_device_ready(passphrase: Provider | None,
                                                                   error: type[Exception]) -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE), passphrase_mnemonic=PHRASE.phrase)
    sessions = TrezorSessions()
    with pytest.raises(error):
        connect(device, sessions, passphrase=passphrase).address(PATH)
    assert device.question is None
    signer = connect(device, sessions, passphrase=lambda: "correct horse")
    assert Account.recover_transaction(signer.sign_transaction(PATH, TX).raw) == HIDDEN


def test_a_cancelled_pin_question_keeps_the_session_and_its_passphrase() -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE), pin=PIN, passphrase_mnemonic=PHRASE.phrase)
    sessions = TrezorSessions()
    first = connect(device, sessions, pin=lambda: device.positions(PIN), passphrase=lambda: "correct horse")
    assert first.address(PATH) == HIDDEN
    first.client.call(messages.LockDevice(), messages.Success)  # as when it locks itself after a while
    with pytest.raises(DeviceLockedError):
        connect(device, sessions).address(PATH)  # Cancel, not Initialize, ends the question: the session stays
    later = connect(device, sessions, pin=lambda: device.positions(PIN), passphrase=never_asked)
    assert later.address(PATH) == HIDDEN and device.passphrases_asked == 1


def test_a_passphrase_reaches_the_device_normalized_as_bip39_says() -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE), passphrase_mnemonic=PHRASE.phrase)
    signer = connect(device, TrezorSessions(), passphrase=lambda: "caf\u00e9")  # é as one code point
    expected = Account.from_mnemonic(PHRASE.phrase, passphrase="cafe\u0301", account_path=PATH).address
    assert signer.address(PATH) == expected  # the firmware hashes the bytes it gets: NFKD is the host's job
