"""A Ledger as a ``Signer`` (the shared checks live in ``DeviceSigner``).

Before an ERC-20 transfer or approval it gives the app Ledger's signed description of the token
when one exists (``ledger_tokens``), so the device shows the token, amount and recipient rather
than blind signing an amount of 0 to a contract."""

from __future__ import annotations

import rlp

from wallet.accounts.signer import TxFields
from wallet.chains.tx_encoding import tx_type, unsigned_payload
from wallet.hw.device_signer import DeviceSigner, DeviceStatus, require_path
from wallet.hw.ledger import LedgerEthApp
from wallet.hw.ledger_tokens import DescriptorBook, bundled_book


class LedgerSigner(DeviceSigner):
    def __init__(self, app: LedgerEthApp, descriptors: DescriptorBook | None = None) -> None:
        """``descriptors`` defaults to the ones the app ships (tests pass their own)."""
        self.app = app
        self.link = app.channel
        self.descriptors = descriptors

    def address(self, path: str | None) -> str:
        return self.app.get_address(require_path(path))[1]

    def status(self) -> DeviceStatus:
        config = self.app.configuration()
        return DeviceStatus(".".join(map(str, config.version)), blind_signing=config.blind_signing)

    def show_address(self, path: str) -> str:
        return self.app.get_address(path, display=True)[1]

    def _parity_rs(self, path: str, tx: TxFields) -> tuple[int, int, int]:
        eip155 = tx_type(tx) == 0 and "chainId" in tx
        tail = len(rlp.encode(int(tx["chainId"]))) + 2 if eip155 else 0  # chainId, then 0x80 0x80
        book = self.descriptors if self.descriptors is not None else bundled_book()
        descriptor = book.for_transaction(tx)
        if descriptor is not None:
            self.app.provide_token(descriptor)
        v, r, s = self.app.sign_transaction(path, unsigned_payload(tx), tail)
        # The app returns one byte: the y-parity for typed transactions (27/28 on some versions),
        # 27/28 for pre-EIP-155 ones, and the low byte of chainId × 2 + 35 + parity for EIP-155.
        if tx_type(tx) != 0:
            return (v - 27 if v in (27, 28) else v), r, s
        if "chainId" in tx:
            return (v - (int(tx["chainId"]) * 2 + 35)) % 256, r, s
        return v - 27, r, s

    def _device_sign_message(self, path: str, message: bytes) -> tuple[int, int, int]:
        return self.app.sign_personal_message(path, message)

    def _device_sign_typed_hash(self, path: str, domain_hash: bytes, message_hash: bytes) -> tuple[int, int, int]:
        return self.app.sign_eip712_hashed(path, domain_hash, message_hash)
