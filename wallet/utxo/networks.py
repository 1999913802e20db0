"""Consensus constants of the UTXO networks we speak to, from each coin's ``chainparams.cpp``.

Only what checking headers needs: the genesis block (every header chain must start from it or from a
checkpoint), the proof-of-work function and limit, and the difficulty schedule, with the testnets'
exceptions to it (``allow_min_difficulty_blocks``, ``enforce_bip94``; ``wallet.utxo.headers`` applies
them). Sources: Bitcoin Core ``src/kernel/chainparams.cpp`` (``CMainParams``, ``CTestNet4Params``,
``CRegTestParams``) and Litecoin Core ``src/chainparams.cpp`` (``CMainParams``, ``CTestNetParams``,
``CRegTestParams``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class PowHash(Enum):
    SHA256D = "sha256d"  # Bitcoin
    SCRYPT = "scrypt"  # Litecoin: scrypt(header, salt=header, N=1024, r=1, p=1, 32 bytes)


@dataclass(frozen=True)
class UtxoNetwork:
    name: str
    coin: str  # "BTC", "LTC"
    genesis_hash: str  # display order (as explorers and RPCs show it)
    pow_hash: PowHash
    pow_limit: int  # the easiest target a block may have
    retarget_interval: int  # blocks per difficulty period
    target_timespan_s: int  # intended seconds per period
    no_retargeting: bool = False  # regtest: every block carries its parent's bits
    # Core's fPowAllowMinDifficultyBlocks (the testnets): a block more than two target spacings after
    # its parent may carry the proof-of-work limit's bits.
    allow_min_difficulty_blocks: bool = False
    # Core's enforce_BIP94 (Bitcoin's testnet4): a retarget scales the bits of the period's first
    # block, not of its last (which may be a minimum-difficulty one), and a retarget block may not be
    # dated more than MAX_TIMEWARP seconds before its parent.
    enforce_bip94: bool = False

    @property
    def target_spacing_s(self) -> int:
        """Core's nPowTargetSpacing: the intended seconds between blocks."""
        return self.target_timespan_s // self.retarget_interval


def _limit(prefix_hex: str) -> int:
    """A 256-bit limit written as its leading hex digits, padded with f (as chainparams writes them)."""
    return int(prefix_hex.ljust(64, "f"), 16)


BITCOIN_MAINNET = UtxoNetwork(
    name="Bitcoin", coin="BTC",
    genesis_hash="000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
    pow_hash=PowHash.SHA256D, pow_limit=_limit("00000000"), retarget_interval=2016,
    target_timespan_s=14 * 24 * 3600)
BITCOIN_REGTEST = UtxoNetwork(
    name="Bitcoin regtest", coin="BTC",
    genesis_hash="0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
    pow_hash=PowHash.SHA256D, pow_limit=_limit("7f"), retarget_interval=2016,
    target_timespan_s=14 * 24 * 3600, no_retargeting=True)
# Testnet4 (BIP-94, Bitcoin Core 28+): genesis CreateGenesisBlock("03/May/2024 000000000000000000001ebd58c
# 244970b3aa9d783bb001011fbe8ea8e98e00e", <33 zero bytes> OP_CHECKSIG, 1714777860, 393743547, 0x1d00ffff, 1).
BITCOIN_TESTNET4 = UtxoNetwork(
    name="Bitcoin testnet4", coin="BTC",
    genesis_hash="00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043",
    pow_hash=PowHash.SHA256D, pow_limit=_limit("00000000"), retarget_interval=2016,
    target_timespan_s=14 * 24 * 3600, allow_min_difficulty_blocks=True, enforce_bip94=True)
LITECOIN_MAINNET = UtxoNetwork(
    name="Litecoin", coin="LTC",
    genesis_hash="12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2",
    pow_hash=PowHash.SCRYPT, pow_limit=_limit("00000"), retarget_interval=2016,
    target_timespan_s=int(3.5 * 24 * 3600))
# Litecoin's testnet (CTestNetParams; its chainparams comment calls it v3, Litecoin users call it
# testnet4): genesis CreateGenesisBlock(1486949366, 293345, 0x1e0ffff0, 1), mainnet's coinbase. No BIP-94.
LITECOIN_TESTNET = UtxoNetwork(
    name="Litecoin testnet", coin="LTC",
    genesis_hash="4966625a4b2851d9fdee139e56211a0d88575f59ed816ff5e6a63deb4e3e29a0",
    pow_hash=PowHash.SCRYPT, pow_limit=_limit("00000"), retarget_interval=2016,
    target_timespan_s=int(3.5 * 24 * 3600), allow_min_difficulty_blocks=True)
LITECOIN_REGTEST = UtxoNetwork(
    name="Litecoin regtest", coin="LTC",
    genesis_hash="530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9",
    pow_hash=PowHash.SCRYPT, pow_limit=_limit("7f"), retarget_interval=2016,
    target_timespan_s=int(3.5 * 24 * 3600), no_retargeting=True)
