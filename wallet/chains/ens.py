"""ENS names (``alice.eth``) to addresses, through the chain's ENS registry and the name's resolver.

Names are normalised by ENSIP-15 (web3's ``ens`` package) before hashing, so look-alike spellings
either map to the same name or are refused. The lookups go through our own JSON-RPC client; the
resolved address is shown beside the name on the review screen.
"""

from __future__ import annotations

from wallet.chains.address import parse_address
from wallet.chains.rpc import ChainClient
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

ZERO_ADDRESS = "0x" + "00" * 20


class EnsNameError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "{name} is not a valid ENS name: {reason}")


class EnsNotFoundError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "{name} has no address on {chain}.")


class EnsUnsupportedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "{chain} has no ENS: enter an address instead.")


def looks_like_ens_name(text: str) -> bool:
    return "." in text and not text.strip().lower().startswith(("0x", "ethereum:"))


def namehash(name: str) -> bytes:
    """EIP-137 namehash of an ENSIP-15-normalised name."""
    from ens.exceptions import InvalidName
    from ens.utils import normal_name_to_hash, normalize_name

    try:
        normalized = normalize_name(name.strip())
    except InvalidName as error:
        raise EnsNameError(name=name, reason=str(error)) from None
    if not normalized:
        raise EnsNameError(name=name, reason=QT_TRANSLATE_NOOP("WalletError", "it is empty"))
    return bytes(normal_name_to_hash(normalized))


def resolve_ens(client: ChainClient, name: str) -> str:
    # Imported here: the ABI stack costs the window's start-up ~0.1 s, and resolving runs in a task.
    from wallet.chains.multicall import eth_call, function_call

    registry = client.chain.ens_registry
    if registry is None:
        raise EnsUnsupportedError(chain=client.chain.name)
    node = namehash(name)
    resolver = _address(eth_call(client, registry, function_call("resolver(bytes32)", ["bytes32"], [node])))
    if resolver == ZERO_ADDRESS:
        raise EnsNotFoundError(name=name, chain=client.chain.name)
    address = _address(eth_call(client, resolver, function_call("addr(bytes32)", ["bytes32"], [node])))
    if address == ZERO_ADDRESS:
        raise EnsNotFoundError(name=name, chain=client.chain.name)
    return address


def _address(data: bytes) -> str:
    if len(data) != 32 or any(data[:12]):
        return ZERO_ADDRESS
    return parse_address("0x" + data[12:].hex())
