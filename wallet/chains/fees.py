"""Fee suggestions: EIP-1559 tiers from ``eth_feeHistory``, or a legacy gas price where 1559 is off."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient, RpcProtocolError, parse_quantity, quantity
from wallet.translatable import QT_TRANSLATE_NOOP

HISTORY_BLOCKS = 20
PERCENTILES = (10, 50, 90)
MIN_TIP_WEI = 100_000_000  # 0.1 gwei: an empty history (quiet chain) must not suggest a zero tip
BASE_FEE_HEADROOM = 2  # max fee = 2 × next base fee + tip: stays valid through ~6 full blocks of rises
LEGACY_MULTIPLIERS = {"slow": 1.0, "normal": 1.1, "fast": 1.25}


class FeeTier(StrEnum):
    SLOW = "slow"
    NORMAL = "normal"
    FAST = "fast"


@dataclass(frozen=True)
class Fee:
    """Either EIP-1559 (max fee and tip) or legacy (gas price): ``gas_price`` is None for 1559."""

    max_fee_per_gas: int
    max_priority_fee_per_gas: int
    gas_price: int | None = None

    @property
    def worst_case_per_gas(self) -> int:
        return self.gas_price if self.gas_price is not None else self.max_fee_per_gas

    def tx_fields(self) -> dict[str, int]:
        if self.gas_price is not None:
            return {"gasPrice": self.gas_price}
        return {"type": 2, "maxFeePerGas": self.max_fee_per_gas, "maxPriorityFeePerGas": self.max_priority_fee_per_gas}


@dataclass(frozen=True)
class FeeQuote:
    next_base_fee: int | None
    tiers: dict[FeeTier, Fee]


def suggest_fees(client: ChainClient, chain: Chain) -> FeeQuote:
    if not chain.eip1559:
        price = client.request("eth_gasPrice", parse=quantity("eth_gasPrice"))
        return FeeQuote(None, {tier: Fee(0, 0, int(price * LEGACY_MULTIPLIERS[tier])) for tier in FeeTier})
    # Parsed per node: a malformed history is that node's failure, and the next node is asked.
    return client.request("eth_feeHistory", [hex(HISTORY_BLOCKS), "latest", list(PERCENTILES)],
                          parse=_quote_from_history)


def _quote_from_history(history: Any, endpoint: str) -> FeeQuote:
    if not isinstance(history, dict) or not isinstance(history.get("baseFeePerGas"), list) \
            or not history["baseFeePerGas"]:
        raise RpcProtocolError(endpoint=endpoint, reason=QT_TRANSLATE_NOOP("WalletError", "malformed fee history"))
    next_base = parse_quantity(history["baseFeePerGas"][-1], "baseFeePerGas", endpoint)
    rewards = history.get("reward") or []
    if not isinstance(rewards, list) or not all(isinstance(r, list) and len(r) == len(PERCENTILES) for r in rewards):
        raise RpcProtocolError(endpoint=endpoint, reason=QT_TRANSLATE_NOOP("WalletError", "malformed fee history"))
    tiers = {}
    for index, tier in enumerate(FeeTier):
        samples = [parse_quantity(r[index], "reward", endpoint) for r in rewards]
        tip = max(int(statistics.median(samples)) if samples else 0, MIN_TIP_WEI)
        tiers[tier] = Fee(BASE_FEE_HEADROOM * next_base + tip, tip)
    return FeeQuote(next_base, tiers)


def bumped(old: Fee, suggested: Fee) -> Fee:
    """Fees for a replacement (speed-up or cancel): nodes demand at least +10 % on each price."""
    def up(value: int) -> int:
        return value + (value + 7) // 8  # +12.5 %, rounded up: clears the 10 % rule with margin

    if old.gas_price is not None:
        return Fee(0, 0, max(up(old.gas_price), suggested.gas_price or 0))
    return Fee(max(up(old.max_fee_per_gas), suggested.max_fee_per_gas),
               max(up(old.max_priority_fee_per_gas), suggested.max_priority_fee_per_gas))
