"""Where the wallet keeps its files, and where its bundled resources are.

User data goes to the platform's data/config directories (platformdirs). ``WALLET_HOME`` moves all
of it under one directory: the tests and the devnet playground use that to stay out of the user's
real wallet.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "DeskWallet"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES_DIR = PROJECT_ROOT / "resources"


def _home_override() -> Path | None:
    home = os.environ.get("WALLET_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    """Directory for wallet data (keystores, database); created on first use."""
    home = _home_override()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Directory for settings; created on first use."""
    home = _home_override()
    path = home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


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
