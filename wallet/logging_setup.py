"""Logging to a file in the data directory (and to stderr when asked), rotated at start.

The log names addresses and nodes, so its files are owner-only (0600), rotated ones included.
Rotation happens once, at start, when the file has outgrown ``LOG_FILE_BYTES`` (a session's log is
kept whole): ``logging.handlers`` and its rotating handler would cost the start-up ~8 ms to import.
"""

from __future__ import annotations

import logging
import os
from io import TextIOWrapper
from pathlib import Path

from wallet.paths import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, data_dir, make_private

LOG_FILE_BYTES = 2 * 1024 * 1024
LOG_FILE_COUNT = 3  # rotated files kept beside the current one


def log_file_path() -> Path:
    return data_dir() / "logs" / "wallet.log"


class PrivateFileHandler(logging.FileHandler):
    """Opens the log file with mode 0600 (and makes an older one 0600 too)."""

    def _open(self) -> TextIOWrapper:
        # O_BINARY: on Windows the C runtime would otherwise add a second \r to each line ending.
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        fd = os.open(self.baseFilename, flags, PRIVATE_FILE_MODE)
        make_private(Path(self.baseFilename), PRIVATE_FILE_MODE)  # it may predate this version
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def rotate_if_full(path: Path, max_bytes: int = LOG_FILE_BYTES, keep: int = LOG_FILE_COUNT) -> None:
    """When ``path`` is larger than ``max_bytes``: ``wallet.log.2`` → ``.3`` … ``wallet.log`` → ``.1``,
    the oldest beyond ``keep`` overwritten (the names and order of ``RotatingFileHandler``). Renames
    keep each file's 0600 mode."""
    try:
        if path.stat().st_size <= max_bytes:
            return
    except FileNotFoundError:
        return
    for index in range(keep - 1, 0, -1):
        older = path.with_name(f"{path.name}.{index}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{index + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


def configure_logging(verbose: bool = False) -> Path:
    path = log_file_path()
    path.parent.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    rotate_if_full(path)
    handler = PrivateFileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.addHandler(handler)
    if verbose:
        root.addHandler(logging.StreamHandler())
    return path
