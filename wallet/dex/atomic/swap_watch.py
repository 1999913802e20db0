"""Reading the swap contract's activity from a chain: logs in bounded block ranges, locks by
recipient or hashlock, and the secret wherever it shows.

Public nodes cap ``eth_getLogs`` at 1k–10k blocks, so every scan asks for at most
``LOG_RANGE_BLOCKS`` at a time. The secret is looked for in the ``Claimed`` event and also in the
calldata of claim transactions, pending (the pending block) or mined and reverted (a claim that came
too late reveals the secret just the same): a watcher that only read events could be robbed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from wallet.chains.rpc import ChainClient, RpcProtocolError, optional_object, parse_quantity, quantity
from wallet.dex.atomic.htlc_calls import CLAIM_SELECTOR, ClaimCall, decode_call
from wallet.dex.atomic.htlc_errors import HtlcDataError
from wallet.dex.atomic.htlc_events import CLAIMED_TOPIC, LOCKED_TOPIC, ClaimedEvent, LockedEvent, decode_log
from wallet.dex.atomic.htlc_terms import hashlock_of
from wallet.translatable import QT_TRANSLATE_NOOP

LOG_RANGE_BLOCKS = 1_000
TX_SCAN_BLOCKS_PER_POLL = 200  # blocks whose transactions are read per call (reverted claims)
NO_LATEST_BLOCK = QT_TRANSLATE_NOOP("WalletError", "it has no latest block")
LOGS_NOT_A_LIST = QT_TRANSLATE_NOOP("WalletError", "its logs are not a list")


@dataclass(frozen=True)
class ChainHead:
    number: int
    timestamp: int


@dataclass(frozen=True)
class FoundSecret:
    preimage: bytes
    source: str  # "event", "pending" or "calldata"


def head(client: ChainClient) -> ChainHead:
    """The latest block: its number, and its timestamp (the chain's "now")."""
    return client.request("eth_getBlockByNumber", ["latest", False], parse=_parse_head)


def _parse_head(value: Any, endpoint: str) -> ChainHead:
    # No latest block is the node's failure (the next node is asked): a swap never runs on a made-up "now".
    block = optional_object(value, endpoint)
    if block is None:
        raise RpcProtocolError(endpoint=endpoint, reason=NO_LATEST_BLOCK)
    return ChainHead(parse_quantity(block.get("number"), "number", endpoint),
                     parse_quantity(block.get("timestamp"), "timestamp", endpoint))


def block_ranges(first: int, last: int, size: int = LOG_RANGE_BLOCKS) -> Iterator[tuple[int, int]]:
    start = first
    while start <= last:
        end = min(start + size - 1, last)
        yield start, end
        start = end + 1


def get_logs(client: ChainClient, contract: str, topics: list[str | None], first: int, last: int) -> list[Any]:
    logs: list[Any] = []
    for start, end in block_ranges(first, last):
        logs.extend(client.request("eth_getLogs", [{"address": contract, "topics": topics, "fromBlock": hex(start),
                                                    "toBlock": hex(end)}], parse=_parse_logs))
    return logs


def _parse_logs(value: Any, endpoint: str) -> list[Any]:
    if not isinstance(value, list):
        raise RpcProtocolError(endpoint=endpoint, reason=LOGS_NOT_A_LIST)
    return value


def topic_of_address(address: str) -> str:
    return "0x" + "00" * 12 + address[2:].lower()


def find_locks(client: ChainClient, contract: str, first: int, last: int, *, recipient: str | None = None,
               hashlock: bytes | None = None) -> list[LockedEvent]:
    """``Locked`` events between two blocks, filtered by recipient and/or hashlock. A log that does not
    decode (or whose id does not match its terms) is skipped: a node may lie, the lock must not."""
    topics: list[str | None] = [
        "0x" + LOCKED_TOPIC.hex(), None, None if hashlock is None else "0x" + hashlock.hex(),
        None if recipient is None else topic_of_address(recipient)]
    events = []
    for log in get_logs(client, contract, topics, first, last):
        try:
            event = decode_log(log, client.chain.chain_id, contract)
        except HtlcDataError:
            continue
        if isinstance(event, LockedEvent):
            events.append(event)
    return events


class SecretSearch:
    """Looks for the secret of one lock, resuming where the last call stopped."""

    def __init__(self, client: ChainClient, contract: str, swap_id: bytes, hashlock: bytes, from_block: int) -> None:
        self._client, self._contract, self._swap_id, self._hashlock = client, contract, swap_id, hashlock
        self._logs_from = from_block
        self._txs_from = from_block

    def find(self) -> FoundSecret | None:
        latest = self._client.request("eth_blockNumber", parse=quantity("eth_blockNumber"))
        found = self._from_events(latest) or self._from_pending() or self._from_mined_calldata(latest)
        return found

    def _from_events(self, latest: int) -> FoundSecret | None:
        topics: list[str | None] = ["0x" + CLAIMED_TOPIC.hex(), "0x" + self._swap_id.hex()]
        logs = get_logs(self._client, self._contract, topics, self._logs_from, latest)
        self._logs_from = latest + 1 if latest >= self._logs_from else self._logs_from
        for log in logs:
            try:
                event = decode_log(log, self._client.chain.chain_id, self._contract)
            except HtlcDataError:
                continue
            if isinstance(event, ClaimedEvent) and event.hashlock == self._hashlock:
                return FoundSecret(event.preimage, "event")
        return None

    def _from_pending(self) -> FoundSecret | None:
        block = self._client.request("eth_getBlockByNumber", ["pending", True], parse=optional_object)
        return self._from_transactions(block, "pending") if block is not None else None

    def _from_mined_calldata(self, latest: int) -> FoundSecret | None:
        last = min(latest, self._txs_from + TX_SCAN_BLOCKS_PER_POLL - 1)
        for number in range(self._txs_from, last + 1):
            block = self._client.request("eth_getBlockByNumber", [hex(number), True], parse=optional_object)
            self._txs_from = number + 1
            found = self._from_transactions(block, "calldata") if block is not None else None
            if found is not None:
                return found
        return None

    def _from_transactions(self, block: dict[str, Any], source: str) -> FoundSecret | None:
        transactions = block.get("transactions")
        for tx in transactions if isinstance(transactions, list) else []:
            if not isinstance(tx, dict) or str(tx.get("to") or "").lower() != self._contract.lower():
                continue
            data = tx.get("input") or tx.get("data")
            if not isinstance(data, str) or not data.startswith("0x" + CLAIM_SELECTOR.hex()):
                continue
            try:
                call = decode_call(bytes.fromhex(data[2:]))
            except (HtlcDataError, ValueError):
                continue
            # Any claim of this lock, by anyone: the secret is the same, and it is checked against the hashlock.
            if isinstance(call, ClaimCall) and call.swap_id == self._swap_id and \
                    hashlock_of(call.preimage) == self._hashlock:
                return FoundSecret(call.preimage, source)
        return None
