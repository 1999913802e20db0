"""What a router revert means, as a typed error that says which check failed and why.

The reasons are the routers' own ``require`` strings (UniswapV2Router02, v3-periphery's SwapRouter
and TransferHelper, swap-router-contracts' SwapRouter02, the V2 pair and library); ``multicall``
bubbles them up unchanged. Anything else keeps its raw reason in a generic error. A swap is
simulated with ``eth_call`` on the pending state before it is signed; a swap that was mined and
failed is replayed with ``eth_call`` at its own block to learn why.
"""

from __future__ import annotations

from typing import Any

from wallet.chains.address import keccak256
from wallet.chains.rpc import ChainClient, RpcRemoteError
from wallet.dex.amm.router_calls import RouterCall
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP


class SwapRevertError(WalletError):
    """A router refused a swap; ``reason`` is the contract's own words."""


class SwapExpiredError(SwapRevertError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The swap's deadline had passed when it reached the chain ({reason}). Nothing was swapped.")


class SlippageExceededError(SwapRevertError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The price moved beyond your slippage tolerance: the swap would have received less than "
                       "your minimum ({reason}). Nothing was swapped.")


class ExcessiveInputError(SwapRevertError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The price moved beyond your slippage tolerance: the swap would have cost more than your "
                       "maximum ({reason}). Nothing was swapped.")


class TransferFromFailedError(SwapRevertError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The router could not take the tokens to sell: the allowance or the balance is too low "
                       "({reason}). Nothing was swapped.")


class InsufficientLiquidityError(SwapRevertError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The pool holds too little liquidity for this swap ({reason}). Nothing was swapped.")


class FeeOnTransferRequiredError(SwapRevertError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This token takes a fee on every transfer, so the pool received less than the swap "
                       "assumed ({reason}). Nothing was swapped.")


class SwapRefusedError(SwapRevertError):
    template = QT_TRANSLATE_NOOP("WalletError", "The router refused the swap: {reason}. Nothing was swapped.")


_BY_REASON: dict[str, type[SwapRevertError]] = {
    "UniswapV2Router: EXPIRED": SwapExpiredError,
    "Transaction too old": SwapExpiredError,
    "UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT": SlippageExceededError,
    "Too little received": SlippageExceededError,
    "Insufficient WETH9": SlippageExceededError,  # the total of a split, checked when it is paid out
    "Insufficient token": SlippageExceededError,
    "UniswapV2Router: EXCESSIVE_INPUT_AMOUNT": ExcessiveInputError,
    "Too much requested": ExcessiveInputError,
    "STF": TransferFromFailedError,
    "TransferHelper: TRANSFER_FROM_FAILED": TransferFromFailedError,
    "TransferHelper::transferFrom: transferFrom failed": TransferFromFailedError,
    "UniswapV2Library: INSUFFICIENT_LIQUIDITY": InsufficientLiquidityError,
    "UniswapV2: INSUFFICIENT_LIQUIDITY": InsufficientLiquidityError,
    "UniswapV2: K": FeeOnTransferRequiredError,
}


ERROR_SELECTOR = keccak256(b"Error(string)")[:4]


def swap_revert_error(data: bytes | None) -> SwapRevertError:
    """The typed error for a router's revert data."""
    from wallet.chains.revert import revert_reason  # the ABI stack loads with the first swap, not the window

    reason = _lenient_error_string(data) or revert_reason(data)
    return _BY_REASON.get(reason, SwapRefusedError)(reason=reason)


def _lenient_error_string(data: bytes | None) -> str | None:
    """``Error(string)`` read without the strict padding check: UniswapV2Router02 (solc 0.6.6)
    leaves dirty bytes after the string in some reverts (``...SupportingFeeOnTransferTokens``)."""
    from eth_abi.abi import decode
    from eth_abi.exceptions import DecodingError

    from wallet.chains.revert import MAX_REASON_CHARS

    if not data or data[:4] != ERROR_SELECTOR:
        return None
    try:
        (message,) = decode(["string"], data[4:], strict=False)
    except (DecodingError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return "".join(c for c in str(message) if c.isprintable())[:MAX_REASON_CHARS] or None


def is_revert(error: RpcRemoteError) -> bool:
    """Whether a node's error to an ``eth_call`` is the contract reverting (revert data, or a message
    saying so) rather than the node refusing the call for its own reasons."""
    return error.data is not None or "revert" in str(error.params.get("message", "")).lower()


def call_params(sender: str, call: RouterCall) -> dict[str, Any]:
    return {"from": sender, "to": call.to, "value": hex(call.value), "data": "0x" + call.data.hex()}


def simulate_swap(client: ChainClient, sender: str, call: RouterCall, block: str = "pending") -> bytes:
    """``eth_call`` the exact swap; its return data, or the typed error of its revert."""
    from wallet.chains.multicall import decode_hex_data  # the ABI stack loads with the first swap

    try:
        return client.request("eth_call", [call_params(sender, call), block], parse=decode_hex_data)
    except RpcRemoteError as error:
        if not is_revert(error):
            raise  # the node failed, which says nothing about the swap
        raise swap_revert_error(error.data) from None


def mined_revert_error(client: ChainClient, sender: str, call: RouterCall, block_number: int) -> SwapRevertError:
    """Why a mined swap failed: replayed at its block, whose timestamp and state made it fail (the
    reverted transaction itself changed nothing)."""
    try:
        simulate_swap(client, sender, call, hex(block_number))
    except SwapRevertError as error:
        return error
    # The replay passed (the state moved on within the block): we cannot tell which check failed.
    return SwapRefusedError(reason=QT_TRANSLATE_NOOP("WalletError", "the swap reverted on chain"))
