"""The account kind decides the signer: hot never reaches a device, cold never reaches the vault."""

from __future__ import annotations

from pathlib import Path

import pytest
from bip_utils import Bip32Secp256k1
from eth_account import Account
from web3 import Web3

from wallet.accounts.hot import HotSigner
from wallet.accounts.model import AccountKind
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.hw.device_signer import DeviceSigner
from wallet.hw.discovery import list_devices
from wallet.hw.errors import DeviceLockedError, DeviceNotFoundError
from wallet.hw.ledger_signer import LedgerSigner
from wallet.hw.trezor_prompts import TrezorPrompts
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.ledger import VirtualLedger
from wallet.keys.derivation import HdKeychain
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout
from wallet.keys.vault import KdfParams
from wallet.services.cold_accounts import (
    ExtendedKeyError,
    add_hardware_account,
    add_watch_address,
    add_watch_xpub,
    device_accounts,
)
from wallet.services.hot_wallet import HotWalletService
from wallet.services.send import SendRequest, prepare_send
from wallet.services.signers import (
    AirGappedSigningError,
    DeviceAddressMismatchError,
    SignerRouter,
    WatchOnlyError,
    closing_signer,
)
from wallet.store.accounts import AccountStore
from wallet.store.db import connect
from wallet.store.transactions import TransactionStore

PHRASE = generate_mnemonic(12)
Account.enable_unaudited_hdwallet_features()
PASSWORD = "quartz-ember-7781"
TX = {"nonce": 0, "to": "0x000000000000000000000000000000000000bEEF", "value": 1, "gas": 21_000,
      "chainId": 31337, "maxFeePerGas": 10**9, "maxPriorityFeePerGas": 1, "type": 2}


@pytest.fixture
def store(tmp_path: Path) -> AccountStore:
    return AccountStore(connect(tmp_path / "wallet.sqlite3"))


def hot_service(store: AccountStore, tmp_path: Path) -> HotWalletService:
    return HotWalletService(store, tmp_path / "vault.json", kdf=KdfParams(n=2**12))


def test_hardware_accounts_sign_on_their_device_even_when_the_vault_has_the_same_seed(
        store: AccountStore, tmp_path: Path) -> None:
    hot = hot_service(store, tmp_path)
    hot_account = hot.create(PHRASE, "", PASSWORD, "Hot")  # the same words as the device's
    device = VirtualLedger(mnemonic_to_seed(PHRASE))
    backend = VirtualHidBackend(device)
    router = SignerRouter(lambda: hot, backend)
    (entry,) = list_devices(backend)
    listing = device_accounts(entry.open, EthPathLayout.LEDGER_LIVE, 0, 3)
    assert device.open_handles == 0  # the listing closed the device it opened
    path, address = listing[1]
    assert address == Account.from_mnemonic(PHRASE.phrase, account_path=path).address
    cold = add_hardware_account(store, "Ledger 2", path, address, "ledger")

    signer, signer_path = router.signer_for(cold)
    assert isinstance(signer, LedgerSigner) and signer_path == path
    screens_before = len(device.screens)
    with closing_signer(signer):
        assert device.open_handles == 1
        signed = signer.sign_transaction(signer_path, TX)
    assert device.open_handles == 0
    assert Account.recover_transaction(signed.raw) == address
    assert len(device.screens) == screens_before + 1  # the device showed and signed it

    reports_before = device.reports_received
    hot_signer, hot_path = router.signer_for(hot_account)
    assert isinstance(hot_signer, HotSigner)
    hot_signer.sign_transaction(hot_path, TX)
    assert device.reports_received == reports_before  # the hot account never talked to the device


def test_another_device_or_no_device_is_refused(store: AccountStore, tmp_path: Path) -> None:
    path = EthPathLayout.BIP44.path(0)
    address = HdKeychain(mnemonic_to_seed(PHRASE)).eth_address(path)
    cold = add_hardware_account(store, "Ledger", path, address, "ledger")
    other = VirtualLedger(mnemonic_to_seed(generate_mnemonic(12)), serial="OTHER")
    with pytest.raises(DeviceAddressMismatchError, match="Is it another device, or another passphrase"):
        SignerRouter(lambda: hot_service(store, tmp_path), VirtualHidBackend(other)).signer_for(cold)
    assert other.open_handles == 0  # the device that did not match was closed
    with pytest.raises(DeviceNotFoundError):
        SignerRouter(lambda: hot_service(store, tmp_path), VirtualHidBackend()).signer_for(cold)
    right = VirtualLedger(mnemonic_to_seed(PHRASE))
    signer, _ = SignerRouter(lambda: hot_service(store, tmp_path), VirtualHidBackend(other, right)).signer_for(cold)
    assert (other.open_handles, right.open_handles) == (0, 1)  # only the one handed out stays open
    assert isinstance(signer, DeviceSigner)
    with signer:
        assert signer.address(path) == address  # the matching one of two plugged-in devices is used
    assert right.open_handles == 0


def test_a_device_that_fails_while_routing_is_closed(store: AccountStore, tmp_path: Path) -> None:
    path = EthPathLayout.BIP44.path(0)
    cold = add_hardware_account(store, "Ledger", path, HdKeychain(mnemonic_to_seed(PHRASE)).eth_address(path),
                                "ledger")
    locked = VirtualLedger(mnemonic_to_seed(PHRASE))
    locked.locked = True
    with pytest.raises(DeviceLockedError):
        SignerRouter(lambda: hot_service(store, tmp_path), VirtualHidBackend(locked)).signer_for(cold)
    assert locked.open_handles == 0


def test_watch_only_from_address_and_xpub(store: AccountStore, tmp_path: Path, devnet: Devnet) -> None:
    chain = devnet.chains[0]
    xpub = HdKeychain(mnemonic_to_seed(PHRASE)).extended_public_key("m/44'/60'/0'")
    watched = add_watch_xpub(store, "Cold storage", xpub, count=3)
    assert [a.address for a in watched] == [
        Account.from_mnemonic(PHRASE.phrase, account_path=f"m/44'/60'/0'/0/{i}").address for i in range(3)]
    single = add_watch_address(store, "Friend", Account.create().address.lower())
    router = SignerRouter(lambda: hot_service(store, tmp_path))
    for account in (*watched, single):
        assert account.kind is AccountKind.WATCH
        with pytest.raises(WatchOnlyError, match="watch-only"):
            router.signer_for(account)
    # It can still prepare an unsigned transaction (to sign elsewhere).
    funded_dev_account = Web3(Web3.HTTPProvider(chain.rpc_urls[0])).eth.accounts[0]
    prepared = prepare_send(ChainClient(chain), TransactionStore(connect(tmp_path / "wallet.sqlite3")),
                            SendRequest(funded_dev_account, single.address, 1))
    assert prepared.tx["to"] == single.address
    with pytest.raises(ExtendedKeyError, match="private key"):
        xprv = Bip32Secp256k1.FromSeed(mnemonic_to_seed(PHRASE)).DerivePath("m/44'/60'/0'").PrivateKey().ToExtended()
        add_watch_xpub(store, "Oops", xprv)
    with pytest.raises(ExtendedKeyError, match="does not decode"):
        add_watch_xpub(store, "Junk", "xpub-not-really")


def test_air_gapped_accounts_need_the_offline_round_trip(store: AccountStore, tmp_path: Path) -> None:
    account = store.add("Offline", AccountKind.AIRGAPPED, Account.create().address, "m/44'/60'/0'/0/0")
    with pytest.raises(AirGappedSigningError, match="offline computer"):
        SignerRouter(lambda: hot_service(store, tmp_path)).signer_for(account)


def test_a_trezor_account_is_routed_to_the_trezor(store: AccountStore, tmp_path: Path) -> None:
    from wallet.hw.trezor_signer import TrezorSigner
    from wallet.hw.virtual.trezor import VirtualTrezor

    seed = mnemonic_to_seed(generate_mnemonic(12))
    trezor = VirtualTrezor(seed, pin="1357")
    ledger = VirtualLedger(mnemonic_to_seed(generate_mnemonic(12)))  # another device, other keys
    path = EthPathLayout.BIP44.path(3)
    cold = add_hardware_account(store, "Trezor", path, HdKeychain(seed).eth_address(path), "trezor")
    router = SignerRouter(lambda: hot_service(store, tmp_path), VirtualHidBackend(ledger, trezor),
                          prompts=TrezorPrompts(pin=lambda: trezor.positions("1357")))
    signer, signer_path = router.signer_for(cold)
    assert isinstance(signer, TrezorSigner)
    assert (ledger.open_handles, trezor.open_handles) == (0, 1)
    with closing_signer(signer):
        assert Account.recover_transaction(signer.sign_transaction(signer_path, TX).raw) == cold.address
    assert trezor.open_handles == 0
