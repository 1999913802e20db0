"""Malformed vault and keystore files: thousands of seeded mutations of real files, and every
outcome is either the right answer (the mutation was harmless) or a typed ``WalletError`` that
names no secret. Reading never changes the file."""

from __future__ import annotations

import json
import random
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
from eth_account import Account as EthAccount

from wallet.errors import FileReadError, WalletError
from wallet.keys.keystore import MAX_KEYSTORE_CHARS, KeystoreImportError, decrypt_keystore, read_keystore_file
from wallet.keys.vault import (
    HdSecret,
    KdfParams,
    KeySecret,
    Vault,
    VaultContents,
    VaultCorruptError,
    WrongPasswordError,
)

SEED = 20261124
MUTATIONS = 1500  # per file: about 6,000 in all
VAULT_PASSWORD = "fuzz-vault-password-17"
KEYSTORE_PASSWORD = "fuzz-keystore-password-29"
PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow"
KEY = bytes.fromhex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
SECRETS = (VAULT_PASSWORD, KEYSTORE_PASSWORD, PHRASE, "legal winner", "pass phrase 3", KEY.hex())

# The Web3 Secret Storage test vectors (geth's keystore/testdata/v3_test_vector.json).
VECTOR_KEY = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d"
VECTOR_PBKDF2 = {
    "crypto": {"cipher": "aes-128-ctr", "cipherparams": {"iv": "6087dab2f9fdbbfaddc31a909735c1e6"},
               "ciphertext": "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
               "kdf": "pbkdf2",
               "kdfparams": {"c": 262144, "dklen": 32, "prf": "hmac-sha256",
                             "salt": "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
               "mac": "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},
    "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6", "version": 3}
VECTOR_SCRYPT = {
    "crypto": {"cipher": "aes-128-ctr", "cipherparams": {"iv": "83dbcc02d8ccb40e466191a123791e0e"},
               "ciphertext": "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
               "kdf": "scrypt",
               "kdfparams": {"dklen": 32, "n": 262144, "p": 8, "r": 1,
                             "salt": "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
               "mac": "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},
    "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6", "version": 3}

# --- the mutator ---------------------------------------------------------------------------------
ODD_VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1.5, 2**31, 2**64, -(2**63), 10**400, 1e308, float("nan"), float("inf"),
    "", "x", "0x", "zz", "\u202e", "\ud800", "ｐａｓｓ", "😀" * 50, "\x00", "a" * 100_000,
    [], {}, [1, 2], {"a": {"b": {"c": []}}}, [[[[[[]]]]]],
)
UNSUPPORTED_NAMES = ("argon2", "argon2id", "SCRYPT", "pbkdf2", "scrypt", "aes-128-cbc", "aes-256-gcm",
                     "aes-128-ctr", "chacha20-poly1305", "hmac-sha512", "hmac-sha256", "none", "")
HEX_LENGTHS = (0, 1, 2, 3, 8, 15, 22, 23, 24, 25, 30, 31, 32, 33, 34, 63, 64, 65, 66, 256)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return document


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def _structural(rng: random.Random, original: bytes) -> bytes:
    document = json.loads(original)
    path = rng.choice([p for p in _paths(document) if p])
    current = _get(document, path)
    kind = rng.randrange(7)
    if kind == 0:  # a field deleted
        parent = _get(document, path[:-1])
        del parent[path[-1]]
    elif kind == 1:  # a type swap, a huge number, unicode, nested garbage
        _set(document, path, rng.choice(ODD_VALUES))
    elif kind == 2 and isinstance(current, str):  # odd, short, long or prefixed hex
        digits = "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice(HEX_LENGTHS)))
        _set(document, path, rng.choice((digits, "0x" + digits, digits.upper(), digits[:2] + " " + digits[2:],
                                         current[:-1], current + "0", current.replace("a", "g"))))
    elif kind == 3:  # an unsupported (or another file's) algorithm name
        _set(document, path, rng.choice(UNSUPPORTED_NAMES))
    elif kind == 4 and isinstance(current, int) and not isinstance(current, bool):  # a number nudged
        _set(document, path, rng.choice((current + 1, current - 1, current * 2, current // 2, -current, 0)))
    elif kind == 5:  # a non-object document
        document = rng.choice(([], [document], "text", 3, None, True))
    elif isinstance(current, dict):  # an extra or case-changed key
        if current and rng.random() < 0.5:
            key = rng.choice(list(current))
            current[key.upper()] = current.pop(key)
        else:
            current["extra"] = rng.choice(ODD_VALUES)
    return json.dumps(document, indent=rng.choice((None, 1))).encode()


def _textual(rng: random.Random, original: bytes) -> bytes:
    data = bytearray(original)
    kind = rng.randrange(6)
    position = rng.randrange(len(data))
    if kind == 0:  # bit flips
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == 1:  # truncation
        del data[position:]
    elif kind == 2:  # whitespace, harmless
        data[position:position] = rng.choice((b" ", b"\n", b"\t", b"\r\n"))
    elif kind == 3:  # random bytes
        data[position:position] = rng.randbytes(rng.randint(1, 8))
    elif kind == 4:  # a number too long for int(), nested garbage too deep for the parser
        return rng.choice((b"1" * 5000, b"[" * 100_000 + b"]" * 100_000, b'{"header":' * 50_000))
    else:  # a slice repeated
        end = min(len(data), position + rng.randint(1, 40))
        data[position:position] = data[position:end]
    return bytes(data)


def mutations(original: bytes, count: int, seed: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    for _ in range(count):
        yield (_structural if rng.random() < 0.6 else _textual)(rng, original)


def _assert_no_secret(error: WalletError) -> None:
    shown = "".join(traceback.format_exception(error)) + repr(error.params)
    for secret in SECRETS:
        assert secret not in shown


def _fuzz(path: Path, original: bytes, seed: int, attempt: Callable[[Path], None]) -> dict[str, int]:
    """Write each mutation to ``path``, run ``attempt`` on it, check the outcome; tally them."""
    outcomes: dict[str, int] = {}
    for mutated in mutations(original, MUTATIONS, seed):
        path.write_bytes(mutated)
        try:
            attempt(path)
            outcome = "ok"
        except WalletError as error:
            _assert_no_secret(error)
            outcome = type(error).__name__
        assert path.read_bytes() == mutated, "reading changed the file"
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


# --- the vault -----------------------------------------------------------------------------------
def _vault_contents() -> VaultContents:
    return VaultContents(hd=[HdSecret("hd1", PHRASE, "english", "pass phrase 3")], keys=[KeySecret("k1", KEY)])


def test_mutated_vaults_open_right_or_fail_typed(tmp_path: Path) -> None:
    original_path = tmp_path / "original.json"
    Vault.create(original_path, VAULT_PASSWORD, _vault_contents(), KdfParams(n=2**10))
    original = original_path.read_bytes()
    rng = random.Random(SEED)

    def attempt(path: Path) -> None:
        vault = Vault.open(path, VAULT_PASSWORD)
        assert vault.contents == _vault_contents()  # only a harmless mutation opens, and opens the same
        if rng.random() < 0.1:
            with pytest.raises(WalletError):
                Vault.open(path, "not the password")

    outcomes = _fuzz(tmp_path / "hot-vault.json", original, SEED, attempt)
    # The fuzzer reached every kind of outcome, not just the first check.
    assert {"ok", VaultCorruptError.__name__, WrongPasswordError.__name__} <= set(outcomes), outcomes
    assert outcomes[VaultCorruptError.__name__] > MUTATIONS // 3, outcomes


@pytest.mark.parametrize(("name", "mutation", "reason"), [
    ("salt", lambda d: d["header"]["kdf"].update(salt="abc"), "malformed salt"),
    ("short salt", lambda d: d["header"]["kdf"].update(salt="00" * 8), "malformed salt"),
    ("spaced salt", lambda d: d["header"]["kdf"].update(salt="00 " * 16), "malformed salt"),
    ("nonce", lambda d: d["header"]["cipher"].update(nonce="00" * 16), "malformed salt"),
    ("ciphertext", lambda d: d.update(ciphertext="0"), "malformed salt"),
    ("kdf", lambda d: d["header"]["kdf"].update(name="argon2"), "unknown format"),
    ("bool n", lambda d: d["header"]["kdf"].update(n=True), "not a wallet file"),
    ("huge n", lambda d: d["header"]["kdf"].update(n=2**64), "out of range"),
    ("memory", lambda d: d["header"]["kdf"].update(n=2**21, r=16), "out of range"),
    ("not an object", lambda d: d.clear() or d.update(header=[1]), "not a wallet file"),
])
def test_each_damage_is_named(tmp_path: Path, name: str, mutation: Callable[[dict[str, Any]], None],
                              reason: str) -> None:
    path = tmp_path / "hot-vault.json"
    Vault.create(path, VAULT_PASSWORD, _vault_contents(), KdfParams(n=2**10))
    document = json.loads(path.read_text())
    mutation(document)
    path.write_text(json.dumps(document))
    with pytest.raises(VaultCorruptError, match=reason):
        Vault.open(path, VAULT_PASSWORD)


# --- keystore v3 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("kdf", "seed"), [("scrypt", SEED + 1), ("pbkdf2", SEED + 2)])
def test_mutated_keystores_decrypt_right_or_fail_typed(tmp_path: Path, kdf: Literal["scrypt", "pbkdf2"],
                                                        seed: int) -> None:
    # eth-account writes geth's layout; a low work factor keeps thousands of attempts quick.
    keystore = EthAccount.encrypt(KEY, KEYSTORE_PASSWORD, kdf=kdf, iterations=2**10 if kdf == "scrypt" else 1000)
    original = json.dumps(keystore).encode()

    def attempt(path: Path) -> None:
        assert decrypt_keystore(read_keystore_file(path), KEYSTORE_PASSWORD) == KEY

    outcomes = _fuzz(tmp_path / "UTC--keystore.json", original, seed, attempt)
    assert {"ok", KeystoreImportError.__name__} == set(outcomes), outcomes


@pytest.mark.parametrize(("name", "mutation", "reason"), [
    ("argon2", lambda c: c.update(kdf="argon2"), "unsupported key-derivation"),
    ("prf", lambda c: c["kdfparams"].update(prf="hmac-sha512"), "unsupported key-derivation"),
    ("cipher", lambda c: c.update(cipher="aes-128-cbc"), "unsupported cipher"),
    ("iv", lambda c: c["cipherparams"].update(iv="00" * 12), "malformed salt, IV"),
    ("odd mac", lambda c: c.update(mac=c["mac"][:-1]), "malformed salt, IV"),
    ("rounds", lambda c: c["kdfparams"].update(c=10**12), "out of range"),
    ("dklen", lambda c: c["kdfparams"].update(dklen=16), "out of range"),
    ("params", lambda c: c.update(kdfparams=[]), "not a keystore"),
])
def test_each_keystore_damage_is_named(name: str, mutation: Callable[[dict[str, Any]], None], reason: str) -> None:
    keystore = json.loads(json.dumps(VECTOR_PBKDF2))
    mutation(keystore["crypto"])
    with pytest.raises(KeystoreImportError, match=reason):
        decrypt_keystore(json.dumps(keystore), "testpassword")


@pytest.mark.parametrize("text", ["[]", "3", '"keystore"', "null", "{}", '{"version": 3}', "{{"])
def test_non_keystore_json_is_refused(text: str) -> None:
    with pytest.raises(KeystoreImportError):
        decrypt_keystore(text, "testpassword")


@pytest.mark.parametrize("vector", [VECTOR_PBKDF2, VECTOR_SCRYPT], ids=["pbkdf2", "scrypt"])
def test_web3_secret_storage_vectors(vector: dict[str, Any]) -> None:
    assert decrypt_keystore(json.dumps(vector), "testpassword").hex() == VECTOR_KEY
    with pytest.raises(KeystoreImportError, match="wrong password"):
        decrypt_keystore(json.dumps(vector), "testpassword2")


def test_key_names_are_case_insensitive_and_the_address_must_match() -> None:
    keystore = EthAccount.encrypt(KEY, KEYSTORE_PASSWORD, kdf="pbkdf2", iterations=1000)
    keystore["Crypto"] = keystore.pop("crypto")  # as MyEtherWallet wrote it
    assert decrypt_keystore(json.dumps(keystore), KEYSTORE_PASSWORD) == KEY
    keystore["address"] = EthAccount.create().address
    with pytest.raises(KeystoreImportError, match="does not match the address"):
        decrypt_keystore(json.dumps(keystore), KEYSTORE_PASSWORD)
    keystore["crypto"] = keystore["Crypto"]  # which one would be read?
    with pytest.raises(KeystoreImportError, match="not a keystore"):
        decrypt_keystore(json.dumps(keystore), KEYSTORE_PASSWORD)


def test_keystore_files_are_read_with_limits(tmp_path: Path) -> None:
    keystore = json.dumps(EthAccount.encrypt(KEY, KEYSTORE_PASSWORD, kdf="pbkdf2", iterations=1000))
    path = tmp_path / "UTC--keystore.json"
    path.write_bytes(b"\xef\xbb\xbf" + keystore.encode())  # Notepad's byte-order mark
    assert decrypt_keystore(read_keystore_file(path), KEYSTORE_PASSWORD) == KEY
    for content in (b"\xff\xfe{}", b" " * (MAX_KEYSTORE_CHARS + 1) + keystore.encode()):
        path.write_bytes(content)
        with pytest.raises(KeystoreImportError, match="not a keystore"):
            read_keystore_file(path)
    with pytest.raises(FileReadError, match="could not be read: the file or its folder does not exist"):
        read_keystore_file(tmp_path / "missing.json")
    with pytest.raises(FileReadError, match="could not be read: it is a folder"):
        read_keystore_file(tmp_path)
