"""A virtual Trezor One: protocol v1 framing and trezorlib's protobuf messages on the device side,
with the legacy firmware's rules (trezor-firmware ``legacy/firmware``):

- Sessions (``config.c``): none is active after power-on; ``Initialize`` resumes the session whose
  id it names, else starts one with a new random id (ten are cached, the least recently used makes
  room). Every use of keys needs the active session ("Invalid session" otherwise), and the seed,
  derived with the passphrase on first use, is cached in it. ``restart`` is a power cycle.
- Questions (``protect.c``, ``messages.c``): while it waits for a PIN, a passphrase or a button, the
  device reads only one-report messages: the answer, ``Cancel`` (Failure PinCancelled or
  ActionCancelled) and ``Initialize`` (which abandons the question and starts a new session).
  Anything else gets "Unknown message" if it fits one report and no answer at all otherwise; the
  device keeps waiting either way.
- Order (``fsm_msg_ethereum.h``): the PIN first, then the session's seed (passphrase), then the
  confirmations; a message is confirmed before the PIN. A transaction is confirmed, then its data
  streamed in 1 KiB requests, then signed; above chain id ``MAX_CHAIN_ID`` a legacy transaction's
  ``v`` is the parity alone (``ethereum.c``).

``matrix`` is what its screen shows for the PIN, row by row from the top left; ``positions`` turns
a PIN into the keypad positions a person would click. ``decision`` approves or rejects;
``screens`` records what it showed; ``unplug`` ends it mid-exchange.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import struct
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from coincurve import PrivateKey
from trezorlib import messages, protobuf

from wallet.chains.address import eth_address_from_public_key, keccak256
from wallet.chains.tx_encoding import signing_hash
from wallet.hw.trezor import decode, encode
from wallet.hw.trezor_framing import REPORT_BYTES, Reassembler, TrezorFramingError, frame
from wallet.hw.trezor_prompts import PIN_KEYPAD
from wallet.hw.virtual.hid_device import VirtualHidDevice, VirtualProtocolViolationError
from wallet.keys.derivation import HdKeychain
from wallet.keys.paths import path_from_indices

TREZOR_VENDOR_ID, TREZOR_ONE_PRODUCT_ID = 0x534C, 0x0001
DATA_REQUEST_BYTES = 1024
MAX_SESSIONS = 10
MAX_CHAIN_ID = (0xFFFFFFFF - 36) >> 1  # the largest chain id whose full EIP-155 v fits the uint32 reply
_HEADER = struct.Struct(">3sHI")
TINY_PAYLOAD_BYTES = REPORT_BYTES - _HEADER.size  # what msg_read_tiny accepts while a question waits
_TINY_TYPES = {cls.MESSAGE_WIRE_TYPE for cls in (messages.PinMatrixAck, messages.ButtonAck, messages.PassphraseAck,
                                                 messages.Cancel, messages.Initialize)}
Reply = protobuf.MessageType | None  # None: the firmware sends nothing back


@dataclass(frozen=True)
class Question:
    """What the device waits for: ``answer``'s type, then ``then`` runs with it."""

    kind: Literal["pin", "passphrase", "button"]
    answer: type[protobuf.MessageType]
    then: Callable[[Any], Reply]


def _failure(code: messages.FailureType, text: str) -> messages.Failure:
    return messages.Failure(code=code, message=text)


class VirtualTrezor(VirtualHidDevice):
    def __init__(self, seed: bytes, pin: str | None = None, serial: str = "VTREZOR0001",
                 passphrase_mnemonic: str | None = None) -> None:
        """``passphrase_mnemonic`` turns passphrase protection on: the device then asks for a passphrase
        on a session's first use of keys and derives them from this mnemonic with it, as the firmware
        does (the bytes it receives, unnormalized); ``seed`` is then unused."""
        super().__init__(f"virtual-trezor:{serial}".encode())
        self.seed = seed
        self.passphrase_mnemonic = passphrase_mnemonic
        self.serial = serial
        self.pin = pin
        self.decision: Literal["approve", "reject"] = "approve"
        self.screens: list[list[str]] = []
        self.passphrases_asked = 0
        self._rng = random.Random(serial)  # noqa: S311 - a test device's matrix layout, not a secret
        self.restart()

    def restart(self) -> None:
        """Power off and on: sessions and their seeds are gone, the PIN locks again."""
        with self._condition:
            self._outbox.clear()
        self.unlocked = self.pin is None
        self.sessions: OrderedDict[bytes, HdKeychain | None] = OrderedDict()  # id → seed, once derived
        self.active_session: bytes | None = None
        self.question: Question | None = None
        self.matrix: list[str] = []
        self._reassembler = Reassembler()
        self._signing: dict[str, Any] | None = None

    # --- the hid.device interface ---------------------------------------------------------
    def hid_entry(self) -> dict[str, Any]:
        return {"path": self.path, "vendor_id": TREZOR_VENDOR_ID, "product_id": TREZOR_ONE_PRODUCT_ID,
                "usage_page": 0xFF00, "interface_number": 0, "product_string": "TREZOR (virtual)",
                "serial_number": self.serial, "manufacturer_string": "SatoshiLabs"}

    def _receive(self, report: bytes) -> None:
        if self.question is not None:
            reply = self._while_waiting(report)
        else:
            try:
                complete = self._reassembler.feed(report)
            except TrezorFramingError as error:
                raise VirtualProtocolViolationError(str(error)) from None
            reply = self._handle(decode(*complete)) if complete is not None else None
        if reply is not None:
            self._queue(frame(*encode(reply)))

    # --- the firmware ---------------------------------------------------------------------
    def _while_waiting(self, report: bytes) -> Reply:
        """msg_read_tiny and the question loops of protect.c."""
        magic, message_type, length = _HEADER.unpack_from(report)
        if magic != b"?##" or length > TINY_PAYLOAD_BYTES:
            return None  # a continuation, or a message too big to read now: dropped unanswered
        if message_type not in _TINY_TYPES:
            return _failure(messages.FailureType.UnexpectedMessage, "Unknown message")
        message = decode(message_type, report[_HEADER.size:_HEADER.size + length])
        question = self.question
        assert question is not None
        if isinstance(message, messages.Cancel):
            self.question, self.matrix = None, []
            if question.kind == "pin":
                return _failure(messages.FailureType.PinCancelled, "PIN cancelled")
            return _failure(messages.FailureType.ActionCancelled, "Action cancelled by user")
        if isinstance(message, messages.Initialize):  # fsm_sendFailure answers with fsm_msgInitialize(0)
            self.question, self.matrix = None, []
            return self._initialize(None)
        if isinstance(message, question.answer):
            self.question = None
            return question.then(message)
        return None  # another question's answer: read, and ignored

    def _handle(self, message: protobuf.MessageType) -> Reply:
        if isinstance(message, messages.Initialize):
            return self._initialize(message.session_id)
        if isinstance(message, messages.GetFeatures):
            return self._features(None)
        if isinstance(message, messages.Ping):
            return messages.Success(message=message.message)
        if isinstance(message, messages.Cancel):
            self._signing = None
            return _failure(messages.FailureType.ActionCancelled, "Action cancelled by user")
        if isinstance(message, messages.EndSession):
            if self.active_session is not None:
                self.sessions.pop(self.active_session, None)
            self.active_session = None
            return messages.Success(message="Session ended")
        if isinstance(message, messages.LockDevice):
            self.unlocked = self.pin is None
            return messages.Success(message="Session cleared")
        if isinstance(message, messages.EthereumTxAck):
            return self._more_data(message.data_chunk)
        if isinstance(message, messages.EthereumGetAddress):
            return self._unlocked(lambda: self._seeded(lambda keys: self._get_address(keys, message)))
        if isinstance(message, messages.EthereumSignTx | messages.EthereumSignTxEIP1559):
            return self._unlocked(lambda: self._seeded(lambda keys: self._start_signing(keys, message)))
        if isinstance(message, messages.EthereumSignMessage):
            text = message.message.decode("utf-8", "replace")[:64]
            return self._confirm(["Sign message", text], lambda: self._unlocked(lambda: self._seeded(
                lambda keys: self._sign_message(keys, message))))
        if isinstance(message, messages.EthereumSignTypedHash):
            return self._unlocked(lambda: self._seeded(lambda keys: self._confirm(
                ["Sign typed data", message.domain_separator_hash.hex()], lambda: self._sign_typed(keys, message))))
        return _failure(messages.FailureType.UnexpectedMessage, "Unexpected message")

    def _initialize(self, session_id: bytes | None) -> messages.Features:
        """session_startSession: resume the named session if cached, else start a new one."""
        self._signing = None
        if session_id is None or session_id not in self.sessions:
            session_id = secrets.token_bytes(32)
            if len(self.sessions) >= MAX_SESSIONS:
                self.sessions.popitem(last=False)
            self.sessions[session_id] = None
        self.sessions.move_to_end(session_id)
        self.active_session = session_id
        return self._features(session_id)

    def _features(self, session_id: bytes | None) -> messages.Features:
        return messages.Features(vendor="trezor.io", major_version=1, minor_version=12, patch_version=1,
                                 model="1", initialized=True, pin_protection=self.pin is not None,
                                 passphrase_protection=self.passphrase_mnemonic is not None,
                                 unlocked=self.unlocked, device_id=self.serial, session_id=session_id)

    def _ask(self, kind: Literal["pin", "passphrase", "button"], request: protobuf.MessageType,
             answer: type[protobuf.MessageType], then: Callable[[Any], Reply]) -> Reply:
        self.question = Question(kind, answer, then)
        return request

    def _unlocked(self, then: Callable[[], Reply]) -> Reply:
        """CHECK_PIN: a locked device asks for its PIN on a freshly scrambled matrix."""
        if self.unlocked:
            return then()
        self.matrix = self._rng.sample("123456789", 9)
        return self._ask("pin", messages.PinMatrixRequest(type=messages.PinMatrixRequestType.Current),
                         messages.PinMatrixAck, lambda ack: self._check_pin(ack.pin, then))

    def _check_pin(self, positions: str, then: Callable[[], Reply]) -> Reply:
        entered = "".join(self.matrix[PIN_KEYPAD.index(p)] for p in positions if p in PIN_KEYPAD)
        self.matrix = []
        if entered != self.pin:
            return _failure(messages.FailureType.PinInvalid, "PIN invalid")
        self.unlocked = True
        return then()

    def _seeded(self, then: Callable[[HdKeychain], Reply]) -> Reply:
        """config_getSeed: the active session's seed, asking for the passphrase on its first use."""
        session = self.active_session
        if session is None or session not in self.sessions:
            return _failure(messages.FailureType.InvalidSession, "Invalid session")
        keys = self.sessions[session]
        if keys is not None:
            return then(keys)
        if self.passphrase_mnemonic is None:
            self.sessions[session] = keys = HdKeychain(self.seed)
            return then(keys)
        self.passphrases_asked += 1
        return self._ask("passphrase", messages.PassphraseRequest(), messages.PassphraseAck,
                         lambda ack: self._use_passphrase(session, ack, then))

    def _use_passphrase(self, session: bytes, ack: messages.PassphraseAck,
                        then: Callable[[HdKeychain], Reply]) -> Reply:
        if ack.on_device:
            return _failure(messages.FailureType.DataError,
                            "This firmware is incapable of passphrase entry on the device.")
        assert self.passphrase_mnemonic is not None
        passphrase = ack.passphrase or ""
        seed = hashlib.pbkdf2_hmac("sha512", self.passphrase_mnemonic.encode(), b"mnemonic" + passphrase.encode(),
                                   2048)
        keys = HdKeychain(seed)

        def cache_and_continue() -> Reply:
            self.sessions[session] = keys
            return then(keys)

        if not passphrase:
            return cache_and_continue()
        return self._confirm(["Access hidden wallet?"], lambda: self._confirm(
            ["Passphrase", passphrase], cache_and_continue))

    def _confirm(self, screen: list[str], then: Callable[[], Reply]) -> Reply:
        self.screens.append(screen)
        return self._ask("button", messages.ButtonRequest(code=messages.ButtonRequestType.SignTx), messages.ButtonAck,
                         lambda _ack: then() if self.decision == "approve" else _failure(
                             messages.FailureType.ActionCancelled, "Action cancelled by user"))

    def _get_address(self, keys: HdKeychain, message: messages.EthereumGetAddress) -> Reply:
        address = _address(keys, message.address_n)
        reply = messages.EthereumAddress(address=address)
        return self._confirm(["Confirm address", address], lambda: reply) if message.show_display else reply

    def _start_signing(self, keys: HdKeychain,
                       request: messages.EthereumSignTx | messages.EthereumSignTxEIP1559) -> Reply:
        data = request.data_initial_chunk or b""
        total = request.data_length or 0
        if request.chain_id < 1:
            return _failure(messages.FailureType.DataError, "Chain Id out of bounds")
        if total and not data:
            return _failure(messages.FailureType.DataError, "Data length provided, but no initial chunk")
        if len(data) > total:
            return _failure(messages.FailureType.DataError, "Invalid size of initial chunk")
        screen = ["Confirm sending", f"{int.from_bytes(request.value or b'', 'big')} wei", f"to {request.to}",
                  f"chain {request.chain_id}"] + ([f"{total} bytes of data"] if total else [])

        def stream() -> Reply:
            self._signing = {"request": request, "data": data, "key": _key(keys, request.address_n)}
            return self._next_request()

        return self._confirm(screen, stream)

    def _more_data(self, chunk: bytes) -> Reply:
        if self._signing is None:
            return _failure(messages.FailureType.UnexpectedMessage, "Not in Ethereum signing mode")
        remaining = self._signing["request"].data_length - len(self._signing["data"])
        if not chunk or len(chunk) > remaining:
            self._signing = None
            return _failure(messages.FailureType.DataError, "Too much data" if chunk else "Empty data chunk received")
        self._signing["data"] += chunk
        return self._next_request()

    def _next_request(self) -> Reply:
        assert self._signing is not None
        remaining = self._signing["request"].data_length - len(self._signing["data"])
        if remaining:
            return messages.EthereumTxRequest(data_length=min(DATA_REQUEST_BYTES, remaining))
        request, data, key = self._signing["request"], self._signing["data"], self._signing["key"]
        self._signing = None
        eip1559 = isinstance(request, messages.EthereumSignTxEIP1559)
        tx: dict[str, Any] = {"nonce": int.from_bytes(request.nonce or b"", "big"),
                              "gas": int.from_bytes(request.gas_limit, "big"), "to": request.to or None,
                              "value": int.from_bytes(request.value or b"", "big"), "data": data,
                              "chainId": request.chain_id}
        if eip1559:
            tx |= {"maxFeePerGas": int.from_bytes(request.max_gas_fee, "big"), "type": 2,
                   "maxPriorityFeePerGas": int.from_bytes(request.max_priority_fee, "big"),
                   "accessList": [{"address": e.address, "storageKeys": ["0x" + k.hex() for k in e.storage_keys]}
                                  for e in request.access_list]}
        else:
            tx |= {"gasPrice": int.from_bytes(request.gas_price or b"", "big")}
        signature = PrivateKey(key).sign_recoverable(signing_hash(tx), hasher=None)
        parity = signature[64]
        v = parity if eip1559 or request.chain_id > MAX_CHAIN_ID else request.chain_id * 2 + 35 + parity
        return messages.EthereumTxRequest(signature_v=v, signature_r=signature[:32], signature_s=signature[32:64])

    def _sign_message(self, keys: HdKeychain, message: messages.EthereumSignMessage) -> Reply:
        text = message.message
        digest = keccak256(b"\x19Ethereum Signed Message:\n" + str(len(text)).encode() + text)
        return messages.EthereumMessageSignature(signature=_sign65(keys, message.address_n, digest),
                                                 address=_address(keys, message.address_n))

    def _sign_typed(self, keys: HdKeychain, message: messages.EthereumSignTypedHash) -> Reply:
        digest = keccak256(b"\x19\x01" + message.domain_separator_hash + (message.message_hash or b""))
        return messages.EthereumTypedDataSignature(signature=_sign65(keys, message.address_n, digest),
                                                   address=_address(keys, message.address_n))

    def positions(self, pin: str) -> str:
        """What a person does: find each digit of ``pin`` on the scrambled matrix, click that cell."""
        return "".join(PIN_KEYPAD[self.matrix.index(digit)] for digit in pin)


def _key(keys: HdKeychain, address_n: Sequence[int]) -> bytes:
    return keys.private_key(path_from_indices(list(address_n)))


def _address(keys: HdKeychain, address_n: Sequence[int]) -> str:
    return eth_address_from_public_key(PrivateKey(_key(keys, address_n)).public_key.format())


def _sign65(keys: HdKeychain, address_n: Sequence[int], digest: bytes) -> bytes:
    signature = PrivateKey(_key(keys, address_n)).sign_recoverable(digest, hasher=None)
    return signature[:64] + bytes([27 + signature[64]])
