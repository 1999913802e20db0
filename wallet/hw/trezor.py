"""The Trezor Ethereum protocol over HID: protobuf messages (trezorlib's definitions) framed by
``trezor_framing``. The device may interject a ButtonRequest (we acknowledge and wait for the
user) or a PinMatrixRequest (the PIN provider answers with positions on the device's scrambled
matrix, as a Trezor One needs); a Failure becomes one of our device errors.

Key operations run inside a session, opened or resumed with ``Initialize`` as trezorlib's
``init_device`` does: a Trezor One (since 1.9.4) refuses them with "Invalid session" until then,
and the session holds the passphrase's seed, so resuming it (by the id the device gave us before,
kept per device for this process) spares the person typing the passphrase again.
"""

from __future__ import annotations

import contextlib
import io
import threading
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

from trezorlib import messages, protobuf

from wallet.chains.address import parse_address
from wallet.chains.tx_encoding import UnsupportedTransactionError, tx_type
from wallet.hw.errors import (
    DeviceBusyError,
    DeviceError,
    DeviceFailureError,
    DeviceFirmwareError,
    DeviceLockedError,
    DeviceNotSetUpError,
    DeviceProcessError,
    DeviceProtocolError,
    DeviceRefusedDataError,
    DeviceWaitingError,
    PassphraseNeededError,
    PassphraseTooLongError,
    SessionEndedError,
    UserRejectedError,
    WrongPinError,
)
from wallet.hw.transport import ReportTransport
from wallet.hw.trezor_framing import Reassembler, TrezorFramingError, frame
from wallet.hw.trezor_prompts import MAX_PASSPHRASE_BYTES, MAX_PIN_DIGITS, PIN_KEYPAD, TrezorPrompts
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


class TrezorSessions:
    """The session id each device gave us, by its device id, for this process only: the id resumes a
    session whose seed holds the passphrase, so it never goes to disk."""

    def __init__(self) -> None:
        self._ids: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, device_id: str | None) -> bytes | None:
        with self._lock:
            return self._ids.get(device_id) if device_id else None

    def remember(self, device_id: str | None, session_id: bytes | None) -> None:
        if device_id and session_id:  # firmware without sessions (One < 1.9) reports none
            with self._lock:
                self._ids[device_id] = session_id


SESSIONS = TrezorSessions()


class TrezorClient:
    def __init__(self, transport: ReportTransport, prompts: TrezorPrompts | None = None,
                 user_timeout_s: float = USER_TIMEOUT_S) -> None:
        self.transport = transport
        self.prompts = prompts or TrezorPrompts()
        self.user_timeout_s = user_timeout_s
        self.sessions = SESSIONS  # shared by every client in the process, so a new connection resumes
        self._device_id: str | None = None

    def call(self, request: protobuf.MessageType, expect: type[M]) -> M:
        reply = self._exchange(request, QUICK_TIMEOUT_S)
        while True:
            if isinstance(reply, messages.ButtonRequest):
                reply = self._exchange(messages.ButtonAck(), self.user_timeout_s)
            elif isinstance(reply, messages.PinMatrixRequest):
                reply = self._answer_pin()
            elif isinstance(reply, messages.PassphraseRequest):
                reply = self._answer_passphrase()
            elif isinstance(reply, messages.Failure):
                raise failure_error(reply)
            elif isinstance(reply, expect):
                return reply
            else:
                raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "an unexpected message"))

    def open_session(self) -> messages.Features:
        """Initialize with the session id this device gave us before: the device resumes that session
        (its seed, so no passphrase is asked) or, if it no longer has it (restarted, or it made room
        for newer ones), starts a new one. GetFeatures first names the device; it leaves sessions alone."""
        if self._device_id is None:
            self._device_id = self.call(messages.GetFeatures(), messages.Features).device_id or ""
        features = self.call(messages.Initialize(session_id=self.sessions.get(self._device_id)), messages.Features)
        self.sessions.remember(self._device_id, features.session_id)
        return features

    def get_address(self, path: str, display: bool = False) -> str:
        reply = self._in_session(messages.EthereumGetAddress(address_n=path_indices(path), show_display=display),
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
        reply = self._in_session(request, messages.EthereumTxRequest)
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
        reply = self._in_session(messages.EthereumSignMessage(address_n=path_indices(path), message=message),
                                 messages.EthereumMessageSignature)
        return bytes(reply.signature)

    def sign_typed_hash(self, path: str, domain_hash: bytes, message_hash: bytes) -> bytes:
        request = messages.EthereumSignTypedHash(address_n=path_indices(path), domain_separator_hash=domain_hash,
                                                 message_hash=message_hash)
        reply = self._in_session(request, messages.EthereumTypedDataSignature)
        return bytes(reply.signature)

    def _in_session(self, request: protobuf.MessageType, expect: type[M]) -> M:
        """``call`` for a request that uses keys. Each one (re)opens our session first: another
        program may have made another session the active one since, and keys would then come from
        that session's seed (another passphrase's wallet)."""
        self.open_session()
        return self.call(request, expect)

    def _answer_pin(self) -> protobuf.MessageType:
        positions = self._ask(self.prompts.pin, DeviceLockedError)
        if positions is None:  # the person cancelled: the device answers PinCancelled
            return self._exchange(messages.Cancel(), QUICK_TIMEOUT_S)
        if not 1 <= len(positions) <= MAX_PIN_DIGITS or any(p not in PIN_KEYPAD for p in positions):
            self._cancel()
            raise WrongPinError()
        return self._exchange(messages.PinMatrixAck(pin=positions), QUICK_TIMEOUT_S)

    def _answer_passphrase(self) -> protobuf.MessageType:
        passphrase = self._ask(self.prompts.passphrase, PassphraseNeededError)  # never guess "": another wallet
        if passphrase is None:
            return self._exchange(messages.Cancel(), QUICK_TIMEOUT_S)
        # The firmware derives the seed from the bytes it gets; BIP-39 (and Trezor Suite) use NFKD.
        normalized = unicodedata.normalize("NFKD", passphrase)
        if len(normalized.encode()) > MAX_PASSPHRASE_BYTES:
            self._cancel()
            raise PassphraseTooLongError(limit=MAX_PASSPHRASE_BYTES)
        return self._exchange(messages.PassphraseAck(passphrase=normalized), QUICK_TIMEOUT_S)

    def _ask(self, provider: Callable[[], str | None] | None, unavailable: type[DeviceError]) -> str | None:
        """The person's answer to the device's question. Without one the device is told to stop
        waiting before we raise, as trezorlib does."""
        if provider is None:
            self._cancel()
            raise unavailable()
        try:
            return provider()
        except BaseException:
            self._cancel()
            raise

    def _cancel(self) -> None:
        """Cancel a question the device is waiting on. Left waiting, a Trezor One refuses every small
        request ("Unknown message") and drops larger ones unanswered, so the next one times out."""
        with contextlib.suppress(DeviceError):  # the error being raised says more than this one
            self._exchange(messages.Cancel(), QUICK_TIMEOUT_S)  # its Failure reply is the expected one

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


_FAILURES: dict[int, Callable[[str], DeviceError]] = {
    messages.FailureType.UnexpectedMessage: lambda _: DeviceWaitingError(),
    messages.FailureType.ButtonExpected: lambda _: DeviceWaitingError(),
    messages.FailureType.DataError: lambda detail: DeviceRefusedDataError(detail=detail),
    messages.FailureType.ActionCancelled: lambda _: UserRejectedError(),
    messages.FailureType.PinExpected: lambda _: DeviceLockedError(),
    messages.FailureType.PinCancelled: lambda _: UserRejectedError(),
    messages.FailureType.PinInvalid: lambda _: WrongPinError(),
    messages.FailureType.InvalidSignature: lambda detail: DeviceRefusedDataError(detail=detail),
    messages.FailureType.ProcessError: lambda detail: DeviceProcessError(detail=detail),
    messages.FailureType.NotEnoughFunds: lambda detail: DeviceProcessError(detail=detail),
    messages.FailureType.NotInitialized: lambda _: DeviceNotSetUpError(),
    messages.FailureType.PinMismatch: lambda _: WrongPinError(),
    messages.FailureType.WipeCodeMismatch: lambda _: WrongPinError(),
    messages.FailureType.InvalidSession: lambda _: SessionEndedError(),
    messages.FailureType.Busy: lambda _: DeviceBusyError(),
    messages.FailureType.ThpUnallocatedSession: lambda _: SessionEndedError(),
    messages.FailureType.InvalidProtocol: lambda _: DeviceProtocolError(
        reason=QT_TRANSLATE_NOOP("WalletError", "a refusal of this protocol version")),
    messages.FailureType.InProgress: lambda _: DeviceBusyError(),
    messages.FailureType.FirmwareError: lambda _: DeviceFirmwareError(),
}


def failure_error(failure: messages.Failure) -> DeviceError:
    """Our error for a device's Failure; ``detail`` is the firmware's own (English) words."""
    code = int(failure.code or 0)
    make = _FAILURES.get(code)
    if make is None:  # a code newer than trezorlib's list
        return DeviceFailureError(code=code)
    return make(failure.message or messages.FailureType(code).name)
