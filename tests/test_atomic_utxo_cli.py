"""Two processes, each with its own wallet directory, swap through the headless command line with a
Litecoin leg (regtest node + ElectrumX): LTC for the coin of chain 31337 (the maker locks Litecoin
first) and an ERC-20 of chain 31338 for LTC (the maker locks the token first)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.atomic_utxo_support import LTC_CHAIN, SWAP_LTC, align_clocks, ltc_stack  # noqa: F401
from tests.test_atomic_cli import PASSWORD, cli, finish, status
from tests.test_atomic_support import CHAIN_A, CHAIN_B, SWAP_TOKENS, coin_balance, dusd, fund, mint, token_balance
from tests.utxo_stack import LtcRegtest
from wallet.devnet import Devnet
from wallet.keys.mnemonic import generate_mnemonic
from wallet.keys.vault import KdfParams
from wallet.services.hot_wallet import HotWalletService
from wallet.store.accounts import AccountStore
from wallet.store.db import connect
from wallet.utxo.account import account_from_root
from wallet.utxo.electrum_client import ElectrumClient, ElectrumServer
from wallet.utxo.sync import AccountSync
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


def test_two_processes_swap_litecoin_for_the_coin(chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
                                                  tmp_path: Path) -> None:
    align_clocks(chain_state, ltc_stack)
    maker_home, taker_home = tmp_path / "maker", tmp_path / "taker"
    maker, maker_ltc = make_wallet(maker_home, ltc_stack, "1.0")
    taker, taker_ltc = make_wallet(taker_home, ltc_stack, None)
    for address in (maker, taker):
        fund(chain_state, CHAIN_A, address)
    ltc_stack.wait_electrum_synced()
    electrum = swap_cli(maker_home, chain_state, ltc_stack)
    offer = finish(cli(maker_home, chain_state, *electrum, "create-offer", "--account", maker,
                       "--chain-a", LTC_CHAIN.key, "--amount-a", str(SWAP_LTC), "--chain-b", str(CHAIN_A),
                       "--amount-b", str(COIN_AMOUNT))).strip()
    assert offer.startswith("dwswap2o:")
    acceptance = finish(cli(taker_home, chain_state, *electrum, "accept-offer", offer, "--account", taker)).strip()
    maker_coin, taker_coin = coin_balance(chain_state, CHAIN_A, maker), coin_balance(chain_state, CHAIN_A, taker)

    run_both(chain_state, ltc_stack, maker_home, taker_home, acceptance)

    maker_swap, taker_swap = (status(h, chain_state) for h in (maker_home, taker_home))
    assert maker_swap["outcome"] == taker_swap["outcome"] == "completed"
    assert [t["action"] for t in maker_swap["transactions"]] == ["lock_a", "claim_b"]  # type: ignore[attr-defined]
    assert [t["action"] for t in taker_swap["transactions"]] == ["lock_b", "claim_a"]  # type: ignore[attr-defined]
    assert 10**8 - SWAP_LTC - MAX_UTXO_FEE < ltc_balance(ltc_stack, maker_ltc) + _change(ltc_stack, maker_home) \
        < 10**8 - SWAP_LTC
    assert SWAP_LTC - MAX_UTXO_FEE < ltc_balance(ltc_stack, taker_ltc) < SWAP_LTC
    assert COIN_AMOUNT - 10**16 < coin_balance(chain_state, CHAIN_A, maker) - maker_coin < COIN_AMOUNT
    assert COIN_AMOUNT < taker_coin - coin_balance(chain_state, CHAIN_A, taker) < COIN_AMOUNT + 10**16


def test_two_processes_swap_a_token_for_litecoin(chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
                                                 tmp_path: Path) -> None:
    align_clocks(chain_state, ltc_stack)
    maker_home, taker_home = tmp_path / "maker", tmp_path / "taker"
    maker, maker_ltc = make_wallet(maker_home, ltc_stack, None)
    taker, _taker_ltc = make_wallet(taker_home, ltc_stack, "1.0")
    token = dusd(chain_state)
    for address in (maker, taker):
        fund(chain_state, CHAIN_B, address)
    mint(chain_state, token, maker, SWAP_TOKENS)
    ltc_stack.wait_electrum_synced()
    electrum = swap_cli(maker_home, chain_state, ltc_stack)
    offer = finish(cli(maker_home, chain_state, *electrum, "create-offer", "--account", maker,
                       "--chain-a", str(CHAIN_B), "--token-a", token, "--amount-a", str(SWAP_TOKENS),
                       "--chain-b", LTC_CHAIN.key, "--amount-b", str(SWAP_LTC))).strip()
    acceptance = finish(cli(taker_home, chain_state, *electrum, "accept-offer", offer, "--account", taker)).strip()

    run_both(chain_state, ltc_stack, maker_home, taker_home, acceptance)

    maker_swap, taker_swap = (status(h, chain_state) for h in (maker_home, taker_home))
    assert maker_swap["outcome"] == taker_swap["outcome"] == "completed"
    assert [t["action"] for t in maker_swap["transactions"]] == ["approve_a", "lock_a", "claim_b"]  # type: ignore[attr-defined]
    assert token_balance(chain_state, token, maker) == 0 and token_balance(chain_state, token, taker) == SWAP_TOKENS
    assert SWAP_LTC - MAX_UTXO_FEE < ltc_balance(ltc_stack, maker_ltc) < SWAP_LTC


def _change(stack: LtcRegtest, home: Path) -> int:
    """The maker's change from funding the lock (its account's change addresses)."""
    data = home / "data"
    service = HotWalletService(AccountStore(connect(data / "wallet.sqlite3")), data / "hot-vault.json")
    service.unlock(PASSWORD)
    params = LTC_CHAIN.coin_params()
    assert params is not None and LTC_CHAIN.network is not None
    account = account_from_root(service.utxo_root(service.accounts.all()[0]), params)
    verified = VerifiedElectrum(ElectrumClient(LTC_CHAIN.network, [ElectrumServer(*stack.electrum_tcp, tls=False)]))
    try:
        snapshot = AccountSync(verified, account).sync()
    finally:
        verified.client.close()
    return sum(u.value for u in snapshot.utxos if u.chain == 1)
