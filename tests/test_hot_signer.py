"""HotSigner: every transaction type accepted by a real chain; every signature recovers to the signer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from eth_account import Account
from eth_account.messages import encode_defunct, encode_typed_data
from web3 import Web3

from wallet.accounts.hot import HotSigner
from wallet.accounts.signer import SignerLockedError, UnknownKeyError
from wallet.devnet import Devnet
from wallet.keys.derivation import HdKeychain
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout

PATH = EthPathLayout.BIP44.path(0)
RECIPIENT = "0x000000000000000000000000000000000000bEEF"


@pytest.fixture
def funded(chain_state: Devnet) -> Iterator[tuple[Web3, HotSigner]]:
    w3 = Web3(Web3.HTTPProvider(chain_state.chains[0].rpc_urls[0]))
    signer = HotSigner(keychain=HdKeychain(mnemonic_to_seed(generate_mnemonic(12))))
    w3.provider.make_request("anvil_setBalance", [signer.address(PATH), hex(10**20)])  # type: ignore[arg-type]
    yield w3, signer


def base_fields(w3: Web3, sender: str) -> dict[str, object]:
    return {"nonce": w3.eth.get_transaction_count(sender), "to": RECIPIENT, "value": 12345, "gas": 30_000}


@pytest.mark.parametrize("kind", ["legacy", "eip155", "eip2930", "eip1559"])
def test_every_transaction_type_is_accepted_and_recovers(funded: tuple[Web3, HotSigner], kind: str) -> None:
    w3, signer = funded
    sender = signer.address(PATH)
    tx = base_fields(w3, sender)
    gas_price = w3.eth.gas_price * 2
    if kind == "legacy":
        tx |= {"gasPrice": gas_price}  # pre-EIP-155: no chain id
    elif kind == "eip155":
        tx |= {"gasPrice": gas_price, "chainId": 31337}
    elif kind == "eip2930":
        tx |= {"gasPrice": gas_price, "chainId": 31337, "accessList": [{"address": RECIPIENT, "storageKeys": []}],
               "gas": 40_000}
    else:
        tx |= {"maxFeePerGas": gas_price, "maxPriorityFeePerGas": 10**9, "chainId": 31337, "type": 2}
    before = w3.eth.get_balance(RECIPIENT)

    signed = signer.sign_transaction(PATH, tx)

    assert signed.sender == sender == Account.recover_transaction(signed.raw)
    receipt = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(signed.raw))
    assert receipt["status"] == 1 and receipt["transactionHash"] == signed.hash
    assert receipt["type"] == {"legacy": 0, "eip155": 0, "eip2930": 1, "eip1559": 2}[kind]
    assert w3.eth.get_balance(RECIPIENT) - before == 12345
    v = w3.eth.get_transaction(signed.hash)["v"]
    assert v in ((27, 28) if kind == "legacy" else (31337 * 2 + 35, 31337 * 2 + 36) if kind == "eip155" else (0, 1))


def test_personal_sign_recovers() -> None:
    signer = HotSigner(keychain=HdKeychain(mnemonic_to_seed(generate_mnemonic(24))))
    signature = signer.sign_message(PATH, "登录 DeskWallet nonce 42".encode())
    assert len(signature) == 65
    recovered = Account.recover_message(encode_defunct(primitive="登录 DeskWallet nonce 42".encode()),
                                        signature=signature)
    assert recovered == signer.address(PATH)


def test_eip712_recovers() -> None:
    signer = HotSigner(keychain=HdKeychain(mnemonic_to_seed(generate_mnemonic(12))))
    data = {
        "types": {
            "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "chainId", "type": "uint256"},
                             {"name": "verifyingContract", "type": "address"}],
            "Mail": [{"name": "to", "type": "address"}, {"name": "contents", "type": "string"}],
        },
        "primaryType": "Mail",
        "domain": {"name": "Ether Mail", "chainId": 1, "verifyingContract": RECIPIENT},
        "message": {"to": RECIPIENT, "contents": "Hello"},
    }
    signature = signer.sign_typed_data(PATH, data)
    assert Account.recover_message(encode_typed_data(full_message=data), signature=signature) == signer.address(PATH)


def test_single_key_signer_and_paths() -> None:
    key = bytes.fromhex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
    signer = HotSigner(private_key=key)
    assert signer.address(None) == Account.from_key(key).address
    with pytest.raises(UnknownKeyError):
        signer.address(PATH)


def test_wiped_signer_refuses_to_sign() -> None:
    signer = HotSigner(private_key=bytes(31) + b"\x07")
    signer.wipe()
    with pytest.raises(SignerLockedError):
        signer.sign_message(None, b"x")
