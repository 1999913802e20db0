"""Candidate routes between two tokens, and the pools they go through.

The candidates, as Uniswap's interface considers them: the V2 pair, V2 through each base token, the
V3 pool at each fee tier, and V3 through each base at every pair of tiers. A route only counts once
every pool on it exists (``pools.PoolDirectory``); the rest are pruned before anything is quoted.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import product

from wallet.chains.registry import Chain
from wallet.dex.v2_pair import sort_tokens

V3_FEE_TIERS = (100, 500, 3000, 10000)  # hundredths of a basis point: 3000 = 0.3 %
V2_FEE = 3000


class Protocol(StrEnum):
    V2 = "v2"
    V3 = "v3"


@dataclass(frozen=True)
class PoolKey:
    """A pool as the factory knows it: ``getPair(token0, token1)`` or ``getPool(token0, token1, fee)``."""

    protocol: Protocol
    token0: str
    token1: str
    fee: int

    @classmethod
    def of(cls, protocol: Protocol, token_a: str, token_b: str, fee: int = V2_FEE) -> PoolKey:
        token0, token1 = sort_tokens(token_a, token_b)
        return cls(protocol, token0.lower(), token1.lower(), fee)


@dataclass(frozen=True)
class Pool:
    key: PoolKey
    address: str

    @property
    def protocol(self) -> Protocol:
        return self.key.protocol

    @property
    def fee(self) -> int:
        return self.key.fee


@dataclass(frozen=True)
class RouteShape:
    """A candidate route before its pools are known: the tokens in order and each hop's fee tier."""

    protocol: Protocol
    path: tuple[str, ...]  # lowercase addresses, token in first
    fees: tuple[int, ...]  # one per hop

    def pool_keys(self) -> tuple[PoolKey, ...]:
        return tuple(PoolKey.of(self.protocol, a, b, fee)
                     for a, b, fee in zip(self.path, self.path[1:], self.fees, strict=False))


@dataclass(frozen=True)
class Route:
    """A route whose pools all exist."""

    protocol: Protocol
    path: tuple[str, ...]
    pools: tuple[Pool, ...]

    @property
    def fees(self) -> tuple[int, ...]:
        return tuple(pool.fee for pool in self.pools)

    def v3_path(self, exact_output: bool = False) -> bytes:
        """QuoterV2's and SwapRouter's packed path: token, fee (3 bytes), token, …; reversed for exact output."""
        tokens = self.path[::-1] if exact_output else self.path
        fees = self.fees[::-1] if exact_output else self.fees
        packed = bytes.fromhex(tokens[0][2:])
        for fee, token in zip(fees, tokens[1:], strict=True):
            packed += fee.to_bytes(3, "big") + bytes.fromhex(token[2:])
        return packed

    def describe(self) -> str:
        """For logs and the benchmark: ``v3 0x12…→(500)→0x34…``."""
        hops = "".join(f"→({fee})→{token[:6]}" for fee, token in zip(self.fees, self.path[1:], strict=True))
        return f"{self.protocol} {self.path[0][:6]}{hops}"


def base_tokens(chain: Chain) -> tuple[str, ...]:
    """Intermediate tokens for two-hop routes: the wrapped coin, the USD token and the registry's bases."""
    bases = [chain.wrapped_native, chain.usd_token.address if chain.usd_token else None, *chain.route_bases]
    unique: dict[str, None] = {}
    for base in bases:
        if base:
            unique.setdefault(base.lower(), None)
    return tuple(unique)


def candidate_shapes(chain: Chain, token_in: str, token_out: str) -> list[RouteShape]:
    """Every candidate route between two tokens on ``chain``'s Uniswap deployments, unpruned."""
    token_in, token_out = token_in.lower(), token_out.lower()
    bases = [b for b in base_tokens(chain) if b not in (token_in, token_out)]
    shapes = []
    if chain.uniswap_v2 is not None:
        shapes.append(RouteShape(Protocol.V2, (token_in, token_out), (V2_FEE,)))
        shapes += [RouteShape(Protocol.V2, (token_in, base, token_out), (V2_FEE, V2_FEE)) for base in bases]
    if chain.uniswap_v3 is not None:
        shapes += [RouteShape(Protocol.V3, (token_in, token_out), (fee,)) for fee in V3_FEE_TIERS]
        shapes += [RouteShape(Protocol.V3, (token_in, base, token_out), fees)
                   for base in bases for fees in product(V3_FEE_TIERS, V3_FEE_TIERS)]
    return shapes
