"""Many contract reads in one ``eth_call`` of Multicall3's ``aggregate3``, split only when a node's
gas cap makes it necessary.

``wallet.chains.multicall`` chunks by count and needs a block number first; a quote wants one round
trip. So the first attempt is a single ``eth_call`` at ``latest`` whose first read is the block
number, and only when it does not fit in the node's gas cap (the call itself fails, or reads fail
with empty revert data: out of gas) is the batch split in halves and re-run, pinned to that block.
A read that still runs out of gas alone is reported as such, never confused with a real answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wallet.chains.multicall import Call, CallResult, decode_hex_data, function_call
from wallet.chains.rpc import ChainClient, ResultParser, RpcProtocolError, RpcRemoteError
from wallet.dex.amm.aggregate3_codec import Aggregate3DecodeError, decode_aggregate3_result, encode_aggregate3
from wallet.translatable import QT_TRANSLATE_NOOP

GET_BLOCK_NUMBER = function_call("getBlockNumber()")
MALFORMED_RESULT = QT_TRANSLATE_NOOP("WalletError", "malformed multicall result")


@dataclass(frozen=True)
class BatchResult:
    block_number: int
    results: list[CallResult]  # a read that failed with no revert data even alone ran out of gas


def run_batch(client: ChainClient, multicall: str, calls: Sequence[Call], gas_limit: int | None = None) -> BatchResult:
    """Run ``calls`` as one snapshot, in one round trip whenever the node's gas cap allows.

    ``gas_limit`` is passed as the ``eth_call`` gas (a cap lower than the node's, or None for the
    node's default).
    """
    runner = _Runner(client, multicall, calls, gas_limit)
    try:
        first = runner.aggregate([Call(multicall, GET_BLOCK_NUMBER), *calls], "latest", block_number_first=True)
    except RpcRemoteError as error:
        if not _is_gas_error(error):
            raise
        first = []
    if first and first[0].success:
        block = int.from_bytes(first[0].data, "big")
        results = dict(enumerate(first[1:]))
        suspects = [i for i, r in results.items() if not r.success and not r.data]
        if suspects:
            results.update(runner.split(suspects, hex(block)))
    else:  # even the first read ran out of gas: nothing fits, so start over pinned to a block
        block = client.block_number()
        results = runner.split(list(range(len(calls))), hex(block))
    return BatchResult(block, [results[i] for i in range(len(calls))])


class _Runner:
    def __init__(self, client: ChainClient, multicall: str, calls: Sequence[Call], gas_limit: int | None) -> None:
        self.client = client
        self.multicall = multicall
        self.calls = calls
        self.gas_limit = gas_limit

    def aggregate(self, calls: Sequence[Call], block: str, block_number_first: bool = False) -> list[CallResult]:
        request: dict[str, str] = {"to": self.multicall, "data": "0x" + encode_aggregate3(calls).hex()}
        if self.gas_limit is not None:
            request["gas"] = hex(self.gas_limit)
        return self.client.request("eth_call", [request, block],
                                   parse=aggregate3_reply(len(calls), block_number_first))

    def split(self, indexes: list[int], block: str) -> dict[int, CallResult]:
        """Run the reads at ``indexes`` at ``block`` in two halves (one when there is one read)."""
        if len(indexes) == 1:
            return self.run(indexes, block)
        middle = len(indexes) // 2
        return self.run(indexes[:middle], block) | self.run(indexes[middle:], block)

    def run(self, indexes: list[int], block: str) -> dict[int, CallResult]:
        try:
            answers = self.aggregate([self.calls[i] for i in indexes], block)
        except RpcRemoteError as error:
            if not _is_gas_error(error):
                raise
            if len(indexes) > 1:
                return self.split(indexes, block)
            answers = [CallResult(False, b"")]
        results = dict(zip(indexes, answers, strict=True))
        suspects = [i for i, r in results.items() if not r.success and not r.data]
        if suspects and len(indexes) > 1:
            results.update(self.split(suspects, block))
        return results


def _is_gas_error(error: RpcRemoteError) -> bool:
    """Whether the node refused the call for its gas: geth's "gas required exceeds allowance", "out
    of gas", anvil's and erigon's variants all say "gas". Any other refusal is the node's answer."""
    return "gas" in str(error.params.get("message", "")).lower()


def aggregate3_reply(count: int, block_number_first: bool = False) -> ResultParser[list[CallResult]]:
    """The parser of an ``aggregate3`` reply of ``count`` results, checked per node (a node whose
    reply is not that is skipped for the next): hex, ABI-decodable, one result per call, and with
    ``block_number_first`` a first result that, when it succeeded, is one word."""
    def parse(value: object, endpoint: str) -> list[CallResult]:
        try:
            decoded = decode_aggregate3_result(decode_hex_data(value, endpoint))
        except Aggregate3DecodeError:
            raise RpcProtocolError(endpoint=endpoint, reason=MALFORMED_RESULT) from None
        if len(decoded) != count:
            raise RpcProtocolError(endpoint=endpoint,
                                   reason=QT_TRANSLATE_NOOP("WalletError", "multicall result of the wrong length"))
        if block_number_first and decoded[0].success and len(decoded[0].data) != 32:
            raise RpcProtocolError(endpoint=endpoint, reason=MALFORMED_RESULT)
        return decoded
    return parse
