"""Trezor's protocol v1 over 64-byte reports: the first report is ``?##`` + message type (2 bytes) +
payload length (4 bytes, both big-endian) + payload; the following ones are ``?`` + payload.

Used by the host and by the virtual Trezor; reassembly is strict like the device's.
"""

from __future__ import annotations

import struct

REPORT_BYTES = 64
_FIRST = struct.Struct(">3sHI")
FIRST_CAPACITY = REPORT_BYTES - _FIRST.size
NEXT_CAPACITY = REPORT_BYTES - 1
MAX_PAYLOAD_BYTES = 1 << 20  # far above any Ethereum message; a reply claiming more is malformed


class TrezorFramingError(ValueError):
    pass


def frame(message_type: int, payload: bytes) -> list[bytes]:
    first = _FIRST.pack(b"?##", message_type, len(payload)) + payload[:FIRST_CAPACITY]
    reports = [first.ljust(REPORT_BYTES, b"\0")]
    for start in range(FIRST_CAPACITY, len(payload), NEXT_CAPACITY):
        reports.append((b"?" + payload[start:start + NEXT_CAPACITY]).ljust(REPORT_BYTES, b"\0"))
    return reports


class Reassembler:
    """``feed`` returns (message type, payload) once a message is complete, else None."""

    def __init__(self) -> None:
        self._type: int | None = None
        self._length = 0
        self._data = b""

    def feed(self, report: bytes) -> tuple[int, bytes] | None:
        if len(report) != REPORT_BYTES or report[:1] != b"?":
            raise TrezorFramingError("a report must be 64 bytes starting with '?'")
        if self._type is None:
            magic, message_type, length = _FIRST.unpack_from(report)
            if magic != b"?##":
                raise TrezorFramingError("a message must start with '?##'")
            if length > MAX_PAYLOAD_BYTES:
                raise TrezorFramingError(f"a message of {length} bytes")
            self._type, self._length, self._data = message_type, length, report[_FIRST.size:]
        else:
            self._data += report[1:]
        if len(self._data) < self._length:
            return None
        result = (self._type, self._data[:self._length])
        self._type, self._length, self._data = None, 0, b""
        return result
