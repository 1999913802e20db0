"""The UTXO leg of an atomic swap: the HTLC script of decred's ``atomicswap`` tools, paid to as P2WSH.

The contract, byte for byte the script body ``atomicSwapContract`` builds (``cmd/btcatomicswap``)::

    OP_IF
        OP_SIZE 32 OP_EQUALVERIFY OP_SHA256 <secret hash> OP_EQUALVERIFY
        OP_DUP OP_HASH160 <recipient pubkey hash>
    OP_ELSE
        <locktime> OP_CHECKLOCKTIMEVERIFY OP_DROP
        OP_DUP OP_HASH160 <refund pubkey hash>
    OP_ENDIF
    OP_EQUALVERIFY OP_CHECKSIG

``32`` is pushed as one data byte (``01 20``: script numbers above 16 have no opcode of their own),
the locktime as a minimally encoded script number (``OP_1``…``OP_16`` for 1…16, otherwise the
shortest little-endian sign-magnitude bytes, up to 5 since a lock time is a ``uint32``). ``OP_SIZE 32``
makes the secret exactly 32 bytes, as the EVM contract demands, so one secret opens both legs. The
script is paid to as P2WSH (``OP_0 <sha256(script)>``); it is spent by a claim with the witness
``[signature, pubkey, secret, 0x01, script]`` or by a refund with ``[signature, pubkey, <empty>, script]``
(segwit v0's MINIMALIF policy wants exactly ``0x01`` and the empty string as the branch selectors).
``parse_script`` is strict: it rebuilds the script from the fields it read and refuses any script
that is not exactly that rebuild (another opcode, a non-minimal push, a secret size other than 32,
a locktime outside 1…2³²−1).

Locktimes, and the margins the swap needs on the UTXO side (``OP_CHECKLOCKTIMEVERIFY``, BIP-65):

* A locktime below 500,000,000 is a block height, otherwise a Unix time. CLTV compares it with the
  spending transaction's ``nLockTime`` (same kind, ``nLockTime ≥ locktime``) and demands that the
  input's ``nSequence`` is not ``0xffffffff`` (a final input switches ``nLockTime`` off). The refund
  therefore sets ``nLockTime = locktime`` and ``nSequence = 0xfffffffe``.
* A transaction is final — accepted by the mempool and into a block — only when its ``nLockTime`` is
  *strictly below* the next block's height (height locktimes: the tip's height ≥ locktime), or
  strictly below the tip's **median-time-past** (time locktimes: BIP-113 measures time as the median
  of the last 11 block timestamps, not the block's own time or the clock). Before that, nodes refuse
  the refund as ``non-final`` and do not relay it: it must be broadcast again once it is final, not
  treated as failed (``refund_is_final``).
* Median-time-past lags the clock by about six block intervals (the median of 11 blocks is the 6th
  newest: five intervals behind the tip, and the tip is on average one interval old) — about an
  hour on Bitcoin (10 min blocks), 15 minutes on Litecoin (2.5 min): ``median_time_lag_s``. So a
  time locktime T becomes refundable at about T + that lag by the clock (``expected_refund_time``),
  later still when blocks are slow.
* The script has no claim deadline: the recipient can claim after the locktime too, racing the
  refund until one of them is mined. A late claim still reveals the secret. Which one wins: on
  Litecoin the first one a node saw (Litecoin Core replaces nothing); on Bitcoin Core 28 and later
  (full replace-by-fee) a refund paying more can replace a pending claim whose secret it has seen.
  So a claim must be *mined* before the refund becomes final, not merely sent.

What the margins must therefore cover (used by the engine; ``swap_protocol`` holds the EVM rules):

* Our own lock on a UTXO chain (the refund we may need): plan with ``expected_refund_time``, i.e.
  count the lag against us — the refund cannot even be broadcast before it — and keep enough coin
  for its fee, which is estimated when it is sent (fee rates change over a day).
* The counterparty's lock on a UTXO chain (which we will claim): count *no* lag in our favour. The
  time left is measured from the latest block's own timestamp (``audit_funding``), which runs ahead
  of median-time-past, so the lag becomes extra margin we do not rely on (miners can move timestamps
  and with them MTP).
* The initiator's claim of a UTXO lock B: sent with at least ``CLAIM_MARGIN_S`` plus a few block
  intervals left before T_B (by the tip's timestamp), at a fee for the next blocks estimated then.
  The MTP lag comes on top, in the claimer's favour, and is not counted on.
* When the participant's lock B is on a UTXO chain, the initiator may claim B — revealing the secret —
  until the participant's refund of B is mined, which cannot happen before about T_B + lag. T_A must
  therefore lie beyond T_B by the EVM side's safety margin *plus* chain B's MTP lag
  (``participant_margin_s``), so the participant still has its whole window to claim A.

The module is core only (no Qt); transactions and the on-chain audit are in ``utxo_htlc_tx``.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from embit import bech32  # type: ignore[import-untyped, unused-ignore]

from wallet.dex.atomic.swap_errors import LockAuditError, TimelockTooShortError
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.headers import HeaderChain
from wallet.utxo.networks import BITCOIN_MAINNET, BITCOIN_REGTEST, LITECOIN_MAINNET, LITECOIN_REGTEST, UtxoNetwork

# Opcodes (Bitcoin Core's script/script.h).
OP_0, OP_1NEGATE, OP_1, OP_16 = 0x00, 0x4F, 0x51, 0x60
OP_IF, OP_ELSE, OP_ENDIF, OP_DROP, OP_DUP = 0x63, 0x67, 0x68, 0x75, 0x76
OP_EQUALVERIFY, OP_SIZE, OP_SHA256, OP_HASH160, OP_CHECKSIG, OP_CHECKLOCKTIMEVERIFY = 0x88, 0x82, 0xA8, 0xA9, 0xAC, 0xB1

SECRET_SIZE = 32
HASH_SIZE = 32
PUBKEY_HASH_SIZE = 20
LOCKTIME_THRESHOLD = 500_000_000  # below: a block height; at or above: a Unix time (BIP-65, nLockTime)
MAX_LOCKTIME = 0xFFFFFFFF
MTP_BLOCKS = 11  # BIP-113: median of the last 11 block timestamps
MTP_LAG_INTERVALS = 6  # median-time-past trails the clock by about this many block intervals
NON_FINAL_SEQUENCE = 0xFFFFFFFE  # enables nLockTime (CLTV refuses 0xffffffff)

# The claim branch up to the recipient's hash, and the refund branch around the locktime.
_CLAIM_HEAD = bytes([OP_IF, OP_SIZE, 0x01, SECRET_SIZE, OP_EQUALVERIFY, OP_SHA256, HASH_SIZE])
_CLAIM_TAIL = bytes([OP_EQUALVERIFY, OP_DUP, OP_HASH160, PUBKEY_HASH_SIZE])
_REFUND_HEAD = bytes([OP_CHECKLOCKTIMEVERIFY, OP_DROP, OP_DUP, OP_HASH160, PUBKEY_HASH_SIZE])
_END = bytes([OP_ENDIF, OP_EQUALVERIFY, OP_CHECKSIG])

# Native segwit address prefixes (BIP-173) of the networks we know, by genesis block.
_SEGWIT_HRP = {
    BITCOIN_MAINNET.genesis_hash: "bc",
    BITCOIN_REGTEST.genesis_hash: "bcrt",
    LITECOIN_MAINNET.genesis_hash: "ltc",
    LITECOIN_REGTEST.genesis_hash: "rltc",
}


# --- errors -------------------------------------------------------------------------------------------

class HtlcScriptError(WalletError):
    """Bytes that are not the atomic-swap contract (``reason`` is one of the fragments below)."""

    template = QT_TRANSLATE_NOOP("WalletError", "This is not an atomic-swap contract script: {reason}.")


NOT_THE_CONTRACT = QT_TRANSLATE_NOOP("WalletError", "its opcodes are not those of the contract")
LOCKTIME_NOT_MINIMAL = QT_TRANSLATE_NOOP("WalletError", "its lock time is not a minimally encoded number")
LOCKTIME_OUT_OF_RANGE = QT_TRANSLATE_NOOP("WalletError", "its lock time is out of range")


class HtlcWrongScriptError(LockAuditError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The counterparty's contract on {chain} is not the agreed atomic-swap script: {reason}")


class HtlcLocktimeTooShortError(TimelockTooShortError):
    """A time locktime too close (the EVM leg's wording and translation)."""


class HtlcLockBlocksTooFewError(LockAuditError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The counterparty's lock on {chain} can be refunded after block {locktime}, {remaining} blocks "
        "from now; at least {needed} blocks are needed to finish the swap safely.")


class HtlcNotFundedError(LockAuditError):
    template = QT_TRANSLATE_NOOP("WalletError", "Nothing unspent is locked in the swap contract {address} on {chain}.")


class HtlcValueTooLowError(LockAuditError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The counterparty locked {found} on {chain}, less than the {expected} offered (smallest units).")


class HtlcTooFewConfirmationsError(LockAuditError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The counterparty's lock on {chain} has {found} confirmations; {needed} are needed.")


class MedianTimeUnknownError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The median time of block {height} cannot be computed: its earlier headers are not held.")


# --- the script ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class HtlcContract:
    """The four fields of a contract: ``secret_hash`` = SHA-256 of the 32-byte secret; the HASH160s
    of the recipient's (claim) and the refunder's compressed public keys; the locktime."""

    secret_hash: bytes
    recipient_pkh: bytes
    refund_pkh: bytes
    locktime: int

    def __post_init__(self) -> None:
        if len(self.secret_hash) != HASH_SIZE or len(self.recipient_pkh) != PUBKEY_HASH_SIZE \
                or len(self.refund_pkh) != PUBKEY_HASH_SIZE:
            raise ValueError("a hash of the wrong size")
        if isinstance(self.locktime, bool) or not 1 <= self.locktime <= MAX_LOCKTIME:
            raise ValueError("a lock time outside 1…2^32-1")

    @property
    def script(self) -> bytes:
        return build_script(self)

    @property
    def time_based(self) -> bool:
        return self.locktime >= LOCKTIME_THRESHOLD


def script_number(value: int) -> bytes:
    """``value`` as a minimally encoded script number: little-endian magnitude, the sign in the top
    bit of the last byte (an extra byte when the magnitude already uses it); zero is empty."""
    magnitude, out = abs(value), bytearray()
    while magnitude:
        out.append(magnitude & 0xFF)
        magnitude >>= 8
    if out and out[-1] & 0x80:
        out.append(0x80 if value < 0 else 0x00)
    elif out and value < 0:
        out[-1] |= 0x80
    return bytes(out)


def push_number(value: int) -> bytes:
    """The shortest push of ``value``, as ``ScriptBuilder.AddInt64`` (and Core's ``CScript << n``)
    writes it: ``OP_0``, ``OP_1NEGATE``, ``OP_1``…``OP_16``, or a direct push of its script number."""
    if value == 0:
        return bytes([OP_0])
    if value == -1 or 1 <= value <= 16:
        return bytes([OP_1 - 1 + value if value > 0 else OP_1NEGATE])
    encoded = script_number(value)
    return bytes([len(encoded)]) + encoded  # at most 9 bytes: always a direct push


def build_script(contract: HtlcContract) -> bytes:
    return (_CLAIM_HEAD + contract.secret_hash + _CLAIM_TAIL + contract.recipient_pkh + bytes([OP_ELSE])
            + push_number(contract.locktime) + _REFUND_HEAD + contract.refund_pkh + _END)


def parse_script(script: bytes) -> HtlcContract:
    """The fields of a contract script; ``HtlcScriptError`` for any other byte sequence."""
    def refuse(reason: str) -> HtlcScriptError:
        return HtlcScriptError(reason=reason)

    head = len(_CLAIM_HEAD) + HASH_SIZE + len(_CLAIM_TAIL) + PUBKEY_HASH_SIZE + 1
    tail = len(_REFUND_HEAD) + PUBKEY_HASH_SIZE + len(_END)
    if len(script) < head + 1 + tail:
        raise refuse(NOT_THE_CONTRACT)
    secret_hash = script[len(_CLAIM_HEAD):len(_CLAIM_HEAD) + HASH_SIZE]
    recipient = script[head - 1 - PUBKEY_HASH_SIZE:head - 1]
    first = script[head]
    if OP_1 <= first <= OP_16:
        locktime, size = first - OP_1 + 1, 1
    elif 1 <= first <= 5:
        data = script[head + 1:head + 1 + first]
        size = 1 + first
        if len(data) != first:
            raise refuse(NOT_THE_CONTRACT)
        if data[-1] & 0x80:  # the sign bit: a negative number
            raise refuse(LOCKTIME_OUT_OF_RANGE)
        locktime = int.from_bytes(data, "little")
    else:
        raise refuse(NOT_THE_CONTRACT)
    refund_at = head + size + len(_REFUND_HEAD)
    refund = script[refund_at:refund_at + PUBKEY_HASH_SIZE]
    if len(script) != refund_at + PUBKEY_HASH_SIZE + len(_END) or len(refund) != PUBKEY_HASH_SIZE:
        raise refuse(NOT_THE_CONTRACT)
    if not 1 <= locktime <= MAX_LOCKTIME:
        raise refuse(LOCKTIME_OUT_OF_RANGE)
    contract = HtlcContract(secret_hash, recipient, refund, locktime)
    rebuilt = build_script(contract)
    if rebuilt != script:
        # The fields were read at their places: what differs is an opcode, or the number's encoding.
        minimal = script[:head] + push_number(locktime) + script[head + size:]
        raise refuse(LOCKTIME_NOT_MINIMAL if minimal == rebuilt else NOT_THE_CONTRACT)
    return contract


def p2wsh_script_pubkey(script: bytes) -> bytes:
    """``OP_0 <sha256(script)>``: the output script that pays to the contract."""
    return bytes([OP_0, HASH_SIZE]) + hashlib.sha256(script).digest()


def segwit_hrp(network: UtxoNetwork) -> str:
    try:
        return _SEGWIT_HRP[network.genesis_hash]
    except KeyError:
        raise ValueError(f"no segwit address prefix is known for {network.name}") from None


def segwit_address(program: bytes, network: UtxoNetwork) -> str:
    """A version-0 witness program (20 or 32 bytes) as the network's bech32 address."""
    address = bech32.encode(segwit_hrp(network), 0, program)
    if not isinstance(address, str):
        raise ValueError("not a witness program")
    return address


def htlc_address(script: bytes, network: UtxoNetwork) -> str:
    return segwit_address(hashlib.sha256(script).digest(), network)


def secret_hash(secret: bytes) -> bytes:
    if len(secret) != SECRET_SIZE:
        raise ValueError("the secret is not 32 bytes")
    return hashlib.sha256(secret).digest()


# --- locktimes ----------------------------------------------------------------------------------------

def block_interval_s(network: UtxoNetwork) -> int:
    """The network's intended seconds per block (600 on Bitcoin, 150 on Litecoin)."""
    return network.target_timespan_s // network.retarget_interval


def median_time_lag_s(network: UtxoNetwork) -> int:
    """How far median-time-past typically trails the clock: about six block intervals."""
    return MTP_LAG_INTERVALS * block_interval_s(network)


def median_time_past(chain: HeaderChain, height: int) -> int:
    """BIP-113's median-time-past of the block at ``height`` in our verified headers: the median of
    its own and the 10 previous timestamps (fewer near genesis, as Core counts them)."""
    lowest = max(0, height - MTP_BLOCKS + 1)
    times = []
    for h in range(lowest, height + 1):
        header = chain.header(h)
        if header is None:
            raise MedianTimeUnknownError(height=height)
        times.append(header.timestamp)
    times.sort()
    return times[len(times) // 2]


def refund_is_final(locktime: int, tip_height: int, tip_median_time: int) -> bool:
    """Whether a refund with ``nLockTime = locktime`` is final for the next block, so nodes accept it
    now: the next height (tip + 1) or the tip's median-time-past must be strictly above it."""
    if locktime < LOCKTIME_THRESHOLD:
        return locktime < tip_height + 1
    return locktime < tip_median_time


def expected_refund_time(locktime: int, network: UtxoNetwork, tip_height: int, now_s: int) -> int:
    """When (Unix time, by the clock) a refund is expected to become final: for a time locktime,
    once median-time-past has passed it, about ``median_time_lag_s`` after it; for a height, after
    the missing blocks at the network's intended pace (a guess: blocks come irregularly)."""
    if locktime >= LOCKTIME_THRESHOLD:
        return locktime + 1 + median_time_lag_s(network)
    return now_s + max(locktime - tip_height, 0) * block_interval_s(network)


def locktime_for_refund_at(refund_at_s: int, network: UtxoNetwork) -> int:
    """The time locktime whose refund is expected to become final at ``refund_at_s`` by the clock."""
    locktime = refund_at_s - 1 - median_time_lag_s(network)
    if not LOCKTIME_THRESHOLD <= locktime <= MAX_LOCKTIME:
        raise ValueError("not a time lock time")
    return locktime


def participant_margin_s(safety_margin_s: int, chain_b: UtxoNetwork | None) -> int:
    """The least T_A − T_B when the participant's lock B is on ``chain_b`` (None: an EVM chain):
    the initiator may claim B, revealing the secret, until the refund of B can be mined, about
    ``median_time_lag_s`` after T_B; the participant then still needs its whole safety margin."""
    return safety_margin_s + (median_time_lag_s(chain_b) if chain_b is not None else 0)


def blocks_for(seconds: int, network: UtxoNetwork) -> int:
    """Blocks expected in ``seconds`` at the network's intended pace, rounded up."""
    return math.ceil(seconds / block_interval_s(network))
