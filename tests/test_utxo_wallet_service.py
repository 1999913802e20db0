"""The wallet's Bitcoin/Litecoin accounts (wallet.services.utxo_wallet) on a real litecoind + ElectrumX:
hot accounts derived from the vault's recovery phrase, watch-only ones from a vpub, payments signed
here or exported and imported as PSBTs, the node's view of the balances."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from embit import bip32, bip39

from tests.test_utxo_account import node_utxo_total
from tests.utxo_stack import LtcRegtest, ltc_regtest  # noqa: F401
from wallet.keys.mnemonic import generate_mnemonic
from wallet.keys.vault import KdfParams
from wallet.services.hot_wallet import HotWalletService
from wallet.services.utxo_wallet import (
    AccountState,
    SpeedUp,
    UtxoAccount,
    UtxoWalletService,
    WatchOnlyCannotSignError,
)
from wallet.store.accounts import AccountStore
from wallet.store.db import connect
from wallet.store.utxo_accounts import UtxoAccountKind, UtxoAccountStore
from wallet.utxo.account import LITECOIN_REGTEST_PARAMS, RECEIVE, InvalidAccountKeyError, account_from_root
from wallet.utxo.electrum_client import ElectrumServer
from wallet.utxo.registry import UtxoRegistry, load_utxo_registry
from wallet.utxo.spend import BadPsbtError
from wallet.utxo.sync import CHANGE

CHAIN = "litecoin-regtest"
PASSWORD = "utxo wallet service test"
LITOSHI = 10**8


@dataclass
class Wallet:
    service: UtxoWalletService
    hot: HotWalletService
    phrase: str


def make_wallet(home: Path, stack: LtcRegtest, with_seed: bool = True) -> Wallet:
    db = connect(home / "wallet.sqlite3")
    hot = HotWalletService(AccountStore(db), home / "hot-vault.json", kdf=KdfParams(n=2**12))
    mnemonic = generate_mnemonic(12)
    if with_seed:
        hot.create(mnemonic, "", PASSWORD, "Main")
    registry = load_utxo_registry()
    server = ElectrumServer(stack.electrum_tcp[0], stack.electrum_tcp[1], tls=False)
    service = UtxoWalletService(UtxoAccountStore(db), lambda: hot, servers={CHAIN: [server]},
                                registry=UtxoRegistry([registry.get(CHAIN)]))
    return Wallet(service, hot, mnemonic.phrase)


@pytest.fixture
def wallet(tmp_path: Path, ltc_regtest: LtcRegtest) -> Iterator[Wallet]:  # noqa: F811
    made = make_wallet(tmp_path / "a", ltc_regtest)
    yield made
    made.service.close()
    made.hot.lock()


def synced(service: UtxoWalletService, account: UtxoAccount, stack: LtcRegtest, txid: str) -> AccountState:
    """A sync once the server lists ``txid`` (it polls the node's mempool every 0.2 s)."""
    stack.wait_electrum_synced()
    for _ in range(100):
        state = service.sync(account)
        if txid in state.snapshot.heights:
            return state
        time.sleep(0.1)
    raise AssertionError(f"the server never listed {txid}")


def fund(stack: LtcRegtest, address: str, amount: str) -> str:
    txid = str(stack.rpc("sendtoaddress", address, amount, wallet="miner"))
    stack.mine(1)
    return txid


def test_hot_account_from_the_phrase_receives_syncs_and_pays(wallet: Wallet, ltc_regtest: LtcRegtest,  # noqa: F811
                                                             tmp_path: Path) -> None:
    (account,) = wallet.service.add_hot_accounts()
    assert wallet.service.add_hot_accounts() == []  # once per chain and phrase
    # The key is BIP-84's m/84'/1'/0' of the phrase (embit's BIP-39 seed, independently of the vault).
    root = bip32.HDKey.from_seed(bip39.mnemonic_to_seed(wallet.phrase))
    assert account.keys.extended_public_key == account_from_root(root, LITECOIN_REGTEST_PARAMS).extended_public_key
    assert account.record.kind is UtxoAccountKind.HOT and account.record.origin_path == "84h/1h/0h"
    assert account.keys.extended_public_key.startswith("vpub")

    empty = wallet.service.sync(account)
    assert (empty.balance, empty.receive_address) == (0, account.keys.address(RECEIVE, 0))
    funding = fund(ltc_regtest, empty.receive_address, "1.0")
    state = synced(wallet.service, account, ltc_regtest, funding)
    assert state.snapshot.confirmed == state.balance == LITOSHI
    assert state.receive_address == account.keys.address(RECEIVE, 1)  # index 0 is used now
    assert state.receive_uri() == "litecoin:" + state.receive_address.upper()

    other = make_wallet(tmp_path / "b", ltc_regtest)
    (payee,) = other.service.add_hot_accounts()
    payee_address = other.service.sync(payee).receive_address
    rates = wallet.service.fee_rates(account.chain)
    plan = wallet.service.plan_payment(state, payee_address, 30_000_000, rates.rates[max(rates.rates)])
    txid = wallet.service.sign_and_send(account, plan)
    ltc_regtest.mine(1)
    paid = synced(other.service, payee, ltc_regtest, txid)
    assert paid.snapshot.confirmed == 30_000_000 == node_utxo_total(ltc_regtest, [payee_address])
    after = synced(wallet.service, account, ltc_regtest, txid)
    assert after.snapshot.confirmed == LITOSHI - 30_000_000 - plan.fee
    change = account.keys.address(CHANGE, 0)
    assert node_utxo_total(ltc_regtest, [change]) == after.snapshot.confirmed
    # Persisted: a new service over the same database lists the account with its key origin.
    again = wallet.service.accounts(CHAIN)
    assert [(a.id, a.keys.origin) for a in again] == [(account.id, account.keys.origin)]
    other.service.close()


def test_watch_only_payment_leaves_as_a_psbt_signed_by_the_hot_side(wallet: Wallet, ltc_regtest: LtcRegtest,  # noqa: F811
                                                                    tmp_path: Path) -> None:
    (hot_account,) = wallet.service.add_hot_accounts()
    watching = make_wallet(tmp_path / "watcher", ltc_regtest, with_seed=False)
    account = watching.service.add_watch_only(CHAIN, "  Cold   storage ", hot_account.keys.extended_public_key)
    assert account.name == "Cold storage" and not account.hot
    funding = fund(ltc_regtest, watching.service.sync(account).receive_address, "0.5")
    state = synced(watching.service, account, ltc_regtest, funding)
    assert state.balance == 50_000_000

    payee = str(ltc_regtest.rpc("getnewaddress", wallet="miner"))
    plan = watching.service.plan_payment(state, payee, 10_000_000, 2.0)
    with pytest.raises(WatchOnlyCannotSignError):
        watching.service.sign_and_send(account, plan)
    unsigned = watching.service.export_psbt(account, plan)
    with pytest.raises(BadPsbtError):  # the unsigned file back: refused, nothing sent
        watching.service.send_signed_psbt(account, plan, unsigned)
    with pytest.raises(BadPsbtError):
        wallet.service.sign_psbt(hot_account, "not a psbt")
    signed = wallet.service.sign_psbt(hot_account, unsigned)
    txid = watching.service.send_signed_psbt(account, plan, signed)
    assert ltc_regtest.rpc("getmempoolentry", txid)["fees"]["base"] * LITOSHI == pytest.approx(plan.fee)
    pending = synced(watching.service, account, ltc_regtest, txid)
    # Litecoin's nodes relay no replacements: speeding up is a child paying for the parent.
    assert watching.service.speed_up_method(pending, txid) is SpeedUp.CHILD_PAYS
    child = watching.service.plan_speed_up(pending, txid, 20.0)
    assert [c.txid for c in child.coins] == [txid]
    ltc_regtest.mine(1)
    mined = synced(watching.service, account, ltc_regtest, txid)
    assert mined.snapshot.confirmed == 50_000_000 - 10_000_000 - plan.fee
    watching.service.close()


def test_keys_of_another_network_and_nonsense_are_refused_and_nothing_is_stored(wallet: Wallet) -> None:
    root = bip32.HDKey.from_seed(bip39.mnemonic_to_seed(wallet.phrase))
    from wallet.utxo.account import LITECOIN

    zpub = account_from_root(root, LITECOIN).extended_public_key  # a mainnet key where a vpub belongs
    with pytest.raises(InvalidAccountKeyError, match="another network"):
        wallet.service.add_watch_only(CHAIN, "Mainnet key", zpub)
    with pytest.raises(InvalidAccountKeyError, match="cannot be decoded"):
        wallet.service.add_watch_only(CHAIN, "Typo", "vpub5nonsense")
    assert wallet.service.accounts() == []


def test_while_the_app_plays_locally_only_the_local_chains_are_used(wallet: Wallet,
                                                                    ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    """On the playground the app shows its local chains only (as its EVM side does); the phrase's
    mainnet accounts stay stored and come back with the real networks, and are not called hidden."""
    server = ElectrumServer(ltc_regtest.electrum_tcp[0], ltc_regtest.electrum_tcp[1], tls=False)
    playing = [True]
    service = UtxoWalletService(wallet.service.store, lambda: wallet.hot, servers={CHAIN: [server]},
                                local_only=lambda: playing[0])
    try:
        assert [c.key for c in service.chains()] == [CHAIN]
        service.add_hot_accounts()
        assert [a.chain.key for a in service.accounts()] == [CHAIN]
        assert service.chains_without_server() == []
        playing[0] = False
        keys = {a.chain.key for a in service.add_hot_accounts() + service.accounts()}
        assert {"bitcoin", "litecoin", CHAIN} <= keys
    finally:
        service.close()
