"""Finds what moved to and from our addresses on one chain, for History: token transfers from ERC-20
``Transfer`` logs, and coin payments from the playground's blocks or an Etherscan-compatible
explorer API. Blocking: run it off the GUI thread.

**Token transfers.** ``eth_getLogs`` with the ``Transfer(address,address,uint256)`` topic and our
addresses (left-padded to 32 bytes) as the second topic (sent) or the third (received), any token
contract, in ranges of at most ``LOG_RANGE_BLOCKS``; a node that refuses a range (too many results,
range too wide) is asked half of it, down to one block. Each range is stored with the scan position
in the same pass, so an interrupted scan resumes where it stopped (``history_sync`` table, per chain
identity, address and source). Symbols and decimals come from the tracked token list; a transfer
of any other token is kept with ``symbol`` None (History hides those by default: anyone can emit a
``Transfer`` naming us, which is how address-poisoning spam works). Zero-amount transfers moved
nothing and are not kept.

**Coins.** On the playground, blocks are read with their transactions (JSON-RPC batches) and a
transaction from or to us with a value is kept when its receipt says it succeeded. On a chain with
an explorer API (``Chain.explorer_api_url``, Etherscan's v2 API by default) and a key in Settings,
``txlist`` and ``txlistinternal`` are asked. Otherwise coins received are not found (reading every
block of a public chain is not practical); the wallet's own sends are in History all the same.

**Bounds.** On the playground every scan starts at block 0. On other chains the first log scan
starts ``PUBLIC_SCAN_WINDOW_BLOCKS`` before the head (without an explorer there is no index to ask
from genesis); ``SyncResult.tokens_from`` says from which block, and History says so. The explorer
is asked from block 0.

**Reorganisations.** The last ``REORG_MARGIN_BLOCKS`` blocks are read again on every pass, and what
a range held before is replaced by what the chain says now. A chain whose head went below a scan's
position (an ``evm_revert``, a playground reset within the same second) is read again from there.

**Hostile answers.** Every field of every log, block, transaction and receipt is checked for type,
hex form and size inside the RPC client's failover (a malformed answer is that node's failure,
``RpcProtocolError``, and the next node is asked). What any contract can legally emit is not a
node's fault and is skipped instead: a ``Transfer`` with four topics (ERC-721) or data that is not
one 32-byte word, or a counterparty topic that is not a padded address.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from wallet.chains.address import to_checksum_address
from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.rpc import (
    ChainClient,
    JsonRpcEndpoint,
    RpcProtocolError,
    RpcRemoteError,
    parse_quantity,
)
from wallet.errors import WalletError
from wallet.store.transfers import (
    COIN_TRANSFER,
    KIND_COIN,
    KIND_INTERNAL,
    KIND_TOKEN,
    Transfer,
    TransferStore,
)
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.untrusted_text import printable

TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
LOG_RANGE_BLOCKS = 2_000
# Without an explorer, a first scan of a public chain reads this many blocks back (about two weeks
# on Ethereum, a few days on BNB Chain): from genesis would be tens of thousands of requests.
PUBLIC_SCAN_WINDOW_BLOCKS = 100_000
REORG_MARGIN_BLOCKS = 12
BLOCKS_PER_BATCH = 50  # full blocks per JSON-RPC batch on the playground
MAX_ADDRESSES_PER_FILTER = 50  # topic OR-lists longer than this are refused by some providers
EXPLORER_PAGE_SIZE = 1_000
EXPLORER_MAX_PAGES = 100  # 100,000 transactions per pass and source; the next pass continues
EXPLORER_TIMEOUT_S = 15.0
EXPLORER_MAX_BYTES = 16 * 1024 * 1024
# Etherscan's free plan allows 3 calls a second and 100,000 a day: calls are spaced, and a chain's
# explorer is asked at most once a minute (not on every block).
EXPLORER_CALL_SPACING_S = 0.34
EXPLORER_PASS_INTERVAL_S = 60.0
_explorer_passes: dict[tuple[int, str], float] = {}  # (chain id, genesis) → monotonic time of the last pass
_explorer_lock = threading.Lock()

SOURCE_LOGS = "erc20-logs"
SOURCE_BLOCKS = "coin-blocks"
SOURCE_EXPLORER = "coin-explorer"
SOURCE_EXPLORER_INTERNAL = "coin-explorer-internal"
_FROM_SUFFIX = ":from"  # the first block a source's scan read, kept as a position of its own

_HASH_RE = re.compile(r"^0x[0-9a-fA-F]{64}\Z")
_ADDRESS_RE = re.compile(r"^0x[0-9a-fA-F]{40}\Z")
_DATA_RE = re.compile(r"^0x(?:[0-9a-fA-F]{2})*\Z")
_DECIMAL_RE = re.compile(r"^[0-9]{1,78}\Z")


class HistorySyncCancelled(Exception):  # noqa: N818 - a normal outcome, not an error
    """The scan was cancelled; what it read so far is stored, and the next scan continues there."""


class ExplorerError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The explorer API at {endpoint} refused the request: {message}")


class ExplorerReplyError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The explorer API at {endpoint} sent an invalid reply: {reason}")


@dataclass(frozen=True)
class SyncResult:
    chain: Chain
    genesis: str
    head: int
    new_transfers: int
    tokens_from: int | None  # the first block the token scan read (None: no address to scan)
    coin_source: str | None  # SOURCE_BLOCKS, SOURCE_EXPLORER, or None: coins received are not found
    coin_from: int | None


Progress = Callable[[int, int], None]
"""``(blocks read, blocks to read)`` as a scan goes."""


def sync_history(client: ChainClient, store: TransferStore, genesis: str, addresses: Sequence[str],
                 tokens: Sequence[TokenInfo], *, explorer_api_key: str | None = None,
                 progress: Progress | None = None, cancel: threading.Event | None = None,
                 window_blocks: int = PUBLIC_SCAN_WINDOW_BLOCKS) -> SyncResult:
    """One pass for ``addresses`` on the client's chain (identified by ``genesis``). Blocking."""
    chain = client.chain
    ours = sorted({to_checksum_address(a) for a in addresses})
    head = client.block_number()
    scan = _Scan(client, store, genesis, ours, head, progress, cancel)
    if not ours:
        return SyncResult(chain, genesis, head, 0, None, None, None)
    default_start = 0 if chain.devnet else max(0, head - window_blocks)
    known = {t.address.lower(): t for t in tokens}
    tokens_from = scan.run(SOURCE_LOGS, default_start, lambda a, b: _token_transfers(scan, a, b, known), KIND_TOKEN)
    coin_source: str | None = None
    coin_from: int | None = None
    if chain.devnet:
        coin_source = SOURCE_BLOCKS
        coin_from = scan.run(SOURCE_BLOCKS, 0, lambda a, b: _block_coin_transfers(scan, a, b), KIND_COIN)
    elif chain.explorer_api_url and explorer_api_key:
        coin_source, coin_from = SOURCE_EXPLORER, 0
        if _explorer_due(chain.chain_id, genesis):
            try:
                _explorer_scan(scan, ExplorerApi(chain.explorer_api_url, explorer_api_key))
            except BaseException:
                with _explorer_lock:  # a failed pass is tried again on the next sync
                    _explorer_passes.pop((chain.chain_id, genesis), None)
                raise
    return SyncResult(chain, genesis, head, scan.new, tokens_from, coin_source, coin_from)


def _explorer_due(chain_id: int, genesis: str) -> bool:
    now = time.monotonic()
    with _explorer_lock:
        last = _explorer_passes.get((chain_id, genesis))
        if last is not None and now - last < EXPLORER_PASS_INTERVAL_S:
            return False
        _explorer_passes[(chain_id, genesis)] = now
        return True


class _Scan:
    def __init__(self, client: ChainClient, store: TransferStore, genesis: str, ours: list[str], head: int,
                 progress: Progress | None, cancel: threading.Event | None) -> None:
        self.client, self.store, self.genesis, self.ours, self.head = client, store, genesis, ours, head
        self.ours_lower = {a.lower() for a in ours}
        self.chain_id = client.chain.chain_id
        self.progress, self.cancel = progress, cancel
        self.new = 0

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise HistorySyncCancelled()

    def position(self, address: str, source: str) -> int | None:
        return self.store.next_block(self.chain_id, self.genesis, address, source)

    def start_of(self, source: str, default_start: int) -> int:
        """The first block this source's scan read (recorded on the first scan)."""
        starts = [self.position(a, source + _FROM_SUFFIX) for a in self.ours]
        known = [s for s in starts if s is not None]
        for address, start in zip(self.ours, starts, strict=True):
            if start is None:
                self.store.set_next_block(self.chain_id, self.genesis, address, source + _FROM_SUFFIX, default_start)
        return min([*known, default_start]) if any(s is None for s in starts) else min(known)

    def run(self, source: str, default_start: int, read: Callable[[int, int], list[Transfer]], kind: str) -> int:
        """Reads ``source`` from where each address stopped (less the reorg margin) to the head, in
        ranges; each range's transfers and the new positions are stored before the next range."""
        scan_from = self.start_of(source, default_start)
        positions = {a: self.position(a, source) for a in self.ours}
        firsts = []
        for address, position in positions.items():
            first = scan_from if position is None else max(scan_from, position - REORG_MARGIN_BLOCKS)
            if position is not None and position > self.head + 1:  # the chain went back (a revert, a reset)
                first = max(0, min(first, self.head + 1 - REORG_MARGIN_BLOCKS))
                self.store.replace_range(self.chain_id, self.genesis, [address], kind, self.head + 1, None, [])
                positions[address] = first
            firsts.append(first)
        start = min(firsts)
        total = max(0, self.head + 1 - start)
        block = start
        step = LOG_RANGE_BLOCKS if kind == KIND_TOKEN else BLOCKS_PER_BATCH * 4
        while block <= self.head:
            self.check_cancel()
            last = min(self.head, block + step - 1)
            found = read(block, last)
            self.new += self.store.replace_range(self.chain_id, self.genesis, self.ours, kind, block, last, found)
            for address in self.ours:
                if (positions[address] or 0) <= last + 1:
                    self.store.set_next_block(self.chain_id, self.genesis, address, source, last + 1)
            if self.progress is not None:
                self.progress(last + 1 - start, total)
            block = last + 1
        return scan_from


# --- token transfers ------------------------------------------------------------------------

def _token_transfers(scan: _Scan, first: int, last: int, known: dict[str, TokenInfo]) -> list[Transfer]:
    found: dict[tuple[str, int], Transfer] = {}
    for chunk_start in range(0, len(scan.ours), MAX_ADDRESSES_PER_FILTER):
        chunk = scan.ours[chunk_start:chunk_start + MAX_ADDRESSES_PER_FILTER]
        padded = ["0x" + "00" * 12 + a[2:].lower() for a in chunk]
        for log in _logs(scan, first, last, padded):
            transfer = _transfer_of(log, scan, known)
            if transfer is not None:
                found[(transfer.tx_hash, transfer.log_index)] = transfer
    transfers = list(found.values())
    times = _block_times(scan, sorted({t.block_number for t in transfers}))
    return [_with_time(t, times.get(t.block_number)) for t in transfers]


@dataclass(frozen=True)
class _Log:
    contract: str
    topics: tuple[str, ...]
    data: str
    block_number: int
    tx_hash: str
    log_index: int


def _logs(scan: _Scan, first: int, last: int, padded: list[str]) -> list[_Log]:
    """Sent and received Transfer logs in ``first``..``last`` (one batch of two filters); a range the
    node refuses is asked in halves."""
    filters = [{"fromBlock": hex(first), "toBlock": hex(last), "topics": [TRANSFER_TOPIC, padded]},
               {"fromBlock": hex(first), "toBlock": hex(last), "topics": [TRANSFER_TOPIC, None, padded]}]
    try:
        sent, received = scan.client.request_batch([("eth_getLogs", [f]) for f in filters],
                                                   parse=_log_list_parser(first, last, padded))
    except RpcRemoteError:
        if first == last:
            raise
        scan.check_cancel()
        middle = (first + last) // 2
        return _logs(scan, first, middle, padded) + _logs(scan, middle + 1, last, padded)
    return [*sent, *received]


def _log_list_parser(first: int, last: int, padded: list[str]) -> Callable[[Any, str], list[_Log]]:
    ours = set(padded)

    def parse(value: Any, endpoint: str) -> list[_Log]:
        if not isinstance(value, list):
            raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "a list of logs was expected"))
        logs = [_parse_log(entry, endpoint) for entry in value]
        for log in logs:
            # A log the filter cannot have matched is invented, not merely odd.
            if not first <= log.block_number <= last or log.topics[:1] != (TRANSFER_TOPIC,) \
                    or not ours & set(log.topics[1:3]):
                raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "a log that does not match the filter"))
        return logs
    return parse


def _parse_log(entry: Any, endpoint: str) -> _Log:
    if not isinstance(entry, dict):
        raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "a log is not an object"))
    topics = entry.get("topics")
    if entry.get("removed") is True or not isinstance(topics, list) or not 1 <= len(topics) <= 4 \
            or not all(isinstance(t, str) and _HASH_RE.match(t) for t in topics):
        raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "a log has malformed topics"))
    contract, data, tx_hash = entry.get("address"), entry.get("data"), entry.get("transactionHash")
    if not isinstance(contract, str) or not _ADDRESS_RE.match(contract) or not isinstance(data, str) \
            or len(data) > 2 + 2 * 64 * 1024 or not _DATA_RE.match(data) \
            or not isinstance(tx_hash, str) or not _HASH_RE.match(tx_hash):
        raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "a log has a malformed address, data or hash"))
    return _Log(contract.lower(), tuple(t.lower() for t in topics), data.lower(),
                parse_quantity(entry.get("blockNumber"), "blockNumber", endpoint), tx_hash.lower(),
                parse_quantity(entry.get("logIndex"), "logIndex", endpoint))


def _transfer_of(log: _Log, scan: _Scan, known: dict[str, TokenInfo]) -> Transfer | None:
    """The ERC-20 transfer a well-formed log says, or None for what a contract may emit that is not
    one (ERC-721's four topics, data that is not one word, a topic that is not a padded address)."""
    if len(log.topics) != 3 or len(log.data) != 2 + 64:
        return None
    sender, recipient = _topic_address(log.topics[1]), _topic_address(log.topics[2])
    amount = int(log.data, 16)
    if sender is None or recipient is None or amount == 0:
        return None
    token = known.get(log.contract)
    return Transfer(scan.chain_id, scan.genesis, log.tx_hash, log.log_index, log.block_number, None,
                    sender, recipient, to_checksum_address(log.contract),
                    token.symbol if token else None, token.decimals if token else None, amount)


def _topic_address(topic: str) -> str | None:
    return to_checksum_address("0x" + topic[26:]) if topic[2:26] == "0" * 24 else None


def _block_times(scan: _Scan, numbers: list[int]) -> dict[int, int]:
    """Block number → timestamp, asked in batches (headers only)."""
    times: dict[int, int] = {}
    for start in range(0, len(numbers), BLOCKS_PER_BATCH * 2):
        chunk = numbers[start:start + BLOCKS_PER_BATCH * 2]
        headers = scan.client.request_batch([("eth_getBlockByNumber", [hex(n), False]) for n in chunk],
                                            parse=[_header_parser(n) for n in chunk])
        times.update(zip(chunk, headers, strict=True))
    return times


def _header_parser(number: int) -> Callable[[Any, str], int]:
    def parse(value: Any, endpoint: str) -> int:
        if not isinstance(value, dict) or parse_quantity(value.get("number"), "number", endpoint) != number:
            raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "not the block that was asked for"))
        return _block_time(value, endpoint)
    return parse


# Later than any block can be (year 2514): a node's made-up time must not break dates on screen,
# the CSV or SQLite's 64-bit integers.
MAX_BLOCK_TIME = 2**34


def _block_time(block: dict[str, Any], endpoint: str) -> int:
    timestamp = parse_quantity(block.get("timestamp"), "timestamp", endpoint)
    if timestamp > MAX_BLOCK_TIME:
        raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "a block has an impossible time"))
    return timestamp


def _with_time(transfer: Transfer, timestamp: int | None) -> Transfer:
    return Transfer(transfer.chain_id, transfer.genesis_hash, transfer.tx_hash, transfer.log_index,
                    transfer.block_number, timestamp, transfer.sender, transfer.recipient, transfer.token,
                    transfer.symbol, transfer.decimals, transfer.amount)


# --- coins from the playground's blocks -----------------------------------------------------

@dataclass(frozen=True)
class _CoinTx:
    tx_hash: str
    sender: str
    recipient: str
    value: int
    block_number: int
    timestamp: int


def _block_coin_transfers(scan: _Scan, first: int, last: int) -> list[Transfer]:
    candidates: list[_CoinTx] = []
    for start in range(first, last + 1, BLOCKS_PER_BATCH):
        numbers = list(range(start, min(last, start + BLOCKS_PER_BATCH - 1) + 1))
        blocks = scan.client.request_batch([("eth_getBlockByNumber", [hex(n), True]) for n in numbers],
                                           parse=[_full_block_parser(n) for n in numbers])
        for transactions in blocks:
            candidates += [t for t in transactions
                           if t.value > 0 and (t.sender.lower() in scan.ours_lower
                                               or t.recipient.lower() in scan.ours_lower)]
        scan.check_cancel()
    if not candidates:
        return []
    succeeded = scan.client.request_batch([("eth_getTransactionReceipt", [t.tx_hash]) for t in candidates],
                                          parse=[_receipt_ok_parser(t) for t in candidates])
    return [Transfer(scan.chain_id, scan.genesis, t.tx_hash, COIN_TRANSFER, t.block_number, t.timestamp,
                     t.sender, t.recipient, None, None, None, t.value)
            for t, ok in zip(candidates, succeeded, strict=True) if ok]


def _full_block_parser(number: int) -> Callable[[Any, str], list[_CoinTx]]:
    def parse(value: Any, endpoint: str) -> list[_CoinTx]:
        if not isinstance(value, dict) or parse_quantity(value.get("number"), "number", endpoint) != number:
            raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "not the block that was asked for"))
        timestamp = _block_time(value, endpoint)
        transactions = value.get("transactions")
        if not isinstance(transactions, list):
            raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "a block without its transactions"))
        found = []
        for tx in transactions:
            if not isinstance(tx, dict):
                raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "a transaction is not an object"))
            tx_hash, sender, recipient = tx.get("hash"), tx.get("from"), tx.get("to")
            if not isinstance(tx_hash, str) or not _HASH_RE.match(tx_hash) or not isinstance(sender, str) \
                    or not _ADDRESS_RE.match(sender) \
                    or not (recipient is None or (isinstance(recipient, str) and _ADDRESS_RE.match(recipient))):
                raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "a transaction has a malformed field"))
            value_wei = parse_quantity(tx.get("value"), "value", endpoint)
            if recipient is not None:  # a contract creation pays the new contract, never one of us
                found.append(_CoinTx(tx_hash.lower(), to_checksum_address(sender), to_checksum_address(recipient),
                                     value_wei, number, timestamp))
        return found
    return parse


def _receipt_ok_parser(tx: _CoinTx) -> Callable[[Any, str], bool]:
    def parse(value: Any, endpoint: str) -> bool:
        if not isinstance(value, dict) or not isinstance(value.get("transactionHash"), str) \
                or value["transactionHash"].lower() != tx.tx_hash \
                or parse_quantity(value.get("blockNumber"), "blockNumber", endpoint) != tx.block_number:
            raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "not the receipt that was asked for"))
        return parse_quantity(value.get("status"), "status", endpoint) == 1
    return parse


# --- coins from an explorer API -------------------------------------------------------------

class ExplorerApi:
    """An Etherscan-compatible ``api`` URL (``https://api.etherscan.io/v2/api?chainid=1``) and key.

    Asked over the RPC client's own HTTP exchange (one deadline for the whole exchange, a size cap,
    JSON depth-checked), as a GET; the key is in the query, and every message names the host only."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self.base_url = base_url
        self._api_key = api_key
        self._last_call = 0.0

    def __repr__(self) -> str:  # never the key
        return f"ExplorerApi({urllib.parse.urlparse(self.base_url).hostname})"

    def call(self, params: dict[str, str]) -> Any:
        wait = self._last_call + EXPLORER_CALL_SPACING_S - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_call = time.monotonic()
        separator = "&" if urllib.parse.urlparse(self.base_url).query else "?"
        url = self.base_url + separator + urllib.parse.urlencode({**params, "apikey": self._api_key})
        endpoint = _GetEndpoint(url)
        try:
            reply = endpoint.get()
        except RpcProtocolError as error:
            raise ExplorerReplyError(endpoint=endpoint.label, reason=error.params.get("reason", "")) from None
        if not isinstance(reply, dict) or not isinstance(reply.get("status"), str):
            raise ExplorerReplyError(endpoint=endpoint.label,
                                     reason=QT_TRANSLATE_NOOP("WalletError", "an object with a status was expected"))
        result, message = reply.get("result"), reply.get("message")
        if reply["status"] == "1" and isinstance(result, list):
            return result
        if reply["status"] == "0" and isinstance(message, str) and message.startswith("No transactions found"):
            return []
        text = result if isinstance(result, str) else message if isinstance(message, str) else ""
        raise ExplorerError(endpoint=endpoint.label, message=printable(text)[:200])


class _GetEndpoint(JsonRpcEndpoint):
    """The RPC client's bounded HTTP exchange, as a GET of a JSON document."""

    def __init__(self, url: str) -> None:
        super().__init__(url, timeout_s=EXPLORER_TIMEOUT_S, max_response_bytes=EXPLORER_MAX_BYTES,
                         first_byte_timeout_s=EXPLORER_TIMEOUT_S)
        parsed = urllib.parse.urlparse(url)
        target = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")
        self._head = (f"GET {target} HTTP/1.1\r\nHost: {parsed.netloc.rpartition('@')[2]}\r\n"
                      "Accept: application/json\r\nAccept-Encoding: identity\r\n"
                      "User-Agent: DeskWallet\r\nConnection: close\r\nContent-Length: ")

    def get(self) -> Any:
        self.requests_sent += 1
        return self._parse_json(self._post(b""))


def _explorer_scan(scan: _Scan, explorer: ExplorerApi) -> None:
    """``txlist`` and ``txlistinternal`` per address from its position, a page at a time. A full
    page is stored up to the block before its last one, and the next page starts at that block (it
    may hold more than the page had room for)."""
    scan.start_of(SOURCE_EXPLORER, 0)
    for address in scan.ours:
        for source, action, kind in ((SOURCE_EXPLORER, "txlist", KIND_COIN),
                                     (SOURCE_EXPLORER_INTERNAL, "txlistinternal", KIND_INTERNAL)):
            block = scan.position(address, source) or 0
            block = max(0, min(block, scan.head + 1) - REORG_MARGIN_BLOCKS)
            for _ in range(EXPLORER_MAX_PAGES):
                scan.check_cancel()
                entries = explorer.call({"module": "account", "action": action, "address": address,
                                         "startblock": str(block), "endblock": str(scan.head), "page": "1",
                                         "offset": str(EXPLORER_PAGE_SIZE), "sort": "asc"})
                numbers, transfers = _explorer_transfers(scan, entries, explorer, internal=kind == KIND_INTERNAL)
                full = len(numbers) >= EXPLORER_PAGE_SIZE
                last = max(numbers) if full else scan.head + 1
                if full and last == block:  # one block filled a whole page: keep it and move on
                    last += 1
                scan.new += scan.store.replace_range(scan.chain_id, scan.genesis, [address], kind, block, last - 1,
                                                     [t for t in transfers if t.block_number < last])
                scan.store.set_next_block(scan.chain_id, scan.genesis, address, source, last)
                block = last
                if not full:
                    break


def _explorer_transfers(scan: _Scan, entries: Any, explorer: ExplorerApi,
                        internal: bool) -> tuple[list[int], list[Transfer]]:
    """Every entry's block number, and the coin transfers to or from us among them."""
    label = urllib.parse.urlparse(explorer.base_url).hostname or "?"
    bad = ExplorerReplyError(endpoint=label, reason=QT_TRANSLATE_NOOP("WalletError", "an entry has a malformed field"))
    if not isinstance(entries, list):
        raise bad
    numbers: list[int] = []
    transfers: list[Transfer] = []
    per_tx: dict[str, int] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise bad
        block, stamp, tx_hash, sender, recipient, value, error = (
            entry.get(k) for k in ("blockNumber", "timeStamp", "hash", "from", "to", "value", "isError"))
        if not (isinstance(block, str) and _DECIMAL_RE.match(block) and isinstance(stamp, str)
                and _DECIMAL_RE.match(stamp) and isinstance(value, str) and _DECIMAL_RE.match(value)
                and isinstance(tx_hash, str) and _HASH_RE.match(tx_hash) and isinstance(sender, str)
                and _ADDRESS_RE.match(sender) and isinstance(recipient, str)
                and (recipient == "" or _ADDRESS_RE.match(recipient)) and isinstance(error, str)):
            raise bad
        amount, number = int(value), int(block)
        if number > scan.head or amount >= 2**256:
            raise bad
        numbers.append(number)
        if amount == 0 or error != "0" or recipient == "" or (
                sender.lower() not in scan.ours_lower and recipient.lower() not in scan.ours_lower):
            continue
        tx_key = tx_hash.lower()
        index = COIN_TRANSFER
        if internal:  # a contract's payments inside the transaction: -2, -3, … in the explorer's order
            per_tx[tx_key] = per_tx.get(tx_key, 0) + 1
            index = COIN_TRANSFER - per_tx[tx_key]
        transfers.append(Transfer(scan.chain_id, scan.genesis, tx_key, index, number, int(stamp),
                                  to_checksum_address(sender), to_checksum_address(recipient),
                                  None, None, None, amount))
    return numbers, transfers


def _malformed(endpoint: str, reason: str) -> RpcProtocolError:
    return RpcProtocolError(endpoint=endpoint, reason=reason)


def transaction_fee(client: ChainClient, tx_hash: str) -> int | None:
    """What the transaction's sender paid for gas (its receipt's ``gasUsed × effectiveGasPrice``);
    None when the chain has no receipt for it."""
    def parse(value: Any, endpoint: str) -> int | None:
        if value is None:
            return None
        if not isinstance(value, dict) or not isinstance(value.get("transactionHash"), str) \
                or value["transactionHash"].lower() != tx_hash.lower():
            raise _malformed(endpoint, QT_TRANSLATE_NOOP("WalletError", "not the receipt that was asked for"))
        return (parse_quantity(value.get("gasUsed"), "gasUsed", endpoint)
                * parse_quantity(value.get("effectiveGasPrice"), "effectiveGasPrice", endpoint))

    result: int | None = client.request("eth_getTransactionReceipt", [tx_hash], parse=parse)
    return result


# --- names ----------------------------------------------------------------------------------

def reverse_ens_name(client: ChainClient, address: str) -> str | None:
    """The ENS primary name of ``address`` (reverse record), only when the name resolves back to the
    same address (anyone can set any reverse name for their own address). None when there is none."""
    from wallet.chains.ens import EnsNameError, EnsNotFoundError, namehash, resolve_ens
    from wallet.chains.multicall import eth_call, function_call

    registry = client.chain.ens_registry
    if registry is None:
        return None
    node = namehash(address[2:].lower() + ".addr.reverse")
    resolver_word = eth_call(client, registry, function_call("resolver(bytes32)", ["bytes32"], [node]))
    if len(resolver_word) != 32 or any(resolver_word[:12]) or not any(resolver_word):
        return None
    resolver = to_checksum_address("0x" + resolver_word[12:].hex())
    try:
        answer = eth_call(client, resolver, function_call("name(bytes32)", ["bytes32"], [node]))
    except RpcRemoteError:
        return None
    name = _abi_string(answer)
    if not name:
        return None
    try:
        forward = resolve_ens(client, name)
    except (EnsNameError, EnsNotFoundError, RpcRemoteError):
        return None
    return name if forward.lower() == address.lower() else None


def _abi_string(data: bytes) -> str | None:
    """An ABI-encoded ``string`` return value, printable and at most 255 characters, or None."""
    if len(data) < 64 or int.from_bytes(data[:32], "big") != 32:
        return None
    length = int.from_bytes(data[32:64], "big")
    if length == 0 or length > 255 or len(data) < 64 + length:
        return None
    try:
        text = data[64:64 + length].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if text == printable(text) else None


__all__ = ["COIN_TRANSFER", "TRANSFER_TOPIC", "ExplorerApi", "ExplorerError", "ExplorerReplyError",
           "HistorySyncCancelled", "SyncResult", "reverse_ens_name", "sync_history", "transaction_fee"]
