"""The initiator's secret at rest: encrypted with AES-256-GCM under a key derived from the wallet.

The key is SHA-256 of the account's EIP-191 signature over a fixed message. Hot keys and hardware
wallets sign deterministically (RFC 6979), so the same account always yields the same key, and only
that account can make it: the secret is as safe as the key that locks the funds, never plaintext on
disk, and a locked wallet is unlocked once (its password) to sign the swap anyway. The swap's id is
the associated data, so a sealed secret cannot be moved to another swap.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wallet.accounts.signer import Signer
from wallet.dex.atomic.htlc_terms import PREIMAGE_BYTES
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

SEALING_MESSAGE = b"DeskWallet: derive the key that encrypts my atomic swap secrets (v1). Never sign this elsewhere."
NONCE_BYTES = 12


class SecretUnreadableError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The swap's secret cannot be decrypted with this wallet's key (another wallet, or damaged).")


def new_secret() -> bytes:
    return secrets.token_bytes(PREIMAGE_BYTES)


def offer_secret(key: bytes, nonce: int) -> bytes:
    """The secret of a version-2 offer (one with a UTXO leg, whose hash the offer carries): derived
    from the maker's sealing key and the offer's random nonce, so the maker's wallet can make it
    again when the swap starts and nobody else can make it at all."""
    return hmac.new(key, b"DeskWallet swap offer secret v2" + nonce.to_bytes(32, "big"), hashlib.sha256).digest()


def sealing_key(signer: Signer, path: str | None) -> bytes:
    return hashlib.sha256(signer.sign_message(path, SEALING_MESSAGE)).digest()


def seal(secret: bytes, key: bytes, swap_id: str) -> dict[str, str]:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return {"nonce": nonce.hex(), "ciphertext": AESGCM(key).encrypt(nonce, secret, swap_id.encode()).hex()}


def unseal(sealed: dict[str, str], key: bytes, swap_id: str) -> bytes:
    try:
        secret = AESGCM(key).decrypt(bytes.fromhex(sealed["nonce"]), bytes.fromhex(sealed["ciphertext"]),
                                     swap_id.encode())
    except (InvalidTag, KeyError, ValueError):
        raise SecretUnreadableError() from None
    if len(secret) != PREIMAGE_BYTES:
        raise SecretUnreadableError()
    return secret
