"""A strict JSON-RPC client for EVM nodes, with endpoint failover and chain-id verification.

Written over the standard library rather than web3's provider because a wallet must treat every
node as hostile: replies are size-capped and deadline-bound, every field is type-checked before use,
a node that reports another chain id is refused (never sign for the wrong chain), and URLs are
redacted in messages because public RPC URLs often embed API keys.
"""

from __future__ import annotations

import http.client
import itertools
import json
import re
import socket
import threading
import time
from typing import Any
from urllib.parse import urlparse

from wallet.chains.registry import Chain
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

DEFAULT_TIMEOUT_S = 8.0
RETRY_ROUNDS = 2
RETRY_BACKOFF_S = 0.25
COOLDOWN_BASE_S = 5.0
COOLDOWN_MAX_S = 300.0
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
_READ_CHUNK_BYTES = 64 * 1024
_QUANTITY_RE = re.compile(r"^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})$")


class RpcError(WalletError):
    """Any failure to get a usable answer from a node."""


class RpcUnreachableError(RpcError):
    template = QT_TRANSLATE_NOOP("WalletError", "Cannot reach the node at {endpoint}: {reason}")


class RpcTimeoutError(RpcError):
    template = QT_TRANSLATE_NOOP("WalletError", "The node at {endpoint} did not answer within {seconds} s")


class RpcProtocolError(RpcError):
    template = QT_TRANSLATE_NOOP("WalletError", "The node at {endpoint} sent an invalid reply: {reason}")


class RpcFieldError(RpcProtocolError):
    template = QT_TRANSLATE_NOOP("WalletError", "The node at {endpoint} sent an invalid {field}: not a hex quantity")


class RpcReplyTooLargeError(RpcProtocolError):
    template = QT_TRANSLATE_NOOP("WalletError", "The node at {endpoint} sent a reply larger than {limit}")


class RpcRemoteError(RpcError):
    """The node answered with a JSON-RPC error object: it is reachable, the request was refused.

    ``data`` is the error's ``data`` field when it is hex (a revert's return data), else None.
    """

    template = QT_TRANSLATE_NOOP("WalletError", "The node at {endpoint} refused {method}: {message}")

    def __init__(self, data: bytes | None = None, **params: object) -> None:
        super().__init__(**params)
        self.data = data


class WrongChainError(RpcError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The node at {endpoint} serves chain id {actual}, not {expected} ({chain}); it was not used"
    )


class AllEndpointsFailedError(RpcError):
    template = QT_TRANSLATE_NOOP("WalletError", "No node for {chain} could be used. Last error: {last}")


def redact_url(url: str) -> str:
    """``scheme://host:port`` only: paths and queries of RPC URLs often carry API keys."""
    parsed = urlparse(url)
    host = parsed.hostname or "?"
    return f"{host}:{parsed.port}" if parsed.port else host


def parse_quantity(value: Any, what: str, endpoint: str) -> int:
    """A JSON-RPC QUANTITY (``0x``-hex, at most 256 bits) as an int, or ``RpcProtocolError``."""
    if not isinstance(value, str) or not _QUANTITY_RE.match(value):
        raise RpcFieldError(endpoint=endpoint, field=what)
    return int(value, 16)


class JsonRpcEndpoint:
    """One HTTP(S) JSON-RPC URL. Thread-safe: each request opens its own connection."""

    _ids = itertools.count(1)
    _ids_lock = threading.Lock()

    def __init__(self, url: str, timeout_s: float = DEFAULT_TIMEOUT_S,
                 max_response_bytes: int = MAX_RESPONSE_BYTES) -> None:
        if urlparse(url).scheme not in ("http", "https"):
            raise ValueError(f"only http(s) RPC URLs are supported: {redact_url(url)}")
        self.url = url
        self.label = redact_url(url)
        self.timeout_s = timeout_s
        self.max_response_bytes = max_response_bytes
        self.requests_sent = 0  # HTTP round trips, for diagnostics and benchmarks

    def request(self, method: str, params: list[Any]) -> Any:
        with self._ids_lock:
            request_id = next(self._ids)
        body = json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}).encode()
        self.requests_sent += 1
        raw = self._post(body)
        try:
            reply = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise RpcProtocolError(endpoint=self.label,
                                   reason=QT_TRANSLATE_NOOP("WalletError", "the body is not JSON")) from None
        if not isinstance(reply, dict) or reply.get("id") != request_id:
            raise RpcProtocolError(endpoint=self.label,
                                   reason=QT_TRANSLATE_NOOP("WalletError", "the reply does not answer our request"))
        error = reply.get("error")
        if error is not None:
            message = error.get("message") if isinstance(error, dict) else None
            text = message[:300] if isinstance(message, str) else QT_TRANSLATE_NOOP("WalletError", "no message")
            raise RpcRemoteError(data=_error_data(error), endpoint=self.label, method=method, message=text)
        if "result" not in reply:
            raise RpcProtocolError(endpoint=self.label,
                                   reason=QT_TRANSLATE_NOOP("WalletError", "the reply has neither result nor error"))
        return reply["result"]

    def _post(self, body: bytes) -> bytes:
        # http.client directly, not urllib: its socket is public, so every read gets the time left
        # of one overall deadline (a node dripping a byte at a time cannot hold us past it).
        deadline = time.monotonic() + self.timeout_s
        parsed = urlparse(self.url)
        connection_class = http.client.HTTPSConnection if parsed.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(parsed.hostname or "", parsed.port, timeout=self.timeout_s)
        target = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")
        try:
            connection.request("POST", target, body, {"Content-Type": "application/json", "User-Agent": "DeskWallet"})
            response = connection.getresponse()
            if response.status >= 400:
                raise RpcUnreachableError(endpoint=self.label, reason=f"HTTP {response.status}")
            return self._read_capped(connection, response, deadline)
        except TimeoutError:
            raise RpcTimeoutError(endpoint=self.label, seconds=f"{self.timeout_s:g}") from None
        except (OSError, http.client.HTTPException) as error:
            raise RpcUnreachableError(endpoint=self.label, reason=_describe(error)) from None
        finally:
            connection.close()

    def _read_capped(self, connection: http.client.HTTPConnection, response: http.client.HTTPResponse,
                     deadline: float) -> bytes:
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_response_bytes:
            raise RpcReplyTooLargeError(endpoint=self.label, limit=self._cap_text())
        chunks: list[bytes] = []
        size = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            if connection.sock is not None:
                connection.sock.settimeout(remaining)
            chunk = response.read1(_READ_CHUNK_BYTES)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_response_bytes:
                raise RpcReplyTooLargeError(endpoint=self.label, limit=self._cap_text())
            chunks.append(chunk)

    def _cap_text(self) -> str:
        return f"{self.max_response_bytes // (1024 * 1024)} MiB"


def _error_data(error: object) -> bytes | None:
    data = error.get("data") if isinstance(error, dict) else None
    if isinstance(data, dict):  # some nodes nest it: {"data": {"data": "0x…"}}
        data = data.get("data")
    if isinstance(data, str) and data.startswith("0x") and len(data) % 2 == 0 and len(data) <= 2 + 2 * 64 * 1024:
        try:
            return bytes.fromhex(data[2:])
        except ValueError:
            return None
    return None


def _describe(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return QT_TRANSLATE_NOOP("WalletError", "connection refused")
    if isinstance(reason, socket.gaierror):
        return QT_TRANSLATE_NOOP("WalletError", "unknown host")
    return str(reason) or type(reason).__name__


class ChainClient:
    """JSON-RPC for one chain: its URLs in order, each verified to serve the chain's id before use.

    A node that cannot be reached, times out or answers garbage is skipped for the next URL and put
    on a cooldown that doubles with each consecutive failure, so a dead or black-holed node is not
    paid for (up to a whole timeout) on every request; nodes on cooldown are still tried, last.
    When every node failed, the round is retried after a short backoff. A node that answers with a
    JSON-RPC error is believed: the request itself was refused, and no other node is asked.
    """

    def __init__(self, chain: Chain, timeout_s: float = DEFAULT_TIMEOUT_S, rounds: int = RETRY_ROUNDS,
                 backoff_s: float = RETRY_BACKOFF_S) -> None:
        self.chain = chain
        self.endpoints = [JsonRpcEndpoint(url, timeout_s) for url in chain.rpc_urls
                          if urlparse(url).scheme in ("http", "https")]
        self.rounds = rounds
        self.backoff_s = backoff_s
        self._verified: set[str] = set()
        self._distrusted: dict[str, WalletError] = {}
        self._failures: dict[str, int] = {}
        self._cooldown_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def request(self, method: str, params: list[Any] | None = None) -> Any:
        last: RpcError | None = None
        for round_index in range(self.rounds):
            if round_index:
                time.sleep(self.backoff_s * 2 ** (round_index - 1))
            for endpoint in self._in_preference_order():
                try:
                    self._verify_chain_id(endpoint)
                    result = endpoint.request(method, params or [])
                except RpcRemoteError:
                    self._record(endpoint, ok=True)
                    raise
                except RpcError as error:
                    self._record(endpoint, ok=False)
                    last = error
                else:
                    self._record(endpoint, ok=True)
                    return result
        raise AllEndpointsFailedError(
            chain=self.chain.name, last=last or QT_TRANSLATE_NOOP("WalletError", "no http(s) RPC URL is configured"))

    def request_on(self, endpoint: JsonRpcEndpoint, method: str, params: list[Any] | None = None) -> Any:
        """Ask one node in particular (its chain id verified first), for cross-checking nodes against
        each other; no failover. Failures count against that node as in ``request``."""
        try:
            self._verify_chain_id(endpoint)
            result = endpoint.request(method, params or [])
        except RpcRemoteError:
            self._record(endpoint, ok=True)
            raise
        except RpcError:
            self._record(endpoint, ok=False)
            raise
        self._record(endpoint, ok=True)
        return result

    def distrust(self, endpoint: JsonRpcEndpoint, reason: WalletError) -> None:
        """Stop using a node that was caught lying (e.g. a state proof that does not verify) for the
        rest of this client's life; ``distrusted`` tells the UI which node and why."""
        with self._lock:
            self._distrusted[endpoint.url] = reason

    @property
    def distrusted(self) -> dict[str, WalletError]:
        """Redacted label → the reason each distrusted node was dropped."""
        with self._lock:
            return {e.label: self._distrusted[e.url] for e in self.endpoints if e.url in self._distrusted}

    def trusted_endpoints(self) -> list[JsonRpcEndpoint]:
        with self._lock:
            return [e for e in self.endpoints if e.url not in self._distrusted]

    def block_number(self) -> int:
        return parse_quantity(self.request("eth_blockNumber"), "eth_blockNumber", self.chain.name)

    @property
    def requests_sent(self) -> int:
        return sum(e.requests_sent for e in self.endpoints)

    def healthy_endpoints(self) -> list[str]:
        """Redacted labels of the nodes not on cooldown, for the settings screen."""
        now = time.monotonic()
        with self._lock:
            return [e.label for e in self.endpoints if self._cooldown_until.get(e.url, 0.0) <= now]

    def _in_preference_order(self) -> list[JsonRpcEndpoint]:
        now = time.monotonic()
        with self._lock:
            trusted = [e for e in self.endpoints if e.url not in self._distrusted]
            ready = [e for e in trusted if self._cooldown_until.get(e.url, 0.0) <= now]
            cooling = sorted((e for e in trusted if e not in ready),
                             key=lambda e: self._cooldown_until.get(e.url, 0.0))
        return ready + cooling

    def _record(self, endpoint: JsonRpcEndpoint, ok: bool) -> None:
        with self._lock:
            if ok:
                self._failures.pop(endpoint.url, None)
                self._cooldown_until.pop(endpoint.url, None)
                return
            failures = self._failures.get(endpoint.url, 0) + 1
            self._failures[endpoint.url] = failures
            cooldown = min(COOLDOWN_BASE_S * 2 ** (failures - 1), COOLDOWN_MAX_S)
            self._cooldown_until[endpoint.url] = time.monotonic() + cooldown

    def _verify_chain_id(self, endpoint: JsonRpcEndpoint) -> None:
        with self._lock:
            if endpoint.url in self._verified:
                return
        actual = parse_quantity(endpoint.request("eth_chainId", []), "eth_chainId", endpoint.label)
        if actual != self.chain.chain_id:
            raise WrongChainError(endpoint=endpoint.label, actual=actual, expected=self.chain.chain_id,
                                  chain=self.chain.name)
        with self._lock:
            self._verified.add(endpoint.url)
