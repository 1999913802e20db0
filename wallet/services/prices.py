"""Indicative dollar prices from the chain's own Uniswap-V2-style DEX, quoted in its USD stablecoin.

A price is what ``getAmountsOut`` gives for a small amount, directly or through the wrapped native
coin: the spot price after the pool fee, without an outside price feed (nothing leaves the chain the
user already talks to). No pool means no price, and the screen shows none rather than a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from eth_abi.abi import decode
from eth_abi.exceptions import DecodingError

from wallet.chains.multicall import Call, CallResult, eth_call, function_call
from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.rpc import ChainClient, RpcRemoteError

GET_AMOUNTS_OUT = "getAmountsOut(uint256,address[])"
# Quote a thousandth of a unit (and scale up): a whole unit can move a thin pool's price noticeably.
QUOTE_FRACTION = 1000
NATIVE = ""  # the key of the chain's own coin in a price map


def price_calls(chain: Chain, tokens: Sequence[TokenInfo]) -> list[tuple[str, TokenInfo, Call]]:
    """(key, token priced, call) for the native coin and ``tokens``: direct and via the wrapped coin."""
    usd, v2, wrapped = chain.usd_token, chain.uniswap_v2, chain.wrapped_native
    if usd is None or v2 is None:
        return []
    calls = []
    candidates = [(NATIVE, TokenInfo(wrapped, chain.native.symbol, chain.native.name, chain.native.decimals))] \
        if wrapped else []
    candidates += [(t.address, t) for t in tokens if t.address != usd.address]
    for key, token in candidates:
        paths = [[token.address, usd.address]]
        if wrapped and token.address != wrapped:
            paths.append([token.address, wrapped, usd.address])
        for path in paths:
            calls.append((key, token, Call(v2.router, function_call(
                GET_AMOUNTS_OUT, ["uint256", "address[]"], [_quote_amount(token.decimals), path]))))
    return calls


def prices_from_results(chain: Chain, calls: list[tuple[str, TokenInfo, Call]],
                        results: Sequence[CallResult]) -> dict[str, Decimal]:
    """The best (largest) quote per key; the USD token itself is worth one dollar."""
    assert chain.usd_token is not None or not calls
    prices: dict[str, Decimal] = {}
    for (key, token, _), result in zip(calls, results, strict=True):
        if not result.success:
            continue
        try:
            (amounts,) = decode(["uint256[]"], result.data)
        except (DecodingError, ValueError, OverflowError):
            continue
        if amounts and chain.usd_token is not None:
            scale = Decimal(10**token.decimals) / _quote_amount(token.decimals)
            price = Decimal(int(amounts[-1])).scaleb(-chain.usd_token.decimals) * scale
            prices[key] = max(prices.get(key, Decimal(0)), price)
    if chain.usd_token is not None and calls:
        prices[chain.usd_token.address] = Decimal(1)
    return prices


def native_usd_price(client: ChainClient, chain: Chain) -> Decimal | None:
    """The coin's price alone (for a fee shown in dollars): one or two plain eth_calls."""
    calls = [c for c in price_calls(chain, []) if c[0] == NATIVE]
    results = []
    for _, _, call in calls:
        try:
            results.append(CallResult(True, eth_call(client, call.target, call.data)))
        except RpcRemoteError:
            results.append(CallResult(False, b""))
    return prices_from_results(chain, calls, results).get(NATIVE)


def _quote_amount(decimals: int) -> int:
    return int(10**decimals // QUOTE_FRACTION if decimals >= 6 else 10**decimals)
