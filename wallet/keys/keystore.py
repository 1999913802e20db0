"""Ethereum keystore v3 files (geth, MetaMask, MyEtherWallet): one private key under a password.

A file to import is untrusted: before eth-account runs its KDF, every field is checked here for
type, length and range, so a malformed file is a ``KeystoreImportError`` that says why (never a
bare ``ValueError``/``TypeError`` from deep inside a library), and a hostile one cannot make the
KDF take gigabytes or hours. The layout and accepted algorithms are geth's
(``accounts/keystore/passphrase.go``): AES-128-CTR, scrypt or PBKDF2-HMAC-SHA256, a 32-byte
derived key whose second half authenticates the ciphertext (keccak MAC). Key names are
case-insensitive, as MyEtherWallet wrote ``Crypto``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from eth_account import Account as EthAccount

from wallet.errors import FileReadError, WalletError
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.untrusted_json import UntrustedJsonError, loads_untrusted

KEYSTORE_VERSION = 3
MAX_KEYSTORE_CHARS = 64 * 1024  # real files are under 1 KiB
MAX_JSON_DEPTH = 8  # real files nest three levels deep
DKLEN_BYTES = 32
IV_BYTES = 16
PRIVATE_KEY_BYTES = 32
MAC_BYTES = 32
MIN_SALT_BYTES = 8
MAX_SALT_BYTES = 128
# geth's "standard" scrypt is n=2^18, r=8, p=1 (256 MiB); allow up to 1 GiB and 16 times its work.
MAX_SCRYPT_N = 2**20
MAX_SCRYPT_R = 32
MAX_SCRYPT_P = 16
MAX_SCRYPT_MEMORY_BYTES = 2**30
MAX_SCRYPT_WORK = 16 * 2**18 * 8
# eth-account writes 1,000,000 PBKDF2 rounds; ten times that is still seconds, not hours.
MAX_PBKDF2_ROUNDS = 10_000_000

_HEX = re.compile(r"(?:0x)?((?:[0-9a-fA-F]{2})*)")


class KeystoreImportError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The keystore file could not be opened: {reason}")


_NOT_JSON = QT_TRANSLATE_NOOP("WalletError", "not JSON")
_NOT_KEYSTORE = QT_TRANSLATE_NOOP("WalletError", "not a keystore v3 file")
_WRONG_PASSWORD = QT_TRANSLATE_NOOP("WalletError", "wrong password")
_UNSUPPORTED_KDF = QT_TRANSLATE_NOOP("WalletError", "an unsupported key-derivation function")
_UNSUPPORTED_CIPHER = QT_TRANSLATE_NOOP("WalletError", "an unsupported cipher")
_KDF_OUT_OF_RANGE = QT_TRANSLATE_NOOP("WalletError", "key-derivation parameters out of range")
_MALFORMED_HEX = QT_TRANSLATE_NOOP("WalletError", "a malformed salt, IV, ciphertext or MAC")
_OTHER_ADDRESS = QT_TRANSLATE_NOOP("WalletError", "the key does not match the address in the file")


def read_keystore_file(path: Path) -> str:
    """The text of a keystore file the user picked: ``FileReadError`` if it cannot be read,
    ``KeystoreImportError`` if it is too large or not UTF-8 (a byte-order mark, as Notepad
    writes, is fine). At most ``MAX_KEYSTORE_CHARS`` UTF-8 bytes are read, whatever its size."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_KEYSTORE_CHARS + 1)
    except OSError as error:
        raise FileReadError.from_os_error(path.name, error) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KeystoreImportError(reason=_NOT_KEYSTORE) from None
    if len(data) > MAX_KEYSTORE_CHARS:
        raise KeystoreImportError(reason=_NOT_KEYSTORE)
    return text


def decrypt_keystore(text: str, password: str) -> bytes:
    """The private key in keystore v3 ``text``; ``KeystoreImportError`` for anything else."""
    if len(text) > MAX_KEYSTORE_CHARS:
        raise KeystoreImportError(reason=_NOT_KEYSTORE)
    try:
        document = loads_untrusted(text, MAX_JSON_DEPTH)
    except UntrustedJsonError as error:
        raise KeystoreImportError(reason=_NOT_KEYSTORE if error.too_deep else _NOT_JSON) from None
    keystore = _checked(document)
    try:
        key = bytes(EthAccount.decrypt(keystore, password))
    except ValueError as error:  # after _checked, the MAC is all a well-formed file can still fail
        raise KeystoreImportError(reason=_WRONG_PASSWORD if "MAC mismatch" in str(error) else _NOT_KEYSTORE) \
            from None
    except (TypeError, KeyError):
        raise KeystoreImportError(reason=_NOT_KEYSTORE) from None
    try:
        address = EthAccount.from_key(key).address
    except ValueError:  # zero or beyond the curve order: a forged file, since the MAC matched
        raise KeystoreImportError(reason=_NOT_KEYSTORE) from None
    expected = keystore.get("address")
    if expected is not None and address.lower().removeprefix("0x") != expected.lower().removeprefix("0x"):
        raise KeystoreImportError(reason=_OTHER_ADDRESS)
    return key


def encrypt_keystore(private_key: bytes, password: str) -> str:
    """Keystore v3 JSON (scrypt at geth's standard cost) that geth and MetaMask import."""
    return json.dumps(EthAccount.encrypt(private_key, password, kdf="scrypt"))


def _checked(document: object) -> dict[str, Any]:
    """The keystore with lower-cased keys, every field the decryption reads checked."""
    keystore = _lowercase_keys(document)
    if not isinstance(keystore, dict):
        raise KeystoreImportError(reason=_NOT_KEYSTORE)
    if _field(keystore, "version", int) != KEYSTORE_VERSION:
        raise KeystoreImportError(reason=_NOT_KEYSTORE)
    crypto = _field(keystore, "crypto", dict)
    if _field(crypto, "cipher", str) != "aes-128-ctr":
        raise KeystoreImportError(reason=_UNSUPPORTED_CIPHER)
    _hex(_field(crypto, "cipherparams", dict), "iv", IV_BYTES, IV_BYTES)
    _hex(crypto, "ciphertext", PRIVATE_KEY_BYTES, PRIVATE_KEY_BYTES)
    _hex(crypto, "mac", MAC_BYTES, MAC_BYTES)
    kdf = _field(crypto, "kdf", str)
    params = _field(crypto, "kdfparams", dict)
    _hex(params, "salt", MIN_SALT_BYTES, MAX_SALT_BYTES)
    if _field(params, "dklen", int) != DKLEN_BYTES:
        raise KeystoreImportError(reason=_KDF_OUT_OF_RANGE)
    if kdf == "scrypt":
        n, r, p = (_field(params, name, int) for name in ("n", "r", "p"))
        if not (2 <= n <= MAX_SCRYPT_N and n & (n - 1) == 0 and 1 <= r <= MAX_SCRYPT_R and 1 <= p <= MAX_SCRYPT_P
                and 128 * n * r <= MAX_SCRYPT_MEMORY_BYTES and n * r * p <= MAX_SCRYPT_WORK):
            raise KeystoreImportError(reason=_KDF_OUT_OF_RANGE)
    elif kdf == "pbkdf2":
        if _field(params, "prf", str) != "hmac-sha256":
            raise KeystoreImportError(reason=_UNSUPPORTED_KDF)
        if not 1 <= _field(params, "c", int) <= MAX_PBKDF2_ROUNDS:
            raise KeystoreImportError(reason=_KDF_OUT_OF_RANGE)
    else:
        raise KeystoreImportError(reason=_UNSUPPORTED_KDF)
    address = keystore.get("address")
    if address is not None and not (isinstance(address, str) and re.fullmatch(r"(?:0x)?[0-9a-fA-F]{40}", address)):
        raise KeystoreImportError(reason=_NOT_KEYSTORE)
    return keystore


def _lowercase_keys(value: object) -> Any:
    """``value`` with every object's keys lower-cased; two keys that differ only in case are refused
    (which of them would a library read?)."""
    if not isinstance(value, dict):
        return value
    lowered = {key.lower(): _lowercase_keys(item) for key, item in value.items()}
    if len(lowered) != len(value):
        raise KeystoreImportError(reason=_NOT_KEYSTORE)
    return lowered


def _field(container: object, name: str, kind: type[Any]) -> Any:
    """``container[name]`` if ``container`` is an object and the value exactly a ``kind``
    (``True`` is no ``int`` here)."""
    value = container.get(name) if isinstance(container, dict) else None
    if type(value) is not kind:
        raise KeystoreImportError(reason=_NOT_KEYSTORE)
    return value


def _hex(container: object, name: str, min_bytes: int, max_bytes: int) -> None:
    match = _HEX.fullmatch(_field(container, name, str))
    if match is None or not min_bytes <= len(match.group(1)) // 2 <= max_bytes:
        raise KeystoreImportError(reason=_MALFORMED_HEX)
