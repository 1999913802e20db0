"""The Trezor Ethereum protocol over HID: protobuf messages (trezorlib's definitions) framed by
``trezor_framing``. The device may interject a ButtonRequest (we acknowledge and wait for the
user) or a PinMatrixRequest (the PIN provider answers with positions on the device's scrambled
matrix, as a Trezor One needs); a Failure becomes one of our device errors.
"""

from __future__ import annotations

import io
from typing import Any, TypeVar

from trezorlib import messages, protobuf

from wallet.chains.address import parse_address
from wallet.chains.tx_encoding import UnsupportedTransactionError, tx_type
from wallet.hw.errors import (
    DeviceLockedError,
    DeviceProtocolError,
    DeviceStatusError,
    PassphraseNeededError,
    UserRejectedError,
    WrongPinError,
)
from wallet.hw.transport import ReportTransport
from wallet.hw.trezor_framing import Reassembler, TrezorFramingError, frame
from wallet.hw.trezor_prompts import TrezorPrompts
from wallet.keys.paths import path_indices
from wallet.translatable import QT_TRANSLATE_NOOP

QUICK_TIMEOUT_S = 5.0
USER_TIMEOUT_S = 180.0
DATA_CHUNK_BYTES = 1024
M = TypeVar("M", bound=protobuf.MessageType)

_BY_WIRE_TYPE = {cls.MESSAGE_WIRE_TYPE: cls for cls in vars(messages).values()
                 if isinstance(cls, type) and issubclass(cls, protobuf.MessageType)
                 and getattr(cls, "MESSAGE_WIRE_TYPE", None) is not None}


def encode(message: protobuf.MessageType) -> tuple[int, bytes]:
    buffer = io.BytesIO()
    protobuf.dump_message(buffer, message)
    wire_type = message.MESSAGE_WIRE_TYPE
    assert wire_type is not None
    return wire_type, buffer.getvalue()


def decode(message_type: int, payload: bytes) -> protobuf.MessageType:
    cls = _BY_WIRE_TYPE.get(message_type)
    if cls is None:
        raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "an unknown message type"))
    try:
        return protobuf.load_message(io.BytesIO(payload), cls)
    except Exception:  # trezorlib raises assorted error types on malformed protobuf
        raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a malformed message")) from None


def _be(value: int) -> bytes:
    return value.to_bytes((value.bit_length() + 7) // 8, "big")


class TrezorClient:
    def __init__(self, transport: ReportTransport, prompts: TrezorPrompts | None = None,
                 user_timeout_s: float = USER_TIMEOUT_S) -> None:
        self.transport = transport
        self.prompts = prompts or TrezorPrompts()
        self.user_timeout_s = user_timeout_s

    def call(self, request: protobuf.MessageType, expect: type[M]) -> M:
        reply = self._exchange(request, QUICK_TIMEOUT_S)
        while True:
            if isinstance(reply, messages.ButtonRequest):
                reply = self._exchange(messages.ButtonAck(), self.user_timeout_s)
            elif isinstance(reply, messages.PinMatrixRequest):
                if self.prompts.pin is None:
                    raise DeviceLockedError()
                positions = self.prompts.pin()
                answer = messages.Cancel() if positions is None else messages.PinMatrixAck(pin=positions)
                reply = self._exchange(answer, QUICK_TIMEOUT_S)
            elif isinstance(reply, messages.PassphraseRequest):
                if self.prompts.passphrase is None:  # never guess "": that opens another wallet
                    raise PassphraseNeededError()
                passphrase = self.prompts.passphrase()
                typed = messages.Cancel() if passphrase is None else messages.PassphraseAck(passphrase=passphrase)
                reply = self._exchange(typed, QUICK_TIMEOUT_S)
            elif isinstance(reply, messages.Failure):
                raise _failure(reply)
            elif isinstance(reply, expect):
                return reply
            else:
                raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "an unexpected message"))

    def features(self) -> messages.Features:
        return self.call(messages.Initialize(), messages.Features)

    def get_address(self, path: str, display: bool = False) -> str:
        reply = self.call(messages.EthereumGetAddress(address_n=path_indices(path), show_display=display),
                          messages.EthereumAddress)
        try:
            return parse_address(reply.address or "")
        except ValueError:
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a malformed address reply")) from None

    def sign_transaction(self, path: str, tx: dict[str, Any]) -> tuple[int, int, int]:
        """(v as the device returns it, r, s): streams the data in 1 KiB chunks when asked."""
        data = bytes(tx.get("data") or b"")
        common: dict[str, Any] = {
                  "address_n": path_indices(path), "nonce": _be(int(tx["nonce"])), "gas_limit": _be(int(tx["gas"])),
                  "to": str(tx.get("to") or ""), "value": _be(int(tx.get("value", 0))),
                  "data_initial_chunk": data[:DATA_CHUNK_BYTES], "data_length": len(data),
                  "chain_id": int(tx["chainId"])}
        request: protobuf.MessageType
        if tx_type(tx) == 2:
            access = [messages.EthereumAccessList(address=e["address"], storage_keys=[bytes.fromhex(k[2:])
                                                                                      for k in e["storageKeys"]])
                      for e in tx.get("accessList", [])]
            request = messages.EthereumSignTxEIP1559(max_gas_fee=_be(int(tx["maxFeePerGas"])),
                                                    max_priority_fee=_be(int(tx["maxPriorityFeePerGas"])),
                                                    access_list=access, **common)
        elif tx_type(tx) == 0 and "chainId" in tx:
            request = messages.EthereumSignTx(gas_price=_be(int(tx["gasPrice"])), **common)
        else:
            raise UnsupportedTransactionError(
                reason=QT_TRANSLATE_NOOP("WalletError", "a Trezor signs EIP-155 and EIP-1559 transactions"))
        reply = self.call(request, messages.EthereumTxRequest)
        sent = DATA_CHUNK_BYTES
        while reply.data_length:
            chunk = data[sent:sent + reply.data_length]
            if len(chunk) != reply.data_length:
                raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a request for data we do not have"))
            sent += len(chunk)
            reply = self.call(messages.EthereumTxAck(data_chunk=chunk), messages.EthereumTxRequest)
        if reply.signature_v is None or reply.signature_r is None or reply.signature_s is None:
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a reply without a signature"))
        return reply.signature_v, int.from_bytes(reply.signature_r, "big"), int.from_bytes(reply.signature_s, "big")

    def sign_message(self, path: str, message: bytes) -> bytes:
        reply = self.call(messages.EthereumSignMessage(address_n=path_indices(path), message=message),
                          messages.EthereumMessageSignature)
        return bytes(reply.signature)

    def sign_typed_hash(self, path: str, domain_hash: bytes, message_hash: bytes) -> bytes:
        request = messages.EthereumSignTypedHash(address_n=path_indices(path), domain_separator_hash=domain_hash,
                                                 message_hash=message_hash)
        reply = self.call(request, messages.EthereumTypedDataSignature)
        return bytes(reply.signature)

    def _exchange(self, request: protobuf.MessageType, timeout_s: float) -> protobuf.MessageType:
        wire_type, payload = encode(request)
        self.transport.drain()
        for report in frame(wire_type, payload):
            self.transport.write(report)
        reassembler = Reassembler()
        while True:
            try:
                complete = reassembler.feed(self.transport.read(timeout_s))
            except TrezorFramingError as error:
                raise DeviceProtocolError(reason=str(error)) from None
            if complete is not None:
                return decode(*complete)


def _failure(failure: messages.Failure) -> Exception:
    code = failure.code
    if code in (messages.FailureType.ActionCancelled, messages.FailureType.PinCancelled):
        return UserRejectedError()
    if code == messages.FailureType.PinInvalid:
        return WrongPinError()
    if code == messages.FailureType.PinExpected:
        return DeviceLockedError()
    return DeviceStatusError(status=int(code or 0))
