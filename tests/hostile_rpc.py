"""A tiny loopback HTTP server that answers JSON-RPC badly on purpose, for robustness tests."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    server: _HostileServer

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(request["method"])
        mode = self.server.mode
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
        if request["method"] == "eth_chainId" and mode in ("wrong_shape", "chain_id_error"):
            answer = ({"result": hex(self.server.chain_id)} if mode == "wrong_shape"
                      else {"error": {"code": -32601, "message": "the method eth_chainId does not exist"}})
            self._send_json({"jsonrpc": "2.0", "id": request["id"], **answer})
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
    stopping: threading.Event


@contextmanager
def hostile_rpc(mode: str, requests: list[str] | None = None,
                chain_id: int = 31337) -> Iterator[str]:
    """Serve ``mode`` on a free loopback port; yields the URL. ``requests`` collects the methods asked.

    ``wrong_shape`` and ``chain_id_error`` answer ``eth_chainId`` (with ``chain_id``, or a JSON-RPC
    error), then everything else with a list; ``silent`` never answers; ``drip_headers`` sends the
    status line and headers a byte every 0.5 s; ``drip`` does the same to the body.
    """
    server = _HostileServer(("127.0.0.1", 0), _Handler)
    server.mode = mode
    server.chain_id = chain_id
    server.stopping = threading.Event()
    server.requests = requests if requests is not None else []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/secret-api-key"
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
