"""A strict JSON-RPC client for EVM nodes, with endpoint failover and chain-id verification.

Written over the standard library rather than web3's provider because a wallet must treat every
node as hostile: one deadline covers each whole HTTP exchange (connect to last byte) and a shorter
one the wait for the reply's first byte, replies are size-capped, every field is type-checked before
use (a malformed answer is the node's failure, and the next node is asked), a node that reports
another chain id is refused (never sign for the wrong chain), and URLs are redacted in messages
because public RPC URLs often embed API keys.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import itertools
import json
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload
from urllib.parse import urlparse

from wallet.chains.registry import Chain
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.untrusted_json import UntrustedJsonError, loads_untrusted
from wallet.untrusted_text import printable

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

DEFAULT_TIMEOUT_S = 8.0  # one whole exchange: connect, send, status line, headers and body
# Connect to the reply's first byte. Nodes compute the whole answer before they send its first byte,
# and a wallet's calls take well under a second on a healthy node: after 3 s of silence the node is
# reported (and the next one asked) rather than waited for until the whole deadline.
FIRST_BYTE_TIMEOUT_S = 3.0
RETRY_ROUNDS = 2
RETRY_BACKOFF_S = 0.25
COOLDOWN_BASE_S = 5.0
COOLDOWN_MAX_S = 300.0
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
# Calls per JSON-RPC batch: nodes cap batches (geth and most providers at 1,000 calls, some lower);
# a longer list goes in several batches, each one round trip.
MAX_BATCH_CALLS = 100
# Statuses with which nodes refuse a batch they will not serve (a body that is an array, or too big):
# the calls are then sent one by one to the same node.
_BATCH_REFUSAL_STATUSES = frozenset({400, 405, 413, 415, 422, 501})
# The deepest replies a wallet asks for nest under 10 levels (a block with its transactions' access
# lists: reply, result, transactions, transaction, accessList, entry, storageKeys; a batch adds one;
# an eth_getProof is flat lists of strings). 64 leaves room for any node's extra fields, and is
# thousands of levels short of where the parser would overflow the stack (see wallet.untrusted_json).
MAX_REPLY_JSON_DEPTH = 64
_READ_CHUNK_BYTES = 64 * 1024
_QUANTITY_RE = re.compile(r"^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})\Z")
_URL_TEXT_RE = re.compile(r"^[\x21-\x7e]+\Z")  # printable ASCII, no spaces: nothing can break the request line

_AddressInfo = tuple[socket.AddressFamily, socket.SocketKind, int, str, tuple[Any, ...]]
T = TypeVar("T")
ResultParser = Callable[[Any, str], T]
"""Checks a call's result and turns it into a value, given the answering node's label; raises
``RpcProtocolError`` naming that node when the result has the wrong shape."""
RpcCall = tuple[str, list[Any]]
"""A method and its params, one call of a batch."""


class RpcError(WalletError):
    """Any failure to get a usable answer from a node."""


class RpcUnreachableError(RpcError):
    template = QT_TRANSLATE_NOOP("WalletError", "Cannot reach the node at {endpoint}: {reason}")


class RpcTimeoutError(RpcError):
    template = QT_TRANSLATE_NOOP("WalletError", "The node at {endpoint} did not answer within {seconds} s")


class RpcSilentError(RpcTimeoutError):
    """Not one byte of a reply within the first-byte deadline: the node is silent (or black-holed)."""

    template = QT_TRANSLATE_NOOP("WalletError", "The node at {endpoint} is silent: no reply within {seconds} s")


class RpcHttpStatusError(RpcUnreachableError):
    """The node answered with an HTTP error status (``status``)."""

    def __init__(self, status: int, **params: object) -> None:
        super().__init__(**params)
        self.status = status


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


class BatchRefusedError(Exception):
    """The node does not serve JSON-RPC batches (it said so with an HTTP status, or answered a batch
    with something other than an array): not a failure of the node, the calls go one by one."""


class WrongChainError(RpcError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The node at {endpoint} serves chain id {actual}, not {expected} ({chain}); it was not used"
    )


class UnverifiedNodeError(RpcError):
    """The node answered ``eth_chainId`` with an error: a node that will not say which chain it
    serves cannot be used, and the next one is asked."""

    template = QT_TRANSLATE_NOOP(
        "WalletError", "The node at {endpoint} refused to tell its chain id ({message}); it was not used")


class AllEndpointsFailedError(RpcError):
    template = QT_TRANSLATE_NOOP("WalletError", "No node for {chain} could be used. Last error: {last}")


def redact_url(url: str) -> str:
    """``scheme://host:port`` only: paths and queries of RPC URLs often carry API keys."""
    try:
        parsed = urlparse(url)
        host, port = parsed.hostname or "?", parsed.port
    except ValueError:  # a port that is not a number, a broken [IPv6] host: nothing worth showing
        return "?"
    return f"{host}:{port}" if port else host


def usable_rpc_url(url: str) -> bool:
    """An http(s) URL with a host and a valid port, in printable ASCII without spaces (it goes
    verbatim into the request), and without user:password (never sent: the client speaks no Basic auth)."""
    try:
        parsed = urlparse(url)
        _ = parsed.port  # raises on a port that is not a number from 0 to 65535
    except ValueError:
        return False
    return (parsed.scheme in ("http", "https") and bool(parsed.hostname) and bool(_URL_TEXT_RE.match(url))
            and parsed.username is None and parsed.password is None)


def parse_quantity(value: Any, what: str, endpoint: str) -> int:
    """A JSON-RPC QUANTITY (``0x``-hex, at most 256 bits) as an int, or ``RpcProtocolError``."""
    if not isinstance(value, str) or not _QUANTITY_RE.match(value):
        raise RpcFieldError(endpoint=endpoint, field=what)
    return int(value, 16)


def quantity(what: str) -> ResultParser[int]:
    """The parser of a result that must be a QUANTITY (``eth_blockNumber``, ``eth_getBalance``…)."""
    return lambda value, endpoint: parse_quantity(value, what, endpoint)


def optional_object(value: Any, endpoint: str) -> dict[str, Any] | None:
    """A result that is an object or null (a receipt, a transaction, a block)."""
    if value is not None and not isinstance(value, dict):
        raise RpcProtocolError(endpoint=endpoint,
                               reason=QT_TRANSLATE_NOOP("WalletError", "an object or null was expected"))
    return value


def receipt_status(value: Any, endpoint: str) -> bool | None:
    """Whether a transaction succeeded, from its receipt (``eth_getTransactionReceipt``); None when
    the receipt is null (not mined yet)."""
    receipt = optional_object(value, endpoint)
    return None if receipt is None else parse_quantity(receipt.get("status"), "status", endpoint) == 1


def transaction_hash(expected: str) -> ResultParser[str]:
    """The parser of ``eth_sendRawTransaction``'s result, which must be the hash we computed: a node
    that names another is lying or broken, and what it says is never tracked."""
    def parse(value: Any, endpoint: str) -> str:
        if not isinstance(value, str) or value.lower() != expected.lower():
            raise RpcProtocolError(endpoint=endpoint, reason=QT_TRANSLATE_NOOP(
                "WalletError", "it reported a different transaction hash"))
        return expected
    return parse


class JsonRpcEndpoint:
    """One HTTP(S) JSON-RPC URL. Thread-safe: each request opens its own connection."""

    _ids = itertools.count(1)
    _ids_lock = threading.Lock()

    def __init__(self, url: str, timeout_s: float = DEFAULT_TIMEOUT_S,
                 max_response_bytes: int = MAX_RESPONSE_BYTES, first_byte_timeout_s: float | None = None) -> None:
        if not usable_rpc_url(url):
            raise ValueError(f"not a usable http(s) RPC URL: {redact_url(url)}")
        parsed = urlparse(url)
        self.url = url
        self.label = redact_url(url)
        self.timeout_s = timeout_s
        self.first_byte_timeout_s = min(first_byte_timeout_s or FIRST_BYTE_TIMEOUT_S, timeout_s)
        self.max_response_bytes = max_response_bytes
        self.requests_sent = 0  # HTTP round trips, for diagnostics and benchmarks
        self._host = parsed.hostname or ""
        self._port = parsed.port or (443 if parsed.scheme == "https" else 80)
        self._tls = ssl.create_default_context() if parsed.scheme == "https" else None
        target = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")
        self._head = (f"POST {target} HTTP/1.1\r\nHost: {parsed.netloc.rpartition('@')[2]}\r\n"
                      "Content-Type: application/json\r\nAccept-Encoding: identity\r\n"
                      "User-Agent: DeskWallet\r\nConnection: close\r\nContent-Length: ")

    def request(self, method: str, params: list[Any]) -> Any:
        request_id = self._next_ids(1)[0]
        body = json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}).encode()
        self.requests_sent += 1
        reply = self._parse_json(self._post(body))
        if not isinstance(reply, dict) or reply.get("id") != request_id:
            raise RpcProtocolError(endpoint=self.label,
                                   reason=QT_TRANSLATE_NOOP("WalletError", "the reply does not answer our request"))
        answer = self._answer(reply, method)
        if isinstance(answer, RpcRemoteError):
            raise answer
        return answer

    def request_batch(self, calls: Sequence[RpcCall]) -> list[Any]:
        """``calls`` in one JSON-RPC batch (one HTTP round trip): each call's result, or the
        ``RpcRemoteError`` the node answered it with, in the order of ``calls``.

        The reply must be an array holding each id we sent exactly once and no other; entries are
        matched by id, not position (the specification lets a node answer in any order). Anything
        else is the node's failure (``RpcProtocolError``), except a refusal to serve batches at all
        (an HTTP 4xx/501 status or a reply that is not an array): ``BatchRefusedError``.
        """
        ids = self._next_ids(len(calls))
        body = json.dumps([{"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}
                           for request_id, (method, params) in zip(ids, calls, strict=True)]).encode()
        self.requests_sent += 1
        try:
            raw = self._post(body)
        except RpcHttpStatusError as error:
            if error.status in _BATCH_REFUSAL_STATUSES:
                raise BatchRefusedError(error.status) from None
            raise
        reply = self._parse_json(raw)
        if not isinstance(reply, list):
            raise BatchRefusedError(type(reply).__name__)
        by_id: dict[int, dict[str, Any]] = {}
        for entry in reply:
            entry_id = entry.get("id") if isinstance(entry, dict) else None
            # bool is an int in Python: True must not pass for id 1
            if isinstance(entry_id, bool) or entry_id not in ids or entry_id in by_id:
                raise RpcProtocolError(endpoint=self.label, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "the batch reply does not answer our requests, each once"))
            by_id[entry_id] = cast(dict[str, Any], entry)
        if len(by_id) != len(ids):
            raise RpcProtocolError(endpoint=self.label, reason=QT_TRANSLATE_NOOP(
                "WalletError", "the batch reply does not answer our requests, each once"))
        return [self._answer(by_id[request_id], method) for request_id, (method, _) in zip(ids, calls, strict=True)]

    def _next_ids(self, count: int) -> list[int]:
        with self._ids_lock:
            return [next(self._ids) for _ in range(count)]

    def _parse_json(self, raw: bytes) -> Any:
        try:
            return loads_untrusted(raw, MAX_REPLY_JSON_DEPTH)
        except UntrustedJsonError as refusal:
            reason = (QT_TRANSLATE_NOOP("WalletError", "the body is nested too deeply") if refusal.too_deep
                      else QT_TRANSLATE_NOOP("WalletError", "the body is not JSON"))
            raise RpcProtocolError(endpoint=self.label, reason=reason) from None

    def _answer(self, reply: dict[str, Any], method: str) -> Any:
        """One reply object's result, or the ``RpcRemoteError`` it carries (returned, not raised)."""
        error = reply.get("error")
        if error is not None:
            message = error.get("message") if isinstance(error, dict) else None
            text = printable(message)[:300] if isinstance(message, str) \
                else QT_TRANSLATE_NOOP("WalletError", "no message")
            return RpcRemoteError(data=_error_data(error), endpoint=self.label, method=method, message=text)
        if "result" not in reply:
            raise RpcProtocolError(endpoint=self.label,
                                   reason=QT_TRANSLATE_NOOP("WalletError", "the reply has neither result nor error"))
        return reply["result"]

    def _post(self, body: bytes) -> bytes:
        # The socket is ours, not http.client's: every operation on it (connect, TLS handshake, send,
        # each read of the status line, headers and body) gets the time left of one deadline, so a
        # node dripping a byte at a time cannot hold us past it. http.client only parses the reply.
        clock = ExchangeClock(self.first_byte_timeout_s, self.timeout_s)
        try:
            with self._connect(clock) as sock:
                sock.settimeout(clock.time_left())
                sock.sendall(f"{self._head}{len(body)}\r\n\r\n".encode("ascii") + body)
                stream = io.BufferedReader(_DeadlineReader(sock, clock))
                # HTTPResponse asks its "socket" only for makefile(): it gets the deadline-bound stream.
                response = http.client.HTTPResponse(cast(socket.socket, _StreamSource(stream)), method="POST")
                response.begin()
                if response.status >= 400:
                    raise RpcHttpStatusError(response.status, endpoint=self.label, reason=f"HTTP {response.status}")
                return self._read_capped(response)
        except TimeoutError:
            if not clock.answered:
                raise RpcSilentError(endpoint=self.label, seconds=f"{self.first_byte_timeout_s:g}") from None
            raise RpcTimeoutError(endpoint=self.label, seconds=f"{self.timeout_s:g}") from None
        except (OSError, http.client.HTTPException) as error:
            raise RpcUnreachableError(endpoint=self.label, reason=describe_os_error(error)) from None

    def _connect(self, clock: ExchangeClock) -> socket.socket:
        sock = open_tcp(self._host, self._port, clock)
        if self._tls is None:
            return sock
        try:
            secure = self._tls.wrap_socket(sock, server_hostname=self._host, do_handshake_on_connect=False)
        except BaseException:
            sock.close()
            raise
        try:  # the handshake too is bounded by the time left (not by a timeout per record read)
            secure.settimeout(clock.time_left())
            secure.do_handshake()
        except BaseException:
            secure.close()
            raise
        return secure

    def _read_capped(self, response: http.client.HTTPResponse) -> bytes:
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_response_bytes:
            raise RpcReplyTooLargeError(endpoint=self.label, limit=self._cap_text())
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read1(_READ_CHUNK_BYTES):
            size += len(chunk)
            if size > self.max_response_bytes:
                raise RpcReplyTooLargeError(endpoint=self.label, limit=self._cap_text())
            chunks.append(chunk)
        return b"".join(chunks)

    def _cap_text(self) -> str:
        return f"{self.max_response_bytes // (1024 * 1024)} MiB"


class ExchangeClock:
    """The deadlines of one HTTP exchange: the reply's first byte by one, its last byte by the other."""

    def __init__(self, first_byte_s: float, whole_s: float) -> None:
        now = time.monotonic()
        self.first_byte_deadline = now + first_byte_s
        self.deadline = now + whole_s
        self.answered = False  # the node sent a byte of its reply

    def time_left(self) -> float:
        """The timeout for the next socket operation; ``TimeoutError`` when no time is left."""
        remaining = (self.deadline if self.answered else self.first_byte_deadline) - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        return remaining


class _DeadlineReader(io.RawIOBase):
    """The reply's byte stream: each read from the socket gets the time left of the exchange.

    http.client reads the status line and headers through a buffered file, one ``recv`` at a time;
    a timeout set once on the socket would apply to each ``recv`` anew and bound nothing.
    """

    def __init__(self, sock: socket.socket, clock: ExchangeClock) -> None:
        super().__init__()
        self._sock = sock
        self._clock = clock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        self._sock.settimeout(self._clock.time_left())
        count = self._sock.recv_into(buffer)
        if count:
            self._clock.answered = True
        return count


class _StreamSource:
    def __init__(self, stream: io.BufferedIOBase) -> None:
        self._stream = stream

    def makefile(self, mode: str) -> io.BufferedIOBase:
        return self._stream


def open_tcp(host: str, port: int, clock: ExchangeClock) -> socket.socket:
    """``socket.create_connection``, except that the name lookup and all the addresses tried share
    the time left."""
    failure: OSError = ConnectionRefusedError()
    for family, kind, proto, _, address in _resolve(host, port, clock):
        timeout = clock.time_left()
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(address)
        except OSError as error:
            sock.close()
            failure = error
        else:
            return sock
    raise failure


def _resolve(host: str, port: int, clock: ExchangeClock) -> Sequence[_AddressInfo]:
    """``getaddrinfo`` within the time left: it has no timeout of its own, and a resolver that does
    not answer (a broken network, a captive portal) would hold the request for tens of seconds. The
    lookup runs on a daemon thread, left to finish on its own when the deadline passes first."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:  # a literal address: nothing to look up
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    answer: Future[Sequence[_AddressInfo]] = Future()

    def look_up() -> None:
        try:
            answer.set_result(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as error:
            answer.set_exception(error)

    threading.Thread(target=look_up, name="rpc-name-lookup", daemon=True).start()
    return answer.result(timeout=clock.time_left())


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


def describe_os_error(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return QT_TRANSLATE_NOOP("WalletError", "connection refused")
    if isinstance(reason, socket.gaierror):
        return QT_TRANSLATE_NOOP("WalletError", "unknown host")
    return str(reason) or type(reason).__name__


class ChainClient:
    """JSON-RPC for one chain: its URLs in order, each verified to serve the chain's id before use.

    A node that cannot be reached, is silent, times out, answers garbage or answers with a result of
    the wrong shape (checked by the caller's ``parse``) is skipped for the next URL and put on a
    cooldown that doubles with each consecutive failure, so a dead or black-holed node is not paid
    for on every request; nodes on cooldown are still tried, last. When every node failed, the round
    is retried after a short backoff, except on nodes that just timed out (they would cost the same
    wait again). A node that answers a call with a JSON-RPC error is believed: the request itself was
    refused (a revert, say), and no other node is asked; an error to ``eth_chainId`` is the node's.
    """

    def __init__(self, chain: Chain, timeout_s: float = DEFAULT_TIMEOUT_S, rounds: int = RETRY_ROUNDS,
                 backoff_s: float = RETRY_BACKOFF_S, first_byte_timeout_s: float | None = None) -> None:
        self.chain = chain
        self.endpoints = [JsonRpcEndpoint(url, timeout_s, first_byte_timeout_s=first_byte_timeout_s)
                          for url in chain.rpc_urls if usable_rpc_url(url)]
        self.rounds = rounds
        self.backoff_s = backoff_s
        self._verified: set[str] = set()
        self._distrusted: dict[str, WalletError] = {}
        self._failures: dict[str, int] = {}
        self._cooldown_until: dict[str, float] = {}
        self._last_error: dict[str, RpcError] = {}
        self._no_batches: set[str] = set()  # nodes that refused a JSON-RPC batch: asked one call at a time
        self._lock = threading.Lock()

    @overload
    def request(self, method: str, params: list[Any] | None = None) -> Any: ...

    @overload
    def request(self, method: str, params: list[Any] | None = None, *, parse: ResultParser[T]) -> T: ...

    def request(self, method: str, params: list[Any] | None = None, *,
                parse: ResultParser[Any] | None = None) -> Any:
        """The first usable answer of the chain's nodes; ``parse`` checks each node's result (a node
        whose result it refuses has failed, and the next node is asked)."""
        return self._with_failover(lambda endpoint: self._ask(endpoint, method, params, parse))

    def request_batch(self, calls: Sequence[RpcCall], *,
                      parse: ResultParser[T] | Sequence[ResultParser[T]]) -> list[T]:
        """Every call's result from one node, in one JSON-RPC batch (one round trip per
        ``MAX_BATCH_CALLS``), with failover as in ``request``: a node whose batch reply is malformed
        or one of whose results ``parse`` refuses has failed, and the next node is asked the whole
        batch. ``parse`` is one parser for every call or one per call. A JSON-RPC error to any call
        is believed and raised (``RpcRemoteError``). A node that refuses batches is asked the calls
        one by one, now and for the rest of the client's life."""
        return self._with_failover(lambda endpoint: self._ask_batch(endpoint, calls, parse))

    def request_batch_on(self, endpoint: JsonRpcEndpoint, calls: Sequence[RpcCall], *,
                         parse: ResultParser[T] | Sequence[ResultParser[T]]) -> list[T]:
        """``request_batch`` on one node in particular, without failover (as ``request_on``)."""
        return self._ask_batch(endpoint, calls, parse)

    def _with_failover(self, ask: Callable[[JsonRpcEndpoint], T]) -> T:
        last: RpcError | None = None
        timed_out: set[str] = set()
        for round_index in range(self.rounds):
            candidates = [e for e in self._in_preference_order() if e.url not in timed_out]
            if not candidates:
                break
            if round_index:
                time.sleep(self.backoff_s * 2 ** (round_index - 1))
            for endpoint in candidates:
                try:
                    return ask(endpoint)
                except RpcRemoteError:
                    raise
                except RpcTimeoutError as error:
                    timed_out.add(endpoint.url)
                    last = error
                except RpcError as error:
                    last = error
        raise AllEndpointsFailedError(
            chain=self.chain.name, last=last or QT_TRANSLATE_NOOP("WalletError", "no http(s) RPC URL is configured"))

    @overload
    def request_on(self, endpoint: JsonRpcEndpoint, method: str, params: list[Any] | None = None) -> Any: ...

    @overload
    def request_on(self, endpoint: JsonRpcEndpoint, method: str, params: list[Any] | None = None, *,
                   parse: ResultParser[T]) -> T: ...

    def request_on(self, endpoint: JsonRpcEndpoint, method: str, params: list[Any] | None = None, *,
                   parse: ResultParser[Any] | None = None) -> Any:
        """Ask one node in particular (its chain id verified first), for cross-checking nodes against
        each other; no failover. Failures count against that node as in ``request``."""
        return self._ask(endpoint, method, params, parse)

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
        return self.request("eth_blockNumber", parse=quantity("eth_blockNumber"))

    def failing_nodes(self) -> dict[str, RpcError]:
        """Redacted label → the last error of each (trusted) node that failed its last request, for
        the status bar: the chain may still be served by another node."""
        with self._lock:
            return {e.label: self._last_error[e.url] for e in self.endpoints
                    if e.url in self._last_error and e.url not in self._distrusted}

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

    def _ask(self, endpoint: JsonRpcEndpoint, method: str, params: list[Any] | None,
             parse: ResultParser[Any] | None) -> Any:
        with self._outcome_recorded(endpoint):
            self._verify_chain_id(endpoint)
            result = endpoint.request(method, params or [])
            if parse is not None:
                result = parse(result, endpoint.label)
        return result

    def _ask_batch(self, endpoint: JsonRpcEndpoint, calls: Sequence[RpcCall],
                   parse: ResultParser[T] | Sequence[ResultParser[T]]) -> list[T]:
        parsers = list(parse) if isinstance(parse, Sequence) else [parse] * len(calls)
        if len(parsers) != len(calls):
            raise ValueError("one parser per call, or one for all")
        with self._lock:
            batches = endpoint.url not in self._no_batches
        if len(calls) > 1 and batches:
            try:
                return self._ask_batched(endpoint, calls, parsers)
            except BatchRefusedError:
                with self._lock:
                    self._no_batches.add(endpoint.url)
        return [self._ask(endpoint, method, params, parser)
                for (method, params), parser in zip(calls, parsers, strict=True)]

    def _ask_batched(self, endpoint: JsonRpcEndpoint, calls: Sequence[RpcCall],
                     parsers: Sequence[ResultParser[T]]) -> list[T]:
        results: list[T] = []
        with self._outcome_recorded(endpoint):
            self._verify_chain_id(endpoint)
            for start in range(0, len(calls), MAX_BATCH_CALLS):
                answers = endpoint.request_batch(calls[start:start + MAX_BATCH_CALLS])
                for answer, parser in zip(answers, parsers[start:start + MAX_BATCH_CALLS], strict=True):
                    if isinstance(answer, RpcRemoteError):
                        raise answer
                    results.append(parser(answer, endpoint.label))
        return results

    @contextmanager
    def _outcome_recorded(self, endpoint: JsonRpcEndpoint) -> Iterator[None]:
        """Counts what happens inside against ``endpoint``: a JSON-RPC error object is an answer (the
        node works; the request was refused), any other ``RpcError`` is the node's failure."""
        try:
            yield
        except RpcRemoteError:
            self._record(endpoint, None)
            raise
        except RpcError as error:
            self._record(endpoint, error)
            raise
        self._record(endpoint, None)

    def _record(self, endpoint: JsonRpcEndpoint, error: RpcError | None) -> None:
        with self._lock:
            if error is None:
                self._failures.pop(endpoint.url, None)
                self._cooldown_until.pop(endpoint.url, None)
                self._last_error.pop(endpoint.url, None)
                return
            failures = self._failures.get(endpoint.url, 0) + 1
            self._failures[endpoint.url] = failures
            self._last_error[endpoint.url] = error
            cooldown = min(COOLDOWN_BASE_S * 2 ** (failures - 1), COOLDOWN_MAX_S)
            self._cooldown_until[endpoint.url] = time.monotonic() + cooldown

    def _verify_chain_id(self, endpoint: JsonRpcEndpoint) -> None:
        with self._lock:
            if endpoint.url in self._verified:
                return
        try:
            reply = endpoint.request("eth_chainId", [])
        except RpcRemoteError as error:
            raise UnverifiedNodeError(endpoint=endpoint.label, message=error.params["message"]) from None
        actual = parse_quantity(reply, "eth_chainId", endpoint.label)
        if actual != self.chain.chain_id:
            raise WrongChainError(endpoint=endpoint.label, actual=actual, expected=self.chain.chain_id,
                                  chain=self.chain.name)
        with self._lock:
            self._verified.add(endpoint.url)
