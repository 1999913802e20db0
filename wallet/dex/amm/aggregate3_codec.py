"""Calldata and result of Multicall3's ``aggregate3``, encoded and decoded directly.

eth_abi's generic codec spends about 10 ms on a quote's 130-call batch each way, several times the
node's own work on a local chain; the two fixed types here take a few lines each. The decoder is as
strict as eth_abi's (every offset and length inside the data, booleans 0 or 1, padding zero) because
the bytes come from a node; tests cross-check both directions against eth_abi.
"""

from __future__ import annotations

from collections.abc import Sequence

from wallet.chains.multicall import AGGREGATE3_SELECTOR, Call, CallResult

WORD = 32


class Aggregate3DecodeError(ValueError):
    """The result is not a well-formed ``(bool,bytes)[]``."""


def _word(value: int) -> bytes:
    return value.to_bytes(WORD, "big")


def _padded(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % WORD)


def encode_aggregate3(calls: Sequence[Call], allow_failure: bool = True) -> bytes:
    """``aggregate3((address,bool,bytes)[])`` calldata for ``calls``."""
    heads, tails, offset = [], [], WORD * len(calls)
    flag = _word(1 if allow_failure else 0)
    for call in calls:
        tail = (bytes(12) + bytes.fromhex(call.target[2:]) + flag + _word(3 * WORD) + _word(len(call.data))
                + _padded(call.data))
        heads.append(_word(offset))
        tails.append(tail)
        offset += len(tail)
    return AGGREGATE3_SELECTOR + _word(WORD) + _word(len(calls)) + b"".join(heads) + b"".join(tails)


def decode_aggregate3_result(raw: bytes) -> list[CallResult]:
    """The ``(bool success, bytes returnData)[]`` that ``aggregate3`` returns."""
    array = _offset(raw, 0, 0)
    count = _read_uint(raw, array)
    elements = array + WORD
    if count > (len(raw) - elements) // (3 * WORD):  # each element takes at least three words
        raise Aggregate3DecodeError("array longer than the data")
    results = []
    for index in range(count):
        item = _offset(raw, elements + index * WORD, elements)
        success = _read_uint(raw, item)
        if success > 1:
            raise Aggregate3DecodeError("bool out of range")
        data_at = _offset(raw, item + WORD, item)
        length = _read_uint(raw, data_at)
        start, end = data_at + WORD, data_at + WORD + length
        if end > len(raw) or any(raw[end:start + length + (-length % WORD)]):
            raise Aggregate3DecodeError("bytes outside the data or badly padded")
        results.append(CallResult(bool(success), bytes(raw[start:end])))
    return results


def _read_uint(raw: bytes, at: int) -> int:
    if at < 0 or at + WORD > len(raw):
        raise Aggregate3DecodeError("read outside the data")
    return int.from_bytes(raw[at:at + WORD], "big")


def _offset(raw: bytes, at: int, base: int) -> int:
    target = base + _read_uint(raw, at)
    if target + WORD > len(raw):
        raise Aggregate3DecodeError("offset outside the data")
    return target
