"""Header hashing and account proofs, on real anvil answers: honest ones verify, doctored ones do not."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from eth_account import Account
from web3 import Web3

from tests.lying_rpc import forged_proof
from wallet.chains.rpc import JsonRpcEndpoint
from wallet.chains.state_proof import (
    MAX_PROOF_NODE_BYTES,
    InvalidHeaderError,
    InvalidProofError,
    proven_balance,
    verify_header,
)
from wallet.devnet import Devnet


def node(devnet: Devnet) -> JsonRpcEndpoint:
    return JsonRpcEndpoint(devnet.chains[0].rpc_urls[0])


def header(endpoint: JsonRpcEndpoint, number: int) -> dict[str, Any]:
    block: dict[str, Any] = endpoint.request("eth_getBlockByNumber", [hex(number), False])
    return block


def test_real_headers_hash_to_their_block_hash(devnet: Devnet) -> None:
    endpoint = node(devnet)
    latest = int(endpoint.request("eth_blockNumber", []), 16)
    for number in (0, 1, latest):
        block = header(endpoint, number)
        verified = verify_header(block, number)
        assert verified.block_hash.hex() == block["hash"][2:]
        assert verified.state_root.hex() == block["stateRoot"][2:]
    assert "requestsHash" in header(endpoint, latest)  # anvil speaks Prague: every fork field is covered


@pytest.mark.parametrize("doctor", [
    lambda h: {**h, "stateRoot": "0x" + "11" * 32},  # a false state root under the true hash
    lambda h: {**h, "baseFeePerGas": hex(int(h["baseFeePerGas"], 16) + 1)},
    lambda h: {k: v for k, v in h.items() if k != "requestsHash"},  # a field left out
    lambda h: {k: v for k, v in h.items() if k != "withdrawalsRoot"},  # a gap in the fork fields
    lambda h: {**h, "gasUsed": 5},  # not a hex quantity
    lambda h: {**h, "hash": "0xzz"},
    lambda h: [h],
])
def test_doctored_headers_are_refused(devnet: Devnet, doctor: Any) -> None:
    endpoint = node(devnet)
    block = header(endpoint, 1)
    with pytest.raises(InvalidHeaderError):
        verify_header(doctor(block), 1)


def test_a_true_header_of_another_block_is_refused(devnet: Devnet) -> None:
    with pytest.raises(InvalidHeaderError, match="another block"):
        verify_header(header(node(devnet), 1), 2)


@pytest.mark.usefixtures("chain_state")
def test_account_proofs_prove_balances_and_absence(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    endpoint = node(devnet)
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    funded = Account.create().address
    w3.provider.make_request("anvil_setBalance", [funded, hex(123 * 10**18 + 7)])  # type: ignore[arg-type]
    w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    number = int(endpoint.request("eth_blockNumber", []), 16)
    root = verify_header(header(endpoint, number), number).state_root
    absent = Account.create().address
    contract = chain.tokens[0].address
    for address, expected in ((funded, 123 * 10**18 + 7), (absent, 0), (contract, w3.eth.get_balance(contract)),
                              (w3.eth.accounts[0], w3.eth.get_balance(w3.eth.accounts[0]))):
        proof = endpoint.request("eth_getProof", [address, [], hex(number)])
        assert proven_balance(root, address, proof["accountProof"]) == expected
    # The funded account's proof does not prove anything under the previous block's root.
    older = verify_header(header(endpoint, number - 1), number - 1).state_root
    proof = endpoint.request("eth_getProof", [funded, [], hex(number)])
    with pytest.raises(InvalidProofError):
        proven_balance(older, funded, proof["accountProof"])


def test_forged_truncated_and_junk_proofs_fail(devnet: Devnet) -> None:
    endpoint = node(devnet)
    number = int(endpoint.request("eth_blockNumber", []), 16)
    root = verify_header(header(endpoint, number), number).state_root
    rich = Web3(Web3.HTTPProvider(devnet.chains[0].rpc_urls[0])).eth.accounts[0]
    proof = endpoint.request("eth_getProof", [rich, [], hex(number)])
    forged = forged_proof(proof)  # self-consistent, with an inflated balance, under another root
    assert int(forged["balance"], 16) > int(proof["balance"], 16)
    deep = b"\xc0"
    for _ in range(60_000):  # nested deep enough to overflow the C stack in rlp's recursive decoder
        size = len(deep).to_bytes((len(deep).bit_length() + 7) // 8, "big")
        deep = (bytes([0xc0 + len(deep)]) if len(deep) < 56 else bytes([0xf7 + len(size)]) + size) + deep
    rebuilt = [bytes.fromhex(n[2:]) for n in proof["accountProof"]]
    assert max(map(len, rebuilt)) <= MAX_PROOF_NODE_BYTES  # the size bound fits real nodes
    for bad in (forged["accountProof"], proof["accountProof"][:-1], proof["accountProof"][1:], [],
                ["0x" + "00" * 40], ["not hex"], "0x1234", None, ["0x" + deep.hex()], proof["accountProof"] * 40):
        with pytest.raises(InvalidProofError):
            proven_balance(root, rich, bad)
    # A true proof of one account never lends its balance to another: it proves absence (the other
    # key's path ends in an empty slot of a node on the path) or nothing at all.
    for _ in range(20):
        with contextlib.suppress(InvalidProofError):
            assert proven_balance(root, Account.create().address, proof["accountProof"]) == 0
