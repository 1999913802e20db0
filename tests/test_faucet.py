"""The playground faucet: a fresh account gets coin and every test token, read back from the chain."""

from __future__ import annotations

import pytest
from eth_account import Account
from web3 import Web3

from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.services.faucet import (
    FAUCET_COIN_UNITS,
    FAUCET_TOKEN_UNITS,
    FAUCET_WRAPPED_UNITS,
    NotAPlaygroundChainError,
    fund_from_playground,
)
from wallet.services.network import NetworkService
from wallet.settings import Settings


def test_faucet_gives_coin_and_every_test_token(chain_state: Devnet) -> None:
    chain = chain_state.chains[0]
    recipient = Account.create().address
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    erc20 = load_artifact("DevToken").abi

    grant = fund_from_playground(ChainClient(chain), recipient)

    assert w3.eth.get_balance(recipient) == FAUCET_COIN_UNITS * 10**18 == grant.coin
    symbols = {token.symbol for token, _ in grant.tokens}
    assert {"DUSD", "DDAI", "DBTC", "WETH"} <= symbols
    for token in chain.tokens:
        balance = w3.eth.contract(address=token.address, abi=erc20).functions.balanceOf(recipient).call()
        units = FAUCET_WRAPPED_UNITS if token.address == chain.wrapped_native else FAUCET_TOKEN_UNITS
        assert balance == units * 10**token.decimals, token.symbol
    other = chain_state.chains[1]  # the other playground chain is untouched
    assert Web3(Web3.HTTPProvider(other.rpc_urls[0])).eth.get_balance(recipient) == 0


def test_faucet_refuses_a_real_network() -> None:
    network = NetworkService(Settings(network="ethereum"))
    ethereum = network.registry.get("ethereum")
    with pytest.raises(NotAPlaygroundChainError):
        fund_from_playground(ChainClient(ethereum), Account.create().address)
