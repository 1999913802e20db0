"""The offline signer's side of a PSBT (BIP-174): read one that came from an online computer, say
what signing it would do, and sign only what this account's keys are for.

What a person must check before signing is decoded from the PSBT itself, never from what the
online computer says it meant: every output's address (in the account's network) and amount, which
outputs come back to this account, the fee, inputs that are not this account's, and whether the
payment can be replaced (RBF). A PSBT's BIP-32 derivations are only claims: an input or output is
the account's when its derivation names the account (from the master key, or from the account key
itself as a wallet watching only the zpub/vpub writes it) *and* the key derives there *and* the
script pays to that key.

The fee is what the inputs hold minus what the outputs pay, and what an input holds is believed
only from its whole previous transaction (``non_witness_utxo``), once it hashes to the txid the input
spends; a witness UTXO given too must be that same output. A witness UTXO alone is not enough: BIP-143
signs each input's own amount only, so an online computer that understates a different input in each
of two signing sessions gets both inputs validly signed for a transaction whose real fee is far above
either fee shown (the 2020 "SegWit fee attack"). An input without its previous transaction is refused,
whoever's it is: the fee shown would be a claim.

A PSBT does not name its network. What can tell another network apart is checked: BIP-44-style key
paths of another coin type, and global extended keys of main versus test networks.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from embit import bip32, hashes  # type: ignore[import-untyped]
from embit.networks import NETWORKS  # type: ignore[import-untyped]
from embit.psbt import PSBT  # type: ignore[import-untyped]
from embit.transaction import SIGHASH  # type: ignore[import-untyped]

from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.account import CHANGE, HARDENED, RECEIVE, ZPUB, Bip84Account, script_address
from wallet.utxo.spend import BadPsbtError, estimate_vsize

PSBT_MAGIC = b"psbt\xff"
MAX_PSBT_BYTES = 4_000_000
FINAL_SEQUENCE = 0xFFFFFFFE  # BIP-125: any input with a lower nSequence signals replaceability
KEY_PURPOSES = frozenset(p + HARDENED for p in (44, 49, 84, 86))  # BIP-44/49/84/86: m/purpose'/coin'/…
# BIP-44 (SLIP-44) coin types of the networks this wallet knows, as named in an error.
COIN_TYPE_NAMES = {
    0: QT_TRANSLATE_NOOP("WalletError", "Bitcoin"),
    1: QT_TRANSLATE_NOOP("WalletError", "a test network"),
    2: QT_TRANSLATE_NOOP("WalletError", "Litecoin"),
}
_MAIN_VERSIONS = frozenset(bytes(v) for k, v in NETWORKS["main"].items() if k.endswith("pub"))
_TEST_VERSIONS = frozenset(bytes(v) for k, v in NETWORKS["test"].items() if k.endswith("pub"))


class UnreadablePsbtError(BadPsbtError):
    template = QT_TRANSLATE_NOOP("WalletError", "This is not a PSBT that can be read: {reason}. Nothing was signed.")


class PsbtRefusedError(BadPsbtError):
    template = QT_TRANSLATE_NOOP("WalletError", "This PSBT is not signed: {reason}")


class PsbtOtherNetworkError(PsbtRefusedError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This PSBT is for {other}, not for {network}. Nothing was signed.")


class PsbtWithoutPreviousTransactionError(PsbtRefusedError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Input {number} of this PSBT comes without its previous transaction, so the amount it "
        "states cannot be checked, nor the fee. Nothing was signed: export the PSBT again with the full previous "
        "transactions of its inputs.")


class NothingToSignError(PsbtRefusedError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "None of this PSBT's inputs is spent by this account's keys ({network}): there is nothing "
        "for it to sign.")


@dataclass(frozen=True)
class ReviewedOutput:
    address: str  # in the account's network; the script in hex when it has no address
    amount: int  # smallest units
    own_chain: int | None  # RECEIVE or CHANGE when it verifiably pays this account, else None

    @property
    def is_change(self) -> bool:
        return self.own_chain == CHANGE


@dataclass(frozen=True)
class PsbtReview:
    """What signing the PSBT would do, for a person to check."""

    psbt: Any  # embit PSBT
    outputs: tuple[ReviewedOutput, ...]
    own_inputs: tuple[tuple[int, int, int], ...]  # (input number, chain, index) the account signs
    foreign_inputs: tuple[int, ...]  # input numbers that are not the account's: not signed here
    input_values: tuple[int, ...]  # what each input spends, in order
    fee: int
    replaceable: bool  # RBF signalled (BIP-125)
    locktime: int

    @property
    def inputs_total(self) -> int:
        return sum(self.input_values)

    @property
    def leaving_account(self) -> int:
        """What the account loses: its inputs minus the outputs paying it back."""
        own = sum(self.input_values[number] for number, _, _ in self.own_inputs)
        return own - sum(o.amount for o in self.outputs if o.own_chain is not None)

    @property
    def paid_out(self) -> int:
        """What goes to others: every output but those paying this account."""
        return sum(o.amount for o in self.outputs if o.own_chain is None)

    @property
    def vsize(self) -> int | None:
        """The signed transaction's virtual size (worst-case signatures) when every input is the
        account's P2WPKH; None when other inputs' sizes are unknown."""
        if self.foreign_inputs:
            return None
        return estimate_vsize(len(self.own_inputs), [bytes(o.script_pubkey.data) for o in self.psbt.tx.vout])


def read_psbt(data: str | bytes) -> Any:
    """An embit PSBT from base64 (or hex) text, or from a ``.psbt`` file's bytes (binary, or text)."""
    if isinstance(data, bytes) and not data.startswith(PSBT_MAGIC):
        try:
            data = data.decode("ascii")
        except UnicodeDecodeError:
            raise UnreadablePsbtError(reason=QT_TRANSLATE_NOOP(
                "WalletError", "it is neither base64 text nor a PSBT file")) from None
    if isinstance(data, str):
        text = "".join(data.split())
        if not text:
            raise UnreadablePsbtError(reason=QT_TRANSLATE_NOOP("WalletError", "it is empty"))
        try:  # base64 (BIP-174's text form), or hex as some tools print it
            raw = bytes.fromhex(text) if text.lower().startswith(PSBT_MAGIC.hex()) \
                else base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise UnreadablePsbtError(reason=QT_TRANSLATE_NOOP(
                "WalletError", "it is neither base64 text nor a PSBT file")) from None
    else:
        raw = data
    if len(raw) > MAX_PSBT_BYTES:
        raise UnreadablePsbtError(reason=QT_TRANSLATE_NOOP("WalletError", "it is too large"))
    if not raw.startswith(PSBT_MAGIC):
        raise UnreadablePsbtError(reason=QT_TRANSLATE_NOOP("WalletError", "it does not start as a PSBT does"))
    try:
        psbt = PSBT.parse(raw)
        psbt.tx.serialize()
    except Exception:  # embit raises assorted errors on a broken structure
        raise UnreadablePsbtError(reason=QT_TRANSLATE_NOOP("WalletError", "its contents are damaged")) from None
    if not psbt.inputs or not psbt.outputs:
        raise UnreadablePsbtError(reason=QT_TRANSLATE_NOOP("WalletError", "it has no inputs or no outputs"))
    return psbt


def review_psbt(account: Bip84Account, data: str | bytes) -> PsbtReview:
    """Decodes the PSBT and says what signing it with ``account``'s keys would do; a typed error
    when it cannot be read, is for another network, gives an input without its previous transaction
    (or one that does not match) or has nothing for the account to sign."""
    psbt = read_psbt(data)
    _check_network(account, psbt)
    values: list[int] = []
    own: list[tuple[int, int, int]] = []
    foreign: list[int] = []
    for number, scope in enumerate(psbt.inputs):
        value, script = _input_coin(scope, number)
        values.append(value)
        position = _own_position(account, scope.bip32_derivations, script)
        if position is None:
            foreign.append(number)
            continue
        if scope.sighash_type not in (None, SIGHASH.DEFAULT, SIGHASH.ALL):
            raise PsbtRefusedError(reason=QT_TRANSLATE_NOOP(
                "WalletError", "it asks for a kind of signature (sighash) that would let others change the "
                "payment afterwards"))
        own.append((number, *position))
    if not own:
        raise NothingToSignError(network=account.params.name)
    outputs = tuple(
        ReviewedOutput(_shown_address(bytes(vout.script_pubkey.data), account), int(vout.value),
                       _own_position_chain(account, scope.bip32_derivations, bytes(vout.script_pubkey.data)))
        for vout, scope in zip(psbt.tx.vout, psbt.outputs, strict=True))
    fee = sum(values) - sum(o.amount for o in outputs)
    if fee < 0:
        raise PsbtRefusedError(reason=QT_TRANSLATE_NOOP("WalletError", "its outputs pay more than its inputs hold"))
    replaceable = any(vin.sequence < FINAL_SEQUENCE for vin in psbt.tx.vin)
    return PsbtReview(psbt, outputs, tuple(own), tuple(foreign), tuple(values), fee, replaceable, int(psbt.tx.locktime))


def sign_reviewed(account: Bip84Account, review: PsbtReview, root: Any) -> str:
    """Signs (SIGHASH_ALL) exactly the inputs the review found to be the account's, with the keys of
    ``root`` (the embit master ``HDKey`` whose ``account`` it is); the signed PSBT, base64."""
    psbt = PSBT.parse(review.psbt.serialize())  # a copy: the review stays as it was shown
    for number, chain, index in review.own_inputs:
        private = root.derive([*account.origin.path, chain, index])
        public = private.get_public_key()
        if public.sec() != account.public_key(chain, index):
            raise ValueError("the root does not derive the account")  # the service checks the seed first
        signature = private.key.sign(psbt.sighash(number, sighash=SIGHASH.ALL))
        psbt.inputs[number].partial_sigs[public] = signature.serialize() + bytes([SIGHASH.ALL])
    return str(psbt.to_string())


def sign_psbt(account: Bip84Account, data: str | bytes, root: Any) -> str:
    """``review_psbt`` then ``sign_reviewed``: what an offline signer does in one step."""
    return sign_reviewed(account, review_psbt(account, data), root)


# --- internals ------------------------------------------------------------------------------------
def _input_coin(scope: Any, number: int) -> tuple[int, bytes]:
    """The value and script of the coin an input spends, from its previous transaction once it hashes
    to the input's txid; its witness UTXO, when given, must be the same output."""
    previous = scope.non_witness_utxo
    if previous is None:
        raise PsbtWithoutPreviousTransactionError(number=number + 1)
    if previous.txid() != scope.txid or scope.vout >= len(previous.vout):
        raise PsbtRefusedError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "the previous transaction it gives for an input is not the one that input spends"))
    spent = previous.vout[scope.vout]
    coin = int(spent.value), bytes(spent.script_pubkey.data)
    witness = scope.witness_utxo
    if witness is not None and (int(witness.value), bytes(witness.script_pubkey.data)) != coin:
        raise PsbtRefusedError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "an input's amount differs from the amount in its previous transaction"))
    return coin


def _own_position(account: Bip84Account, derivations: Any, script: bytes) -> tuple[int, int] | None:
    """``(chain, index)`` of the account's key that the script pays to, when a derivation names it
    and the key really derives there; None otherwise."""
    account_fingerprint = _account_fingerprint(account)
    for public, origin in derivations.items():
        path = tuple(origin.derivation)
        fingerprint = bytes(origin.fingerprint)
        if fingerprint == account.origin.fingerprint and path[:-2] == account.origin.path:
            tail = path[-2:]
        elif fingerprint == account_fingerprint and len(path) == 2:
            tail = path
        else:
            continue
        if len(tail) != 2 or tail[0] not in (RECEIVE, CHANGE) or not 0 <= tail[1] < HARDENED:
            continue
        chain, index = tail
        if bytes(public.sec()) == account.public_key(chain, index) and script == account.script(chain, index):
            return chain, index
    return None


def _own_position_chain(account: Bip84Account, derivations: Any, script: bytes) -> int | None:
    position = _own_position(account, derivations, script)
    return None if position is None else position[0]


def _account_fingerprint(account: Bip84Account) -> bytes:
    """The account key's own fingerprint, as PSBTs of a bare zpub/vpub name it."""
    key = bip32.HDKey.from_string(account.extended_public_key)
    return bytes(hashes.hash160(key.key.sec())[:4])


def _shown_address(script: bytes, account: Bip84Account) -> str:
    try:
        return script_address(script, account.params)
    except Exception:  # embit raises assorted errors for scripts with no address (OP_RETURN, bare scripts)
        return script.hex()


def _check_network(account: Bip84Account, psbt: Any) -> None:
    """Another network's PSBT, as far as it shows: key paths of another coin type, or global
    extended keys of main versus test networks."""
    coin_type = account.params.coin_type
    derivations: list[Sequence[int]] = [list(o.derivation) for s in (*psbt.inputs, *psbt.outputs)
                                        for o in s.bip32_derivations.values()]
    derivations += [list(o.derivation) for o in psbt.xpubs.values()]
    for path in derivations:
        if len(path) >= 2 and path[0] in KEY_PURPOSES and path[1] >= HARDENED and path[1] - HARDENED != coin_type:
            other = COIN_TYPE_NAMES.get(path[1] - HARDENED, QT_TRANSLATE_NOOP("WalletError", "another coin"))
            raise PsbtOtherNetworkError(other=other, network=account.params.name)
    main = account.params.public_version == ZPUB
    for key in psbt.xpubs:
        version = bytes(key.version)
        if (main and version in _TEST_VERSIONS) or (not main and version in _MAIN_VERSIONS):
            raise PsbtOtherNetworkError(other=COIN_TYPE_NAMES[1] if main else QT_TRANSLATE_NOOP(
                "WalletError", "a main network"), network=account.params.name)

