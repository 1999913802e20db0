"""A virtual Trezor One: protocol v1 framing and trezorlib's protobuf messages on the device side.

It asks for button confirmations (ButtonRequest/ButtonAck), shows a scrambled PIN matrix when
locked (``matrix`` is what its screen shows, row by row from the top left; ``positions`` turns a
PIN into the keypad positions a person would click), streams transaction data in 1 KiB requests, and records its
screens. ``decision`` approves or rejects; ``unplug`` ends it mid-exchange.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, Literal

from coincurve import PrivateKey
from trezorlib import messages, protobuf

from wallet.chains.address import eth_address_from_public_key, keccak256
from wallet.chains.tx_encoding import signing_hash
from wallet.hw.trezor import decode, encode
from wallet.hw.trezor_framing import Reassembler, TrezorFramingError, frame
from wallet.hw.trezor_prompts import PIN_KEYPAD
from wallet.hw.virtual.hid_device import VirtualHidDevice, VirtualProtocolViolationError
from wallet.keys.derivation import HdKeychain
from wallet.keys.mnemonic import mnemonic_to_seed, validate_mnemonic
from wallet.keys.paths import path_from_indices

TREZOR_VENDOR_ID, TREZOR_ONE_PRODUCT_ID = 0x534C, 0x0001
DATA_REQUEST_BYTES = 1024


class VirtualTrezor(VirtualHidDevice):
    def __init__(self, seed: bytes, pin: str | None = None, serial: str = "VTREZOR0001",
                 passphrase_mnemonic: str | None = None) -> None:
        """``passphrase_mnemonic`` turns passphrase protection on: the device then asks for a passphrase
        before its first use of keys and derives them from this mnemonic with it (``seed`` is unused)."""
        super().__init__(f"virtual-trezor:{serial}".encode())
        self.keychain = HdKeychain(seed)
        self.passphrase_mnemonic = passphrase_mnemonic
        self.passphrase_entered = passphrase_mnemonic is None
        self._after_passphrase: protobuf.MessageType | None = None
        self.serial = serial
        self.pin = pin
        self.unlocked = pin is None
        self.decision: Literal["approve", "reject"] = "approve"
        self.screens: list[list[str]] = []
        self.matrix: list[str] = []
        self._rng = random.Random(serial)  # noqa: S311 - a test device's matrix layout, not a secret
        self._reassembler = Reassembler()
        self._after_pin: protobuf.MessageType | None = None
        self._pending_button: Any = None
        self._signing: dict[str, Any] | None = None

    # --- the hid.device interface ---------------------------------------------------------
    def hid_entry(self) -> dict[str, Any]:
        return {"path": self.path, "vendor_id": TREZOR_VENDOR_ID, "product_id": TREZOR_ONE_PRODUCT_ID,
                "usage_page": 0xFF00, "interface_number": 0, "product_string": "TREZOR (virtual)",
                "serial_number": self.serial, "manufacturer_string": "SatoshiLabs"}

    def _receive(self, report: bytes) -> None:
        try:
            complete = self._reassembler.feed(report)
        except TrezorFramingError as error:
            raise VirtualProtocolViolationError(str(error)) from None
        if complete is not None:
            self._send(self._handle(decode(*complete)))

    # --- the firmware ---------------------------------------------------------------------
    def _handle(self, message: protobuf.MessageType) -> protobuf.MessageType:
        if isinstance(message, messages.Initialize | messages.GetFeatures):
            if isinstance(message, messages.Initialize):
                self._signing = None
            return messages.Features(vendor="trezor.io", major_version=1, minor_version=12, patch_version=1,
                                     model="1", initialized=True, pin_protection=self.pin is not None,
                                     passphrase_protection=self.passphrase_mnemonic is not None,
                                     unlocked=self.unlocked, device_id=self.serial)
        if isinstance(message, messages.PinMatrixAck):
            return self._check_pin(message.pin)
        if isinstance(message, messages.Cancel):
            return self._cancel()
        if isinstance(message, messages.PassphraseAck):
            return self._use_passphrase(message.passphrase)
        if isinstance(message, messages.ButtonAck):
            return self._after_button()
        if isinstance(message, messages.EthereumTxAck):
            return self._more_data(message.data_chunk)
        if not self.unlocked:
            self._after_pin = message
            self.matrix = self._rng.sample("123456789", 9)
            return messages.PinMatrixRequest(type=messages.PinMatrixRequestType.Current)
        return self._command(message)

    def _command(self, message: protobuf.MessageType) -> protobuf.MessageType:
        if not self.passphrase_entered:
            self._after_passphrase = message
            return messages.PassphraseRequest()
        if isinstance(message, messages.EthereumGetAddress):
            address = self._address(message.address_n)
            reply = messages.EthereumAddress(address=address)
            return self._confirm(["Confirm address", address], reply) if message.show_display else reply
        if isinstance(message, messages.EthereumSignTx | messages.EthereumSignTxEIP1559):
            data = message.data_initial_chunk or b""
            self._signing = {"request": message, "data": data}
            total = message.data_length or 0
            if total > len(data):
                return messages.EthereumTxRequest(data_length=min(DATA_REQUEST_BYTES, total - len(data)))
            return self._finish_transaction()
        if isinstance(message, messages.EthereumSignMessage):
            text = message.message
            digest = keccak256(b"\x19Ethereum Signed Message:\n" + str(len(text)).encode() + text)
            return self._confirm(["Sign message", text.decode("utf-8", "replace")[:64]],
                                 messages.EthereumMessageSignature(signature=self._sign65(message.address_n, digest),
                                                                   address=self._address(message.address_n)))
        if isinstance(message, messages.EthereumSignTypedHash):
            digest = keccak256(b"\x19\x01" + message.domain_separator_hash + (message.message_hash or b""))
            return self._confirm(["Sign typed data", message.domain_separator_hash.hex()],
                                 messages.EthereumTypedDataSignature(signature=self._sign65(message.address_n, digest),
                                                                     address=self._address(message.address_n)))
        return messages.Failure(code=messages.FailureType.UnexpectedMessage, message="Unexpected message")

    def _more_data(self, chunk: bytes) -> protobuf.MessageType:
        if self._signing is None:
            return messages.Failure(code=messages.FailureType.UnexpectedMessage, message="Unexpected message")
        self._signing["data"] += chunk
        request = self._signing["request"]
        remaining = request.data_length - len(self._signing["data"])
        if remaining < 0:
            self._signing = None
            return messages.Failure(code=messages.FailureType.DataError, message="Too much data")
        if remaining:
            return messages.EthereumTxRequest(data_length=min(DATA_REQUEST_BYTES, remaining))
        return self._finish_transaction()

    def _finish_transaction(self) -> protobuf.MessageType:
        assert self._signing is not None
        request, data = self._signing["request"], self._signing["data"]
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
        signature = PrivateKey(self._key(request.address_n)).sign_recoverable(signing_hash(tx), hasher=None)
        parity = signature[64]
        v = parity if eip1559 else request.chain_id * 2 + 35 + parity
        screen = ["Confirm sending", f"{tx['value']} wei", f"to {tx['to']}", f"chain {request.chain_id}"]
        if data:
            screen.append(f"{len(data)} bytes of data")
        return self._confirm(screen, messages.EthereumTxRequest(signature_v=v, signature_r=signature[:32],
                                                                signature_s=signature[32:64]))

    def positions(self, pin: str) -> str:
        """What a person does: find each digit of ``pin`` on the scrambled matrix, click that cell."""
        return "".join(PIN_KEYPAD[self.matrix.index(digit)] for digit in pin)

    def _check_pin(self, positions: str) -> protobuf.MessageType:
        entered = "".join(self.matrix[PIN_KEYPAD.index(p)] for p in positions if p in PIN_KEYPAD) \
            if self.matrix else ""
        self.matrix = []
        if entered != self.pin or self._after_pin is None:
            self._after_pin = None
            return messages.Failure(code=messages.FailureType.PinInvalid, message="PIN invalid")
        self.unlocked = True
        message, self._after_pin = self._after_pin, None
        return self._command(message)

    def _confirm(self, screen: list[str], reply: protobuf.MessageType) -> protobuf.MessageType:
        self.screens.append(screen)
        self._pending_button = reply
        return messages.ButtonRequest(code=messages.ButtonRequestType.SignTx)

    def _use_passphrase(self, passphrase: str | None) -> protobuf.MessageType:
        message, self._after_passphrase = self._after_passphrase, None
        if message is None or passphrase is None or self.passphrase_mnemonic is None:
            return messages.Failure(code=messages.FailureType.UnexpectedMessage, message="Unexpected message")
        self.keychain = HdKeychain(mnemonic_to_seed(validate_mnemonic(self.passphrase_mnemonic), passphrase))
        self.passphrase_entered = True  # cached for the session, as the firmware does
        return self._command(message)

    def _cancel(self) -> protobuf.MessageType:
        waiting_for_pin = self._after_pin is not None
        self._after_pin = self._pending_button = self._signing = self._after_passphrase = None
        self.matrix = []
        code = messages.FailureType.PinCancelled if waiting_for_pin else messages.FailureType.ActionCancelled
        return messages.Failure(code=code, message="Cancelled")

    def _after_button(self) -> protobuf.MessageType:
        reply, self._pending_button = self._pending_button, None
        if reply is None:
            return messages.Failure(code=messages.FailureType.UnexpectedMessage, message="Unexpected message")
        if self.decision == "reject":
            return messages.Failure(code=messages.FailureType.ActionCancelled, message="Cancelled")
        return reply  # type: ignore[no-any-return]

    def _path(self, address_n: Sequence[int]) -> str:
        return path_from_indices(list(address_n))

    def _key(self, address_n: Sequence[int]) -> bytes:
        return self.keychain.private_key(self._path(address_n))

    def _address(self, address_n: Sequence[int]) -> str:
        return eth_address_from_public_key(PrivateKey(self._key(address_n)).public_key.format())

    def _sign65(self, address_n: Sequence[int], digest: bytes) -> bytes:
        signature = PrivateKey(self._key(address_n)).sign_recoverable(digest, hasher=None)
        return signature[:64] + bytes([27 + signature[64]])

    def _send(self, message: protobuf.MessageType) -> None:
        self._queue(frame(*encode(message)))


