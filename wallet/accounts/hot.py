"""HotSigner: signs with keys held in memory while the wallet is unlocked; ``wipe()`` forgets them."""

from __future__ import annotations

from coincurve import PrivateKey
from eth_account import Account as EthAccount
from eth_account.messages import SignableMessage, encode_defunct, encode_typed_data

from wallet.accounts.signer import SignedTransaction, SignerLockedError, TxFields, TypedData, UnknownKeyError
from wallet.chains.address import eth_address_from_public_key
from wallet.keys.derivation import HdKeychain


class HotSigner:
    """Either an HD keychain (keys by path) or one private key (path ``None``)."""

    def __init__(self, keychain: HdKeychain | None = None, private_key: bytes | None = None) -> None:
        if (keychain is None) == (private_key is None):
            raise ValueError("a HotSigner holds either a keychain or one private key")
        self._keychain = keychain
        self._private_key = bytearray(private_key) if private_key is not None else None

    @property
    def locked(self) -> bool:
        return self._keychain is None and self._private_key is None

    def address(self, path: str | None) -> str:
        if self._keychain is not None and path is not None:
            return self._keychain.eth_address(path)
        return address_of_private_key(self._key(path))

    def extended_public_key(self, path: str) -> str:
        """xpub of an HD node (public information: it reveals addresses, never keys)."""
        if self._keychain is None:
            raise UnknownKeyError(path=path)
        return self._keychain.extended_public_key(path)

    def sign_transaction(self, path: str | None, tx: TxFields) -> SignedTransaction:
        key = self._key(path)
        signed = EthAccount.sign_transaction(tx, key)
        return SignedTransaction(raw=bytes(signed.raw_transaction), hash=bytes(signed.hash),
                                 sender=address_of_private_key(key))

    def sign_message(self, path: str | None, message: bytes) -> bytes:
        return self._sign(path, encode_defunct(primitive=message))

    def sign_typed_data(self, path: str | None, data: TypedData) -> bytes:
        return self._sign(path, encode_typed_data(full_message=data))

    def private_key_for_export(self, path: str | None) -> bytes:
        """The raw key, for the caller to encrypt at once (keystore v3 export). Nothing else uses it."""
        return self._key(path)

    def wipe(self) -> None:
        """Forget every key: zero the single key's buffer and drop the keychain."""
        if self._private_key is not None:
            self._private_key[:] = bytes(len(self._private_key))
        self._private_key = None
        self._keychain = None

    def _sign(self, path: str | None, message: SignableMessage) -> bytes:
        return bytes(EthAccount.sign_message(message, self._key(path)).signature)

    def _key(self, path: str | None) -> bytes:
        if self.locked:
            raise SignerLockedError()
        if self._keychain is not None:
            if path is None:
                raise UnknownKeyError(path="(none)")
            return self._keychain.private_key(path)
        if path is not None:
            raise UnknownKeyError(path=path)
        assert self._private_key is not None
        return bytes(self._private_key)


def address_of_private_key(private_key: bytes) -> str:
    return eth_address_from_public_key(PrivateKey(private_key).public_key.format())
