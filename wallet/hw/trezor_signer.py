"""A Trezor as a ``Signer`` (the shared checks live in ``DeviceSigner``)."""

from __future__ import annotations

from trezorlib import messages

from wallet.accounts.signer import TxFields
from wallet.chains.tx_encoding import tx_type
from wallet.hw.device_signer import DeviceSigner, DeviceStatus, require_path
from wallet.hw.trezor import TrezorClient


class TrezorSigner(DeviceSigner):
    def __init__(self, client: TrezorClient) -> None:
        self.client = client

    def address(self, path: str | None) -> str:
        return self.client.get_address(require_path(path))

    def status(self) -> DeviceStatus:
        # GetFeatures reads the same facts as Initialize and leaves the device's sessions alone.
        features = self.client.call(messages.GetFeatures(), messages.Features)
        version = f"{features.major_version}.{features.minor_version}.{features.patch_version}"
        return DeviceStatus(version, pin_locked=bool(features.pin_protection and not features.unlocked),
                            passphrase=bool(features.passphrase_protection))

    def show_address(self, path: str) -> str:
        return self.client.get_address(path, display=True)

    def _parity_rs(self, path: str, tx: TxFields) -> tuple[int, int, int]:
        v, r, s = self.client.sign_transaction(path, tx)
        # EIP-1559: v is the y-parity. EIP-155: chainId × 2 + 35 + parity, except above chain id
        # 2,147,483,629, where that no longer fits the reply's uint32 and the One sends the parity
        # alone; trezorlib tells the two apart the same way (v ≤ 1).
        if tx_type(tx) == 0 and v > 1:
            v -= int(tx["chainId"]) * 2 + 35
        return v, r, s

    def _device_sign_message(self, path: str, message: bytes) -> tuple[int, int, int]:
        return _split(self.client.sign_message(path, message))

    def _device_sign_typed_hash(self, path: str, domain_hash: bytes, message_hash: bytes) -> tuple[int, int, int]:
        return _split(self.client.sign_typed_hash(path, domain_hash, message_hash))


def _split(signature: bytes) -> tuple[int, int, int]:
    """(v, r, s) of a 65-byte r ‖ s ‖ v signature; a wrong length yields an invalid v."""
    if len(signature) != 65:
        return 0, 0, 0
    return signature[64], int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:64], "big")
