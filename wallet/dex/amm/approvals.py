"""ERC-20 approvals for the routers: exact by default, unlimited only when asked, revocable.

Two token families that users hit: USDT-style tokens revert when an allowance is changed from one
non-zero value to another (the approve race "fix"), so they get ``approve(0)`` first; and tokens
whose ``approve``/``transfer`` return nothing instead of ``true`` (USDT again, BNB), which count as
succeeded when they do not revert, as Uniswap's ``TransferHelper`` counts them. The approval
transactions must be mined before the swap is estimated or signed (an estimate against the old
allowance reverts): the caller waits for each receipt in turn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wallet.chains.address import keccak256
from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient, RpcRemoteError
from wallet.dex.amm.router_calls import RouterCall
from wallet.dex.amm.swap_reverts import is_revert
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

MAX_UINT256 = 2**256 - 1
APPROVE = "approve(address,uint256)"
ALLOWANCE = "allowance(address,address)"
TRUE_WORD = (1).to_bytes(32, "big")


class ApprovalRefusedError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The token {token} refuses to approve {spender} for this amount, even from zero.")


class NoMulticallError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "{chain} has no Multicall3 contract to read allowances with.")


@dataclass(frozen=True)
class Allowance:
    token: str
    spender: str
    amount: int | None  # None: the token did not answer (not an ERC-20, or it reverted)


def approve_call(token: str, spender: str, amount: int) -> RouterCall:
    return RouterCall(token, 0, keccak256(APPROVE.encode())[:4] + _words(spender) + amount.to_bytes(32, "big"))


def revoke_call(token: str, spender: str) -> RouterCall:
    return approve_call(token, spender, 0)


def router_spenders(chain: Chain) -> tuple[str, ...]:
    """Every router of the registry that can spend the user's tokens on ``chain``."""
    found = [chain.uniswap_v2.router] if chain.uniswap_v2 else []
    if chain.uniswap_v3:
        found += [chain.uniswap_v3.swap_router, chain.uniswap_v3.swap_router02 or ""]
    return tuple(dict.fromkeys(a for a in found if a))


def plan_approvals(current: int, needed: int, unlimited: bool, zero_first: bool) -> list[int]:
    """The ``approve`` amounts to send, in order: none when ``current`` covers ``needed``."""
    if current >= needed:
        return []
    amount = MAX_UINT256 if unlimited else needed
    return [0, amount] if current and zero_first else [amount]


def read_allowance(client: ChainClient, token: str, owner: str, spender: str, block: str = "pending") -> int:
    from eth_abi.abi import decode

    from wallet.chains.multicall import eth_call  # the ABI stack loads with the first swap, not the window

    (amount,) = decode(["uint256"], eth_call(client, token, keccak256(ALLOWANCE.encode())[:4] + _words(owner, spender),
                                             block))
    return int(amount)


def approve_would_succeed(client: ChainClient, token: str, owner: str, spender: str, amount: int) -> bool:
    """Simulate ``approve`` from ``owner``: no revert, and ``true`` or nothing returned."""
    from wallet.chains.multicall import decode_hex_data  # the ABI stack loads with the first swap

    data = approve_call(token, spender, amount).data
    try:
        returned = client.request("eth_call", [{"from": owner, "to": token, "data": "0x" + data.hex()}, "pending"],
                                  parse=decode_hex_data)
    except RpcRemoteError as error:
        if not is_revert(error):
            raise
        return False
    return not returned or returned == TRUE_WORD


def approval_calls(client: ChainClient, token: str, owner: str, spender: str, needed: int,
                   unlimited: bool = False) -> list[RouterCall]:
    """The approvals to sign (in order, each mined before the next) so ``spender`` may take ``needed``."""
    current = read_allowance(client, token, owner, spender)
    if current >= needed:
        return []
    amount = MAX_UINT256 if unlimited else needed
    if approve_would_succeed(client, token, owner, spender, amount):
        zero_first = False
    elif current and approve_would_succeed(client, token, owner, spender, 0):
        zero_first = True  # USDT-style: a non-zero allowance can only go to zero first
    else:
        raise ApprovalRefusedError(token=token, spender=spender)
    return [approve_call(token, spender, value) for value in plan_approvals(current, needed, unlimited, zero_first)]


def read_allowances(client: ChainClient, chain: Chain, owner: str, tokens: Iterable[str],
                    spenders: Sequence[str] | None = None, block: str = "latest") -> list[Allowance]:
    """``owner``'s allowance of every token to every router, in one ``aggregate3`` round trip."""
    from eth_abi.abi import decode
    from eth_abi.exceptions import DecodingError

    from wallet.chains.multicall import Call, aggregate3

    if chain.multicall3 is None:
        raise NoMulticallError(chain=chain.name)
    spenders = router_spenders(chain) if spenders is None else tuple(spenders)
    pairs = [(token, spender) for token in tokens for spender in spenders]
    selector = keccak256(ALLOWANCE.encode())[:4]
    calls = [Call(token, selector + _words(owner, spender)) for token, spender in pairs]
    results = aggregate3(client, chain.multicall3, calls, block)
    out = []
    for (token, spender), result in zip(pairs, results, strict=True):
        amount: int | None = None
        if result.success and len(result.data) == 32:
            try:
                amount = int(decode(["uint256"], result.data)[0])
            except (DecodingError, ValueError):
                amount = None
        out.append(Allowance(token, spender, amount))
    return out


def _words(*addresses: str) -> bytes:
    return b"".join(bytes(12) + bytes.fromhex(a.removeprefix("0x")) for a in addresses)
