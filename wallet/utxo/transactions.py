"""Raw Bitcoin/Litecoin transactions, parsed only as far as checking a server needs: the id they
hash to, their inputs' outpoints and their outputs (value and script).

Written here rather than taken from a library because it must be strict about untrusted bytes (every
length bounded by what is left, nothing after the lock time, no flags we do not know) and typed; it
signs nothing and judges no script. Litecoin's MWEB flag (0x08) is refused: Electrum servers serve
such transactions stripped (``litecoind -rpcserialversion=1``).
"""

from __future__ import annotations

from dataclasses import dataclass

from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.errors import InvalidProofError
from wallet.utxo.headers import sha256d

MAX_TRANSACTION_BYTES = 4_000_000  # a block's weight limit bounds any transaction below this
# Bitcoin's Merkle tree cannot tell a 64-byte transaction from an inner node; none is standard.
AMBIGUOUS_SIZE = 64


@dataclass(frozen=True)
class TxOutput:
    value: int  # in the coin's smallest unit (satoshi, litoshi)
    script: bytes


@dataclass(frozen=True)
class Outpoint:
    txid: str
    index: int


@dataclass(frozen=True)
class Transaction:
    txid: str  # display order
    inputs: tuple[Outpoint, ...]
    outputs: tuple[TxOutput, ...]
    size: int  # without witness


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, count: int) -> bytes:
        if count < 0 or self.pos + count > len(self.data):
            raise ValueError("truncated")
        chunk = self.data[self.pos:self.pos + count]
        self.pos += count
        return chunk

    def uint(self, size: int) -> int:
        return int.from_bytes(self.take(size), "little")

    def varint(self) -> int:
        first = self.uint(1)
        value = first if first < 0xFD else self.uint({0xFD: 2, 0xFE: 4, 0xFF: 8}[first])
        if first >= 0xFD and value < {0xFD: 0xFD, 0xFE: 0x10000, 0xFF: 0x100000000}[first]:
            raise ValueError("non-canonical length")
        return value

    def count(self, smallest_item: int) -> int:
        value = self.varint()
        if value * smallest_item > len(self.data) - self.pos:
            raise ValueError("count beyond the data")
        return value

    def var_bytes(self) -> bytes:
        return self.take(self.varint())


def parse_transaction(raw: bytes, expected_txid: str) -> Transaction:
    """``raw`` parsed, once it hashes to ``expected_txid``; ``InvalidProofError`` otherwise."""
    transaction = read_transaction(raw, expected_txid)
    if transaction.txid != expected_txid:
        raise InvalidProofError(txid=expected_txid, reason=QT_TRANSLATE_NOOP(
            "WalletError", "the transaction does not hash to its id"))
    return transaction


def read_transaction(raw: bytes, name: str = "?") -> Transaction:
    """``raw`` parsed, with the id it hashes to; ``InvalidProofError`` (naming ``name``) when it is
    not a transaction we can read."""
    def refuse(reason: str) -> InvalidProofError:
        return InvalidProofError(txid=name, reason=reason)

    if len(raw) > MAX_TRANSACTION_BYTES:
        raise refuse(QT_TRANSLATE_NOOP("WalletError", "the transaction is too large"))
    reader = _Reader(raw)
    try:
        version = reader.take(4)
        segwit = raw[4:5] == b"\x00" and len(raw) > 5 and raw[5] != 0
        if segwit:
            reader.take(1)
            if reader.uint(1) != 1:
                raise refuse(QT_TRANSLATE_NOOP("WalletError", "the transaction format is not supported"))
        body_start = reader.pos
        inputs = []
        for _ in range(reader.count(41)):
            prev, index = reader.take(32), reader.uint(4)
            reader.var_bytes()
            reader.take(4)
            inputs.append(Outpoint(prev[::-1].hex(), index))
        outputs = []
        for _ in range(reader.count(9)):
            value = reader.uint(8)
            outputs.append(TxOutput(value, reader.var_bytes()))
        body = raw[body_start:reader.pos]
        if segwit:
            for _ in inputs:
                for _ in range(reader.count(1)):
                    reader.var_bytes()
        lock_time = reader.take(4)
    except (ValueError, KeyError):
        raise refuse(QT_TRANSLATE_NOOP("WalletError", "the transaction cannot be parsed")) from None
    if reader.pos != len(raw) or not inputs or not outputs:
        raise refuse(QT_TRANSLATE_NOOP("WalletError", "the transaction cannot be parsed"))
    stripped = version + body + lock_time
    if len(stripped) == AMBIGUOUS_SIZE:
        raise refuse(QT_TRANSLATE_NOOP("WalletError", "a 64-byte transaction cannot be proven"))
    return Transaction(sha256d(stripped)[::-1].hex(), tuple(inputs), tuple(outputs), len(stripped))
