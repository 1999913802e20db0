"""The one interface every key source signs through: hot keys, hardware devices, offline signers.

``path`` says which key of the source: a BIP-32 path for HD sources, ``None`` for a source holding a
single key. Transactions are eth_account-style dicts: legacy (``gasPrice``, with or without
``chainId``), EIP-2930 (``accessList``) and EIP-1559 (``maxFeePerGas``/``maxPriorityFeePerGas``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

TxFields = dict[str, Any]
TypedData = dict[str, Any]


class SignerLockedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The wallet is locked. Unlock it to sign.")


class UnknownKeyError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This signer holds no key at {path}.")


@dataclass(frozen=True)
class SignedTransaction:
    raw: bytes  # what eth_sendRawTransaction takes
    hash: bytes
    sender: str


class Signer(Protocol):
    def address(self, path: str | None) -> str: ...

    def sign_transaction(self, path: str | None, tx: TxFields) -> SignedTransaction: ...

    def sign_message(self, path: str | None, message: bytes) -> bytes:
        """EIP-191 ``personal_sign``: a 65-byte r||s||v signature."""
        ...

    def sign_typed_data(self, path: str | None, data: TypedData) -> bytes:
        """EIP-712 (full message with ``types``, ``domain``, ``primaryType``, ``message``)."""
        ...
