"""Ledger's signed ERC-20 descriptors, so the Ethereum app can show a token transfer in clear.

Without one, the app has no way to know a contract's ticker and decimals, so a token transfer is
"blind signing" with an amount of 0 ETH to the token contract. Ledger's Crypto Asset List (CAL)
signs, per token, ``ticker ‖ address ‖ decimals (uint32) ‖ chain id (uint32)``; the host sends
``len(ticker) ‖ that ‖ DER signature`` with PROVIDE ERC 20 TOKEN INFORMATION (INS 0x0A) right
before the transaction, and the app checks the signature (ECDSA secp256k1 over SHA-256) against
the CAL key compiled into it (app-ethereum ``src/public_keys.h``, production key "erc20signer").

The descriptors come from Ledger's npm package ``@ledgerhq/cryptoassets-evm-signatures``, copied
for our chains into ``resources/ledger/erc20-descriptors.json`` by
``scripts/extract_ledger_descriptors.py`` (committed with the package version; a test re-extracts
and compares). The app reads that file, never node_modules, because an installed app ships
resources/ and no node_modules. A token without a descriptor (any devnet token, or one Ledger has
not listed) is signed blind, and the Send page says so before the user looks at the device.
"""

from __future__ import annotations

import base64
import binascii
import json
import struct
from dataclasses import dataclass
from functools import cache
from hashlib import sha256
from pathlib import Path
from typing import Any

from coincurve import PublicKey

from wallet.chains.address import to_checksum_address
from wallet.paths import RESOURCES_DIR

# app-ethereum src/public_keys.h, LEDGER_SIGNATURE_PUBLIC_KEY (production key 2019-01-11, erc20signer)
CAL_PUBLIC_KEY = bytes.fromhex(
    "045e6c1020c14dc46442fe89f97c0b68cdb15976dc24f24c316e7b30fe4e8cc76b"
    "1489150c21514ebf440ff5dea5393d83de5358cd098fce8fd0f81daa94979183")
BUNDLED_DESCRIPTORS = RESOURCES_DIR / "ledger" / "erc20-descriptors.json"
# The calls app-ethereum's ERC-20 plugin understands (src/eth_plugin_internal.c, ERC20_SELECTORS).
ERC20_TRANSFER, ERC20_APPROVE = bytes.fromhex("a9059cbb"), bytes.fromhex("095ea7b3")
MAX_TICKER_BYTES = 11  # the app's ticker buffer is 12 bytes with the terminating zero


class DescriptorFormatError(ValueError):
    """Bytes that are not a descriptor (a broken list, not a user's mistake)."""


@dataclass(frozen=True)
class TokenDescriptor:
    ticker: str
    address: str  # EIP-55
    decimals: int
    chain_id: int
    signature: bytes  # DER
    payload: bytes  # exactly what INS 0x0A carries

    def signed_message(self) -> bytes:
        """The bytes the CAL key signed (the payload without the ticker length and the signature)."""
        return self.payload[1:len(self.payload) - len(self.signature)]


def descriptor_message(ticker: str, address: str, decimals: int, chain_id: int) -> bytes:
    """``ticker ‖ address ‖ decimals ‖ chain id``: what the CAL key signs."""
    return ticker.encode("ascii") + bytes.fromhex(address[2:]) + struct.pack(">II", decimals, chain_id)


def encode_descriptor(ticker: str, address: str, decimals: int, chain_id: int, signature: bytes) -> bytes:
    ticker_bytes = ticker.encode("ascii")
    if not 0 < len(ticker_bytes) <= MAX_TICKER_BYTES:
        raise DescriptorFormatError(f"a ticker of {len(ticker_bytes)} bytes")
    return bytes([len(ticker_bytes)]) + descriptor_message(ticker, address, decimals, chain_id) + signature


def parse_descriptor(payload: bytes) -> TokenDescriptor:
    if not payload or len(payload) < 1 + payload[0] + 28 + 8:  # fields, then at least a minimal DER
        raise DescriptorFormatError("a descriptor too short for its fields")
    length = payload[0]
    ticker = payload[1:1 + length]
    if length > MAX_TICKER_BYTES or not ticker.isascii():
        raise DescriptorFormatError("an unusable ticker")
    offset = 1 + length
    address = to_checksum_address("0x" + payload[offset:offset + 20].hex())
    decimals, chain_id = struct.unpack_from(">II", payload, offset + 20)
    return TokenDescriptor(ticker.decode("ascii"), address, decimals, chain_id, payload[offset + 28:], payload)


def parse_records(blob: bytes) -> list[TokenDescriptor]:
    """The npm package's list: records of a 4-byte big-endian length and one descriptor."""
    found, offset = [], 0
    while offset < len(blob):
        if offset + 4 > len(blob):
            raise DescriptorFormatError("a truncated record length")
        (size,) = struct.unpack_from(">I", blob, offset)
        if offset + 4 + size > len(blob):
            raise DescriptorFormatError("a truncated record")
        found.append(parse_descriptor(blob[offset + 4:offset + 4 + size]))
        offset += 4 + size
    return found


def signature_valid(descriptor: TokenDescriptor, public_key: bytes = CAL_PUBLIC_KEY) -> bool:
    """Whether ``public_key`` signed the descriptor, checked as the app checks it."""
    try:
        return PublicKey(public_key).verify(descriptor.signature, sha256(descriptor.signed_message()).digest(),
                                            hasher=None)
    except ValueError:  # not DER
        return False


class DescriptorBook:
    """Descriptors by (chain id, token address)."""

    def __init__(self, descriptors: list[TokenDescriptor]) -> None:
        self._by_token = {(d.chain_id, d.address): d for d in descriptors}

    def __len__(self) -> int:
        return len(self._by_token)

    def get(self, chain_id: int, address: str) -> TokenDescriptor | None:
        return self._by_token.get((chain_id, to_checksum_address(address)))

    def for_transaction(self, tx: dict[str, Any]) -> TokenDescriptor | None:
        """The descriptor the app needs to show ``tx`` in clear: an ERC-20 transfer or approval
        (the calls its ERC-20 plugin decodes) of a listed token, sending no coin with it."""
        data = _data(tx)
        if data[:4] not in (ERC20_TRANSFER, ERC20_APPROVE) or int(tx.get("value", 0)) != 0 or not tx.get("to"):
            return None
        return self.get(int(tx.get("chainId", 0)), str(tx["to"]))

    def blind_signed(self, tx: dict[str, Any]) -> bool:
        """Whether a Ledger shows ``tx`` as blind signing (contract data it cannot describe)."""
        return bool(_data(tx)) and self.for_transaction(tx) is None


def load_book(path: Path) -> DescriptorBook:
    document = json.loads(path.read_text(encoding="utf-8"))
    descriptors = []
    for chain_id, text in document["chains"].items():
        try:
            records = parse_records(base64.b64decode(text, validate=True))
        except binascii.Error:
            raise DescriptorFormatError(f"chain {chain_id}: not base64") from None
        descriptors += [d for d in records if d.chain_id == int(chain_id)]  # each list holds its own chain
    return DescriptorBook(descriptors)


@cache
def bundled_book() -> DescriptorBook:
    """The descriptors the app ships (read once)."""
    return load_book(BUNDLED_DESCRIPTORS)


def _data(tx: dict[str, Any]) -> bytes:
    data = tx.get("data") or b""
    if isinstance(data, str):
        return bytes.fromhex(data.removeprefix("0x"))
    return bytes(data)
