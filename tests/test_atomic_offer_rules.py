"""Swap offers (EIP-712 signed, shared as text) and the pure protocol rules of the lock audit."""

from __future__ import annotations

import base64
import secrets
from dataclasses import replace

import pytest

from wallet.accounts.hot import HotSigner
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, HtlcTerms, hashlock_of
from wallet.dex.atomic.swap_errors import (
    AcceptanceMismatchError,
    AmountMismatchError,
    HashlockMismatchError,
    OfferExpiredError,
    OfferMalformedError,
    OfferSignatureError,
    RecipientMismatchError,
    SenderMismatchError,
    TimelockTooShortError,
    TokenMismatchError,
    UnknownSwapChainError,
    WrongChainLockError,
)
from wallet.dex.atomic.swap_offer import (
    OFFER_PREFIX,
    Acceptance,
    Offer,
    parse_acceptance,
    parse_offer,
    sign_acceptance,
    sign_offer,
)
from wallet.dex.atomic.swap_protocol import (
    CLAIM_MARGIN_S,
    HOUR_S,
    ExpectedLock,
    FoundLock,
    audit_initiator_lock,
    audit_participant_lock,
    claim_window_open,
    initiator_may_claim,
    initiator_timelock,
    participant_may_lock,
    participant_timelock,
    refund_allowed,
    required_confirmations,
)

TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
OTHER_TOKEN = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"
NOW = 1_800_000_000
KNOWN = {31337, 31338}.__contains__


def signer() -> HotSigner:
    return HotSigner(private_key=secrets.token_bytes(32))


def an_offer(maker: HotSigner, expiry: int = NOW + 600) -> Offer:
    address = maker.address(None)
    return Offer(31337, NATIVE_TOKEN, 10**18, address, 31338, TOKEN, 2_000 * 10**6, address, expiry, 7)


def test_offer_round_trip_recovers_the_maker() -> None:
    maker = signer()
    signed = sign_offer(an_offer(maker), maker, None)
    text = signed.text()
    assert text.startswith(OFFER_PREFIX) and len(text) < 400
    parsed = parse_offer(text, KNOWN, NOW)
    assert parsed == signed and parsed.offer.maker_a == maker.address(None)
    assert parse_offer(f"  {text}\n", KNOWN, NOW).offer_id == signed.offer_id


def test_acceptance_round_trip_and_it_names_its_offer() -> None:
    maker, taker = signer(), signer()
    offer = sign_offer(an_offer(maker), maker, None)
    acceptance = Acceptance(offer.offer_id, taker.address(None), taker.address(None))
    accepted = sign_acceptance(acceptance, offer.offer, taker, None)
    assert parse_acceptance(accepted.text(), offer) == accepted
    other = sign_offer(replace(an_offer(maker), nonce=8), maker, None)
    with pytest.raises(AcceptanceMismatchError):
        parse_acceptance(accepted.text(), other)


def test_tampered_offer_is_refused() -> None:
    maker = signer()
    raw = bytearray(base64.urlsafe_b64decode(sign_offer(an_offer(maker), maker, None).text()[len(OFFER_PREFIX):]
                                             + "=="))
    raw[40] ^= 1  # one bit of the amount
    tampered = OFFER_PREFIX + base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    with pytest.raises(OfferSignatureError):
        parse_offer(tampered, KNOWN, NOW)


def test_offer_signed_by_someone_else_is_refused() -> None:
    maker, forger = signer(), signer()
    forged = replace(sign_offer(an_offer(forger), forger, None), offer=an_offer(maker))
    with pytest.raises(OfferSignatureError):
        parse_offer(forged.text(), KNOWN, NOW)


def test_expired_offer_is_refused_by_chain_time() -> None:
    maker = signer()
    text = sign_offer(an_offer(maker, expiry=NOW), maker, None).text()
    with pytest.raises(OfferExpiredError):
        parse_offer(text, KNOWN, NOW)
    assert parse_offer(text, KNOWN, NOW - 1).offer.expiry == NOW


def test_offer_for_unknown_chain_is_refused() -> None:
    maker = signer()
    text = sign_offer(replace(an_offer(maker), chain_b=999_999), maker, None).text()
    with pytest.raises(UnknownSwapChainError) as raised:
        parse_offer(text, KNOWN, NOW)
    assert raised.value.params["chain_id"] == 999_999


@pytest.mark.parametrize("text", ["", "hello", OFFER_PREFIX, OFFER_PREFIX + "!!!!", OFFER_PREFIX + "AAAA",
                                  OFFER_PREFIX + "A" * 2000])
def test_malformed_offers_are_refused(text: str) -> None:
    with pytest.raises(OfferMalformedError):
        parse_offer(text, KNOWN, NOW)


def test_truncated_and_padded_offers_are_refused() -> None:
    maker = signer()
    text = sign_offer(an_offer(maker), maker, None).text()
    for damaged in (text[:-4], text + "AAAA", text + "="):
        with pytest.raises(OfferMalformedError):
            parse_offer(damaged, KNOWN, NOW)


# --- the audit -------------------------------------------------------------------------------------
MAKER, TAKER, STRANGER = ("0x" + "11" * 20, "0x" + "22" * 20, "0x" + "33" * 20)
SECRET = bytes(range(32))


def lock_a(**changes: object) -> FoundLock:
    terms = HtlcTerms(MAKER, TAKER, NATIVE_TOKEN, 10**18, hashlock_of(SECRET), initiator_timelock(NOW))
    found = FoundLock(31337, terms, 1)
    chain_id = changes.pop("chain_id", 31337)
    return replace(found, chain_id=chain_id, terms=replace(terms, **changes))  # type: ignore[arg-type]


EXPECTED_A = ExpectedLock(31337, MAKER, TAKER, NATIVE_TOKEN, 10**18, None)


def test_audit_accepts_the_right_lock() -> None:
    audit_initiator_lock(EXPECTED_A, lock_a(), "A", NOW)


@pytest.mark.parametrize(("changes", "error"), [
    ({"amount": 10**18 - 1}, AmountMismatchError),
    ({"token": TOKEN}, TokenMismatchError),
    ({"recipient": STRANGER}, RecipientMismatchError),
    ({"sender": STRANGER}, SenderMismatchError),
    ({"timelock": NOW + 11 * HOUR_S}, TimelockTooShortError),
    ({"chain_id": 31338}, WrongChainLockError),
])
def test_audit_refuses_a_wrong_lock(changes: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        audit_initiator_lock(EXPECTED_A, lock_a(**changes), "A", NOW)


def test_initiator_audit_refuses_a_wrong_hashlock_and_a_short_timelock() -> None:
    expected_b = ExpectedLock(31338, TAKER, MAKER, TOKEN, 5, hashlock_of(SECRET))
    good = FoundLock(31338, HtlcTerms(TAKER, MAKER, TOKEN, 5, hashlock_of(SECRET), NOW + 12 * HOUR_S), 1)
    audit_participant_lock(expected_b, good, "B", NOW)
    with pytest.raises(HashlockMismatchError):
        audit_participant_lock(expected_b, replace(good, terms=replace(good.terms, hashlock=bytes(32))), "B", NOW)
    with pytest.raises(TimelockTooShortError):
        audit_participant_lock(expected_b, good, "B", NOW + 12 * HOUR_S - CLAIM_MARGIN_S + 1)
    with pytest.raises(TokenMismatchError):
        audit_participant_lock(expected_b, replace(good, terms=replace(good.terms, token=OTHER_TOKEN)), "B", NOW)


def test_timelocks_and_windows_follow_chain_time() -> None:
    t_a = initiator_timelock(NOW)
    assert t_a == NOW + 24 * HOUR_S
    # chain B's clock runs 100 s behind: T_B is half of A's remaining time from B's own now
    assert participant_timelock(t_a, NOW + 2 * HOUR_S, NOW - 100) == NOW - 100 + 11 * HOUR_S
    assert claim_window_open(t_a, t_a - 1) and not claim_window_open(t_a, t_a)
    assert refund_allowed(t_a, t_a) and not refund_allowed(t_a, t_a - 1)
    assert initiator_may_claim(NOW + CLAIM_MARGIN_S, NOW) and not initiator_may_claim(NOW + CLAIM_MARGIN_S - 1, NOW)


def test_confirmations_per_chain_with_overrides() -> None:
    assert required_confirmations(137, devnet=False) == 256
    assert required_confirmations(31337, devnet=True) == 1
    assert required_confirmations(123_456, devnet=False) == 20
    assert required_confirmations(137, devnet=False, overrides={137: 300}) == 300


def test_a_late_participant_lock_is_refused_once_either_margin_is_gone() -> None:
    t_a = initiator_timelock(NOW)
    t_b = participant_timelock(t_a, NOW, NOW)
    assert participant_may_lock(t_a, NOW, t_b, NOW)
    assert participant_may_lock(t_a, NOW + 9 * HOUR_S, t_b, NOW + 9 * HOUR_S)  # 3 h left on B, 15 h on A
    assert not participant_may_lock(t_a, NOW + 10 * HOUR_S + 1, t_b, NOW + 10 * HOUR_S + 1)  # < 2 h for the claim
    assert not participant_may_lock(t_a, NOW + 7 * HOUR_S, t_b, NOW)  # chain A ran ahead: margin < 6 h
