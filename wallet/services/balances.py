"""Native and token balances of many accounts in as few requests as possible.

With Multicall3: one ``eth_blockNumber`` and one ``eth_call`` per 500 balances, all at that block.
Without it (a custom chain): one request per balance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from eth_abi.abi import encode

from wallet.chains.multicall import GET_ETH_BALANCE_SELECTOR, Call, aggregate3, decode_hex_data, function_call
from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.rpc import ChainClient, RpcRemoteError, parse_quantity
from wallet.services.prices import price_calls, prices_from_results

BALANCE_OF = "balanceOf(address)"
NATIVE = ""  # the token address that stands for the chain's own coin in ``BalanceSheet.failed``


@dataclass(frozen=True)
class BalanceSheet:
    chain_key: str
    block_number: int
    native: dict[str, int]  # owner -> wei
    tokens: dict[tuple[str, str], int]  # (owner, token address) -> raw amount
    # (owner, token address or NATIVE) whose read reverted or came back malformed: unknown, not zero
    failed: set[tuple[str, str]] = field(default_factory=set)
    # USD per whole unit, by token address (NATIVE for the coin), where the chain's DEX knows one
    usd_prices: dict[str, Decimal] = field(default_factory=dict)

    def token_total(self, token: str) -> int:
        return sum(amount for (_, address), amount in self.tokens.items() if address == token)


def fetch_balances(client: ChainClient, chain: Chain, owners: Sequence[str],
                   tokens: Sequence[TokenInfo]) -> BalanceSheet:
    block = client.block_number()
    if chain.multicall3:
        return _with_multicall(client, chain, chain.multicall3, owners, tokens, block)
    return _one_by_one(client, chain, owners, tokens, block)


def _with_multicall(client: ChainClient, chain: Chain, multicall: str, owners: Sequence[str],
                    tokens: Sequence[TokenInfo], block: int) -> BalanceSheet:
    calls = [Call(multicall, GET_ETH_BALANCE_SELECTOR + encode(["address"], [o])) for o in owners]
    pairs = [(owner, token.address) for owner in owners for token in tokens]
    calls += [Call(token, function_call(BALANCE_OF, ["address"], [owner])) for owner, token in pairs]
    pricing = price_calls(chain, tokens)  # riding along in the same aggregate3: no extra round trip
    calls += [call for _, _, call in pricing]
    results = aggregate3(client, multicall, calls, hex(block))
    prices = prices_from_results(chain, pricing, results[len(calls) - len(pricing):])
    native: dict[str, int] = {}
    balances: dict[tuple[str, str], int] = {}
    failed: set[tuple[str, str]] = set()
    for owner, result in zip(owners, results, strict=False):
        wei = _uint(result.data) if result.success else None
        if wei is None:
            failed.add((owner, NATIVE))
        else:
            native[owner] = wei
    for pair, result in zip(pairs, results[len(owners):len(owners) + len(pairs)], strict=True):
        amount = _uint(result.data) if result.success else None
        if amount is None:
            failed.add(pair)
        else:
            balances[pair] = amount
    return BalanceSheet(chain.key, block, native, balances, failed, prices)


def _one_by_one(client: ChainClient, chain: Chain, owners: Sequence[str], tokens: Sequence[TokenInfo],
                block: int) -> BalanceSheet:
    tag = hex(block)
    native = {o: parse_quantity(client.request("eth_getBalance", [o, tag]), "balance", chain.name) for o in owners}
    balances: dict[tuple[str, str], int] = {}
    failed: set[tuple[str, str]] = set()
    for owner in owners:
        for token in tokens:
            pair = (owner, token.address)
            data = "0x" + function_call(BALANCE_OF, ["address"], [owner]).hex()
            try:
                amount = _uint(decode_hex_data(client.request("eth_call", [{"to": token.address, "data": data}, tag]),
                                               chain.name))
            except RpcRemoteError:
                amount = None
            if amount is None:
                failed.add(pair)
            else:
                balances[pair] = amount
    return BalanceSheet(chain.key, block, native, balances, failed)


def _uint(data: bytes) -> int | None:
    """A uint256 return value; anything but exactly 32 bytes is not one (no guessing)."""
    return int.from_bytes(data, "big") if len(data) == 32 else None
