"""What can go wrong with a swap offer, a counterparty's lock or a swap in progress, as typed errors
the user reads (translated). Each refusal happens before anything is locked."""

from __future__ import annotations

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP


class OfferMalformedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This swap message cannot be read: {reason}.")


class OfferSignatureError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This swap message is not signed by {address}: it was altered or forged. Nothing was locked.")


class OfferExpiredError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This swap offer expired at {expiry} (chain time). Nothing was locked.")


class UnknownSwapChainError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This swap offer is for a network this wallet does not know (chain id {chain_id}).")


class AcceptanceMismatchError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This acceptance answers another offer than {offer_id}.")


NOT_A_SWAP_MESSAGE = QT_TRANSLATE_NOOP("WalletError", "it is not a swap offer or acceptance of this wallet")
BAD_ENCODING = QT_TRANSLATE_NOOP("WalletError", "it is damaged (not valid base64url)")
WRONG_LENGTH = QT_TRANSLATE_NOOP("WalletError", "it is truncated or has extra bytes")
BAD_FIELD = QT_TRANSLATE_NOOP("WalletError", "a field is out of range")
SAME_CHAIN = QT_TRANSLATE_NOOP("WalletError", "both legs are on the same chain")
ZERO_AMOUNT = QT_TRANSLATE_NOOP("WalletError", "an amount is zero")
TWO_UTXO_LEGS = QT_TRANSLATE_NOOP(
    "WalletError", "both legs are on Bitcoin-family chains, which this wallet cannot swap with each other yet")
UTXO_AMOUNT = QT_TRANSLATE_NOOP(
    "WalletError", "a Bitcoin-family leg's amount is too small to be claimed (below 0.0001) or more than the "
    "coin's whole supply")
UTXO_TOKEN = QT_TRANSLATE_NOOP("WalletError", "a Bitcoin-family leg names a token (it can only be the coin)")


class LockAuditError(WalletError):
    """The counterparty's lock is not what the offer says: the honest side does not lock (or claim)."""

    template = QT_TRANSLATE_NOOP("WalletError", "The counterparty's lock does not match the offer.")


class HashlockMismatchError(LockAuditError):
    template = QT_TRANSLATE_NOOP("WalletError", "The counterparty's lock on {chain} uses another hashlock.")


class AmountMismatchError(LockAuditError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The counterparty locked {found} on {chain}, not the {expected} offered (smallest units).")


class TokenMismatchError(LockAuditError):
    template = QT_TRANSLATE_NOOP("WalletError", "The counterparty locked token {found} on {chain}, not {expected}.")


class RecipientMismatchError(LockAuditError):
    template = QT_TRANSLATE_NOOP("WalletError", "The counterparty's lock on {chain} pays {found}, not {expected}.")


class SenderMismatchError(LockAuditError):
    template = QT_TRANSLATE_NOOP("WalletError", "The lock on {chain} was made by {found}, not by {expected}.")


class TimelockTooShortError(LockAuditError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The counterparty's lock on {chain} can be refunded in {remaining_s} s; at least {needed_s} s "
        "are needed to finish the swap safely.")


class WrongChainLockError(LockAuditError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The counterparty locked on chain {found}, not on chain {expected} as offered.")


class FeeReserveError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "{address} needs at least {needed} {symbol} on {chain} to pay for a later claim or refund "
        "(it holds {held}). Nothing was locked.")


class SwapNotFoundError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "There is no swap {swap_id} in this wallet.")


class SwapAccountMissingError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This wallet has no account {address} to sign for the swap.")


class SwapTxWouldFailError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError",
                                 "The swap's {action} on {chain} would fail: {reason}. Nothing was sent.")


class UnknownOfferError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This acceptance answers none of this wallet's offers.")
