"""Checks a node's claims about chain state without believing the node: pure functions, no I/O.

A block hash is ``keccak(rlp(header))``; a header carries the ``stateRoot``; an ``eth_getProof``
account proof is the path of Merkle-Patricia trie nodes from that root to ``keccak(address)``.
Re-hashing the header a node sent proves its ``stateRoot`` belongs to that block hash, and
walking the proof (py-trie's ``HexaryTrie.get_from_proof``) proves the account's balance under that
root. So once honest nodes agree on a block hash, a lying node cannot invent a balance.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import rlp
from rlp.exceptions import RLPException
from trie.exceptions import BadTrieProof, InvalidNode, ValidationError
from trie.hexary import HexaryTrie

from wallet.chains.address import keccak256

# The header's fields in their RLP order, as JSON-RPC names them: True for a QUANTITY (an integer),
# False for DATA (bytes). The first fifteen are in every header since Frontier.
_BASE_FIELDS: tuple[tuple[str, bool], ...] = (
    ("parentHash", False), ("sha3Uncles", False), ("miner", False), ("stateRoot", False),
    ("transactionsRoot", False), ("receiptsRoot", False), ("logsBloom", False), ("difficulty", True),
    ("number", True), ("gasLimit", True), ("gasUsed", True), ("timestamp", True), ("extraData", False),
    ("mixHash", False), ("nonce", False),
)
# Each fork appended fields; a header has a prefix of these, in this order (a gap means a forgery).
_FORK_FIELDS: tuple[tuple[str, bool], ...] = (
    ("baseFeePerGas", True),  # London (EIP-1559)
    ("withdrawalsRoot", False),  # Shanghai (EIP-4895)
    ("blobGasUsed", True), ("excessBlobGas", True),  # Cancun (EIP-4844)
    ("parentBeaconBlockRoot", False),  # Cancun (EIP-4788)
    ("requestsHash", False),  # Prague (EIP-7685)
)
# A branch node, the largest kind, is at most 532 bytes (16 child hashes and a value); a path through
# the trie has at most 64 nibbles. Anything bigger is refused before rlp decodes it: rlp recurses into
# nested lists, and with the recursion limit py_ecc sets (100,000, imported with eth_account) a deep
# enough nesting overflows the C stack instead of raising.
MAX_PROOF_NODE_BYTES = 1024
MAX_PROOF_NODES = 80
_QUANTITY_RE = re.compile(r"^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})\Z")
_DATA_RE = re.compile(r"^0x([0-9a-fA-F]{2})*\Z")
# What a hostile proof can make py-trie or rlp raise; any of them means "not proven".
_PROOF_FAILURES = (BadTrieProof, InvalidNode, ValidationError, RLPException, ValueError, TypeError, IndexError,
                   RecursionError)


class InvalidHeaderError(ValueError):
    """The header is malformed or does not hash to the block hash it claims."""


class InvalidProofError(ValueError):
    """The account proof does not lead from the state root to the account."""


@dataclass(frozen=True)
class VerifiedHeader:
    number: int
    block_hash: bytes
    state_root: bytes


def verify_header(header: object, number: int) -> VerifiedHeader:
    """The header of block ``number`` as a node returned it (``eth_getBlockByNumber``), checked to hash
    to its own ``hash``: otherwise a node could pair a true block hash with a false state root."""
    if not isinstance(header, Mapping):
        raise InvalidHeaderError("not a block object")
    fields: list[int | bytes] = [_field(header, name, quantity) for name, quantity in _BASE_FIELDS]
    present = [name in header for name, _ in _FORK_FIELDS]
    count = present.index(False) if False in present else len(present)
    if any(present[count:]):
        raise InvalidHeaderError("fork fields out of order")
    fields += [_field(header, name, quantity) for name, quantity in _FORK_FIELDS[:count]]
    claimed = _header_data(header.get("hash"), "hash")
    if fields[8] != number:
        raise InvalidHeaderError("another block number")
    if keccak256(rlp.encode(fields)) != claimed:
        raise InvalidHeaderError("the header does not hash to the block hash")
    return VerifiedHeader(number, claimed, _header_data(header["stateRoot"], "stateRoot"))


def proven_balance(state_root: bytes, address: str, account_proof: object) -> int:
    """The balance in wei that ``account_proof`` (``eth_getProof``'s ``accountProof``) proves for
    ``address`` under ``state_root``; an account proven absent has 0."""
    if not isinstance(account_proof, Sequence) or isinstance(account_proof, str):
        raise InvalidProofError("the proof is not a list")
    if len(account_proof) > MAX_PROOF_NODES:
        raise InvalidProofError("the proof is longer than any path in the trie")
    encoded = [_hex_bytes(node) for node in account_proof]
    if any(node is None or len(node) > MAX_PROOF_NODE_BYTES for node in encoded):
        raise InvalidProofError("a proof node is not hex data or larger than any trie node")
    try:
        nodes = [rlp.decode(node) for node in encoded]
        leaf = HexaryTrie.get_from_proof(state_root, keccak256(bytes.fromhex(address.removeprefix("0x"))), nodes)
        account = rlp.decode(leaf) if leaf else None  # [nonce, balance, storageRoot, codeHash]
    except _PROOF_FAILURES as error:
        raise InvalidProofError(f"the proof does not verify ({type(error).__name__})") from None
    if account is None:
        return 0
    if not isinstance(account, list) or len(account) != 4 or not isinstance(account[1], bytes) \
            or account[1][:1] == b"\x00":
        raise InvalidProofError("the proven value is not an account")
    return int.from_bytes(account[1], "big")


def _field(header: Mapping[str, object], name: str, quantity: bool) -> int | bytes:
    value = header.get(name)
    if quantity:
        if not isinstance(value, str) or not _QUANTITY_RE.match(value):
            raise InvalidHeaderError(f"{name} is not a hex quantity")
        return int(value, 16)
    return _header_data(value, name)


def _header_data(value: object, name: str) -> bytes:
    data = _hex_bytes(value)
    if data is None:
        raise InvalidHeaderError(f"{name} is not hex data")
    return data


def _hex_bytes(value: object) -> bytes | None:
    return bytes.fromhex(value[2:]) if isinstance(value, str) and _DATA_RE.match(value) else None
