"""What can go wrong when quoting a swap, as the user reads it."""

from __future__ import annotations

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP


class SwapQuoteError(WalletError):
    """A quote could not be given."""


class SwapUnavailableError(SwapQuoteError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Swaps are not available on {chain}: it has no Uniswap deployment or no Multicall3")


class SameTokenError(SwapQuoteError):
    template = QT_TRANSLATE_NOOP("WalletError", "A token cannot be swapped for itself")


class SwapAmountError(SwapQuoteError):
    template = QT_TRANSLATE_NOOP("WalletError", "The amount to swap must be more than zero and less than 2^128")


class TokenNotFoundError(SwapQuoteError):
    template = QT_TRANSLATE_NOOP("WalletError", "There is no ERC-20 token at {address} on {chain}")


class NoRouteError(SwapQuoteError):
    template = QT_TRANSLATE_NOOP("WalletError", "No Uniswap pool connects these two tokens on {chain}")


class NoLiquidityError(SwapQuoteError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The Uniswap pools between these two tokens on {chain} hold too little for this amount")


class QuoteFailedError(SwapQuoteError):
    """The quoter could not answer (out of gas, an unexpected revert): not the same as "no liquidity".

    ``reason`` is a translatable fragment or the contract's own revert text."""

    template = QT_TRANSLATE_NOOP("WalletError", "Quoting the swap on {chain} failed: {reason}")


QUOTER_OUT_OF_GAS = QT_TRANSLATE_NOOP("WalletError", "the quoter ran out of gas, even alone in a call")
