"""AtomicSwapHTLC on a real chain: every revert path, both payouts, events, hostile tokens and reentrancy."""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from eth_abi.abi import encode
from web3 import Web3
from web3.contract import Contract
from web3.types import LogReceipt, TxReceipt, Wei

from tests.contracts.htlc_env import HtlcChain, new_secret
from tests.contracts.solc import compile_test_contracts
from wallet.chains.address import keccak256
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_artifact import ARTIFACT_PATH, htlc_artifact
from wallet.dex.atomic.htlc_calls import (
    ClaimCall,
    HtlcRevert,
    decode_call,
    decode_htlc_error,
    encode_claim,
    encode_lock,
    encode_refund,
    read_swap,
)
from wallet.dex.atomic.htlc_events import (
    LOCKED_TOPIC,
    ClaimedEvent,
    LockedEvent,
    RefundedEvent,
    decode_log,
)
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, HtlcTerms, SwapStatus, swap_id
from wallet.paths import PROJECT_ROOT

HOUR_S = 3600
COIN = 10**18
HOSTILE = "HtlcHostileTokens.sol"
REENTRANT_CALL = HtlcRevert("ReentrantCall", ())


@pytest.fixture
def h(chain_state: Devnet) -> HtlcChain:
    return HtlcChain.deployed_on(chain_state.chains[0])


def coin_terms(h: HtlcChain, amount: int = COIN, timelock_in_s: int = HOUR_S, hashlock: bytes | None = None,
               sender: int = 1, recipient: int = 2) -> tuple[HtlcTerms, bytes]:
    preimage, digest = new_secret()
    return HtlcTerms(h.account(sender), h.account(recipient), NATIVE_TOKEN, amount, hashlock or digest,
                     h.now() + timelock_in_s), preimage


def token_terms(h: HtlcChain, token: str, amount: int, timelock_in_s: int = HOUR_S) -> tuple[HtlcTerms, bytes]:
    """Terms for a token lock, with the sender minted and approved for ``amount``."""
    terms, preimage = coin_terms(h, amount, timelock_in_s)
    terms = replace(terms, token=token)
    h.send(h.account(0), token, _mint_call(terms.sender, amount))
    h.approve(token, terms.sender, amount)
    return terms, preimage


def _mint_call(to: str, amount: int) -> bytes:
    return keccak256(b"mint(address,uint256)")[:4] + encode(["address", "uint256"], [to, amount])


def hostile(h: HtlcChain, name: str) -> str:
    contract = compile_test_contracts(HOSTILE)[name]
    return h.deploy(contract.abi, contract.bytecode)


def third_party(h: HtlcChain) -> str:
    return h.account(3)


# --- the build ----------------------------------------------------------------------------------


def test_artifact_matches_a_fresh_compile_for_paris(tmp_path: Path) -> None:
    subprocess.run(["node", str(PROJECT_ROOT / "scripts" / "compile_contracts.js"), str(tmp_path)],
                   check=True, capture_output=True)
    fresh = json.loads((tmp_path / ARTIFACT_PATH.name).read_text())
    assert fresh == json.loads(ARTIFACT_PATH.read_text()), "stale: run `npm run compile-contracts`"
    assert fresh["evmVersion"] == "paris"
    assert "5f" not in _opcodes(fresh["deployedBytecode"]), "PUSH0 does not run on pre-Shanghai chains"
    assert "5f" not in _opcodes(fresh["bytecode"])


def _opcodes(bytecode: str) -> list[str]:
    """Opcode bytes only (PUSH data skipped), stopping at the CBOR metadata trailer."""
    code = bytes.fromhex(bytecode.removeprefix("0x"))
    code = code[: len(code) - 2 - int.from_bytes(code[-2:], "big")]
    ops, i = [], 0
    while i < len(code):
        ops.append(f"{code[i]:02x}")
        i += 1 + (code[i] - 0x5F if 0x60 <= code[i] <= 0x7F else 0)
    return ops


# --- happy paths ----------------------------------------------------------------------------------


def test_coin_lock_then_claim_by_a_third_party_pays_the_recipient_exactly(h: HtlcChain) -> None:
    terms, preimage = coin_terms(h, amount=3 * COIN)
    swap = h.id_of(terms)
    recipient_before, sender_before = h.balance(terms.recipient), h.balance(terms.sender)
    lock_receipt = h.lock(terms)
    assert h.balance(h.htlc) == 3 * COIN
    assert h.balance(terms.sender) == sender_before - 3 * COIN - _gas_paid(lock_receipt)
    assert read_swap(h.client, h.htlc, swap).status is SwapStatus.LOCKED

    claim_receipt = h.transact(third_party(h), encode_claim(swap, preimage))

    assert h.balance(terms.recipient) == recipient_before + 3 * COIN  # the claimer paid the gas, not the recipient
    assert h.balance(h.htlc) == 0
    state = read_swap(h.client, h.htlc, swap)
    assert state.status is SwapStatus.CLAIMED and state.terms == terms
    # The secret is readable from the event and from the transaction's own calldata.
    (claimed,) = [decode_log(_json_log(log), h.chain.chain_id, h.htlc) for log in claim_receipt["logs"]]
    assert claimed == ClaimedEvent(swap, terms.hashlock, preimage, claimed.origin)
    assert claimed.origin.block_number == claim_receipt["blockNumber"]
    tx = h.w3.eth.get_transaction(claim_receipt["transactionHash"])
    assert decode_call(bytes(tx["input"])) == ClaimCall(swap, preimage)


def test_token_lock_then_refund_by_a_third_party_after_the_timelock(h: HtlcChain) -> None:
    dusd = h.chain.tokens[0].address
    terms, _ = token_terms(h, dusd, 1_234_567)
    swap = h.id_of(terms)
    sender_before = h.token_balance(dusd, terms.sender)
    h.lock(terms)
    assert h.token_balance(dusd, terms.sender) == sender_before - 1_234_567
    assert h.token_balance(dusd, h.htlc) == 1_234_567

    h.mine_at(terms.timelock)  # refund is allowed from the timelock's second on
    receipt = h.transact(third_party(h), encode_refund(swap))

    assert h.token_balance(dusd, terms.sender) == sender_before
    assert h.token_balance(dusd, h.htlc) == 0
    assert h.token_balance(dusd, terms.recipient) == 0
    assert read_swap(h.client, h.htlc, swap).status is SwapStatus.REFUNDED
    events = [decode_log(_json_log(log), h.chain.chain_id, h.htlc) for log in receipt["logs"]
              if log["address"] == h.htlc]
    assert events == [RefundedEvent(swap, terms.hashlock, events[0].origin)]


def test_token_that_returns_nothing_on_transfer_locks_and_claims(h: HtlcChain) -> None:
    usdt_like = hostile(h, "NoReturnToken")
    terms, preimage = token_terms(h, usdt_like, 5_000)
    h.lock(terms)
    h.transact(third_party(h), encode_claim(h.id_of(terms), preimage))
    assert h.token_balance(usdt_like, terms.recipient) == 5_000
    assert h.token_balance(usdt_like, h.htlc) == 0


def test_locked_event_carries_every_lock_parameter(h: HtlcChain) -> None:
    dusd = h.chain.tokens[0].address
    terms, _ = token_terms(h, dusd, 777)
    receipt = h.lock(terms)
    (log,) = [log for log in receipt["logs"] if log["address"] == h.htlc]
    assert bytes(log["topics"][0]) == LOCKED_TOPIC
    event = decode_log(_json_log(log), h.chain.chain_id, h.htlc)
    assert event == LockedEvent(h.id_of(terms), terms, event.origin)
    assert event.origin.tx_hash == receipt["transactionHash"].to_0x_hex()


def test_swap_id_binds_chain_contract_and_every_parameter(h: HtlcChain) -> None:
    terms, _ = coin_terms(h)
    contract = h.w3.eth.contract(address=Web3.to_checksum_address(h.htlc), abi=htlc_artifact().abi)
    on_chain = contract.functions.swapId(terms.sender, terms.recipient, terms.token, terms.amount, terms.hashlock,
                                         terms.timelock).call()
    assert bytes(on_chain) == h.id_of(terms)
    lock_id = bytes(contract.functions.lock(terms.recipient, terms.token, terms.amount, terms.hashlock,
                                            terms.timelock).call({"from": Web3.to_checksum_address(terms.sender),
                                                                     "value": Wei(terms.amount)}))
    assert lock_id == h.id_of(terms)
    assert swap_id(h.chain.chain_id + 1, h.htlc, terms) != lock_id
    assert swap_id(h.chain.chain_id, terms.recipient, terms) != lock_id


# --- revert paths ---------------------------------------------------------------------------------


def test_duplicate_lock_reverts(h: HtlcChain) -> None:
    terms, _ = coin_terms(h)
    h.lock(terms)
    h.assert_reverts(terms.sender, encode_lock(terms), HtlcRevert("SwapAlreadyExists", (h.id_of(terms),)),
                     terms.amount)
    assert h.balance(h.htlc) == terms.amount


def test_lock_with_bad_terms_reverts_and_keeps_nothing(h: HtlcChain) -> None:
    terms, _ = coin_terms(h)
    h.assert_reverts(terms.sender, encode_lock(replace(terms, amount=0)), HtlcRevert("ZeroAmount", ()))
    h.assert_reverts(terms.sender, encode_lock(replace(terms, recipient=NATIVE_TOKEN)), HtlcRevert("ZeroRecipient", ()),
                     COIN)
    h.assert_reverts(terms.sender, encode_lock(terms), HtlcRevert("NativeAmountMismatch", (COIN, COIN - 1)),
                     COIN - 1)
    dusd = h.chain.tokens[0].address
    h.assert_reverts(terms.sender, encode_lock(replace(terms, token=dusd, amount=1)),
                     HtlcRevert("NativeValueWithToken", (1,)), 1)
    assert h.balance(h.htlc) == 0


@pytest.mark.parametrize("offset_s", [-HOUR_S, 0])
def test_lock_with_a_timelock_not_in_the_future_reverts(h: HtlcChain, offset_s: int) -> None:
    terms, _ = coin_terms(h)
    block_time = h.now() + 10
    late = replace(terms, timelock=block_time + offset_s)
    h.mine_at(block_time)
    assert h.send(terms.sender, h.htlc, encode_lock(late), COIN)["status"] == 0
    assert h.revert_of(terms.sender, encode_lock(late), COIN) == HtlcRevert(
        "TimelockNotInFuture", (late.timelock, block_time))


def test_claim_with_wrong_preimage_reverts(h: HtlcChain) -> None:
    terms, preimage = coin_terms(h)
    h.lock(terms)
    wrong = bytes([preimage[0] ^ 1]) + preimage[1:]
    h.assert_reverts(third_party(h), encode_claim(h.id_of(terms), wrong),
                     HtlcRevert("WrongPreimage", (h.id_of(terms),)))
    assert read_swap(h.client, h.htlc, h.id_of(terms)).status is SwapStatus.LOCKED


@pytest.mark.parametrize("length", [0, 31, 33, 64])
def test_claim_with_a_preimage_not_32_bytes_reverts(h: HtlcChain, length: int) -> None:
    # The hashlock really is the SHA-256 of this odd-length preimage: only the length check stops it,
    # which a Bitcoin-script leg (OP_SIZE 32 OP_EQUALVERIFY) would refuse.
    preimage = bytes(range(length))
    terms, _ = coin_terms(h, hashlock=hashlib.sha256(preimage).digest())
    h.lock(terms)
    data = keccak256(b"claim(bytes32,bytes)")[:4] + encode(["bytes32", "bytes"], [h.id_of(terms), preimage])
    h.assert_reverts(third_party(h), data, HtlcRevert("PreimageNot32Bytes", (length,)))


def test_claim_from_the_timelock_on_reverts(h: HtlcChain) -> None:
    terms, preimage = coin_terms(h)
    h.lock(terms)
    h.mine_at(terms.timelock)
    receipt = h.send(third_party(h), h.htlc, encode_claim(h.id_of(terms), preimage))
    assert receipt["status"] == 0
    assert h.revert_of(third_party(h), encode_claim(h.id_of(terms), preimage)) == HtlcRevert(
        "ClaimWindowClosed", (h.id_of(terms), terms.timelock, h.now()))


def test_claim_in_the_last_second_before_the_timelock_succeeds(h: HtlcChain) -> None:
    terms, preimage = coin_terms(h)
    h.lock(terms)
    h.mine_at(terms.timelock - 1)
    h.transact(third_party(h), encode_claim(h.id_of(terms), preimage))
    assert read_swap(h.client, h.htlc, h.id_of(terms)).status is SwapStatus.CLAIMED


def test_refund_before_the_timelock_reverts(h: HtlcChain) -> None:
    terms, _ = coin_terms(h)
    h.lock(terms)
    h.mine_at(terms.timelock - 1)
    receipt = h.send(terms.sender, h.htlc, encode_refund(h.id_of(terms)))
    assert receipt["status"] == 0
    h.assert_reverts(terms.sender, encode_refund(h.id_of(terms)),
                     HtlcRevert("RefundTooEarly", (h.id_of(terms), terms.timelock, h.now())))
    assert h.balance(h.htlc) == terms.amount


def test_claim_after_refund_and_double_refund_revert(h: HtlcChain) -> None:
    terms, preimage = coin_terms(h)
    swap = h.id_of(terms)
    h.lock(terms)
    h.advance(HOUR_S)
    h.transact(third_party(h), encode_refund(swap))
    refunded = HtlcRevert("SwapNotLocked", (swap, SwapStatus.REFUNDED))
    h.assert_reverts(third_party(h), encode_refund(swap), refunded)
    h.assert_reverts(third_party(h), encode_claim(swap, preimage), refunded)


def test_double_claim_and_refund_after_claim_revert(h: HtlcChain) -> None:
    terms, preimage = coin_terms(h)
    swap = h.id_of(terms)
    h.lock(terms)
    h.transact(third_party(h), encode_claim(swap, preimage))
    recipient_after = h.balance(terms.recipient)
    claimed = HtlcRevert("SwapNotLocked", (swap, SwapStatus.CLAIMED))
    h.assert_reverts(third_party(h), encode_claim(swap, preimage), claimed)
    h.advance(2 * HOUR_S)
    h.assert_reverts(terms.sender, encode_refund(swap), claimed)
    assert h.balance(terms.recipient) == recipient_after


def test_claim_or_refund_of_an_unknown_id_reverts(h: HtlcChain) -> None:
    unknown = keccak256(b"never locked")
    never = HtlcRevert("SwapNotLocked", (unknown, SwapStatus.NONE))
    h.assert_reverts(third_party(h), encode_claim(unknown, bytes(32)), never)
    h.assert_reverts(third_party(h), encode_refund(unknown), never)


def test_fee_on_transfer_token_is_refused_at_lock(h: HtlcChain) -> None:
    tax = hostile(h, "TaxToken")
    terms, _ = token_terms(h, tax, 10_000)
    h.assert_reverts(terms.sender, encode_lock(terms), HtlcRevert("TokenAmountMismatch", (10_000, 9_900)))
    assert h.token_balance(tax, h.htlc) == 0
    assert h.token_balance(tax, terms.sender) == 10_000


def test_recipient_refusing_coin_makes_the_claim_revert_and_the_sender_refunds(h: HtlcChain) -> None:
    no_receive = hostile(h, "NoReturnToken")  # any contract without receive() or fallback
    terms, preimage = coin_terms(h)
    terms = replace(terms, recipient=no_receive)
    swap = h.id_of(terms)
    h.lock(terms)
    h.assert_reverts(third_party(h), encode_claim(swap, preimage),
                     HtlcRevert("NativeTransferFailed", (no_receive, terms.amount)))
    assert read_swap(h.client, h.htlc, swap).status is SwapStatus.LOCKED
    sender_before = h.balance(terms.sender)
    h.mine_at(terms.timelock)
    h.transact(third_party(h), encode_refund(swap))
    assert h.balance(terms.sender) == sender_before + terms.amount


# --- reentrancy -----------------------------------------------------------------------------------


def test_recipient_contract_reentering_claim_is_refused_and_paid_once(h: HtlcChain) -> None:
    receiver = hostile(h, "ReentrantReceiver")
    terms, preimage = coin_terms(h, amount=2 * COIN)
    terms = replace(terms, recipient=receiver)
    swap = h.id_of(terms)
    h.lock(terms)
    probe = _probe(h, receiver)
    probe.functions.arm(h.htlc, encode_claim(swap, preimage)).transact({"from": h.account(0)})

    h.transact(third_party(h), encode_claim(swap, preimage))

    assert probe.functions.attempted().call() is True
    _assert_refused_by_guard(probe)
    assert h.balance(receiver) == 2 * COIN
    assert h.balance(h.htlc) == 0


def test_token_reentering_claim_during_payout_is_refused_and_pays_once(h: HtlcChain) -> None:
    token = hostile(h, "ReentrantToken")
    terms, preimage = token_terms(h, token, 4_000)
    swap = h.id_of(terms)
    h.lock(terms)
    probe = _probe(h, token)
    probe.functions.arm(h.htlc, encode_claim(swap, preimage)).transact({"from": h.account(0)})

    h.transact(third_party(h), encode_claim(swap, preimage))

    _assert_refused_by_guard(probe)
    assert h.token_balance(token, terms.recipient) == 4_000
    assert h.token_balance(token, h.htlc) == 0


def test_token_reentering_lock_during_its_transfer_is_refused(h: HtlcChain) -> None:
    token = hostile(h, "ReentrantToken")
    terms, _ = token_terms(h, token, 4_000)
    probe = _probe(h, token)
    second = replace(terms, sender=token, token=NATIVE_TOKEN, amount=1)
    probe.functions.arm(h.htlc, encode_lock(second)).transact({"from": h.account(0)})

    h.lock(terms)

    _assert_refused_by_guard(probe)
    assert read_swap(h.client, h.htlc, h.id_of(terms)).status is SwapStatus.LOCKED
    assert h.token_balance(token, h.htlc) == 4_000


def _probe(h: HtlcChain, address: str) -> Contract:
    abi = compile_test_contracts(HOSTILE)["ReentrantReceiver"].abi
    return h.w3.eth.contract(address=Web3.to_checksum_address(address), abi=abi)


def _assert_refused_by_guard(probe: Contract) -> None:
    assert probe.functions.attempted().call() is True
    assert probe.functions.reentrySucceeded().call() is False
    assert decode_htlc_error(bytes(probe.functions.reentryRevertData().call())) == REENTRANT_CALL


# --- helpers --------------------------------------------------------------------------------------


def _gas_paid(receipt: TxReceipt) -> int:
    return int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])


def _json_log(log: LogReceipt) -> dict[str, object]:
    """A web3 receipt log as ``eth_getLogs`` returns it on the wire."""
    return {"address": log["address"], "topics": [t.to_0x_hex() for t in log["topics"]],
            "data": log["data"].to_0x_hex(), "blockNumber": hex(log["blockNumber"]),
            "transactionHash": log["transactionHash"].to_0x_hex()}

