"""The encrypted vault: strong KDF, tamper-evident header, atomic saves, no plaintext on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wallet.errors import FileWriteError
from wallet.keys.vault import (
    SCRYPT_N,
    HdSecret,
    KdfParams,
    KeySecret,
    Vault,
    VaultContents,
    VaultCorruptError,
    WrongPasswordError,
)

FAST = KdfParams(n=2**12)  # the tests' KDF; the default is checked separately
PHRASE = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
KEY = bytes.fromhex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")


def contents() -> VaultContents:
    return VaultContents(hd=[HdSecret("hd1", PHRASE, "english", "pass phrase")], keys=[KeySecret("k1", KEY)])


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "vault.json"
    Vault.create(path, "right horse", contents(), FAST)
    opened = Vault.open(path, "right horse")
    assert opened.contents.hd[0].phrase == PHRASE and opened.contents.hd[0].passphrase == "pass phrase"
    assert opened.contents.keys[0].private_key == KEY


def test_default_kdf_is_scrypt_2_17(tmp_path: Path) -> None:
    path = tmp_path / "vault.json"
    Vault.create(path, "pw", VaultContents())
    kdf = json.loads(path.read_text())["header"]["kdf"]
    assert kdf["name"] == "scrypt" and kdf["n"] == SCRYPT_N >= 2**17 and kdf["r"] == 8


def test_nothing_secret_is_on_disk_in_the_clear(tmp_path: Path) -> None:
    path = tmp_path / "vault.json"
    Vault.create(path, "pw", contents(), FAST)
    text = path.read_text()
    assert "abandon" not in text and KEY.hex() not in text and "pass phrase" not in text
    shown = repr(contents())
    assert "pass phrase" not in shown and PHRASE not in shown and KEY.hex() not in shown


def test_wrong_password_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "vault.json"
    Vault.create(path, "pw", contents(), FAST)
    before = path.read_bytes()
    with pytest.raises(WrongPasswordError):
        Vault.open(path, "Pw")
    assert path.read_bytes() == before


@pytest.mark.parametrize("field", ["n", "id"])
def test_tampered_header_fails_like_a_wrong_password(tmp_path: Path, field: str) -> None:
    path = tmp_path / "vault.json"
    Vault.create(path, "pw", contents(), FAST)
    document = json.loads(path.read_text())
    if field == "n":
        document["header"]["kdf"]["n"] = 2**11  # a downgrade attempt
    else:
        document["header"]["id"] = "someone-else"
    path.write_text(json.dumps(document))
    with pytest.raises(WrongPasswordError):
        Vault.open(path, "pw")


def test_hostile_kdf_parameters_are_refused_before_running(tmp_path: Path) -> None:
    path = tmp_path / "vault.json"
    Vault.create(path, "pw", contents(), FAST)
    document = json.loads(path.read_text())
    document["header"]["kdf"]["n"] = 2**30  # would need 128 GiB
    path.write_text(json.dumps(document))
    with pytest.raises(VaultCorruptError, match="out of range"):
        Vault.open(path, "pw")
    path.write_text("not json")
    with pytest.raises(VaultCorruptError, match="not a wallet file"):
        Vault.open(path, "pw")


def test_crash_between_write_and_rename_keeps_the_previous_vault(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "vault.json"
    vault = Vault.create(path, "pw", contents(), FAST)
    vault.contents.keys.append(KeySecret("k2", bytes(31) + b"\x01"))

    def crash(self: Path, target: Path) -> None:
        raise OSError("killed")

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(FileWriteError, match=r"vault\.json could not be saved"):
        vault.save()
    with pytest.raises(FileWriteError):
        vault.change_password("new password")
    monkeypatch.undo()

    reopened = Vault.open(path, "pw")  # the old password still opens the old contents
    assert [k.id for k in reopened.contents.keys] == ["k1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault.json"]


def test_change_password(tmp_path: Path) -> None:
    path = tmp_path / "vault.json"
    vault = Vault.create(path, "old", contents(), FAST)
    salt_before = json.loads(path.read_text())["header"]["kdf"]["salt"]
    vault.change_password("new")
    assert json.loads(path.read_text())["header"]["kdf"]["salt"] != salt_before
    with pytest.raises(WrongPasswordError):
        Vault.open(path, "old")
    assert Vault.open(path, "new").contents.keys[0].private_key == KEY


def test_password_is_nfkc_normalised(tmp_path: Path) -> None:
    path = tmp_path / "vault.json"
    Vault.create(path, "ｐａｓｓ１２３", contents(), FAST)  # full-width, as some Chinese IMEs type it
    assert Vault.open(path, "pass123").contents.hd[0].phrase == PHRASE


def test_close_zeroes_the_key(tmp_path: Path) -> None:
    vault = Vault.create(tmp_path / "vault.json", "pw", contents(), FAST)
    key = vault._key
    vault.close()
    assert key == bytearray(len(key)) and vault.contents.hd == []
