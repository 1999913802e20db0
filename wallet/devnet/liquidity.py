"""Pure math for seeding Uniswap pools: V3 prices as sqrtPriceX96 and full-range ticks."""

from __future__ import annotations

from math import isqrt

MAX_TICK = 887272
TICK_SPACING_BY_FEE = {100: 1, 500: 10, 3000: 60, 10000: 200}


def sqrt_price_x96(amount0: int, amount1: int) -> int:
    """sqrt(amount1 / amount0) in Q64.96: the pool price that matches a deposit of these raw amounts."""
    if amount0 <= 0 or amount1 <= 0:
        raise ValueError("both amounts must be positive")
    return isqrt((amount1 << 192) // amount0)


def full_range_ticks(fee: int) -> tuple[int, int]:
    """The widest (lower, upper) ticks allowed at ``fee``'s tick spacing.

    The upper bound is rounded towards zero and mirrored: flooring ``-MAX_TICK`` instead would land
    below the minimum tick and the mint reverts with "T".
    """
    spacing = TICK_SPACING_BY_FEE[fee]
    upper = MAX_TICK // spacing * spacing
    return -upper, upper
