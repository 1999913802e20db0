"""The pure parts of routing: split amounts, slippage bounds, candidate routes, and the split rules."""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

from wallet.chains.registry import Chain, NativeCurrency, TokenInfo, UniswapV2Deployment, UniswapV3Deployment
from wallet.dex.amm import v2_math
from wallet.dex.amm.routes import Pool, PoolKey, Protocol, Route, candidate_shapes
from wallet.dex.amm.routing import RoutePoint, RouteTable, choose, split_amounts

A, B, C, W, U = ("0x" + c * 40 for c in "abcde")
DEPTH = 10**22
AMOUNT = 10**21  # a tenth of the depth: splitting in two gains about 4.7 %


def v2_table(path: tuple[str, ...], pool_names: tuple[str, ...], reserves: list[tuple[int, int]],
             amounts: list[int]) -> RouteTable:
    pools = tuple(Pool(PoolKey.of(Protocol.V2, a, b), "0x" + name * 40)
                  for (a, b), name in zip(pairwise(path), pool_names, strict=True))
    table = RouteTable(Route(Protocol.V2, path, pools), Fraction(1))
    for amount in amounts:
        table.points[amount] = RoutePoint(amount, v2_math.amounts_out(amount, reserves), 100_000)
    return table


def test_split_amounts_pair_up_to_the_whole_even_when_it_does_not_divide() -> None:
    for amount in (10**21, 12345, 7):
        parts = split_amounts(amount, 20)
        for j in range(1, 20):
            part = amount * j // 20
            assert part == 0 or (part in parts and amount - part in parts)
        assert parts[-1] == amount
    assert split_amounts(100, 10) == [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]


def test_two_equal_pools_split_half_and_half() -> None:
    amount = AMOUNT
    amounts = split_amounts(amount, 20)
    first = v2_table((A, B), ("1",), [(DEPTH, DEPTH)], amounts)
    second = v2_table((A, C, B), ("2", "3"), [(DEPTH, DEPTH), (DEPTH, DEPTH)], amounts)
    third = v2_table((A, B), ("4",), [(DEPTH, DEPTH)], amounts)
    best, singles = choose([first, second, third], amount, 20, False, 0, None)
    assert best is not None and best.is_split
    assert {leg.route for leg in best.legs} == {first.route, third.route}
    assert [leg.amount_in for leg in best.legs] == [AMOUNT // 2, AMOUNT // 2]
    assert len(singles) == 3 and singles[-1].legs[0].route == second.route  # two fees: the worst


def test_routes_through_the_same_pool_are_never_split() -> None:
    amount = AMOUNT
    amounts = split_amounts(amount, 20)
    direct = v2_table((A, B), ("1",), [(DEPTH, DEPTH)], amounts)
    # Its quotes taken alone would make a split look good, but it trades through pool 1 too.
    shared = v2_table((A, C, B), ("2", "1"), [(DEPTH, DEPTH), (DEPTH, DEPTH)], amounts)
    best, _ = choose([direct, shared], amount, 20, False, 0, None)
    assert best is not None and not best.is_split and best.legs[0].route == direct.route


def test_gas_decides_between_a_split_and_a_single_route() -> None:
    amount = AMOUNT
    amounts = split_amounts(amount, 20)
    tables = [v2_table((A, B), (name,), [(DEPTH, DEPTH)], amounts) for name in "12"]
    free, _ = choose(tables, amount, 20, False, 1, Fraction(0))
    assert free is not None and free.is_split
    gain = free.amount_out - tables[0].points[amount].amount_out
    # A second leg's 100,000 gas at 1 wei, priced so that it costs more than the split gains:
    costly, _ = choose(tables, amount, 20, False, 1, Fraction(gain, 100_000) + 1)
    assert costly is not None and not costly.is_split


def test_candidate_routes_cover_every_base_and_fee_tier_pair() -> None:
    chain = Chain(key="x", chain_id=5, name="X", native=NativeCurrency("ETH", "Ether", 18),
                  rpc_urls=("http://127.0.0.1:1",), multicall3=W, wrapped_native=W,
                  uniswap_v2=UniswapV2Deployment("V2", W, W, "0x" + "00" * 32),
                  uniswap_v3=UniswapV3Deployment("V3", W, W, "SwapRouter", W, W),
                  usd_token=TokenInfo(U, "USD", "USD", 6), route_bases=(C, W))
    shapes = candidate_shapes(chain, A, B)
    # V2: direct + 3 bases (W, U, C; W listed twice counts once); V3: 4 tiers + 3 bases x 16 tier pairs.
    assert len(shapes) == (1 + 3) + (4 + 3 * 16)
    assert len(set(shapes)) == len(shapes)
    assert len(candidate_shapes(chain, A, W)) == (1 + 2) + (4 + 2 * 16)  # a base is not routed through itself
