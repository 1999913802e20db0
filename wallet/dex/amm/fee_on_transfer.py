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
from wallet.dex.amm.router_calls import Swap, SwapEncodingError, v2_router_call
from wallet.dex.amm.swap_reverts import FeeOnTransferRequiredError, SlippageExceededError, simulate_swap
from wallet.translatable import QT_TRANSLATE_NOOP


def v2_amounts_out(client: ChainClient, router: str, amount_in: int, path: tuple[str, ...],
                   block: str = "pending") -> list[int]:
    from eth_abi.abi import decode

    from wallet.chains.multicall import eth_call, function_call  # the ABI stack loads with the first swap

    data = function_call("getAmountsOut(uint256,address[])", ["uint256", "address[]"], [amount_in, list(path)])
    (amounts,) = decode(["uint256[]"], eth_call(client, router, data, block))
    return [int(a) for a in amounts]


def takes_fee_on_transfer(client: ChainClient, router: str, weth: str, sender: str, swap: Swap) -> bool:
    """Whether ``swap`` (one exact-input V2 route) crosses a fee-on-transfer token, by simulation.
    A revert for any other reason (allowance, balance, deadline) is raised as its typed error."""
    (leg,) = swap.legs
    if not isinstance(leg.path, tuple) or not swap.exact_input:
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "fee-on-transfer detection takes one exact-input V2 route"))
    expected = v2_amounts_out(client, router, leg.amount, leg.path)[-1]
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
