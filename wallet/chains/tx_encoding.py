"""Transaction bytes for signers that sign the payload themselves (hardware wallets, offline signers).

eth_account signs and serialises in one step with a key it holds; a device returns (v, r, s) for a
payload we send, so we need the unsigned payload and, afterwards, the signed serialisation. Legacy
(with or without EIP-155), EIP-2930 and EIP-1559 layouts; tests prove byte equality with eth_account.
"""

from __future__ import annotations

from typing import Any

import rlp

from wallet.chains.address import keccak256
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP


class UnsupportedTransactionError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This transaction type cannot be signed here: {reason}")


def tx_type(tx: dict[str, Any]) -> int:
    if "maxFeePerGas" in tx:
        return 2
    return 1 if "accessList" in tx else 0


def unsigned_payload(tx: dict[str, Any]) -> bytes:
    """The bytes whose keccak is signed (what a hardware wallet is given to parse and show)."""
    kind = tx_type(tx)
    if kind == 0:
        fields = _legacy_fields(tx)
        if "chainId" in tx:
            fields += [int(tx["chainId"]), 0, 0]  # EIP-155
        return bytes(rlp.encode(fields))
    return bytes([kind]) + bytes(rlp.encode(_typed_fields(tx, kind)))


def signing_hash(tx: dict[str, Any]) -> bytes:
    return keccak256(unsigned_payload(tx))


def signed_raw(tx: dict[str, Any], y_parity: int, r: int, s: int) -> bytes:
    """The broadcastable transaction, given the signature's y-parity (0/1) and r, s."""
    if y_parity not in (0, 1):
        raise UnsupportedTransactionError(reason="y-parity must be 0 or 1")
    kind = tx_type(tx)
    if kind == 0:
        v = int(tx["chainId"]) * 2 + 35 + y_parity if "chainId" in tx else 27 + y_parity
        return bytes(rlp.encode([*_legacy_fields(tx), v, r, s]))
    return bytes([kind]) + bytes(rlp.encode([*_typed_fields(tx, kind), y_parity, r, s]))


def _to(tx: dict[str, Any]) -> bytes:
    to = tx.get("to")
    return bytes.fromhex(str(to)[2:]) if to else b""


def _data(tx: dict[str, Any]) -> bytes:
    data = tx.get("data") or b""
    return bytes.fromhex(data[2:]) if isinstance(data, str) else bytes(data)


def _access_list(tx: dict[str, Any]) -> list[list[Any]]:
    return [[bytes.fromhex(entry["address"][2:]), [bytes.fromhex(k[2:]) for k in entry["storageKeys"]]]
            for entry in tx.get("accessList", [])]


def _legacy_fields(tx: dict[str, Any]) -> list[Any]:
    return [int(tx["nonce"]), int(tx["gasPrice"]), int(tx["gas"]), _to(tx), int(tx.get("value", 0)), _data(tx)]


def _typed_fields(tx: dict[str, Any], kind: int) -> list[Any]:
    head = [int(tx["chainId"]), int(tx["nonce"])]
    prices = [int(tx["maxPriorityFeePerGas"]), int(tx["maxFeePerGas"])] if kind == 2 else [int(tx["gasPrice"])]
    return [*head, *prices, int(tx["gas"]), _to(tx), int(tx.get("value", 0)), _data(tx), _access_list(tx)]
