"""The Ledger path end to end: HID transport → framing → Ethereum-app APDUs → LedgerSigner, against
a virtual Ledger that parses what the device parses, and real devnet chains."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import rlp
from eth_account import Account
from eth_account.messages import encode_defunct, encode_typed_data
from web3 import Web3

from wallet.chains.rpc import ChainClient
from wallet.chains.tx_encoding import unsigned_payload
from wallet.devnet import Devnet
from wallet.hw.errors import (
    BlindSigningDisabledError,
    DeviceDisconnectedError,
    DeviceLockedError,
    DeviceProtocolError,
    DeviceTimeoutError,
    UserRejectedError,
    WrongAppError,
)
from wallet.hw.ledger import MAX_CHUNK_BYTES, HidApduChannel, LedgerEthApp, chunks, encode_path
from wallet.hw.ledger_framing import report_count
from wallet.hw.ledger_signer import LedgerSigner
from wallet.hw.transport import HidTransport, enumerate_devices
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.hid_device import VirtualProtocolViolationError
from wallet.hw.virtual.ledger import VirtualLedger
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout
from wallet.services.send import SendRequest, prepare_send, sign_and_broadcast
from wallet.store.db import connect
from wallet.store.transactions import TransactionStore

PHRASE = generate_mnemonic(24)
PATH = EthPathLayout.BIP44.path(0)
Account.enable_unaudited_hdwallet_features()


def plug(device: VirtualLedger, user_timeout_s: float = 5.0) -> LedgerSigner:
    backend = VirtualHidBackend(device)
    (info,) = enumerate_devices(backend)
    assert (info.kind, info.vendor_id, info.serial) == ("ledger", 0x2C97, device.serial)
    return LedgerSigner(LedgerEthApp(HidApduChannel(HidTransport.open(info, backend)), user_timeout_s=user_timeout_s))


@pytest.fixture
def ledger() -> VirtualLedger:
    return VirtualLedger(mnemonic_to_seed(PHRASE))


@pytest.fixture
def funded(chain_state: Devnet, ledger: VirtualLedger, tmp_path: Path) -> Iterator[tuple[Web3, ChainClient, str]]:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    address = Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address
    w3.provider.make_request("anvil_setBalance", [address, hex(10**19)])  # type: ignore[arg-type]
    yield w3, ChainClient(chain), address


def test_addresses_and_configuration(ledger: VirtualLedger) -> None:
    signer = plug(ledger)
    assert signer.app.configuration().version == (1, 10, 3)
    for layout in EthPathLayout:
        for index in range(3):
            path = layout.path(index)
            assert signer.address(path) == Account.from_mnemonic(PHRASE.phrase, account_path=path).address
    assert signer.show_address(PATH) == Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address
    assert ledger.screens[-1][0] == "Verify address"


@pytest.mark.parametrize("kind", ["eip155", "eip2930", "eip1559"])
def test_transactions_signed_on_the_device_confirm_on_chain(
        ledger: VirtualLedger, funded: tuple[Web3, ChainClient, str], kind: str) -> None:
    w3, _, sender = funded
    signer = plug(ledger)
    recipient = Account.create().address
    tx: dict[str, object] = {"nonce": w3.eth.get_transaction_count(sender), "to": recipient, "value": 4242,
                             "gas": 50_000, "chainId": 31337}
    price = w3.eth.gas_price * 2
    tx |= ({"gasPrice": price} if kind == "eip155" else
           {"gasPrice": price, "accessList": [{"address": recipient, "storageKeys": []}]} if kind == "eip2930" else
           {"maxFeePerGas": price, "maxPriorityFeePerGas": 10**9, "type": 2})
    signed = signer.sign_transaction(PATH, tx)
    assert signed.sender == sender == Account.recover_transaction(signed.raw)
    receipt = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(signed.raw))
    assert receipt["status"] == 1 and w3.eth.get_balance(recipient) == 4242
    screen = ledger.screens[-1]
    assert screen[0] == "Review transaction" and f"Address {recipient.lower()}" in screen and "Network 31337" in screen


def test_the_send_pipeline_with_a_ledger(ledger: VirtualLedger, funded: tuple[Web3, ChainClient, str],
                                         tmp_path: Path) -> None:
    w3, client, sender = funded
    store = TransactionStore(connect(tmp_path / "db.sqlite3"))
    recipient = Account.create().address
    prepared = prepare_send(client, store, SendRequest(sender, recipient, 10**16))
    record = sign_and_broadcast(client, store, plug(ledger), PATH, prepared)
    assert w3.eth.get_transaction_receipt(record.hash)["status"] == 1
    assert w3.eth.get_balance(recipient) == 10**16


def test_large_calldata_uses_the_fewest_reports_the_framing_allows(ledger: VirtualLedger,
                                                                   funded: tuple[Web3, ChainClient, str]) -> None:
    w3, _, sender = funded
    assert w3.eth.chain_id == 31337
    tx = {"nonce": w3.eth.get_transaction_count(sender), "to": Account.create().address, "value": 0,
          "gas": 500_000, "chainId": 31337, "maxFeePerGas": w3.eth.gas_price * 2, "maxPriorityFeePerGas": 1,
          "type": 2, "data": bytes(range(256)) * 12}
    signer = plug(ledger)
    signed = signer.sign_transaction(PATH, tx)
    data = encode_path(PATH) + unsigned_payload(tx)
    apdus = [data[i:i + MAX_CHUNK_BYTES] for i in range(0, len(data), MAX_CHUNK_BYTES)]
    assert all(len(a) == MAX_CHUNK_BYTES for a in apdus[:-1])  # every APDU as full as it can be
    minimum = sum(report_count(5 + len(a)) for a in apdus)  # 5 bytes of APDU header each
    assert ledger.reports_by_ins[0x04] == minimum
    assert w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(signed.raw))["status"] == 1


def test_personal_sign_and_eip712_recover_to_the_device_account(ledger: VirtualLedger) -> None:
    signer = plug(ledger)
    expected = Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address
    message = "Sign in to DeskWallet 登录".encode() * 20  # longer than one APDU
    signature = signer.sign_message(PATH, message)
    assert Account.recover_message(encode_defunct(primitive=message), signature=signature) == expected
    data = {"types": {"EIP712Domain": [{"name": "name", "type": "string"}, {"name": "chainId", "type": "uint256"}],
                      "Order": [{"name": "amount", "type": "uint256"}]},
            "primaryType": "Order", "domain": {"name": "DEX", "chainId": 31337}, "message": {"amount": 5}}
    typed = signer.sign_typed_data(PATH, data)
    assert Account.recover_message(encode_typed_data(full_message=data), signature=typed) == expected
    assert ledger.screens[-1][0] == "Sign typed message"


def simple_tx(nonce: int = 0) -> dict[str, object]:
    return {"nonce": nonce, "to": Account.create().address, "value": 1, "gas": 21_000, "chainId": 31337,
            "maxFeePerGas": 10**9, "maxPriorityFeePerGas": 1, "type": 2}


def test_rejected_on_the_device(ledger: VirtualLedger) -> None:
    signer = plug(ledger)
    ledger.decision = "reject"
    with pytest.raises(UserRejectedError, match="rejected the request on the device"):
        signer.sign_transaction(PATH, simple_tx())
    ledger.decision = "approve"
    signer.sign_transaction(PATH, simple_tx())  # nothing left pending


def test_wrong_app_and_locked(ledger: VirtualLedger) -> None:
    signer = plug(ledger)
    ledger.app = "Bitcoin"
    with pytest.raises(WrongAppError, match="Open the Ethereum app"):
        signer.address(PATH)
    ledger.app, ledger.locked = "Ethereum", True
    with pytest.raises(DeviceLockedError, match="locked"):
        signer.sign_transaction(PATH, simple_tx())
    ledger.locked = False
    assert signer.address(PATH).startswith("0x")


def test_unplugged_mid_signature(ledger: VirtualLedger, funded: tuple[Web3, ChainClient, str],
                                 tmp_path: Path) -> None:
    _, client, sender = funded
    store = TransactionStore(connect(tmp_path / "db.sqlite3"))
    prepared = prepare_send(client, store, SendRequest(sender, Account.create().address, 10**15))
    signer = plug(ledger)
    ledger.unplug_after_reports = ledger.reports_received + 2
    with pytest.raises(DeviceDisconnectedError, match="disconnected"):
        sign_and_broadcast(client, store, signer, PATH, prepared)
    assert store.history() == []  # nothing was recorded or sent
    ledger.plug_in()
    record = sign_and_broadcast(client, store, plug(ledger), PATH, prepared)  # a fresh connection works
    assert record.status == "pending"


def test_malformed_reply_frame(ledger: VirtualLedger) -> None:
    signer = plug(ledger)
    ledger.corrupt_next_reply = True
    with pytest.raises(DeviceProtocolError, match="channel"):
        signer.address(PATH)
    assert signer.address(PATH).startswith("0x")  # the stale reply was drained


def test_timeout_when_nobody_presses_the_button(ledger: VirtualLedger) -> None:
    signer = plug(ledger, user_timeout_s=0.3)
    ledger.decision = "hold"
    with pytest.raises(DeviceTimeoutError, match=r"did not answer within 0\.3 s"):
        signer.sign_transaction(PATH, simple_tx())
    ledger.decision = "approve"
    ledger.approve()  # the late press produces a stale reply, which the next exchange drains
    assert Account.recover_transaction(signer.sign_transaction(PATH, simple_tx(1)).raw) == signer.address(PATH)


def test_blind_signing_disabled(ledger: VirtualLedger) -> None:
    ledger.blind_signing = False
    signer = plug(ledger)
    assert signer.app.configuration().blind_signing is False
    with pytest.raises(BlindSigningDisabledError, match="blind signing"):
        signer.sign_transaction(PATH, simple_tx() | {"data": b"\xa9\x05\x9c\xbb" + bytes(64), "gas": 80_000})


def test_the_virtual_device_refuses_malformed_host_frames(ledger: VirtualLedger) -> None:
    with pytest.raises(VirtualProtocolViolationError, match="report id 0"):
        ledger.write(bytes(64))  # missing the report-id byte
    with pytest.raises(VirtualProtocolViolationError, match="channel"):
        ledger.write(b"\0" + b"\x02\x02\x05" + bytes(61))


def test_no_chunk_but_the_last_reaches_the_eip155_tail() -> None:
    for size in range(1, 900):
        data = bytes(i % 251 for i in range(size))
        parts = chunks(b"\x01", data, whole_tail=5)
        assert b"".join(parts) == b"\x01" + data and all(0 < len(p) <= MAX_CHUNK_BYTES for p in parts)
        ends = [sum(len(p) for p in parts[:i + 1]) for i in range(len(parts) - 1)]
        assert all(end < size + 1 - 5 for end in ends)
        assert len(parts) <= -(-(size + 1) // MAX_CHUNK_BYTES) + 1  # at most one more than the fewest


def test_an_eip155_transaction_whose_chunks_would_end_in_its_tail(ledger: VirtualLedger,
                                                                  funded: tuple[Web3, ChainClient, str]) -> None:
    w3, _, sender = funded
    base = {"nonce": w3.eth.get_transaction_count(sender), "to": Account.create().address, "value": 0,
            "gas": 300_000, "gasPrice": w3.eth.gas_price * 2, "chainId": 31337}
    tail = len(rlp.encode(31337)) + 2
    tx = next(base | {"data": bytes(n)} for n in range(300, 600)
              if len(encode_path(PATH) + unsigned_payload(base | {"data": bytes(n)})) % MAX_CHUNK_BYTES in
              range(1, tail + 1))  # the plain split would leave part of (chainId, 0, 0) for the last APDU
    parts = chunks(encode_path(PATH), unsigned_payload(tx), tail)
    assert len(parts[-1]) > tail  # the whole tail travels in the last APDU, after at least one other byte
    signed = plug(ledger).sign_transaction(PATH, tx)
    assert Account.recover_transaction(signed.raw) == sender
    assert w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(signed.raw))["status"] == 1
