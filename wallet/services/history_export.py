"""History as the user sees it: the wallet's own sent transactions merged with the transfers the
history sync found, one row per movement; and its CSV export, in Electrum's columns.

No Qt here: the History page's model (``wallet.ui.history_model``) shows these rows, and a bench can
build 10,000 of them without a window.

Merging: a found transfer whose transaction is one of our own records (same hash) is not shown again
(the record is the richer row: status, fee, nonce, replacements). A transfer between two of our own
accounts is one row, named on both sides. Rows are newest first: by time, then by block.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from wallet.store.transactions import TxRecord
from wallet.store.transfers import Transfer

SENT, RECEIVED, OWN = "sent", "received", "own"  # direction of a row, as seen from the wallet


@dataclass(frozen=True)
class HistoryRow:
    key: str  # stable across refreshes: "tx:<record id>" or "transfer:<hash>:<log index>"
    tx_hash: str
    timestamp: float | None  # Unix seconds (a found transfer: its block's time; our record: when sent)
    direction: str  # SENT, RECEIVED or OWN (between two of our accounts)
    sender: str
    recipient: str
    token: str | None  # None: the chain's coin
    symbol: str | None  # None: a token not in the tracked list (History hides those by default)
    decimals: int | None
    amount: int
    block_number: int | None
    fee: int | None  # in the coin's smallest unit, when known
    record: TxRecord | None = None  # the wallet's own record behind the row
    transfer: Transfer | None = None

    @property
    def known_asset(self) -> bool:
        return self.token is None or self.symbol is not None


def created_timestamp(record: TxRecord) -> float | None:
    """When a record was made (``created_at`` is UTC, as SQLite writes it)."""
    try:
        moment = datetime.fromisoformat(record.created_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def record_rows(records: Sequence[TxRecord], own: Iterable[str]) -> list[HistoryRow]:
    """The wallet's own records as rows, in the records' order."""
    ours = {a.lower() for a in own}
    return [HistoryRow(f"tx:{record.id}", record.hash, created_timestamp(record),
                       OWN if record.recipient.lower() in ours and record.kind in ("send", "speedup") else SENT,
                       record.sender, record.recipient, record.token, record.symbol, record.decimals, record.amount,
                       record.block_number, record.fee_paid, record=record)
            for record in records]


def transfer_rows(transfers: Iterable[Transfer], own: Iterable[str]) -> list[HistoryRow]:
    """Found transfers as rows, in the transfers' order (the costly half of a merge: a task makes it)."""
    ours = {a.lower() for a in own}
    rows = []
    for transfer in transfers:
        sent, received = transfer.sender.lower() in ours, transfer.recipient.lower() in ours
        rows.append(HistoryRow(f"transfer:{transfer.tx_hash}:{transfer.log_index}", transfer.tx_hash,
                               None if transfer.timestamp is None else float(transfer.timestamp),
                               OWN if sent and received else SENT if sent else RECEIVED,
                               transfer.sender, transfer.recipient, transfer.token, transfer.symbol,
                               transfer.decimals, transfer.amount, transfer.block_number, None, transfer=transfer))
    return rows


def merge_rows(records: Sequence[HistoryRow], transfers: Iterable[HistoryRow],
               show_unknown_tokens: bool = False) -> list[HistoryRow]:
    """Newest first. A transfer in one of our own records' transactions is left out (the record is the
    row), and so are transfers of tokens outside the tracked list unless ``show_unknown_tokens``."""
    recorded = {r.tx_hash.lower() for r in records}
    rows = list(records)
    rows += [t for t in transfers
             if t.tx_hash.lower() not in recorded and (show_unknown_tokens or t.known_asset)]
    # Records are newest first already (by id); a stable sort keeps that order among equal times.
    rows.sort(key=lambda r: (r.timestamp if r.timestamp is not None else 0.0, r.block_number or 0), reverse=True)
    return rows


def merge_history(records: Sequence[TxRecord], transfers: Iterable[Transfer], own: Iterable[str],
                  show_unknown_tokens: bool = False) -> list[HistoryRow]:
    """``record_rows`` and ``transfer_rows`` merged by ``merge_rows``. ``own``: the wallet's addresses."""
    own = list(own)
    return merge_rows(record_rows(records, own), transfer_rows(transfers, own), show_unknown_tokens)


# Records whose amount moved nothing: an approval's allowance, a cancellation, a swap claim or refund
# (their own value is none; what they release is the swap engine's business).
NO_VALUE_KINDS = frozenset({"approve", "cancel", "htlc_claim", "htlc_refund"})


def moves_value(row: HistoryRow) -> bool:
    return row.record is None or row.record.kind not in NO_VALUE_KINDS


def signed_amount(row: HistoryRow) -> int:
    """The CSV value: received is positive, sent negative, an approval or cancellation 0; between our
    own accounts nothing left the wallet, and the amount moved is given unsigned."""
    if not moves_value(row):
        return 0
    return -row.amount if row.direction == SENT else row.amount


# Electrum's history export columns first (``transaction_hash, label, confirmations, value,
# fiat_value, fee, fiat_fee, timestamp``), then what an account-based chain adds.
CSV_COLUMNS = ("transaction_hash", "label", "confirmations", "value", "fiat_value", "fee", "fiat_fee",
               "timestamp", "asset", "token_contract", "from", "to", "direction", "status", "block", "nonce")


def csv_status(row: HistoryRow) -> str:
    """The status a CSV gives, the same in every UI language: our record's status and, for other
    kinds than a plain send, its kind (``confirmed swap``); a transfer found on the chain is mined."""
    record = row.record
    if record is None:
        return "confirmed"
    return record.status if record.kind == "send" else f"{record.status} {record.kind}"


def history_csv(rows: Sequence[HistoryRow], coin_symbol: str, coin_decimals: int, head: int | None,
                labels: Mapping[str, str], statuses: Mapping[str, str]) -> str:
    """The rows as CSV text. ``labels``: a name per lower-case address (accounts, contacts, ENS);
    ``statuses``: the status per row key (``csv_status``). Values are decimal text in whole units (signed: sent
    is negative); fees in the coin; timestamps ISO 8601 in UTC. No fiat values (left empty, as
    Electrum does without a rate source). Text cells that a spreadsheet would run as a formula are
    prefixed with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        counterparty = row.sender if row.direction == RECEIVED else row.recipient
        decimals = row.decimals if row.decimals is not None else coin_decimals if row.token is None else 0
        asset = row.symbol or (row.token or coin_symbol) if row.token is not None else coin_symbol
        confirmations = "" if head is None or row.block_number is None else str(max(0, head - row.block_number + 1))
        timestamp = "" if row.timestamp is None else datetime.fromtimestamp(row.timestamp, UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        writer.writerow([
            row.tx_hash, _cell(labels.get(counterparty.lower(), "")), confirmations,
            _decimal(signed_amount(row), decimals), "", "" if row.fee is None else _decimal(row.fee, coin_decimals),
            "", timestamp, _cell(asset), row.token or "", row.sender, row.recipient, row.direction,
            _cell(statuses.get(row.key, "")), "" if row.block_number is None else str(row.block_number),
            "" if row.record is None else str(row.record.nonce)])
    return out.getvalue()


def _decimal(raw: int, decimals: int) -> str:
    """Plain decimal text (no thousands separators: a CSV reader would split or misread them)."""
    whole, fraction = divmod(abs(raw), 10**decimals)
    digits = str(fraction).rjust(decimals, "0").rstrip("0") if decimals else ""
    return ("-" if raw < 0 else "") + str(whole) + (f".{digits}" if digits else "")


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
