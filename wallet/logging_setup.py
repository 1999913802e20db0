"""Logging to a rotating file in the data directory (and to stderr when asked)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from wallet.paths import data_dir

LOG_FILE_BYTES = 2 * 1024 * 1024
LOG_FILE_COUNT = 3


def log_file_path() -> Path:
    return data_dir() / "logs" / "wallet.log"


def configure_logging(verbose: bool = False) -> Path:
    path = log_file_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_COUNT,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.addHandler(handler)
    if verbose:
        root.addHandler(logging.StreamHandler())
    return path
