"""The one batch a quote needs, and what its answers mean.

For every V2 pair on a route: ``getReserves`` (outputs are then computed locally, exactly). For every
V3 route: a ``QuoterV2`` quote at every split amount. For every V3 pool: ``slot0`` (the mid price
that price impact is measured against). For the pools that price gas: their reserves or ``slot0``
and ``liquidity``. And the block's base fee. All of it goes into one ``aggregate3``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import isqrt

from eth_abi.abi import decode
from eth_abi.exceptions import DecodingError

from wallet.chains.multicall import Call, CallResult, function_call
from wallet.dex.amm import v2_math
from wallet.dex.amm.batch import BatchResult
from wallet.dex.amm.routes import Pool, Protocol, Route
from wallet.dex.amm.routing import RoutePoint, RouteTable
from wallet.translatable import QT_TRANSLATE_NOOP

# Uniswap's smart-order-router V2 heuristic: a swap costs 135,000 gas, each further hop 50,000.
V2_SWAP_GAS = 135_000
V2_EXTRA_HOP_GAS = 50_000
# V3: the smart-order-router's heuristic shape (a cost per hop, 31,000 per initialized tick crossed,
# which QuoterV2 reports) rather than QuoterV2's gasEstimate, which inside one multicall depends on
# which pool slots earlier calls already warmed (EIP-2929), so the same route would cost differently
# in another batch. The base is calibrated on the devnet: SwapRouter.exactInput through one pool
# uses 124,000 gas when the recipient already holds the token, 20,000 more when it does not.
V3_SWAP_GAS = 130_000
V3_EXTRA_HOP_GAS = 80_000
V3_TICK_CROSSED_GAS = 31_000
ERROR_STRING_SELECTOR = bytes.fromhex("08c379a0")
# QuoterV2 reverts with this when the pool cannot deliver (exact output beyond its liquidity, or a
# swap entirely in a range without liquidity).
QUOTER_NO_LIQUIDITY = "Unexpected error"

MALFORMED_QUOTER_ANSWER = QT_TRANSLATE_NOOP("WalletError", "the quoter's answer is malformed")

GET_RESERVES = function_call("getReserves()")
SLOT0 = function_call("slot0()")
LIQUIDITY = function_call("liquidity()")
GET_BASEFEE = function_call("getBasefee()")


def v2_route_gas(route: Route) -> int:
    return V2_SWAP_GAS + V2_EXTRA_HOP_GAS * (len(route.pools) - 1)


def v3_route_gas(route: Route, ticks_crossed: int) -> int:
    return V3_SWAP_GAS + V3_EXTRA_HOP_GAS * (len(route.pools) - 1) + V3_TICK_CROSSED_GAS * ticks_crossed


@dataclass(frozen=True)
class QuoteFailure:
    route: Route
    amount: int
    reason: str  # the quoter's revert text, or "" for out of gas


class QuoteBatch:
    """Builds the calls for quoting ``routes`` at ``amounts`` and turns the answers into ``RouteTable``s."""

    def __init__(self, multicall: str, quoter: str | None, routes: Sequence[Route], amounts: Sequence[int],
                 exact_output: bool, gas_pools: Sequence[Pool]) -> None:
        self.routes = list(routes)
        self.amounts = list(amounts)
        self.exact_output = exact_output
        self.gas_pools = list(gas_pools)
        self.calls: list[Call] = [Call(multicall, GET_BASEFEE)]
        self._pool_reads: dict[tuple[str, bytes], int] = {}
        self._quotes: dict[tuple[Route, int], int] = {}
        self._templates: dict[Route, bytes] = {}
        for route in self.routes:
            for pool in route.pools:
                self._read(pool.address, GET_RESERVES if pool.protocol is Protocol.V2 else SLOT0)
            if route.protocol is Protocol.V3:
                assert quoter is not None
                for amount in self.amounts:
                    self._quotes[(route, amount)] = len(self.calls)
                    self.calls.append(Call(quoter, self._quote_call(route, amount)))
        for pool in self.gas_pools:
            if pool.protocol is Protocol.V2:
                self._read(pool.address, GET_RESERVES)
            else:
                self._read(pool.address, SLOT0)
                self._read(pool.address, LIQUIDITY)

    def _read(self, target: str, data: bytes) -> None:
        if (target, data) not in self._pool_reads:
            self._pool_reads[(target, data)] = len(self.calls)
            self.calls.append(Call(target, data))

    def _quote_call(self, route: Route, amount: int) -> bytes:
        """``quoteExactInput(path, amount)`` or ``quoteExactOutput(path, amount)`` calldata: encoded
        once per route, then only the amount word (bytes 36-68, after the path's offset) changes."""
        template = self._templates.get(route)
        if template is None:
            signature = "quoteExactOutput(bytes,uint256)" if self.exact_output else "quoteExactInput(bytes,uint256)"
            template = function_call(signature, ["bytes", "uint256"], [route.v3_path(self.exact_output), 0])
            self._templates[route] = template
        return template[:36] + amount.to_bytes(32, "big") + template[68:]

    def decode(self, batch: BatchResult) -> tuple[list[RouteTable], list[QuoteFailure], int]:
        """(a table per route that has a price, the quotes that failed, the base fee in wei)."""
        results = batch.results
        base_fee = _uint(results[0]) or 0
        tables, failures = [], []
        for route in self.routes:
            mid = self._route_mid_price(route, results)
            if mid is None:
                continue
            table = RouteTable(route, mid)
            for amount in self.amounts:
                if route.protocol is Protocol.V2:
                    point = self._v2_point(route, amount, results)
                else:
                    point, failure = self._v3_point(route, amount, results[self._quotes[(route, amount)]])
                    if failure is not None:
                        failures.append(failure)
                if point is not None:
                    table.points[amount] = point
            tables.append(table)
        return tables, failures, base_fee

    def gas_price_in(self, token: str, wrapped: str, results: Sequence[CallResult]) -> Fraction | None:
        """Raw units of ``token`` per wei, at the mid price of the deepest gas-pricing path: a pool
        between the wrapped coin and ``token``, or two through a base (a path is as deep as its
        shallower pool). None when no pool connects them."""
        if token == wrapped:
            return Fraction(1)
        quotes: dict[str, list[tuple[int, Fraction]]] = {}  # other token -> (depth, its units per wei)
        into_token: dict[str, list[tuple[int, Fraction]]] = {}  # other token -> (depth, token per its unit)
        for pool in self.gas_pools:
            depth = self._depth(pool, results)
            tokens = {pool.key.token0, pool.key.token1}
            if depth is None:
                continue
            if wrapped in tokens:
                other = (tokens - {wrapped}).pop()
                price = self._pool_mid_price(pool, wrapped, results)
                if price is not None:
                    quotes.setdefault(other, []).append((depth, price))
            elif token in tokens:
                other = (tokens - {token}).pop()
                price = self._pool_mid_price(pool, other, results)
                if price is not None:
                    into_token.setdefault(other, []).append((depth, price))
        paths = list(quotes.get(token, []))
        for base, first_hops in quotes.items():
            paths += [(min(d1, d2), p1 * p2) for d1, p1 in first_hops for d2, p2 in into_token.get(base, [])]
        return max(paths, key=lambda path: path[0])[1] if paths else None

    def _v2_point(self, route: Route, amount: int, results: Sequence[CallResult]) -> RoutePoint | None:
        reserves = [self._reserves_in_out(pool, token_in, results)
                    for pool, token_in in zip(route.pools, route.path, strict=False)]
        if any(r is None for r in reserves):
            return None
        hops = [r for r in reserves if r is not None]
        gas = v2_route_gas(route)
        if self.exact_output:
            needed = v2_math.amounts_in(amount, hops)
            return RoutePoint(needed, amount, gas) if needed is not None else None
        out = v2_math.amounts_out(amount, hops)
        return RoutePoint(amount, out, gas) if out > 0 else None

    def _v3_point(self, route: Route, amount: int,
                  result: CallResult) -> tuple[RoutePoint | None, QuoteFailure | None]:
        if not result.success:
            reason = _revert_reason(result.data)
            if reason == QUOTER_NO_LIQUIDITY:
                return None, None
            return None, QuoteFailure(route, amount, reason or "")
        answer = _quoter_answer(result.data)
        if answer is None:
            return None, QuoteFailure(route, amount, MALFORMED_QUOTER_ANSWER)
        quoted, ticks_crossed = answer
        gas = v3_route_gas(route, ticks_crossed)
        if self.exact_output:
            return RoutePoint(int(quoted), amount, gas), None
        return (RoutePoint(amount, int(quoted), gas) if quoted > 0 else None), None

    def _route_mid_price(self, route: Route, results: Sequence[CallResult]) -> Fraction | None:
        price = Fraction(1)
        for pool, token_in in zip(route.pools, route.path, strict=False):
            hop = self._pool_mid_price(pool, token_in, results)
            if hop is None:
                return None
            price *= hop
        return price

    def _pool_mid_price(self, pool: Pool, token_in: str, results: Sequence[CallResult]) -> Fraction | None:
        """Output per input (raw units) at the pool's current price, before its fee."""
        if pool.protocol is Protocol.V2:
            reserves = self._reserves_in_out(pool, token_in, results)
            return Fraction(reserves[1], reserves[0]) if reserves else None
        sqrt_price = self._slot0_sqrt_price(pool, results)
        if not sqrt_price:
            return None
        price1_per_0 = Fraction(sqrt_price * sqrt_price, 1 << 192)
        return price1_per_0 if token_in.lower() == pool.key.token0 else 1 / price1_per_0

    def _depth(self, pool: Pool, results: Sequence[CallResult]) -> int | None:
        """Liquidity in the same unit for both kinds: sqrt(x*y) for a V2 pair is a full-range V3 L."""
        if pool.protocol is Protocol.V2:
            reserves = self._reserves_in_out(pool, pool.key.token0, results)
            return isqrt(reserves[0] * reserves[1]) if reserves else None
        return _uint(results[self._pool_reads[(pool.address, LIQUIDITY)]])

    def _reserves_in_out(self, pool: Pool, token_in: str, results: Sequence[CallResult]) -> tuple[int, int] | None:
        result = results[self._pool_reads[(pool.address, GET_RESERVES)]]
        # (uint112 reserve0, uint112 reserve1, uint32 timestamp): a word each, the high bytes zero.
        if not result.success or len(result.data) != 96:
            return None
        reserve0, reserve1 = (int.from_bytes(result.data[i:i + 32], "big") for i in (0, 32))
        if not (0 < reserve0 < 2**112 and 0 < reserve1 < 2**112):
            return None
        return (reserve0, reserve1) if token_in.lower() == pool.key.token0 else (reserve1, reserve0)

    def _slot0_sqrt_price(self, pool: Pool, results: Sequence[CallResult]) -> int | None:
        result = results[self._pool_reads[(pool.address, SLOT0)]]
        if not result.success or len(result.data) < 32:
            return None
        return int.from_bytes(result.data[:32], "big")


def _quoter_answer(data: bytes) -> tuple[int, int] | None:
    """(amount, initialized ticks crossed in all pools) from QuoterV2's ``(uint256 amount, uint160[]
    sqrtPriceX96AfterList, uint32[] initializedTicksCrossedList, uint256 gasEstimate)``; read
    directly (eth_abi takes longer than the node for a batch's hundred answers), bounds-checked."""
    if len(data) < 4 * 32:
        return None
    words = [int.from_bytes(data[i:i + 32], "big") for i in range(0, 128, 32)]
    ticks_at = words[2]
    if ticks_at + 32 > len(data):
        return None
    count = int.from_bytes(data[ticks_at:ticks_at + 32], "big")
    if count > 16 or ticks_at + 32 * (count + 1) > len(data):  # a route has a pool or two
        return None
    ticks = [int.from_bytes(data[ticks_at + 32 * (i + 1):ticks_at + 32 * (i + 2)], "big") for i in range(count)]
    if any(t >= 2**32 for t in ticks):
        return None
    return words[0], sum(ticks)


def _uint(result: CallResult) -> int | None:
    if not result.success or len(result.data) != 32:
        return None
    return int.from_bytes(result.data, "big")


def _revert_reason(data: bytes) -> str | None:
    """The text of an ``Error(string)`` revert, or None for anything else (empty data: out of gas)."""
    if not data.startswith(ERROR_STRING_SELECTOR):
        return None
    try:
        (text,) = decode(["string"], data[4:])
    except (DecodingError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return str(text)[:200]
