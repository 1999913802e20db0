"""Where the wallet keeps its files, and where its bundled resources are.

User data goes to the platform's data/config directories (platformdirs). ``WALLET_HOME`` moves all
of it under one directory: the tests and the devnet playground use that to stay out of the user's
real wallet.

The data and config directories hold addresses, account xpubs and custom node URLs (which may carry
API keys): they are owner-only (0700, files 0600) on POSIX systems. On first use in a run they are
also tidied: modes left too open by older versions are tightened, and temp files that a crash
left between write and rename are removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from pathlib import Path

import platformdirs

from wallet.store.atomic import remove_stale_temp_files

APP_NAME = "DeskWallet"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES_DIR = PROJECT_ROOT / "resources"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600

log = logging.getLogger(__name__)
_tidied: set[Path] = set()
_tidied_lock = threading.Lock()


def _home_override() -> Path | None:
    home = os.environ.get("WALLET_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    """Directory for wallet data (keystores, database); created on first use."""
    home = _home_override()
    return _private_dir(home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def config_dir() -> Path:
    """Directory for settings; created on first use."""
    home = _home_override()
    return _private_dir(home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)))


def cache_dir() -> Path:
    """Directory for files that can be rebuilt (devnet state snapshots); created on first use."""
    home = _home_override()
    path = home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return data_dir() / "wallet.sqlite3"


def vault_path() -> Path:
    """The hot wallet's encrypted vault (recovery phrases, imported keys)."""
    return data_dir() / "hot-vault.json"


def make_private(path: Path, mode: int) -> None:
    """chmod on POSIX; Windows has no such modes (a user's profile folders are already theirs)."""
    if os.name == "posix":
        path.chmod(mode)


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    with _tidied_lock:
        first_use = path not in _tidied
        _tidied.add(path)
    if first_use:
        _tidy(path)
    return path


def _tidy(directory: Path) -> None:
    """Owner-only modes for the directory and everything in it, and no stale temp files."""
    for root, _, files in os.walk(directory):  # never follows symlinks
        folder = Path(root)
        for removed in remove_stale_temp_files(folder):
            log.info("removed %s, left by an interrupted save", removed.name)
        try:
            make_private(folder, PRIVATE_DIR_MODE)
            for name in files:
                if not (folder / name).is_symlink():
                    with contextlib.suppress(FileNotFoundError):
                        make_private(folder / name, PRIVATE_FILE_MODE)
        except PermissionError:  # not ours to change (another user's file): use it as it is
            log.warning("could not make %s private", folder.name)
