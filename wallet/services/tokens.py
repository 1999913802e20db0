"""Which tokens a chain tracks, and adding more: by address (checked on chain) or from a token list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_abi.abi import decode
from eth_abi.exceptions import DecodingError

from wallet.chains.address import AddressError, parse_address
from wallet.chains.multicall import contract_code, eth_call, function_call
from wallet.chains.registry import ChainRegistry, TokenInfo
from wallet.chains.rpc import ChainClient, RpcRemoteError
from wallet.errors import WalletError
from wallet.store.tokens import TokenStore
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.untrusted_json import UntrustedJsonError, loads_untrusted
from wallet.untrusted_text import printable

MAX_SYMBOL_CHARS = 32
MAX_NAME_CHARS = 64
# A token list nests at most 7 deep (list, tokens, token, extensions and the 3 levels the schema
# allows inside them); far less than where the parser would crash (see wallet.untrusted_json).
MAX_TOKEN_LIST_JSON_DEPTH = 16


class NotAContractError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "There is no contract at {address} on {chain}.")


class NotATokenError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The contract at {address} does not answer like an ERC-20 token.")


class TokenListError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The token list cannot be used: {reason}")


@dataclass(frozen=True)
class TokenListImport:
    imported: int
    skipped: int  # entries for chains the wallet does not know, or malformed entries


def fetch_token_info(client: ChainClient, address: str) -> TokenInfo:
    """Ask the contract at ``address`` for decimals, symbol and name (bytes32 symbols included)."""
    address = parse_address(address)
    if not client.request("eth_getCode", [address, "latest"], parse=contract_code):
        raise NotAContractError(address=address, chain=client.chain.name)
    try:
        (decimals,) = decode(["uint8"], eth_call(client, address, function_call("decimals()")))
        symbol = _text(eth_call(client, address, function_call("symbol()")), MAX_SYMBOL_CHARS)
        name = _text(eth_call(client, address, function_call("name()")), MAX_NAME_CHARS)
    except (RpcRemoteError, DecodingError, ValueError, OverflowError):
        raise NotATokenError(address=address) from None
    if not symbol or decimals > 36:
        raise NotATokenError(address=address)
    return TokenInfo(address, symbol, name or symbol, int(decimals))


def add_custom_token(client: ChainClient, store: TokenStore, address: str) -> TokenInfo:
    token = fetch_token_info(client, address)
    store.add(client.chain.chain_id, token, "custom")
    return token


def import_token_list(text: str, registry: ChainRegistry, store: TokenStore) -> TokenListImport:
    """A Uniswap token list (https://tokenlists.org schema): tokens of chains the wallet knows."""
    try:
        document = loads_untrusted(text, MAX_TOKEN_LIST_JSON_DEPTH)
        entries = document["tokens"]
        if not isinstance(entries, list):
            raise TypeError
    except (UntrustedJsonError, KeyError, TypeError):
        raise TokenListError(reason=QT_TRANSLATE_NOOP("WalletError", "it is not a token list (no tokens array)")) \
            from None
    imported = skipped = 0
    for entry in entries:
        parsed = _list_entry(entry)
        if parsed is None or registry.by_chain_id(parsed[0]) is None:
            skipped += 1
            continue
        store.add(parsed[0], parsed[1], "list")
        imported += 1
    return TokenListImport(imported, skipped)


def _list_entry(entry: Any) -> tuple[int, TokenInfo] | None:
    if not isinstance(entry, dict):
        return None
    chain_id, address, symbol = entry.get("chainId"), entry.get("address"), entry.get("symbol")
    name, decimals = entry.get("name"), entry.get("decimals")
    if not (isinstance(chain_id, int) and isinstance(address, str) and isinstance(symbol, str)
            and isinstance(name, str) and isinstance(decimals, int) and not isinstance(decimals, bool)):
        return None
    if not (0 <= decimals <= 36 and 0 < len(symbol) <= MAX_SYMBOL_CHARS and len(name) <= MAX_NAME_CHARS):
        return None
    try:
        return chain_id, TokenInfo(parse_address(address), printable(symbol), printable(name) or symbol, decimals)
    except AddressError:
        return None


def _text(data: bytes, limit: int) -> str:
    """An ABI string, or a bytes32 padded with zeros (as early tokens such as MKR return)."""
    if len(data) == 32:
        return printable(data.rstrip(b"\0").decode("utf-8", errors="replace"))[:limit]
    (value,) = decode(["string"], data)
    return printable(str(value))[:limit]


