"""The direct aggregate3 codec agrees with eth_abi both ways and refuses what eth_abi refuses."""

from __future__ import annotations

import random

import pytest
from eth_abi.abi import decode, encode

from wallet.chains.multicall import AGGREGATE3_SELECTOR, Call, CallResult
from wallet.dex.amm.aggregate3_codec import Aggregate3DecodeError, decode_aggregate3_result, encode_aggregate3


def random_calls(rng: random.Random, count: int) -> list[Call]:
    return [Call("0x" + rng.randbytes(20).hex(), rng.randbytes(rng.choice((0, 4, 31, 32, 33, 100, 260))))
            for _ in range(count)]


def test_encoding_equals_eth_abi() -> None:
    rng = random.Random(7)
    for count in (0, 1, 2, 17, 130):
        calls = random_calls(rng, count)
        expected = AGGREGATE3_SELECTOR + encode(["(address,bool,bytes)[]"], [[(c.target, True, c.data) for c in calls]])
        assert encode_aggregate3(calls) == expected


def test_decoding_equals_eth_abi() -> None:
    rng = random.Random(11)
    for count in (0, 1, 3, 130):
        results = [(rng.random() < 0.7, rng.randbytes(rng.choice((0, 32, 96, 100, 1000)))) for _ in range(count)]
        raw = encode(["(bool,bytes)[]"], [results])
        assert decode_aggregate3_result(raw) == [CallResult(ok, data) for ok, data in results]
        assert decode(["(bool,bytes)[]"], raw)[0] == tuple(results)


@pytest.mark.parametrize("mangle", [
    lambda raw: raw[:-32],  # truncated
    lambda raw: raw[:31],
    lambda raw: (2**200).to_bytes(32, "big") + raw[32:],  # array offset far outside
    lambda raw: raw[:32] + (10**6).to_bytes(32, "big") + raw[64:],  # a million elements in a few words
    lambda raw: raw[:128] + (2).to_bytes(32, "big") + raw[160:],  # bool 2
    lambda raw: raw[:-1] + b"\x01",  # non-zero padding
])
def test_malformed_results_are_refused(mangle: object) -> None:
    raw = encode(["(bool,bytes)[]"], [[(True, b"\x05" * 33), (False, b"")]])
    assert decode_aggregate3_result(raw)  # well-formed before mangling
    with pytest.raises(Aggregate3DecodeError):
        decode_aggregate3_result(mangle(raw))  # type: ignore[operator]
