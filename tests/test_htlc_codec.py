"""HTLC calldata, logs and records: encoded as the compiled ABI says, and refused when forged or malformed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from eth_abi.abi import encode

from wallet.chains.address import keccak256
from wallet.chains.revert import ERROR_SELECTOR
from wallet.dex.atomic.htlc_artifact import htlc_artifact
from wallet.dex.atomic.htlc_calls import (
    CLAIM_SELECTOR,
    GET_SWAP_SELECTOR,
    LOCK_SELECTOR,
    REFUND_SELECTOR,
    SWAP_RECORD_TYPE,
    ClaimCall,
    HtlcRevert,
    LockCall,
    RefundCall,
    decode_call,
    decode_htlc_error,
    decode_swap_state,
    encode_claim,
    encode_lock,
    encode_refund,
    lock_value,
)
from wallet.dex.atomic.htlc_deployment import HTLC_ADDRESS
from wallet.dex.atomic.htlc_errors import (
    ID_DOES_NOT_MATCH,
    LOG_FROM_ELSEWHERE,
    MALFORMED_CALL,
    MALFORMED_LOG,
    MALFORMED_RECORD,
    NOT_AN_HTLC_CALL,
    SECRET_DOES_NOT_MATCH,
    SECRET_NOT_32_BYTES,
    HtlcDataError,
)
from wallet.dex.atomic.htlc_events import (
    CLAIMED_TOPIC,
    LOCKED_TOPIC,
    REFUNDED_TOPIC,
    ClaimedEvent,
    LockedEvent,
    LogOrigin,
    RefundedEvent,
    decode_log,
)
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, HtlcTerms, SwapState, SwapStatus, hashlock_of, swap_id

CHAIN_ID = 31337
SENDER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
RECIPIENT = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"
TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
PREIMAGE = bytes(range(32))
TERMS = HtlcTerms(SENDER, RECIPIENT, TOKEN, 10**18, hashlock_of(PREIMAGE), 1_900_000_000)
SWAP_ID = swap_id(CHAIN_ID, HTLC_ADDRESS, TERMS)
TX_HASH = "0x" + "ab" * 32


def abi_signature(name: str, kind: str) -> str:
    item = next(i for i in htlc_artifact().abi if i["type"] == kind and i["name"] == name)
    return f"{name}({','.join(_canonical(i) for i in item['inputs'])})"


def _canonical(param: dict[str, object]) -> str:
    if param["type"] == "tuple":
        return "(" + ",".join(_canonical(c) for c in param["components"]) + ")"  # type: ignore[attr-defined]
    return str(param["type"])


def topic(value: bytes | str) -> str:
    raw = value if isinstance(value, bytes) else bytes.fromhex(value[2:]).rjust(32, b"\0")
    return "0x" + raw.hex()


def log(topics: list[bytes | str], data: bytes, address: str = HTLC_ADDRESS) -> dict[str, object]:
    return {"address": address.lower(), "topics": [topic(t) for t in topics], "data": "0x" + data.hex(),
            "blockNumber": "0x10", "transactionHash": TX_HASH}


def locked_log(terms: HtlcTerms = TERMS, swap: bytes = SWAP_ID) -> dict[str, object]:
    return log([LOCKED_TOPIC, swap, terms.hashlock, terms.recipient],
               encode(["address", "address", "uint256", "uint64"],
                      [terms.sender, terms.token, terms.amount, terms.timelock]))


def test_selectors_and_topics_are_the_compiled_abi() -> None:
    assert keccak256(abi_signature("lock", "function").encode())[:4] == LOCK_SELECTOR
    assert keccak256(abi_signature("claim", "function").encode())[:4] == CLAIM_SELECTOR
    assert keccak256(abi_signature("refund", "function").encode())[:4] == REFUND_SELECTOR
    assert keccak256(abi_signature("getSwap", "function").encode())[:4] == GET_SWAP_SELECTOR
    assert keccak256(abi_signature("Locked", "event").encode()) == LOCKED_TOPIC
    assert keccak256(abi_signature("Claimed", "event").encode()) == CLAIMED_TOPIC
    assert keccak256(abi_signature("Refunded", "event").encode()) == REFUNDED_TOPIC
    get_swap = next(i for i in htlc_artifact().abi if i.get("name") == "getSwap")
    assert _canonical(get_swap["outputs"][0]) == SWAP_RECORD_TYPE


def test_calls_round_trip() -> None:
    assert decode_call(encode_lock(TERMS)) == LockCall(RECIPIENT, TOKEN, 10**18, TERMS.hashlock, 1_900_000_000)
    assert decode_call(encode_claim(SWAP_ID, PREIMAGE)) == ClaimCall(SWAP_ID, PREIMAGE)
    assert decode_call(encode_refund(SWAP_ID)) == RefundCall(SWAP_ID)
    assert lock_value(TERMS) == 0
    assert lock_value(replace(TERMS, token=NATIVE_TOKEN)) == 10**18


@pytest.mark.parametrize("length", [31, 33])
def test_a_secret_not_32_bytes_is_neither_encoded_nor_read_from_calldata(length: int) -> None:
    with pytest.raises(HtlcDataError) as raised:
        encode_claim(SWAP_ID, bytes(length))
    assert raised.value.params["reason"] == SECRET_NOT_32_BYTES
    with pytest.raises(HtlcDataError) as raised:
        decode_call(CLAIM_SELECTOR + encode(["bytes32", "bytes"], [SWAP_ID, bytes(length)]))
    assert raised.value.params["reason"] == SECRET_NOT_32_BYTES


@pytest.mark.parametrize(("data", "reason"), [
    (b"", NOT_AN_HTLC_CALL),
    (keccak256(b"transfer(address,uint256)")[:4] + bytes(64), NOT_AN_HTLC_CALL),
    (encode_claim(SWAP_ID, PREIMAGE)[:-1], MALFORMED_CALL),
    (CLAIM_SELECTOR + bytes(31), MALFORMED_CALL),
    (LOCK_SELECTOR + encode(["uint256"] * 5, [2**160, 0, 1, 0, 1]), MALFORMED_CALL),  # not an address
    (REFUND_SELECTOR, MALFORMED_CALL),
])
def test_malformed_calldata_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(HtlcDataError) as raised:
        decode_call(data)
    assert raised.value.params["reason"] == reason


def test_logs_decode_with_every_field() -> None:
    origin = LogOrigin(16, TX_HASH)
    assert decode_log(locked_log(), CHAIN_ID, HTLC_ADDRESS) == LockedEvent(SWAP_ID, TERMS, origin)
    assert decode_log(log([CLAIMED_TOPIC, SWAP_ID, TERMS.hashlock], PREIMAGE), CHAIN_ID, HTLC_ADDRESS) == \
        ClaimedEvent(SWAP_ID, TERMS.hashlock, PREIMAGE, origin)
    assert decode_log(log([REFUNDED_TOPIC, SWAP_ID, TERMS.hashlock], b""), CHAIN_ID, HTLC_ADDRESS) == \
        RefundedEvent(SWAP_ID, TERMS.hashlock, origin)
    pending = locked_log() | {"blockNumber": None, "transactionHash": None}
    assert decode_log(pending, CHAIN_ID, HTLC_ADDRESS).origin == LogOrigin(None, None)


def test_forged_logs_are_refused() -> None:
    def reason(entry: dict[str, object], chain_id: int = CHAIN_ID) -> str:
        with pytest.raises(HtlcDataError) as raised:
            decode_log(entry, chain_id, HTLC_ADDRESS)
        return str(raised.value.params["reason"])

    assert reason(locked_log() | {"address": TOKEN}) == LOG_FROM_ELSEWHERE
    # A node that inflates the amount, or replays another chain's lock, is caught by the id.
    assert reason(locked_log(replace(TERMS, amount=TERMS.amount * 10))) == ID_DOES_NOT_MATCH
    assert reason(locked_log(), chain_id=CHAIN_ID + 1) == ID_DOES_NOT_MATCH
    assert reason(log([CLAIMED_TOPIC, SWAP_ID, TERMS.hashlock], bytes(32))) == SECRET_DOES_NOT_MATCH
    assert reason(log([CLAIMED_TOPIC, SWAP_ID, TERMS.hashlock], PREIMAGE + b"\0")) == MALFORMED_LOG
    assert reason(log([REFUNDED_TOPIC, SWAP_ID, TERMS.hashlock], b"\x01")) == MALFORMED_LOG
    assert reason(log([REFUNDED_TOPIC, SWAP_ID], b"")) == MALFORMED_LOG
    assert reason(log([keccak256(b"Other()"), SWAP_ID, TERMS.hashlock], b"")) == MALFORMED_LOG
    dirty_recipient = "0x01" + "00" * 11 + RECIPIENT[2:]
    dirty = locked_log()
    dirty["topics"] = [*dirty["topics"][:3], dirty_recipient]  # type: ignore[index]
    assert reason(dirty) == MALFORMED_LOG
    assert reason(locked_log() | {"topics": ["0x1234"]}) == MALFORMED_LOG
    assert reason(locked_log() | {"data": "zz"}) == MALFORMED_LOG
    assert reason(locked_log() | {"blockNumber": 16}) == MALFORMED_LOG


def test_swap_records_decode_and_garbage_is_refused() -> None:
    record = (SENDER, TERMS.timelock, SwapStatus.LOCKED, RECIPIENT, TOKEN, TERMS.amount, TERMS.hashlock)
    assert decode_swap_state(encode([SWAP_RECORD_TYPE], [record])) == SwapState(TERMS, SwapStatus.LOCKED)
    empty = (NATIVE_TOKEN, 0, 0, NATIVE_TOKEN, NATIVE_TOKEN, 0, bytes(32))
    assert decode_swap_state(encode([SWAP_RECORD_TYPE], [empty])) == SwapState(None, SwapStatus.NONE)
    for raw in (b"", bytes(31), encode([SWAP_RECORD_TYPE], [(*record[:2], 4, *record[3:])])):
        with pytest.raises(HtlcDataError) as raised:
            decode_swap_state(raw)
        assert raised.value.params["reason"] == MALFORMED_RECORD


def test_revert_data_is_named_when_it_is_the_contracts_own() -> None:
    selector = keccak256(b"SwapNotLocked(bytes32,uint8)")[:4]
    assert decode_htlc_error(selector + encode(["bytes32", "uint8"], [SWAP_ID, 2])) == HtlcRevert(
        "SwapNotLocked", (SWAP_ID, 2))
    assert decode_htlc_error(keccak256(b"ZeroAmount()")[:4]) == HtlcRevert("ZeroAmount", ())
    assert decode_htlc_error(ERROR_SELECTOR + encode(["string"], ["no"])) is None
    assert decode_htlc_error(selector + b"\x01") is None
    assert decode_htlc_error(None) is None
