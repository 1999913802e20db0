"""Checks that a transaction is in a block: an Electrum ``blockchain.transaction.get_merkle`` proof
(the sibling hashes from the transaction up to the root, and its position in the block) must hash to
the Merkle root of a header we verified.

Bitcoin's Merkle tree cannot tell a 64-byte transaction from an inner node (two 32-byte hashes), so
a proof could present an inner node as a transaction. The caller therefore proves only a transaction
whose raw bytes it holds and has hashed to the id (``wallet.utxo.transactions``), and such a
transaction of exactly 64 bytes (without witness) is refused there.
"""

from __future__ import annotations

import re

from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.errors import InvalidProofError
from wallet.utxo.headers import sha256d

# A block of 4 MWU holds fewer than 2^16 transactions; 32 levels is far beyond any real tree.
MAX_BRANCH_LENGTH = 32
_HASH_HEX = re.compile(r"^[0-9a-f]{64}\Z")


def is_hash_hex(value: object) -> bool:
    """A 32-byte hash in lowercase hex, as Electrum servers write them."""
    return isinstance(value, str) and bool(_HASH_HEX.match(value))


def merkle_root_from_branch(txid: str, branch: list[str], position: int) -> bytes:
    """The root (internal byte order) that ``branch`` leads to from ``txid`` (display order) at
    ``position``. Raises ``InvalidProofError`` when the proof's shape is impossible."""
    if not is_hash_hex(txid):
        raise InvalidProofError(txid=str(txid)[:64], reason=QT_TRANSLATE_NOOP("WalletError", "not a transaction id"))
    if len(branch) > MAX_BRANCH_LENGTH or not all(is_hash_hex(item) for item in branch):
        raise InvalidProofError(txid=txid, reason=QT_TRANSLATE_NOOP("WalletError", "the Merkle branch is malformed"))
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position < 1 << len(branch):
        raise InvalidProofError(txid=txid, reason=QT_TRANSLATE_NOOP(
            "WalletError", "the position does not fit the Merkle branch"))
    node = bytes.fromhex(txid)[::-1]
    for level, item in enumerate(branch):
        sibling = bytes.fromhex(item)[::-1]
        node = sha256d(sibling + node) if position >> level & 1 else sha256d(node + sibling)
    return node


def verify_merkle_proof(txid: str, branch: list[str], position: int, merkle_root: bytes) -> None:
    """Raises ``InvalidProofError`` unless the proof leads from ``txid`` to ``merkle_root``."""
    if merkle_root_from_branch(txid, branch, position) != merkle_root:
        raise InvalidProofError(txid=txid, reason=QT_TRANSLATE_NOOP(
            "WalletError", "the Merkle proof does not lead to the block's Merkle root"))
