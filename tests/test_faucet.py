"""The playground faucet: a fresh account gets coin and every test token, read back from the chain."""

from __future__ import annotations

from decimal import Decimal

import pytest
from eth_account import Account
from web3 import Web3

from wallet.chains.registry import TokenInfo
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.services.balances import fetch_balances
from wallet.services.faucet import (
    FAUCET_COIN_UNITS,
    FAUCET_TOKEN_UNITS,
    NotAPlaygroundChainError,
    faucet_amount,
    fund_from_playground,
)
from wallet.services.network import NetworkService
from wallet.settings import Settings


def test_faucet_gives_coin_and_every_test_token(chain_state: Devnet) -> None:
    chain = chain_state.chains[0]
    recipient = Account.create().address
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    erc20 = load_artifact("DevToken").abi

    client = ChainClient(chain)
    prices = fetch_balances(client, chain, [recipient], chain.tokens).usd_prices

    grant = fund_from_playground(client, recipient)

    assert w3.eth.get_balance(recipient) == FAUCET_COIN_UNITS * 10**18 == grant.coin
    granted = {token.address: amount for token, amount in grant.tokens}
    assert set(granted) == {token.address for token in chain.tokens}  # every test token, WETH too
    for token in chain.tokens:
        balance = w3.eth.contract(address=token.address, abi=erc20).functions.balanceOf(recipient).call()
        assert balance == granted[token.address] > 0, token.symbol
        if token.address in prices:  # about $10,000 of each priced token: not millions in DBTC
            worth = Decimal(balance).scaleb(-token.decimals) * prices[token.address]
            assert 9_000 <= worth <= 10_000, (token.symbol, worth)
    other = chain_state.chains[1]  # the other playground chain is untouched
    assert Web3(Web3.HTTPProvider(other.rpc_urls[0])).eth.get_balance(recipient) == 0


def test_faucet_refuses_a_real_network() -> None:
    network = NetworkService(Settings(network="ethereum"))
    ethereum = network.registry.get("ethereum")
    with pytest.raises(NotAPlaygroundChainError):
        fund_from_playground(ChainClient(ethereum), Account.create().address)


def test_faucet_amounts_are_round_and_fall_back_without_a_price() -> None:
    dbtc = TokenInfo("0x" + "11" * 20, "DBTC", "Devnet Bitcoin", 8)
    assert faucet_amount(dbtc, Decimal("59631.04")) == 16_000_000  # 0.16 DBTC ≈ $9,541
    assert faucet_amount(dbtc, Decimal(1)) == 10_000 * 10**8
    assert faucet_amount(dbtc, None) == FAUCET_TOKEN_UNITS * 10**8
