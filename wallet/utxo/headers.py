"""Block headers of Bitcoin-family chains, checked as an SPV client checks them.

A header is 80 bytes: version, previous block hash, Merkle root, time, ``nBits`` (the compact target)
and nonce, little-endian. ``HeaderChain`` keeps the headers it has verified from the network's
genesis block: each new header must name the previous one's hash, carry a target no easier than the
network's proof-of-work limit and than its difficulty schedule allows, and hash (double SHA-256 for
Bitcoin, scrypt for Litecoin) to at most that target. A branch that replaces headers we hold (a
reorganisation) must carry more work than what it replaces. What a server says about a transaction
is then believed only when its Merkle proof leads to a root in this chain (``wallet.utxo.merkle``).

Difficulty: within a retarget period the bits must not change; at a period boundary the new target
must lie within a factor of 4 of the old one (the consensus clamp) and under the limit. The exact
retarget arithmetic (which needs the period's first header) and testnet's 20-minute minimum-difficulty
rule are not implemented yet; regtest (no retargeting) is checked exactly.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from functools import cached_property

from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.errors import InvalidHeaderError, WeakerBranchError
from wallet.utxo.networks import PowHash, UtxoNetwork

HEADER_SIZE = 80
MAX_RETARGET_FACTOR = 4


def sha256d(data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


def bits_to_target(bits: int) -> int | None:
    """The target ``nBits`` encodes, or None when it is negative, zero or overflows 256 bits (no
    valid block has such bits: Core's ``DeriveTarget`` refuses them)."""
    exponent, mantissa = bits >> 24, bits & 0x007FFFFF
    if bits & 0x00800000 and mantissa:  # the sign bit: a negative target
        return None
    target = mantissa >> 8 * (3 - exponent) if exponent <= 3 else mantissa << 8 * (exponent - 3)
    if target == 0 or target >= 1 << 256:
        return None
    return target


def work(target: int) -> int:
    """The expected number of hashes to meet ``target`` (Core's ``GetBlockProof``)."""
    return (1 << 256) // (target + 1)


@dataclass(frozen=True)
class BlockHeader:
    raw: bytes

    @classmethod
    def parse(cls, raw: bytes, height: int) -> BlockHeader:
        if len(raw) != HEADER_SIZE:
            raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP("WalletError", "it is not 80 bytes"))
        return cls(bytes(raw))

    @property
    def version(self) -> int:
        return int.from_bytes(self.raw[0:4], "little", signed=True)

    @property
    def prev_hash(self) -> bytes:
        """The previous block's hash in internal (little-endian) byte order."""
        return self.raw[4:36]

    @property
    def merkle_root(self) -> bytes:
        """Internal byte order, as the Merkle branch hashes produce it."""
        return self.raw[36:68]

    @property
    def timestamp(self) -> int:
        return int.from_bytes(self.raw[68:72], "little")

    @property
    def bits(self) -> int:
        return int.from_bytes(self.raw[72:76], "little")

    @property
    def nonce(self) -> int:
        return int.from_bytes(self.raw[76:80], "little")

    @cached_property
    def hash(self) -> bytes:
        """The block hash, internal byte order."""
        return sha256d(self.raw)

    @property
    def hash_hex(self) -> str:
        """The block hash as RPCs and explorers show it (byte-reversed)."""
        return self.hash[::-1].hex()

    def pow_value(self, pow_hash: PowHash) -> int:
        """The proof-of-work hash as a number, to compare with the target."""
        if pow_hash is PowHash.SCRYPT:
            digest = hashlib.scrypt(self.raw, salt=self.raw, n=1024, r=1, p=1, dklen=32)
        else:
            digest = self.hash
        return int.from_bytes(digest, "little")


def check_proof_of_work(header: BlockHeader, height: int, network: UtxoNetwork) -> int:
    """The header's target, once its bits are valid, within the network's limit and met by its hash."""
    target = bits_to_target(header.bits)
    if target is None or target > network.pow_limit:
        raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
            "WalletError", "its difficulty is below the network's minimum"))
    if header.pow_value(network.pow_hash) > target:
        raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
            "WalletError", "its proof of work does not meet its target"))
    return target


def check_difficulty_step(previous: BlockHeader, header: BlockHeader, height: int, network: UtxoNetwork) -> None:
    """The bits ``header`` (at ``height``) may carry after ``previous``, as far as one step shows."""
    same = header.bits == previous.bits
    if network.no_retargeting or height % network.retarget_interval:
        if not same:
            raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
                "WalletError", "its difficulty changed outside a retarget"))
        return
    old, new = bits_to_target(previous.bits), bits_to_target(header.bits)
    if old is None or new is None or not old // MAX_RETARGET_FACTOR <= new <= old * MAX_RETARGET_FACTOR:
        raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
            "WalletError", "its difficulty changed more than a retarget allows"))


class HeaderChain:
    """Headers verified from the network's genesis block, or from a trusted checkpoint (a header
    compiled into the app, as Electrum ships them, so that a mainnet wallet need not check millions
    of headers from 2009), by height; kept in memory. Thread-safe."""

    def __init__(self, network: UtxoNetwork, checkpoint: tuple[int, bytes] | None = None) -> None:
        self.network = network
        self._lock = threading.Lock()
        self._base = 0  # the height of _headers[0]
        self._headers: list[BlockHeader] = []
        self._work: list[int] = []  # cumulative work from the base up to and including each header
        self._anchored = checkpoint is not None
        if checkpoint is not None:
            height, raw = checkpoint
            self._base = height
            self._headers.append(BlockHeader.parse(raw, height))
            self._work.append(0)

    @property
    def first_height(self) -> int:
        """The lowest height we hold or will hold: 0, or the checkpoint's."""
        return self._base

    @property
    def anchored(self) -> bool:
        """Whether the chain starts at a checkpoint (which no branch may replace) rather than genesis."""
        return self._anchored

    @property
    def tip_height(self) -> int:
        """-1 before the genesis header is known."""
        with self._lock:
            return self._base + len(self._headers) - 1

    def header(self, height: int) -> BlockHeader | None:
        with self._lock:
            index = height - self._base
            return self._headers[index] if 0 <= index < len(self._headers) else None

    def connect(self, start_height: int, raw_headers: bytes) -> int:
        """Verifies the concatenated 80-byte headers from ``start_height`` on and keeps them; the new
        tip height. ``start_height`` may lie below the tip (a reorganisation, or headers we already
        hold): the branch must link to our header below it and, where it differs from ours, carry
        more work than the headers it replaces (``WeakerBranchError`` otherwise). Nothing is kept
        unless every header verifies."""
        with self._lock:
            return self._connect(start_height, raw_headers)

    def _connect(self, start_height: int, raw_headers: bytes) -> int:
        start = start_height - self._base  # index into _headers
        lowest = 1 if self.anchored else 0
        if len(raw_headers) % HEADER_SIZE or not lowest <= start <= len(self._headers):
            raise InvalidHeaderError(height=start_height, reason=QT_TRANSLATE_NOOP(
                "WalletError", "the headers do not continue the chain we hold"))
        headers = [BlockHeader.parse(raw_headers[i:i + HEADER_SIZE], start_height + i // HEADER_SIZE)
                   for i in range(0, len(raw_headers), HEADER_SIZE)]
        if not headers:
            return self._base + len(self._headers) - 1
        previous = self._headers[start - 1] if start else None
        total = self._work[start - 1] if start else 0
        works: list[int] = []
        for offset, header in enumerate(headers):
            height = start_height + offset
            if previous is None:
                if header.hash_hex != self.network.genesis_hash:
                    raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
                        "WalletError", "it is not this network's genesis block"))
            else:
                if header.prev_hash != previous.hash:
                    raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
                        "WalletError", "it does not link to the previous header"))
                check_difficulty_step(previous, header, height, self.network)
            total += work(check_proof_of_work(header, height, self.network))
            works.append(total)
            previous = header
        end = start + len(headers)
        replaced = [h.raw for h in self._headers[start:end]]
        differs = replaced != [h.raw for h in headers[:len(replaced)]]
        if differs and total <= self._work[-1]:
            raise WeakerBranchError(height=start_height)
        if differs or end > len(self._headers):
            self._headers[start:] = headers
            self._work[start:] = works
        return self._base + len(self._headers) - 1
