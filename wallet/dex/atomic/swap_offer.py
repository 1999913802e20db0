"""Swap offers and acceptances: EIP-712 signed, shared as one line of text (or a file holding it).

An offer says what the maker (who becomes the initiator) locks on chain A and wants on chain B, the
maker's address on each chain, an expiry and a nonce. The taker answers with an acceptance naming
the offer (its EIP-712 digest) and the taker's address on each chain, signed by the taker's chain-B
address (the one that will lock). Both travel as ``<prefix><base64url(fields ++ signature)>``: the
fields are packed at fixed widths, so there is exactly one encoding of a message, and parsing refuses
anything that is not exactly that length.

Parsing checks, in order: prefix, encoding, length, field ranges, that both chains are known, the
signature (it must recover to the maker's — or taker's — address), then expiry against the time it
is given (the caller passes chain A's latest block time, never the local clock).

An offer with a Bitcoin-family leg (``swap_chains``) is version 2 (``dwswap2o:``): it also carries the
secret's hash. A Bitcoin script can only be found on chain by its hash, so the contracts of such a
swap are fixed by the offer and the lock before them (``swap_engine``): the participant could not
find the maker's UTXO lock without the hash. The maker derives the secret from its own key and the
offer's nonce (``swap_secret.offer_secret``), so nothing has to be kept between making the offer and
the swap. On a UTXO leg the address fields hold public key hashes, which sign nothing: the offer is
signed by the maker's address on the EVM leg, the acceptance by the taker's address on the EVM leg.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from eth_account import Account as EthAccount
from eth_account.messages import SignableMessage, encode_typed_data

from wallet.accounts.signer import Signer
from wallet.chains.address import keccak256, to_checksum_address
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN
from wallet.dex.atomic.swap_chains import is_known_utxo_number, is_utxo_chain, utxo_amount_possible
from wallet.dex.atomic.swap_errors import (
    BAD_ENCODING,
    BAD_FIELD,
    NOT_A_SWAP_MESSAGE,
    SAME_CHAIN,
    TWO_UTXO_LEGS,
    UTXO_AMOUNT,
    UTXO_TOKEN,
    WRONG_LENGTH,
    ZERO_AMOUNT,
    AcceptanceMismatchError,
    OfferExpiredError,
    OfferMalformedError,
    OfferSignatureError,
    UnknownSwapChainError,
)

OFFER_PREFIX = "dwswap1o:"
OFFER_V2_PREFIX = "dwswap2o:"
ACCEPTANCE_PREFIX = "dwswap1a:"
SIGNATURE_BYTES = 65
MAX_MESSAGE_CHARS = 1_000  # both kinds are a few hundred characters; a longer paste is refused unread
EIP712_DOMAIN = {"name": "DeskWallet Atomic Swap", "version": "1"}
_DOMAIN_TYPE = [{"name": "name", "type": "string"}, {"name": "version", "type": "string"}]
_OFFER_TYPE = [
    {"name": "chainA", "type": "uint256"}, {"name": "tokenA", "type": "address"},
    {"name": "amountA", "type": "uint256"}, {"name": "makerA", "type": "address"},
    {"name": "chainB", "type": "uint256"}, {"name": "tokenB", "type": "address"},
    {"name": "amountB", "type": "uint256"}, {"name": "makerB", "type": "address"},
    {"name": "expiry", "type": "uint64"}, {"name": "nonce", "type": "uint256"},
]
_OFFER_V2_TYPE = [*_OFFER_TYPE, {"name": "hashLock", "type": "bytes32"}]
_ACCEPTANCE_TYPE = [{"name": "offer", "type": "bytes32"}, {"name": "takerA", "type": "address"},
                    {"name": "takerB", "type": "address"}]
# (name, width in bytes, kind): the packed layout of an offer.
_OFFER_LAYOUT = (("chain_a", 8, "int"), ("token_a", 20, "address"), ("amount_a", 32, "int"),
                 ("maker_a", 20, "address"), ("chain_b", 8, "int"), ("token_b", 20, "address"),
                 ("amount_b", 32, "int"), ("maker_b", 20, "address"), ("expiry", 8, "int"), ("nonce", 32, "int"))
_OFFER_V2_LAYOUT = (*_OFFER_LAYOUT, ("hashlock", 32, "bytes"))
_ACCEPTANCE_LAYOUT = (("offer_id", 32, "bytes"), ("taker_a", 20, "address"), ("taker_b", 20, "address"))


@dataclass(frozen=True)
class Offer:
    """The maker locks ``amount_a`` of ``token_a`` on ``chain_a`` for ``amount_b`` of ``token_b`` on
    ``chain_b``. Tokens are ``NATIVE_TOKEN`` for a chain's coin; amounts in smallest units."""

    chain_a: int
    token_a: str
    amount_a: int
    maker_a: str
    chain_b: int
    token_b: str
    amount_b: int
    maker_b: str
    expiry: int  # unix seconds, compared with chain A's block time
    nonce: int
    hashlock: bytes | None = None  # SHA-256 of the secret: set exactly when a leg is on a UTXO chain

    @property
    def signer(self) -> str:
        """The maker's address that signs: its address on chain A, or on B when A is a UTXO chain."""
        return self.maker_b if is_utxo_chain(self.chain_a) else self.maker_a


@dataclass(frozen=True)
class SignedOffer:
    offer: Offer
    signature: bytes

    @property
    def offer_id(self) -> bytes:
        return offer_digest(self.offer)

    def text(self) -> str:
        prefix, layout = (OFFER_PREFIX, _OFFER_LAYOUT) if self.offer.hashlock is None else \
            (OFFER_V2_PREFIX, _OFFER_V2_LAYOUT)
        return prefix + _b64(_pack(layout, self.offer.__dict__) + self.signature)


@dataclass(frozen=True)
class Acceptance:
    offer_id: bytes
    taker_a: str  # receives the maker's lock on chain A
    taker_b: str  # locks on chain B


@dataclass(frozen=True)
class SignedAcceptance:
    acceptance: Acceptance
    signature: bytes

    def text(self) -> str:
        return ACCEPTANCE_PREFIX + _b64(_pack(_ACCEPTANCE_LAYOUT, self.acceptance.__dict__) + self.signature)


def offer_typed_data(offer: Offer) -> dict[str, Any]:
    message = {"chainA": offer.chain_a, "tokenA": offer.token_a, "amountA": offer.amount_a,
               "makerA": offer.maker_a, "chainB": offer.chain_b, "tokenB": offer.token_b,
               "amountB": offer.amount_b, "makerB": offer.maker_b, "expiry": offer.expiry, "nonce": offer.nonce}
    if offer.hashlock is None:
        return {"types": {"EIP712Domain": _DOMAIN_TYPE, "SwapOffer": _OFFER_TYPE}, "primaryType": "SwapOffer",
                "domain": EIP712_DOMAIN, "message": message}
    return {"types": {"EIP712Domain": _DOMAIN_TYPE, "SwapOfferV2": _OFFER_V2_TYPE}, "primaryType": "SwapOfferV2",
            "domain": EIP712_DOMAIN, "message": message | {"hashLock": offer.hashlock}}


def acceptance_signer(offer: Offer, acceptance: Acceptance) -> str:
    """The taker's address that signs: its address on chain B, or on A when B is a UTXO chain."""
    return acceptance.taker_a if is_utxo_chain(offer.chain_b) else acceptance.taker_b


def acceptance_typed_data(acceptance: Acceptance) -> dict[str, Any]:
    return {"types": {"EIP712Domain": _DOMAIN_TYPE, "SwapAcceptance": _ACCEPTANCE_TYPE},
            "primaryType": "SwapAcceptance", "domain": EIP712_DOMAIN,
            "message": {"offer": acceptance.offer_id, "takerA": acceptance.taker_a, "takerB": acceptance.taker_b}}


def offer_digest(offer: Offer) -> bytes:
    """The EIP-712 digest the maker signs; it also names the swap on both sides."""
    return _digest(encode_typed_data(full_message=offer_typed_data(offer)))


def sign_offer(offer: Offer, signer: Signer, path: str | None) -> SignedOffer:
    _check_offer(offer)
    signed = SignedOffer(offer, signer.sign_typed_data(path, offer_typed_data(offer)))
    _verify(offer_typed_data(offer), signed.signature, offer.signer)
    return signed


def sign_acceptance(acceptance: Acceptance, offer: Offer, signer: Signer, path: str | None) -> SignedAcceptance:
    signed = SignedAcceptance(acceptance, signer.sign_typed_data(path, acceptance_typed_data(acceptance)))
    _verify(acceptance_typed_data(acceptance), signed.signature, acceptance_signer(offer, acceptance))
    return signed


def parse_offer(text: str, known_chain: Callable[[int], bool], now_s: int | None) -> SignedOffer:
    """An offer from its text, verified. ``now_s`` (chain A's latest block time) refuses an expired
    offer; None skips that check (reading back one's own swap after the fact)."""
    v2 = text.strip().startswith(OFFER_V2_PREFIX)
    fields, signature = _unpack(text, *((OFFER_V2_PREFIX, _OFFER_V2_LAYOUT) if v2 else (OFFER_PREFIX, _OFFER_LAYOUT)))
    offer = Offer(**fields)
    _check_offer(offer)
    for chain_id in (offer.chain_a, offer.chain_b):
        if not known_chain(chain_id):
            raise UnknownSwapChainError(chain_id=chain_id)
    _verify(offer_typed_data(offer), signature, offer.signer)
    if now_s is not None and now_s >= offer.expiry:
        raise OfferExpiredError(expiry=offer.expiry)
    return SignedOffer(offer, signature)


def parse_acceptance(text: str, offer: SignedOffer) -> SignedAcceptance:
    fields, signature = _unpack(text, ACCEPTANCE_PREFIX, _ACCEPTANCE_LAYOUT)
    acceptance = Acceptance(**fields)
    if acceptance.offer_id != offer.offer_id:
        raise AcceptanceMismatchError(offer_id="0x" + offer.offer_id.hex())
    _verify(acceptance_typed_data(acceptance), signature, acceptance_signer(offer.offer, acceptance))
    return SignedAcceptance(acceptance, signature)


def _check_offer(offer: Offer) -> None:
    if offer.chain_a == offer.chain_b:
        raise OfferMalformedError(reason=SAME_CHAIN)
    if offer.amount_a <= 0 or offer.amount_b <= 0:
        raise OfferMalformedError(reason=ZERO_AMOUNT)
    if min(offer.chain_a, offer.chain_b, offer.expiry) <= 0:
        raise OfferMalformedError(reason=BAD_FIELD)
    utxo_legs = [(chain, token) for chain, token in ((offer.chain_a, offer.token_a), (offer.chain_b, offer.token_b))
                 if is_utxo_chain(chain)]
    if len(utxo_legs) == 2:
        raise OfferMalformedError(reason=TWO_UTXO_LEGS)
    for chain, _ in utxo_legs:
        if not is_known_utxo_number(chain):
            raise UnknownSwapChainError(chain_id=chain)
    if any(token != NATIVE_TOKEN for _, token in utxo_legs):
        raise OfferMalformedError(reason=UTXO_TOKEN)
    if not all(utxo_amount_possible(chain, amount) for chain, amount in
               ((offer.chain_a, offer.amount_a), (offer.chain_b, offer.amount_b)) if is_utxo_chain(chain)):
        raise OfferMalformedError(reason=UTXO_AMOUNT)
    if bool(utxo_legs) != (offer.hashlock is not None) or (offer.hashlock is not None and len(offer.hashlock) != 32):
        raise OfferMalformedError(reason=BAD_FIELD)


def _verify(typed: dict[str, Any], signature: bytes, expected: str) -> None:
    try:
        signer = EthAccount.recover_message(encode_typed_data(full_message=typed), signature=signature)
    except Exception:  # any unrecoverable signature (bad v, s out of range) is a forgery
        signer = None
    if signer is None or signer.lower() != expected.lower():
        raise OfferSignatureError(address=expected)


def _digest(message: SignableMessage) -> bytes:
    return keccak256(b"\x19" + message.version + message.header + message.body)


def _pack(layout: tuple[tuple[str, int, str], ...], values: dict[str, Any]) -> bytes:
    out = b""
    for name, width, kind in layout:
        value = values[name]
        if kind == "int":
            out += int(value).to_bytes(width, "big")
        elif kind == "address":
            out += bytes.fromhex(str(value)[2:])
        else:
            out += bytes(value)
    return out


def _unpack(text: str, prefix: str, layout: tuple[tuple[str, int, str], ...]) -> tuple[dict[str, Any], bytes]:
    text = text.strip()
    if len(text) > MAX_MESSAGE_CHARS or not text.startswith(prefix):
        raise OfferMalformedError(reason=NOT_A_SWAP_MESSAGE)
    body = text[len(prefix):]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise OfferMalformedError(reason=BAD_ENCODING) from None
    if _b64(raw) != body:  # one text per message: no padding, no stray characters that decoding skips
        raise OfferMalformedError(reason=BAD_ENCODING)
    if len(raw) != sum(width for _, width, _ in layout) + SIGNATURE_BYTES:
        raise OfferMalformedError(reason=WRONG_LENGTH)
    fields: dict[str, Any] = {}
    offset = 0
    for name, width, kind in layout:
        chunk = raw[offset:offset + width]
        offset += width
        fields[name] = (int.from_bytes(chunk, "big") if kind == "int"
                        else to_checksum_address("0x" + chunk.hex()) if kind == "address" else chunk)
    return fields, raw[offset:]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
