"""Balance refresh cost: the wallet's Multicall3 refresh beside the naive one-request-per-balance loop.

Starts a devnet chain, deploys 200 ERC-20 tokens, and reads the native and token balances of 10
accounts both ways, alternating, counting HTTP round trips and wall time: on loopback, then through
a local proxy that adds 50 ms to every HTTP request (a node as users meet it). Through the proxy the
naive loop runs on a subset of the accounts (``--naive-accounts``) and its time is scaled to all of
them, printed as such. Prints both sides, the ratios and the goals (issue 13).
Usage: python bench/balances.py [--accounts N] [--tokens M] [--rounds R] [--naive-accounts K] [--latency-ms L]
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TypeVar
from urllib.parse import urlparse

from eth_account import Account
from web3 import Web3

from wallet.chains.multicall import decode_hex_data, function_call
from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.services.balances import fetch_balances


def deploy_tokens(rpc_url: str, count: int) -> list[TokenInfo]:
    w3 = Web3(Web3.HTTPProvider(rpc_url))
    artifact = load_artifact("DevToken")
    factory = w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
    sender = w3.eth.accounts[0]
    hashes = [factory.constructor(f"Bench {i}", f"B{i}", 18).transact({"from": sender, "gas": 2_000_000})
              for i in range(count)]
    return [TokenInfo(w3.eth.wait_for_transaction_receipt(h)["contractAddress"], f"B{i}", f"Bench {i}", 18)
            for i, h in enumerate(hashes)]


def naive(client: ChainClient, owners: list[str], tokens: list[TokenInfo]) -> dict[tuple[str, str], int]:
    out = {}
    for owner in owners:
        out[(owner, "")] = int(client.request("eth_getBalance", [owner, "latest"]), 16)
        for token in tokens:
            data = "0x" + function_call("balanceOf(address)", ["address"], [owner]).hex()
            raw = decode_hex_data(client.request("eth_call", [{"to": token.address, "data": data}, "latest"]), "")
            out[(owner, token.address)] = int.from_bytes(raw, "big")
    return out


T = TypeVar("T")
GOAL_ROUND_TRIPS = 2
GOAL_PROXY_RATIO = 20.0


@contextmanager
def latency_proxy(upstream: str, latency_s: float) -> Iterator[str]:
    """A loopback HTTP proxy to ``upstream`` that holds every request ``latency_s`` before forwarding it."""
    target = urlparse(upstream)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            time.sleep(latency_s)
            connection = http.client.HTTPConnection(target.hostname or "", target.port, timeout=30)
            try:
                connection.request("POST", target.path or "/", body, {"Content-Type": "application/json"})
                reply = connection.getresponse().read()
            finally:
                connection.close()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def measure(client: ChainClient, run: Callable[[], T]) -> tuple[T, float, int]:
    """``run``'s result, wall time and HTTP round trips."""
    before, started = client.requests_sent, time.perf_counter()
    result = run()
    return result, time.perf_counter() - started, client.requests_sent - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=10)
    parser.add_argument("--tokens", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--naive-accounts", type=int, default=1, help="naive loop's subset through the proxy")
    parser.add_argument("--latency-ms", type=float, default=50.0)
    args = parser.parse_args()
    with Devnet.start((31900,)) as devnet:
        chain = devnet.chains[0]
        tokens = deploy_tokens(chain.rpc_urls[0], args.tokens)
        owners = [Account.create().address for _ in range(args.accounts)]
        client = ChainClient(chain)
        client.block_number()  # the one-time chain-id check, outside every measurement
        ours_s, naive_s, ours_trips, naive_trips = [], [], 0, 0
        for _ in range(args.rounds):
            sheet, seconds, ours_trips = measure(client, lambda: fetch_balances(client, chain, owners, tokens))
            ours_s.append(seconds)
            reference, seconds, naive_trips = measure(client, lambda: naive(client, owners, tokens))
            naive_s.append(seconds)
            assert all(sheet.tokens[(o, t.address)] == reference[(o, t.address)] for o in owners for t in tokens)
        subset = owners[:args.naive_accounts]
        scale = len(owners) / len(subset)
        with latency_proxy(chain.rpc_urls[0], args.latency_ms / 1000) as url:
            slow_chain: Chain = dataclasses.replace(chain, rpc_urls=(url,))
            far = ChainClient(slow_chain)
            far.block_number()
            far_ours_s, far_naive_s, far_ours_trips, far_naive_trips = [], [], 0, 0
            for _ in range(args.rounds):
                _, seconds, far_ours_trips = measure(far, lambda: fetch_balances(far, slow_chain, owners, tokens))
                far_ours_s.append(seconds)
            _, seconds, far_naive_trips = measure(far, lambda: naive(far, subset, tokens))  # once: it is slow
            far_naive_s.append(seconds * scale)
    ours, slow = statistics.median(ours_s), statistics.median(naive_s)
    far_ours, far_slow = statistics.median(far_ours_s), statistics.median(far_naive_s)
    print(f"{args.accounts} accounts x {args.tokens} tokens (+ native), median of {args.rounds} rounds")
    print("loopback:")
    print(f"  multicall refresh: {ours_trips:5d} round trips, {ours * 1000:9.1f} ms"
          f"   goal: <= {GOAL_ROUND_TRIPS} round trips {'met' if ours_trips <= GOAL_ROUND_TRIPS else 'NOT met'}")
    print(f"  naive loop:        {naive_trips:5d} round trips, {slow * 1000:9.1f} ms")
    print(f"  ratio naive/multicall: round trips {naive_trips / ours_trips:.0f}x, wall time {slow / ours:.1f}x")
    print(f"through a proxy adding {args.latency_ms:g} ms to every HTTP request:")
    print(f"  multicall refresh: {far_ours_trips:5d} round trips, {far_ours * 1000:9.1f} ms")
    print(f"  naive loop:        {round(far_naive_trips * scale):5d} round trips, {far_slow * 1000:9.1f} ms"
          f"   (ran once on {len(subset)} of {len(owners)} accounts, {far_naive_trips} round trips,"
          f" scaled x{scale:g})")
    ratio = far_slow / far_ours
    print(f"  ratio naive/multicall: wall time {ratio:.0f}x"
          f"   goal: >= {GOAL_PROXY_RATIO:g}x {'met' if ratio >= GOAL_PROXY_RATIO else 'NOT met'}")


if __name__ == "__main__":
    main()
