"""The Trezor path end to end: HID reports → protocol v1 → protobuf → TrezorSigner, against a virtual
Trezor One and the devnet; button confirmations, the scrambled PIN matrix, data streaming, failures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from eth_account import Account
from eth_account.messages import encode_defunct, encode_typed_data
from web3 import Web3

from wallet.chains.tx_encoding import UnsupportedTransactionError
from wallet.devnet import Devnet
from wallet.hw.errors import (
    DeviceDisconnectedError,
    DeviceLockedError,
    PassphraseNeededError,
    UserRejectedError,
    WrongPinError,
)
from wallet.hw.transport import HidTransport, enumerate_devices
from wallet.hw.trezor import TrezorClient
from wallet.hw.trezor_prompts import TrezorPrompts
from wallet.hw.trezor_signer import TrezorSigner
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.trezor import VirtualTrezor
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout

PHRASE = generate_mnemonic(12)
PATH = EthPathLayout.BIP44.path(0)
Account.enable_unaudited_hdwallet_features()
ADDRESS = Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address


def plug(device: VirtualTrezor, pin_provider: Callable[[], str | None] | None = None,
         passphrase: Callable[[], str | None] | None = None) -> TrezorSigner:
    backend = VirtualHidBackend(device)
    (info,) = enumerate_devices(backend)
    assert (info.kind, info.vendor_id, info.product_id) == ("trezor", 0x534C, 0x0001)
    return TrezorSigner(TrezorClient(HidTransport.open(info, backend), TrezorPrompts(pin_provider, passphrase),
                                     user_timeout_s=5))


def positions_for(device: VirtualTrezor, pin: str) -> Callable[[], str | None]:
    return lambda: device.positions(pin)


@pytest.fixture
def trezor() -> VirtualTrezor:
    return VirtualTrezor(mnemonic_to_seed(PHRASE))


def test_features_and_addresses(trezor: VirtualTrezor) -> None:
    signer = plug(trezor)
    features = signer.client.open_session()
    assert (features.vendor, features.model, features.initialized) == ("trezor.io", "1", True)
    for layout in EthPathLayout:
        path = layout.path(2)
        assert signer.address(path) == Account.from_mnemonic(PHRASE.phrase, account_path=path).address
    assert signer.show_address(PATH) == ADDRESS and trezor.screens[-1] == ["Confirm address", ADDRESS]


@pytest.mark.parametrize(("kind", "data_bytes"), [("eip155", 0), ("eip1559", 0), ("eip1559", 3000)])
def test_transactions_confirm_on_chain(trezor: VirtualTrezor, chain_state: Devnet, kind: str, data_bytes: int) -> None:
    w3 = Web3(Web3.HTTPProvider(chain_state.chains[0].rpc_urls[0]))
    w3.provider.make_request("anvil_setBalance", [ADDRESS, hex(10**19)])  # type: ignore[arg-type]
    recipient = Account.create().address
    tx: dict[str, object] = {"nonce": w3.eth.get_transaction_count(ADDRESS), "to": recipient, "value": 777,
                             "gas": 300_000, "chainId": 31337, "data": bytes(range(256)) * (data_bytes // 256)
                             + bytes(data_bytes % 256)}
    price = w3.eth.gas_price * 2
    tx |= {"gasPrice": price} if kind == "eip155" else {"maxFeePerGas": price, "maxPriorityFeePerGas": 1, "type": 2}
    signed = plug(trezor).sign_transaction(PATH, tx)
    assert signed.sender == ADDRESS == Account.recover_transaction(signed.raw)
    receipt = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(signed.raw))
    assert receipt["status"] == 1 and w3.eth.get_balance(recipient) == 777
    assert trezor.screens[-1][:3] == ["Confirm sending", "777 wei", f"to {recipient}"]
    if data_bytes:
        assert trezor.screens[-1][-1] == f"{data_bytes} bytes of data"  # streamed in 1 KiB requests


def test_messages_and_typed_data(trezor: VirtualTrezor) -> None:
    signer = plug(trezor)
    signature = signer.sign_message(PATH, "你好, DeskWallet".encode())
    message = encode_defunct(primitive="你好, DeskWallet".encode())
    assert Account.recover_message(message, signature=signature) == ADDRESS
    data = {"types": {"EIP712Domain": [{"name": "name", "type": "string"}],
                      "Mail": [{"name": "body", "type": "string"}]},
            "primaryType": "Mail", "domain": {"name": "Mail"}, "message": {"body": "hi"}}
    assert Account.recover_message(encode_typed_data(full_message=data),
                                   signature=signer.sign_typed_data(PATH, data)) == ADDRESS


def test_pin_matrix(chain_state: Devnet) -> None:
    locked = VirtualTrezor(mnemonic_to_seed(PHRASE), pin="2589")
    with pytest.raises(DeviceLockedError):
        plug(locked).address(PATH)  # no way to enter a PIN
    with pytest.raises(WrongPinError):
        plug(locked, positions_for(locked, "1111")).address(PATH)
    with pytest.raises(UserRejectedError):
        plug(locked, lambda: None).address(PATH)  # the person closed the PIN dialog: the device is told
    assert not locked.unlocked and locked.matrix == []
    signer = plug(locked, positions_for(locked, "2589"))
    assert signer.address(PATH) == ADDRESS and locked.unlocked


def test_a_passphrase_opens_its_own_wallet() -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE), passphrase_mnemonic=PHRASE.phrase)
    with pytest.raises(PassphraseNeededError):
        plug(device).address(PATH)  # never "" on the person's behalf: that is another wallet
    with pytest.raises(UserRejectedError):
        plug(device, passphrase=lambda: None).address(PATH)  # cancelled in the dialog
    signer = plug(device, passphrase=lambda: "correct horse")
    hidden = Account.from_mnemonic(PHRASE.phrase, passphrase="correct horse", account_path=PATH).address
    assert signer.address(PATH) == hidden != ADDRESS
    tx = {"nonce": 0, "to": ADDRESS, "value": 1, "gas": 21_000, "chainId": 31337, "maxFeePerGas": 10**9,
          "maxPriorityFeePerGas": 1, "type": 2}
    assert Account.recover_transaction(signer.sign_transaction(PATH, tx).raw) == hidden
    assert plug(device).address(PATH) == hidden  # cached for the session: asked once


def test_reject_unsupported_and_unplug(trezor: VirtualTrezor) -> None:
    signer = plug(trezor)
    base = {"nonce": 0, "to": Account.create().address, "value": 1, "gas": 21_000, "chainId": 31337}
    trezor.decision = "reject"
    with pytest.raises(UserRejectedError):
        signer.sign_transaction(PATH, base | {"maxFeePerGas": 10**9, "maxPriorityFeePerGas": 1, "type": 2})
    trezor.decision = "approve"
    with pytest.raises(UnsupportedTransactionError, match="EIP-155 and EIP-1559"):
        signer.sign_transaction(PATH, base | {"gasPrice": 1, "accessList": []})
    trezor.unplug()
    with pytest.raises(DeviceDisconnectedError):
        signer.address(PATH)
