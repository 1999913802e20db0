"""Many contract reads in one ``eth_call`` through Multicall3's ``aggregate3``.

Calls are chunked (a node caps the gas of one eth_call), every chunk reads the same pinned block,
so a result set is one consistent snapshot, and the chunks travel together in one JSON-RPC batch.
Each call may fail on its own (``allowFailure``): one broken token never hides the others. Replies
are decoded strictly; a malformed one is the node's fault, and the next node is asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from eth_abi.abi import decode, encode
from eth_abi.exceptions import DecodingError

from wallet.chains.address import keccak256
from wallet.chains.rpc import ChainClient, JsonRpcEndpoint, ResultParser, RpcCall, RpcProtocolError
from wallet.translatable import QT_TRANSLATE_NOOP

MAX_CALLS_PER_CHUNK = 500
AGGREGATE3_SELECTOR = keccak256(b"aggregate3((address,bool,bytes)[])")[:4]
GET_ETH_BALANCE_SELECTOR = keccak256(b"getEthBalance(address)")[:4]
T = TypeVar("T")


@dataclass(frozen=True)
class Call:
    target: str
    data: bytes


@dataclass(frozen=True)
class CallResult:
    success: bool
    data: bytes


def function_call(signature: str, types: Sequence[str] = (), args: Sequence[object] = ()) -> bytes:
    """Calldata: the 4-byte selector of ``signature`` and the ABI-encoded arguments."""
    return keccak256(signature.encode())[:4] + (encode(list(types), list(args)) if types else b"")


def eth_call(client: ChainClient, to: str, data: bytes, block: str = "latest",
             endpoint: JsonRpcEndpoint | None = None) -> bytes:
    """``endpoint``: ask that node only (no failover), to know whose answer it is."""
    return _eth_call(client, to, data, block, endpoint, decode_hex_data)


def _eth_call(client: ChainClient, to: str, data: bytes, block: str, endpoint: JsonRpcEndpoint | None,
              parse: ResultParser[T]) -> T:
    params = [{"to": to, "data": "0x" + data.hex()}, block]
    if endpoint is None:
        return client.request("eth_call", params, parse=parse)
    return client.request_on(endpoint, "eth_call", params, parse=parse)


def decode_hex_data(value: object, endpoint: str) -> bytes:
    """The parser of a DATA result (``eth_call``, ``eth_getCode``): ``0x`` and whole bytes in hex."""
    if not isinstance(value, str) or not value.startswith("0x") or len(value) % 2:
        raise RpcProtocolError(endpoint=endpoint, reason=QT_TRANSLATE_NOOP("WalletError", "malformed call data"))
    try:
        return bytes.fromhex(value[2:])
    except ValueError:
        raise RpcProtocolError(endpoint=endpoint,
                               reason=QT_TRANSLATE_NOOP("WalletError", "malformed call data")) from None


def contract_code(value: object, endpoint: str) -> bytes:
    """The parser of ``eth_getCode``'s result: the code, empty where there is none (which some old
    nodes write ``0x0``)."""
    return b"" if value == "0x0" else decode_hex_data(value, endpoint)


def aggregate3(client: ChainClient, multicall: str, calls: Sequence[Call], block: str,
               endpoint: JsonRpcEndpoint | None = None) -> list[CallResult]:
    """Run ``calls`` at ``block`` (a hex number: the same block for every chunk), on ``endpoint`` if
    given. The chunks go in one JSON-RPC batch: one round trip, one node's answers."""
    chunks = [calls[start:start + MAX_CALLS_PER_CHUNK] for start in range(0, len(calls), MAX_CALLS_PER_CHUNK)]
    requests: list[RpcCall] = []
    for chunk in chunks:
        data = AGGREGATE3_SELECTOR + encode(["(address,bool,bytes)[]"], [[(c.target, True, c.data) for c in chunk]])
        requests.append(("eth_call", [{"to": multicall, "data": "0x" + data.hex()}, block]))
    parsers = [_aggregate3_results(len(chunk)) for chunk in chunks]
    answers = (client.request_batch(requests, parse=parsers) if endpoint is None
               else client.request_batch_on(endpoint, requests, parse=parsers))
    return [result for answer in answers for result in answer]


def _aggregate3_results(count: int) -> ResultParser[list[CallResult]]:
    """The parser of one chunk's reply: ``count`` results, or the answering node's failure."""
    def parse(value: object, endpoint: str) -> list[CallResult]:
        try:
            (decoded,) = decode(["(bool,bytes)[]"], decode_hex_data(value, endpoint))
        except (DecodingError, ValueError, OverflowError):
            raise RpcProtocolError(endpoint=endpoint,
                                   reason=QT_TRANSLATE_NOOP("WalletError", "malformed multicall result")) from None
        if len(decoded) != count:
            raise RpcProtocolError(endpoint=endpoint,
                                   reason=QT_TRANSLATE_NOOP("WalletError", "multicall result of the wrong length"))
        return [CallResult(bool(ok), bytes(out)) for ok, out in decoded]
    return parse
