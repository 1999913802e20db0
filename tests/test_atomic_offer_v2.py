"""Version-2 swap offers (a leg on a Bitcoin-family chain): they carry the secret's hash, which the
maker's wallet derives again from its key and the nonce; they are signed by the parties' EVM-leg
addresses; and everything an offer with a UTXO leg must not be is refused by name."""

from __future__ import annotations

import base64
import secrets
from dataclasses import replace

import pytest

from wallet.accounts.hot import HotSigner
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, hashlock_of
from wallet.dex.atomic.swap_chains import (
    MIN_UTXO_SWAP_AMOUNT,
    UTXO_CHAIN_BASE,
    is_utxo_chain,
    pkh_address,
    pkh_field,
    utxo_chain_number,
)
from wallet.dex.atomic.swap_errors import (
    TWO_UTXO_LEGS,
    UTXO_AMOUNT,
    UTXO_TOKEN,
    OfferMalformedError,
    OfferSignatureError,
    UnknownSwapChainError,
)
from wallet.dex.atomic.swap_offer import (
    OFFER_PREFIX,
    OFFER_V2_PREFIX,
    Acceptance,
    Offer,
    acceptance_signer,
    parse_acceptance,
    parse_offer,
    sign_acceptance,
    sign_offer,
)
from wallet.dex.atomic.swap_secret import offer_secret, sealing_key
from wallet.utxo.registry import load_utxo_registry

REGISTRY = load_utxo_registry()
LTC = utxo_chain_number(REGISTRY.get("litecoin-regtest"))
NOW = 1_800_000_000
KNOWN = {31337, 31338, LTC}.__contains__
TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3"


def signer() -> HotSigner:
    return HotSigner(private_key=secrets.token_bytes(32))


def ltc_first(maker: HotSigner, nonce: int = 7) -> Offer:
    """The maker locks LTC (chain A) for the coin of 31337: its key hash on A, its address on B."""
    hashlock = hashlock_of(offer_secret(sealing_key(maker, None), nonce))
    return Offer(LTC, NATIVE_TOKEN, 5 * 10**7, pkh_field(b"\x11" * 20), 31337, NATIVE_TOKEN, 10**18,
                 maker.address(None), NOW + 600, nonce, hashlock)


def test_every_utxo_chain_has_a_number_outside_evm_chain_ids() -> None:
    numbers = [utxo_chain_number(chain) for chain in REGISTRY]
    assert len(set(numbers)) == len(numbers) == len(REGISTRY)
    # EIP-2294: an EVM chain id is below floor(MAX_UINT64 / 2) - 36; every UTXO number is above it.
    assert all(is_utxo_chain(n) and n > (2**64 - 1) // 2 - 36 and n < 2**64 for n in numbers)
    assert not is_utxo_chain(UTXO_CHAIN_BASE - 1) and not is_utxo_chain(31337)


def test_v2_offer_round_trip_is_signed_by_the_makers_evm_leg_address() -> None:
    maker = signer()
    signed = sign_offer(ltc_first(maker), maker, None)
    text = signed.text()
    assert text.startswith(OFFER_V2_PREFIX) and len(text) < 500
    parsed = parse_offer(text, KNOWN, NOW)
    assert parsed == signed and parsed.offer.signer == maker.address(None) == parsed.offer.maker_b
    # The maker's wallet makes the same secret again from its key and the nonce; nobody else can.
    assert hashlock_of(offer_secret(sealing_key(maker, None), 7)) == parsed.offer.hashlock
    assert hashlock_of(offer_secret(sealing_key(signer(), None), 7)) != parsed.offer.hashlock
    assert pkh_address(parsed.offer.maker_a, REGISTRY.get("litecoin-regtest")).startswith("rltc1q")


def test_the_acceptance_is_signed_by_the_takers_evm_leg_address() -> None:
    maker, taker = signer(), signer()
    offer = sign_offer(ltc_first(maker), maker, None)
    acceptance = Acceptance(offer.offer_id, pkh_field(b"\x22" * 20), taker.address(None))
    assert acceptance_signer(offer.offer, acceptance) == taker.address(None)
    accepted = sign_acceptance(acceptance, offer.offer, taker, None)
    assert parse_acceptance(accepted.text(), offer) == accepted
    # When B is the UTXO leg, the taker's address on A signs.
    hashlock = ltc_first(maker).hashlock
    evm_first = Offer(31337, NATIVE_TOKEN, 10**18, maker.address(None), LTC, NATIVE_TOKEN, 5 * 10**7,
                      pkh_field(b"\x11" * 20), NOW + 600, 8, hashlock)
    assert evm_first.signer == maker.address(None)
    signed_b = sign_offer(evm_first, maker, None)
    acceptance_b = Acceptance(signed_b.offer_id, taker.address(None), pkh_field(b"\x22" * 20))
    assert acceptance_signer(evm_first, acceptance_b) == taker.address(None)
    assert parse_acceptance(sign_acceptance(acceptance_b, evm_first, taker, None).text(), signed_b).acceptance \
        == acceptance_b


def test_a_changed_hash_breaks_the_makers_signature() -> None:
    maker = signer()
    text = sign_offer(ltc_first(maker), maker, None).text()
    raw = bytearray(base64.urlsafe_b64decode(text[len(OFFER_V2_PREFIX):] + "=="))
    hash_at = 8 + 20 + 32 + 20 + 8 + 20 + 32 + 20 + 8 + 32  # the hashlock follows the v1 fields
    raw[hash_at] ^= 1
    forged = OFFER_V2_PREFIX + base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    with pytest.raises(OfferSignatureError):
        parse_offer(forged, KNOWN, NOW)
    # Read as version 1, the same bytes are the wrong length.
    with pytest.raises(OfferMalformedError):
        parse_offer(OFFER_PREFIX + text[len(OFFER_V2_PREFIX):], KNOWN, NOW)


@pytest.mark.parametrize("case", ["no hash on a utxo leg", "hash without a utxo leg", "two utxo legs",
                                  "token on a utxo leg", "short hash", "dust amount", "above the supply"])
def test_malformed_v2_offers_are_refused_by_name(case: str) -> None:
    maker = signer()
    offer = ltc_first(maker)
    bad, reason = {
        "no hash on a utxo leg": (replace(offer, hashlock=None), None),
        "hash without a utxo leg": (replace(offer, chain_a=31338, maker_a=maker.address(None)), None),
        "two utxo legs": (replace(offer, chain_b=LTC + 1), TWO_UTXO_LEGS),
        "token on a utxo leg": (replace(offer, token_a=TOKEN), UTXO_TOKEN),
        "short hash": (replace(offer, hashlock=b"\x01" * 31), None),
        "dust amount": (replace(offer, amount_a=MIN_UTXO_SWAP_AMOUNT - 1), UTXO_AMOUNT),
        "above the supply": (replace(offer, amount_a=84_000_000 * 10**8 + 1), UTXO_AMOUNT),
    }[case]
    with pytest.raises(OfferMalformedError) as refused:
        sign_offer(bad, maker, None)
    if reason is not None:
        assert refused.value.params["reason"] == reason


@pytest.mark.parametrize("number", [UTXO_CHAIN_BASE + 16 * 5, UTXO_CHAIN_BASE + 3, UTXO_CHAIN_BASE + 16 * 2 + 7])
def test_an_unknown_bitcoin_family_chain_is_named_as_such(number: int) -> None:
    maker = signer()
    with pytest.raises(UnknownSwapChainError):
        sign_offer(replace(ltc_first(maker), chain_a=number), maker, None)
