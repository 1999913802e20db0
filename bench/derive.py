"""Ethereum address derivation speed over the floor of raw secp256k1 public-key computation.

Derives 1,000 BIP-44 addresses (m/44'/60'/0'/0/i) with the wallet's HdKeychain and, side by side in
the same run, computes 1,000 public keys from private keys with coincurve alone (no BIP-32, no
keccak). Prints both rates, their ratio and the goal (issue 13: at most 2 × the floor's time).
The keychain derives the hardened parent m/44'/60'/0'/0 once (about 0.3 ms, in the warm-up) and keeps
its public key and chain code, as it does for every later page of addresses in the app. Keccak-256
is the app's: Qt's (installed at start-up, as the app does); ``--keccak pycryptodome`` measures the
fallback that Qt-less tools (the atomic-swap CLI) use.
Usage: python bench/derive.py [--count N] [--rounds R] [--keccak qt|pycryptodome]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time

from coincurve import PublicKey

from wallet.keys.derivation import HdKeychain
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout

GOAL_RATIO = 2.0


def wallet_run(keychain: HdKeychain, count: int) -> float:
    started = time.perf_counter()
    addresses = keychain.eth_addresses(EthPathLayout.BIP44, 0, count)
    elapsed = time.perf_counter() - started
    assert len(addresses) == count
    return elapsed


def floor_run(secrets: list[bytes]) -> float:
    started = time.perf_counter()
    for secret in secrets:
        PublicKey.from_secret(secret).format(compressed=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keccak", choices=("qt", "pycryptodome"), default="qt")
    args = parser.parse_args()
    if args.keccak == "qt":
        from wallet.chains.address import use_keccak256
        from wallet.ui.app import qt_keccak256

        use_keccak256(qt_keccak256)  # what the app does before its first frame
    keychain = HdKeychain(mnemonic_to_seed(generate_mnemonic(12)))
    secrets = [hashlib.sha256(i.to_bytes(4, "big")).digest() for i in range(args.count)]
    wallet_run(keychain, 10)  # warm-up: imports and caches
    floor_run(secrets[:10])
    wallet_times, floor_times = [], []
    for _ in range(args.rounds):
        wallet_times.append(wallet_run(keychain, args.count))
        floor_times.append(floor_run(secrets))
    wallet_s, floor_s = statistics.median(wallet_times), statistics.median(floor_times)
    print(f"{args.count} addresses, median of {args.rounds} rounds, alternating; keccak: {args.keccak}")
    print(f"wallet (BIP-32 + keccak + EIP-55): {args.count / wallet_s:10.0f} addresses/s ({wallet_s * 1000:.1f} ms)")
    print(f"floor (coincurve public keys):     {args.count / floor_s:10.0f} keys/s      ({floor_s * 1000:.1f} ms)")
    ratio = wallet_s / floor_s
    print(f"ratio wallet time / floor time: {ratio:.2f}   goal: <= {GOAL_RATIO:.1f}   "
          f"{'met' if ratio <= GOAL_RATIO else 'NOT met'}")


if __name__ == "__main__":
    main()
