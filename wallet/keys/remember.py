"""Opt-in "remember on this computer": the vault password in the OS keyring (Keychain, Credential
Manager, Secret Service). Off by default; everything works without a keyring backend."""

from __future__ import annotations

import logging

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

KEYRING_SERVICE = "DeskWallet vault"
log = logging.getLogger(__name__)


class KeyringUnavailableError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This computer has no usable system keyring, so the password cannot be remembered.")


def remember_password(vault_id: str, password: str) -> None:
    import keyring  # imported when used: finding backends costs start-up time
    import keyring.errors

    try:
        keyring.set_password(KEYRING_SERVICE, vault_id, password)
    except keyring.errors.KeyringError:
        raise KeyringUnavailableError() from None


def recall_password(vault_id: str) -> str | None:
    import keyring
    import keyring.errors

    try:
        return keyring.get_password(KEYRING_SERVICE, vault_id)
    except keyring.errors.KeyringError:
        return None


def forget_password(vault_id: str) -> None:
    import keyring
    import keyring.errors

    try:
        keyring.delete_password(KEYRING_SERVICE, vault_id)
    except keyring.errors.PasswordDeleteError:
        pass  # nothing was remembered
    except keyring.errors.KeyringError:
        log.info("keyring unavailable while forgetting the password")
