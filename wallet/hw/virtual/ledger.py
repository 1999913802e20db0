"""A virtual Ledger running the Ethereum app, speaking 64-byte HID reports.

It parses what the device parses, strictly: the HID framing (a malformed frame from the host is a
protocol violation, raised loudly), the APDU header and lengths, BIP-32 paths, and the RLP of the
transaction it signs. It records what its screen would show, and lets a test approve, reject, hold
a decision (to time the host out), lock the device, close the app, unplug it after N reports, or
corrupt its next reply frame.

Token descriptors (PROVIDE ERC 20 TOKEN INFORMATION) follow app-ethereum's
``src_features/provideErc20TokenInformation`` and its ERC-20 plugin (``src_plugins/erc20``): the
descriptor's chain must be one the app knows, its signature must verify (SHA-256, ECDSA) against
the CAL key the device holds (Ledger's production key unless a test gives its own), else 0x6A80;
an accepted token is remembered until the next transaction ends, and a transfer or approval of it
is shown in clear ("Amount USDT 1.5", the recipient) without needing blind signing. Any other
contract data is blind signing: refused (0x6A80) unless the setting is on, and shown as such.
"""

from __future__ import annotations

import struct
from hashlib import sha256
from typing import Any, Literal, NamedTuple

import rlp
from coincurve import PrivateKey, PublicKey

from wallet.chains.address import eth_address_from_public_key, keccak256, to_checksum_address
from wallet.hw.ledger_framing import FramingError, Reassembler, frame
from wallet.hw.ledger_tokens import CAL_PUBLIC_KEY
from wallet.hw.virtual.hid_device import VirtualHidDevice, VirtualProtocolViolationError
from wallet.keys.derivation import HdKeychain
from wallet.keys.paths import path_from_indices

LEDGER_VENDOR_ID = 0x2C97
NANO_X_PRODUCT_ID = 0x4011
APP_VERSION = (1, 10, 3)
SW_OK, SW_REJECTED, SW_LOCKED, SW_BAD_DATA = 0x9000, 0x6985, 0x5515, 0x6A80
SW_WRONG_LENGTH, SW_INS_UNKNOWN, SW_CLA_UNKNOWN = 0x6700, 0x6D00, 0x6E00
Decision = Literal["approve", "reject", "hold"]
MAX_TICKER_BYTES = 11  # tokenDefinition_t.ticker is 12 bytes with the terminating zero
MAX_ASSETS = 2  # descriptors held at once, in rotating slots
ERC20_TRANSFER, ERC20_APPROVE = bytes.fromhex("a9059cbb"), bytes.fromhex("095ea7b3")
# app-ethereum src/network.c NETWORK_MAPPING: the chains a descriptor may name (app_compatible_with_chain_id)
KNOWN_CHAIN_IDS = frozenset({
    1, 3, 4, 5, 10, 14, 16, 19, 24, 25, 30, 40, 42, 50, 51, 56, 57, 61, 66, 82, 99, 100, 106, 137, 138, 196, 199,
    246, 248, 250, 288, 300, 321, 324, 336, 369, 592, 888, 943, 1030, 1088, 1101, 1116, 1135, 1284, 1285, 1818,
    1907, 2222, 3776, 4201, 4202, 4689, 4690, 4919, 5000, 5003, 7000, 7171, 7341, 8217, 8453, 9001, 10200, 10507,
    17000, 39797, 42161, 42220, 42793, 43114, 44787, 47763, 52014, 59141, 59144, 60808, 62320, 62621, 73799,
    81457, 84532, 153153, 200810, 200901, 421614, 534351, 534352, 534353, 543210, 5201420, 11155111, 11155420,
    12227332, 20531811, 20531812, 168587773, 245022926, 245022934, 994873017, 11297108109})


class VirtualLedger(VirtualHidDevice):
    def __init__(self, seed: bytes, serial: str = "VLEDGER0001", cal_public_key: bytes = CAL_PUBLIC_KEY) -> None:
        super().__init__(f"virtual-ledger:{serial}".encode())
        self.cal_public_key = cal_public_key
        self.keychain = HdKeychain(seed)
        self.serial = serial
        self.app = "Ethereum"  # anything else behaves like the dashboard or another app
        self.locked = False
        self.blind_signing = True
        self.decision: Decision = "approve"
        self.corrupt_next_reply = False
        self.screens: list[list[str]] = []
        self.reports_by_ins: dict[int, int] = {}
        self._reassembler = Reassembler()
        self._held: bytes | None = None
        self._stream: dict[str, Any] | None = None
        self._tokens: list[tuple[bytes, str, int] | None] = [None] * MAX_ASSETS  # (address, ticker, decimals)
        self._next_asset = 0

    # --- the hid.device interface -------------------------------------------------------------
    def hid_entry(self) -> dict[str, Any]:
        return {"path": self.path, "vendor_id": LEDGER_VENDOR_ID, "product_id": NANO_X_PRODUCT_ID,
                "usage_page": 0xFFA0, "interface_number": 0, "product_string": "Nano X (virtual)",
                "serial_number": self.serial, "manufacturer_string": "Ledger"}

    def _receive(self, report: bytes) -> None:
        try:
            apdu = self._reassembler.feed(report)
        except FramingError as error:
            raise VirtualProtocolViolationError(str(error)) from None
        if apdu is not None:
            self.reports_by_ins[apdu[1] if len(apdu) > 1 else -1] = self.reports_by_ins.get(
                apdu[1] if len(apdu) > 1 else -1, 0) + len(frame(apdu))
            self._reply(self.process_apdu(apdu))

    # --- what a person does with the device --------------------------------------------------
    def approve(self) -> None:
        self._decide(True)

    def reject(self) -> None:
        self._decide(False)

    def plug_in(self) -> None:
        self.plugged = True
        self.unplug_after_reports = None
        self._reassembler = Reassembler()

    # --- the app -----------------------------------------------------------------------------
    def process_apdu(self, apdu: bytes) -> bytes | None:
        """The app's reply (data + status word) to one command APDU, or None while a decision is held.
        The HID path calls it after reassembly; an emulator socket (Speculos-style) can call it directly."""
        self._held = None
        if len(apdu) < 5 or apdu[4] != len(apdu) - 5:
            return _sw(SW_WRONG_LENGTH)
        cla, ins, p1, p2, data = apdu[0], apdu[1], apdu[2], apdu[3], apdu[5:]
        if self.app != "Ethereum" or cla != 0xE0:
            return _sw(SW_CLA_UNKNOWN)
        if self.locked:
            return _sw(SW_LOCKED)
        try:
            if ins == 0x06:
                return bytes([0x01 if self.blind_signing else 0x00, *APP_VERSION]) + _sw(SW_OK)
            if ins == 0x02:
                return self._get_address(p1, p2, data)
            if ins == 0x04:
                return self._sign_transaction(p1, data)
            if ins == 0x08:
                return self._sign_personal(p1, data)
            if ins == 0x0A:
                return self._provide_token(data)
            if ins == 0x0C and p2 == 0x00:
                return self._sign_eip712(data)
        except (ValueError, IndexError, rlp.DecodingError, struct.error):
            self._stream = None
            if ins == 0x04:
                self._forget_tokens()
            return _sw(SW_BAD_DATA)
        return _sw(SW_INS_UNKNOWN)

    def _get_address(self, p1: int, p2: int, data: bytes) -> bytes | None:
        path, rest = _path(data)
        if rest or p1 not in (0, 1) or p2 not in (0, 1):
            raise ValueError("bad address request")
        public = PrivateKey(self.keychain.private_key(path)).public_key.format(compressed=False)
        address = eth_address_from_public_key(public)
        reply = bytes([65]) + public + bytes([40]) + address[2:].encode() + _sw(SW_OK)
        if p1 == 1:
            return self._confirm(["Verify address", address], reply)
        return reply

    def _sign_transaction(self, p1: int, data: bytes) -> bytes | None:
        if p1 == 0x00:
            path, chunk = _path(data)
            self._stream = {"kind": "tx", "path": path, "data": chunk}
        elif p1 == 0x80 and self._stream and self._stream["kind"] == "tx":
            self._stream["data"] += data
        else:
            raise ValueError("transaction chunk out of order")
        payload = self._stream["data"]
        expected = _payload_length(payload)
        if expected is None or len(payload) < expected:
            return _sw(SW_OK)  # more to come
        if len(payload) > expected:
            raise ValueError("bytes after the transaction")
        path, self._stream = self._stream["path"], None
        tx = _describe(payload)
        screen = self._token_screen(tx)
        if screen is None:
            if tx.data and not self.blind_signing:
                raise ValueError("blind signing is off")
            screen = ["Blind signing", *tx.screen] if tx.data else tx.screen
        self._forget_tokens()  # the app resets its context once the transaction is decided
        parity, r, s = self._sign(path, keccak256(payload))
        chain_id = tx.chain_id
        v = parity if tx.typed else ((chain_id * 2 + 35 + parity) & 0xFF if chain_id is not None else 27 + parity)
        return self._confirm(screen, bytes([v]) + r + s + _sw(SW_OK))

    def _provide_token(self, data: bytes) -> bytes:
        """PROVIDE ERC 20 TOKEN INFORMATION: ticker length, ticker, address, decimals (4), chain id (4),
        DER signature of SHA-256(ticker ‖ address ‖ decimals ‖ chain id) by the CAL key."""
        length = data[0]
        if length > MAX_TICKER_BYTES or len(data) < 1 + length + 28:
            raise ValueError("bad token information")
        signed = data[1:1 + length + 28]
        ticker, address = signed[:length], signed[length:length + 20]
        decimals, chain_id = struct.unpack(">II", signed[length + 20:])
        if chain_id not in KNOWN_CHAIN_IDS:
            raise ValueError("a chain the app does not know")
        try:
            valid = PublicKey(self.cal_public_key).verify(data[1 + length + 28:], sha256(signed).digest(), hasher=None)
        except ValueError:  # not DER
            valid = False
        if not valid:
            raise ValueError("invalid token signature")
        index = self._next_asset
        self._tokens[index] = (address, ticker.decode("latin-1"), decimals & 0xFF)
        self._next_asset = (index + 1) % MAX_ASSETS
        return bytes([index]) + _sw(SW_OK)

    def _token_screen(self, tx: _Transaction) -> list[str] | None:
        """The ERC-20 plugin's screens for a transfer or approval of a provided token, else None
        (the app then falls back to its generic, blind-signing display)."""
        if tx.data[:4] not in (ERC20_TRANSFER, ERC20_APPROVE) or tx.value:
            return None  # the plugin refuses to run with coin attached
        token = next((t for t in self._tokens if t is not None and t[0] == tx.to), None)
        if token is None:
            return None
        data = tx.data
        if len(data) != 4 + 32 + 32 or any(data[4:16]):
            raise ValueError("an ERC-20 call the plugin cannot parse")
        _, ticker, decimals = token
        amount = int.from_bytes(data[36:68], "big")
        shown = f"Unlimited {ticker}" if amount == 2**256 - 1 else f"{ticker} {_adjust_decimals(amount, decimals)}"
        head = ["Review transaction"] + (["Type Approve"] if data[:4] == ERC20_APPROVE else [])
        return [*head, f"Amount {shown}", f"Address {to_checksum_address('0x' + data[16:36].hex())}",
                *tx.screen[3:]]

    def _forget_tokens(self) -> None:
        self._tokens = [None] * MAX_ASSETS
        self._next_asset = 0

    def _sign_personal(self, p1: int, data: bytes) -> bytes | None:
        if p1 == 0x00:
            path, rest = _path(data)
            (length,) = struct.unpack(">I", rest[:4])
            self._stream = {"kind": "message", "path": path, "length": length, "data": rest[4:]}
        elif p1 == 0x80 and self._stream and self._stream["kind"] == "message":
            self._stream["data"] += data
        else:
            raise ValueError("message chunk out of order")
        message, length = self._stream["data"], self._stream["length"]
        if len(message) < length:
            return _sw(SW_OK)
        if len(message) > length:
            raise ValueError("message longer than announced")
        path, self._stream = self._stream["path"], None
        digest = keccak256(b"\x19Ethereum Signed Message:\n" + str(length).encode() + message)
        preview = message.decode("utf-8", errors="replace") if message.isascii() else "0x" + message.hex()
        parity, r, s = self._sign(path, digest)
        return self._confirm(["Sign message", preview[:64]], bytes([27 + parity]) + r + s + _sw(SW_OK))

    def _sign_eip712(self, data: bytes) -> bytes | None:
        path, rest = _path(data)
        if len(rest) != 64:
            raise ValueError("EIP-712 v0 takes two 32-byte hashes")
        domain, message = rest[:32], rest[32:]
        parity, r, s = self._sign(path, keccak256(b"\x19\x01" + domain + message))
        return self._confirm(["Sign typed message", "Domain hash " + domain.hex(), "Message hash " + message.hex()],
                             bytes([27 + parity]) + r + s + _sw(SW_OK))

    def _sign(self, path: str, digest: bytes) -> tuple[int, bytes, bytes]:
        signature = PrivateKey(self.keychain.private_key(path)).sign_recoverable(digest, hasher=None)
        return signature[64], signature[:32], signature[32:64]

    def _confirm(self, screen: list[str], reply: bytes) -> bytes | None:
        self.screens.append(screen)
        if self.decision == "approve":
            return reply
        if self.decision == "reject":
            return _sw(SW_REJECTED)
        self._held = reply
        return None

    def _decide(self, approve: bool) -> None:
        with self._condition:
            if self._held is not None:
                self._reply(self._held if approve else _sw(SW_REJECTED))
                self._held = None

    def _reply(self, reply: bytes | None) -> None:
        if reply is None:
            return
        reports = frame(reply)
        if self.corrupt_next_reply:
            self.corrupt_next_reply = False
            reports[0] = b"\x09\x09" + reports[0][2:]  # a wrong channel id
        self._queue(reports)


def _sw(status: int) -> bytes:
    return status.to_bytes(2, "big")


def _path(data: bytes) -> tuple[str, bytes]:
    count = data[0]
    if not 1 <= count <= 10 or len(data) < 1 + 4 * count:
        raise ValueError("bad BIP-32 path")
    indices = struct.unpack(f">{count}I", data[1:1 + 4 * count])
    return path_from_indices(list(indices)), data[1 + 4 * count:]


def _payload_length(payload: bytes) -> int | None:
    """Total length of the unsigned transaction (type byte + RLP list) once its header is in."""
    offset = 1 if payload and payload[0] in (0x01, 0x02) else 0
    if len(payload) < offset + 1:
        return None
    prefix = payload[offset]
    if prefix < 0xC0:
        raise ValueError("not an RLP list")
    if prefix <= 0xF7:
        return offset + 1 + prefix - 0xC0
    size_bytes = prefix - 0xF7
    if len(payload) < offset + 1 + size_bytes:
        return None
    return offset + 1 + size_bytes + int.from_bytes(payload[offset + 1:offset + 1 + size_bytes], "big")


class _Transaction(NamedTuple):
    screen: list[str]  # the generic review
    chain_id: int | None
    typed: bool
    to: bytes
    value: int
    data: bytes


def _describe(payload: bytes) -> _Transaction:
    """The transaction's fields and generic review screen, parsed from the RLP."""
    typed = payload[0] in (0x01, 0x02)
    fields = rlp.decode(payload[1:] if typed else payload)
    chain_id: int | None
    if typed:
        chain_id = int.from_bytes(fields[0], "big")
        to, value, data = fields[5:8] if payload[0] == 0x02 else fields[4:7]
        fees = (f"Max fee {int.from_bytes(fields[3], 'big')} wei/gas" if payload[0] == 0x02
                else f"Gas price {int.from_bytes(fields[2], 'big')} wei")
    else:
        to, value, data = fields[3], fields[4], fields[5]
        chain_id = int.from_bytes(fields[6], "big") if len(fields) == 9 else None
        fees = f"Gas price {int.from_bytes(fields[1], 'big')} wei"
    recipient = "0x" + bytes(to).hex() if to else "contract creation"
    screen = ["Review transaction", f"Amount {int.from_bytes(value, 'big')} wei", f"Address {recipient}", fees,
              f"Network {chain_id}" if chain_id is not None else "Network (none)"]
    if data:
        screen.append(f"Data 0x{bytes(data)[:4].hex()}… ({len(data)} bytes)")
    return _Transaction(screen, chain_id, typed, bytes(to), int.from_bytes(value, "big"), bytes(data))


def _adjust_decimals(amount: int, decimals: int) -> str:
    """The app's adjustDecimals: the integer with a point ``decimals`` digits from the right, and
    trailing zeros (and a bare point) removed."""
    digits = str(amount).rjust(decimals + 1, "0")
    whole, fraction = digits[:len(digits) - decimals], digits[len(digits) - decimals:]
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole
