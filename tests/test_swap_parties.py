"""The swap engine's provider of Bitcoin-family legs (``swap_parties.UtxoLegs``): one leg per chain,
rebuilt when the chain's servers change (Settings), dropped when the wallet locks."""

from __future__ import annotations

import secrets

import pytest
from embit import bip32  # type: ignore[import-untyped]

from wallet.accounts.signer import SignerLockedError
from wallet.dex.atomic.swap_chains import utxo_chain_number
from wallet.dex.atomic.swap_parties import UtxoLegs
from wallet.utxo.electrum_client import ElectrumServer
from wallet.utxo.registry import load_utxo_registry

CHAIN = load_utxo_registry().get("litecoin-regtest")


def test_a_leg_follows_its_chains_servers_and_the_wallets_lock() -> None:
    servers = [ElectrumServer("127.0.0.1", 50001, tls=False)]
    root = bip32.HDKey.from_seed(secrets.token_bytes(32))
    unlocked = [True]

    def root_of(_chain: object) -> object:
        if not unlocked[0]:
            raise SignerLockedError()
        return root

    legs = UtxoLegs(lambda: [CHAIN], lambda _chain: servers, root_of, lambda: unlocked[0])
    number = utxo_chain_number(CHAIN)
    first = legs(number)
    assert legs(number) is first  # kept while nothing changes (no connection is made to build it)
    servers[:] = [ElectrumServer("127.0.0.1", 50002, tls=False)]  # the user sets their own server
    second = legs(number)
    assert second is not first and [c.label for c in second.verified.client.connections] == ["127.0.0.1:50002"]
    unlocked[0] = False
    with pytest.raises(SignerLockedError):  # a leg that could sign is not handed out while locked
        legs(number)
    legs.close()
