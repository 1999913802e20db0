"""Which pools exist on a chain, from the factories' ``getPair``/``getPool``, cached per chain.

A pool, once created, never moves or disappears, so a found pool is kept for good; "no pool" is kept
for ``MISSING_TTL_S`` only, because anyone can create one. Token decimals ride in the same lookup:
an address that answers no ``decimals()`` is not a token the wallet can quote.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from eth_abi.abi import decode
from eth_abi.exceptions import DecodingError

from wallet.chains.address import to_checksum_address
from wallet.chains.multicall import Call, CallResult, function_call
from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient
from wallet.dex.amm.batch import run_batch
from wallet.dex.amm.errors import TokenNotFoundError
from wallet.dex.amm.routes import Pool, PoolKey, Protocol, Route, RouteShape

MISSING_TTL_S = 300.0
ZERO_ADDRESS = "0x" + "00" * 20
DECIMALS = function_call("decimals()")


class PoolDirectory:
    """The pools and token decimals of one chain, learnt from its factories and cached. Thread-safe."""

    def __init__(self, chain: Chain, clock: Callable[[], float] = time.monotonic) -> None:
        if chain.multicall3 is None:
            raise ValueError(f"{chain.name} has no Multicall3")
        self.chain = chain
        self.multicall: str = chain.multicall3
        self.clock = clock
        self.factory_lookups = 0  # getPair/getPool reads sent, for tests and diagnostics
        self._pools: dict[PoolKey, tuple[str | None, float]] = {}
        self._decimals: dict[str, int] = {}
        self._lock = threading.Lock()

    def routes(self, client: ChainClient, shapes: Iterable[RouteShape], tokens: Iterable[str],
               extra_keys: Iterable[PoolKey] = ()) -> list[Route]:
        """The ``shapes`` whose pools all exist; looks up (in one round trip) only what is not cached,
        ``extra_keys`` included (read them with ``pool`` afterwards).

        Raises ``TokenNotFoundError`` for a token without ``decimals()``.
        """
        shapes = list(shapes)
        keys = {key for shape in shapes for key in shape.pool_keys()} | set(extra_keys)
        self._learn(client, [k for k in keys if not self._known(k)], [t for t in tokens if self.decimals(t) is None])
        routes = []
        for shape in shapes:
            pools = [self.pool(key) for key in shape.pool_keys()]
            if all(pools):
                routes.append(Route(shape.protocol, shape.path, tuple(p for p in pools if p)))
        return routes

    def pool(self, key: PoolKey) -> Pool | None:
        with self._lock:
            address = self._pools.get(key, (None, 0.0))[0]
        return Pool(key, address) if address else None

    def decimals(self, token: str) -> int | None:
        with self._lock:
            return self._decimals.get(token.lower())

    def _known(self, key: PoolKey) -> bool:
        with self._lock:
            cached = self._pools.get(key)
        return cached is not None and (cached[0] is not None or self.clock() - cached[1] < MISSING_TTL_S)

    def _learn(self, client: ChainClient, keys: list[PoolKey], tokens: list[str]) -> None:
        if not keys and not tokens:
            return
        calls = [self._lookup_call(key) for key in keys] + [Call(token, DECIMALS) for token in tokens]
        results = run_batch(client, self.multicall, calls).results
        now = self.clock()
        found = {key: _address(result) for key, result in zip(keys, results[:len(keys)], strict=True)}
        decimals = {token.lower(): _decimals(result) for token, result in zip(tokens, results[len(keys):], strict=True)}
        with self._lock:
            self.factory_lookups += len(keys)
            self._pools.update((key, (address, now)) for key, address in found.items())
            self._decimals.update((token, value) for token, value in decimals.items() if value is not None)
        missing = next((t for t in tokens if decimals[t.lower()] is None), None)
        if missing is not None:
            raise TokenNotFoundError(address=to_checksum_address(missing), chain=self.chain.name)

    def _lookup_call(self, key: PoolKey) -> Call:
        if key.protocol is Protocol.V2:
            assert self.chain.uniswap_v2 is not None
            return Call(self.chain.uniswap_v2.factory,
                        function_call("getPair(address,address)", ["address", "address"], [key.token0, key.token1]))
        assert self.chain.uniswap_v3 is not None
        return Call(self.chain.uniswap_v3.factory,
                    function_call("getPool(address,address,uint24)", ["address", "address", "uint24"],
                                  [key.token0, key.token1, key.fee]))


def _address(result: CallResult) -> str | None:
    if not result.success:
        return None
    try:
        (address,) = decode(["address"], result.data)
    except (DecodingError, ValueError, OverflowError):
        return None
    return None if int(address, 16) == 0 else to_checksum_address(address)


def _decimals(result: CallResult) -> int | None:
    if not result.success:
        return None
    try:
        (value,) = decode(["uint8"], result.data)
    except (DecodingError, ValueError, OverflowError):
        return None
    return int(value)
