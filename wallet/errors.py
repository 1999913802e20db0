"""The error vocabulary the user sees.

Each ``WalletError`` subclass has an English ``template`` with ``{placeholders}``; ``str(error)`` is
the formatted English text, and the UI translates the template before formatting it. Templates are
marked with ``QT_TRANSLATE_NOOP`` (see ``wallet.translatable``) so ``pyside6-lupdate`` collects
them. Parameters must never hold secrets: they end up on screen and in logs.
"""

from __future__ import annotations

import errno
from typing import ClassVar, Self

from wallet.translatable import QT_TRANSLATE_NOOP

TRANSLATION_CONTEXT = "WalletError"


class WalletError(Exception):
    template: ClassVar[str] = QT_TRANSLATE_NOOP("WalletError", "{detail}")

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.template.format(**params))



class FileAccessError(WalletError):
    """A file of ours could not be read or written. ``reason`` is a translatable fragment chosen
    from the ``errno`` (the operating system's own text is neither translated nor always English)."""

    template = QT_TRANSLATE_NOOP("WalletError", "The file {name} could not be accessed: {reason}")
    reasons: ClassVar[dict[int, str]] = {
        errno.EACCES: QT_TRANSLATE_NOOP("WalletError", "permission denied"),
        errno.EPERM: QT_TRANSLATE_NOOP("WalletError", "permission denied"),
        errno.EROFS: QT_TRANSLATE_NOOP("WalletError", "the disk is read-only"),
        errno.ENOSPC: QT_TRANSLATE_NOOP("WalletError", "the disk is full"),
        errno.EDQUOT: QT_TRANSLATE_NOOP("WalletError", "the disk is full"),
        errno.EFBIG: QT_TRANSLATE_NOOP("WalletError", "the file is too large"),
        errno.ENOENT: QT_TRANSLATE_NOOP("WalletError", "the file or its folder does not exist"),
        errno.ENOTDIR: QT_TRANSLATE_NOOP("WalletError", "the file or its folder does not exist"),
        errno.EISDIR: QT_TRANSLATE_NOOP("WalletError", "it is a folder"),
    }

    @classmethod
    def from_os_error(cls, name: str, error: OSError) -> Self:
        reason = cls.reasons.get(error.errno or 0, QT_TRANSLATE_NOOP("WalletError", "input/output error"))
        return cls(name=name, reason=reason)


class FileReadError(FileAccessError):
    template = QT_TRANSLATE_NOOP("WalletError", "The file {name} could not be read: {reason}")


class FileWriteError(FileAccessError):
    template = QT_TRANSLATE_NOOP("WalletError", "The file {name} could not be saved: {reason}")
