"""The wallet's own files: owner-only on POSIX (addresses, xpubs and node URLs are nobody else's
business), and the temp files of a save interrupted by a crash are gone at the next start."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from wallet.accounts.model import AccountKind
from wallet.logging_setup import LOG_FILE_BYTES, configure_logging
from wallet.paths import PROJECT_ROOT, config_dir, data_dir, database_path, vault_path
from wallet.settings import Settings, save_settings, settings_path
from wallet.store.accounts import AccountStore
from wallet.store.db import connect

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

ADDRESS = "0x00000000219ab540356cBB839Cbe05303d7705Fa"
# A save that dies (os._exit: no cleanup, no finally) between writing its temp file and the rename.
CRASHING_SAVE = """
import os, sys
from pathlib import Path
from wallet.store.atomic import atomic_write_text
Path.replace = lambda self, target: os._exit(9)
atomic_write_text(Path(sys.argv[1]), "new contents")
"""


def mode(path: Path) -> int:
    return path.lstat().st_mode & 0o777


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual umask, under which files default to 0644: what the code must not rely on."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def crash_while_saving(target: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CRASHING_SAVE, str(target)], cwd=PROJECT_ROOT, check=False)
    assert done.returncode == 9


def test_temp_files_of_a_crashed_save_are_removed_at_start(wallet_home: Path) -> None:
    data, config = wallet_home / "data", wallet_home / "config"
    data.mkdir(parents=True)
    config.mkdir()
    (data / "hot-vault.json").write_text("the previous vault")
    crash_while_saving(data / "hot-vault.json")
    crash_while_saving(config / "settings.json")
    left = [p.name for p in data.iterdir() if p.name.startswith(".hot-vault.json.")]
    assert len(left) == 1 and left[0].endswith(".tmp")  # the crash really left one behind
    # Look-alikes that are not ours, or not files, stay.
    outside = wallet_home / "elsewhere.txt"
    outside.write_text("not ours")
    decoys = [data / "notes.tmp", data / ".hot-vault.json.tmp", data / ".hot-vault.json.ABCDEFGH.tmp",
              data / "hot-vault.json.abcdefgh.tmp", data / ".a.abcdefgh.tmp.bak"]
    for decoy in decoys:
        decoy.write_text("keep me")
    (data / ".folder.abcdefgh.tmp").mkdir()
    (data / ".link.abcdefgh.tmp").symlink_to(outside)

    assert data_dir() == data and config_dir() == config  # the first use in this run tidies up

    assert not [p for p in data.iterdir() if p.name.startswith(".hot-vault.json.") and p not in decoys]
    assert [p.name for p in config.iterdir()] == []
    assert all(d.read_text() == "keep me" for d in decoys)
    assert (data / ".folder.abcdefgh.tmp").is_dir() and (data / ".link.abcdefgh.tmp").is_symlink()
    assert (data / "hot-vault.json").read_text() == "the previous vault" and outside.read_text() == "not ours"


def test_new_files_are_owner_only(open_umask: None) -> None:
    assert mode(data_dir()) == 0o700 and mode(config_dir()) == 0o700
    db = connect(database_path())
    AccountStore(db).add("Watched", AccountKind.WATCH, ADDRESS)
    wal = database_path().with_name("wallet.sqlite3-wal")
    shm = database_path().with_name("wallet.sqlite3-shm")
    assert wal.stat().st_size > 0 and shm.exists()  # WAL mode: the row is in the -wal file
    assert [mode(p) for p in (database_path(), wal, shm)] == [0o600] * 3
    db.close()

    save_settings(Settings(network="ethereum"))
    assert mode(settings_path()) == 0o600

    log_path = configure_logging()
    handler = logging.getLogger().handlers[-1]
    try:
        logging.getLogger("test").warning("account %s", ADDRESS)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    with log_path.open("a") as log:  # past the size limit: the next start rotates it
        log.write("x" * LOG_FILE_BYTES)
    configure_logging()
    handler = logging.getLogger().handlers[-1]
    try:
        logging.getLogger("test").warning("after rollover")
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    rotated = log_path.with_name("wallet.log.1")
    assert ADDRESS in rotated.read_text() and "after rollover" in log_path.read_text()
    assert [mode(log_path.parent), mode(log_path), mode(rotated)] == [0o700, 0o600, 0o600]


def test_files_of_earlier_versions_are_made_private_at_start(wallet_home: Path, open_umask: None) -> None:
    data, config = wallet_home / "data", wallet_home / "config"
    (data / "logs").mkdir(parents=True)
    config.mkdir()
    sqlite3.connect(data / "wallet.sqlite3").close()  # as SQLite creates it: 0644
    old_files = [data / "wallet.sqlite3", data / "logs" / "wallet.log", data / "logs" / "wallet.log.1",
                 config / "settings.json"]
    for path in old_files[1:]:
        path.write_text("{}")
    for folder in (data, data / "logs", config):
        folder.chmod(0o755)
    outside = wallet_home / "shared.txt"
    outside.write_text("someone else's")
    outside.chmod(0o644)
    (data / "link").symlink_to(outside)
    assert mode(old_files[0]) == 0o644

    data_dir()
    config_dir()

    assert [mode(p) for p in old_files] == [0o600] * len(old_files)
    assert [mode(p) for p in (data, data / "logs", config)] == [0o700] * 3
    assert mode(outside) == 0o644  # a symlink is not followed out of our folder


def test_an_existing_database_anywhere_is_tightened_when_opened(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "elsewhere.sqlite3"
    sqlite3.connect(path).close()
    assert mode(path) == 0o644
    db = connect(path)
    AccountStore(db).add("Watched", AccountKind.WATCH, ADDRESS)
    assert [mode(p) for p in (path, path.with_name(path.name + "-wal"))] == [0o600, 0o600]
    db.close()


def test_vault_is_saved_owner_only(open_umask: None) -> None:
    from wallet.keys.vault import KdfParams, Vault, VaultContents

    Vault.create(vault_path(), "pw", VaultContents(), KdfParams(n=2**10))
    assert mode(vault_path()) == 0o600 and mode(vault_path().parent) == 0o700
