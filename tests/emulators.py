"""Loopback servers speaking the emulators' wire protocols, backed by the virtual devices' firmware:
Speculos's APDU socket (TCP, 4-byte lengths) and the Trezor emulator's UDP packets."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from wallet.hw.virtual.ledger import VirtualLedger
from wallet.hw.virtual.trezor import VirtualTrezor


def _receive(connection: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


@contextmanager
def speculos(ledger: VirtualLedger) -> Iterator[str]:
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection:
                try:
                    while True:
                        command = _receive(connection, int.from_bytes(_receive(connection, 4), "big"))
                        reply = ledger.process_apdu(command) or b"\x69\x85"
                        connection.sendall(len(reply[:-2]).to_bytes(4, "big") + reply)
                except (ConnectionError, OSError):
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        server.close()


@contextmanager
def trezor_udp_emulator(trezor: VirtualTrezor) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                packet, client = sock.recvfrom(64)
            except TimeoutError:
                continue
            if packet == b"PINGPING":
                sock.sendto(b"PONGPONG", client)
                continue
            trezor.write(b"\0" + packet.ljust(64, b"\0"))
            while report := bytes(trezor.read(64, 0)):
                sock.sendto(report, client)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{sock.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        sock.close()
