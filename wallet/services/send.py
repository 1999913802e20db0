"""Sending coins and tokens: prepare (simulate, estimate, price, warn), review, sign, broadcast,
and replace (speed up or cancel) while pending.

The review shows ``decode_transaction`` of the exact fields that will be signed, never what the
screen meant to send: a bug between the two then shows up on the review instead of on chain.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from eth_abi.abi import decode, encode
from eth_abi.exceptions import DecodingError

from wallet.accounts.signer import SignedTransaction, Signer, TxFields
from wallet.chains.address import keccak256, parse_address
from wallet.chains.fees import Fee, FeeTier, bumped, suggest_fees
from wallet.chains.multicall import contract_code, decode_hex_data
from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.revert import revert_reason
from wallet.chains.rpc import (
    ChainClient,
    RpcRemoteError,
    optional_object,
    quantity,
    receipt_status,
    transaction_hash,
)
from wallet.errors import WalletError
from wallet.services.prices import native_usd_price
from wallet.store.transactions import TransactionStore, TxRecord
from wallet.translatable import QT_TRANSLATE_NOOP

TRANSFER_SELECTOR = keccak256(b"transfer(address,uint256)")[:4]
APPROVE_SELECTOR = keccak256(b"approve(address,uint256)")[:4]
PLAIN_TRANSFER_GAS = 21_000
GAS_MARGIN_NUM, GAS_MARGIN_DEN = 6, 5  # +20 %: estimates on a moving chain run short
RECEIPT_POLL_S = 0.2


class SimulationRevertedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This transaction would fail: {reason}. Nothing was sent.")


class InsufficientFundsError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The account does not hold enough {symbol} for this amount and its fee.")


class TransactionFailedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Transaction {tx_hash} was included but failed (reverted).")


class ReceiptTimeoutError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Transaction {tx_hash} is not confirmed after {seconds} s.")


class NotReplaceableError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Only a pending transaction can be sped up or cancelled.")


class SendWarning(StrEnum):
    RECIPIENT_IS_CONTRACT = "recipient_is_contract"
    RECIPIENT_IS_TOKEN = "recipient_is_token"  # noqa: S105 - tokens sent to their own contract are lost
    LOOKS_LIKE_KNOWN = "looks_like_known"  # same first and last characters as a known address: poisoning
    EXCEEDS_BALANCE = "exceeds_balance"


@dataclass(frozen=True)
class SendRequest:
    sender: str
    recipient: str
    amount: int  # raw units
    token: TokenInfo | None = None  # None: the chain's own coin


@dataclass(frozen=True)
class DecodedTx:
    """What a transaction does, read from its own fields."""

    chain_name: str
    chain_id: int
    sender: str
    to: str
    value: int
    action: str  # "transfer", "token_transfer", "approve" or "contract_call"
    token: TokenInfo | None
    recipient: str  # who receives: ``to``, or the token transfer's/approval's address
    amount: int  # coin value, or the token amount
    selector: str | None
    nonce: int
    gas_limit: int
    max_fee_cost: int  # gas limit × worst-case price, in the coin's smallest unit


@dataclass(frozen=True)
class PreparedSend:
    chain: Chain
    request: SendRequest
    tx: TxFields
    fee: Fee
    warnings: tuple[SendWarning, ...]
    decoded: DecodedTx = field(repr=False)
    native_usd_price: Decimal | None = None  # for showing the fee in dollars, where the DEX knows it


def call_for(request: SendRequest) -> tuple[str, int, bytes]:
    """(to, value, data) of a send: a plain transfer, or ERC-20 ``transfer(recipient, amount)``."""
    recipient = parse_address(request.recipient)
    if request.token is None:
        return recipient, request.amount, b""
    return request.token.address, 0, TRANSFER_SELECTOR + encode(["address", "uint256"], [recipient, request.amount])


def next_nonce(client: ChainClient, store: TransactionStore, sender: str) -> int:
    """The node's pending count, unless our own pending transactions go further (a node behind a
    load balancer can lag): then the one after our highest."""
    chain_view = client.request("eth_getTransactionCount", [sender, "pending"], parse=quantity("nonce"))
    ours = store.highest_pending_nonce(client.chain.chain_id, sender)
    return chain_view if ours is None else max(chain_view, ours + 1)


def prepare_send(client: ChainClient, store: TransactionStore, request: SendRequest, tier: FeeTier = FeeTier.NORMAL,
                 known_addresses: tuple[str, ...] = ()) -> PreparedSend:
    chain = client.chain
    sender = parse_address(request.sender)
    to, value, data = call_for(request)
    call = {"from": sender, "to": to, "value": hex(value), "data": "0x" + data.hex()}
    simulate(client, call)
    estimate = client.request("eth_estimateGas", [call, "pending"], parse=quantity("eth_estimateGas"))
    gas = estimate if estimate == PLAIN_TRANSFER_GAS and not data else estimate * GAS_MARGIN_NUM // GAS_MARGIN_DEN
    fee = suggest_fees(client, chain).tiers[tier]
    tx: TxFields = {"chainId": chain.chain_id, "nonce": next_nonce(client, store, sender), "to": to, "value": value,
                    "data": data, "gas": gas, **fee.tx_fields()}
    decoded = decode_transaction(tx, chain, sender, [t for t in (request.token,) if t is not None])
    return PreparedSend(chain, request, tx, fee, _warnings(client, request, decoded, known_addresses), decoded,
                        native_usd_price(client, chain))


def simulate(client: ChainClient, call: dict[str, Any]) -> None:
    """eth_call the transaction on the pending state; a revert stops the send with its reason."""
    try:
        client.request("eth_call", [call, "pending"], parse=decode_hex_data)  # garbage is no proof of success
    except RpcRemoteError as error:
        message = str(error.params.get("message", "")).lower()
        if "insufficient funds" in message:
            raise InsufficientFundsError(symbol=client.chain.native.symbol) from None
        if error.data is None and "revert" not in message:
            raise
        raise SimulationRevertedError(reason=revert_reason(error.data)) from None


def decode_transaction(tx: TxFields, chain: Chain, sender: str, tokens: list[TokenInfo]) -> DecodedTx:
    to = parse_address(str(tx["to"]))
    data = bytes(tx.get("data") or b"")
    value = int(tx.get("value", 0))
    price = int(tx.get("gasPrice") or tx.get("maxFeePerGas") or 0)
    token = next((t for t in (*tokens, *chain.tokens) if t.address == to), None)
    action, recipient, amount, selector = "transfer", to, value, None
    if data:
        selector = "0x" + data[:4].hex()
        action, recipient, amount = "contract_call", to, value
        if data[:4] in (TRANSFER_SELECTOR, APPROVE_SELECTOR) and len(data) == 68:
            try:
                target, raw_amount = decode(["address", "uint256"], data[4:])
                action = "token_transfer" if data[:4] == TRANSFER_SELECTOR else "approve"
                recipient, amount = parse_address(str(target)), int(raw_amount)
            except (DecodingError, ValueError):
                pass
    return DecodedTx(chain.name, int(tx["chainId"]), sender, to, value, action, token, recipient, amount, selector,
                     int(tx["nonce"]), int(tx["gas"]), int(tx["gas"]) * price)


def sign_and_broadcast(client: ChainClient, store: TransactionStore, signer: Signer, path: str | None,
                       prepared: PreparedSend, kind: str = "send", replaces: int | None = None) -> TxRecord:
    """Sign, send, and record at once: the record is what survives a crash or a restart."""
    return _record(client, store, prepared, _send_raw(client, signer.sign_transaction(path, prepared.tx)), kind,
                   replaces)


def broadcast_signed(client: ChainClient, store: TransactionStore, prepared: PreparedSend, raw: bytes) -> TxRecord:
    """Send and record a transaction signed elsewhere (verified by the caller, e.g. ``airgap.verify_result``)."""
    signed = SignedTransaction(raw=raw, hash=keccak256(raw), sender=prepared.decoded.sender)
    return _record(client, store, prepared, _send_raw(client, signed))


def _record(client: ChainClient, store: TransactionStore, prepared: PreparedSend, signed: SignedTransaction,
            kind: str = "send", replaces: int | None = None) -> TxRecord:
    token = prepared.request.token
    return store.add(client.chain.chain_id, "0x" + signed.hash.hex(), signed.sender, int(prepared.tx["nonce"]),
                     prepared.decoded.recipient, token.address if token else None,
                     token.symbol if token else client.chain.native.symbol,
                     token.decimals if token else client.chain.native.decimals,
                     prepared.decoded.amount, kind, prepared.tx, "0x" + signed.raw.hex(), replaces)


def replace(client: ChainClient, store: TransactionStore, signer: Signer, path: str | None, record: TxRecord,
            cancel: bool) -> TxRecord:
    """Speed up (same transaction, higher fees) or cancel (0 to self, higher fees) a pending one."""
    if record.status != "pending":
        raise NotReplaceableError()
    old_tx = _tx_from_json(record.tx)
    old_fee = Fee(int(old_tx.get("maxFeePerGas", 0)), int(old_tx.get("maxPriorityFeePerGas", 0)),
                  int(old_tx["gasPrice"]) if "gasPrice" in old_tx else None)
    fee = bumped(old_fee, suggest_fees(client, client.chain).tiers[FeeTier.FAST])
    base = {k: v for k, v in old_tx.items() if k not in ("gasPrice", "maxFeePerGas", "maxPriorityFeePerGas", "type")}
    if cancel:
        base |= {"to": record.sender, "value": 0, "data": b"", "gas": PLAIN_TRANSFER_GAS}
    tx = base | fee.tx_fields()
    token = next((t for t in client.chain.tokens if t.address == record.token), None) if record.token else None
    request = SendRequest(record.sender, record.sender if cancel else record.recipient, 0 if cancel else record.amount,
                          None if cancel else token or _token_of(record))
    decoded = decode_transaction(tx, client.chain, record.sender, [t for t in (request.token,) if t is not None])
    prepared = PreparedSend(client.chain, request, tx, fee, (), decoded)
    return sign_and_broadcast(client, store, signer, path, prepared, "cancel" if cancel else "speedup", record.id)


def wait_for_receipt(client: ChainClient, tx_hash: bytes, timeout_s: float = 60.0) -> dict[str, Any]:
    hash_hex = "0x" + tx_hash.hex()
    deadline = time.monotonic() + timeout_s
    while True:
        receipt, succeeded = client.request("eth_getTransactionReceipt", [hash_hex], parse=_receipt_and_status)
        if receipt is not None:
            if not succeeded:
                raise TransactionFailedError(tx_hash=hash_hex)
            return receipt
        if time.monotonic() > deadline:
            raise ReceiptTimeoutError(tx_hash=hash_hex, seconds=f"{timeout_s:g}")
        time.sleep(RECEIPT_POLL_S)


def _send_raw(client: ChainClient, signed: SignedTransaction) -> SignedTransaction:
    client.request("eth_sendRawTransaction", ["0x" + signed.raw.hex()],
                   parse=transaction_hash("0x" + signed.hash.hex()))
    return signed


def _warnings(client: ChainClient, request: SendRequest, decoded: DecodedTx,
              known: tuple[str, ...]) -> tuple[SendWarning, ...]:
    warnings = []
    recipient = decoded.recipient
    if client.request("eth_getCode", [recipient, "latest"], parse=contract_code):
        warnings.append(SendWarning.RECIPIENT_IS_TOKEN if request.token and recipient == request.token.address
                        else SendWarning.RECIPIENT_IS_CONTRACT)
    if any(_looks_alike(recipient, other) for other in known):
        warnings.append(SendWarning.LOOKS_LIKE_KNOWN)
    balance = client.request("eth_getBalance", [decoded.sender, "pending"], parse=quantity("balance"))
    needed = decoded.value + decoded.max_fee_cost
    if balance < needed:
        warnings.append(SendWarning.EXCEEDS_BALANCE)
    elif request.token is not None:
        data = "0x" + (keccak256(b"balanceOf(address)")[:4] + encode(["address"], [decoded.sender])).hex()
        held = client.request("eth_call", [{"to": request.token.address, "data": data}, "pending"],
                              parse=decode_hex_data)
        if len(held) == 32 and int.from_bytes(held, "big") < request.amount:  # else: not a standard token
            warnings.append(SendWarning.EXCEEDS_BALANCE)
    return tuple(warnings)


def _receipt_and_status(value: Any, endpoint: str) -> tuple[dict[str, Any] | None, bool | None]:
    """The receipt (None: not mined yet) and whether its transaction succeeded."""
    return optional_object(value, endpoint), receipt_status(value, endpoint)


def _looks_alike(address: str, known: str) -> bool:
    """Address poisoning: a different address that matches the start and end people check by eye."""
    a, b = address.lower()[2:], known.lower()[2:]
    return a != b and a[:4] == b[:4] and a[-4:] == b[-4:]


def _tx_from_json(tx: dict[str, Any]) -> TxFields:
    out = dict(tx)
    if isinstance(out.get("data"), str):
        out["data"] = bytes.fromhex(out["data"].removeprefix("0x"))
    return out


def _token_of(record: TxRecord) -> TokenInfo | None:
    if record.token is None:
        return None
    return TokenInfo(record.token, record.symbol, record.symbol, record.decimals)
