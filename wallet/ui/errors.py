"""Turns any exception into one readable, translated sentence for the screen (never a traceback)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from wallet.errors import TRANSLATION_CONTEXT, WalletError

if TYPE_CHECKING:
    from wallet.chains.registry import Chain

MAX_DETAIL_CHARS = 300
# Errors name a chain by its English name (``chain=...``, as logs want it); the screen says the name
# the chain list shows in the UI language (以太坊), looked up by that English name in the app's
# registry (live: chains added later, like the playground's, are found too).
_chains: list[Callable[[], Iterable[Chain]]] = []


def name_chains_from(registry: Callable[[], Iterable[Chain]]) -> None:
    """Error texts name the chains ``registry()`` holds at the time in the UI language."""
    _chains[:] = [registry]


def error_text(error: BaseException) -> str:
    if isinstance(error, WalletError):
        template = QCoreApplication.translate(TRANSLATION_CONTEXT, type(error).template)
        try:
            return template.format(**{name: _param_text(name, value) for name, value in error.params.items()})
        except (KeyError, IndexError, ValueError):  # a broken translation must not hide the error
            return str(error)
    detail = str(error)[:MAX_DETAIL_CHARS] or type(error).__name__
    return QCoreApplication.translate("ErrorText", "Unexpected error: {detail}").format(detail=detail)


def _param_text(name: str, value: object) -> object:
    """Nested errors, chain names and marked fragments ("connection refused") are translated too;
    other text (addresses, host names) has no translation and passes through unchanged."""
    if isinstance(value, BaseException):
        return error_text(value)
    if name == "chain" and isinstance(value, str) and _chains:
        chain = next((c for c in _chains[0]() if c.name == value), None)
        if chain is not None:
            return chain.display_name(ui_language())
    if name in ("chain", "network") and isinstance(value, str) and value in _utxo_names():
        return _utxo_names()[value].get(ui_language(), value)
    if isinstance(value, str):
        return QCoreApplication.translate(TRANSLATION_CONTEXT, value)
    return value


@cache
def _utxo_names() -> dict[str, dict[str, str]]:
    """Bitcoin-family chains' names by the English names errors use (the registry's, and the
    consensus network's, e.g. "Litecoin regtest"), each with its names per locale."""
    from wallet.utxo.registry import load_utxo_registry  # here: start-up does not load the UTXO registry

    names: dict[str, dict[str, str]] = {}
    for chain in load_utxo_registry():
        localized = {"en": chain.name, **chain.localized_names}
        names[chain.name] = localized
        if chain.network is not None:
            names.setdefault(chain.network.name, localized)
    return names


def ui_language() -> str:
    """The language on screen, as the chain registry names locales (``en``, ``zh_CN``): the app's
    translator sets Qt's default locale when the language is chosen."""
    name = QLocale().name()
    return name if name == "zh_CN" else "en"
