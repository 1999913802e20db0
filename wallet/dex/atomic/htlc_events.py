"""The swap contract's logs, decoded for a watcher: who locked what for whom, and the secret of a claim.

Logs come from nodes, which may lie, so a decoded log is checked against itself: it must come from
the swap contract's address, a ``Locked`` log's id must be the id of its own terms on this chain,
and a ``Claimed`` log's preimage must hash to its hashlock. What passes can be acted on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_abi.abi import decode
from eth_abi.exceptions import DecodingError

from wallet.chains.address import is_hex_address, keccak256, to_checksum_address
from wallet.dex.atomic.htlc_errors import (
    ID_DOES_NOT_MATCH,
    LOG_FROM_ELSEWHERE,
    MALFORMED_LOG,
    SECRET_DOES_NOT_MATCH,
    HtlcDataError,
)
from wallet.dex.atomic.htlc_terms import PREIMAGE_BYTES, HtlcTerms, hashlock_of, swap_id

LOCKED_TOPIC = keccak256(b"Locked(bytes32,bytes32,address,address,address,uint256,uint64)")
CLAIMED_TOPIC = keccak256(b"Claimed(bytes32,bytes32,bytes32)")
REFUNDED_TOPIC = keccak256(b"Refunded(bytes32,bytes32)")


@dataclass(frozen=True)
class LogOrigin:
    """Where a log was found; ``block_number`` is None for a log of a pending block."""

    block_number: int | None
    tx_hash: str | None


@dataclass(frozen=True)
class LockedEvent:
    swap_id: bytes
    terms: HtlcTerms
    origin: LogOrigin


@dataclass(frozen=True)
class ClaimedEvent:
    swap_id: bytes
    hashlock: bytes
    preimage: bytes
    origin: LogOrigin


@dataclass(frozen=True)
class RefundedEvent:
    swap_id: bytes
    hashlock: bytes
    origin: LogOrigin


HtlcEvent = LockedEvent | ClaimedEvent | RefundedEvent


def decode_log(log: dict[str, Any], chain_id: int, contract: str) -> HtlcEvent:
    """One ``eth_getLogs`` entry of the swap contract at ``contract`` on chain ``chain_id``."""
    address = log.get("address")
    if not isinstance(address, str) or not is_hex_address(address) or address.lower() != contract.lower():
        raise HtlcDataError(reason=LOG_FROM_ELSEWHERE)
    topics, data, origin = _topics(log), _hex(log.get("data")), _origin(log)
    if len(topics) == 4 and topics[0] == LOCKED_TOPIC:
        sender, token, amount, timelock = _decode(("address", "address", "uint256", "uint64"), data)
        terms = HtlcTerms(to_checksum_address(sender), _address_topic(topics[3]), to_checksum_address(token),
                          amount, topics[2], timelock)
        if swap_id(chain_id, contract, terms) != topics[1]:
            raise HtlcDataError(reason=ID_DOES_NOT_MATCH)
        return LockedEvent(topics[1], terms, origin)
    if len(topics) == 3 and topics[0] == CLAIMED_TOPIC:
        if len(data) != PREIMAGE_BYTES:
            raise HtlcDataError(reason=MALFORMED_LOG)
        if hashlock_of(data) != topics[2]:
            raise HtlcDataError(reason=SECRET_DOES_NOT_MATCH)
        return ClaimedEvent(topics[1], topics[2], data, origin)
    if len(topics) == 3 and topics[0] == REFUNDED_TOPIC and not data:
        return RefundedEvent(topics[1], topics[2], origin)
    raise HtlcDataError(reason=MALFORMED_LOG)


def _topics(log: dict[str, Any]) -> list[bytes]:
    topics = log.get("topics")
    if not isinstance(topics, list):
        raise HtlcDataError(reason=MALFORMED_LOG)
    decoded = [_hex(t) for t in topics]
    if any(len(t) != 32 for t in decoded):
        raise HtlcDataError(reason=MALFORMED_LOG)
    return decoded


def _address_topic(topic: bytes) -> str:
    if any(topic[:12]):
        raise HtlcDataError(reason=MALFORMED_LOG)
    return to_checksum_address("0x" + topic[12:].hex())


def _origin(log: dict[str, Any]) -> LogOrigin:
    block, tx_hash = log.get("blockNumber"), log.get("transactionHash")
    if block is not None and not (isinstance(block, str) and block.startswith("0x")):
        raise HtlcDataError(reason=MALFORMED_LOG)
    if tx_hash is not None and not (isinstance(tx_hash, str) and len(_hex(tx_hash)) == 32):
        raise HtlcDataError(reason=MALFORMED_LOG)
    return LogOrigin(_hex_int(block) if block is not None else None, tx_hash)


def _hex_int(value: str) -> int:
    try:
        return int(value, 16)
    except ValueError:
        raise HtlcDataError(reason=MALFORMED_LOG) from None


def _hex(value: object) -> bytes:
    if not isinstance(value, str) or not value.startswith("0x"):
        raise HtlcDataError(reason=MALFORMED_LOG)
    try:
        return bytes.fromhex(value[2:])
    except ValueError:
        raise HtlcDataError(reason=MALFORMED_LOG) from None


def _decode(types: tuple[str, ...], data: bytes) -> tuple[Any, ...]:
    try:
        return decode(list(types), data)
    except (DecodingError, ValueError, OverflowError):
        raise HtlcDataError(reason=MALFORMED_LOG) from None
