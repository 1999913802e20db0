"""EIP-55 addresses: the spec's vectors, and agreement with eth_utils on random addresses; keccak-256 and
its implementations (pycryptodome's, Qt's for the app)."""

from __future__ import annotations

import hashlib
import random

import pytest
from eth_hash.auto import keccak as reference_keccak
from eth_utils.address import to_checksum_address as reference_checksum

from wallet.chains import address
from wallet.chains.address import (
    AddressError,
    is_checksum_address,
    keccak256,
    parse_address,
    to_checksum_address,
    use_keccak256,
)
from wallet.ui.app import qt_keccak256

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


def test_keccak256_known_answers_and_agreement_with_eth_hash() -> None:
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    rng = random.Random(256)
    for length in [*range(0, 300), 1000, 4096]:  # every padding case around the 136-byte block
        data = rng.randbytes(length)
        assert keccak256(data) == reference_keccak(data)


def test_the_app_hashes_with_qt_keccak_which_agrees_with_pycryptodome(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(address, "_keccak256_implementation", None)  # restored after the test
    rng = random.Random(1600)
    samples = [rng.randbytes(length) for length in [*range(0, 300), 5000]]
    expected = [keccak256(data) for data in samples]  # pycryptodome, loaded on first use
    use_keccak256(qt_keccak256)
    assert address._keccak256_implementation is qt_keccak256
    assert [keccak256(data) for data in samples] == expected
    assert to_checksum_address(EIP55_VECTORS[1].lower()) == EIP55_VECTORS[1]


def test_an_implementation_that_is_not_keccak256_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(address, "_keccak256_implementation", None)
    # NIST SHA3-256: the same sponge with another padding, the classic mix-up.
    with pytest.raises(ValueError, match="does not compute Keccak-256"):
        use_keccak256(lambda data: hashlib.sha3_256(data).digest())
    assert keccak256(b"abc").hex() == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"


@pytest.mark.parametrize("text", ["0x52908400098527886E0F7030069857D2E4169EE7\n", "0x" + "ab" * 20 + "\n"])
def test_a_trailing_newline_is_not_part_of_an_address(text: str) -> None:
    with pytest.raises(AddressError):
        parse_address(text)


def test_a_nodes_quantity_is_matched_whole() -> None:
    from wallet.chains.rpc import RpcProtocolError, parse_quantity

    with pytest.raises(RpcProtocolError):
        parse_quantity("0x1\n", "blockNumber", "node")
