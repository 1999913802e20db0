"""The playground's faucet: test coin and every test token for one account, so Swap and Atomic swap
can be tried at once.

Only a devnet chain has a faucet. The devnet's first anvil account (the deployer, unlocked by
anvil, so no key is involved here) pays: it sends the coin, mints each ``DevToken`` through its
open ``mint``, and for tokens that cannot be minted (the wrapped coin) wraps its own coin and
transfers it. Each token comes worth about the same in dollars at the devnet DEX's price (a thousand
of every token would be millions in DBTC); a token without a price gets a round number of units.
Blocking: run it in a task.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Any

from eth_abi.abi import encode

from wallet.chains.address import keccak256, parse_address
from wallet.chains.multicall import aggregate3
from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.rpc import ChainClient, RpcRemoteError
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

FAUCET_COIN_UNITS = 10
FAUCET_TOKEN_USD = Decimal(10_000)  # each token's worth, at the devnet DEX's price
FAUCET_TOKEN_UNITS = 1_000  # a token the DEX cannot price
FAUCET_SIGNIFICANT_DIGITS = 2  # 0.16 DBTC rather than 0.167695…
FAUCET_GAS = 200_000  # mint/transfer/deposit of the devnet's contracts use well under this
MINT_SELECTOR = keccak256(b"mint(address,uint256)")[:4]
TRANSFER_SELECTOR = keccak256(b"transfer(address,uint256)")[:4]
DEPOSIT_SELECTOR = keccak256(b"deposit()")[:4]


class NotAPlaygroundChainError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Test coins exist only on the playground's chains, not on {chain}.")


class FaucetUnavailableError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The playground chain {chain} has no funded account to pay from.")


@dataclass(frozen=True)
class FaucetGrant:
    """What one account received: the coin (in wei) and each token (in its smallest unit)."""

    chain_key: str
    recipient: str
    coin: int
    tokens: tuple[tuple[TokenInfo, int], ...]


def faucet_available(chain: Chain | None) -> bool:
    return chain is not None and chain.devnet


def fund_from_playground(client: ChainClient, recipient: str) -> FaucetGrant:
    """Send ``recipient`` test coin and every token of the devnet chain ``client`` talks to."""
    from wallet.services.send import wait_for_receipt

    chain = client.chain
    if not chain.devnet:
        raise NotAPlaygroundChainError(chain=chain.name)
    recipient = parse_address(recipient)
    funder = _funder(client)

    def send(to: str, value: int = 0, data: bytes = b"") -> None:
        tx: dict[str, Any] = {"from": funder, "to": to, "value": hex(value), "gas": hex(FAUCET_GAS)}
        if data:
            tx["data"] = "0x" + data.hex()
        tx_hash = client.request("eth_sendTransaction", [tx])
        wait_for_receipt(client, bytes.fromhex(str(tx_hash)[2:]))

    coin = FAUCET_COIN_UNITS * 10 ** chain.native.decimals
    send(recipient, value=coin)
    prices = _usd_prices(client)
    granted = []
    for token in chain.tokens:
        amount = faucet_amount(token, prices.get(token.address))
        if token.address == chain.wrapped_native:
            send(token.address, value=amount, data=DEPOSIT_SELECTOR)  # the funder wraps its own coin
            send(token.address, data=_call(TRANSFER_SELECTOR, recipient, amount))
        else:
            mint = _call(MINT_SELECTOR, recipient, amount)
            if _succeeds(client, funder, token.address, mint):
                send(token.address, data=mint)
            else:  # no open mint: pay from the funder's own balance (it seeded the pools)
                send(token.address, data=_call(TRANSFER_SELECTOR, recipient, amount))
        granted.append((token, amount))
    return FaucetGrant(chain.key, recipient, coin, tuple(granted))


def faucet_amount(token: TokenInfo, usd_price: Decimal | None) -> int:
    """About ``FAUCET_TOKEN_USD`` worth of ``token`` in its smallest unit, to two significant digits."""
    if not usd_price:
        return int(FAUCET_TOKEN_UNITS * 10**token.decimals)
    units = FAUCET_TOKEN_USD / usd_price
    step = Decimal(1).scaleb(math.floor(units.log10()) + 1 - FAUCET_SIGNIFICANT_DIGITS)
    return max(int((units / step).to_integral_value(ROUND_DOWN) * step * 10**token.decimals), 1)


def _usd_prices(client: ChainClient) -> dict[str, Decimal]:
    """Every token's price at the devnet's own DEX, in one multicall."""
    from wallet.services.prices import price_calls, prices_from_results

    chain = client.chain
    calls = price_calls(chain, chain.tokens)
    if not calls or chain.multicall3 is None:
        return {}
    results = aggregate3(client, chain.multicall3, [call for _, _, call in calls], "latest")
    return prices_from_results(chain, calls, results)


def _funder(client: ChainClient) -> str:
    accounts = client.request("eth_accounts", [])
    if not isinstance(accounts, list) or not accounts or not isinstance(accounts[0], str):
        raise FaucetUnavailableError(chain=client.chain.name)
    return parse_address(accounts[0])


def _call(selector: bytes, recipient: str, amount: int) -> bytes:
    return selector + encode(["address", "uint256"], [recipient, amount])


def _succeeds(client: ChainClient, sender: str, to: str, data: bytes) -> bool:
    try:
        client.request("eth_call", [{"from": sender, "to": to, "data": "0x" + data.hex()}, "latest"])
    except RpcRemoteError:  # reverted
        return False
    return True
