"""Uniswap V2 pair math, exactly as ``UniswapV2Library`` computes it on chain (integer division)."""

from __future__ import annotations

from collections.abc import Sequence

FEE_NUMERATOR = 997  # the pair keeps 0.3 % of the input
FEE_DENOMINATOR = 1000


def get_amount_out(amount_in: int, reserve_in: int, reserve_out: int) -> int:
    """The output of one pair for ``amount_in``; 0 when the pair cannot trade (the library reverts)."""
    if amount_in <= 0 or reserve_in <= 0 or reserve_out <= 0:
        return 0
    amount_in_with_fee = amount_in * FEE_NUMERATOR
    return amount_in_with_fee * reserve_out // (reserve_in * FEE_DENOMINATOR + amount_in_with_fee)


def get_amount_in(amount_out: int, reserve_in: int, reserve_out: int) -> int | None:
    """The input one pair needs to give ``amount_out``; None when it holds too little (the library reverts)."""
    if amount_out <= 0 or reserve_in <= 0 or reserve_out <= 0 or amount_out >= reserve_out:
        return None
    return reserve_in * amount_out * FEE_DENOMINATOR // ((reserve_out - amount_out) * FEE_NUMERATOR) + 1


def amounts_out(amount_in: int, reserves: Sequence[tuple[int, int]]) -> int:
    """Output of a multi-hop V2 route; ``reserves`` are (reserve_in, reserve_out) per hop, in order."""
    amount = amount_in
    for reserve_in, reserve_out in reserves:
        amount = get_amount_out(amount, reserve_in, reserve_out)
    return amount


def amounts_in(amount_out: int, reserves: Sequence[tuple[int, int]]) -> int | None:
    """Input a multi-hop V2 route needs for ``amount_out`` (``getAmountsIn``: computed from the last hop back)."""
    amount: int | None = amount_out
    for reserve_in, reserve_out in reversed(reserves):
        if amount is None:
            return None
        amount = get_amount_in(amount, reserve_in, reserve_out)
    return amount
