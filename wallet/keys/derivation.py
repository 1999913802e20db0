"""BIP-32 derivation for Ethereum-family (BIP-44) and Bitcoin native SegWit (BIP-84) accounts.

bip-utils does the BIP-32 arithmetic over coincurve, except the last, public step of address
listings, which ``wallet.keys.public_derivation`` does without bip-utils' per-key objects; the paths
themselves are named in ``wallet.keys.paths``.
"""

from __future__ import annotations

import enum
from typing import Any

from bip_utils import Bip32Secp256k1, Bip44Changes, Bip84, Bip84Coins

from wallet.chains.address import eth_address_from_public_key
from wallet.keys.paths import EthPathLayout, validate_path
from wallet.keys.public_derivation import PublicNode, eth_child_addresses

BIP44_ETH_RECEIVING = "m/44'/60'/0'/0"  # the parent of every BIP-44 layout address


class BtcNetwork(enum.Enum):
    MAINNET = Bip84Coins.BITCOIN
    TESTNET = Bip84Coins.BITCOIN_TESTNET
    REGTEST = Bip84Coins.BITCOIN_REGTEST


class HdKeychain:
    """BIP-32 keys of one seed. Holds the master node; derives on demand and caches nothing secret."""

    def __init__(self, seed: bytes) -> None:
        if len(seed) < 16 or len(seed) > 64:
            raise ValueError("a BIP-32 seed is 16 to 64 bytes")
        self._master = Bip32Secp256k1.FromSeed(seed)
        self._seed = seed
        self._bip44_parent: PublicNode | None = None  # public: a key and chain code, no private key

    def private_key(self, path: str) -> bytes:
        return bytes(self._master.DerivePath(validate_path(path)).PrivateKey().Raw().ToBytes())

    def public_key(self, path: str) -> bytes:
        return bytes(self._master.DerivePath(validate_path(path)).PublicKey().RawCompressed().ToBytes())

    def eth_address(self, path: str) -> str:
        return eth_address_from_public_key(self.public_key(path))

    def eth_addresses(self, layout: EthPathLayout, start: int, count: int) -> list[tuple[str, str]]:
        """(path, address) for ``count`` accounts from ``start``.

        For the BIP-44 layout the shared parent ``m/44'/60'/0'/0`` is derived once (by bip-utils) and
        only its public key and chain code are kept; each address is then one public derivation step
        (CKDpub), which touches no private key. BIP-32 leaves out an index whose child key would be
        invalid (probability about 2⁻¹²⁷): the listing goes on at the next index, and each path is
        the one that derives its address.
        """
        if layout is EthPathLayout.BIP44:
            return [(layout.path(index), address)
                    for index, address in eth_child_addresses(self._bip44_receiving(), start, count)]
        return [(layout.path(i), self.eth_address(layout.path(i))) for i in range(start, start + count)]

    def _bip44_receiving(self) -> PublicNode:
        if self._bip44_parent is None:
            node = self._master.DerivePath(BIP44_ETH_RECEIVING)
            self._bip44_parent = PublicNode(bytes(node.PublicKey().RawCompressed().ToBytes()),
                                            bytes(node.ChainCode().ToBytes()))
        return self._bip44_parent

    def extended_public_key(self, path: str) -> str:
        """xpub of the node at ``path`` (give the account level, e.g. ``m/44'/60'/0'``)."""
        return str(self._master.DerivePath(validate_path(path)).PublicKey().ToExtended())

    def bip84_account_public_key(self, network: BtcNetwork, account: int = 0) -> str:
        """zpub (mainnet) or vpub (testnet/regtest) of ``m/84'/coin'/account'``."""
        return str(self._bip84_account(network, account).PublicKey().ToExtended())

    def bip84_address(self, network: BtcNetwork, index: int, account: int = 0, change: bool = False) -> str:
        """Native SegWit (P2WPKH) address ``m/84'/coin'/account'/change/index``: bc1…, tb1… or bcrt1…"""
        chain = Bip44Changes.CHAIN_INT if change else Bip44Changes.CHAIN_EXT
        return str(self._bip84_account(network, account).Change(chain).AddressIndex(index).PublicKey().ToAddress())

    def _bip84_account(self, network: BtcNetwork, account: int) -> Any:  # bip-utils is untyped
        return Bip84.FromSeed(self._seed, network.value).Purpose().Coin().Account(account)
