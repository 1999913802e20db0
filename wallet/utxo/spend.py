"""Sending from a BIP-84 account: coin selection, fees in sat/vB, RBF, PSBTs and broadcast.

* Coin selection is largest-first over the account's proven coins: it spends the fewest inputs (the
  lowest fee at the chosen rate, the smallest transaction for a signer to check), is deterministic,
  and never leaves the account with change it cannot afford to spend. Branch-and-bound would avoid
  change outputs more often; it is a later refinement (it needs the waste metric and a fallback to
  this anyway).
* Change goes to the first unused change address. Change below the dust limit is left to the fee
  rather than created; a payment below the dust limit is refused (``DustOutputError``).
* Fees: a rate in sat/vB times the transaction's virtual size, estimated for the worst case (72-byte
  signatures), so the rate paid is never below the one asked. Tiers come from the server's
  ``blockchain.estimatefee`` at 2, 6 and 24 blocks (fast, normal, slow, as on the EVM side); where the
  server has no estimate (-1, as on regtest) the tier is the floor: the server's relay fee, at least
  1 sat/vB.
* Every input signals replacement (nSequence 0xfffffffd, BIP-125). "Speed up" rebuilds an unconfirmed
  transaction of ours with the same inputs and payments and a higher fee taken from its change (adding
  coins when the change cannot pay), paying more in total and per vbyte than the original, by at
  least the relay fee for the replacement's own size (BIP-125 rules 3 and 4).
* Signing goes through a PSBT (BIP-174) both for hot accounts (embit signs with the seed's key) and
  watch-only ones (exported, signed elsewhere, imported). Each input carries its whole previous
  transaction (``non_witness_utxo``, the bytes the sync fetched and checked) besides its witness UTXO,
  so a signer can check the amount it spends: BIP-143 signs each input's own amount only, and a signer
  shown amounts it cannot check can be led into a transaction whose real fee is huge (the 2020 "SegWit
  fee attack"; hardware wallets, Electrum and Sparrow want the previous transactions). An imported PSBT
  is believed only as far as it is the one we built: the same inputs, sequences, outputs, version and
  lock time, and a valid signature (BIP-143, SIGHASH_ALL) by the expected key of every input over the
  amounts WE know; the witnesses are then built here, not taken from the file (a signer may leave the
  previous transactions out of its answer).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from embit import ec  # type: ignore[import-untyped]
from embit.psbt import PSBT, DerivationPath  # type: ignore[import-untyped]
from embit.script import Script, Witness  # type: ignore[import-untyped]
from embit.transaction import Transaction as EmbitTransaction  # type: ignore[import-untyped]
from embit.transaction import TransactionInput, TransactionOutput

from wallet.chains.fees import FeeTier
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.account import CHANGE, Bip84Account, address_script
from wallet.utxo.electrum_client import ElectrumClient
from wallet.utxo.errors import ElectrumRemoteError
from wallet.utxo.sync import AccountSnapshot, Utxo
from wallet.utxo.transactions import Outpoint
from wallet.utxo.verified import VerifiedElectrum

RBF_SEQUENCE = 0xFFFFFFFD
TX_VERSION = 2
SIGHASH_ALL = 1
MIN_FEE_RATE = 1.0  # sat/vB: Bitcoin Core's and Litecoin Core's default minimum relay fee
DUST_RELAY_RATE = 3.0  # sat/vB: the dust relay fee of both nodes
TIER_BLOCKS = {FeeTier.FAST: 2, FeeTier.NORMAL: 6, FeeTier.SLOW: 24}
_P2WPKH_INPUT_WITNESS_WEIGHT = 1 + 1 + 72 + 1 + 33  # item count, signature (worst case) and key
_INPUT_WEIGHT = 4 * (32 + 4 + 1 + 4) + _P2WPKH_INPUT_WITNESS_WEIGHT
_P2WPKH_SCRIPT_BYTES = 22


class SendError(WalletError):
    """A transaction that cannot be built, signed or sent."""


class InsufficientFundsError(SendError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Not enough funds: {needed} needed with the fee, {available} available (smallest units)")


class DustOutputError(SendError):
    template = QT_TRANSLATE_NOOP("WalletError",
                                 "{amount} is below the dust limit of {limit} for this address (smallest units)")


class BadPsbtError(SendError):
    template = QT_TRANSLATE_NOOP("WalletError", "The signed transaction (PSBT) cannot be used: {reason}")


class TransactionRejectedError(SendError):
    template = QT_TRANSLATE_NOOP("WalletError", "The network rejected the transaction: {reason}")


class CannotSpeedUpError(SendError):
    template = QT_TRANSLATE_NOOP("WalletError", "This transaction cannot be sped up: {reason}")


@dataclass(frozen=True)
class FeeRates:
    """sat/vB per tier; ``floor`` is the least the server relays."""

    rates: dict[FeeTier, float]
    floor: float


@dataclass(frozen=True)
class SendPlan:
    """An unsigned transaction of the account: the coins it spends, its outputs, its fee."""

    coins: tuple[Utxo, ...]
    outputs: tuple[tuple[bytes, int], ...]  # (script, value) in order
    change_index: int | None  # the change address's index when there is a change output
    fee: int
    vsize: int  # the worst-case estimate the fee was computed on
    replaces: str | None = None  # the txid this transaction replaces (speed up)
    # The raw transaction each coin comes from, in the coins' order (the PSBT's previous transactions).
    previous: tuple[bytes, ...] = field(default=(), repr=False)

    @property
    def fee_rate(self) -> float:
        return self.fee / self.vsize


def dust_limit(script: bytes) -> int:
    """Bitcoin Core's ``GetDustThreshold`` at the default dust relay fee: the cost of spending the
    output (witness outputs: 67 vbytes of input) plus the output itself."""
    spend_size = 67 if script[:1] in (b"\x00", *(bytes([0x50 + v]) for v in range(1, 17))) else 148
    return int((9 + len(script) + spend_size) * DUST_RELAY_RATE)


def estimate_vsize(inputs: int, output_scripts: Sequence[bytes]) -> int:
    """Virtual size of a P2WPKH-only spend with worst-case (72-byte) signatures."""
    outputs = sum(8 + 1 + len(s) for s in output_scripts)
    base = 4 + _varint_size(inputs) + _varint_size(len(output_scripts)) + outputs + 4
    weight = 4 * base + 2 + inputs * _INPUT_WEIGHT  # 2: the segwit marker and flag
    return math.ceil(weight / 4)


def _varint_size(count: int) -> int:
    return 1 if count < 0xFD else 3 if count <= 0xFFFF else 5


def _fee(rate: float, vsize: int) -> int:
    return math.ceil(rate * vsize)


def fee_rates(client: ElectrumClient) -> FeeRates:
    """Tiers from ``blockchain.estimatefee`` (coin per kB) at 2/6/24 blocks and the floor from
    ``blockchain.relayfee``, in one array. A missing estimate (-1) is the floor; a tier is never
    below a slower one."""
    calls: list[tuple[str, list[Any]]] = [("blockchain.relayfee", [])]
    calls += [("blockchain.estimatefee", [blocks]) for blocks in TIER_BLOCKS.values()]
    answers = client.request_batch(calls)

    def per_vbyte(value: Any) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0 or value > 1:
            return None  # -1 (no estimate), or nonsense: more than 1 coin per kB is no estimate
        return float(value) * 1e8 / 1000

    floor = max(MIN_FEE_RATE, per_vbyte(answers[0]) or 0.0)
    rates = {tier: max(floor, per_vbyte(a) or floor) for tier, a in zip(TIER_BLOCKS, answers[1:], strict=True)}
    rates[FeeTier.NORMAL] = max(rates[FeeTier.NORMAL], rates[FeeTier.SLOW])
    rates[FeeTier.FAST] = max(rates[FeeTier.FAST], rates[FeeTier.NORMAL])
    return FeeRates(rates, floor)


def plan_payment(account: Bip84Account, snapshot: AccountSnapshot, payments: Sequence[tuple[str, int]],
                 fee_rate: float, coins: Sequence[Utxo] | None = None,
                 include_unconfirmed: bool = False) -> SendPlan:
    """Pays ``(address, amount)`` pairs from the account's coins (or from ``coins``, all of which
    are then spent and others added only if needed) at ``fee_rate`` sat/vB."""
    outputs = []
    for address, amount in payments:
        script = address_script(address, account.params)
        if amount < dust_limit(script):
            raise DustOutputError(amount=amount, limit=dust_limit(script))
        outputs.append((script, amount))
    if not outputs:
        raise ValueError("no payment")
    chosen = list(coins or [])
    pool = sorted((c for c in snapshot.spendable(include_unconfirmed) if c not in chosen),
                  key=lambda c: (-c.value, c.txid, c.index))
    return _complete(account, snapshot, chosen, pool, outputs, fee_rate, minimum_fee=0)


def _complete(account: Bip84Account, snapshot: AccountSnapshot, chosen: list[Utxo], pool: list[Utxo],
              outputs: list[tuple[bytes, int]], fee_rate: float, minimum_fee: int,
              replaces: str | None = None, change_index: int | None = None) -> SendPlan:
    """Adds coins from ``pool`` (in order) until the outputs and the fee are paid; change to the
    first unused change address (or ``change_index``) when it is above dust."""
    paid = sum(value for _, value in outputs)
    change_index = snapshot.first_unused(CHANGE) if change_index is None else change_index
    change_script = account.script(CHANGE, change_index)
    scripts = [s for s, _ in outputs]
    while True:
        have = sum(c.value for c in chosen)
        without_change = estimate_vsize(len(chosen), scripts)
        with_change = estimate_vsize(len(chosen), [*scripts, change_script])
        fee_without = max(_fee(fee_rate, without_change), minimum_fee)
        fee_with = max(_fee(fee_rate, with_change), minimum_fee)
        if chosen and have >= paid + fee_without:
            change = have - paid - fee_with
            previous = _previous_transactions(snapshot, chosen)
            if change >= dust_limit(change_script):
                return SendPlan(tuple(chosen), (*outputs, (change_script, change)), change_index, fee_with,
                                with_change, replaces, previous)
            # Change below dust goes to the fee.
            return SendPlan(tuple(chosen), tuple(outputs), None, have - paid, without_change, replaces, previous)
        if not pool:
            raise InsufficientFundsError(needed=paid + fee_without, available=have)
        chosen.append(pool.pop(0))


def _previous_transactions(snapshot: AccountSnapshot, coins: Sequence[Utxo]) -> tuple[bytes, ...]:
    """The bytes of the transaction each coin comes from, as the sync fetched and checked them."""
    return tuple(snapshot.raw[coin.txid] for coin in coins)


def to_psbt(account: Bip84Account, plan: SendPlan) -> Any:
    """The plan as an embit PSBT: each input with its whole previous transaction, its witness UTXO
    and its key origin, the change output with its key origin (so a signer can tell it is change)."""
    if len(plan.previous) != len(plan.coins):
        raise ValueError("the plan does not carry its coins' previous transactions")
    transaction = EmbitTransaction(
        version=TX_VERSION, locktime=0,
        vin=[TransactionInput(bytes.fromhex(c.txid), c.index, sequence=RBF_SEQUENCE) for c in plan.coins],
        vout=[TransactionOutput(value, Script(script)) for script, value in plan.outputs])
    psbt = PSBT(transaction)
    for scope, coin, raw in zip(psbt.inputs, plan.coins, plan.previous, strict=True):
        previous = EmbitTransaction.parse(raw)
        spent = previous.vout[coin.index] if coin.index < len(previous.vout) else None
        if previous.txid().hex() != coin.txid or spent is None \
                or (int(spent.value), bytes(spent.script_pubkey.data)) != (coin.value, coin.script):
            raise ValueError("a previous transaction is not the one its coin comes from")
        scope.non_witness_utxo = previous
        scope.witness_utxo = TransactionOutput(coin.value, Script(coin.script))
        _add_origin(scope, account, coin.chain, coin.address_index)
    if plan.change_index is not None:
        _add_origin(psbt.outputs[-1], account, CHANGE, plan.change_index)
    return psbt


def _add_origin(scope: Any, account: Bip84Account, chain: int, index: int) -> None:
    fingerprint, path = account.derivation(chain, index)
    scope.bip32_derivations[ec.PublicKey.parse(account.public_key(chain, index))] = DerivationPath(
        fingerprint, list(path))


def export_psbt(account: Bip84Account, plan: SendPlan) -> str:
    """The unsigned PSBT, base64 (the BIP-174 text form; its bytes are ``base64`` decoded)."""
    return str(to_psbt(account, plan).to_string())


def sign_psbt_text(text: str, root: Any) -> str:
    """What an offline signer does: signs every input its key (an embit ``HDKey``) derives."""
    psbt = PSBT.from_string(text)
    psbt.sign_with(root)
    return str(psbt.to_string())


def sign_hot(account: Bip84Account, plan: SendPlan, root: Any) -> bytes:
    """Signs with the seed's key (an embit ``HDKey``) and returns the raw transaction, checked as an
    imported PSBT would be."""
    return import_signed_psbt(account, plan, sign_psbt_text(export_psbt(account, plan), root))


def import_signed_psbt(account: Bip84Account, plan: SendPlan, text: str) -> bytes:
    """The raw transaction from a signed PSBT, once it is the plan's transaction with a valid
    signature by the right key on every input; ``BadPsbtError`` otherwise."""
    try:
        psbt = PSBT.from_string(text.strip())
        signed = psbt.tx
    except Exception:  # embit raises assorted errors on bad base64 and bad structure
        raise BadPsbtError(reason=QT_TRANSLATE_NOOP("WalletError", "it cannot be read")) from None
    ours = to_psbt(account, plan)
    if signed.serialize() != ours.tx.serialize():
        raise BadPsbtError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "it is not the transaction that was exported (inputs or outputs differ)"))
    witnesses = []
    for index, (coin, scope) in enumerate(zip(plan.coins, psbt.inputs, strict=True)):
        public = ec.PublicKey.parse(account.public_key(coin.chain, coin.address_index))
        signature = scope.partial_sigs.get(public)
        if signature is None:
            raise BadPsbtError(reason=QT_TRANSLATE_NOOP("WalletError", "an input is not signed by its key"))
        # The digest over the amounts we know (BIP-143), not those the file carries.
        digest = ours.sighash(index, sighash=SIGHASH_ALL)
        try:
            valid = signature[-1] == SIGHASH_ALL and public.verify(ec.Signature.parse(signature[:-1]), digest)
        except Exception:  # a malformed DER signature
            valid = False
        if not valid:
            raise BadPsbtError(reason=QT_TRANSLATE_NOOP("WalletError", "an input's signature is not valid"))
        witnesses.append(Witness([signature, public.sec()]))
    final = EmbitTransaction.parse(ours.tx.serialize())
    for vin, witness in zip(final.vin, witnesses, strict=True):
        vin.witness = witness
    return bytes(final.serialize())


def broadcast(verified: VerifiedElectrum, raw: bytes) -> str:
    """Sends through the server; a rejection by its node is ``TransactionRejectedError`` with the
    node's reason."""
    try:
        return verified.broadcast(raw)
    except ElectrumRemoteError as refusal:
        raise TransactionRejectedError(reason=refusal.params["message"]) from None


def plan_speed_up(account: Bip84Account, snapshot: AccountSnapshot, txid: str, fee_rate: float,
                  incremental_rate: float = MIN_FEE_RATE) -> SendPlan:
    """A replacement of the account's unconfirmed ``txid`` at ``fee_rate`` sat/vB: the same
    payments, the fee taken from the change (coins added when needed)."""
    raw = snapshot.pending_raw.get(txid)
    if raw is None or snapshot.heights.get(txid, 1) > 0:
        raise CannotSpeedUpError(txid=txid, reason=QT_TRANSLATE_NOOP(
            "WalletError", "it is not an unconfirmed transaction of this account"))
    original = EmbitTransaction.parse(raw)
    coins_by_outpoint = {}
    for vin in original.vin:
        outpoint = Outpoint(vin.txid.hex(), vin.vout)
        coin = _spent_coin(snapshot, outpoint)
        if coin is None:
            raise CannotSpeedUpError(txid=txid, reason=QT_TRANSLATE_NOOP(
                "WalletError", "some of its inputs are not this account's"))
        if vin.sequence > RBF_SEQUENCE:
            raise CannotSpeedUpError(txid=txid, reason=QT_TRANSLATE_NOOP(
                "WalletError", "it did not signal replaceability"))
        coins_by_outpoint[outpoint] = coin
    old_fee = sum(c.value for c in coins_by_outpoint.values()) - sum(o.value for o in original.vout)
    old_vsize = math.ceil((len(_stripped(original)) * 3 + len(original.serialize())) / 4)
    if fee_rate <= old_fee / old_vsize:
        raise CannotSpeedUpError(txid=txid, reason=QT_TRANSLATE_NOOP(
            "WalletError", "the new fee rate is not higher than the current one"))
    payments, change_index = [], None
    for output in original.vout:
        owner = snapshot.owner(output.script_pubkey.data)
        if owner is not None and owner[0] == CHANGE:
            change_index = owner[1]  # the replacement keeps the original's change address
        else:
            payments.append((bytes(output.script_pubkey.data), int(output.value)))
    chosen = list(coins_by_outpoint.values())
    pool = sorted((c for c in snapshot.spendable() if c not in chosen), key=lambda c: (-c.value, c.txid, c.index))
    # BIP-125 rule 4: the replacement pays for its own relay on top of the original's fee.
    minimum = old_fee + _fee(incremental_rate, estimate_vsize(len(chosen), [s for s, _ in payments]))
    plan = _complete(account, snapshot, list(chosen), list(pool), payments, fee_rate, minimum, txid, change_index)
    if plan.fee < old_fee + _fee(incremental_rate, plan.vsize):  # grown by a coin or a change output
        plan = _complete(account, snapshot, list(chosen), list(pool), payments, fee_rate,
                         old_fee + _fee(incremental_rate, plan.vsize), txid, change_index)
    return plan


def plan_child_pays(account: Bip84Account, snapshot: AccountSnapshot, txid: str, fee_rate: float) -> SendPlan:
    """"Speed up" by child-pays-for-parent, where replacements are not relayed (Litecoin Core's
    default) or the transaction is someone else's payment to us: a child spending the account's
    outputs of the unconfirmed ``txid`` to the next change address, paying enough that parent and
    child together pay ``fee_rate`` sat/vB. A parent whose fee is unknown (not all its inputs are
    ours) counts as paying nothing."""
    raw = snapshot.pending_raw.get(txid)
    coins = [u for u in snapshot.utxos if u.txid == txid]
    if raw is None or snapshot.heights.get(txid, 1) > 0:
        raise CannotSpeedUpError(txid=txid, reason=QT_TRANSLATE_NOOP(
            "WalletError", "it is not an unconfirmed transaction of this account"))
    if not coins:
        raise CannotSpeedUpError(txid=txid, reason=QT_TRANSLATE_NOOP(
            "WalletError", "it pays nothing to this account that could pay for it"))
    original = EmbitTransaction.parse(raw)
    parent_vsize = math.ceil((len(_stripped(original)) * 3 + len(original.serialize())) / 4)
    parent_fee = next((h.fee for h in snapshot.history if h.txid == txid and h.fee is not None), 0)
    if parent_fee and parent_fee >= _fee(fee_rate, parent_vsize):
        raise CannotSpeedUpError(txid=txid, reason=QT_TRANSLATE_NOOP(
            "WalletError", "it already pays that fee rate: choose a higher one"))
    change_index = snapshot.first_unused(CHANGE)
    change_script = account.script(CHANGE, change_index)
    vsize = estimate_vsize(len(coins), [change_script])
    fee = max(_fee(fee_rate, parent_vsize + vsize) - parent_fee, _fee(fee_rate, vsize))
    value = sum(c.value for c in coins) - fee
    if value < dust_limit(change_script):
        raise InsufficientFundsError(needed=fee + dust_limit(change_script), available=sum(c.value for c in coins))
    return SendPlan(tuple(coins), ((change_script, value),), change_index, fee, vsize,
                    previous=_previous_transactions(snapshot, coins))


def _spent_coin(snapshot: AccountSnapshot, outpoint: Outpoint) -> Utxo | None:
    """The account's coin at ``outpoint`` (spent by a mempool transaction, so not among the UTXOs)."""
    transaction = snapshot.transactions.get(outpoint.txid)
    if transaction is None or outpoint.index >= len(transaction.outputs):
        return None
    output = transaction.outputs[outpoint.index]
    owner = snapshot.owner(output.script)
    if owner is None:
        return None
    return Utxo(outpoint.txid, outpoint.index, output.value, snapshot.heights[outpoint.txid], owner[0], owner[1],
                output.script)


def _stripped(transaction: Any) -> bytes:
    copy = EmbitTransaction.parse(transaction.serialize())
    for vin in copy.vin:
        vin.witness = Witness([])
    return bytes(copy.serialize())
