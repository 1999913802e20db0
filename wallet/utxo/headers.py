"""Block headers of Bitcoin-family chains, checked as an SPV client checks them.

A header is 80 bytes: version, previous block hash, Merkle root, time, ``nBits`` (the compact target)
and nonce, little-endian. ``HeaderChain`` keeps the headers it has verified from the network's
genesis block: each new header must name the previous one's hash, carry a target no easier than the
network's proof-of-work limit and than its difficulty schedule allows, and hash (double SHA-256 for
Bitcoin, scrypt for Litecoin) to at most that target. A branch that replaces headers we hold (a
reorganisation) must carry more work than what it replaces. What a server says about a transaction
is then believed only when its Merkle proof leads to a root in this chain (``wallet.utxo.merkle``).

Difficulty, as Core's ``GetNextWorkRequired`` (Bitcoin ``src/pow.cpp``, Litecoin's is the same but
for the retarget's first-block time) and ``ContextualCheckBlockHeader`` have it (``check_difficulty_step``):

- Within a retarget period the bits must not change; regtest (no retargeting) never changes them.
- On the testnets (``allow_min_difficulty_blocks``) a block dated more than two target spacings after
  its parent (20 minutes on Bitcoin, 5 on Litecoin) must carry the proof-of-work limit's bits, and any
  other block within the period the bits of the last block before it that was not such a
  minimum-difficulty exception (Core walks back from the parent while the bits are the limit's and the
  height is not a period's first). ``HeaderChain`` keeps that walk's answer per header.
- At a period boundary the new target must lie within a factor of 4 (the consensus clamp on the
  timespan) of the reference target, and under the limit. The reference is the previous block's
  bits, or, under BIP-94 (Bitcoin's testnet4), the period's first block's, which is never a
  minimum-difficulty exception; BIP-94 also refuses a retarget block dated more than ``MAX_TIMEWARP``
  seconds before its parent. The exact retarget arithmetic (the period's timespan, which for Litecoin
  runs from the last block of the period before, its ``blockstogoback`` rule) is not checked, on any
  network: the factor-4 bound holds whichever first block the timespan is taken from.

The testnet rules need headers from the start of the current period: a chain that starts at a
checkpoint on a testnet therefore only accepts a checkpoint that is a period's first block (its bits
are then the real ones, where every walk stops and from which BIP-94 retargets), instead of guessing
what lies below it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial

from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.errors import InvalidHeaderError, WeakerBranchError
from wallet.utxo.networks import PowHash, UtxoNetwork

HEADER_SIZE = 80
MAX_RETARGET_FACTOR = 4
MAX_TIMEWARP_S = 600  # BIP-94 (Core's consensus.h MAX_TIMEWARP)


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


def target_to_bits(target: int) -> int:
    """The compact ``nBits`` of a positive target below 2**256 (Core's ``arith_uint256::GetCompact``):
    its three leading bytes and its length, one byte longer when the leading byte would read as a sign."""
    size = (target.bit_length() + 7) // 8
    mantissa = target << 8 * (3 - size) if size <= 3 else target >> 8 * (size - 3)
    if mantissa & 0x00800000:
        mantissa >>= 8
        size += 1
    return size << 24 | mantissa


def limit_bits(network: UtxoNetwork) -> int:
    """The bits a minimum-difficulty block carries (Core's ``nProofOfWorkLimit``, the limit's compact
    form: not always a genesis block's bits, Litecoin's genesis has 0x1e0ffff0, the limit 0x1e0fffff)."""
    return target_to_bits(network.pow_limit)


def period_bits(header: BlockHeader, height: int, before: int | None, network: UtxoNetwork) -> int:
    """Where Core's minimum-difficulty walk-back stops when it starts at ``header``: its own bits when
    it starts a period or is not a minimum-difficulty block, else ``before`` (the same answer for its
    parent; None for the first header we hold: genesis, or a checkpoint, which on a testnet starts a
    period)."""
    if before is None or height % network.retarget_interval == 0 or header.bits != limit_bits(network):
        return header.bits
    return before


def check_difficulty_step(header: BlockHeader, height: int, previous: BlockHeader, previous_period_bits: int,
                          period_first: Callable[[], BlockHeader], network: UtxoNetwork) -> None:
    """Checks the bits ``header`` (at ``height``) carries after ``previous`` against the difficulty
    rules of the module docstring. ``previous_period_bits`` is ``period_bits`` for ``previous``;
    ``period_first`` gives the first header of the period that ends at ``previous`` (asked for only
    at a BIP-94 retarget)."""
    if network.no_retargeting or height % network.retarget_interval:
        if network.no_retargeting or not network.allow_min_difficulty_blocks:
            if header.bits != previous.bits:
                raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "its difficulty changed outside a retarget"))
        elif header.timestamp > previous.timestamp + 2 * network.target_spacing_s:
            if header.bits != limit_bits(network):
                raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "it comes more than two block intervals after its parent but does not "
                    "carry the minimum difficulty"))
        elif header.bits != previous_period_bits:
            raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
                "WalletError", "its difficulty is not its period's (the minimum difficulty is allowed only "
                "more than two block intervals after the parent)"))
        return
    if network.enforce_bip94 and header.timestamp < previous.timestamp - MAX_TIMEWARP_S:
        raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
            "WalletError", "it is dated too long before its parent for a retarget block (BIP-94)"))
    reference = period_first().bits if network.enforce_bip94 else previous.bits
    old, new = bits_to_target(reference), bits_to_target(header.bits)
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
        self._period_bits: list[int] = []  # period_bits of each header
        self._anchored = checkpoint is not None
        if checkpoint is not None:
            height, raw = checkpoint
            if (network.allow_min_difficulty_blocks or network.enforce_bip94) and height % network.retarget_interval:
                # The testnet rules look back to the period's first block, which we would not hold.
                raise ValueError(f"a checkpoint on {network.name} must be the first block of a difficulty "
                                 f"period (a multiple of {network.retarget_interval}), not {height}")
            self._base = height
            header = BlockHeader.parse(raw, height)
            self._headers.append(header)
            self._work.append(0)
            self._period_bits.append(period_bits(header, height, None, network))

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
        previous_period_bits = self._period_bits[start - 1] if start else None
        total = self._work[start - 1] if start else 0
        works: list[int] = []
        periods: list[int] = []

        def held(height: int) -> BlockHeader:
            """A header below the one being checked: ours below the branch, or the branch's own."""
            index = height - self._base
            return self._headers[index] if index < start else headers[index - start]

        for offset, header in enumerate(headers):
            height = start_height + offset
            if previous is None or previous_period_bits is None:
                if header.hash_hex != self.network.genesis_hash:
                    raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
                        "WalletError", "it is not this network's genesis block"))
            else:
                if header.prev_hash != previous.hash:
                    raise InvalidHeaderError(height=height, reason=QT_TRANSLATE_NOOP(
                        "WalletError", "it does not link to the previous header"))
                check_difficulty_step(header, height, previous, previous_period_bits,
                                      partial(held, height - self.network.retarget_interval), self.network)
            total += work(check_proof_of_work(header, height, self.network))
            works.append(total)
            previous_period_bits = period_bits(header, height, previous_period_bits, self.network)
            periods.append(previous_period_bits)
            previous = header
        end = start + len(headers)
        replaced = [h.raw for h in self._headers[start:end]]
        differs = replaced != [h.raw for h in headers[:len(replaced)]]
        if differs and total <= self._work[-1]:
            raise WeakerBranchError(height=start_height)
        if differs or end > len(self._headers):
            self._headers[start:] = headers
            self._work[start:] = works
            self._period_bits[start:] = periods
        return self._base + len(self._headers) - 1
