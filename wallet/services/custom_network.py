"""The fields of a network the user adds, checked one by one with errors that say which field is
wrong in the user's language (the registry's own parser speaks to developers, in English, about
JSON fields). Checked before anything is saved: a bad entry changes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable

from wallet.chains.registry import Chain
from wallet.chains.rpc import usable_rpc_url
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.untrusted_text import printable

MAX_CHAIN_ID = 2**53 - 1  # the registry's bound (what a JSON number carries exactly)
MAX_NAME_LENGTH = 64
_SYMBOL_RE = re.compile(r"[A-Za-z0-9.\-_]{1,11}")


class CustomNetworkError(WalletError, ValueError):
    template = QT_TRANSLATE_NOOP("WalletError", "The network cannot be added.")


class NetworkNameError(CustomNetworkError):
    template = QT_TRANSLATE_NOOP("WalletError", "The network needs a name of at most {limit} characters.")


class NetworkChainIdError(CustomNetworkError):
    template = QT_TRANSLATE_NOOP("WalletError", "The chain id must be a whole number from 1 to {limit}.")


class NetworkChainIdTakenError(CustomNetworkError):
    template = QT_TRANSLATE_NOOP("WalletError", "Chain id {chain_id} is already in the list, as {chain}.")


class NetworkSymbolError(CustomNetworkError):
    template = QT_TRANSLATE_NOOP("WalletError", "The coin symbol must be 1 to 11 letters or digits (like ETH).")


class NetworkRpcUrlError(CustomNetworkError):
    template = QT_TRANSLATE_NOOP("WalletError", "The RPC URL must start with http:// or https:// and name a host "
                                 "(and a valid port, if any), without spaces or a user name and password (an API "
                                 "key goes in the path or the query).")


class NetworkExplorerUrlError(CustomNetworkError):
    template = QT_TRANSLATE_NOOP("WalletError", "The explorer URL must start with https:// or http:// and name a "
                                 "host.")


def check_custom_network(name: str, chain_id: int, symbol: str, rpc_url: str, explorer_url: str | None,
                         known: Iterable[Chain]) -> None:
    """Raises the error of the first wrong field, in the order the form shows them."""
    if not name.strip() or len(name.strip()) > MAX_NAME_LENGTH or printable(name) != name.strip():
        raise NetworkNameError(limit=MAX_NAME_LENGTH)  # control or bidi characters could spoof the list
    if not isinstance(chain_id, int) or isinstance(chain_id, bool) or not 1 <= chain_id <= MAX_CHAIN_ID:
        raise NetworkChainIdError(limit=MAX_CHAIN_ID)
    taken = next((chain for chain in known if chain.chain_id == chain_id), None)
    if taken is not None:
        raise NetworkChainIdTakenError(chain_id=chain_id, chain=taken.name)
    if not _SYMBOL_RE.fullmatch(symbol.strip()):
        raise NetworkSymbolError()
    if not usable_rpc_url(rpc_url.strip()):
        raise NetworkRpcUrlError()
    explorer = (explorer_url or "").strip()
    if explorer and not usable_rpc_url(explorer):  # the same rules: a link we open must be as clean
        raise NetworkExplorerUrlError()
