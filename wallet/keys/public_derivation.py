"""BIP-32 public child derivation (CKDpub), for listing many addresses below one parent public key.

Written by hand, over coincurve, for the one step that runs once per address: bip-utils wraps every
derived key in several objects (key data, key index, public-key and point wrappers) whose construction
costs several times the elliptic-curve work itself (issue 13: 4–7 × raw coincurve for 1,000 addresses).
Here a child costs one HMAC-SHA512, one scalar multiplication of the generator (the same work as
computing a public key from a private key) and one point addition. bip-utils still derives the
hardened part of a path, once per account; the tests cross-check this module against bip-utils and
eth-account on random keys, paths and indices.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from coincurve import PublicKey

from wallet.chains.address import checksum_encode, keccak256_implementation
from wallet.keys.paths import HARDENED

# The order n of secp256k1's group.
SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


@dataclass(frozen=True)
class PublicNode:
    """The public half of a BIP-32 node: its compressed public key (serP) and chain code."""

    public_key: bytes
    chain_code: bytes

    def __post_init__(self) -> None:
        if len(self.public_key) != 33 or len(self.chain_code) != 32:
            raise ValueError("a BIP-32 public node is a 33-byte compressed key and a 32-byte chain code")


def add_tweak(parent: PublicKey, tweak: bytes) -> PublicKey | None:
    """``parent + parse256(tweak)·G``, or None where BIP-32 calls the child invalid: the tweak is not
    below n, or the sum is the point at infinity.

    Computed as a public key from the tweak plus one point addition (``combine_keys``) rather than
    ``PublicKey.add``: libsecp256k1's tweak-add goes through its general multiplication
    (``secp256k1_ecmult``), about 2.5 × slower than the generator's precomputed tables that
    ``from_secret`` uses.
    """
    value = int.from_bytes(tweak, "big")
    if value >= SECP256K1_ORDER:
        return None
    if value == 0:  # 0·G is the point at infinity, the identity: the sum is the parent (valid in BIP-32)
        return parent
    tweak_point = PublicKey.from_secret(tweak)
    try:
        return PublicKey.combine_keys([tweak_point, parent])
    except ValueError:  # libsecp256k1 refuses a sum at infinity (the tweak was minus the parent's key)
        return None


def eth_child_addresses(node: PublicNode, start: int, count: int) -> list[tuple[int, str]]:
    """(index, EIP-55 address) of the first ``count`` valid children of ``node`` from index ``start``.

    An invalid child (probability about 2⁻¹²⁷) has no key, so it has no address: it is skipped and the
    list goes on at the next index, as BIP-32 prescribes, so an index is always the one that derives
    the address. Raises ValueError when the non-hardened indices run out.
    """
    parent = PublicKey(node.public_key)
    # HMAC-SHA512(key = chain code, data = serP(parent) ‖ ser32(index)): everything but the index is the
    # same for every child, so that state is computed once and copied.
    keyed = hmac.new(node.chain_code, node.public_key, hashlib.sha512)
    keccak256 = keccak256_implementation()
    addresses: list[tuple[int, str]] = []
    index = start
    while len(addresses) < count:
        if not 0 <= index < HARDENED:
            raise ValueError(f"public derivation needs non-hardened indices, not {index}")
        mac = keyed.copy()
        mac.update(index.to_bytes(4, "big"))
        child = add_tweak(parent, mac.digest()[:32])
        if child is not None:
            addresses.append((index, checksum_encode(keccak256(child.format(compressed=False)[1:])[-20:])))
        index += 1
    return addresses
