"""Native-coin transfers: build an EIP-1559 transaction from the chain's state, sign, broadcast, and
follow it to its receipt. The full send flow (tokens, fee tiers, replacement) builds on this."""

from __future__ import annotations

import time
from typing import Any

from wallet.accounts.signer import SignedTransaction, Signer, TxFields
from wallet.chains.address import parse_address
from wallet.chains.rpc import ChainClient, RpcProtocolError, parse_quantity
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

DEFAULT_PRIORITY_FEE_WEI = 1_000_000_000
RECEIPT_POLL_S = 0.2


class TransactionFailedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Transaction {tx_hash} was included but failed (reverted).")


class ReceiptTimeoutError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Transaction {tx_hash} is not confirmed after {seconds} s.")


def prepare_native_transfer(client: ChainClient, sender: str, to: str, value_wei: int) -> TxFields:
    """An EIP-1559 transfer: next pending nonce, max fee = 2 × base fee + tip, gas from the node."""
    sender, to = parse_address(sender), parse_address(to)
    label = client.chain.name
    nonce = parse_quantity(client.request("eth_getTransactionCount", [sender, "pending"]), "nonce", label)
    block = client.request("eth_getBlockByNumber", ["latest", False])
    if not isinstance(block, dict):
        raise RpcProtocolError(endpoint=label, reason=QT_TRANSLATE_NOOP("WalletError", "no latest block"))
    base_fee = parse_quantity(block.get("baseFeePerGas"), "baseFeePerGas", label)
    try:
        tip = parse_quantity(client.request("eth_maxPriorityFeePerGas"), "eth_maxPriorityFeePerGas", label)
    except WalletError:
        tip = DEFAULT_PRIORITY_FEE_WEI
    call = {"from": sender, "to": to, "value": hex(value_wei)}
    gas = parse_quantity(client.request("eth_estimateGas", [call, "pending"]), "eth_estimateGas", label)
    return {"type": 2, "chainId": client.chain.chain_id, "nonce": nonce, "to": to, "value": value_wei,
            "gas": gas, "maxFeePerGas": 2 * base_fee + tip, "maxPriorityFeePerGas": tip, "data": b""}


def sign_and_send(client: ChainClient, signer: Signer, path: str | None, tx: TxFields) -> SignedTransaction:
    signed = signer.sign_transaction(path, tx)
    reported = client.request("eth_sendRawTransaction", ["0x" + signed.raw.hex()])
    if not isinstance(reported, str) or reported.lower() != "0x" + signed.hash.hex():
        # A node that names another hash is lying or broken; never track what it says.
        raise RpcProtocolError(endpoint=client.chain.name,
                               reason=QT_TRANSLATE_NOOP("WalletError", "it reported a different transaction hash"))
    return signed


def wait_for_receipt(client: ChainClient, tx_hash: bytes, timeout_s: float = 60.0) -> dict[str, Any]:
    hash_hex = "0x" + tx_hash.hex()
    deadline = time.monotonic() + timeout_s
    while True:
        receipt = client.request("eth_getTransactionReceipt", [hash_hex])
        if isinstance(receipt, dict):
            if parse_quantity(receipt.get("status"), "status", client.chain.name) != 1:
                raise TransactionFailedError(tx_hash=hash_hex)
            return receipt
        if time.monotonic() > deadline:
            raise ReceiptTimeoutError(tx_hash=hash_hex, seconds=f"{timeout_s:g}")
        time.sleep(RECEIPT_POLL_S)
