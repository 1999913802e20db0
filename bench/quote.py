"""Swap quote cost: the wallet's one-round-trip quote (with splits) beside one eth_call per route.

Starts a devnet chain and quotes 1,000 DLNK -> DUNI, the playground's split pair (8 candidate routes
exist: V2 direct and through DUSD, V3 at two tiers and through DUSD at four tier pairs). Ours: every
route at every 5 % split step in one aggregate3. The per-route way: the V2 router's getAmountsOut and
QuoterV2's quoteExactInput with an eth_call each, at every split step (the same work) and at the
whole amount only (no splits). Both find the same best single route and the same split.
Usage: python bench/quote.py [--rounds R] [--units N] [--rtt-ms MS]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from eth_abi.abi import decode

from wallet.chains.multicall import eth_call, function_call
from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.dex.amm.quote import SwapQuoter
from wallet.dex.amm.quoting import v2_route_gas, v3_route_gas
from wallet.dex.amm.routes import Protocol, Route, candidate_shapes
from wallet.dex.amm.routing import Trade, split_amounts


def per_route_quote(client: ChainClient, chain: Chain, route: Route, amount: int) -> tuple[int, int]:
    """One eth_call: (output, gas by the wallet's model) of the route for ``amount``, from the V2
    router or QuoterV2."""
    if route.protocol is Protocol.V2:
        assert chain.uniswap_v2 is not None
        data = function_call("getAmountsOut(uint256,address[])", ["uint256", "address[]"], [amount, list(route.path)])
        (amounts,) = decode(["uint256[]"], eth_call(client, chain.uniswap_v2.router, data))
        return int(amounts[-1]), v2_route_gas(route)
    assert chain.uniswap_v3 is not None
    data = function_call("quoteExactInput(bytes,uint256)", ["bytes", "uint256"], [route.v3_path(), amount])
    out, _, ticks, _ = decode(["uint256", "uint160[]", "uint32[]", "uint256"],
                              eth_call(client, chain.uniswap_v3.quoter_v2, data))
    return int(out), v3_route_gas(route, sum(ticks))


def measure(client: ChainClient, rounds: int, *works: Callable[[], object]) -> list[tuple[int, float, object]]:
    """(round trips, median seconds, last result) of each of ``works``, run in turn in every round
    so that a busy machine slows them alike."""
    times: list[list[float]] = [[] for _ in works]
    trips: list[int] = [0] * len(works)
    results: list[object] = [None] * len(works)
    for _ in range(rounds):
        for index, work in enumerate(works):
            before, started = client.requests_sent, time.perf_counter()
            results[index] = work()
            times[index].append(time.perf_counter() - started)
            trips[index] = client.requests_sent - before
    return [(trips[i], statistics.median(times[i]), results[i]) for i in range(len(works))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--units", type=int, default=1_000, help="whole DLNK to sell")
    parser.add_argument("--rtt-ms", type=int, default=50, help="network round trip for the remote estimate")
    args = parser.parse_args()
    with Devnet.start((31901,)) as devnet:
        chain = devnet.chains[0]
        tokens = {t.symbol: t.address for t in chain.tokens}
        amount = args.units * 10**18
        client = ChainClient(chain)
        client.block_number()  # the one-time chain-id check, outside every measurement
        quoter = SwapQuoter(chain)
        before, started = client.requests_sent, time.perf_counter()
        first = quoter.quote(client, tokens["DLNK"], tokens["DUNI"], amount)
        first_s, first_trips = time.perf_counter() - started, client.requests_sent - before

        routes = [t.legs[0].route for t in first.singles]
        steps = split_amounts(amount, quoter.steps)
        (ours_trips, ours_s, ours), (naive_trips, naive_s, naive), (whole_trips, whole_s, whole) = measure(
            client, args.rounds,
            lambda: quoter.quote(client, tokens["DLNK"], tokens["DUNI"], amount),
            lambda: {(route, part): per_route_quote(client, chain, route, part) for route in routes for part in steps},
            lambda: {route: per_route_quote(client, chain, route, amount) for route in routes})

    assert isinstance(ours, type(first)) and isinstance(naive, dict) and isinstance(whole, dict)
    # The per-route answers ranked the same way: output less gas at the same price.
    gas_price, to_token = ours.best.gas_price_wei, ours.best.gas_to_quote_token or 0
    naive_best = max(routes, key=lambda r: whole[r][0] - int(whole[r][1] * gas_price * to_token))
    same_single = ours.best_single.legs[0].route == naive_best
    assert all((t.amount_out, t.gas_units) == whole[t.legs[0].route] for t in ours.singles), "quotes differ"
    assert all(naive[(leg.route, leg.amount_in)][0] == leg.amount_out for leg in ours.best.legs)
    candidates = len(candidate_shapes(chain, tokens["DLNK"], tokens["DUNI"]))
    print(f"{args.units} DLNK -> DUNI: {candidates} candidate routes, {len(routes)} exist; "
          f"{len(steps)} amounts per route (5 % steps); median of {args.rounds} rounds")
    print(f"first quote (pool lookups + quote): {first_trips:4d} round trips, {first_s * 1000:8.1f} ms")
    print(f"wallet quote, with splits:          {ours_trips:4d} round trips, {ours_s * 1000:8.1f} ms")
    print(f"eth_call per route and step:        {naive_trips:4d} round trips, {naive_s * 1000:8.1f} ms")
    print(f"eth_call per route, whole amount:   {whole_trips:4d} round trips, {whole_s * 1000:8.1f} ms")
    print(f"ratio per-route-and-step / wallet: round trips {naive_trips / ours_trips:.0f}x, "
          f"wall time {naive_s / ours_s:.1f}x")
    print(f"ratio per-route (no splits) / wallet: round trips {whole_trips / ours_trips:.0f}x, "
          f"wall time {whole_s / ours_s:.1f}x")
    rtt = args.rtt_ms / 1000
    print(f"estimate at a {args.rtt_ms} ms network round trip (measured time + round trips x RTT): "
          f"wallet {(ours_s + ours_trips * rtt) * 1000:.0f} ms, per route and step "
          f"{(naive_s + naive_trips * rtt) * 1000:.0f} ms, per route {(whole_s + whole_trips * rtt) * 1000:.0f} ms")
    print(f"best single route: {describe(ours.best_single)}; same as per-route: {same_single}")
    print(f"best trade: {describe(ours.best)}, {ours.best.amount_out / ours.best_single.amount_out - 1:+.2%} "
          f"over the best single route")
    if not same_single:
        raise SystemExit("the wallet and the per-route quotes chose different best routes")


def describe(trade: Trade) -> str:
    return " + ".join(f"{leg.route.describe()} {leg.amount_in * 100 // trade.amount_in}%" for leg in trade.legs)


if __name__ == "__main__":
    main()
