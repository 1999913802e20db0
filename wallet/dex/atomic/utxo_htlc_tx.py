"""Transactions of the UTXO HTLC leg (``utxo_htlc``): the claim and the refund, signed with embit
(BIP-143 signature hash over the witness script, SIGHASH_ALL); the audit of a counterparty's
funding through ``VerifiedElectrum`` (Merkle-proven); and reading the secret from a claim.

* Claim: one input spending the contract's P2WSH output, ``nSequence = 0xfffffffe``, ``nLockTime = 0``,
  witness ``[signature, pubkey, secret, 0x01, script]``.
* Refund: the same, with ``nLockTime`` = the contract's locktime and witness ``[signature, pubkey,
  <empty>, script]``. Nodes refuse it as ``non-final`` until ``utxo_htlc.refund_is_final``.
* Fees: a rate in units per virtual byte, given when the transaction is built (i.e. when it is sent,
  not when the swap started: rates change over the hours a swap lasts); the virtual size is that of
  the signed transaction with its actual witness. A spend stuck at too low a fee cannot be replaced
  on Litecoin (Litecoin Core 0.21 accepts no replacement: on regtest even one signalling BIP-125
  at five times the fee was refused as ``txn-mempool-conflict``): it is bumped by a child spending
  its output (CPFP), which is ours in both the claim and the refund.
* Audit: the script must be the contract with our hash and our key; its locktime far enough ahead
  (measured from the latest verified block's own timestamp, which runs ahead of median-time-past:
  the lag is margin we do not count on); an unspent output paying the P2WSH at least the value,
  proven in our header chain, with enough confirmations. Unspentness is the server's word until a
  spend is mined (``wallet.utxo.verified``).
* Secret: the contract's scripthash history, mempool included; any input whose witness is a claim of
  this script carries the secret, which is believed only when it hashes to the contract's hash.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from embit import ec, hashes  # type: ignore[import-untyped, unused-ignore]
from embit.base import EmbitError  # type: ignore[import-untyped, unused-ignore]
from embit.script import Script, Witness  # type: ignore[import-untyped, unused-ignore]
from embit.transaction import (  # type: ignore[import-untyped, unused-ignore]
    Transaction as EmbitTransaction,
)
from embit.transaction import TransactionInput, TransactionOutput  # type: ignore[import-untyped, unused-ignore]

from wallet.dex.atomic.swap_errors import HashlockMismatchError, RecipientMismatchError
from wallet.dex.atomic.utxo_htlc import (
    LOCKTIME_THRESHOLD,
    NON_FINAL_SEQUENCE,
    HtlcContract,
    HtlcLockBlocksTooFewError,
    HtlcLocktimeTooShortError,
    HtlcNotFundedError,
    HtlcScriptError,
    HtlcTooFewConfirmationsError,
    HtlcValueTooLowError,
    HtlcWrongScriptError,
    blocks_for,
    htlc_address,
    median_time_past,
    p2wsh_script_pubkey,
    parse_script,
    refund_is_final,
    segwit_address,
)
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.electrum_client import ElectrumConnection
from wallet.utxo.errors import ElectrumProtocolError, ElectrumRemoteError, InvalidProofError
from wallet.utxo.transactions import read_transaction
from wallet.utxo.verified import VerifiedElectrum

CLAIM_SELECTOR = b"\x01"
REFUND_SELECTOR = b""
SIGHASH_ALL = 1
DUST_RELAY_SAT_VB = 3  # Core's DUST_RELAY_TX_FEE (3000 per kvB), Bitcoin and Litecoin alike
MAX_FEE_ROUNDS = 5

ADDRESS_NOT_SCRIPT = QT_TRANSLATE_NOOP("WalletError", "the address is not the script's")
REFUND_KEY_DIFFERS = QT_TRANSLATE_NOOP("WalletError", "it refunds to another key than agreed")
WITNESS_NOT_THE_CONTRACT = QT_TRANSLATE_NOOP(
    "WalletError", "it spends the swap contract with a witness that is neither a claim nor a refund of it")


class HtlcKeyMismatchError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The signing key is not the one the swap contract names for {action}.")


ACTION_CLAIM = QT_TRANSLATE_NOOP("WalletError", "the claim")
ACTION_REFUND = QT_TRANSLATE_NOOP("WalletError", "the refund")


class HtlcSecretMismatchError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The secret does not open this swap contract.")


class HtlcFeeTooHighError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "A fee of {fee} at {feerate} per vbyte leaves less than {dust} of the {value} locked "
        "(smallest units): the transaction would not be relayed.")


@dataclass(frozen=True)
class SignedSpend:
    """A signed claim or refund. ``raw`` is what to broadcast (a claim's holds the secret: never log it)."""

    raw: bytes = field(repr=False)
    txid: str
    fee: int
    vsize: int
    value: int  # paid to the destination


@dataclass(frozen=True)
class ExpectedHtlc:
    """What the offer says the counterparty's contract must be: our claim key's hash, the agreed
    hash, the least value and time left before it can be refunded, the confirmations needed, and,
    when agreed, the refund key's hash."""

    secret_hash: bytes
    recipient_pkh: bytes
    min_value: int
    min_remaining_s: int
    min_confirmations: int
    refund_pkh: bytes | None = None


@dataclass(frozen=True)
class FundedHtlc:
    """A proven, unspent (by the server's word) output paying the contract."""

    contract: HtlcContract
    script: bytes
    txid: str
    index: int
    value: int
    height: int
    confirmations: int


@dataclass(frozen=True)
class HtlcSpend:
    """A transaction spending the contract: a claim (with the secret, checked against the hash) or
    a refund. ``height`` > 0 mined (proven by the history), otherwise in the mempool."""

    txid: str
    height: int
    claim: bool
    secret: bytes | None = field(default=None, repr=False)


# --- building and signing -----------------------------------------------------------------------------

def pubkey_hash(public_key: bytes) -> bytes:
    """HASH160 of a compressed public key, as the contract names keys (embit's RIPEMD-160: OpenSSL 3
    builds of hashlib may lack it)."""
    return bytes(hashes.hash160(public_key))


def vsize_of(transaction: EmbitTransaction) -> int:
    """Virtual size (BIP-141): weight / 4 rounded up, weight = 4 × stripped size + witness bytes."""
    total = len(transaction.serialize())
    witness = 2 + sum(len(i.witness.serialize()) for i in transaction.vin) if transaction.is_segwit else 0
    return math.ceil(((total - witness) * 4 + witness) / 4)


def dust_limit(destination: bytes) -> int:
    """Core's ``GetDustThreshold``: an output worth less than spending it costs at the dust rate."""
    output = 8 + len(_compact(len(destination))) + len(destination)
    witness_program = 4 <= len(destination) <= 42 and (destination[0] == 0 or 0x51 <= destination[0] <= 0x60) \
        and destination[1] == len(destination) - 2
    return (output + (67 if witness_program else 148)) * DUST_RELAY_SAT_VB


def _compact(n: int) -> bytes:
    return bytes([n]) if n < 0xFD else b"\xfd" + n.to_bytes(2, "little")


def _spend(txid: str, index: int, value: int, script: bytes, key: ec.PrivateKey, selector_items: list[bytes],
           destination: bytes, feerate: float, locktime: int) -> SignedSpend:
    if not feerate > 0:
        raise ValueError("the fee rate must be positive")
    public = key.get_public_key().sec()
    fee = 0
    for _ in range(MAX_FEE_ROUNDS):
        paid = value - fee
        if paid < dust_limit(destination):
            raise HtlcFeeTooHighError(fee=fee, feerate=feerate, dust=dust_limit(destination), value=value)
        transaction = EmbitTransaction(
            version=2, locktime=locktime,
            vin=[TransactionInput(bytes.fromhex(txid), index, sequence=NON_FINAL_SEQUENCE)],
            vout=[TransactionOutput(paid, Script(destination))])
        digest = transaction.sighash_segwit(0, Script(script), value, SIGHASH_ALL)
        signature = key.sign(digest).serialize() + bytes([SIGHASH_ALL])
        transaction.vin[0].witness = Witness([signature, public, *selector_items, script])
        vsize = vsize_of(transaction)
        needed = math.ceil(feerate * vsize)
        if fee >= needed:
            raw = transaction.serialize()
            return SignedSpend(raw=raw, txid=transaction.txid().hex(), fee=fee, vsize=vsize, value=paid)
        fee = needed
    raise AssertionError("the fee did not settle")  # the signature's size is fixed (low R): unreachable


def claim_transaction(funding_txid: str, funding_index: int, value: int, script: bytes, secret: bytes,
                      recipient_key: bytes, destination: bytes, feerate: float) -> SignedSpend:
    """Spends the contract's output ``funding_txid:funding_index`` (worth ``value``) to ``destination``
    (an output script) with the secret; the fee is ``feerate`` × the signed transaction's vsize."""
    contract = parse_script(script)
    if len(secret) != 32 or hashlib.sha256(secret).digest() != contract.secret_hash:
        raise HtlcSecretMismatchError()
    key = ec.PrivateKey(recipient_key)
    if pubkey_hash(key.get_public_key().sec()) != contract.recipient_pkh:
        raise HtlcKeyMismatchError(action=ACTION_CLAIM)
    return _spend(funding_txid, funding_index, value, script, key, [secret, CLAIM_SELECTOR], destination,
                  feerate, locktime=0)


def refund_transaction(funding_txid: str, funding_index: int, value: int, script: bytes, refund_key: bytes,
                       destination: bytes, feerate: float) -> SignedSpend:
    """Spends the contract's output back to ``destination`` through the locktime branch:
    ``nLockTime`` = the script's locktime, ``nSequence`` non-final (``0xfffffffe``). Nodes accept it
    only once ``refund_is_final``; before, they refuse it as ``non-final``."""
    contract = parse_script(script)
    key = ec.PrivateKey(refund_key)
    if pubkey_hash(key.get_public_key().sec()) != contract.refund_pkh:
        raise HtlcKeyMismatchError(action=ACTION_REFUND)
    return _spend(funding_txid, funding_index, value, script, key, [REFUND_SELECTOR], destination, feerate,
                  locktime=contract.locktime)


def refund_ready(verified: VerifiedElectrum, locktime: int) -> bool:
    """Whether nodes accept a refund of a contract with ``locktime`` now (``refund_is_final`` against
    our verified tip and its median-time-past). Until then a broadcast is refused as ``non-final``."""
    tip = verified.sync_headers()
    if locktime < LOCKTIME_THRESHOLD:
        return refund_is_final(locktime, tip, 0)
    return refund_is_final(locktime, tip, median_time_past(verified.chain, tip))


def funding_outputs(raw_transaction: bytes, script: bytes) -> list[tuple[int, int]]:
    """``(index, value)`` of each output of a transaction that pays the contract's P2WSH."""
    target = p2wsh_script_pubkey(script)
    parsed = read_transaction(raw_transaction)
    return [(i, o.value) for i, o in enumerate(parsed.outputs) if o.script == target]


# --- on chain -----------------------------------------------------------------------------------------

def audit_funding(verified: VerifiedElectrum, script: bytes, expected: ExpectedHtlc, chain: str,
                  address: str | None = None) -> FundedHtlc:
    """The counterparty's funding of ``script`` (announced at ``address``, when given), checked
    against ``expected`` and proven through ``verified``; a ``LockAuditError`` subclass otherwise."""
    if expected.min_confirmations < 1:
        raise ValueError("a funding is acted on only once mined")
    network = verified.client.network
    try:
        contract = parse_script(script)
    except HtlcScriptError as error:
        raise HtlcWrongScriptError(chain=chain, reason=error.params["reason"]) from None
    if address is not None and address != htlc_address(script, network):
        raise HtlcWrongScriptError(chain=chain, reason=ADDRESS_NOT_SCRIPT)
    if contract.secret_hash != expected.secret_hash:
        raise HashlockMismatchError(chain=chain)
    if contract.recipient_pkh != expected.recipient_pkh:
        raise RecipientMismatchError(chain=chain, found=segwit_address(contract.recipient_pkh, network),
                                     expected=segwit_address(expected.recipient_pkh, network))
    if expected.refund_pkh is not None and contract.refund_pkh != expected.refund_pkh:
        raise HtlcWrongScriptError(chain=chain, reason=REFUND_KEY_DIFFERS)

    tip = verified.sync_headers()
    _check_locktime(verified, contract, expected, chain, tip)
    balance = verified.balance(p2wsh_script_pubkey(script))
    tip = max(tip, verified.chain.tip_height)
    if not balance.coins:
        if balance.unconfirmed > 0:
            raise HtlcTooFewConfirmationsError(chain=chain, found=0, needed=expected.min_confirmations)
        raise HtlcNotFundedError(chain=chain, address=htlc_address(script, network))
    enough = [c for c in balance.coins if c.value >= expected.min_value]
    if not enough:
        raise HtlcValueTooLowError(chain=chain, found=max(c.value for c in balance.coins),
                                   expected=expected.min_value)
    coin = min(enough, key=lambda c: (c.height, -c.value))  # the deepest, then the largest
    confirmations = tip - coin.height + 1
    if confirmations < expected.min_confirmations:
        raise HtlcTooFewConfirmationsError(chain=chain, found=confirmations, needed=expected.min_confirmations)
    return FundedHtlc(contract=contract, script=script, txid=coin.txid, index=coin.index, value=coin.value,
                      height=coin.height, confirmations=confirmations)


def _check_locktime(verified: VerifiedElectrum, contract: HtlcContract, expected: ExpectedHtlc, chain: str,
                    tip: int) -> None:
    if contract.locktime >= LOCKTIME_THRESHOLD:
        header = verified.chain.header(tip)
        now = header.timestamp if header is not None else 0
        remaining = contract.locktime - now
        if remaining < expected.min_remaining_s:
            raise HtlcLocktimeTooShortError(chain=chain, remaining_s=max(remaining, 0),
                                            needed_s=expected.min_remaining_s)
    else:
        # Refundable once the tip reaches the locktime (the next block is then above it).
        remaining_blocks = contract.locktime - tip
        needed = blocks_for(expected.min_remaining_s, verified.client.network)
        if remaining_blocks < needed:
            raise HtlcLockBlocksTooFewError(chain=chain, locktime=contract.locktime,
                                            remaining=max(remaining_blocks, 0), needed=needed)


def contract_spends(verified: VerifiedElectrum, script: bytes, everywhere: bool = False) -> list[HtlcSpend]:
    """Every transaction in the contract's history (mined ones proven, mempool ones the server's
    word) that spends it, as a claim (with its secret) or a refund. ``everywhere``: asked of every
    server and merged — one that leaves out a claim must not keep its secret from us.

    The witness is not covered by the transaction id, so a server could alter it unseen by the
    Merkle proof; but consensus fixes its shape (segwit v0: the last item hashes to the witness
    program, and the stack must end clean), so an input spending a contract output whose witness is
    not a claim or a refund of this script — or a claim whose secret does not hash to the contract's
    hash — cannot be in a valid transaction: the server lied (``InvalidProofError``, the next one is
    asked)."""
    contract = parse_script(script)
    target = p2wsh_script_pubkey(script)

    def ask(connection: ElectrumConnection) -> list[HtlcSpend]:
        entries = verified.history_on(connection, target)
        if not entries:
            return []
        answers = connection.request_batch([("blockchain.transaction.get", [e.txid]) for e in entries])
        served = []
        for entry, answer in zip(entries, answers, strict=True):
            raw = _raw(connection, answer, entry.txid, mined=entry.proven)
            if raw is not None:
                served.append((entry, raw, read_transaction(raw, entry.txid)))
        funding = {(parsed.txid, i) for _, _, parsed in served
                   for i, output in enumerate(parsed.outputs) if output.script == target}
        spends = []
        for entry, raw, parsed in served:
            spending = [i for i, outpoint in enumerate(parsed.inputs) if (outpoint.txid, outpoint.index) in funding]
            if spending:
                spends += _spends_in(raw, spending, script, contract, entry.txid, entry.height)
        return spends
    if not everywhere:
        return verified.client.call(ask)
    merged: dict[str, HtlcSpend] = {}
    for spends in verified.client.call_each(ask):
        for spend in spends:  # a server that has it mined is believed over one that has it pending
            if spend.txid not in merged or spend.height > merged[spend.txid].height:
                merged[spend.txid] = spend
    return sorted(merged.values(), key=lambda spend: (spend.height <= 0, spend.height))


def find_secret(verified: VerifiedElectrum, script: bytes) -> bytes | None:
    """The secret, from a claim of the contract (mined or in the mempool), or None when none is seen."""
    for spend in contract_spends(verified, script):
        if spend.secret is not None:
            return spend.secret
    return None


def _raw(connection: ElectrumConnection, answer: Any, txid: str, mined: bool) -> bytes | None:
    if isinstance(answer, ElectrumRemoteError):
        if mined:  # it listed a mined transaction it cannot serve: a failed read, ask the next server
            raise ElectrumProtocolError(server=connection.label, reason=answer)
        return None  # a mempool transaction evicted since: nothing to read
    try:
        raw = bytes.fromhex(answer) if isinstance(answer, str) else None
    except ValueError:
        raw = None
    if raw is None:
        raise ElectrumProtocolError(server=connection.label, reason=QT_TRANSLATE_NOOP(
            "WalletError", "a transaction is not hex"))
    if read_transaction(raw, txid).txid != txid:
        raise InvalidProofError(txid=txid, reason=QT_TRANSLATE_NOOP(
            "WalletError", "the transaction does not hash to its id"))
    return raw


def _spends_in(raw: bytes, inputs: Sequence[int], script: bytes, contract: HtlcContract, txid: str,
               height: int) -> list[HtlcSpend]:
    def lie(reason: str) -> InvalidProofError:
        return InvalidProofError(txid=txid, reason=reason)

    try:
        parsed = EmbitTransaction.parse(raw)
    except (EmbitError, ValueError):
        raise lie(QT_TRANSLATE_NOOP("WalletError", "the transaction cannot be parsed")) from None
    found = []
    for index in inputs:
        items: Sequence[bytes] = parsed.vin[index].witness.items
        if not items or items[-1] != script:
            raise lie(WITNESS_NOT_THE_CONTRACT)
        if len(items) == 5 and _true(items[3]):
            if hashlib.sha256(items[2]).digest() != contract.secret_hash:
                raise lie(QT_TRANSLATE_NOOP("WalletError", "the claim's secret does not match the contract's hash"))
            found.append(HtlcSpend(txid=txid, height=height, claim=True, secret=items[2]))
        elif len(items) == 4 and not _true(items[2]):
            found.append(HtlcSpend(txid=txid, height=height, claim=False))
        else:
            raise lie(WITNESS_NOT_THE_CONTRACT)
    return found


def _true(item: bytes) -> bool:
    """Script truth (``CastToBool``): any non-zero byte, except a lone sign bit at the end."""
    return any(item[:-1]) or (bool(item) and item[-1] not in (0x00, 0x80))
