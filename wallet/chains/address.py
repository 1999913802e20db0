"""EIP-55 checksummed Ethereum addresses, and the keccak-256 they (and the rest of the wallet) hash with.

Written over a plain keccak-256 instead of importing ``eth_utils`` (which pulls in pydantic) or
``eth_hash.auto`` (which probes for a backend on first use): together they cost about 120 ms of the
app's start-up, for what is a few lines over keccak-256. The tests cross-check every function here
against eth_utils.

Keccak-256 comes from pycryptodome, loaded on first use: its import parses C declarations with cffi's
parser (about 25 ms). The desktop app, which has QtCore in memory anyway and checks the registry's
addresses before its first frame, hands in Qt's Keccak-256 instead (``use_keccak256``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

_HEX_ADDRESS_RE = re.compile(r"^0x[0-9a-fA-F]{40}\Z")


class AddressError(WalletError, ValueError):
    """Not an address, or an address whose mixed-case checksum is wrong."""


class NotAnAddressError(AddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "not a 0x-prefixed 20-byte hex address: {value}")


class AddressChecksumError(AddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "bad EIP-55 checksum (a character is probably mistyped): {value}")


# Known answers that tell Keccak-256 from NIST SHA3-256 (same sponge, other padding), which some
# libraries have shipped under the other's name. The last input spans two 136-byte blocks (its digest
# is the one pycryptodome, Qt and eth-hash agree on).
_KECCAK256_VECTORS = (
    (b"", bytes.fromhex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")),
    (b"abc", bytes.fromhex("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")),
    (b"abc" * 50, bytes.fromhex("519248c2dffa105e1d46cbbfa379d1cde0c3593882b7dbed4bf57cd878e938f4")),
)
_keccak256_implementation: Callable[[bytes], bytes] | None = None


def keccak256(data: bytes) -> bytes:
    """Ethereum's Keccak-256 (the original Keccak padding, not NIST SHA3-256)."""
    return (_keccak256_implementation or _use_pycryptodome())(data)


def keccak256_implementation() -> Callable[[bytes], bytes]:
    """The function ``keccak256`` calls, for loops that hash thousands of times (one call less each)."""
    return _keccak256_implementation or _use_pycryptodome()


def use_keccak256(implementation: Callable[[bytes], bytes]) -> None:
    """Hash with ``implementation`` from now on, once it has given the known Keccak-256 answers.

    Raises ValueError, and keeps the current implementation, when it does not.
    """
    global _keccak256_implementation
    for message, digest in _KECCAK256_VECTORS:
        if implementation(message) != digest:
            raise ValueError("the implementation does not compute Keccak-256")
    _keccak256_implementation = implementation


def _use_pycryptodome() -> Callable[[bytes], bytes]:
    from Crypto.Hash import keccak

    def pycryptodome_keccak256(data: bytes) -> bytes:
        return keccak.new(digest_bits=256, data=data).digest()

    use_keccak256(pycryptodome_keccak256)
    return pycryptodome_keccak256


def is_hex_address(value: str) -> bool:
    return bool(_HEX_ADDRESS_RE.match(value))


def to_checksum_address(value: str) -> str:
    """The EIP-55 form of a 0x-prefixed 40-hex-digit address (any case)."""
    if not is_hex_address(value):
        raise NotAnAddressError(value=repr(value))
    return _eip55(value[2:].lower().encode("ascii"))


def checksum_encode(address: bytes) -> str:
    """The EIP-55 form of a 20-byte address."""
    if len(address) != 20:
        raise ValueError("an Ethereum address is 20 bytes")
    return _eip55(address.hex().encode("ascii"))


# EIP-55 capitalises the letters of the lowercase hex address where the keccak of that hex has a nibble
# of 8 or more. Done on whole 40-byte strings with translate tables and integer arithmetic rather than a
# loop over characters (listing addresses does this once per address): 0x20 marks a byte to capitalise.
_HIGH_NIBBLE = bytes.maketrans(b"0123456789abcdef", b"\0" * 8 + b"\x20" * 8)
_LETTER = bytes.maketrans(b"0123456789abcdef", b"\0" * 10 + b"\x20" * 6)


def _eip55(lower_hex: bytes) -> str:
    """``lower_hex``: the 40 lowercase hex digits of an address, as ASCII."""
    nibbles = keccak256(lower_hex).hex()[:40].encode("ascii")
    capitalise = (int.from_bytes(nibbles.translate(_HIGH_NIBBLE), "big")
                  & int.from_bytes(lower_hex.translate(_LETTER), "big"))
    # 'a'-'f' minus 0x20 is 'A'-'F'; no byte borrows from its neighbour, as every marked byte is >= 0x61.
    return "0x" + (int.from_bytes(lower_hex, "big") - capitalise).to_bytes(40, "big").decode("ascii")


def is_checksum_address(value: str) -> bool:
    return is_hex_address(value) and to_checksum_address(value) == value


def parse_address(value: str) -> str:
    """Checksummed address from user or file input.

    All-lowercase or all-uppercase hex carries no checksum and is accepted; mixed case must be a
    correct EIP-55 checksum, because a wrong one means a typo or a tampered address.
    """
    checksummed = to_checksum_address(value)
    digits = value[2:]
    if digits not in (digits.lower(), digits.upper()) and checksummed != value:
        raise AddressChecksumError(value=value)
    return checksummed


def eth_address_from_public_key(public_key: bytes) -> str:
    """Checksummed address of a secp256k1 public key (33-byte compressed or 65-byte uncompressed)."""
    from coincurve import PublicKey  # on first use: the window imports this module and never needs it

    uncompressed = PublicKey(public_key).format(compressed=False)
    return checksum_encode(keccak256(uncompressed[1:])[-20:])
