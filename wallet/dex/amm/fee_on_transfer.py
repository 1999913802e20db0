"""Fee-on-transfer detection by simulation: the same V2 swap, plain and ``...Supporting...``.

``UniswapV2Router02``'s plain functions compute every hop's amounts up front. A token that takes a
fee on the way in leaves the pair short, so the plain swap reverts with ``UniswapV2: K``; a token
that takes a fee on the way out delivers less than computed, which only the ``...Supporting...``
variant notices (it measures the recipient's balance) when the minimum is the computed output. So
both are simulated from the user's account with that minimum: a ``K`` revert of the plain one, or
a slippage revert of the supporting one alone, means a fee is taken. The user must already hold the
tokens and have approved the router (the simulation moves them on paper).
"""

from __future__ import annotations

from dataclasses import replace

from wallet.chains.rpc import ChainClient
from wallet.dex.amm.router_calls import Swap, SwapEncodingError, SwapLeg, v2_router_call
from wallet.dex.amm.swap_reverts import FeeOnTransferRequiredError, SlippageExceededError, simulate_swap
from wallet.translatable import QT_TRANSLATE_NOOP


def v2_amounts_out(client: ChainClient, router: str, amount_in: int, path: tuple[str, ...],
                   block: str = "pending") -> list[int]:
    from eth_abi.abi import decode

    from wallet.chains.multicall import eth_call, function_call  # the ABI stack loads with the first swap

    data = function_call("getAmountsOut(uint256,address[])", ["uint256", "address[]"], [amount_in, list(path)])
    (amounts,) = decode(["uint256[]"], eth_call(client, router, data, block))
    return [int(a) for a in amounts]


def _v2_exact_input_leg(swap: Swap) -> tuple[SwapLeg, tuple[str, ...]]:
    leg = swap.legs[0] if len(swap.legs) == 1 else None
    if leg is None or not isinstance(leg.path, tuple) or not swap.exact_input:
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "fee-on-transfer detection takes one exact-input V2 route"))
    return leg, leg.path


def takes_fee_on_transfer(client: ChainClient, router: str, weth: str, sender: str, swap: Swap) -> bool:
    """Whether ``swap`` (one exact-input V2 route) crosses a fee-on-transfer token, by simulation.
    A revert for any other reason (allowance, balance, deadline) is raised as its typed error."""
    leg, path = _v2_exact_input_leg(swap)
    expected = v2_amounts_out(client, router, leg.amount, path)[-1]
    probe = replace(swap, legs=(replace(leg, limit=max(expected, 1)),))
    try:
        simulate_swap(client, sender, v2_router_call(router, weth, replace(probe, fee_on_transfer=False)))
    except FeeOnTransferRequiredError:
        return True  # the pair received less than was sent
    try:
        simulate_swap(client, sender, v2_router_call(router, weth, replace(probe, fee_on_transfer=True)))
    except SlippageExceededError:
        return True  # the recipient received less than the pair sent
    return False


def fee_on_transfer_amount_out(client: ChainClient, router: str, weth: str, sender: str, swap: Swap,
                               precision_bps: int = 1) -> int:
    """What ``swap`` (one exact-input V2 route through a fee-on-transfer token) really delivers, net
    of every fee on the way, found by simulation: the largest minimum the ``...Supporting...``
    function accepts, to within ``precision_bps`` (rounded down). The quote from reserves alone
    overstates it, so a minimum taken from that quote would always revert."""
    leg, path = _v2_exact_input_leg(swap)
    supporting = replace(swap, fee_on_transfer=True)

    def accepts(minimum: int) -> bool:
        try:
            simulate_swap(client, sender, v2_router_call(router, weth, replace(
                supporting, legs=(replace(leg, limit=minimum),))))
        except SlippageExceededError:
            return False
        return True

    low, high = 1, v2_amounts_out(client, router, leg.amount, path)[-1]
    if not accepts(low):  # raises the typed error of any other revert
        return 0
    step = max(1, high * precision_bps // 10_000)
    while high - low > step:  # invariant: low is accepted, anything above high is not
        middle = (low + high + 1) // 2
        if accepts(middle):
            low = middle
        else:
            high = middle - 1
    return low
