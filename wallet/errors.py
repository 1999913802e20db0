"""The error vocabulary the user sees.

Each ``WalletError`` subclass has an English ``template`` with ``{placeholders}``; ``str(error)`` is
the formatted English text, and the UI translates the template before formatting it. Templates are
wrapped in ``QT_TRANSLATE_NOOP`` so that ``pyside6-lupdate`` collects them from the core, which
itself never imports Qt. Parameters must never hold secrets: they end up on screen and in logs.
"""

from __future__ import annotations

from typing import ClassVar

TRANSLATION_CONTEXT = "WalletError"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks ``text`` for translation without translating it here."""
    return text


class WalletError(Exception):
    template: ClassVar[str] = QT_TRANSLATE_NOOP("WalletError", "{detail}")

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.template.format(**params))
