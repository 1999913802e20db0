"""The hot wallet: create or restore from a recovery phrase, unlock and lock, derive and import
accounts, and hand out signers while unlocked.

Secrets live only in the vault (encrypted) and, while unlocked, in this service's signers; the
account database holds addresses and paths. Every method here may block (scrypt takes a quarter of
a second on purpose): the UI calls them off its thread.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from coincurve import PrivateKey
from embit import bip32  # type: ignore[import-untyped]

from wallet.accounts.hot import HotSigner, address_of_private_key
from wallet.accounts.model import Account, AccountKind
from wallet.accounts.signer import SignerLockedError
from wallet.errors import WalletError
from wallet.keys.derivation import HdKeychain
from wallet.keys.keystore import decrypt_keystore, encrypt_keystore
from wallet.keys.mnemonic import ValidMnemonic, mnemonic_to_seed
from wallet.keys.password import require_acceptable
from wallet.keys.paths import EthPathLayout
from wallet.keys.remember import forget_password, recall_password, remember_password
from wallet.keys.vault import HdSecret, KdfParams, KeySecret, Vault, VaultContents, new_secret_id, read_vault_id
from wallet.store.accounts import AccountStore, DuplicateAccountError
from wallet.translatable import QT_TRANSLATE_NOOP


class WalletExistsError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "A hot wallet already exists on this computer.")


class NoWalletError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "There is no hot wallet on this computer yet.")


class NotHotAccountError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Account {name} has no keys on this computer.")


class InvalidPrivateKeyError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This is not a valid private key: {reason}")


class NoRecoveryPhraseError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This wallet has no recovery phrase.")


class HotWalletService:
    def __init__(self, accounts: AccountStore, vault_path: Path, kdf: KdfParams | None = None) -> None:
        self.accounts = accounts
        self.vault_path = vault_path
        self._kdf = kdf
        self._vault: Vault | None = None
        self._signers: dict[str, HotSigner] = {}
        self._lock = threading.RLock()

    # --- state --------------------------------------------------------------------------------
    def has_wallet(self) -> bool:
        return self.vault_path.exists()

    @property
    def is_unlocked(self) -> bool:
        return self._vault is not None

    def create(self, mnemonic: ValidMnemonic, passphrase: str, password: str, first_account_name: str,
               layout: EthPathLayout = EthPathLayout.BIP44) -> Account:
        """Create the vault for a new or restored recovery phrase, unlock it, derive account 0."""
        require_acceptable(password)
        with self._lock:
            if self.has_wallet():
                raise WalletExistsError()
            secret = HdSecret(new_secret_id(), mnemonic.phrase, mnemonic.language, passphrase)
            self._open(Vault.create(self.vault_path, password, VaultContents(hd=[secret]), self._kdf))
            return self.add_hd_account(first_account_name, layout)

    def unlock(self, password: str) -> None:
        if not self.has_wallet():
            raise NoWalletError()
        vault = Vault.open(self.vault_path, password)
        with self._lock:
            self.lock()
            self._open(vault)

    def unlock_with_remembered_password(self) -> bool:
        """Unlock with the password in the OS keyring, if the user chose to remember it."""
        if not self.has_wallet():
            return False
        password = recall_password(read_vault_id(self.vault_path))
        if password is None:
            return False
        self.unlock(password)
        return True

    def lock(self) -> None:
        """Forget every key: signers wiped, vault key zeroed."""
        with self._lock:
            for signer in self._signers.values():
                signer.wipe()
            self._signers = {}
            if self._vault is not None:
                self._vault.close()
                self._vault = None

    def remember_password(self, password: str) -> None:
        Vault.open(self.vault_path, password).close()  # only a correct password is stored
        remember_password(read_vault_id(self.vault_path), password)

    def forget_password(self) -> None:
        if self.has_wallet():
            forget_password(read_vault_id(self.vault_path))

    def change_password(self, old_password: str, new_password: str) -> None:
        require_acceptable(new_password)
        Vault.open(self.vault_path, old_password).close()  # proves the old password
        with self._lock:
            self._require_vault().change_password(new_password)
        vault_id = read_vault_id(self.vault_path)
        if recall_password(vault_id) is not None:
            remember_password(vault_id, new_password)

    def recovery_phrase(self, password: str) -> list[str]:
        """The recovery phrase's words, for showing them again. The password is checked against the
        vault file each time, even while unlocked: an unlocked wallet left alone must not reveal them."""
        vault = Vault.open(self.vault_path, password)
        try:
            hd = vault.contents.hd
            if not hd:
                raise NoRecoveryPhraseError()
            return hd[0].phrase.split()
        finally:
            vault.close()

    # --- accounts -----------------------------------------------------------------------------
    def add_hd_account(self, name: str, layout: EthPathLayout = EthPathLayout.BIP44) -> Account:
        """The next unused account of the recovery phrase in ``layout``."""
        with self._lock:
            secret = self._require_vault().contents.hd[0]
            used = {a.derivation_path for a in self.accounts.by_secret(secret.id)}
            index = next(i for i in range(len(used) + 1) if layout.path(i) not in used)
            path = layout.path(index)
            signer = self._signer(secret.id)
            # The account-level xpub (m/44'/60'/a'), what watch-only wallets import.
            xpub = signer.extended_public_key("/".join(path.split("/")[:4]))
            return self.accounts.add(name, AccountKind.HOT_HD, signer.address(path), path, secret.id, xpub)

    def import_private_key(self, key_hex: str, name: str) -> Account:
        """A single-key hot account. If the vault cannot be saved, the key is forgotten again:
        nothing in memory could reach the disk later without an account pointing at it."""
        key = _parse_private_key(key_hex)
        address = address_of_private_key(key)
        with self._lock:
            vault = self._require_vault()
            if any(a.address == address and a.kind.is_hot for a in self.accounts.all()):
                raise DuplicateAccountError(address=address)
            before = vault.contents
            secret = KeySecret(new_secret_id(), key)
            vault.replace_contents(before.with_key(secret))
            try:
                account = self.accounts.add(name, AccountKind.HOT_KEY, address, None, secret.id)
            except BaseException:
                with contextlib.suppress(WalletError):  # if this fails too, the key stays on disk, unused
                    vault.replace_contents(before)
                raise
            self._signers[secret.id] = HotSigner(private_key=key)
            return account

    def import_keystore_v3(self, keystore_json: str, keystore_password: str, name: str) -> Account:
        """A geth/MetaMask keystore v3 file becomes a single-key hot account."""
        return self.import_private_key(decrypt_keystore(keystore_json, keystore_password).hex(), name)

    def export_keystore_v3(self, account: Account, export_password: str) -> str:
        """The account's key as keystore v3 JSON (scrypt), for geth, MetaMask and others."""
        require_acceptable(export_password)
        signer, path = self.signer_for(account)
        return encrypt_keystore(signer.private_key_for_export(path), export_password)

    def remove_account(self, account: Account) -> None:
        """Forget a hot account. An imported key leaves the vault with it (saved first: if that
        fails, nothing changed); an HD account's recovery phrase stays, as the others derive from it."""
        if not account.kind.is_hot or account.secret_id is None:
            raise NotHotAccountError(name=account.name)
        with self._lock:
            if account.kind is not AccountKind.HOT_KEY:
                self.accounts.remove(account.id)
                return
            vault = self._require_vault()
            before = vault.contents
            vault.replace_contents(before.without_key(account.secret_id))
            try:
                self.accounts.remove(account.id)
            except BaseException:
                with contextlib.suppress(WalletError):
                    vault.replace_contents(before)
                raise
            signer = self._signers.pop(account.secret_id, None)
            if signer is not None:
                signer.wipe()

    def signer_for(self, account: Account) -> tuple[HotSigner, str | None]:
        """The signer and key path for a hot account. Cold accounts never get here."""
        if not account.kind.is_hot or account.secret_id is None:
            raise NotHotAccountError(name=account.name)
        with self._lock:
            self._require_vault()
            return self._signer(account.secret_id), account.derivation_path

    def utxo_root(self, account: Account) -> Any:
        """The embit BIP-32 root (``HDKey``) of a hot HD account's seed, for Bitcoin-family signing
        (BIP-84 derives from the same seed as the account's Ethereum keys). Held only while needed."""
        if not account.kind.is_hot or account.secret_id is None:
            raise NotHotAccountError(name=account.name)
        with self._lock:
            hd = next((s for s in self._require_vault().contents.hd if s.id == account.secret_id), None)
            if hd is None:
                raise NoRecoveryPhraseError()
            return bip32.HDKey.from_seed(mnemonic_to_seed(ValidMnemonic(hd.phrase, hd.language), hd.passphrase))

    # --- internals ----------------------------------------------------------------------------
    def _open(self, vault: Vault) -> None:
        self._vault = vault
        self._signers = {}

    def _require_vault(self) -> Vault:
        if self._vault is None:
            raise SignerLockedError()
        return self._vault

    def _signer(self, secret_id: str) -> HotSigner:
        signer = self._signers.get(secret_id)
        if signer is None:
            contents = self._require_vault().contents
            hd = next((s for s in contents.hd if s.id == secret_id), None)
            if hd is not None:
                seed = mnemonic_to_seed(ValidMnemonic(hd.phrase, hd.language), hd.passphrase)
                signer = HotSigner(keychain=HdKeychain(seed))
            else:
                key = next(k for k in contents.keys if k.id == secret_id)
                signer = HotSigner(private_key=key.private_key)
            self._signers[secret_id] = signer
        return signer


def _parse_private_key(text: str) -> bytes:
    digits = text.strip().removeprefix("0x").removeprefix("0X")
    if len(digits) != 64:
        raise InvalidPrivateKeyError(reason=QT_TRANSLATE_NOOP("WalletError", "it must be 64 hex digits"))
    try:
        key = bytes.fromhex(digits)
    except ValueError:
        raise InvalidPrivateKeyError(reason=QT_TRANSLATE_NOOP("WalletError", "it must be 64 hex digits")) from None
    try:
        PrivateKey(key)
    except ValueError:
        raise InvalidPrivateKeyError(
            reason=QT_TRANSLATE_NOOP("WalletError", "it is outside the curve's range")) from None
    return key
