"""The hot wallet's secrets at rest: one file, encrypted under a key stretched from the password.

Format (JSON): a header ``{format, version, id, kdf: {scrypt n, r, p, salt}, cipher: {aes-256-gcm,
nonce}}`` and ``ciphertext``. The header is the AEAD's associated data, so changing a KDF parameter
or the id makes decryption fail just like a wrong password. The plaintext (recovery phrases,
imported keys) never touches the disk unencrypted; writes are atomic (temp file, fsync, rename), so
a crash mid-save leaves the previous vault intact.

Reading treats the file as untrusted: every field is checked for type, length and range before the
KDF runs, so any damage is a ``VaultCorruptError`` naming what is wrong (a wrong password or an
altered header, ``WrongPasswordError``). A change to the contents goes through ``replace_contents``,
which adopts the new contents only once they are on disk: a failed save (``FileWriteError``) leaves
memory and file as they were.

Python cannot promise to erase ``str`` copies of secrets; what the vault holds in ``bytearray``s
(the derived key, the plaintext) is zeroed on ``close()``.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wallet.errors import FileReadError, WalletError
from wallet.store.atomic import atomic_write_text
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.untrusted_json import UntrustedJsonError, loads_untrusted

VAULT_FORMAT = "deskwallet-vault"
VAULT_VERSION = 1
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
# What a vault file may ask of the KDF when read: beyond this a (hostile) file could exhaust memory.
MAX_SCRYPT_N = 2**21
MAX_SCRYPT_R = 16
MAX_SCRYPT_P = 4
MAX_SCRYPT_MEMORY_BYTES = 2**30
MAX_ID_CHARS = 64
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})*")
# A vault nests three levels deep; allow some slack, never the thousands that crash the parser.
MAX_JSON_DEPTH = 8
T = TypeVar("T")


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

    def with_key(self, secret: KeySecret) -> VaultContents:
        return VaultContents(hd=list(self.hd), keys=[*self.keys, secret])

    def without_key(self, secret_id: str) -> VaultContents:
        return VaultContents(hd=list(self.hd), keys=[k for k in self.keys if k.id != secret_id])

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
    return bytearray(hashlib.scrypt(normalized, salt=salt, n=kdf.n, r=kdf.r, p=kdf.p,
                                    maxmem=2 * scrypt_memory_bytes(kdf), dklen=KEY_BYTES))


def scrypt_memory_bytes(kdf: KdfParams) -> int:
    return 128 * kdf.r * (kdf.n + kdf.p + 2)


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
        try:
            vault.save()
        except BaseException:
            vault.close()
            raise
        return vault

    @classmethod
    def open(cls, path: Path, password: str) -> Vault:
        document = _read_document(path)
        try:
            key = derive_key(password, document.salt, document.kdf)
        except (ValueError, MemoryError):  # OpenSSL refused the parameters or could not get the memory
            raise VaultCorruptError(name=path.name, reason=_KDF_OUT_OF_RANGE) from None
        try:
            plaintext = bytearray(AESGCM(bytes(key)).decrypt(document.nonce, document.ciphertext,
                                                            _aad(document.header)))
        except InvalidTag:
            _zero(key)
            raise WrongPasswordError() from None
        try:
            contents: VaultContents | None = VaultContents.from_json(bytes(plaintext))
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            contents = None  # raised below, outside this block: the parser's error holds the plaintext
        finally:
            _zero(plaintext)
        if contents is None:
            _zero(key)
            raise VaultCorruptError(name=path.name, reason=QT_TRANSLATE_NOOP("WalletError", "unreadable contents"))
        return cls(path, document.id, document.salt, document.kdf, key, contents)

    def save(self) -> None:
        """Encrypt the contents with a fresh nonce and replace the file atomically."""
        self._write(self.contents)

    def replace_contents(self, contents: VaultContents) -> None:
        """Save ``contents`` and only then make them this vault's: if the save fails (``FileWriteError``),
        memory and disk both keep the previous contents, so no later save can write a half-done change."""
        self._write(contents)
        self.contents = contents

    def _write(self, contents: VaultContents) -> None:
        header: dict[str, Any] = {"format": VAULT_FORMAT, "version": VAULT_VERSION, "id": self.id,
                  "kdf": {"name": "scrypt", "n": self._kdf.n, "r": self._kdf.r, "p": self._kdf.p,
                          "salt": self._salt.hex()},
                  "cipher": {"name": "aes-256-gcm", "nonce": secrets.token_bytes(NONCE_BYTES).hex()}}
        plaintext = bytearray(contents.to_json())
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
    return _read_document(path).id


@dataclass(frozen=True)
class _Document:
    """A vault file whose every field has been checked for type, range and length."""

    header: dict[str, Any]
    id: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    ciphertext: bytes


def _read_document(path: Path) -> _Document:
    """Read and check the vault file: every way it can be malformed is a ``VaultCorruptError``, and
    an unreadable one a ``FileReadError`` (a missing one stays ``FileNotFoundError``: callers ask
    ``exists()`` first)."""
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise FileReadError.from_os_error(path.name, error) from None
    try:
        return _parse_document(text)
    except _MalformedError as error:
        raise VaultCorruptError(name=path.name, reason=error.reason) from None


class _MalformedError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_NOT_A_WALLET_FILE = QT_TRANSLATE_NOOP("WalletError", "not a wallet file")
_KDF_OUT_OF_RANGE = QT_TRANSLATE_NOOP("WalletError", "key-derivation parameters out of range")
_MALFORMED_BYTES = QT_TRANSLATE_NOOP("WalletError", "a malformed salt, nonce or ciphertext")


def _parse_document(data: bytes) -> _Document:
    try:
        document = loads_untrusted(data, MAX_JSON_DEPTH)
    except UntrustedJsonError:
        raise _MalformedError(_NOT_A_WALLET_FILE) from None
    header = _field(document, "header", dict)
    kdf = _field(header, "kdf", dict)
    cipher = _field(header, "cipher", dict)
    if not (_field(header, "format", str) == VAULT_FORMAT and _field(header, "version", int) == VAULT_VERSION
            and _field(kdf, "name", str) == "scrypt" and _field(cipher, "name", str) == "aes-256-gcm"):
        raise _MalformedError(QT_TRANSLATE_NOOP("WalletError", "unknown format or version"))
    vault_id = _field(header, "id", str)
    params = KdfParams(_field(kdf, "n", int), _field(kdf, "r", int), _field(kdf, "p", int))
    if not (2 <= params.n <= MAX_SCRYPT_N and params.n & (params.n - 1) == 0
            and 1 <= params.r <= MAX_SCRYPT_R and 1 <= params.p <= MAX_SCRYPT_P
            and scrypt_memory_bytes(params) <= MAX_SCRYPT_MEMORY_BYTES):
        raise _MalformedError(_KDF_OUT_OF_RANGE)
    if not 0 < len(vault_id) <= MAX_ID_CHARS:
        raise _MalformedError(_NOT_A_WALLET_FILE)
    salt = _hex_field(kdf, "salt", SALT_BYTES, SALT_BYTES)
    nonce = _hex_field(cipher, "nonce", NONCE_BYTES, NONCE_BYTES)
    ciphertext = _hex_field(document, "ciphertext", TAG_BYTES, None)
    return _Document(header, vault_id, params, salt, nonce, ciphertext)


def _field(container: object, name: str, kind: type[T]) -> T:
    """``container[name]``, if ``container`` is an object and the value exactly a ``kind``
    (``True`` is no ``int`` here)."""
    value = container.get(name) if isinstance(container, dict) else None
    if type(value) is not kind:
        raise _MalformedError(_NOT_A_WALLET_FILE)
    return value


def _hex_field(container: object, name: str, min_bytes: int, max_bytes: int | None) -> bytes:
    """Lower- or upper-case hex digits only (``bytes.fromhex`` alone would skip spaces)."""
    text = _field(container, name, str)
    if not (_HEX.fullmatch(text) and min_bytes <= len(text) // 2 <= (max_bytes or len(text))):
        raise _MalformedError(_MALFORMED_BYTES)
    return bytes.fromhex(text)


def _aad(header: dict[str, Any]) -> bytes:
    """The header as canonical JSON, minus the nonce (which is the AEAD's own input)."""
    bound = {k: v for k, v in header.items() if k != "cipher"} | {"cipher": header["cipher"]["name"]}
    return json.dumps(bound, sort_keys=True, separators=(",", ":")).encode()


def _zero(buffer: bytearray) -> None:
    buffer[:] = bytes(len(buffer))
