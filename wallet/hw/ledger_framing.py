"""Ledger's APDU-over-HID framing: 64-byte reports of channel (2 bytes), tag 0x05, sequence index
(2 bytes), and in the first report the payload length (2 bytes), all big-endian, zero-padded.

Used in both directions: the host frames commands and reassembles replies; the virtual device does
the reverse. Reassembly is strict (channel, tag, sequence, length), as on the device.
"""

from __future__ import annotations

import struct

REPORT_BYTES = 64
CHANNEL = 0x0101
TAG_APDU = 0x05
_HEADER = struct.Struct(">HBH")  # channel, tag, sequence index
FIRST_CAPACITY = REPORT_BYTES - _HEADER.size - 2
NEXT_CAPACITY = REPORT_BYTES - _HEADER.size
MAX_PAYLOAD_BYTES = 0xFFFF


class FramingError(ValueError):
    """A report that breaks the framing: wrong channel or tag, out-of-order sequence, bad length."""


def frame(payload: bytes, channel: int = CHANNEL) -> list[bytes]:
    """Split ``payload`` into 64-byte reports (as few as the framing allows)."""
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise FramingError(f"payload of {len(payload)} bytes does not fit the 16-bit length")
    reports: list[bytes] = []
    rest = struct.pack(">H", len(payload)) + payload
    sequence = 0
    while rest or not reports:
        chunk, rest = rest[:NEXT_CAPACITY], rest[NEXT_CAPACITY:]
        report = _HEADER.pack(channel, TAG_APDU, sequence) + chunk
        reports.append(report.ljust(REPORT_BYTES, b"\0"))
        sequence += 1
    return reports


def report_count(payload_bytes: int) -> int:
    """How many reports ``frame`` uses for a payload of this size (the framing's minimum)."""
    rest = max(0, payload_bytes - FIRST_CAPACITY)
    return 1 + -(-rest // NEXT_CAPACITY)


class Reassembler:
    """Collects reports into one payload; ``feed`` returns it when complete, else None."""

    def __init__(self, channel: int = CHANNEL) -> None:
        self.channel = channel
        self._expected: int | None = None
        self._sequence = 0
        self._data = b""

    def feed(self, report: bytes) -> bytes | None:
        if len(report) != REPORT_BYTES:
            raise FramingError(f"report of {len(report)} bytes, expected {REPORT_BYTES}")
        channel, tag, sequence = _HEADER.unpack_from(report)
        if channel != self.channel:
            raise FramingError(f"channel 0x{channel:04x}, expected 0x{self.channel:04x}")
        if tag != TAG_APDU:
            raise FramingError(f"tag 0x{tag:02x}, expected 0x{TAG_APDU:02x}")
        if sequence != self._sequence:
            raise FramingError(f"sequence {sequence}, expected {self._sequence}")
        body = report[_HEADER.size:]
        if sequence == 0:
            (self._expected,) = struct.unpack_from(">H", body)
            body = body[2:]
        assert self._expected is not None
        self._data += body[: self._expected - len(self._data)]
        self._sequence += 1
        if len(self._data) < self._expected:
            return None
        payload, self._expected, self._sequence, self._data = self._data, None, 0, b""
        return payload
