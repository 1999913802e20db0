"""What every hardware-wallet ``Signer`` shares: the device signs, we assemble the transaction, and
each signature is recovered and compared with the device's own address for the path before it is
returned (a device that signs with another key is refused).

A signer holds the device open (a HID handle, a USB interface, an emulator's socket) until it is
closed: use it as a context manager, or call ``close``. Whoever opens a device passes the link
to the signer (``link``), and the signer owns it from then on. Leaving links open matters: a
device or Speculos serves one client at a time, and the next operation could not open it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol, Self

from coincurve import PublicKey

from wallet.accounts.signer import SignedTransaction, TxFields, TypedData
from wallet.chains.address import eth_address_from_public_key, keccak256
from wallet.chains.tx_encoding import signed_raw, signing_hash
from wallet.hw.errors import DeviceProtocolError
from wallet.translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class DeviceStatus:
    """What the Devices page shows about a connected device."""

    version: str  # the Ethereum app's version (Ledger) or the firmware's (Trezor)
    blind_signing: bool | None = None  # Ledger: may contract data be signed without being shown
    pin_locked: bool = False  # Trezor: the PIN will be asked before the first use of keys
    passphrase: bool = False  # Trezor: a passphrase will be asked (hidden wallets)


class Closable(Protocol):
    def close(self) -> None: ...


class DeviceSigner(ABC):
    link: Closable | None = None  # what talks to the device; closed with the signer

    def close(self) -> None:
        """Releases the device (once; later calls do nothing)."""
        link, self.link = self.link, None
        if link is not None:
            link.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    @abstractmethod
    def address(self, path: str | None) -> str: ...

    @abstractmethod
    def status(self) -> DeviceStatus:
        """Asks nothing of the person: no PIN, no confirmation."""

    @abstractmethod
    def show_address(self, path: str) -> str:
        """Display the address on the device for the user to compare; returns it once confirmed."""

    @abstractmethod
    def _device_sign_message(self, path: str, message: bytes) -> tuple[int, int, int]:
        """(v in 27/28, r, s) of an EIP-191 signature."""

    @abstractmethod
    def _device_sign_typed_hash(self, path: str, domain_hash: bytes, message_hash: bytes) -> tuple[int, int, int]:
        """(v in 27/28, r, s) of an EIP-712 signature."""

    def sign_transaction(self, path: str | None, tx: TxFields) -> SignedTransaction:
        path = require_path(path)
        parity, r, s = self._parity_rs(path, tx)
        if parity not in (0, 1):
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "an invalid signature"))
        sender = recover_signer(signing_hash(tx), parity, r, s)
        self._expect(path, sender)
        raw = signed_raw(tx, parity, r, s)
        return SignedTransaction(raw=raw, hash=keccak256(raw), sender=sender)

    def sign_message(self, path: str | None, message: bytes) -> bytes:
        path = require_path(path)
        digest = keccak256(b"\x19Ethereum Signed Message:\n" + str(len(message)).encode() + message)
        return self._checked(path, digest, *self._device_sign_message(path, message))

    def sign_typed_data(self, path: str | None, data: TypedData) -> bytes:
        from eth_account.messages import encode_typed_data

        path = require_path(path)
        signable = encode_typed_data(full_message=data)
        domain_hash, message_hash = bytes(signable.header), bytes(signable.body)
        signature = self._device_sign_typed_hash(path, domain_hash, message_hash)
        return self._checked(path, keccak256(b"\x19\x01" + domain_hash + message_hash), *signature)

    @abstractmethod
    def _parity_rs(self, path: str, tx: TxFields) -> tuple[int, int, int]:
        """(y-parity, r, s) for ``tx`` from the device."""

    def _checked(self, path: str, digest: bytes, v: int, r: int, s: int) -> bytes:
        if v not in (27, 28):
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "an invalid signature"))
        self._expect(path, recover_signer(digest, v - 27, r, s))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big") + bytes([v])

    def _expect(self, path: str, signer: str) -> None:
        if signer != self.address(path):
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a signature by another key"))


def require_path(path: str | None) -> str:
    if path is None:
        raise ValueError("a hardware wallet signs with a derivation path")
    return path


def recover_signer(digest: bytes, parity: int, r: int, s: int) -> str:
    """The address whose key made the signature (r, s, y-parity) over ``digest``."""
    try:
        key = PublicKey.from_signature_and_message(r.to_bytes(32, "big") + s.to_bytes(32, "big") + bytes([parity]),
                                                   digest, hasher=None)
    except ValueError:
        raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "an invalid signature")) from None
    return eth_address_from_public_key(key.format())
