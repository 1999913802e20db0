"""Logging to a rotating file in the data directory (and to stderr when asked).

The log names addresses and nodes, so its files are owner-only (0600), rotated ones included.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from io import TextIOWrapper
from pathlib import Path

from wallet.paths import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, data_dir, make_private

LOG_FILE_BYTES = 2 * 1024 * 1024
LOG_FILE_COUNT = 3


def log_file_path() -> Path:
    return data_dir() / "logs" / "wallet.log"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Opens each log file (the first and every one after a rollover) with mode 0600."""

    def _open(self) -> TextIOWrapper:
        # O_BINARY: on Windows the C runtime would otherwise add a second \r to each line ending.
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        fd = os.open(self.baseFilename, flags, PRIVATE_FILE_MODE)
        make_private(Path(self.baseFilename), PRIVATE_FILE_MODE)  # it may predate this version
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def configure_logging(verbose: bool = False) -> Path:
    path = log_file_path()
    path.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    handler = PrivateRotatingFileHandler(path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_COUNT,
                                         encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.addHandler(handler)
    if verbose:
        root.addHandler(logging.StreamHandler())
    return path
