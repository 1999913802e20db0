"""The rules of a two-chain HTLC swap, as pure functions: timelocks, the audit of a counterparty's
lock, and when claiming and refunding are allowed.

The protocol. The initiator (the offer's maker) makes a 32-byte secret and locks on chain A until
T_A; the participant audits that lock and only then locks on chain B until T_B; the initiator audits
B and claims it, which reveals the secret on chain B; the participant reads the secret there (claim
event, or the calldata of a pending or reverted claim) and claims A. If the other side does not act,
each refunds its own lock once its timelock has passed. All times are the chain's: "now" is the
latest block's timestamp on that chain, and durations are compared as time remaining on each chain,
so a chain whose clock runs ahead or behind does not shift the other's.

Defaults, and why:

- ``INITIATOR_TIMELOCK_S`` = 24 h after chain A's latest block. The participant needs time to see
  the lock, wait for its confirmations, lock on B and wait again; the initiator then needs time to
  audit and claim, and the participant to claim A after that. A day also rides out a watcher that is
  down for hours (a laptop asleep overnight) without either side losing anything.
- ``T_B`` = half of T_A's remaining time, measured from now on chain B (12 h by default). The second
  half is the participant's window to claim A after the secret shows on B.
- ``SAFETY_MARGIN_S`` = 6 h: T_A must stay at least this much beyond T_B (in remaining time). Block
  timestamps may drift by up to ~15 min per block on some chains, a reorg can undo a claim that was
  seen (100+ blocks on some chains: tens of minutes), and a participant's watcher may be down when
  the secret appears; six hours covers all three with room.
- ``MIN_PARTICIPANT_WINDOW_S`` = 2 h: the initiator's claim window on B. Shorter and a congested
  chain could keep its claim pending until T_B.
- ``CLAIM_MARGIN_S`` = 1 h: the initiator refuses to claim B when T_B is closer than this. A claim
  that confirms too late reverts, but its calldata has already shown the secret: the participant
  could refund B *and* claim A. Refusing instead leaves the initiator to refund A after T_A.
  (The participant always claims A while it can: it has nothing left to protect.)
- Confirmations (``DEFAULT_CONFIRMATIONS`` and ``CONFIRMATIONS_BY_CHAIN_ID``): a lock is acted on
  only once it is that deep, because a reorg could remove it after the other side locked. Chains
  with deep reorgs (Polygon PoS has seen 100+ blocks) need many; chains with fast finality few;
  unknown chains get a conservative default. A devnet needs one. The caller may override per chain.
- A leg on a Bitcoin-family chain: its script can only be found by its hash, so its timelock is
  fixed by what both sides know. A UTXO lock A lasts until ``expiry + INITIATOR_TIMELOCK_S``
  (``utxo_timelock_a``: the initiator locks before the expiry's grace is over, so at least 23 h
  remain); a UTXO lock B until ``T_A − INITIATOR_TIMELOCK_S / 2`` (``utxo_timelock_b``: 12 h before
  T_A, which covers ``SAFETY_MARGIN_S`` plus the chain's median-time-past lag, see
  ``utxo_htlc.participant_margin_s``). Both assume the chains' clocks agree, as block times follow
  UTC; the checks of time left on each chain (audits, ``participant_may_lock``) still hold, so a chain
  whose clock is off makes the swap stop early, never unsafe. Confirmations on UTXO chains
  (``UTXO_CONFIRMATIONS``): 3 on Bitcoin (reorgs deeper than two blocks are very rare), 12 on
  Litecoin (2.5 min blocks: about the same half hour), 1 on a regtest.
- Fees: before locking, each side must hold enough coin on *both* chains for a claim or a refund at
  ``PESSIMISTIC_FEE_FACTOR`` × today's fast fee for ``PESSIMISTIC_HTLC_GAS`` gas: a refund that cannot
  be paid for is a loss.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wallet.dex.atomic.htlc_terms import HtlcTerms
from wallet.dex.atomic.swap_errors import (
    AmountMismatchError,
    HashlockMismatchError,
    RecipientMismatchError,
    SenderMismatchError,
    TimelockTooShortError,
    TokenMismatchError,
    WrongChainLockError,
)

HOUR_S = 3600
INITIATOR_TIMELOCK_S = 24 * HOUR_S
SAFETY_MARGIN_S = 6 * HOUR_S
MIN_PARTICIPANT_WINDOW_S = 2 * HOUR_S
CLAIM_MARGIN_S = 1 * HOUR_S
LOCK_GRACE_S = 1 * HOUR_S  # after the offer's expiry: the initiator no longer locks, the participant stops waiting
DEFAULT_CONFIRMATIONS = 20
DEVNET_CONFIRMATIONS = 1
CONFIRMATIONS_BY_CHAIN_ID: Mapping[int, int] = {
    1: 64,  # Ethereum: two epochs, finalized
    10: 20, 8453: 20, 42161: 20,  # rollups: sequencer reorgs are rare but not unknown
    56: 20,  # BNB Smart Chain
    137: 256,  # Polygon PoS: reorgs of 100+ blocks have happened
    43114: 5,  # Avalanche C-Chain: fast finality
    888: 30,  # Wanchain
}
UTXO_CONFIRMATIONS: Mapping[str, int] = {"BTC": 3, "LTC": 12}
UTXO_DEFAULT_CONFIRMATIONS = 6
PESSIMISTIC_HTLC_GAS = 150_000  # a token claim or refund uses about 60k; room for a token's own costs
PESSIMISTIC_FEE_FACTOR = 3


@dataclass(frozen=True)
class ExpectedLock:
    """What the offer says the counterparty's lock must be. ``hashlock`` is None when the participant
    audits chain A: the hashlock is the initiator's to choose, and the participant adopts it."""

    chain_id: int
    sender: str
    recipient: str
    token: str
    amount: int
    hashlock: bytes | None


@dataclass(frozen=True)
class FoundLock:
    """A lock as read from a chain: its terms, the chain it is on and how deep it is."""

    chain_id: int
    terms: HtlcTerms
    confirmations: int


def initiator_timelock(chain_a_now_s: int, duration_s: int = INITIATOR_TIMELOCK_S) -> int:
    return chain_a_now_s + duration_s


def participant_timelock(initiator_timelock_s: int, chain_a_now_s: int, chain_b_now_s: int) -> int:
    """T_B: half of T_A's remaining time, from now on chain B."""
    return chain_b_now_s + max(initiator_timelock_s - chain_a_now_s, 0) // 2


def required_confirmations(chain_id: int, devnet: bool, overrides: Mapping[int, int] | None = None) -> int:
    if overrides and chain_id in overrides:
        return overrides[chain_id]
    if devnet:
        return DEVNET_CONFIRMATIONS
    return CONFIRMATIONS_BY_CHAIN_ID.get(chain_id, DEFAULT_CONFIRMATIONS)


def utxo_timelock_a(offer_expiry_s: int) -> int:
    return offer_expiry_s + INITIATOR_TIMELOCK_S


def utxo_timelock_b(initiator_timelock_s: int) -> int:
    return initiator_timelock_s - INITIATOR_TIMELOCK_S // 2


def utxo_confirmations(chain_number: int, coin: str, regtest: bool, overrides: Mapping[int, int] | None = None) -> int:
    if overrides and chain_number in overrides:
        return overrides[chain_number]
    if regtest:
        return DEVNET_CONFIRMATIONS
    return UTXO_CONFIRMATIONS.get(coin, UTXO_DEFAULT_CONFIRMATIONS)


def check_lock_terms(expected: ExpectedLock, found: FoundLock, chain_name: str) -> None:
    """The lock is on the right chain, from the right sender, pays us exactly what was offered, in the
    right token, under the right hashlock. Raises the first mismatch as a typed error."""
    terms = found.terms
    if found.chain_id != expected.chain_id:
        raise WrongChainLockError(found=found.chain_id, expected=expected.chain_id)
    if terms.sender.lower() != expected.sender.lower():
        raise SenderMismatchError(chain=chain_name, found=terms.sender, expected=expected.sender)
    if expected.hashlock is not None and terms.hashlock != expected.hashlock:
        raise HashlockMismatchError(chain=chain_name)
    if terms.token.lower() != expected.token.lower():
        raise TokenMismatchError(chain=chain_name, found=terms.token, expected=expected.token)
    if terms.amount != expected.amount:
        raise AmountMismatchError(chain=chain_name, found=terms.amount, expected=expected.amount)
    if terms.recipient.lower() != expected.recipient.lower():
        raise RecipientMismatchError(chain=chain_name, found=terms.recipient, expected=expected.recipient)


def audit_initiator_lock(expected: ExpectedLock, found: FoundLock, chain_name: str, chain_a_now_s: int) -> None:
    """The participant's audit of lock A: terms, then enough time left that T_B can be half of it and
    still leave ``SAFETY_MARGIN_S`` for claiming A and ``MIN_PARTICIPANT_WINDOW_S`` for the initiator."""
    check_lock_terms(expected, found, chain_name)
    remaining = found.terms.timelock - chain_a_now_s
    needed = 2 * max(SAFETY_MARGIN_S, MIN_PARTICIPANT_WINDOW_S)
    if remaining < needed:
        raise TimelockTooShortError(chain=chain_name, remaining_s=max(remaining, 0), needed_s=needed)


def audit_participant_lock(expected: ExpectedLock, found: FoundLock, chain_name: str, chain_b_now_s: int) -> None:
    """The initiator's audit of lock B: terms (hashlock included), and enough time left on chain B to
    claim it with ``CLAIM_MARGIN_S`` to spare."""
    check_lock_terms(expected, found, chain_name)
    remaining = found.terms.timelock - chain_b_now_s
    if remaining < CLAIM_MARGIN_S:
        raise TimelockTooShortError(chain=chain_name, remaining_s=max(remaining, 0), needed_s=CLAIM_MARGIN_S)


def participant_may_lock(initiator_timelock_s: int, chain_a_now_s: int, participant_timelock_s: int,
                         chain_b_now_s: int, margin_s: int = SAFETY_MARGIN_S) -> bool:
    """Whether lock B (its T_B already chosen) may still be sent now, late as it may be (a crash, a
    node down, a lock that kept failing): T_A must still lie ``margin_s`` (``SAFETY_MARGIN_S``, more
    when B is a UTXO chain) beyond T_B, and the initiator must keep ``MIN_PARTICIPANT_WINDOW_S`` to claim."""
    remaining_b = participant_timelock_s - chain_b_now_s
    return (initiator_timelock_s - chain_a_now_s >= remaining_b + margin_s
            and remaining_b >= MIN_PARTICIPANT_WINDOW_S)


def deep_enough(found: FoundLock, required: int) -> bool:
    return found.confirmations >= required


def initiator_may_claim(participant_timelock_s: int, chain_b_now_s: int) -> bool:
    """Whether the initiator's claim on B is safe: T_B far enough ahead that the claim (and the secret
    it reveals) cannot land after the participant may refund B."""
    return participant_timelock_s - chain_b_now_s >= CLAIM_MARGIN_S


def claim_window_open(timelock_s: int, chain_now_s: int) -> bool:
    """The contract accepts a claim only while block time < timelock."""
    return chain_now_s < timelock_s


def refund_allowed(timelock_s: int, chain_now_s: int) -> bool:
    """The contract accepts a refund once block time ≥ timelock; the next block's time is at least the
    latest's, so the latest block having reached it is enough (earlier, a refund reverts and burns gas)."""
    return chain_now_s >= timelock_s


def fee_reserve(fast_fee_per_gas: int) -> int:
    """Coin to hold on a chain for one later claim or refund at a pessimistic fee."""
    return PESSIMISTIC_HTLC_GAS * fast_fee_per_gas * PESSIMISTIC_FEE_FACTOR
