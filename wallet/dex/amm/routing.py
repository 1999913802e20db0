"""Choosing the trade from quoted numbers: the best single route net of gas, or a better two-route split.

Pure functions over ``RouteTable``s (what each route gives at each split step), as Uniswap's
auto-router does it: every route is quoted at every fraction of the amount (5 % steps by default),
and every pair of routes that share no pool is tried at every complementary pair of fractions. Gas
is counted in the token that the user compares (the output for exact input, the input for exact
output), priced through a pool between it and the wrapped coin; with no such pool it is left out of
the comparison but still reported in coin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from wallet.dex.amm.routes import Route
from wallet.dex.amm.swap_policy import maximum_in, minimum_out


@dataclass(frozen=True)
class RoutePoint:
    """One route at one amount."""

    amount_in: int
    amount_out: int
    gas_units: int


@dataclass(frozen=True)
class RouteTable:
    """A route's quotes at each specified amount (input for exact input, output for exact output)."""

    route: Route
    mid_price: Fraction  # output per input in raw units, from the pools' current prices, fees excluded
    points: dict[int, RoutePoint] = field(default_factory=dict)


@dataclass(frozen=True)
class Leg:
    route: Route
    amount_in: int
    amount_out: int
    gas_units: int
    mid_price: Fraction


@dataclass(frozen=True)
class Trade:
    """One route, or a split over two; everything a review screen shows about the price."""

    exact_output: bool
    legs: tuple[Leg, ...]
    gas_price_wei: int
    gas_to_quote_token: Fraction | None  # raw quote-token units per wei, None when no pool prices the coin

    @property
    def amount_in(self) -> int:
        return sum(leg.amount_in for leg in self.legs)

    @property
    def amount_out(self) -> int:
        return sum(leg.amount_out for leg in self.legs)

    @property
    def is_split(self) -> bool:
        return len(self.legs) > 1

    @property
    def gas_units(self) -> int:
        return sum(leg.gas_units for leg in self.legs)

    @property
    def gas_cost_wei(self) -> int:
        return self.gas_units * self.gas_price_wei

    @property
    def gas_cost_in_quote_token(self) -> int | None:
        """Gas in raw units of the output token (exact input) or of the input token (exact output)."""
        if self.gas_to_quote_token is None:
            return None
        return int(self.gas_cost_wei * self.gas_to_quote_token)

    @property
    def net_amount(self) -> int:
        """Output less gas (exact input), or input plus gas (exact output): what routes are ranked by."""
        gas = self.gas_cost_in_quote_token or 0
        return self.amount_in + gas if self.exact_output else self.amount_out - gas

    @property
    def fee_tiers(self) -> tuple[tuple[int, ...], ...]:
        return tuple(leg.route.fees for leg in self.legs)

    def execution_price(self, decimals_in: int, decimals_out: int) -> Decimal:
        """Whole output tokens per whole input token."""
        return (Decimal(self.amount_out).scaleb(-decimals_out) / Decimal(self.amount_in).scaleb(-decimals_in))

    @property
    def price_impact(self) -> Fraction:
        """1 - output / (what the input buys at the pools' mid prices), as Uniswap's SDK computes it
        (so it includes the pool fees)."""
        spot_out = sum((leg.mid_price * leg.amount_in for leg in self.legs), Fraction(0))
        return max(Fraction(0), (spot_out - self.amount_out) / spot_out) if spot_out else Fraction(0)

    def minimum_received(self, slippage_bps: int) -> int:
        """The least output to accept (exact input): ``swap_policy.minimum_out`` of the quote."""
        return minimum_out(self.amount_out, slippage_bps)

    def maximum_sold(self, slippage_bps: int) -> int:
        """The most input to spend (exact output): ``swap_policy.maximum_in`` of the quote."""
        return maximum_in(self.amount_in, slippage_bps)


def split_amounts(amount: int, steps: int) -> list[int]:
    """The amounts each route is quoted at: every ``1/steps`` fraction and its complement, and the whole."""
    parts = {amount}
    for j in range(1, steps):
        part = amount * j // steps
        parts |= {part, amount - part}
    return sorted(p for p in parts if p > 0)


def choose(tables: list[RouteTable], amount: int, steps: int, exact_output: bool, gas_price_wei: int,
           gas_to_quote_token: Fraction | None) -> tuple[Trade | None, list[Trade]]:
    """(the best trade, single or split, or None; every route that can take the whole amount, best first)."""

    def trade(*legs: tuple[RouteTable, RoutePoint]) -> Trade:
        return Trade(exact_output, tuple(Leg(t.route, p.amount_in, p.amount_out, p.gas_units, t.mid_price)
                                         for t, p in legs), gas_price_wei, gas_to_quote_token)

    gas_costs: dict[int, int] = {}

    def score(*points: RoutePoint) -> int:
        """``Trade.net_amount``, signed so that more is better; computed without building the trade
        (hundreds of candidate splits are scored per quote, with a few distinct gas totals)."""
        units = sum(p.gas_units for p in points)
        gas = gas_costs.get(units)
        if gas is None:
            gas = gas_costs[units] = int(units * gas_price_wei * gas_to_quote_token) if gas_to_quote_token else 0
        if exact_output:
            return -(sum(p.amount_in for p in points) + gas)
        return sum(p.amount_out for p in points) - gas

    singles = [trade((t, t.points[amount])) for t in tables if amount in t.points]
    singles.sort(key=lambda s: s.net_amount, reverse=not exact_output)
    best = singles[0] if singles else None
    best_score = score(*(leg_point(leg) for leg in best.legs)) if best else None
    best_split: tuple[tuple[RouteTable, RoutePoint], tuple[RouteTable, RoutePoint]] | None = None
    for i, first in enumerate(tables):
        for second in tables[i + 1:]:
            if {p.address for p in first.route.pools} & {p.address for p in second.route.pools}:
                continue  # legs through one pool move each other's price: their quotes would not add up
            for j in range(1, steps):
                part = amount * j // steps
                a, b = first.points.get(part), second.points.get(amount - part)
                if a is not None and b is not None:
                    candidate = score(a, b)
                    if best_score is None or candidate > best_score:
                        best_score, best_split = candidate, ((first, a), (second, b))
    return (trade(*best_split) if best_split else best), singles


def leg_point(leg: Leg) -> RoutePoint:
    return RoutePoint(leg.amount_in, leg.amount_out, leg.gas_units)
