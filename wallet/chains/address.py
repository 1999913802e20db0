"""EIP-55 checksummed Ethereum addresses.

Written over pycryptodome's keccak instead of importing ``eth_utils`` (which pulls in pydantic)
or ``eth_hash.auto`` (which probes for a backend on first use): together they cost about 120 ms of
the app's start-up, for what is a few lines over keccak-256. The tests cross-check every function
here against eth_utils.
"""

from __future__ import annotations

import re

from Crypto.Hash import keccak as _keccak

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

_HEX_ADDRESS_RE = re.compile(r"^0x[0-9a-fA-F]{40}$")


class AddressError(WalletError, ValueError):
    """Not an address, or an address whose mixed-case checksum is wrong."""


class NotAnAddressError(AddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "not a 0x-prefixed 20-byte hex address: {value}")


class AddressChecksumError(AddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "bad EIP-55 checksum (a character is probably mistyped): {value}")


def keccak256(data: bytes) -> bytes:
    return _keccak.new(digest_bits=256, data=data).digest()


def is_hex_address(value: str) -> bool:
    return bool(_HEX_ADDRESS_RE.match(value))


def to_checksum_address(value: str) -> str:
    """The EIP-55 form of a 0x-prefixed 40-hex-digit address (any case)."""
    if not is_hex_address(value):
        raise NotAnAddressError(value=repr(value))
    lower = value[2:].lower()
    digest = keccak256(lower.encode("ascii")).hex()
    return "0x" + "".join(c.upper() if d in "89abcdef" else c for c, d in zip(lower, digest, strict=False))


def is_checksum_address(value: str) -> bool:
    return is_hex_address(value) and to_checksum_address(value) == value


def parse_address(value: str) -> str:
    """Checksummed address from user or file input.

    All-lowercase or all-uppercase hex carries no checksum and is accepted; mixed case must be a
    correct EIP-55 checksum, because a wrong one means a typo or a tampered address.
    """
    if not is_hex_address(value):
        raise NotAnAddressError(value=repr(value))
    digits = value[2:]
    if digits not in (digits.lower(), digits.upper()) and not is_checksum_address(value):
        raise AddressChecksumError(value=value)
    return to_checksum_address(value)


def eth_address_from_public_key(public_key: bytes) -> str:
    """Checksummed address of a secp256k1 public key (33-byte compressed or 65-byte uncompressed)."""
    from coincurve import PublicKey  # on first use: the window imports this module and never needs it

    uncompressed = PublicKey(public_key).format(compressed=False)
    return to_checksum_address("0x" + keccak256(uncompressed[1:])[-20:].hex())
