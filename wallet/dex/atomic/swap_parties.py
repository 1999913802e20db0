"""This wallet's side of offers and acceptances with both kinds of leg, shared by the command line
(``python -m wallet.dex.atomic``) and the app's swap service:

* ``UtxoLegs``: the engine's ``SwapParty.utxo`` provider. One ``UtxoLeg`` per Bitcoin-family chain,
  built on first use from that chain's Electrum servers and the BIP-32 root of the wallet's
  recovery phrase (the first hot HD account's; its BIP-84 account is the one the Bitcoin & Litecoin
  page shows). A verified header chain is kept per chain for the provider's life; the legs, which
  hold the root, are dropped as soon as the wallet is found locked, and rebuilt once it is unlocked.
* ``party_field``: what this wallet names in an offer's or acceptance's address field on a leg (its
  EVM address, or on a UTXO leg the key hash of its swap key).
* ``with_hashlock``: an offer with a UTXO leg is version 2: it carries the secret's hash, the secret
  derived from the maker's signing key and the offer's nonce (``swap_secret``).
* ``payee``: the address a leg pays, as a person compares it (bech32 on a UTXO leg).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from wallet.accounts.model import Account, AccountKind
from wallet.accounts.signer import Signer
from wallet.dex.atomic.htlc_terms import hashlock_of
from wallet.dex.atomic.swap_chains import is_utxo_chain, pkh_address, pkh_field, utxo_chain_by_number
from wallet.dex.atomic.swap_errors import SwapAccountMissingError, UnknownSwapChainError
from wallet.dex.atomic.swap_offer import Offer
from wallet.dex.atomic.swap_secret import offer_secret, sealing_key
from wallet.dex.atomic.swap_watch import ChainHead
from wallet.dex.atomic.utxo_leg import UtxoLeg
from wallet.utxo.electrum_client import CertificatePins, ElectrumClient, ElectrumServer
from wallet.utxo.registry import UtxoChain, UtxoRegistry
from wallet.utxo.verified import VerifiedElectrum


def phrase_account(accounts: Iterable[Account], chain_name: str) -> Account:
    """The account whose recovery phrase gives the wallet's BIP-84 keys on a UTXO leg."""
    account = next((a for a in accounts if a.kind is AccountKind.HOT_HD and a.secret_id is not None), None)
    if account is None:
        raise SwapAccountMissingError(address=chain_name)
    return account


class UtxoLegs:
    """``SwapParty.utxo``: this wallet on the UTXO chains ``usable`` lists, by offer chain number.

    ``servers(chain)`` gives a chain's Electrum servers (asked when its client is built); ``root(chain)``
    the recovery phrase's embit root, raising when the wallet is locked; ``unlocked()`` says whether a
    leg built earlier may still sign. Builds are thread-safe; a chain's ``VerifiedElectrum`` is shared by
    its leg and ``head``, so callers use one chain from one thread at a time."""

    def __init__(self, usable: Callable[[], Sequence[UtxoChain]],
                 servers: Callable[[UtxoChain], Sequence[ElectrumServer]], root: Callable[[UtxoChain], Any],
                 unlocked: Callable[[], bool] = lambda: True,
                 pins: CertificatePins | None = None) -> None:
        self._usable = usable
        self._servers = servers
        self._root = root
        self._unlocked = unlocked
        self._pins = pins
        self._verified: dict[str, tuple[tuple[ElectrumServer, ...], VerifiedElectrum]] = {}
        self._legs: dict[int, UtxoLeg] = {}
        self._lock = threading.Lock()

    def chain(self, chain_number: int) -> UtxoChain:
        chain = utxo_chain_by_number(UtxoRegistry(list(self._usable())), chain_number)
        if chain is None or chain.network is None:
            raise UnknownSwapChainError(chain_id=chain_number)
        return chain

    def known(self, chain_number: int) -> bool:
        return utxo_chain_by_number(UtxoRegistry(list(self._usable())), chain_number) is not None

    def __call__(self, chain_number: int) -> UtxoLeg:
        chain = self.chain(chain_number)
        with self._lock:
            leg = self._legs.get(chain_number)
            verified = self._electrum(chain)  # a new one when the chain's servers changed (Settings)
            if leg is not None and leg.verified is verified and self._unlocked():
                return leg
            if not self._unlocked():
                self._legs.clear()  # built while unlocked: none may sign once the wallet is locked
            leg = self._legs[chain_number] = UtxoLeg(chain, verified, self._root(chain))
            return leg

    def head(self, chain_number: int) -> ChainHead:
        """The chain's verified tip (``UtxoLeg.head``), read without the wallet's keys."""
        chain = self.chain(chain_number)
        with self._lock:
            verified = self._electrum(chain)
        tip = verified.sync_headers()
        header = verified.chain.header(tip)
        assert header is not None  # sync_headers holds the tip it returns
        return ChainHead(tip, header.timestamp)

    def _electrum(self, chain: UtxoChain) -> VerifiedElectrum:
        servers = tuple(self._servers(chain))
        known = self._verified.get(chain.key)
        if known is None or known[0] != servers:  # first use, or the chain's servers changed
            if known is not None:
                known[1].client.close()
            assert chain.network is not None  # ``chain`` checked it
            known = self._verified[chain.key] = (
                servers, VerifiedElectrum(ElectrumClient(chain.network, list(servers), self._pins)))
        return known[1]

    def close(self) -> None:
        with self._lock:
            verified, self._verified, self._legs = list(self._verified.values()), {}, {}
        for _servers, electrum in verified:
            electrum.client.close()


def party_field(chain_number: int, evm_address: str, legs: Callable[[int], UtxoLeg]) -> str:
    """What this wallet puts in an offer's address field for a leg on ``chain_number``."""
    return pkh_field(legs(chain_number).swap_pkh()) if is_utxo_chain(chain_number) else evm_address


def with_hashlock(offer: Offer, signer: Signer, path: str | None) -> Offer:
    """The offer to sign: version 2 (the secret's hash) when a leg is on a UTXO chain. ``signer`` is the
    maker's, for ``offer.signer``: the secret comes back from it and the nonce at the swap."""
    if not (is_utxo_chain(offer.chain_a) or is_utxo_chain(offer.chain_b)):
        return offer
    return replace(offer, hashlock=hashlock_of(offer_secret(sealing_key(signer, path), offer.nonce)))


def payee(chain_number: int, field: str, utxo_chain: Callable[[int], UtxoChain]) -> str:
    """The address an offer's field names on its leg: the P2WPKH address on a UTXO chain."""
    return pkh_address(field, utxo_chain(chain_number)) if is_utxo_chain(chain_number) else field
