"""Our unsigned payloads and signed serialisations equal eth_account's, byte for byte."""

from __future__ import annotations

import pytest
from eth_account import Account

from wallet.chains.address import keccak256
from wallet.chains.tx_encoding import signed_raw, signing_hash, unsigned_payload

KEY = Account.create()
TO = "0x000000000000000000000000000000000000bEEF"
BASE = {"nonce": 7, "to": TO, "value": 10**15, "gas": 60_000, "data": bytes(range(256)) * 2}
TXS = {
    "legacy": BASE | {"gasPrice": 3 * 10**9},
    "eip155": BASE | {"gasPrice": 3 * 10**9, "chainId": 888},
    "eip2930": BASE | {"gasPrice": 3 * 10**9, "chainId": 56,
                       "accessList": [{"address": TO, "storageKeys": ["0x" + "11" * 32]}]},
    "eip1559": BASE | {"maxFeePerGas": 5 * 10**9, "maxPriorityFeePerGas": 10**9, "chainId": 31337, "type": 2},
    "contract_creation": {"nonce": 0, "gas": 10**6, "value": 0, "data": b"\x60\x00", "maxFeePerGas": 10**9,
                          "maxPriorityFeePerGas": 1, "chainId": 1, "type": 2},
}


@pytest.mark.parametrize("name", TXS)
def test_equal_to_eth_account(name: str) -> None:
    tx = TXS[name]
    signed = Account.sign_transaction(tx, KEY.key)
    assert signing_hash(tx) == keccak256(unsigned_payload(tx))
    assert Account._recover_hash(signing_hash(tx), vrs=(signed.v, signed.r, signed.s)) == KEY.address
    v = signed.v
    parity = v - 27 if name == "legacy" else (v - 35 - 2 * tx["chainId"]) if name == "eip155" else v
    assert signed_raw(tx, parity, signed.r, signed.s) == bytes(signed.raw_transaction)
