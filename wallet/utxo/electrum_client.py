"""An Electrum-protocol client that treats every server as hostile, as ``wallet.chains.rpc`` treats
EVM nodes.

The protocol is JSON-RPC 2.0, one JSON object per line, over TCP or TLS, on a connection that stays
open. ``ElectrumConnection`` owns one such connection:

* ``server.version`` is the first request on every connection (servers refuse anything else first),
  and the protocol version the server picks must be one we speak;
* one deadline covers each whole exchange (connect, TLS handshake, handshake request, our requests,
  the last byte of the last answer), and a shorter one the first byte of the answer, so a server that
  drips a byte at a time ends within the deadline and a silent one is named as such;
* each answer line is capped (``MAX_LINE_BYTES``) and so is everything read in one exchange; JSON is
  measured for nesting depth before parsing; every answer's id must be one we sent and is accepted
  once (notifications, which carry no id, are skipped);
* a batch is one JSON-RPC batch (an array of requests in one write), answered in any order and
  matched by id;
* TLS certificates are pinned on first use, as Electrum does: servers mostly use self-signed
  certificates, so the first certificate seen for ``host:port`` is remembered (its SHA-256, in
  ``CertificatePins``) and any other one later is refused (``CertificateChangedError``) until the
  user forgets the pin;
* any failure but a JSON-RPC error object closes the connection (its state is unknown).

``ElectrumClient`` asks a network's servers in order with failover and cooldowns, checks on first
use that each server's block 0 hashes to the network's genesis, and drops for the rest of its life
a server caught lying: ``call(ask)`` runs a check against one server, and when the check raises a
``ProofFailedError`` (``InvalidHeaderError``, ``InvalidProofError``) the server is distrusted and the next one asked
(``wallet.utxo.verified`` builds its checks on this).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from wallet.chains.rpc import ExchangeClock, describe_os_error, open_tcp
from wallet.errors import WalletError
from wallet.store.atomic import atomic_write_text
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.untrusted_json import UntrustedJsonError, loads_untrusted
from wallet.untrusted_text import printable
from wallet.utxo.errors import (
    AllServersFailedError,
    CertificateChangedError,
    ElectrumError,
    ElectrumProtocolError,
    ElectrumRemoteError,
    ElectrumReplyTooLargeError,
    ElectrumSilentError,
    ElectrumTimeoutError,
    ElectrumUnreachableError,
    ElectrumVersionError,
    ProofFailedError,
    ServerCaughtLyingError,
    WrongNetworkError,
)
from wallet.utxo.headers import HEADER_SIZE, BlockHeader
from wallet.utxo.networks import UtxoNetwork

CLIENT_NAME = "DeskWallet"
PROTOCOL_VERSION = "1.4"  # what Electrum 4 speaks; every maintained server offers it
DEFAULT_TIMEOUT_S = 10.0  # one whole exchange
FIRST_BYTE_TIMEOUT_S = 4.0
# The largest answer we ask for: a raw transaction (≤ 4 MB, 8 MB as hex) or 2016 headers (322 KB).
MAX_LINE_BYTES = 8 * 1024 * 1024 + 1024
MAX_EXCHANGE_BYTES = 32 * 1024 * 1024
MAX_BATCH_CALLS = 100
MAX_REPLY_JSON_DEPTH = 16  # Electrum answers nest 4 levels at most (a list of objects in a result)
COOLDOWN_BASE_S = 5.0
COOLDOWN_MAX_S = 300.0
_READ_CHUNK_BYTES = 64 * 1024

T = TypeVar("T")
Call = tuple[str, list[Any]]


@dataclass(frozen=True)
class ElectrumServer:
    host: str
    port: int
    tls: bool

    @property
    def label(self) -> str:
        return f"{self.host}:{self.port}"

    @classmethod
    def parse(cls, text: str) -> ElectrumServer:
        """``tcp://host:port`` or ``ssl://host:port`` (``tls://`` too), as Electrum servers announce
        their services; ``ValueError`` otherwise."""
        scheme, sep, rest = text.partition("://")
        host, colon, port = rest.rpartition(":")
        host = host.strip("[]")
        if not sep or not colon or scheme not in ("tcp", "ssl", "tls") or not host or not port.isdigit() \
                or not 0 < int(port) < 65536 or not all(c.isalnum() or c in ".-:" for c in host):
            raise ValueError(f"not an Electrum server address: {text[:100]!r}")
        return cls(host, int(port), scheme != "tcp")


class CertificatePins:
    """SHA-256 fingerprints of the TLS certificates first seen per ``host:port``, kept in a small JSON
    file (written atomically) or in memory only when ``path`` is None.

    The file is read again before each use: several objects of the app share it (each page's service
    has one), and a pin the user forgets in Settings must be forgotten by all, not written back."""

    _lock = threading.Lock()  # one for every object: a read-change-write of the file is never interleaved

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._pins: dict[str, str] = self._load() if path is not None else {}

    def _load(self) -> dict[str, str]:
        if self.path is None:
            return self._pins
        try:
            data = loads_untrusted(self.path.read_bytes()[:1024 * 1024], 4)
        except (OSError, UntrustedJsonError):
            return {}  # no file yet; a damaged one is rebuilt (the pins protect, they hold no secret)
        pins = data.get("pins") if isinstance(data, dict) else None
        if not isinstance(pins, dict):
            return {}
        return {k: v for k, v in pins.items() if isinstance(k, str) and isinstance(v, str) and len(v) == 64}

    def check(self, label: str, fingerprint: str) -> None:
        """Pins ``fingerprint`` for ``label`` the first time; ``CertificateChangedError`` when another
        one is pinned."""
        with self._lock:
            self._pins = self._load()
            pinned = self._pins.get(label)
            if pinned == fingerprint:
                return
            if pinned is not None:
                raise CertificateChangedError(server=label, fingerprint=fingerprint)
            self._pins[label] = fingerprint
            self._save()

    def pinned(self, label: str) -> str | None:
        with self._lock:
            self._pins = self._load()
            return self._pins.get(label)

    def forget(self, label: str) -> None:
        """The user accepts the server's new certificate: the next one seen is pinned."""
        with self._lock:
            self._pins = self._load()
            if self._pins.pop(label, None) is not None:
                self._save()

    def _save(self) -> None:
        if self.path is not None:
            atomic_write_text(self.path, json.dumps({"version": 1, "pins": self._pins}, indent=1, sort_keys=True))


PINS_FILE_NAME = "electrum-certificates.json"


def default_certificate_pins() -> CertificatePins:
    """The pins kept in the data directory (``electrum-certificates.json``, 0600, atomic writes)."""
    from wallet.paths import data_dir

    return CertificatePins(data_dir() / PINS_FILE_NAME)


class ElectrumConnection:
    """One open connection to one server; thread-safe (one exchange at a time)."""

    _ids = itertools.count(1)
    _ids_lock = threading.Lock()

    def __init__(self, server: ElectrumServer, pins: CertificatePins | None = None,
                 timeout_s: float = DEFAULT_TIMEOUT_S, first_byte_timeout_s: float = FIRST_BYTE_TIMEOUT_S,
                 max_line_bytes: int = MAX_LINE_BYTES) -> None:
        self.server = server
        self.label = server.label
        self.pins = pins if pins is not None else CertificatePins(None)
        self.timeout_s = timeout_s
        self.first_byte_timeout_s = min(first_byte_timeout_s, timeout_s)
        self.max_line_bytes = max_line_bytes
        self.server_software: str | None = None
        self.exchanges = 0  # round trips, for diagnostics and tests
        self._sock: socket.socket | None = None
        self._buffer = bytearray()
        self._lock = threading.Lock()

    def request(self, method: str, params: list[Any]) -> Any:
        """The result, or ``ElectrumRemoteError`` raised for a JSON-RPC error object."""
        answer = self.request_batch([(method, params)])[0]
        if isinstance(answer, ElectrumRemoteError):
            raise answer
        return answer

    def request_batch(self, calls: Sequence[Call]) -> list[Any]:
        """Each call's result, or the ``ElectrumRemoteError`` it was answered with (returned, not
        raised), in the order of ``calls``; one write and one deadline for all of them."""
        if not calls:
            return []
        if len(calls) > MAX_BATCH_CALLS:
            raise ValueError(f"at most {MAX_BATCH_CALLS} calls per batch")
        with self._lock:
            clock = ExchangeClock(self.first_byte_timeout_s, self.timeout_s)
            try:
                if self._sock is None:
                    self._open(clock)
                return self._exchange(list(calls), clock)
            except ElectrumRemoteError:
                raise
            except BaseException as error:
                self._close()
                raise self._as_electrum_error(error, clock) from None

    def close(self) -> None:
        with self._lock:
            self._close()

    # --- internals -----------------------------------------------------------------------------------
    def _as_electrum_error(self, error: BaseException, clock: ExchangeClock) -> BaseException:
        if isinstance(error, WalletError):
            return error
        if isinstance(error, TimeoutError):
            if not clock.answered:
                return ElectrumSilentError(server=self.label, seconds=f"{self.first_byte_timeout_s:g}")
            return ElectrumTimeoutError(server=self.label, seconds=f"{self.timeout_s:g}")
        if isinstance(error, ssl.SSLError):
            return ElectrumUnreachableError(server=self.label, reason=QT_TRANSLATE_NOOP(
                "WalletError", "the TLS handshake failed"))
        if isinstance(error, OSError):
            return ElectrumUnreachableError(server=self.label, reason=describe_os_error(error))
        return error

    def _open(self, clock: ExchangeClock) -> None:
        sock = open_tcp(self.server.host, self.server.port, clock)
        if self.server.tls:
            sock = self._wrap_tls(sock, clock)
        self._sock = sock
        self._buffer.clear()
        version = self._exchange([("server.version", [CLIENT_NAME, PROTOCOL_VERSION])], clock)[0]
        if isinstance(version, ElectrumRemoteError):
            raise ElectrumVersionError(server=self.label, wanted=PROTOCOL_VERSION, offered=version.params["message"])
        if not (isinstance(version, list) and len(version) == 2 and all(isinstance(v, str) for v in version)):
            raise ElectrumProtocolError(server=self.label, reason=QT_TRANSLATE_NOOP(
                "WalletError", "its answer to server.version is malformed"))
        if version[1] != PROTOCOL_VERSION:
            raise ElectrumVersionError(server=self.label, wanted=PROTOCOL_VERSION, offered=printable(version[1])[:40])
        self.server_software = printable(version[0])[:80]

    def _wrap_tls(self, sock: socket.socket, clock: ExchangeClock) -> socket.socket:
        # Electrum servers mostly present self-signed certificates: no CA check, the pin decides.
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        try:
            secure = context.wrap_socket(sock, server_hostname=self.server.host, do_handshake_on_connect=False)
        except BaseException:
            sock.close()
            raise
        try:
            secure.settimeout(clock.time_left())
            secure.do_handshake()
            certificate = secure.getpeercert(binary_form=True)
            if not certificate:
                raise ElectrumUnreachableError(server=self.label, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "the server presented no TLS certificate"))
            self.pins.check(self.label, hashlib.sha256(certificate).hexdigest())
        except BaseException:
            secure.close()
            raise
        return secure

    def _next_ids(self, count: int) -> list[int]:
        with self._ids_lock:
            return [next(self._ids) for _ in range(count)]

    def _exchange(self, calls: list[Call], clock: ExchangeClock) -> list[Any]:
        assert self._sock is not None
        ids = self._next_ids(len(calls))
        requests = [{"jsonrpc": "2.0", "id": i, "method": m, "params": p} for i, (m, p) in zip(ids, calls, strict=True)]
        # Several calls go as one JSON-RPC batch (an array on one line), which servers answer with one
        # array; answered in any order, matched by id. (Pipelined lines work too, but ElectrumX then
        # holds the session back for a second.)
        payload = json.dumps(requests[0] if len(requests) == 1 else requests).encode() + b"\n"
        self.exchanges += 1
        self._sock.settimeout(clock.time_left())
        self._sock.sendall(payload)
        answers: dict[int, dict[str, Any]] = {}
        read = 0
        while len(answers) < len(ids):
            line = self._read_line(clock)
            read += len(line)
            if read > MAX_EXCHANGE_BYTES:
                raise ElectrumReplyTooLargeError(server=self.label, limit=f"{MAX_EXCHANGE_BYTES // 2 ** 20} MiB")
            if not line.strip():
                continue
            try:
                reply = loads_untrusted(line, MAX_REPLY_JSON_DEPTH)
            except UntrustedJsonError as refusal:
                raise ElectrumProtocolError(server=self.label, reason=(
                    QT_TRANSLATE_NOOP("WalletError", "the body is nested too deeply") if refusal.too_deep
                    else QT_TRANSLATE_NOOP("WalletError", "the body is not JSON"))) from None
            for entry in reply if isinstance(reply, list) and reply else [reply]:
                if isinstance(entry, dict) and "id" not in entry and "method" in entry:
                    continue  # a notification (a subscription's news): not an answer
                entry_id = entry.get("id") if isinstance(entry, dict) else None
                if isinstance(entry_id, bool) or entry_id not in ids or entry_id in answers:
                    raise ElectrumProtocolError(server=self.label, reason=QT_TRANSLATE_NOOP(
                        "WalletError", "the reply does not answer our request"))
                answers[entry_id] = cast(dict[str, Any], entry)
        return [self._answer(answers[i], method) for i, (method, _) in zip(ids, calls, strict=True)]

    def _read_line(self, clock: ExchangeClock) -> bytes:
        assert self._sock is not None
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                line = bytes(self._buffer[:end])
                del self._buffer[:end + 1]
                if len(line) > self.max_line_bytes:
                    break
                return line
            if len(self._buffer) > self.max_line_bytes:
                break
            self._sock.settimeout(clock.time_left())
            chunk = self._sock.recv(_READ_CHUNK_BYTES)
            if not chunk:
                raise ElectrumUnreachableError(server=self.label, reason=QT_TRANSLATE_NOOP(
                    "WalletError", "the server closed the connection"))
            clock.answered = True
            self._buffer += chunk
        raise ElectrumReplyTooLargeError(server=self.label, limit=f"{self.max_line_bytes // 2 ** 20} MiB")

    def _answer(self, reply: dict[str, Any], method: str) -> Any:
        error = reply.get("error")
        if error is not None:
            message = error.get("message") if isinstance(error, dict) else None
            text = printable(message)[:300] if isinstance(message, str) \
                else QT_TRANSLATE_NOOP("WalletError", "no message")
            return ElectrumRemoteError(server=self.label, method=method, message=text)
        if "result" not in reply:
            raise ElectrumProtocolError(server=self.label, reason=QT_TRANSLATE_NOOP(
                "WalletError", "the reply has neither result nor error"))
        return reply["result"]

    def _close(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.close()
        self._sock = None
        self._buffer.clear()


class ElectrumClient:
    """A network's Electrum servers, in order, with failover; each server's genesis block checked
    before its first use; servers caught lying dropped."""

    def __init__(self, network: UtxoNetwork, servers: Sequence[ElectrumServer], pins: CertificatePins | None = None,
                 timeout_s: float = DEFAULT_TIMEOUT_S, first_byte_timeout_s: float = FIRST_BYTE_TIMEOUT_S) -> None:
        self.network = network
        self.pins = pins if pins is not None else CertificatePins(None)
        self.connections = [ElectrumConnection(s, self.pins, timeout_s, first_byte_timeout_s) for s in servers]
        self._verified: set[str] = set()
        self._distrusted: dict[str, WalletError] = {}
        self._failures: dict[str, int] = {}
        self._cooldown_until: dict[str, float] = {}
        self._last_error: dict[str, ElectrumError] = {}
        self._lock = threading.Lock()

    def request(self, method: str, params: list[Any] | None = None,
                parse: Callable[[Any, str], T] | None = None) -> Any:
        """The first usable answer; ``parse(result, server_label)`` checks its shape per server (it
        raises ``ElectrumProtocolError`` for a malformed one, and the next server is asked)."""
        def ask(connection: ElectrumConnection) -> Any:
            result = connection.request(method, params or [])
            return parse(result, connection.label) if parse is not None else result
        return self.call(ask)

    def request_batch(self, calls: Sequence[Call]) -> list[Any]:
        """Every call's result from one server (batches of ``MAX_BATCH_CALLS``); a JSON-RPC error to
        any call is raised (``ElectrumRemoteError``)."""
        def ask(connection: ElectrumConnection) -> list[Any]:
            return batch_on(connection, calls)
        return self.call(ask)

    def call(self, ask: Callable[[ElectrumConnection], T]) -> T:
        """``ask`` run against the servers in order of preference until one succeeds. An
        ``ElectrumError`` from ``ask`` is that server's failure (cooldown); a ``ProofFailedError`` (a header
        or proof that does not verify) means it lied: it is distrusted for good. A JSON-RPC error object
        (``ElectrumRemoteError``) is believed and raised at once."""
        last: WalletError | None = None
        for connection in self._in_preference_order():
            try:
                with self._outcome_recorded(connection):
                    self._verify_network(connection)
                    return ask(connection)
            except ElectrumRemoteError:
                raise
            except ProofFailedError as lie:
                last = ServerCaughtLyingError(server=connection.label, reason=lie)
                self.distrust(connection, last)
            except ElectrumError as error:
                last = error
        raise AllServersFailedError(network=self.network.name, last=last or QT_TRANSLATE_NOOP(
            "WalletError", "no usable Electrum server is configured"))

    def call_each(self, ask: Callable[[ElectrumConnection], T]) -> list[T]:
        """``ask`` run against every trusted server, for what one server could leave out (a server
        may omit a transaction; it cannot make one up): the answers of those that gave one, failures
        and lies handled as in ``call``. ``AllServersFailedError`` when none answered."""
        answers: list[T] = []
        last: WalletError | None = None
        for connection in self._in_preference_order():
            try:
                with self._outcome_recorded(connection):
                    self._verify_network(connection)
                    answers.append(ask(connection))
            except ProofFailedError as lie:
                last = ServerCaughtLyingError(server=connection.label, reason=lie)
                self.distrust(connection, last)
            except ElectrumError as error:
                last = error
        if not answers:
            raise AllServersFailedError(network=self.network.name, last=last or QT_TRANSLATE_NOOP(
                "WalletError", "no usable Electrum server is configured"))
        return answers

    def distrust(self, connection: ElectrumConnection, reason: WalletError) -> None:
        with self._lock:
            self._distrusted[connection.label] = reason
        connection.close()

    @property
    def distrusted(self) -> dict[str, WalletError]:
        with self._lock:
            return dict(self._distrusted)

    def failing_servers(self) -> dict[str, ElectrumError]:
        with self._lock:
            return {label: error for label, error in self._last_error.items() if label not in self._distrusted}

    def close(self) -> None:
        for connection in self.connections:
            connection.close()

    def _in_preference_order(self) -> list[ElectrumConnection]:
        now = time.monotonic()
        with self._lock:
            trusted = [c for c in self.connections if c.label not in self._distrusted]
            ready = [c for c in trusted if self._cooldown_until.get(c.label, 0.0) <= now]
            cooling = sorted((c for c in trusted if c not in ready), key=lambda c: self._cooldown_until[c.label])
        return ready + cooling

    @contextlib.contextmanager
    def _outcome_recorded(self, connection: ElectrumConnection) -> Iterator[None]:
        try:
            yield
        except ElectrumRemoteError:
            self._record(connection, None)
            raise
        except ElectrumError as error:
            self._record(connection, error)
            raise
        self._record(connection, None)

    def _record(self, connection: ElectrumConnection, error: ElectrumError | None) -> None:
        label = connection.label
        with self._lock:
            if error is None:
                self._failures.pop(label, None)
                self._cooldown_until.pop(label, None)
                self._last_error.pop(label, None)
                return
            failures = self._failures.get(label, 0) + 1
            self._failures[label] = failures
            self._last_error[label] = error
            self._cooldown_until[label] = time.monotonic() + min(COOLDOWN_BASE_S * 2 ** (failures - 1), COOLDOWN_MAX_S)

    def _verify_network(self, connection: ElectrumConnection) -> None:
        """Block 0 as the server gives it must hash to the network's genesis: a server of another
        coin or network is refused before anything it says is used."""
        with self._lock:
            if connection.label in self._verified:
                return
        raw = header_bytes(read_on(connection, "blockchain.block.header", [0]), 1, connection.label)
        actual = BlockHeader.parse(raw, 0).hash_hex
        if actual != self.network.genesis_hash:
            error = WrongNetworkError(server=connection.label, actual=actual, network=self.network.name)
            self.distrust(connection, error)
            raise error
        with self._lock:
            self._verified.add(connection.label)


def batch_on(connection: ElectrumConnection, calls: Sequence[Call]) -> list[Any]:
    """Every call's result from ``connection`` (in batches of ``MAX_BATCH_CALLS``); a JSON-RPC error
    to any call is raised."""
    results: list[Any] = []
    for start in range(0, len(calls), MAX_BATCH_CALLS):
        for answer in connection.request_batch(calls[start:start + MAX_BATCH_CALLS]):
            if isinstance(answer, ElectrumRemoteError):
                raise answer
            results.append(answer)
    return results


def read_on(connection: ElectrumConnection, method: str, params: list[Any]) -> Any:
    """A read the server must be able to answer (a header, a history): a JSON-RPC error to it is the
    server's failure (``ElectrumProtocolError``, and the next server is asked), not a refusal to
    believe as a broadcast's is."""
    try:
        return connection.request(method, params)
    except ElectrumRemoteError as refusal:
        raise ElectrumProtocolError(server=connection.label, reason=refusal) from None


def header_bytes(value: Any, count: int, server: str) -> bytes:
    """``count`` concatenated 80-byte headers from a hex string; the server's fault otherwise."""
    if isinstance(value, str) and len(value) == 2 * HEADER_SIZE * count:
        try:
            return bytes.fromhex(value)
        except ValueError:
            pass
    raise ElectrumProtocolError(server=server, reason=QT_TRANSLATE_NOOP("WalletError", "a block header is malformed"))
