"""The hot-wallet service end to end: create, derive, lock, unlock, import, export, and a real transfer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from eth_account import Account as EthAccount
from keyring.backends import fail
from web3 import Web3

from tests.memory_keyring import MemoryKeyring
from wallet.accounts.model import AccountKind
from wallet.accounts.signer import SignerLockedError
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.keys.keystore import KeystoreImportError
from wallet.keys.mnemonic import generate_mnemonic
from wallet.keys.password import WeakPasswordError
from wallet.keys.paths import EthPathLayout
from wallet.keys.remember import KeyringUnavailableError
from wallet.keys.vault import KdfParams, WrongPasswordError
from wallet.services.hot_wallet import (
    HotWalletService,
    InvalidPrivateKeyError,
    NotHotAccountError,
    WalletExistsError,
)
from wallet.services.send import SendRequest, prepare_send, sign_and_broadcast, wait_for_receipt
from wallet.store.accounts import AccountStore, DuplicateAccountError
from wallet.store.db import connect
from wallet.store.transactions import TransactionStore

PASSWORD = "violet-harbor-1987"
EthAccount.enable_unaudited_hdwallet_features()


def make_service(home: Path) -> HotWalletService:
    return HotWalletService(AccountStore(connect(home / "wallet.sqlite3")), home / "hot-vault.json",
                            kdf=KdfParams(n=2**12))


@pytest.fixture
def service(tmp_path: Path) -> HotWalletService:
    return make_service(tmp_path)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_create_derives_accounts_that_match_eth_account(service: HotWalletService) -> None:
    phrase = generate_mnemonic(12)
    first = service.create(phrase, "", PASSWORD, "Main")
    second = service.add_hd_account("Savings")
    ledger = service.add_hd_account("Ledger-style", EthPathLayout.LEDGER_LIVE)
    # Ledger Live's account 0 is BIP-44's address 0 (the same path), so its first new account is 1'.
    assert [a.derivation_path for a in (first, second, ledger)] == [
        "m/44'/60'/0'/0/0", "m/44'/60'/0'/0/1", "m/44'/60'/1'/0/0"]
    for account in (first, second):
        assert account.address == EthAccount.from_mnemonic(phrase.phrase, account_path=account.derivation_path).address
        assert account.kind is AccountKind.HOT_HD
    assert [a.name for a in service.accounts.all()] == ["Main", "Savings", "Ledger-style"]


def test_ledger_live_layout_counts_accounts_in_the_hardened_level(service: HotWalletService) -> None:
    phrase = generate_mnemonic(12)
    service.create(phrase, "", PASSWORD, "A", EthPathLayout.LEDGER_LIVE)
    b = service.add_hd_account("B", EthPathLayout.LEDGER_LIVE)
    assert b.derivation_path == "m/44'/60'/1'/0/0"
    assert b.address == EthAccount.from_mnemonic(phrase.phrase, account_path="m/44'/60'/1'/0/0").address


def test_weak_password_and_second_wallet_are_refused(service: HotWalletService) -> None:
    with pytest.raises(WeakPasswordError):
        service.create(generate_mnemonic(12), "", "password", "Main")
    assert not service.has_wallet()
    service.create(generate_mnemonic(12), "", PASSWORD, "Main")
    with pytest.raises(WalletExistsError):
        service.create(generate_mnemonic(12), "", PASSWORD, "Other")


def test_lock_forgets_keys_and_unlock_needs_the_password(service: HotWalletService, tmp_path: Path) -> None:
    account = service.create(generate_mnemonic(12), "", PASSWORD, "Main")
    signer, path = service.signer_for(account)
    service.lock()
    assert signer.locked
    with pytest.raises(SignerLockedError):
        service.signer_for(account)
    with pytest.raises(WrongPasswordError):
        service.unlock("not-the-password")
    assert not service.is_unlocked

    restarted = make_service(tmp_path)  # a new app run over the same files
    restarted.unlock(PASSWORD)
    signer, path = restarted.signer_for(restarted.accounts.get(account.id))
    assert signer.address(path) == account.address


def test_passphrase_gives_a_different_wallet(tmp_path: Path) -> None:
    phrase = generate_mnemonic(12)
    plain = make_service(tmp_path / "a").create(phrase, "", PASSWORD, "A")
    hidden = make_service(tmp_path / "b").create(phrase, "25th word", PASSWORD, "B")
    assert plain.address != hidden.address
    assert hidden.address == EthAccount.from_mnemonic(phrase.phrase, passphrase="25th word",
                                                      account_path=hidden.derivation_path).address


def test_private_key_import_and_keystore_v3_round_trip(service: HotWalletService, tmp_path: Path) -> None:
    service.create(generate_mnemonic(12), "", PASSWORD, "Main")
    key = EthAccount.create()
    imported = service.import_private_key(key.key.hex(), "Imported")
    assert imported.kind is AccountKind.HOT_KEY and imported.address == key.address
    with pytest.raises(DuplicateAccountError):
        service.import_private_key("0x" + key.key.hex(), "Again")

    exported = service.export_keystore_v3(imported, "export-pass-77")
    assert bytes(EthAccount.decrypt(json.loads(exported), "export-pass-77")) == bytes(key.key)
    assert key.key.hex() not in exported

    other = make_service(tmp_path / "other")
    other.create(generate_mnemonic(12), "", PASSWORD, "Main")
    v3 = json.dumps(EthAccount.encrypt(EthAccount.create().key, "geth-pass", kdf="scrypt"))
    from_geth = other.import_keystore_v3(v3, "geth-pass", "From geth")
    assert from_geth.address == EthAccount.from_key(EthAccount.decrypt(json.loads(v3), "geth-pass")).address
    with pytest.raises(KeystoreImportError, match="wrong password"):
        other.import_keystore_v3(v3, "nope", "x")
    with pytest.raises(KeystoreImportError, match="not JSON"):
        other.import_keystore_v3("{{", "geth-pass", "x")

    other.lock()
    other.unlock(PASSWORD)  # imported keys survive a lock/unlock
    signer, path = other.signer_for(from_geth)
    assert signer.address(path) == from_geth.address


@pytest.mark.parametrize(("text", "reason"), [("12", "64 hex digits"), ("zz" * 32, "64 hex digits"),
                                              ("00" * 32, "outside the curve"), ("ff" * 32, "outside the curve")])
def test_bad_private_keys_are_refused(service: HotWalletService, text: str, reason: str) -> None:
    service.create(generate_mnemonic(12), "", PASSWORD, "Main")
    with pytest.raises(InvalidPrivateKeyError, match=reason):
        service.import_private_key(text, "x")
    assert len(service.accounts.all()) == 1


def test_cold_accounts_never_reach_the_hot_signer(service: HotWalletService) -> None:
    service.create(generate_mnemonic(12), "", PASSWORD, "Main")
    for kind in (AccountKind.WATCH, AccountKind.HARDWARE, AccountKind.AIRGAPPED):
        cold = service.accounts.add(f"cold {kind}", kind, EthAccount.create().address)
        with pytest.raises(NotHotAccountError):
            service.signer_for(cold)


def test_remembered_password_unlocks(service: HotWalletService, memory_keyring: MemoryKeyring) -> None:
    service.create(generate_mnemonic(12), "", PASSWORD, "Main")
    service.lock()
    assert service.unlock_with_remembered_password() is False
    with pytest.raises(WrongPasswordError):
        service.remember_password("wrong")
    service.remember_password(PASSWORD)
    assert service.unlock_with_remembered_password() is True and service.is_unlocked
    service.change_password(PASSWORD, "new-violet-harbor-2024")
    service.lock()
    assert service.unlock_with_remembered_password() is True  # the keyring followed the change
    service.forget_password()
    service.lock()
    assert service.unlock_with_remembered_password() is False and memory_keyring.secrets == {}


def test_without_a_keyring_remembering_fails_clearly(service: HotWalletService) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        service.create(generate_mnemonic(12), "", PASSWORD, "Main")
        with pytest.raises(KeyringUnavailableError):
            service.remember_password(PASSWORD)
        service.lock()
        assert service.unlock_with_remembered_password() is False
    finally:
        keyring.set_keyring(previous)


def test_eip1559_transfer_confirms_on_chain(service: HotWalletService, chain_state: Devnet, tmp_path: Path) -> None:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    account = service.create(generate_mnemonic(12), "", PASSWORD, "Main")
    w3.provider.make_request("anvil_setBalance", [account.address, hex(10**19)])  # type: ignore[arg-type]
    recipient = EthAccount.create().address
    client = ChainClient(chain)

    store = TransactionStore(connect(tmp_path / "wallet.sqlite3"))
    prepared = prepare_send(client, store, SendRequest(account.address, recipient, 123 * 10**15))
    signer, path = service.signer_for(account)
    record = sign_and_broadcast(client, store, signer, path, prepared)
    receipt = wait_for_receipt(client, bytes.fromhex(record.hash[2:]), timeout_s=10)

    assert prepared.tx["type"] == 2 and prepared.tx["chainId"] == 31337
    assert w3.eth.get_balance(recipient) == 123 * 10**15
    assert receipt["from"].lower() == account.address.lower()


def test_hd_accounts_carry_their_account_xpub(service: HotWalletService) -> None:
    from bip_utils import Bip32Secp256k1

    from wallet.chains.address import eth_address_from_public_key

    first = service.create(generate_mnemonic(12), "", PASSWORD, "Main")
    ledger = service.add_hd_account("L", EthPathLayout.LEDGER_LIVE)
    for account, child in ((first, "0/0"), (ledger, "0/0")):
        assert account.xpub is not None and account.xpub.startswith("xpub")
        # Public derivation from the exported xpub alone reaches the account's address.
        node = Bip32Secp256k1.FromExtendedKey(account.xpub).DerivePath(child)
        assert eth_address_from_public_key(bytes(node.PublicKey().RawCompressed().ToBytes())) == account.address
    assert service.accounts.get(first.id).xpub == first.xpub  # stored, readable while locked
