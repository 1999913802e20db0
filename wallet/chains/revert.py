"""What a reverted call says: ``Error(string)``, ``Panic(uint256)``, or a custom error's selector."""

from __future__ import annotations

from eth_abi.abi import decode
from eth_abi.exceptions import DecodingError

from wallet.chains.address import keccak256

ERROR_SELECTOR = keccak256(b"Error(string)")[:4]
PANIC_SELECTOR = keccak256(b"Panic(uint256)")[:4]
MAX_REASON_CHARS = 200
# Solidity's panic codes (https://docs.soliditylang.org/en/latest/control-structures.html#panic-via-assert-and-error-via-require)
PANIC_CODES = {
    0x01: "assertion failed", 0x11: "arithmetic overflow or underflow", 0x12: "division by zero",
    0x21: "invalid enum value", 0x22: "invalid storage byte array", 0x31: "pop on empty array",
    0x32: "array index out of bounds", 0x41: "out of memory", 0x51: "call to an invalid function",
}


def revert_reason(data: bytes | None) -> str:
    """A short, printable description of revert ``data`` (empty data: the contract gave no reason)."""
    if not data:
        return "no reason given"
    selector, payload = data[:4], data[4:]
    try:
        if selector == ERROR_SELECTOR:
            (message,) = decode(["string"], payload)
            return "".join(c for c in str(message) if c.isprintable())[:MAX_REASON_CHARS] or "no reason given"
        if selector == PANIC_SELECTOR:
            (code,) = decode(["uint256"], payload)
            return f"panic 0x{code:02x}: {PANIC_CODES.get(code, 'unknown')}"
    except (DecodingError, ValueError, OverflowError):
        return f"malformed revert data 0x{data[:36].hex()}"
    return f"custom error 0x{selector.hex()}"
