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
from wallet.dex.amm.routes import Protocol, Route, candidate_shapes
from wallet.dex.amm.routing import Trade, split_amounts


def per_route_quote(client: ChainClient, chain: Chain, route: Route, amount: int) -> int:
    """One eth_call: what the route gives for ``amount``, from the router or QuoterV2."""
    if route.protocol is Protocol.V2:
        assert chain.uniswap_v2 is not None
        data = function_call("getAmountsOut(uint256,address[])", ["uint256", "address[]"], [amount, list(route.path)])
        (amounts,) = decode(["uint256[]"], eth_call(client, chain.uniswap_v2.router, data))
        return int(amounts[-1])
    assert chain.uniswap_v3 is not None
    data = function_call("quoteExactInput(bytes,uint256)", ["bytes", "uint256"], [route.v3_path(), amount])
    return int(decode(["uint256"], eth_call(client, chain.uniswap_v3.quoter_v2, data)[:32])[0])


def measure(client: ChainClient, rounds: int, work: Callable[[], object]) -> tuple[int, float, object]:
    times, trips, result = [], 0, None
    for _ in range(rounds):
        before, started = client.requests_sent, time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
        trips = client.requests_sent - before
    return trips, statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
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

        ours_trips, ours_s, ours = measure(client, args.rounds,
                                           lambda: quoter.quote(client, tokens["DLNK"], tokens["DUNI"], amount))
        routes = [t.legs[0].route for t in first.singles]
        steps = split_amounts(amount, quoter.steps)
        naive_trips, naive_s, naive = measure(client, args.rounds, lambda: {
            (route, part): per_route_quote(client, chain, route, part) for route in routes for part in steps})
        whole_trips, whole_s, whole = measure(client, args.rounds, lambda: {
            route: per_route_quote(client, chain, route, amount) for route in routes})

    assert isinstance(ours, type(first)) and isinstance(naive, dict) and isinstance(whole, dict)
    naive_best = max(routes, key=lambda r: whole[r])
    same_single = ours.best_single.legs[0].route == naive_best
    assert all(t.amount_out == whole[t.legs[0].route] for t in ours.singles), "quotes differ from the contracts'"
    assert all(naive[(leg.route, leg.amount_in)] == leg.amount_out for leg in ours.best.legs)
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
