"""Crash-safe file replacement: a reader sees either the old file or the new one, never a mix.

A crash between writing the temp file and renaming it leaves the temp file behind; it carries the
target's name in a pattern no other program uses (``.<name>.<8 random>.tmp``), so the next start
can remove exactly those (``remove_stale_temp_files``) and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from wallet.errors import FileWriteError

TEMP_SUFFIX = ".tmp"
# tempfile.mkstemp's random part: 8 characters from this alphabet (CPython's _RandomNameSequence).
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` via a temp file in the same directory, fsync, then rename.

    The temp file lives beside the target so the rename never crosses file systems, and the
    directory is fsynced afterwards so the rename itself survives a power cut. Any failure leaves
    the previous file untouched and raises ``FileWriteError``.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    except OSError as error:
        raise FileWriteError.from_os_error(path.name, error) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # not on Windows
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(error, OSError):
            raise FileWriteError.from_os_error(path.name, error) from None
        raise
    with contextlib.suppress(OSError):  # the new file is in place; only its durability is in doubt
        _fsync_directory(path.parent)


def atomic_write_text(path: Path, text: str, mode: int = 0o600) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def remove_stale_temp_files(directory: Path) -> list[Path]:
    """Remove the temp files an interrupted ``atomic_write_bytes`` left in ``directory``.

    Call it at start, before anything writes there: only regular files named exactly like ours
    are removed (never a symlink, a folder or any other name). Returns what was removed.
    """
    removed = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in directory.iterdir():
            if _TEMP_NAME.fullmatch(entry.name) and entry.is_file() and not entry.is_symlink():
                with contextlib.suppress(FileNotFoundError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def _fsync_directory(directory: Path) -> None:
    # Windows cannot open a directory for fsync; its rename is already durable enough there.
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
