"""Air-gapped signing: the online wallet exports an unsigned request, an offline computer running this
app signs it with its own keys, and the online wallet verifies the result before broadcasting.

Request (online → offline), JSON::

    {"format": "deskwallet-sign-request", "version": 1, "id": "<uuid>",
     "chain": {"id": 1, "name": "Ethereum"}, "account": {"address": "0x…", "path": "m/44'/60'/0'/0/0"},
     "tx": {"chainId": 1, "nonce": 3, "to": "0x…", "value": "0x…", "gas": 21000, "data": "0x…",
            "maxFeePerGas": "0x…", "maxPriorityFeePerGas": "0x…", "type": 2}}

Result (offline → online)::

    {"format": "deskwallet-sign-result", "version": 1, "id": "<uuid>", "raw": "0x…"}

Both travel as a file or as QR codes (``qr_parts``: one code when it fits, else numbered parts
``DW:<index>/<total>:<chunk>`` to show one after another). The online side accepts a result only
if re-serialising *its own request* with the result's signature reproduces the result byte for byte
(same payload, chain id and nonce) and the signature recovers to the account's address.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import rlp
from coincurve import PublicKey

from wallet.accounts.model import Account
from wallet.accounts.signer import Signer, TxFields
from wallet.chains.address import eth_address_from_public_key, parse_address
from wallet.chains.tx_encoding import signed_raw, signing_hash, tx_type
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.untrusted_json import loads_untrusted

REQUEST_FORMAT = "deskwallet-sign-request"
RESULT_FORMAT = "deskwallet-sign-result"
FORMAT_VERSION = 1
QR_PART_CHARS = 600  # a plain transfer fits one code (version ~19 at medium error correction)
QR_PREFIX = "DW:"
# A request nests at most 5 deep (an access list's storage keys inside the transaction); far less
# than where the parser would crash (see wallet.untrusted_json).
MAX_JSON_DEPTH = 16
_QUANTITY_FIELDS = ("value", "gasPrice", "maxFeePerGas", "maxPriorityFeePerGas")


class SignRequestError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The signing request cannot be used: {reason}")


class SignResultRejectedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The signed transaction was refused: {reason}. Nothing was sent.")


@dataclass(frozen=True)
class SignRequest:
    id: str
    chain_id: int
    chain_name: str
    address: str
    path: str | None
    tx: TxFields

    def to_json(self) -> str:
        tx = {k: (hex(v) if k in _QUANTITY_FIELDS else "0x" + v.hex() if isinstance(v, bytes) else v)
              for k, v in self.tx.items()}
        return json.dumps({"format": REQUEST_FORMAT, "version": FORMAT_VERSION, "id": self.id,
                           "chain": {"id": self.chain_id, "name": self.chain_name},
                           "account": {"address": self.address, "path": self.path}, "tx": tx})


def make_request(chain_id: int, chain_name: str, address: str, path: str | None, tx: TxFields) -> SignRequest:
    if int(tx.get("chainId", -1)) != chain_id:
        raise SignRequestError(reason=QT_TRANSLATE_NOOP("WalletError", "the transaction names another chain"))
    return SignRequest(uuid.uuid4().hex, chain_id, chain_name, parse_address(address), path, dict(tx))


def parse_request(text: str) -> SignRequest:
    try:
        document = loads_untrusted(text, MAX_JSON_DEPTH)
        if document["format"] != REQUEST_FORMAT or document["version"] != FORMAT_VERSION:
            raise ValueError
        tx = {k: (int(v, 16) if k in _QUANTITY_FIELDS else bytes.fromhex(v[2:]) if k == "data" else v)
              for k, v in document["tx"].items()}
        request = SignRequest(str(document["id"]), int(document["chain"]["id"]), str(document["chain"]["name"]),
                              parse_address(document["account"]["address"]), document["account"]["path"], tx)
        signing_hash(request.tx)  # every field the serialisation needs is present and well-typed
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SignRequestError(reason=QT_TRANSLATE_NOOP("WalletError", "it is not a DeskWallet signing request")) \
            from None
    if int(request.tx.get("chainId", -1)) != request.chain_id:
        raise SignRequestError(reason=QT_TRANSLATE_NOOP("WalletError", "the transaction names another chain"))
    return request


def sign_request(request: SignRequest, signer: Signer, path: str | None = None) -> str:
    """Offline side: sign with this computer's key for the request's account; the result JSON.
    ``path`` is the key's path here when the request names none (it came from a watch-only account)."""
    path = request.path or path
    if signer.address(path) != request.address:
        raise SignRequestError(reason=QT_TRANSLATE_NOOP("WalletError", "this computer does not hold that account"))
    signed = signer.sign_transaction(path, request.tx)
    return json.dumps({"format": RESULT_FORMAT, "version": FORMAT_VERSION, "id": request.id,
                       "raw": "0x" + signed.raw.hex()})


def holding_account(request: SignRequest, accounts: Iterable[Account]) -> Account:
    """Offline side: the hot account of this computer that the request asks to sign with."""
    for account in accounts:
        if account.kind.is_hot and account.address == request.address:
            return account
    raise SignRequestError(reason=QT_TRANSLATE_NOOP("WalletError", "this computer does not hold that account"))


def verify_result(request: SignRequest, text: str) -> bytes:
    """Online side: the raw transaction to broadcast, if and only if it is exactly what was asked."""
    try:
        document = loads_untrusted(text, MAX_JSON_DEPTH)
        if document["format"] != RESULT_FORMAT or document["version"] != FORMAT_VERSION:
            raise ValueError
        result_id, raw = str(document["id"]), bytes.fromhex(document["raw"][2:])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SignResultRejectedError(reason=QT_TRANSLATE_NOOP("WalletError", "it is not a signed result")) from None
    if result_id != request.id:
        raise SignResultRejectedError(reason=QT_TRANSLATE_NOOP("WalletError", "it answers another request"))
    parity, r, s = _signature_of(raw, request.tx)
    if signed_raw(request.tx, parity, r, s) != raw:
        raise SignResultRejectedError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "it differs from the request (payload, chain id or nonce)"))
    try:
        key = PublicKey.from_signature_and_message(
            r.to_bytes(32, "big") + s.to_bytes(32, "big") + bytes([parity]), signing_hash(request.tx), hasher=None)
    except ValueError:
        raise SignResultRejectedError(reason=QT_TRANSLATE_NOOP("WalletError", "its signature is invalid")) from None
    if eth_address_from_public_key(key.format()) != request.address:
        raise SignResultRejectedError(reason=QT_TRANSLATE_NOOP("WalletError", "it was signed by another key"))
    return raw


def qr_parts(text: str) -> list[str]:
    """One QR payload when it fits, else numbered parts to show in turn (reassembled by ``join_parts``)."""
    if len(text) <= QR_PART_CHARS:
        return [text]
    chunks = [text[i:i + QR_PART_CHARS] for i in range(0, len(text), QR_PART_CHARS)]
    return [f"{QR_PREFIX}{n}/{len(chunks)}:{chunk}" for n, chunk in enumerate(chunks, start=1)]


def join_parts(parts: list[str]) -> str:
    """Scanned parts in any order, duplicates allowed (an animated code loops); refuses gaps."""
    if len(parts) == 1 and not parts[0].startswith(QR_PREFIX):
        return parts[0]
    chunks: dict[int, str] = {}
    total = None
    for part in parts:
        try:
            header, chunk = part[len(QR_PREFIX):].split(":", 1)
            index, count = (int(x) for x in header.split("/"))
        except ValueError:
            raise SignRequestError(reason=QT_TRANSLATE_NOOP("WalletError", "a QR part is malformed")) from None
        if total not in (None, count) or not 1 <= index <= count:
            raise SignRequestError(reason=QT_TRANSLATE_NOOP("WalletError", "QR parts of different codes"))
        total, chunks[index] = count, chunk
    if total is None or len(chunks) != total:
        raise SignRequestError(reason=QT_TRANSLATE_NOOP("WalletError", "some QR parts are still missing"))
    return "".join(chunks[i] for i in range(1, total + 1))


def _signature_of(raw: bytes, tx: TxFields) -> tuple[int, int, int]:
    """(y-parity, r, s) from a signed transaction of the request's type; errors if it is not one."""
    kind = tx_type(tx)
    try:
        if kind == 0:
            fields = rlp.decode(raw)
            v = int.from_bytes(fields[6], "big")
            parity = v - (int(tx["chainId"]) * 2 + 35) if "chainId" in tx else v - 27
        else:
            if not raw or raw[0] != kind:
                raise ValueError
            fields = rlp.decode(raw[1:])
            parity = int.from_bytes(fields[-3], "big")
        r, s = int.from_bytes(fields[-2], "big"), int.from_bytes(fields[-1], "big")
    except (rlp.DecodingError, IndexError, ValueError, KeyError):
        raise SignResultRejectedError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "it differs from the request (payload, chain id or nonce)")) from None
    if parity not in (0, 1):
        raise SignResultRejectedError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "it differs from the request (payload, chain id or nonce)"))
    return parity, r, s
