"""Calldata for the swap contract (lock, claim, refund, getSwap), read back strictly, and its revert
reasons by name.

A claim's calldata carries the secret: a watcher can take it from a claim transaction that is still
pending or that reverted, not only from the ``Claimed`` event (``decode_call``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from eth_abi.abi import decode, encode
from eth_abi.exceptions import DecodingError

from wallet.chains.address import keccak256, to_checksum_address
from wallet.chains.multicall import eth_call
from wallet.chains.rpc import ChainClient, RpcProtocolError
from wallet.dex.atomic.htlc_artifact import htlc_artifact
from wallet.dex.atomic.htlc_errors import (
    MALFORMED_CALL,
    MALFORMED_RECORD,
    NOT_AN_HTLC_CALL,
    SECRET_NOT_32_BYTES,
    HtlcDataError,
)
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, PREIMAGE_BYTES, HtlcTerms, SwapState, SwapStatus

LOCK_TYPES = ("address", "address", "uint256", "bytes32", "uint64")
LOCK_SELECTOR = keccak256(b"lock(address,address,uint256,bytes32,uint64)")[:4]
CLAIM_SELECTOR = keccak256(b"claim(bytes32,bytes)")[:4]
REFUND_SELECTOR = keccak256(b"refund(bytes32)")[:4]
GET_SWAP_SELECTOR = keccak256(b"getSwap(bytes32)")[:4]
SWAP_RECORD_TYPE = "(address,uint64,uint8,address,address,uint256,bytes32)"  # the Swap struct, in field order


@dataclass(frozen=True)
class LockCall:
    recipient: str
    token: str
    amount: int
    hashlock: bytes
    timelock: int


@dataclass(frozen=True)
class ClaimCall:
    swap_id: bytes
    preimage: bytes


@dataclass(frozen=True)
class RefundCall:
    swap_id: bytes


HtlcCall = LockCall | ClaimCall | RefundCall


@dataclass(frozen=True)
class HtlcRevert:
    """A custom error of the contract (or of the OpenZeppelin code it uses), with its arguments."""

    name: str
    args: tuple[object, ...]


def encode_lock(terms: HtlcTerms) -> bytes:
    """``lock`` as ``terms.sender`` sends it (the contract takes the sender from the transaction)."""
    return LOCK_SELECTOR + encode(list(LOCK_TYPES),
                                  [terms.recipient, terms.token, terms.amount, terms.hashlock, terms.timelock])


def lock_value(terms: HtlcTerms) -> int:
    """The coin a lock transaction carries: the amount for a coin lock, nothing for a token lock."""
    return terms.amount if terms.token == NATIVE_TOKEN else 0


def encode_claim(swap_id: bytes, preimage: bytes) -> bytes:
    if len(preimage) != PREIMAGE_BYTES:
        raise HtlcDataError(reason=SECRET_NOT_32_BYTES)
    return CLAIM_SELECTOR + encode(["bytes32", "bytes"], [swap_id, preimage])


def encode_refund(swap_id: bytes) -> bytes:
    return REFUND_SELECTOR + encode(["bytes32"], [swap_id])


def encode_get_swap(swap_id: bytes) -> bytes:
    return GET_SWAP_SELECTOR + encode(["bytes32"], [swap_id])


def decode_call(data: bytes) -> HtlcCall:
    """What a transaction to the swap contract asks for. A claim whose preimage is not 32 bytes is
    refused: the contract reverts it, so it cannot reveal a secret."""
    selector, payload = data[:4], data[4:]
    if selector == LOCK_SELECTOR:
        recipient, token, amount, hashlock, timelock = _decode(LOCK_TYPES, payload)
        return LockCall(to_checksum_address(recipient), to_checksum_address(token), amount, hashlock, timelock)
    if selector == CLAIM_SELECTOR:
        swap_id, preimage = _decode(("bytes32", "bytes"), payload)
        if len(preimage) != PREIMAGE_BYTES:
            raise HtlcDataError(reason=SECRET_NOT_32_BYTES)
        return ClaimCall(swap_id, preimage)
    if selector == REFUND_SELECTOR:
        (swap_id,) = _decode(("bytes32",), payload)
        return RefundCall(swap_id)
    raise HtlcDataError(reason=NOT_AN_HTLC_CALL)


def _decode(types: tuple[str, ...], payload: bytes) -> tuple[Any, ...]:
    try:
        return decode(list(types), payload)
    except (DecodingError, ValueError, OverflowError):
        raise HtlcDataError(reason=MALFORMED_CALL) from None


def decode_swap_state(raw: bytes) -> SwapState:
    """``getSwap``'s return data. An id never locked reads as all zeros with ``SwapStatus.NONE``."""
    try:
        ((sender, timelock, status, recipient, token, amount, hashlock),) = decode([SWAP_RECORD_TYPE], raw)
        swap_status = SwapStatus(status)
    except (DecodingError, ValueError, OverflowError):
        raise HtlcDataError(reason=MALFORMED_RECORD) from None
    if swap_status is SwapStatus.NONE:
        return SwapState(None, swap_status)
    return SwapState(HtlcTerms(to_checksum_address(sender), to_checksum_address(recipient),
                               to_checksum_address(token), amount, hashlock, timelock), swap_status)


def read_swap(client: ChainClient, contract: str, swap_id: bytes, block: str = "latest") -> SwapState:
    """A lock's terms and status as the chain has them at ``block``."""
    raw = eth_call(client, contract, encode_get_swap(swap_id), block)
    try:
        return decode_swap_state(raw)
    except HtlcDataError:
        raise RpcProtocolError(endpoint=client.chain.name, reason=MALFORMED_RECORD) from None


def decode_htlc_error(data: bytes | None) -> HtlcRevert | None:
    """The contract's custom error in revert ``data``, or None for anything else (a token's own
    revert, ``Error(string)``, empty data)."""
    if not data or len(data) < 4:
        return None
    entry = _errors_by_selector().get(data[:4])
    if entry is None:
        return None
    name, types = entry
    try:
        values = decode(list(types), data[4:])
    except (DecodingError, ValueError, OverflowError):
        return None
    args = (to_checksum_address(v) if t == "address" else v for t, v in zip(types, values, strict=True))
    return HtlcRevert(name, tuple(args))


@cache
def _errors_by_selector() -> dict[bytes, tuple[str, tuple[str, ...]]]:
    errors = {}
    for item in htlc_artifact().abi:
        if item["type"] == "error":
            types = tuple(str(i["type"]) for i in item["inputs"])
            errors[keccak256(f"{item['name']}({','.join(types)})".encode())[:4]] = (str(item["name"]), types)
    return errors
