"""Bitcoin testnet4 and Litecoin testnet headers: their real genesis blocks, rebuilt from the fields in
Bitcoin Core's and Litecoin Core's chainparams, and their difficulty rules (Core's pow.cpp
``GetNextWorkRequired``: the minimum-difficulty exception, the walk back to the period's bits, BIP-94's
retarget from the period's first block and its timewarp bound) on header chains mined here.

The mined chains use each testnet's rules (``dataclasses.replace`` of the real constants) with a
proof-of-work limit of 2**255 and 8-block periods, so that Python grinds a header in a few hashes; the
real limits (2**224 and 2**236) would take billions of hashes a header. Every header is really mined
and checked by ``HeaderChain``: nothing here stands in for hashing or for the chain."""

from __future__ import annotations

import dataclasses

import pytest
from embit import bip32  # type: ignore[import-untyped]

from tests.test_utxo_headers import BTC_GENESIS, BTC_GENESIS_COINBASE
from wallet.utxo.account import RECEIVE, account_from_root
from wallet.utxo.errors import InvalidHeaderError
from wallet.utxo.headers import (
    BlockHeader,
    HeaderChain,
    bits_to_target,
    limit_bits,
    sha256d,
    target_to_bits,
)
from wallet.utxo.networks import (
    BITCOIN_MAINNET,
    BITCOIN_TESTNET4,
    LITECOIN_MAINNET,
    LITECOIN_TESTNET,
    UtxoNetwork,
)
from wallet.utxo.registry import load_utxo_registry

COIN = 100_000_000
SATOSHI_KEY = bytes.fromhex(
    "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c"
    "384df7ba0b8d578a4c702b6bf11d5f")
LITECOIN_KEY = bytes.fromhex(
    "040184710fa689ad5023690c80f3a49c8f13f8d45b8c857fbcbc8bc4a8e4d3eb4b10f4d4604fa08dce601aaf0f470216fe1b"
    "51850b4acf21b179c45070ac7b03a9")
BITCOIN_MESSAGE = b"The Times 03/Jan/2009 Chancellor on brink of second bailout for banks"
TESTNET4_MESSAGE = b"03/May/2024 000000000000000000001ebd58c244970b3aa9d783bb001011fbe8ea8e98e00e"
LITECOIN_MESSAGE = "NY Times 05/Oct/2011 Steve Jobs, Apple’s Visionary, Dies at 56".encode()


def push(data: bytes) -> bytes:
    """A script push of ``data`` as CScript << vector writes it (OP_PUSHDATA1 from 76 bytes on)."""
    return bytes([len(data)]) + data if len(data) < 0x4C else b"\x4c" + bytes([len(data)]) + data


def genesis_coinbase(message: bytes, output_script: bytes) -> bytes:
    """chainparams' CreateGenesisBlock coinbase: scriptSig ``486604799 CScriptNum(4) message``, one
    50-coin output, version 1, lock time 0."""
    script_sig = push((486604799).to_bytes(4, "little")) + push(b"\x04") + push(message)
    assert len(script_sig) < 0xFD and len(output_script) < 0xFD  # their lengths fit a one-byte CompactSize
    return (b"\x01\x00\x00\x00" + b"\x01" + bytes(32) + b"\xff" * 4 + bytes([len(script_sig)]) + script_sig +
            b"\xff" * 4 + b"\x01" + (50 * COIN).to_bytes(8, "little") + bytes([len(output_script)]) + output_script +
            bytes(4))


def genesis_header(coinbase: bytes, time: int, nonce: int, bits: int) -> bytes:
    return (b"\x01\x00\x00\x00" + bytes(32) + sha256d(coinbase) + time.to_bytes(4, "little") +
            bits.to_bytes(4, "little") + nonce.to_bytes(4, "little"))


def test_the_genesis_builder_rebuilds_bitcoin_mainnet() -> None:
    coinbase = genesis_coinbase(BITCOIN_MESSAGE, push(SATOSHI_KEY) + b"\xac")
    assert coinbase == BTC_GENESIS_COINBASE
    assert genesis_header(coinbase, 1231006505, 2083236893, 0x1D00FFFF) == BTC_GENESIS


def test_real_bitcoin_testnet4_genesis() -> None:
    # CTestNet4Params: CreateGenesisBlock(testnet4_genesis_msg, <33 zero bytes> OP_CHECKSIG, 1714777860,
    # 393743547, 0x1d00ffff, 1, 50 * COIN); the message is 76 bytes, pushed with OP_PUSHDATA1.
    coinbase = genesis_coinbase(TESTNET4_MESSAGE, push(bytes(33)) + b"\xac")
    assert sha256d(coinbase)[::-1].hex() == "7aa0a7ae1e223414cb807e40cd57e667b718e42aaf9306db9102fe28912b7b4e"
    raw = genesis_header(coinbase, 1714777860, 393743547, 0x1D00FFFF)
    assert BlockHeader(raw).hash_hex == BITCOIN_TESTNET4.genesis_hash
    chain = HeaderChain(BITCOIN_TESTNET4)
    assert chain.connect(0, raw) == 0
    with pytest.raises(InvalidHeaderError, match="genesis"):
        HeaderChain(BITCOIN_MAINNET).connect(0, raw)
    with pytest.raises(InvalidHeaderError, match="genesis"):
        HeaderChain(BITCOIN_TESTNET4).connect(0, BTC_GENESIS)


def test_real_litecoin_testnet_genesis() -> None:
    # Litecoin CTestNetParams: CreateGenesisBlock(1486949366, 293345, 0x1e0ffff0, 1, 50 * COIN), the
    # mainnet coinbase (same Merkle root as mainnet's genesis).
    coinbase = genesis_coinbase(LITECOIN_MESSAGE, push(LITECOIN_KEY) + b"\xac")
    assert sha256d(coinbase)[::-1].hex() == "97ddfbbae6be97fd6cdf3e7ca13232a3afff2353e29badfab7f73011edd4ced9"
    raw = genesis_header(coinbase, 1486949366, 293345, 0x1E0FFFF0)
    header = BlockHeader(raw)
    assert header.hash_hex == LITECOIN_TESTNET.genesis_hash
    target = bits_to_target(header.bits)
    assert target is not None and header.pow_value(LITECOIN_TESTNET.pow_hash) <= target  # scrypt
    assert HeaderChain(LITECOIN_TESTNET).connect(0, raw) == 0
    with pytest.raises(InvalidHeaderError, match="genesis"):
        HeaderChain(LITECOIN_MAINNET).connect(0, raw)


def test_testnet_constants() -> None:
    assert BITCOIN_TESTNET4.target_spacing_s == 600 and LITECOIN_TESTNET.target_spacing_s == 150
    assert BITCOIN_TESTNET4.allow_min_difficulty_blocks and BITCOIN_TESTNET4.enforce_bip94
    assert LITECOIN_TESTNET.allow_min_difficulty_blocks and not LITECOIN_TESTNET.enforce_bip94
    assert not BITCOIN_MAINNET.allow_min_difficulty_blocks and not LITECOIN_MAINNET.enforce_bip94
    # Core's nProofOfWorkLimit: the limit's compact form (Litecoin's differs from its genesis bits).
    assert limit_bits(BITCOIN_TESTNET4) == 0x1D00FFFF and limit_bits(LITECOIN_TESTNET) == 0x1E0FFFFF


@pytest.mark.parametrize("bits", [0x1D00FFFF, 0x1E0FFFF0, 0x1E0FFFFF, 0x207FFFFF, 0x1B0404CB, 0x1705AE3A,
                                  0x03123456, 0x01120000, 0x02008000])
def test_target_to_bits_inverts_bits_to_target(bits: int) -> None:
    target = bits_to_target(bits)
    assert target is not None and target_to_bits(target) == bits


# --- Mined chains under the testnets' rules -------------------------------------------------------------

LIMIT = (1 << 255) - 1
LIMIT_BITS = 0x207FFFFF
HARD = 0x200FFFFF  # a target 8 times below the limit: a "real" difficulty, about 16 hashes a header
INTERVAL = 8
T0 = 1_700_000_000


def mine(previous: BlockHeader | None, time: int, bits: int, network: UtxoNetwork, tag: int = 0) -> BlockHeader:
    """A header on ``previous`` dated ``time`` with ``bits``, its proof of work ground out."""
    target = bits_to_target(bits)
    assert target is not None
    prev_hash = previous.hash if previous is not None else bytes(32)
    for nonce in range(100_000):
        raw = ((0x20000000).to_bytes(4, "little") + prev_hash + sha256d(bytes([tag])) + time.to_bytes(4, "little") +
               bits.to_bytes(4, "little") + nonce.to_bytes(4, "little"))
        if BlockHeader(raw).pow_value(network.pow_hash) <= target:
            return BlockHeader(raw)
    raise AssertionError("no nonce met the target")


class Mined:
    """A genesis block at ``HARD`` and the network (``base``'s rules, easy limit, 8-block periods)
    whose genesis it is; ``extend`` mines on the chain's tip."""

    def __init__(self, base: UtxoNetwork, allow_min_difficulty_blocks: bool = True,
                 enforce_bip94: bool | None = None) -> None:
        easy = dataclasses.replace(base, pow_limit=LIMIT, retarget_interval=INTERVAL,
                                   target_timespan_s=INTERVAL * base.target_spacing_s)
        self.genesis = mine(None, T0, HARD, easy)
        self.network: UtxoNetwork = dataclasses.replace(
            easy, name=f"{base.name} (mined)", genesis_hash=self.genesis.hash_hex,
            allow_min_difficulty_blocks=allow_min_difficulty_blocks,
            enforce_bip94=base.enforce_bip94 if enforce_bip94 is None else enforce_bip94)
        self.spacing = base.target_spacing_s
        self.chain = HeaderChain(self.network)
        self.chain.connect(0, self.genesis.raw)

    @property
    def tip(self) -> BlockHeader:
        header = self.chain.header(self.chain.tip_height)
        assert header is not None
        return header

    def next(self, after_s: int, bits: int, tag: int = 0) -> BlockHeader:
        """A header on the tip, ``after_s`` seconds after it (not connected)."""
        return mine(self.tip, self.tip.timestamp + after_s, bits, self.network, tag)

    def extend(self, after_s: int, bits: int, tag: int = 0) -> BlockHeader:
        header = self.next(after_s, bits, tag)
        self.chain.connect(self.chain.tip_height + 1, header.raw)
        return header

    def refused(self, header: BlockHeader, reason: str) -> None:
        tip = self.chain.tip_height
        with pytest.raises(InvalidHeaderError, match=reason):
            self.chain.connect(tip + 1, header.raw)
        assert self.chain.tip_height == tip


TESTNETS = [pytest.param(BITCOIN_TESTNET4, id="bitcoin-testnet4"),
            pytest.param(LITECOIN_TESTNET, id="litecoin-testnet")]


@pytest.mark.parametrize("base", TESTNETS)
def test_min_difficulty_block_only_more_than_two_spacings_after_its_parent(base: UtxoNetwork) -> None:
    mined = Mined(base)
    assert limit_bits(mined.network) == LIMIT_BITS
    gap = 2 * mined.spacing  # 20 minutes on Bitcoin, 5 on Litecoin
    mined.extend(mined.spacing, HARD)
    # Exactly two spacings is not "more than": the period's bits are required.
    mined.refused(mined.next(gap, LIMIT_BITS), "not its period's")
    # One second more and the block must carry the limit's bits: the period's are refused.
    mined.refused(mined.next(gap + 1, HARD), "does not carry the minimum difficulty")
    mined.extend(gap + 1, LIMIT_BITS)
    mined.extend(gap + 600, LIMIT_BITS)
    # A prompt block after a run of minimum-difficulty blocks: back to the last real bits (the walk).
    mined.refused(mined.next(60, LIMIT_BITS), "not its period's")
    mined.extend(60, HARD)
    mined.refused(mined.next(1, LIMIT_BITS), "not its period's")
    mined.extend(1, HARD)
    assert mined.chain.tip_height == 5


@pytest.mark.parametrize("base", TESTNETS)
def test_the_walk_back_stops_at_the_period_start(base: UtxoNetwork) -> None:
    """Core's walk stops at a period's first block even if its bits are the limit's; without BIP-94 the
    retarget scales the last block's bits, so a period ending in a minimum-difficulty block may retarget
    to the limit (testnet3's "block storm" flaw, which BIP-94 closes)."""
    mined = Mined(base, enforce_bip94=False)
    for _ in range(INTERVAL - 2):
        mined.extend(mined.spacing, HARD)
    mined.extend(2 * mined.spacing + 1, LIMIT_BITS)  # height 7, the period's last block
    mined.extend(mined.spacing, LIMIT_BITS)  # height 8, a retarget within 4x of block 7's bits
    assert mined.chain.tip_height == INTERVAL
    mined.refused(mined.next(1, HARD), "not its period's")
    mined.extend(1, LIMIT_BITS)


def bip94_period_ending_in_min_difficulty(enforce_bip94: bool = True) -> Mined:
    mined = Mined(BITCOIN_TESTNET4, enforce_bip94=enforce_bip94)
    for _ in range(INTERVAL - 2):
        mined.extend(600, HARD)
    mined.extend(1201, LIMIT_BITS)  # height 7: a minimum-difficulty block ends the period
    return mined


def test_bip94_retargets_from_the_periods_first_block() -> None:
    mined = bip94_period_ending_in_min_difficulty()
    # Block 7 carries the limit, but BIP-94 scales block 0's bits: the limit is 8x easier, out of bounds.
    mined.refused(mined.next(600, LIMIT_BITS), "more than a retarget allows")
    too_hard = target_to_bits((bits_to_target(HARD) or 0) // 8)
    mined.refused(mined.next(600, too_hard), "more than a retarget allows")
    four_times_easier = target_to_bits((bits_to_target(HARD) or 0) * 4)
    mined.extend(600, four_times_easier)
    assert mined.chain.tip_height == INTERVAL
    # Without BIP-94 (Litecoin's testnet rule), the same retarget to the limit is within 4x of block 7.
    legacy = bip94_period_ending_in_min_difficulty(enforce_bip94=False)
    legacy.extend(600, LIMIT_BITS)


def test_bip94_timewarp_bound_on_retarget_blocks() -> None:
    mined = bip94_period_ending_in_min_difficulty()
    mined.refused(mined.next(-601, HARD), "BIP-94")
    mined.extend(-600, HARD)  # exactly MAX_TIMEWARP before its parent is allowed
    legacy = bip94_period_ending_in_min_difficulty(enforce_bip94=False)
    legacy.extend(-601, LIMIT_BITS)


def test_a_reorganisation_recomputes_the_period_bits() -> None:
    mined = Mined(BITCOIN_TESTNET4)
    mined.extend(600, HARD)
    replaced = mined.chain.tip_height + 1
    mined.extend(1201, LIMIT_BITS)
    mined.extend(1201, LIMIT_BITS)
    # A heavier branch from height 2 with real-difficulty blocks replaces the two minimum-difficulty ones.
    parent = mined.chain.header(replaced - 1)
    assert parent is not None
    first = mine(parent, parent.timestamp + 600, HARD, mined.network, tag=1)
    second = mine(first, first.timestamp + 600, HARD, mined.network, tag=1)
    assert mined.chain.connect(replaced, first.raw + second.raw) == replaced + 1
    assert mined.chain.header(replaced) == first
    mined.refused(mined.next(60, LIMIT_BITS), "not its period's")
    mined.extend(60, HARD)


def test_a_testnet_checkpoint_must_start_a_period() -> None:
    mined = Mined(BITCOIN_TESTNET4)
    for _ in range(INTERVAL):
        mined.extend(600, HARD)
    checkpoint = mined.chain.header(INTERVAL)
    assert checkpoint is not None
    with pytest.raises(ValueError, match="first block of a difficulty period"):
        HeaderChain(mined.network, checkpoint=(INTERVAL + 1, mined.tip.raw))
    with pytest.raises(ValueError, match="first block of a difficulty period"):
        HeaderChain(BITCOIN_TESTNET4, checkpoint=(2016 * 40 + 5, BTC_GENESIS))
    # From a checkpoint that starts a period, the walk and the BIP-94 retarget have what they need.
    anchored = HeaderChain(mined.network, checkpoint=(INTERVAL, checkpoint.raw))
    headers = [mine(checkpoint, checkpoint.timestamp + 1201, LIMIT_BITS, mined.network, tag=2)]
    for _ in range(INTERVAL - 3):
        headers.append(mine(headers[-1], headers[-1].timestamp + 60, HARD, mined.network, tag=2))
    headers.append(mine(headers[-1], headers[-1].timestamp + 1201, LIMIT_BITS, mined.network, tag=2))
    assert anchored.connect(INTERVAL + 1, b"".join(h.raw for h in headers)) == 2 * INTERVAL - 1
    # The period ends in a minimum-difficulty block; BIP-94 scales the checkpoint's bits instead.
    retarget = mine(headers[-1], headers[-1].timestamp + 600, LIMIT_BITS, mined.network, tag=2)
    with pytest.raises(InvalidHeaderError, match="more than a retarget allows"):
        anchored.connect(2 * INTERVAL, retarget.raw)
    retarget = mine(headers[-1], headers[-1].timestamp + 600, HARD, mined.network, tag=2)
    assert anchored.connect(2 * INTERVAL, retarget.raw) == 2 * INTERVAL
    # Mainnet checkpoints may sit anywhere (no rule looks back past the parent there).
    assert HeaderChain(BITCOIN_MAINNET, checkpoint=(5, BTC_GENESIS)).first_height == 5


def test_mainnet_keeps_its_bits_within_a_period() -> None:
    """Without the testnet exception, a late block at the limit's bits is refused as before."""
    mined = Mined(BITCOIN_TESTNET4, allow_min_difficulty_blocks=False, enforce_bip94=False)
    mined.extend(600, HARD)
    mined.refused(mined.next(7200, LIMIT_BITS), "outside a retarget")


def test_registry_testnets_resolve_to_their_consensus_constants() -> None:
    registry = load_utxo_registry()
    bitcoin, litecoin = registry.get("bitcoin-testnet"), registry.get("litecoin-testnet")
    assert bitcoin.network is BITCOIN_TESTNET4 and litecoin.network is LITECOIN_TESTNET
    assert registry.by_genesis(BITCOIN_TESTNET4.genesis_hash) is bitcoin
    assert registry.by_genesis(LITECOIN_TESTNET.genesis_hash) is litecoin
    root = bip32.HDKey.from_seed(bytes(range(64)))
    for chain in (bitcoin, litecoin):
        params = chain.coin_params()
        assert params is not None and params.network is chain.network
        assert account_from_root(root, params).address(RECEIVE, 0).startswith(chain.bech32_hrp + "1q")
