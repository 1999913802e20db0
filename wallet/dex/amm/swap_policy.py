"""The trading rules a swap must pass before it is built: slippage, minimum out / maximum in,
deadline and price impact.

Tiers are those of Uniswap's interface: slippage above 5 % warns and above 50 % is refused; price
impact warns at 3 %, needs the user to type a confirmation at 10 % and is refused at 15 % unless
expert mode is on. The minimum out (or maximum in) comes from a quote taken right before signing.
The deadline counts from the latest block's timestamp, never from the local clock, so a computer
whose clock is wrong neither signs swaps that are already expired nor ones that never expire.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from wallet.chains.rpc import ChainClient, RpcProtocolError, optional_object, parse_quantity
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

BPS = 10_000
DEFAULT_SLIPPAGE_BPS = 50
SLIPPAGE_WARNING_BPS = 500
MAX_SLIPPAGE_BPS = 5_000
DEFAULT_DEADLINE_S = 20 * 60
MAX_DEADLINE_S = 3 * 24 * 60 * 60  # beyond that a "deadline" no longer protects anything
PRICE_IMPACT_WARNING_BPS = 300
PRICE_IMPACT_CONFIRM_BPS = 1_000
PRICE_IMPACT_REFUSED_BPS = 1_500
CONFIRMATION_WORD = "confirm"  # what Uniswap's interface asks the user to type


class SlippageError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "A slippage tolerance of {percent} % is not allowed: it must be above 0 and at most 50 %.")


class DeadlineSettingError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "A deadline of {minutes} minutes is not allowed: it must be between 1 minute and 3 days.")


class PriceImpactTooHighError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This swap moves the price by {percent} %, more than the 15 % allowed. Trade a smaller "
                       "amount, or turn on expert mode to accept it.")


class ConfirmationRequiredError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This swap moves the price by {percent} %. Type \u201c{word}\u201d to confirm that you "
                       "accept it.")


class Level(IntEnum):
    OK = 0
    WARNING = 1
    CONFIRM = 2  # typed confirmation needed


def _percent(bps: int) -> str:
    return f"{bps / 100:.2f}".rstrip("0").rstrip(".")


def slippage_level(slippage_bps: int) -> Level:
    """``WARNING`` above 5 %; a tolerance of 0 or above 50 % raises ``SlippageError``."""
    if not 0 < slippage_bps <= MAX_SLIPPAGE_BPS:
        raise SlippageError(percent=_percent(slippage_bps))
    return Level.WARNING if slippage_bps > SLIPPAGE_WARNING_BPS else Level.OK


def minimum_out(quoted_out: int, slippage_bps: int) -> int:
    """The least an exact-input swap may receive: the fresh quote less the tolerance (rounded down)."""
    slippage_level(slippage_bps)
    return quoted_out * (BPS - slippage_bps) // BPS


def maximum_in(quoted_in: int, slippage_bps: int) -> int:
    """The most an exact-output swap may pay: the fresh quote plus the tolerance (rounded up)."""
    slippage_level(slippage_bps)
    return -(-quoted_in * (BPS + slippage_bps) // BPS)


def price_impact_level(impact_bps: int, expert_mode: bool = False) -> Level:
    """Uniswap's tiers; above 15 % raises ``PriceImpactTooHighError`` unless ``expert_mode``."""
    if impact_bps >= PRICE_IMPACT_REFUSED_BPS and not expert_mode:
        raise PriceImpactTooHighError(percent=_percent(impact_bps))
    if impact_bps >= PRICE_IMPACT_CONFIRM_BPS:
        return Level.CONFIRM
    return Level.WARNING if impact_bps >= PRICE_IMPACT_WARNING_BPS else Level.OK


def check_price_impact(impact_bps: int, typed_confirmation: str = "", expert_mode: bool = False) -> Level:
    """``price_impact_level``, and for the confirmation tier the word the user typed."""
    level = price_impact_level(impact_bps, expert_mode)
    if level is Level.CONFIRM and typed_confirmation.strip().lower() != CONFIRMATION_WORD:
        raise ConfirmationRequiredError(percent=_percent(impact_bps), word=CONFIRMATION_WORD)
    return level


def deadline_after(block_timestamp: int, deadline_s: int = DEFAULT_DEADLINE_S) -> int:
    if not 60 <= deadline_s <= MAX_DEADLINE_S:
        raise DeadlineSettingError(minutes=f"{deadline_s / 60:g}")
    return block_timestamp + deadline_s


def latest_block_timestamp(client: ChainClient) -> int:
    """The latest block's timestamp; a node answering anything but a block with one is skipped."""
    return client.request("eth_getBlockByNumber", ["latest", False], parse=block_timestamp)


def block_timestamp(value: Any, endpoint: str) -> int:
    """The parser of a block's timestamp (``eth_getBlockByNumber``), checked against the node that sent it."""
    block = optional_object(value, endpoint)
    if block is None:
        raise RpcProtocolError(endpoint=endpoint, reason=QT_TRANSLATE_NOOP("WalletError", "malformed block"))
    return parse_quantity(block.get("timestamp"), "timestamp", endpoint)


def swap_deadline(client: ChainClient, deadline_s: int = DEFAULT_DEADLINE_S) -> int:
    """The deadline for a swap signed now: the latest block's timestamp plus ``deadline_s``."""
    return deadline_after(latest_block_timestamp(client), deadline_s)
