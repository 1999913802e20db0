"""Turns any exception into one readable, translated sentence for the screen (never a traceback)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from wallet.errors import TRANSLATION_CONTEXT, WalletError

MAX_DETAIL_CHARS = 300


def error_text(error: BaseException) -> str:
    if isinstance(error, WalletError):
        template = QCoreApplication.translate(TRANSLATION_CONTEXT, type(error).template)
        try:
            return template.format(**{name: _param_text(value) for name, value in error.params.items()})
        except (KeyError, IndexError, ValueError):  # a broken translation must not hide the error
            return str(error)
    detail = str(error)[:MAX_DETAIL_CHARS] or type(error).__name__
    return QCoreApplication.translate("ErrorText", "Unexpected error: {detail}").format(detail=detail)


def _param_text(value: object) -> object:
    """Nested errors and marked fragments ("connection refused") are translated too; other text
    (addresses, host names) has no translation and passes through unchanged."""
    if isinstance(value, BaseException):
        return error_text(value)
    if isinstance(value, str):
        return QCoreApplication.translate(TRANSLATION_CONTEXT, value)
    return value
