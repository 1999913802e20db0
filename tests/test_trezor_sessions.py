"""Trezor One sessions (firmware ≥ 1.9.4): keys only inside a session opened with Initialize, resumed
by its id on each new connection so the passphrase is typed once; every Failure a typed error."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from eth_account import Account
from eth_account.messages import encode_defunct
from trezorlib import messages

from wallet.hw.errors import DeviceError, DeviceFailureError, DeviceWaitingError, SessionEndedError
from wallet.hw.transport import HidTransport, enumerate_devices
from wallet.hw.trezor import TrezorClient, TrezorSessions, failure_error
from wallet.hw.trezor_prompts import TrezorPrompts
from wallet.hw.trezor_signer import TrezorSigner
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.trezor import MAX_SESSIONS, VirtualTrezor
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout, path_indices

PHRASE = generate_mnemonic(12)
PATH = EthPathLayout.BIP44.path(0)
Account.enable_unaudited_hdwallet_features()
ADDRESS = Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address
HIDDEN = Account.from_mnemonic(PHRASE.phrase, passphrase="correct horse", account_path=PATH).address
TX = {"nonce": 0, "to": Account.create().address, "value": 1, "gas": 21_000, "chainId": 31337,
      "maxFeePerGas": 10**9, "maxPriorityFeePerGas": 1, "type": 2, "data": bytes(1500)}


def connect(device: VirtualTrezor, sessions: TrezorSessions,
            passphrase: Callable[[], str | None] | None = None) -> TrezorSigner:
    """A new connection, as the app makes one for each device operation."""
    backend = VirtualHidBackend(device)
    (info,) = enumerate_devices(backend)
    client = TrezorClient(HidTransport.open(info, backend), TrezorPrompts(passphrase=passphrase), user_timeout_s=5)
    client.sessions = sessions
    return TrezorSigner(client)


def never_asked() -> str:
    raise AssertionError("the passphrase was asked again")


def test_a_fresh_trezor_one_refuses_keys_until_a_session_is_open() -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE))
    client = connect(device, TrezorSessions()).client
    request = messages.EthereumGetAddress(address_n=path_indices(PATH))
    with pytest.raises(SessionEndedError, match="ended this app's session"):  # Failure 14, not "error 0x000e"
        client.call(request, messages.EthereumAddress)
    assert client.call(messages.Ping(message="hi"), messages.Success).message == "hi"  # no session needed
    assert client.call(messages.GetFeatures(), messages.Features).session_id is None
    assert device.active_session is None


def test_a_fresh_trezor_one_gives_addresses_and_signs_on_first_use() -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE))
    sessions = TrezorSessions()
    signer = connect(device, sessions)
    assert signer.address(PATH) == ADDRESS
    signed = signer.sign_transaction(PATH, TX)
    assert signed.sender == ADDRESS == Account.recover_transaction(signed.raw)
    signature = signer.sign_message(PATH, b"first use")
    assert Account.recover_message(encode_defunct(primitive=b"first use"), signature=signature) == ADDRESS
    assert sessions.get(device.serial) == device.active_session is not None


def test_a_new_connection_resumes_the_session_without_asking_the_passphrase_again() -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE), passphrase_mnemonic=PHRASE.phrase)
    sessions = TrezorSessions()
    assert connect(device, sessions, passphrase=lambda: "correct horse").address(PATH) == HIDDEN
    again = connect(device, sessions, passphrase=never_asked)  # the app reconnects for its next operation
    assert again.address(PATH) == HIDDEN
    assert Account.recover_transaction(again.sign_transaction(PATH, TX).raw) == HIDDEN
    assert device.passphrases_asked == 1 and device.screens[0] == ["Access hidden wallet?"]


def test_another_programs_session_does_not_change_which_wallet_answers() -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE), passphrase_mnemonic=PHRASE.phrase)
    ours = connect(device, TrezorSessions(), passphrase=lambda: "correct horse")
    assert ours.address(PATH) == HIDDEN
    theirs = connect(device, TrezorSessions(), passphrase=lambda: "")  # Initialize without an id: a new session
    assert theirs.address(PATH) == ADDRESS
    ours.client.prompts = TrezorPrompts(passphrase=never_asked)
    assert ours.address(PATH) == HIDDEN  # our session is made active again before keys are used
    assert Account.recover_transaction(ours.sign_transaction(PATH, TX).raw) == HIDDEN
    assert device.passphrases_asked == 2


def test_a_session_the_device_no_longer_has_is_replaced_and_the_passphrase_asked_again() -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE), passphrase_mnemonic=PHRASE.phrase)
    sessions = TrezorSessions()
    assert connect(device, sessions, passphrase=lambda: "correct horse").address(PATH) == HIDDEN
    first_session = sessions.get(device.serial)
    device.restart()  # unplugged and plugged in: a Trezor One loses its sessions with its power
    assert connect(device, sessions, passphrase=lambda: "correct horse").address(PATH) == HIDDEN
    assert device.passphrases_asked == 2 and sessions.get(device.serial) not in (None, first_session)
    for _ in range(MAX_SESSIONS):  # other programs open ten sessions: ours, least recently used, makes room
        connect(device, TrezorSessions(), passphrase=lambda: "").client.open_session()
    assert connect(device, sessions, passphrase=lambda: "correct horse").address(PATH) == HIDDEN
    assert device.passphrases_asked == 3


def test_a_session_ended_meanwhile_is_a_typed_error() -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE))
    client = connect(device, TrezorSessions()).client
    client.open_session()
    assert client.call(messages.EndSession(), messages.Success).message == "Session ended"
    with pytest.raises(SessionEndedError):
        client.call(messages.EthereumGetAddress(address_n=path_indices(PATH)), messages.EthereumAddress)
    assert TrezorSigner(client).address(PATH) == ADDRESS  # the next operation opens a new session


def test_every_failure_code_is_a_typed_error_in_words() -> None:
    for code in messages.FailureType:
        error = failure_error(messages.Failure(code=code, message="Chain Id out of bounds"))
        assert isinstance(error, DeviceError) and not isinstance(error, DeviceFailureError), code
        assert "0x" not in str(error) and "{" not in str(error)
    assert isinstance(failure_error(messages.Failure(code=messages.FailureType.UnexpectedMessage)), DeviceWaitingError)
    refused = failure_error(messages.Failure(code=messages.FailureType.DataError, message="Chain Id out of bounds"))
    assert "Chain Id out of bounds" in str(refused)
    unknown = failure_error(messages.Failure(code=250))  # a code newer than trezorlib's list
    assert isinstance(unknown, DeviceFailureError) and "error 250" in str(unknown)
