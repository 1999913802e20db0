"""Tiny loopback HTTP(S) servers that answer JSON-RPC badly on purpose, for robustness tests: a node
of its own (``hostile_rpc``), or a proxy in front of a real one that mishandles batches (``batch_proxy``)."""

from __future__ import annotations

import datetime
import http.client
import ipaddress
import json
import ssl
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

DEEP_NESTING = 200_000  # far past where json.loads overflows the C stack once eth_account is imported


class _Handler(BaseHTTPRequestHandler):
    server: _HostileServer

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(request["method"])
        mode = self.server.mode
        if request["method"] in self.server.answers:
            self._send_json({"jsonrpc": "2.0", "id": request["id"], "result": self.server.answers[request["method"]]})
            return
        if mode == "silent":  # reads the request, then never says a word (until the server stops)
            self.server.stopping.wait()
            return
        if mode == "drip_headers":  # the status line and headers, one byte every 0.5 s
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + b"X-Padding: " + b"x" * 500
            try:
                for byte in head:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    if self.server.stopping.wait(0.5):
                        return
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if request["method"] == "eth_chainId" and mode in ("wrong_shape", "chain_id_error", "deep"):
            answer = ({"result": hex(self.server.chain_id)} if mode != "chain_id_error"
                      else {"error": {"code": -32601, "message": "the method eth_chainId\u202e does not\r\n exist"}})
            self._send_json({"jsonrpc": "2.0", "id": request["id"], **answer})
            return
        if mode == "chunked":  # an honest "0x1", in 3-byte chunks (as proxies in front of nodes often send)
            body = json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": "0x1"}).encode()
            chunks = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 3]), body[i:i + 3]) for i in range(0, len(body), 3))
            self.wfile.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n")
            return
        if mode == "huge":
            self._send_headers(50 * 1024 * 1024, declare=False)
            chunk = b" " * (1024 * 1024)
            try:
                for _ in range(50):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if mode == "drip":
            self._send_headers(1000)
            try:
                for _ in range(1000):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        body = {
            "garbage": b"\x00\xffnot json at all",
            "truncated": b'{"jsonrpc":"2.0","id":' + str(request["id"]).encode() + b',"result":"0x1',
            "wrong_type": json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": [1, 2]}).encode(),
            # after an honest eth_chainId: a list where a quantity, an object or data belongs
            "wrong_shape": json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": ["0x1", "0x2"]}).encode(),
            # after an honest eth_chainId: a result nested 200,000 deep (400 KB, well under the size cap)
            "deep": b'{"jsonrpc":"2.0","id":%d,"result":' % request["id"] + b"[" * DEEP_NESTING + b"]" * DEEP_NESTING
                    + b"}",
            "chain_id_error": json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": "0x1"}).encode(),
            "wrong_id": json.dumps({"jsonrpc": "2.0", "id": 999999, "result": "0x1"}).encode(),
            "chain_7": json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": "0x7"}).encode(),
            "http_500": b"",
        }[mode]
        if mode == "http_500":
            self.send_response(500)
            self.end_headers()
            return
        self._send_headers(len(body))
        self.wfile.write(body)

    def _send_json(self, reply: object) -> None:
        body = json.dumps(reply).encode()
        self._send_headers(len(body))
        self.wfile.write(body)

    def _send_headers(self, length: int, declare: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if declare:
            self.send_header("Content-Length", str(length))
        self.end_headers()


class _HostileServer(ThreadingHTTPServer):
    daemon_threads = True
    mode = "garbage"
    chain_id = 31337
    requests: list[str]
    answers: Mapping[str, object]
    stopping: threading.Event
    tls: ssl.SSLContext | None = None

    def finish_request(self, request: Any, client_address: Any) -> None:
        # TLS in the connection's own thread, so a client stuck in its handshake blocks nobody else.
        if self.tls is not None:
            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
        super().finish_request(request, client_address)


def self_signed_certificate(directory: Path) -> Path:
    """A CA-style self-signed certificate for 127.0.0.1 (``cert.pem``, key in ``key.pem``); point
    ``SSL_CERT_FILE`` at it to make the client trust a ``hostile_rpc(..., tls_dir=directory)``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hostile node")])
    now = datetime.datetime.now(datetime.UTC)
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    (directory / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    (directory / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return directory / "cert.pem"


@contextmanager
def hostile_rpc(mode: str, requests: list[str] | None = None, chain_id: int = 31337,
                tls_dir: Path | None = None, answers: Mapping[str, object] | None = None) -> Iterator[str]:
    """Serve ``mode`` on a free loopback port; yields the URL. ``requests`` collects the methods asked.

    ``wrong_shape``, ``deep`` and ``chain_id_error`` answer ``eth_chainId`` (with ``chain_id``, or a
    JSON-RPC error), then everything else with a list (``deep``: nested ``DEEP_NESTING`` levels);
    ``silent`` never answers; ``drip_headers`` sends the status line and headers a byte every 0.5 s;
    ``drip`` does the same to the body; ``chunked`` answers "0x1" honestly, in chunked transfer
    encoding. ``answers`` (method → result) are given instead, whatever the mode: an honest block
    number, say, so that the node fails only at the call after it. With ``tls_dir`` (holding
    ``self_signed_certificate``'s files) it serves HTTPS.
    """
    server = _HostileServer(("127.0.0.1", 0), _Handler)
    server.mode = mode
    server.chain_id = chain_id
    server.stopping = threading.Event()
    if tls_dir is not None:
        server.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server.tls.load_cert_chain(tls_dir / "cert.pem", tls_dir / "key.pem")
    server.requests = requests if requests is not None else []
    server.answers = answers or {}
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        scheme = "http" if tls_dir is None else "https"
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}/secret-api-key"
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()


BATCH_REFUSALS = ("refuse_error_object", "refuse_http_400", "refuse_not_array")
BATCH_MALFORMED = ("duplicate_id", "missing_id", "unknown_id", "bool_id", "not_json", "deep_batch")


class _BatchProxyHandler(BaseHTTPRequestHandler):
    server: _BatchProxy

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        request = json.loads(body)
        if not isinstance(request, list):  # a single call: forwarded untouched
            self.server.requests.append(request["method"])
            self._send(200, self.server.forward(body))
            return
        self.server.requests.append("batch")
        mode = self.server.mode
        if mode == "refuse_http_400":
            self._send(400, b'{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"batch not allowed"}}')
            return
        if mode == "refuse_error_object":  # what nodes with batches switched off answer
            self._send(200, json.dumps({"jsonrpc": "2.0", "id": None, "error": {
                "code": -32600, "message": "batch requests are not supported"}}).encode())
            return
        if mode == "refuse_not_array":  # a node that reads the first call of the array and answers it alone
            self._send(200, self.server.forward(json.dumps(request[0]).encode()))
            return
        # Each call asked alone upstream (so a proxy that cannot batch can sit behind this one), the
        # answers returned in reverse order: a client must match them by id, not position.
        answers = [json.loads(self.server.forward(json.dumps(call).encode())) for call in request][::-1]
        if mode == "duplicate_id":
            answers[1]["id"] = answers[0]["id"]
        elif mode == "missing_id":
            answers.pop()
        elif mode == "unknown_id":
            answers[0]["id"] = 10**9
        elif mode == "bool_id":
            answers[0]["id"] = True
        reply = json.dumps(answers).encode()
        if mode == "not_json":
            reply = reply[:-1]
        elif mode == "deep_batch":
            reply = b"[" + b"[" * DEEP_NESTING + b"]" * DEEP_NESTING + b"]"
        self._send(200, reply)

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _BatchProxy(ThreadingHTTPServer):
    daemon_threads = True
    mode = "split"
    upstream = ""
    requests: list[str]

    def forward(self, body: bytes) -> bytes:
        target = urlparse(self.upstream)
        connection = http.client.HTTPConnection(target.hostname or "", target.port, timeout=10)
        try:
            connection.request("POST", target.path or "/", body, {"Content-Type": "application/json"})
            return connection.getresponse().read()
        finally:
            connection.close()


@contextmanager
def batch_proxy(upstream: str, mode: str = "split", requests: list[str] | None = None) -> Iterator[str]:
    """A proxy to ``upstream`` (a real node) that forwards single calls untouched and handles batches
    by ``mode``; yields its URL. ``requests`` collects each call's method, or "batch".

    ``split`` answers a batch honestly (each call asked alone upstream, so a proxy that cannot batch,
    like ``tests.lying_rpc``, can sit behind it), in reverse order. The ways real nodes refuse
    batches: ``refuse_error_object`` (one JSON-RPC error object), ``refuse_http_400`` (HTTP 400),
    ``refuse_not_array`` (the first call's answer alone). Malformed batch replies: ``duplicate_id``,
    ``missing_id``, ``unknown_id``, ``bool_id`` (``true`` for the id 1), ``not_json`` (truncated),
    ``deep_batch`` (nested ``DEEP_NESTING`` levels).
    """
    if mode not in ("split", *BATCH_REFUSALS, *BATCH_MALFORMED):
        raise ValueError(mode)
    server = _BatchProxy(("127.0.0.1", 0), _BatchProxyHandler)
    server.mode = mode
    server.upstream = upstream
    server.requests = requests if requests is not None else []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
