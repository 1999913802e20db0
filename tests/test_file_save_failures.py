"""A vault save that really fails (the operating system refuses the write) leaves memory and disk
as they were, and says so with a typed error: no key lingers in memory for a later save to write
without an account pointing at it."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from eth_account import Account as EthAccount

from wallet.accounts.model import AccountKind
from wallet.accounts.signer import SignerLockedError
from wallet.errors import FileWriteError
from wallet.keys.keystore import decrypt_keystore
from wallet.keys.mnemonic import generate_mnemonic
from wallet.keys.password import WeakPasswordError
from wallet.keys.vault import KdfParams, Vault, WrongPasswordError
from wallet.services.hot_wallet import HotWalletService, NotHotAccountError
from wallet.store.accounts import AccountStore
from wallet.store.db import connect

pytestmark = pytest.mark.skipif(os.name != "posix", reason="provokes the failure with RLIMIT_FSIZE")

PASSWORD = "violet-harbor-1987"
NEW_PASSWORD = "amber-lighthouse-2031"
EthAccount.enable_unaudited_hdwallet_features()


@contextmanager
def writes_fail() -> Iterator[None]:
    """Every write that would grow a file fails with EFBIG, as on a full disk: a real failure of
    the real write, not a patched function. (A read-only folder would not do: tests may run as root.)"""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def make_service(home: Path) -> HotWalletService:
    return HotWalletService(AccountStore(connect(home / "wallet.sqlite3")), home / "hot-vault.json",
                            kdf=KdfParams(n=2**12))


@pytest.fixture
def service(tmp_path: Path) -> HotWalletService:
    wallet = make_service(tmp_path)
    wallet.create(generate_mnemonic(12), "", PASSWORD, "Main")
    return wallet


def _stored_keys(service: HotWalletService, password: str = PASSWORD) -> list[bytes]:
    vault = Vault.open(service.vault_path, password)
    try:
        return [k.private_key for k in vault.contents.keys]
    finally:
        vault.close()


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_failed_private_key_import_changes_nothing(service: HotWalletService) -> None:
    before = service.vault_path.read_bytes()
    accounts = service.accounts.all()
    failed = EthAccount.create()
    with writes_fail(), pytest.raises(FileWriteError, match="could not be saved: the file is too large"):
        service.import_private_key(failed.key.hex(), "Lost")
    assert service.vault_path.read_bytes() == before and _no_temp_files(service.vault_path.parent)
    assert service.accounts.all() == accounts

    # The next successful save writes the new key only, never the one whose save failed.
    kept = EthAccount.create()
    service.import_private_key(kept.key.hex(), "Kept")
    assert _stored_keys(service) == [bytes(kept.key)]
    # And the failed key can be imported again (nothing half-remembers it).
    again = service.import_private_key(failed.key.hex(), "Again")
    assert again.address == failed.address and _stored_keys(service) == [bytes(kept.key), bytes(failed.key)]


def test_failed_keystore_import_changes_nothing(service: HotWalletService) -> None:
    before = service.vault_path.read_bytes()
    keystore = json.dumps(EthAccount.encrypt(EthAccount.create().key, "geth-pass", kdf="pbkdf2", iterations=1000))
    with writes_fail(), pytest.raises(FileWriteError):
        service.import_keystore_v3(keystore, "geth-pass", "From geth")
    assert service.vault_path.read_bytes() == before
    assert [a.kind for a in service.accounts.all()] == [AccountKind.HOT_HD]
    service.lock()
    service.unlock(PASSWORD)
    assert _stored_keys(service) == []


def test_failed_wallet_creation_leaves_no_wallet(tmp_path: Path) -> None:
    wallet = make_service(tmp_path)
    phrase = generate_mnemonic(12)
    with writes_fail(), pytest.raises(FileWriteError):
        wallet.create(phrase, "", PASSWORD, "Main")
    assert not wallet.has_wallet() and not wallet.is_unlocked and wallet.accounts.all() == []
    assert _no_temp_files(tmp_path)
    first = wallet.create(phrase, "", PASSWORD, "Main")  # and it can be done again
    assert first.address == EthAccount.from_mnemonic(phrase.phrase, account_path=first.derivation_path).address


def test_failed_password_change_keeps_the_old_password(service: HotWalletService) -> None:
    before = service.vault_path.read_bytes()
    with writes_fail(), pytest.raises(FileWriteError):
        service.change_password(PASSWORD, NEW_PASSWORD)
    assert service.vault_path.read_bytes() == before
    # Memory kept the old key too: the next save is still under the old password.
    key = EthAccount.create()
    service.import_private_key(key.key.hex(), "After")
    assert _stored_keys(service, PASSWORD) == [bytes(key.key)]
    with pytest.raises(WrongPasswordError):
        Vault.open(service.vault_path, NEW_PASSWORD)


def test_failed_account_removal_keeps_the_account(service: HotWalletService) -> None:
    key = EthAccount.create()
    imported = service.import_private_key(key.key.hex(), "Imported")
    before = service.vault_path.read_bytes()
    with writes_fail(), pytest.raises(FileWriteError):
        service.remove_account(imported)
    assert service.vault_path.read_bytes() == before
    assert service.accounts.get(imported.id) == imported
    signer, path = service.signer_for(imported)
    assert signer.address(path) == imported.address  # still usable

    service.remove_account(imported)
    assert _stored_keys(service) == [] and imported not in service.accounts.all()
    assert signer.locked  # the key left memory with the account


def test_removing_an_hd_account_keeps_the_phrase(service: HotWalletService) -> None:
    main = service.accounts.all()[0]
    second = service.add_hd_account("Second")
    service.remove_account(second)
    assert service.accounts.all() == [main]
    assert service.add_hd_account("Again").address == second.address  # the same phrase, the same path
    cold = service.accounts.add("Watch", AccountKind.WATCH, EthAccount.create().address)
    with pytest.raises(NotHotAccountError):
        service.remove_account(cold)


def test_export_errors_are_typed(service: HotWalletService) -> None:
    main = service.accounts.all()[0]
    exported = service.export_keystore_v3(main, "export-pass-77")
    signer, path = service.signer_for(main)
    assert decrypt_keystore(exported, "export-pass-77") == signer.private_key_for_export(path)
    watch = service.accounts.add("Watch", AccountKind.WATCH, EthAccount.create().address)
    with pytest.raises(WeakPasswordError):
        service.export_keystore_v3(main, "123")
    with pytest.raises(NotHotAccountError):
        service.export_keystore_v3(watch, "export-pass-77")
    service.lock()
    with pytest.raises(SignerLockedError):
        service.export_keystore_v3(main, "export-pass-77")
