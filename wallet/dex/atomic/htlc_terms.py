"""What an HTLC lock is: its terms, its id and its status, as the contract defines them.

The id is computed exactly like ``AtomicSwapHTLC.swapId``: keccak256 of the ABI encoding of the chain
id, the contract's address and every lock parameter, so an id names one lock on one chain only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import IntEnum

from eth_abi.abi import encode

from wallet.chains.address import keccak256

NATIVE_TOKEN = "0x0000000000000000000000000000000000000000"  # noqa: S105 - ``token`` of a lock of the chain's own coin
PREIMAGE_BYTES = 32


class SwapStatus(IntEnum):
    """``AtomicSwapHTLC.Status``, in the contract's order."""

    NONE = 0
    LOCKED = 1
    CLAIMED = 2
    REFUNDED = 3


@dataclass(frozen=True)
class HtlcTerms:
    """One lock's parameters; ``token`` is ``NATIVE_TOKEN`` for the coin, ``timelock`` in unix seconds."""

    sender: str
    recipient: str
    token: str
    amount: int
    hashlock: bytes
    timelock: int


@dataclass(frozen=True)
class SwapState:
    """What ``getSwap`` says of an id: ``terms`` is None for an id that was never locked."""

    terms: HtlcTerms | None
    status: SwapStatus


def hashlock_of(preimage: bytes) -> bytes:
    """SHA-256 of the secret: the same hash locks an EVM leg and a Bitcoin-script leg."""
    return hashlib.sha256(preimage).digest()


def swap_id(chain_id: int, contract: str, terms: HtlcTerms) -> bytes:
    return keccak256(encode(
        ["uint256", "address", "address", "address", "address", "uint256", "bytes32", "uint64"],
        [chain_id, contract, terms.sender, terms.recipient, terms.token, terms.amount, terms.hashlock,
         terms.timelock]))
