"""ENS on the devnet's real ENS registry and public resolver; EIP-137 namehash vectors."""

from __future__ import annotations

import dataclasses

import pytest
from web3 import Web3

from wallet.chains.ens import (
    EnsNameError,
    EnsNotFoundError,
    EnsUnsupportedError,
    looks_like_ens_name,
    namehash,
    resolve_ens,
)
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet


def test_eip137_namehash_vectors() -> None:
    assert namehash("eth").hex() == "93cdeb708b7545dc668eb9280176169d1c33cfd8ed6f04690a0bcc88a93fc4ae"
    assert namehash("foo.eth").hex() == "de9b09fd7c5f901e23a3f19fecc54828e9c848539801e86591bd9801b019f84f"
    assert namehash("Foo.ETH") == namehash("foo.eth")  # ENSIP-15 normalisation first


def test_names_resolve_on_the_devnet(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    accounts = Web3(Web3.HTTPProvider(chain.rpc_urls[0])).eth.accounts
    client = ChainClient(chain)
    assert resolve_ens(client, "alice.eth") == accounts[1]
    assert resolve_ens(client, " Bob.ETH ") == accounts[2]
    with pytest.raises(EnsNotFoundError, match=r"carol\.eth has no address"):
        resolve_ens(client, "carol.eth")
    with pytest.raises(EnsNameError, match="not a valid ENS name"):
        resolve_ens(client, "ali\u202ece.eth")  # a right-to-left override hidden in the name
    with pytest.raises(EnsUnsupportedError):
        resolve_ens(ChainClient(dataclasses.replace(chain, ens_registry=None)), "alice.eth")


def test_what_counts_as_a_name() -> None:
    assert looks_like_ens_name("alice.eth") and looks_like_ens_name("vitalik.eth ")
    assert not looks_like_ens_name("0xabc.def") and not looks_like_ens_name("ethereum:0x1.2")
    assert not looks_like_ens_name("alice")
