"""The hot wallet's secrets at rest: one file, encrypted under a key stretched from the password.

Format (JSON): a header ``{format, version, id, kdf: {scrypt n, r, p, salt}, cipher: {aes-256-gcm,
nonce}}`` and ``ciphertext``. The header is the AEAD's associated data, so changing a KDF parameter
or the id makes decryption fail just like a wrong password. The plaintext (recovery phrases,
imported keys) never touches the disk unencrypted; writes are atomic (temp file, fsync, rename), so
a crash mid-save leaves the previous vault intact.

Python cannot promise to erase ``str`` copies of secrets; what the vault holds in ``bytearray``s
(the derived key, the plaintext) is zeroed on ``close()``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wallet.errors import WalletError
from wallet.store.atomic import atomic_write_text
from wallet.translatable import QT_TRANSLATE_NOOP

VAULT_FORMAT = "deskwallet-vault"
VAULT_VERSION = 1
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
# What a vault file may ask of the KDF when read: beyond this a (hostile) file could exhaust memory.
MAX_SCRYPT_N = 2**21
MAX_SCRYPT_R = 16
MAX_SCRYPT_P = 4
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12


class WrongPasswordError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Wrong password (or the wallet file was altered).")


class VaultCorruptError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The wallet file {name} is damaged: {reason}")


@dataclass(frozen=True)
class KdfParams:
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P


@dataclass
class HdSecret:
    id: str
    phrase: str = field(repr=False)
    language: str
    passphrase: str = field(repr=False)


@dataclass
class KeySecret:
    id: str
    private_key: bytes = field(repr=False)


@dataclass
class VaultContents:
    hd: list[HdSecret] = field(default_factory=list)
    keys: list[KeySecret] = field(default_factory=list)

    def to_json(self) -> bytes:
        return json.dumps({
            "hd": [{"id": s.id, "phrase": s.phrase, "language": s.language, "passphrase": s.passphrase}
                   for s in self.hd],
            "keys": [{"id": k.id, "private_key": k.private_key.hex()} for k in self.keys],
        }).encode()

    @classmethod
    def from_json(cls, data: bytes) -> VaultContents:
        raw = json.loads(data)
        return cls(hd=[HdSecret(s["id"], s["phrase"], s["language"], s["passphrase"]) for s in raw["hd"]],
                   keys=[KeySecret(k["id"], bytes.fromhex(k["private_key"])) for k in raw["keys"]])


def new_secret_id() -> str:
    return uuid.uuid4().hex


def derive_key(password: str, salt: bytes, kdf: KdfParams) -> bytearray:
    """scrypt over the NFKC-normalised password (the same text typed through any input method)."""
    normalized = unicodedata.normalize("NFKC", password).encode()
    memory = 128 * kdf.r * (kdf.n + kdf.p + 2)
    return bytearray(hashlib.scrypt(normalized, salt=salt, n=kdf.n, r=kdf.r, p=kdf.p,
                                    maxmem=2 * memory, dklen=KEY_BYTES))


class Vault:
    """An open (decrypted) vault: its contents and the key to save them again."""

    def __init__(self, path: Path, vault_id: str, salt: bytes, kdf: KdfParams, key: bytearray,
                 contents: VaultContents) -> None:
        self.path = path
        self.id = vault_id
        self._salt = salt
        self._kdf = kdf
        self._key = key
        self.contents = contents

    @classmethod
    def create(cls, path: Path, password: str, contents: VaultContents, kdf: KdfParams | None = None) -> Vault:
        kdf = kdf or KdfParams()
        salt = secrets.token_bytes(SALT_BYTES)
        vault = cls(path, uuid.uuid4().hex, salt, kdf, derive_key(password, salt, kdf), contents)
        vault.save()
        return vault

    @classmethod
    def open(cls, path: Path, password: str) -> Vault:
        document = _read_document(path)
        header = document["header"]
        kdf = KdfParams(header["kdf"]["n"], header["kdf"]["r"], header["kdf"]["p"])
        salt = bytes.fromhex(header["kdf"]["salt"])
        key = derive_key(password, salt, kdf)
        try:
            plaintext = bytearray(AESGCM(bytes(key)).decrypt(
                bytes.fromhex(header["cipher"]["nonce"]), bytes.fromhex(document["ciphertext"]), _aad(header)))
        except InvalidTag:
            _zero(key)
            raise WrongPasswordError() from None
        try:
            contents = VaultContents.from_json(bytes(plaintext))
        except (ValueError, KeyError, TypeError):
            raise VaultCorruptError(name=path.name,
                                    reason=QT_TRANSLATE_NOOP("WalletError", "unreadable contents")) from None
        finally:
            _zero(plaintext)
        return cls(path, header["id"], salt, kdf, key, contents)

    def save(self) -> None:
        """Encrypt the contents with a fresh nonce and replace the file atomically."""
        header: dict[str, Any] = {"format": VAULT_FORMAT, "version": VAULT_VERSION, "id": self.id,
                  "kdf": {"name": "scrypt", "n": self._kdf.n, "r": self._kdf.r, "p": self._kdf.p,
                          "salt": self._salt.hex()},
                  "cipher": {"name": "aes-256-gcm", "nonce": secrets.token_bytes(NONCE_BYTES).hex()}}
        plaintext = bytearray(self.contents.to_json())
        try:
            ciphertext = AESGCM(bytes(self._key)).encrypt(
                bytes.fromhex(header["cipher"]["nonce"]), bytes(plaintext), _aad(header))
        finally:
            _zero(plaintext)
        atomic_write_text(self.path, json.dumps({"header": header, "ciphertext": ciphertext.hex()}, indent=1))

    def change_password(self, new_password: str, kdf: KdfParams | None = None) -> None:
        """Re-encrypt under a new salt and key; one atomic write, so never half-changed."""
        new_kdf = kdf or self._kdf
        new_salt = secrets.token_bytes(SALT_BYTES)
        new_key = derive_key(new_password, new_salt, new_kdf)
        old = (self._salt, self._kdf, self._key)
        self._salt, self._kdf, self._key = new_salt, new_kdf, new_key
        try:
            self.save()
        except BaseException:
            self._salt, self._kdf, self._key = old
            _zero(new_key)
            raise
        _zero(old[2])

    def close(self) -> None:
        _zero(self._key)
        self.contents = VaultContents()


def read_vault_id(path: Path) -> str:
    return str(_read_document(path)["header"]["id"])


def _read_document(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        header = document["header"]
        kdf = header["kdf"]
        valid = (header["format"] == VAULT_FORMAT and header["version"] == VAULT_VERSION
                 and kdf["name"] == "scrypt" and header["cipher"]["name"] == "aes-256-gcm"
                 and isinstance(header["id"], str) and isinstance(document["ciphertext"], str)
                 and all(isinstance(kdf[k], int) for k in ("n", "r", "p")))
    except FileNotFoundError:
        raise
    except (OSError, ValueError, KeyError, TypeError):
        raise VaultCorruptError(name=path.name, reason=QT_TRANSLATE_NOOP("WalletError", "not a wallet file")) from None
    if not valid:
        raise VaultCorruptError(name=path.name, reason=QT_TRANSLATE_NOOP("WalletError", "unknown format or version"))
    if not (2 <= kdf["n"] <= MAX_SCRYPT_N and kdf["n"] & (kdf["n"] - 1) == 0
            and 1 <= kdf["r"] <= MAX_SCRYPT_R and 1 <= kdf["p"] <= MAX_SCRYPT_P):
        raise VaultCorruptError(name=path.name,
                                reason=QT_TRANSLATE_NOOP("WalletError", "key-derivation parameters out of range"))
    return dict(document)


def _aad(header: dict[str, Any]) -> bytes:
    """The header as canonical JSON, minus the nonce (which is the AEAD's own input)."""
    bound = {k: v for k, v in header.items() if k != "cipher"} | {"cipher": header["cipher"]["name"]}
    return json.dumps(bound, sort_keys=True, separators=(",", ":")).encode()


def _zero(buffer: bytearray) -> None:
    buffer[:] = bytes(len(buffer))
