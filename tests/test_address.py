"""EIP-55 addresses: the spec's vectors, and agreement with eth_utils on random addresses."""

from __future__ import annotations

import random

import pytest
from eth_utils.address import to_checksum_address as reference_checksum

from wallet.chains.address import AddressError, is_checksum_address, parse_address, to_checksum_address

# The examples listed in EIP-55 itself.
EIP55_VECTORS = [
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
]


@pytest.mark.parametrize("address", EIP55_VECTORS)
def test_eip55_vectors(address: str) -> None:
    assert to_checksum_address(address.lower()) == address
    assert is_checksum_address(address)


def test_agrees_with_eth_utils_on_random_addresses() -> None:
    rng = random.Random(55)
    for _ in range(500):
        raw = "0x" + rng.randbytes(20).hex()
        assert to_checksum_address(raw) == reference_checksum(raw)


def test_parse_accepts_single_case_and_refuses_a_broken_checksum() -> None:
    good = EIP55_VECTORS[0]
    assert parse_address(good.lower()) == good
    assert parse_address("0x" + good[2:].upper()) == good
    broken = good[:-1] + ("D" if good[-1] == "d" else "d")
    with pytest.raises(AddressError, match="bad EIP-55 checksum"):
        parse_address(broken)
    for bad in ("", "0x", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", good + "00", "0xZZ" + good[4:]):
        with pytest.raises(AddressError, match="not a 0x-prefixed 20-byte hex address"):
            parse_address(bad)
