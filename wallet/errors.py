"""The error vocabulary the user sees.

Each ``WalletError`` subclass has an English ``template`` with ``{placeholders}``; ``str(error)`` is
the formatted English text, and the UI translates the template before formatting it. Templates are
marked with ``QT_TRANSLATE_NOOP`` (see ``wallet.translatable``) so ``pyside6-lupdate`` collects
them. Parameters must never hold secrets: they end up on screen and in logs.
"""

from __future__ import annotations

from typing import ClassVar

from wallet.translatable import QT_TRANSLATE_NOOP

TRANSLATION_CONTEXT = "WalletError"


class WalletError(Exception):
    template: ClassVar[str] = QT_TRANSLATE_NOOP("WalletError", "{detail}")

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.template.format(**params))
