"""A Ledger as a ``Signer``: the device signs, we assemble, and every signature is checked by
recovering its signer before anything leaves this module."""

from __future__ import annotations

from coincurve import PublicKey

from wallet.accounts.signer import SignedTransaction, TxFields, TypedData
from wallet.chains.address import keccak256
from wallet.chains.tx_encoding import signed_raw, signing_hash, tx_type, unsigned_payload
from wallet.hw.errors import DeviceProtocolError
from wallet.hw.ledger import LedgerEthApp
from wallet.keys.derivation import eth_address_from_public_key
from wallet.translatable import QT_TRANSLATE_NOOP


class LedgerSigner:
    def __init__(self, app: LedgerEthApp) -> None:
        self.app = app

    def address(self, path: str | None) -> str:
        return self.app.get_address(_require(path))[1]

    def show_address(self, path: str) -> str:
        """Display the address on the device for the user to compare; returns it once confirmed."""
        return self.app.get_address(path, display=True)[1]

    def sign_transaction(self, path: str | None, tx: TxFields) -> SignedTransaction:
        path = _require(path)
        v, r, s = self.app.sign_transaction(path, unsigned_payload(tx))
        parity = _transaction_parity(tx, v)
        sender = _recover(signing_hash(tx), parity, r, s)
        self._expect(path, sender)
        raw = signed_raw(tx, parity, r, s)
        return SignedTransaction(raw=raw, hash=keccak256(raw), sender=sender)

    def sign_message(self, path: str | None, message: bytes) -> bytes:
        path = _require(path)
        v, r, s = self.app.sign_personal_message(path, message)
        digest = keccak256(b"\x19Ethereum Signed Message:\n" + str(len(message)).encode() + message)
        return self._checked(path, digest, v, r, s)

    def sign_typed_data(self, path: str | None, data: TypedData) -> bytes:
        from eth_account.messages import encode_typed_data

        path = _require(path)
        signable = encode_typed_data(full_message=data)
        domain_hash, message_hash = bytes(signable.header), bytes(signable.body)
        v, r, s = self.app.sign_eip712_hashed(path, domain_hash, message_hash)
        return self._checked(path, keccak256(b"\x19\x01" + domain_hash + message_hash), v, r, s)

    def _checked(self, path: str, digest: bytes, v: int, r: int, s: int) -> bytes:
        if v not in (27, 28):
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "an invalid signature"))
        self._expect(path, _recover(digest, v - 27, r, s))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big") + bytes([v])

    def _expect(self, path: str, signer: str) -> None:
        if signer != self.address(path):
            raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "a signature by another key"))


def _require(path: str | None) -> str:
    if path is None:
        raise ValueError("a hardware wallet signs with a derivation path")
    return path


def _transaction_parity(tx: TxFields, v: int) -> int:
    """The y-parity from the device's one-byte v: typed transactions give it directly; legacy ones
    give 27/28, or for EIP-155 the low byte of chainId × 2 + 35 + parity."""
    if tx_type(tx) != 0:
        parity = v - 27 if v in (27, 28) else v
    elif "chainId" in tx:
        parity = (v - (int(tx["chainId"]) * 2 + 35)) % 256
    else:
        parity = v - 27
    if parity not in (0, 1):
        raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "an invalid signature"))
    return parity


def _recover(digest: bytes, parity: int, r: int, s: int) -> str:
    try:
        key = PublicKey.from_signature_and_message(r.to_bytes(32, "big") + s.to_bytes(32, "big") + bytes([parity]),
                                                   digest, hasher=None)
    except ValueError:
        raise DeviceProtocolError(reason=QT_TRANSLATE_NOOP("WalletError", "an invalid signature")) from None
    return eth_address_from_public_key(key.format())
