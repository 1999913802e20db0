"""ERC-20 transfers on a Ledger: Ledger's signed token descriptors (INS 0x0A) make the device show the
token, amount and recipient; without one the device blind-signs, and a tampered one is refused.

The shipped descriptors are Ledger's real data, checked against the production CAL key from
app-ethereum; a test key signs the descriptors that only tests use (a device built with that key)."""

from __future__ import annotations

import base64
import importlib.util
import json
from collections.abc import Iterator
from hashlib import sha256
from pathlib import Path

import pytest
from coincurve import PrivateKey
from eth_abi.abi import encode
from eth_account import Account
from web3 import Web3

from wallet.chains.address import keccak256
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.hw.errors import BlindSigningDisabledError
from wallet.hw.ledger import HidApduChannel, LedgerEthApp, TokenDescriptorRefusedError
from wallet.hw.ledger_signer import LedgerSigner
from wallet.hw.ledger_tokens import (
    BUNDLED_DESCRIPTORS,
    CAL_PUBLIC_KEY,
    DescriptorBook,
    TokenDescriptor,
    bundled_book,
    descriptor_message,
    encode_descriptor,
    parse_descriptor,
    parse_records,
    signature_valid,
)
from wallet.hw.transport import HidTransport, enumerate_devices
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.ledger import VirtualLedger
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout
from wallet.services.send import SendRequest, prepare_send, sign_and_broadcast
from wallet.store.db import connect
from wallet.store.transactions import TransactionStore

ROOT = Path(__file__).resolve().parent.parent
NPM_DATA = ROOT / "node_modules" / "@ledgerhq" / "cryptoassets-evm-signatures"
PHRASE = generate_mnemonic(12)
PATH = EthPathLayout.BIP44.path(0)
USDT = "0xdAC17F958D2ee523a2206206994597C13D831ec7"
TEST_CAL_KEY = PrivateKey(sha256(b"test CAL key, never Ledger's").digest())
Account.enable_unaudited_hdwallet_features()


def transfer(to: str, amount: int) -> bytes:
    return keccak256(b"transfer(address,uint256)")[:4] + encode(["address", "uint256"], [to, amount])


def approve(spender: str, amount: int) -> bytes:
    return keccak256(b"approve(address,uint256)")[:4] + encode(["address", "uint256"], [spender, amount])


def token_tx(token: str, data: bytes, chain_id: int = 1) -> dict[str, object]:
    return {"nonce": 7, "to": token, "value": 0, "gas": 80_000, "chainId": chain_id, "data": data,
            "maxFeePerGas": 30 * 10**9, "maxPriorityFeePerGas": 10**9, "type": 2}


def cal_signed(ticker: str, address: str, decimals: int, chain_id: int) -> TokenDescriptor:
    """A descriptor signed by the test key, the way Ledger's CAL signs its own."""
    message = descriptor_message(ticker, address, decimals, chain_id)
    return parse_descriptor(encode_descriptor(ticker, address, decimals, chain_id,
                                              TEST_CAL_KEY.sign(sha256(message).digest(), hasher=None)))


def plug(device: VirtualLedger, book: DescriptorBook | None = None) -> LedgerSigner:
    backend = VirtualHidBackend(device)
    (info,) = enumerate_devices(backend)
    return LedgerSigner(LedgerEthApp(HidApduChannel(HidTransport.open(info, backend)), user_timeout_s=5.0), book)


@pytest.fixture
def device() -> VirtualLedger:
    return VirtualLedger(mnemonic_to_seed(PHRASE))  # Ledger's production CAL key, as a real device


@pytest.fixture
def test_device() -> VirtualLedger:
    return VirtualLedger(mnemonic_to_seed(PHRASE), cal_public_key=TEST_CAL_KEY.public_key.format(compressed=False))


# --- the data -----------------------------------------------------------------------------------
def test_real_descriptor_bytes_from_the_npm_data_parse_for_usdt_on_mainnet() -> None:
    blob = base64.b64decode(json.loads((NPM_DATA / "src/data/evm/1/erc20-signatures.json").read_text()))
    usdt = next(d for d in parse_records(blob) if d.ticker == "USDT")
    assert (usdt.address, usdt.decimals, usdt.chain_id) == (USDT, 6, 1)
    assert usdt.payload[0] == 4 and usdt.payload[1:5] == b"USDT" and usdt.signature[0] == 0x30  # DER
    assert signature_valid(usdt, CAL_PUBLIC_KEY)
    assert bundled_book().get(1, USDT.lower()) == usdt  # the app ships exactly these bytes


def test_every_shipped_descriptor_is_signed_by_ledgers_production_key() -> None:
    book = bundled_book()
    assert len(book) > 500
    document = json.loads(BUNDLED_DESCRIPTORS.read_text())
    descriptors = [d for text in document["chains"].values() for d in parse_records(base64.b64decode(text))]
    assert len(descriptors) == len(book)
    assert all(signature_valid(d) for d in descriptors)
    assert not signature_valid(descriptors[0], TEST_CAL_KEY.public_key.format(compressed=False))
    assert {int(c) for c in document["chains"]} == {1, 10, 56, 137, 8453, 42161, 43114}  # no list for Wanchain


def test_the_shipped_file_is_what_the_script_extracts_from_the_pinned_package() -> None:
    spec = importlib.util.spec_from_file_location("extract", ROOT / "scripts" / "extract_ledger_descriptors.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.extract() == BUNDLED_DESCRIPTORS.read_text()
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["@ledgerhq/cryptoassets-evm-signatures"]
    assert json.loads(BUNDLED_DESCRIPTORS.read_text())["version"] == pinned


# --- clear signing ------------------------------------------------------------------------------
def test_a_real_descriptor_makes_the_device_show_token_amount_and_recipient(device: VirtualLedger) -> None:
    device.blind_signing = False  # clear signing needs no blind signing
    recipient = Account.create().address
    tx = token_tx(USDT, transfer(recipient, 1_500_000))
    with plug(device) as signer:
        signed = signer.sign_transaction(PATH, tx)
    assert device.reports_by_ins[0x0A] >= 1  # the descriptor went to the device first
    assert Account.recover_transaction(signed.raw) == Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address
    assert device.screens[-1][:3] == ["Review transaction", "Amount USDT 1.5", f"Address {recipient}"]
    assert device.open_handles == 0


def test_a_test_signed_list_on_a_device_with_the_test_key(test_device: VirtualLedger) -> None:
    token = Account.create().address
    book = DescriptorBook([cal_signed("DUSD", token, 6, 10)])
    recipient, spender = Account.create().address, Account.create().address
    with plug(test_device, book) as signer:
        signed = signer.sign_transaction(PATH, token_tx(token, transfer(recipient, 1_234_500_000), 10))
        assert test_device.screens[-1][:3] == ["Review transaction", "Amount DUSD 1234.5", f"Address {recipient}"]
        signer.sign_transaction(PATH, token_tx(token, approve(spender, 2**256 - 1), 10))
        assert test_device.screens[-1][:4] == ["Review transaction", "Type Approve", "Amount Unlimited DUSD",
                                               f"Address {spender}"]
        # The device forgets the token once a transaction is done: without the descriptor, blind again.
        LedgerSigner(signer.app, DescriptorBook([])).sign_transaction(
            PATH, token_tx(token, transfer(recipient, 1), 10))
        assert test_device.screens[-1][0] == "Blind signing"
    # A signer given no descriptors offers none, even for a token Ledger lists.
    real_device = VirtualLedger(mnemonic_to_seed(PHRASE))
    with plug(real_device, DescriptorBook([])) as signer:
        signer.sign_transaction(PATH, token_tx(USDT, transfer(recipient, 1)))
    assert real_device.screens[-1][0] == "Blind signing" and 0x0A not in real_device.reports_by_ins
    assert Account.recover_transaction(signed.raw) == Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address


# --- refusals -----------------------------------------------------------------------------------
def test_a_tampered_descriptor_is_refused_by_the_device(device: VirtualLedger) -> None:
    real = bundled_book().get(1, USDT)
    assert real is not None
    payload = bytearray(real.payload)
    payload[1 + 4 + 20 + 3] = 18  # claim 18 decimals: a million times fewer tokens on the screen
    tampered = parse_descriptor(bytes(payload))
    assert tampered.decimals == 18
    with plug(device, DescriptorBook([tampered])) as signer, \
            pytest.raises(TokenDescriptorRefusedError, match=f"refused the signed description of USDT \\({USDT}\\)"):
        signer.sign_transaction(PATH, token_tx(USDT, transfer(Account.create().address, 10**6)))
    assert device.screens == []  # nothing was shown, nothing signed
    # The same for a descriptor signed by anyone but Ledger (here the test key, on a real device).
    forged = cal_signed("USDT", USDT, 6, 1)
    with plug(device) as signer, pytest.raises(TokenDescriptorRefusedError):
        signer.app.provide_token(forged)


def test_a_descriptor_for_a_chain_the_app_does_not_know_is_refused(test_device: VirtualLedger) -> None:
    with plug(test_device) as signer, pytest.raises(TokenDescriptorRefusedError):
        signer.app.provide_token(cal_signed("DUSD", Account.create().address, 6, 31337))  # the devnet's id


# --- blind signing, on the devnet -----------------------------------------------------------------
@pytest.fixture
def funded(chain_state: Devnet, device: VirtualLedger) -> Iterator[tuple[Web3, ChainClient, str]]:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    address = Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address
    w3.provider.make_request("anvil_setBalance", [address, hex(10**19)])  # type: ignore[arg-type]
    dusd = w3.eth.contract(address=chain.tokens[0].address, abi=load_artifact("DevToken").abi)
    w3.eth.wait_for_transaction_receipt(dusd.functions.mint(address, 5_000 * 10**6)
                                        .transact({"from": w3.eth.accounts[0]}))
    yield w3, ChainClient(chain), address


def test_a_devnet_token_without_a_descriptor_is_blind_signed(device: VirtualLedger, funded: tuple[
        Web3, ChainClient, str], tmp_path: Path) -> None:
    w3, client, sender = funded
    dusd = client.chain.tokens[0]
    store = TransactionStore(connect(tmp_path / "db.sqlite3"))
    recipient = Account.create().address
    prepared = prepare_send(client, store, SendRequest(sender, recipient, 2 * 10**6, dusd))
    assert bundled_book().blind_signed(prepared.tx)  # what the Send page warns about before confirming
    device.blind_signing = False
    with plug(device) as signer, pytest.raises(BlindSigningDisabledError):
        sign_and_broadcast(client, store, signer, PATH, prepared)
    device.blind_signing = True
    with plug(device) as signer:
        record = sign_and_broadcast(client, store, signer, PATH, prepared)
    assert 0x0A not in device.reports_by_ins  # no descriptor was offered
    assert device.screens[-1][:4] == ["Blind signing", "Review transaction", "Amount 0 wei",
                                      f"Address {dusd.address.lower()}"]
    assert w3.eth.get_transaction_receipt(record.hash)["status"] == 1
    token = w3.eth.contract(address=dusd.address, abi=load_artifact("DevToken").abi)
    assert token.functions.balanceOf(recipient).call() == 2 * 10**6


def test_only_erc20_calls_of_listed_tokens_without_coin_are_clear_signed() -> None:
    book = bundled_book()
    recipient = Account.create().address
    assert book.for_transaction(token_tx(USDT, transfer(recipient, 1))) is not None
    assert book.for_transaction(token_tx(USDT, transfer(recipient, 1), chain_id=56)) is None  # another chain
    assert book.for_transaction(token_tx(USDT, b"\x12\x34\x56\x78" + bytes(64))) is None  # another call
    assert book.blind_signed(token_tx(USDT, b"\x12\x34\x56\x78"))
    assert book.blind_signed({**token_tx(USDT, transfer(recipient, 1)), "value": 1})  # coin attached
    assert not book.blind_signed({"to": recipient, "value": 5, "chainId": 1})  # a plain transfer: no data

