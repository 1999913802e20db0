"""UTXO account sync cost: the batched sync (JSON-RPC arrays) beside one request per item.

Starts the Litecoin regtest node and ElectrumX of the tests (``tests/utxo_stack.py``; install them
with ``scripts/bootstrap-utxo``), builds a BIP-84 account whose wallet has ``--transactions``
transactions over ``--addresses`` addresses (receive and change; the node's wallet pays each one
address of ours, a block every 20 to stay under the mempool's chain limits), and syncs it through
the Electrum server from nothing (headers, gap-limit discovery, every mined transaction proven):
batched, then one request per item. Prints round trips and wall time of both and their ratios.

One request per item costs about a second per request on ElectrumX after its first
``transaction.get`` (its cost accounting holds the session back), so it is measured on a second
account with ``--single-transactions`` transactions (default: all) and scaled to the full size:
its round trips grow exactly as addresses + 2 × transactions, and its time is scaled by round trips.
Printed as such.
Usage: python bench/utxo_sync.py [--transactions N] [--addresses A] [--single-transactions K]
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from embit import bip32
from embit.networks import NETWORKS

from tests.utxo_stack import LtcRegtest, missing_parts
from wallet.utxo.account import CHANGE, LITECOIN_REGTEST_PARAMS, RECEIVE, Bip84Account, account_from_root
from wallet.utxo.electrum_client import ElectrumClient, ElectrumServer
from wallet.utxo.networks import LITECOIN_REGTEST
from wallet.utxo.sync import AccountSnapshot, AccountSync
from wallet.utxo.verified import VerifiedElectrum

PER_BLOCK = 20


def new_account() -> Bip84Account:
    root = bip32.HDKey.from_seed(secrets.token_bytes(64), version=NETWORKS["regtest"]["xprv"])
    return account_from_root(root, LITECOIN_REGTEST_PARAMS)


def fund(stack: LtcRegtest, account: Bip84Account, transactions: int, addresses: int) -> float:
    """``transactions`` payments spread over ``addresses`` addresses (3 receive for each change);
    the seconds it took."""
    began = time.monotonic()
    change = addresses // 4
    targets = [account.address(RECEIVE, i) for i in range(addresses - change)]
    targets += [account.address(CHANGE, i) for i in range(change)]
    for number in range(transactions):
        stack.rpc("sendtoaddress", targets[number % len(targets)], "0.001", wallet="miner")
        if number % PER_BLOCK == PER_BLOCK - 1:
            stack.mine(1)
    stack.mine(1)
    stack.wait_electrum_synced()
    return time.monotonic() - began


def sync(stack: LtcRegtest, account: Bip84Account, batched: bool) -> tuple[AccountSnapshot, float]:
    server = ElectrumServer(stack.electrum_tcp[0], stack.electrum_tcp[1], tls=False)
    verified = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [server]))
    began = time.monotonic()
    snapshot = AccountSync(verified, account, batched=batched).sync()
    elapsed = time.monotonic() - began
    verified.client.close()
    return snapshot, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=1000)
    parser.add_argument("--addresses", type=int, default=40)
    parser.add_argument("--single-transactions", type=int, default=None)
    args = parser.parse_args()
    reason = missing_parts()
    if reason is not None:
        sys.exit(f"cannot run: {reason}")
    single_size = min(args.single_transactions or args.transactions, args.transactions)
    stack = LtcRegtest.start(Path(tempfile.mkdtemp(prefix="utxo-sync-bench-")),
                             padding_wait_s=None)  # the server's own 1 s, as public servers pad
    try:
        stack.mine(100)  # 100 more mature coinbases to pay from
        account = new_account()
        built = fund(stack, account, args.transactions, args.addresses)
        print(f"built {args.transactions} transactions over {args.addresses} addresses in {built:.1f} s")
        batched, batched_s = sync(stack, account, batched=True)
        assert len(batched.history) == args.transactions, len(batched.history)
        assert sum(a.used for a in batched.addresses) == args.addresses
        print(f"batched:      {batched.round_trips:5d} round trips  {batched_s:8.2f} s  "
              f"({len(batched.addresses)} addresses asked, {len(batched.history)} transactions proven)")
        if single_size == args.transactions:
            single, single_s = sync(stack, account, batched=False)
            assert single.history == batched.history and single.utxos == batched.utxos
            trips, seconds, label = single.round_trips, single_s, "measured"
        else:
            small = new_account()
            fund(stack, small, single_size, args.addresses)
            single, single_s = sync(stack, small, batched=False)
            fixed = single.round_trips - len(single.addresses) - 2 * single_size  # handshake and headers
            trips = fixed + len(batched.addresses) + 2 * args.transactions
            seconds = single_s * trips / single.round_trips
            label = (f"scaled from {single_size} transactions: {single.round_trips} round trips "
                     f"in {single_s:.2f} s measured")
        print(f"one per item: {trips:5d} round trips  {seconds:8.2f} s  ({label})")
        print(f"ratio (one per item / batched): round trips ×{trips / batched.round_trips:.1f}, "
              f"wall time ×{seconds / batched_s:.1f}")
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
