"""The Ledger Ethereum app over HID: APDUs (CLA 0xE0) framed by ``ledger_framing``.

Commands follow LedgerHQ/app-ethereum's doc/ethapp.adoc: GET APP CONFIGURATION (0x06), GET ETH
PUBLIC ADDRESS (0x02), SIGN ETH TRANSACTION (0x04), SIGN ETH PERSONAL MESSAGE (0x08), SIGN ETH
EIP 712 in its hashed "v0" form (0x0C) and PROVIDE ERC 20 TOKEN INFORMATION (0x0A, see
``ledger_tokens``). Data goes in chunks of at most 255 bytes; the first chunk starts with the BIP-32
path. A channel is closed with the signer that uses it (``DeviceSigner.close``).
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import Protocol

from wallet.chains.address import parse_address
from wallet.hw.errors import (
    BlindSigningDisabledError,
    DeviceDisconnectedError,
    DeviceError,
    DeviceLockedError,
    DeviceNotFoundError,
    DeviceProtocolError,
    DeviceStatusError,
    DeviceTimeoutError,
    UserRejectedError,
    WrongAppError,
)
from wallet.hw.ledger_framing import FramingError, Reassembler, frame
from wallet.hw.ledger_tokens import TokenDescriptor
from wallet.hw.transport import HidTransport, exchange_reports
from wallet.keys.paths import path_indices
from wallet.translatable import QT_TRANSLATE_NOOP

CLA = 0xE0
INS_GET_ADDRESS = 0x02
INS_SIGN_TX = 0x04
INS_GET_CONFIGURATION = 0x06
INS_SIGN_PERSONAL = 0x08
INS_PROVIDE_ERC20 = 0x0A
INS_SIGN_EIP712 = 0x0C
P1_FIRST, P1_MORE = 0x00, 0x80
MAX_CHUNK_BYTES = 255
SW_OK = 0x9000
SW_INVALID_DATA = 0x6A80
STATUS_ERRORS = {
    0x6985: UserRejectedError,
    0x5515: DeviceLockedError,
    0x6982: DeviceLockedError,  # "security status not satisfied": older firmware's locked state
    SW_INVALID_DATA: BlindSigningDisabledError,  # during SIGN ETH TRANSACTION: data it may not sign blind
}
WRONG_APP_STATUSES = (0x6D00, 0x6E00, 0x6511, 0x6E01)
QUICK_TIMEOUT_S = 5.0
USER_TIMEOUT_S = 180.0  # the user reads the screen and presses a button


class TokenDescriptorRefusedError(DeviceError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The Ledger refused the signed description of {token} ({contract}): its Ethereum app could "
        "not verify it for this network. Nothing was signed; update the device's Ethereum app, or this wallet.")


@dataclass(frozen=True)
class AppConfiguration:
    blind_signing: bool
    version: tuple[int, int, int]


def encode_path(path: str) -> bytes:
    """Number of components, then each as a big-endian uint32 (hardened ones with the top bit)."""
    indices = path_indices(path)
    if len(indices) > 10:
        raise ValueError("a Ledger path has at most 10 components")
    return bytes([len(indices)]) + b"".join(struct.pack(">I", i) for i in indices)


def chunks(head: bytes, body: bytes, whole_tail: int = 0) -> list[bytes]:
    """``head`` (the path) and ``body`` in chunks of at most 255 bytes, as full as they can be,
    except that no chunk but the last may reach into the final ``whole_tail`` bytes.

    That exception is for EIP-155 transactions: the app treats the (chainId, 0, 0) tail as its
    end-of-transaction marker, and a chunk ending on it confuses its parser (Ledger's own host
    library steers around it the same way)."""
    if not 0 <= whole_tail < MAX_CHUNK_BYTES - 1:
        raise ValueError("the tail must fit in one chunk with a byte before it")
    data = head + body
    limit = len(data) - whole_tail  # a chunk other than the last must end before this
    parts, offset = [], 0
    while offset < len(data):
        end = min(offset + MAX_CHUNK_BYTES, len(data))
        if whole_tail and limit <= end < len(data):
            end = limit - 1
        parts.append(data[offset:end])
        offset = end
    return parts or [b""]


class ApduChannel(Protocol):
    """Moves one command APDU to the device and its reply (data + status word) back."""

    def exchange(self, command: bytes, timeout_s: float) -> bytes: ...

    def close(self) -> None: ...


class HidApduChannel:
    """APDUs framed into 64-byte HID reports (a real or virtual device)."""

    def __init__(self, transport: HidTransport) -> None:
        self.transport = transport

    def exchange(self, command: bytes, timeout_s: float) -> bytes:
        reassembler = Reassembler()

        def collect(report: bytes) -> bytes | None:
            try:
                return reassembler.feed(report)
            except FramingError as error:
                raise DeviceProtocolError(reason=str(error)) from None

        return exchange_reports(self.transport, frame(command), collect, timeout_s)

    def close(self) -> None:
        self.transport.close()


class SpeculosChannel:
    """Ledger's Speculos emulator: APDUs over TCP, each prefixed by a 4-byte big-endian length; the
    reply is the data length, the data and the 2-byte status word (as LedgerHQ/ledgercomm speaks it)."""

    def __init__(self, host: str, port: int) -> None:
        try:
            self._socket = socket.create_connection((host, port), timeout=QUICK_TIMEOUT_S)
        except OSError:
            raise DeviceNotFoundError() from None

    def exchange(self, command: bytes, timeout_s: float) -> bytes:
        self._socket.settimeout(timeout_s)
        try:
            self._socket.sendall(len(command).to_bytes(4, "big") + command)
            length = int.from_bytes(self._receive(4), "big")
            if length > 0xFFFF:
                raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a reply longer than any APDU"))
            return self._receive(length + 2)
        except TimeoutError:
            raise DeviceTimeoutError(seconds=f"{timeout_s:g}") from None
        except OSError:
            raise DeviceDisconnectedError() from None

    def close(self) -> None:
        self._socket.close()

    def _receive(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self._socket.recv(size - len(data))
            if not chunk:
                raise DeviceDisconnectedError()
            data += chunk
        return data


class LedgerEthApp:
    def __init__(self, channel: ApduChannel, user_timeout_s: float = USER_TIMEOUT_S) -> None:
        self.channel = channel
        self.user_timeout_s = user_timeout_s

    def apdu(self, ins: int, p1: int, p2: int, data: bytes, timeout_s: float = QUICK_TIMEOUT_S,
             refusal: DeviceError | None = None) -> bytes:
        """The reply's data; a status word other than OK raises its error (``refusal`` for
        0x6A80, "invalid data", when the command gives that status another meaning)."""
        reply = self.channel.exchange(bytes([CLA, ins, p1, p2, len(data)]) + data, timeout_s)
        if len(reply) < 2:
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a reply without a status word"))
        status = int.from_bytes(reply[-2:], "big")
        if status == SW_OK:
            return reply[:-2]
        if status in WRONG_APP_STATUSES:
            raise WrongAppError(app="Ethereum")
        if status == SW_INVALID_DATA and refusal is not None:
            raise refusal
        error_type = STATUS_ERRORS.get(status)
        raise error_type() if error_type else DeviceStatusError(status=status)

    def configuration(self) -> AppConfiguration:
        reply = self.apdu(INS_GET_CONFIGURATION, 0, 0, b"")
        if len(reply) < 4:
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a short configuration reply"))
        return AppConfiguration(bool(reply[0] & 0x01), (reply[1], reply[2], reply[3]))

    def get_address(self, path: str, display: bool = False) -> tuple[bytes, str]:
        """(uncompressed public key, checksummed address); ``display`` asks the user to confirm it."""
        reply = self.apdu(INS_GET_ADDRESS, 0x01 if display else 0x00, 0x00, encode_path(path),
                          self.user_timeout_s if display else QUICK_TIMEOUT_S)
        try:
            key_length = reply[0]
            public_key = reply[1:1 + key_length]
            address_length = reply[1 + key_length]
            text = reply[2 + key_length:2 + key_length + address_length].decode("ascii")
            address = parse_address("0x" + text if not text.startswith("0x") else text)
        except (IndexError, UnicodeDecodeError, ValueError):
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a malformed address reply")) from None
        if key_length != 65 or public_key[0] != 0x04:
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a malformed public key"))
        return public_key, address

    def provide_token(self, descriptor: TokenDescriptor) -> None:
        """Gives the app a CAL-signed token description for the next transaction; the app checks
        the signature against Ledger's key and refuses (0x6A80) one that does not verify."""
        self.apdu(INS_PROVIDE_ERC20, 0x00, 0x00, descriptor.payload,
                  refusal=TokenDescriptorRefusedError(token=descriptor.ticker, contract=descriptor.address))

    def close(self) -> None:
        self.channel.close()

    def sign_transaction(self, path: str, payload: bytes, eip155_tail: int = 0) -> tuple[int, int, int]:
        """(v as the device returns it, r, s) for the unsigned transaction ``payload``, whose last
        ``eip155_tail`` bytes are the EIP-155 (chainId, 0, 0) fields of a legacy transaction."""
        return self._stream(INS_SIGN_TX, chunks(encode_path(path), payload, eip155_tail))

    def sign_personal_message(self, path: str, message: bytes) -> tuple[int, int, int]:
        return self._stream(INS_SIGN_PERSONAL, chunks(encode_path(path) + struct.pack(">I", len(message)), message))

    def sign_eip712_hashed(self, path: str, domain_hash: bytes, message_hash: bytes) -> tuple[int, int, int]:
        return self._signature(self.apdu(INS_SIGN_EIP712, 0x00, 0x00, encode_path(path) + domain_hash + message_hash,
                                         self.user_timeout_s))

    def _stream(self, ins: int, parts: list[bytes]) -> tuple[int, int, int]:
        reply = b""
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            reply = self.apdu(ins, P1_FIRST if index == 0 else P1_MORE, 0x00, part,
                              self.user_timeout_s if last else QUICK_TIMEOUT_S)
        return self._signature(reply)

    @staticmethod
    def _signature(reply: bytes) -> tuple[int, int, int]:
        if len(reply) != 65:
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a signature of the wrong length"))
        return reply[0], int.from_bytes(reply[1:33], "big"), int.from_bytes(reply[33:65], "big")
