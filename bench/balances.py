"""Balance refresh cost: the wallet's Multicall3 refresh beside the naive one-request-per-balance loop.

Starts a devnet chain, deploys 200 ERC-20 tokens, and reads the native and token balances of 10
accounts both ways, alternating, counting HTTP round trips and wall time. Prints both and the ratios.
Usage: python bench/balances.py [--accounts N] [--tokens M] [--rounds R]
"""

from __future__ import annotations

import argparse
import statistics
import time

from eth_account import Account
from web3 import Web3

from wallet.chains.multicall import decode_hex_data, function_call
from wallet.chains.registry import TokenInfo
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=10)
    parser.add_argument("--tokens", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with Devnet.start((31900,)) as devnet:
        chain = devnet.chains[0]
        tokens = deploy_tokens(chain.rpc_urls[0], args.tokens)
        owners = [Account.create().address for _ in range(args.accounts)]
        client = ChainClient(chain)
        client.block_number()  # the one-time chain-id check, outside both measurements
        ours_s, naive_s, ours_trips, naive_trips = [], [], 0, 0
        for _ in range(args.rounds):
            before, started = client.requests_sent, time.perf_counter()
            sheet = fetch_balances(client, chain, owners, tokens)
            ours_s.append(time.perf_counter() - started)
            ours_trips = client.requests_sent - before
            before, started = client.requests_sent, time.perf_counter()
            reference = naive(client, owners, tokens)
            naive_s.append(time.perf_counter() - started)
            naive_trips = client.requests_sent - before
            assert all(sheet.tokens[(o, t.address)] == reference[(o, t.address)] for o in owners for t in tokens)
    ours, slow = statistics.median(ours_s), statistics.median(naive_s)
    print(f"{args.accounts} accounts x {args.tokens} tokens (+ native), median of {args.rounds} rounds")
    print(f"multicall refresh: {ours_trips:5d} round trips, {ours * 1000:8.1f} ms")
    print(f"naive loop:        {naive_trips:5d} round trips, {slow * 1000:8.1f} ms")
    print(f"ratio naive/multicall: round trips {naive_trips / ours_trips:.0f}x, wall time {slow / ours:.1f}x")


if __name__ == "__main__":
    main()
