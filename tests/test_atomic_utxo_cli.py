"""Two processes, each with its own wallet directory, swap through the headless command line with a
Litecoin leg (regtest node + ElectrumX): LTC for the coin of chain 31337 and for an ERC-20 of chain
31338, in each direction (the maker locks Litecoin first, or the EVM asset first)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from tests.atomic_utxo_support import LTC_CHAIN, SWAP_LTC, align_clocks, ltc_stack  # noqa: F401
from tests.test_atomic_cli import PASSWORD, cli, finish, status
from tests.test_atomic_support import CHAIN_A, CHAIN_B, SWAP_TOKENS, coin_balance, dusd, fund, mint, token_balance
from tests.utxo_stack import LtcRegtest
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN
from wallet.keys.mnemonic import generate_mnemonic
from wallet.keys.vault import KdfParams
from wallet.services.hot_wallet import HotWalletService
from wallet.store.accounts import AccountStore
from wallet.store.db import connect
from wallet.utxo.account import account_from_root
from wallet.utxo.electrum_client import ElectrumClient, ElectrumServer
from wallet.utxo.verified import VerifiedElectrum

MAX_UTXO_FEE = 10_000
COIN_AMOUNT = 10**18


def make_wallet(home: Path, stack: LtcRegtest, ltc: str | None) -> tuple[str, str]:
    """A hot wallet in ``home``: its EVM address and its Litecoin swap address, paid ``ltc`` coins."""
    data = home / "data"
    data.mkdir(parents=True)
    service = HotWalletService(AccountStore(connect(data / "wallet.sqlite3")), data / "hot-vault.json",
                               kdf=KdfParams(n=2**12))
    account = service.create(generate_mnemonic(), "", PASSWORD, "Main")
    params = LTC_CHAIN.coin_params()
    assert params is not None
    ltc_address = account_from_root(service.utxo_root(account), params).address(0, 0)
    service.lock()
    if ltc is not None:
        stack.rpc("sendtoaddress", ltc_address, ltc, wallet="miner")
        stack.mine(1)
    return account.address, ltc_address


def ltc_balance(stack: LtcRegtest, address: str) -> int:
    params = LTC_CHAIN.coin_params()
    assert params is not None and LTC_CHAIN.network is not None
    verified = VerifiedElectrum(ElectrumClient(LTC_CHAIN.network, [ElectrumServer(*stack.electrum_tcp, tls=False)]))
    try:
        balance = verified.balance(bytes.fromhex(stack.rpc("getaddressinfo", address, wallet="miner")["scriptPubKey"]))
    finally:
        verified.client.close()
    return balance.confirmed + balance.unconfirmed


@contextmanager
def mining(stack: LtcRegtest, every_s: float = 0.5) -> Iterator[None]:
    """A Litecoin block every ``every_s`` while the swap runs (the devnet mines on each transaction)."""
    stop = threading.Event()

    def mine() -> None:
        while not stop.wait(every_s):
            stack.mine(1)

    thread = threading.Thread(target=mine, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def swap_cli(home: Path, devnet: Devnet, stack: LtcRegtest, *args: str) -> list[str]:
    return ["--electrum", f"{LTC_CHAIN.key}=tcp://{stack.electrum_tcp[0]}:{stack.electrum_tcp[1]}", *args]


def run_both(devnet: Devnet, stack: LtcRegtest, maker_home: Path, taker_home: Path, acceptance: str) -> None:
    electrum = swap_cli(maker_home, devnet, stack)
    with mining(stack):
        taker_run = cli(taker_home, devnet, *electrum, "run", "--poll", "0.3", "--timeout", "150")
        maker_run = cli(maker_home, devnet, *electrum, "run", "--acceptance", acceptance, "--poll", "0.3",
                        "--timeout", "150")
        finish(maker_run)
        finish(taker_run)


@pytest.mark.parametrize("ltc_first", [True, False], ids=["maker-locks-ltc", "maker-locks-evm"])
@pytest.mark.parametrize("asset", ["coin-31337", "erc20-31338"])
def test_two_processes_swap_with_a_litecoin_leg(chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
                                                tmp_path: Path, ltc_first: bool, asset: str) -> None:
    align_clocks(chain_state, ltc_stack)
    chain_id, token, amount = (CHAIN_A, NATIVE_TOKEN, COIN_AMOUNT) if asset == "coin-31337" else \
        (CHAIN_B, dusd(chain_state), SWAP_TOKENS)
    maker_home, taker_home = tmp_path / "maker", tmp_path / "taker"
    maker, maker_ltc = make_wallet(maker_home, ltc_stack, "1.0" if ltc_first else None)
    taker, taker_ltc = make_wallet(taker_home, ltc_stack, None if ltc_first else "1.0")
    for address in (maker, taker):
        fund(chain_state, chain_id, address)
    evm_payer, evm_payee = (taker, maker) if ltc_first else (maker, taker)
    if token != NATIVE_TOKEN:
        mint(chain_state, token, evm_payer, amount)
    ltc_payee = taker_ltc if ltc_first else maker_ltc
    ltc_stack.wait_electrum_synced()
    held = {a: evm_holding(chain_state, chain_id, token, a) for a in (maker, taker)}
    electrum = swap_cli(maker_home, chain_state, ltc_stack)
    evm_leg = ["--token-{}", token, "--amount-{}", str(amount)]
    ltc_leg = ["--amount-{}", str(SWAP_LTC)]
    gives, gets = (ltc_leg, evm_leg) if ltc_first else (evm_leg, ltc_leg)
    offer = finish(cli(maker_home, chain_state, *electrum, "create-offer", "--account", maker,
                       "--chain-a", LTC_CHAIN.key if ltc_first else str(chain_id), *(a.format("a") for a in gives),
                       "--chain-b", str(chain_id) if ltc_first else LTC_CHAIN.key,
                       *(a.format("b") for a in gets))).strip()
    assert offer.startswith("dwswap2o:")
    acceptance = finish(cli(taker_home, chain_state, *electrum, "accept-offer", offer, "--account", taker)).strip()

    run_both(chain_state, ltc_stack, maker_home, taker_home, acceptance)

    maker_swap, taker_swap = (status(h, chain_state) for h in (maker_home, taker_home))
    assert maker_swap["outcome"] == taker_swap["outcome"] == "completed"
    ltc_lock, evm_lock = (maker_swap["lock_a"], maker_swap["lock_b"]) if ltc_first else \
        (maker_swap["lock_b"], maker_swap["lock_a"])
    assert isinstance(ltc_lock, dict) and isinstance(evm_lock, dict)
    # A Litecoin refund becomes final about six blocks of 2.5 min after the locktime (median-time-past).
    assert (datetime.fromisoformat(ltc_lock["refundable_at"])
            - datetime.fromisoformat(ltc_lock["claimable_until"])).total_seconds() == 6 * 150
    assert evm_lock["refundable_at"] == evm_lock["claimable_until"]
    approves = token != NATIVE_TOKEN
    assert [t["action"] for t in maker_swap["transactions"]] == \
        (["approve_a"] if approves and not ltc_first else []) + ["lock_a", "claim_b"]  # type: ignore[attr-defined]
    assert [t["action"] for t in taker_swap["transactions"]] == \
        (["approve_b"] if approves and ltc_first else []) + ["lock_b", "claim_a"]  # type: ignore[attr-defined]
    assert SWAP_LTC - MAX_UTXO_FEE < ltc_balance(ltc_stack, ltc_payee) < SWAP_LTC  # less its claim's fee
    gained = evm_holding(chain_state, chain_id, token, evm_payee) - held[evm_payee]
    paid = held[evm_payer] - evm_holding(chain_state, chain_id, token, evm_payer)
    if token == NATIVE_TOKEN:  # less the gas of a claim; plus the gas of a lock
        assert amount - 10**16 < gained < amount < paid < amount + 10**16
    else:
        assert gained == paid == amount


def evm_holding(devnet: Devnet, chain_id: int, token: str, address: str) -> int:
    return coin_balance(devnet, chain_id, address) if token == NATIVE_TOKEN else token_balance(devnet, token, address)
