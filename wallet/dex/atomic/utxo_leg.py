"""One party's side of a swap leg on a Bitcoin-family chain, as the swap engine drives it.

The engine keeps its rules (``swap_protocol``) and its record (``swap_state``) for both kinds of leg;
this module is what a UTXO leg does where an EVM leg calls the HTLC contract:

* The lock is the decred ``atomicswap`` script (``utxo_htlc``) of the leg's ``HtlcTerms``: hash,
  the recipient's and the sender's public key hashes (the offer's fields on that leg), and the
  timelock as a time ``nLockTime``. The script is fully known from the offer and the other lock, so
  both parties find it by the hash of its P2WSH output (``blockchain.scripthash.*``), nothing else.
* Its state is read from that output's history: unspent funding proven in our headers is
  ``LOCKED``; a mined spend is ``CLAIMED`` or ``REFUNDED`` by its witness; a claim still in the
  mempool already shows the secret (``secret``). A spend still in the mempool with no unspent
  funding left (the server no longer lists it) reads as what its witness says, too: read as
  ``NONE``, a participant would take its own lock B for never made and give up, while the
  initiator's pending claim of it shows the secret that claims A.
* Locking pays the script from this wallet's BIP-84 account (coin selection and signing as any
  payment, fee rate of today); claim and refund spend the contract output to the party's own P2WPKH
  address (the key hash named in the contract), at the fee rate of the moment they are sent.
* A refund is final — relayed and mined — only once median-time-past has passed the locktime
  (``refund_ready``); the engine asks for it only then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from wallet.chains.fees import FeeTier
from wallet.dex.atomic.htlc_terms import HtlcTerms, SwapStatus
from wallet.dex.atomic.swap_chains import field_pkh
from wallet.dex.atomic.swap_errors import SwapAccountMissingError
from wallet.dex.atomic.swap_watch import ChainHead
from wallet.dex.atomic.utxo_htlc import HtlcContract, htlc_address, p2wsh_script_pubkey, segwit_address
from wallet.dex.atomic.utxo_htlc_tx import (
    ExpectedHtlc,
    FundedHtlc,
    audit_funding,
    claim_transaction,
    contract_spends,
    pubkey_hash,
    refund_ready,
    refund_transaction,
)
from wallet.utxo.account import Bip84Account, account_from_root
from wallet.utxo.registry import UtxoChain
from wallet.utxo.spend import fee_rates, plan_payment, sign_hot
from wallet.utxo.sync import AccountSync
from wallet.utxo.transactions import read_transaction
from wallet.utxo.verified import Coin, VerifiedElectrum

_LONG_HEX = re.compile(r"[0-9a-fA-F]{40,}")
MAX_REFUSAL_CHARS = 200
KEY_SEARCH_INDEXES = 50  # receive and change addresses searched for the key a contract names
SWAP_KEY = (0, 0)  # (chain, index) of the BIP-84 key a swap names: the account's first receive address


@dataclass(frozen=True)
class LegState:
    status: SwapStatus
    coin: FundedHtlc | None = None  # the unspent, proven funding (LOCKED)
    secret: bytes | None = field(default=None, repr=False)  # from a claim, mined or in the mempool


@dataclass(frozen=True)
class SignedUtxoTx:
    txid: str
    raw: bytes = field(repr=False)  # a claim's holds the secret


def contract_of(terms: HtlcTerms) -> HtlcContract:
    return HtlcContract(terms.hashlock, field_pkh(terms.recipient), field_pkh(terms.sender), terms.timelock)


def p2wpkh(pkh: bytes) -> bytes:
    return b"\x00\x14" + pkh


class UtxoLeg:
    """This wallet on one UTXO chain: its verified server view and, to sign, its BIP-32 root."""

    def __init__(self, chain: UtxoChain, verified: VerifiedElectrum, root: Any) -> None:
        params = chain.coin_params()
        if params is None:
            raise ValueError(f"no consensus constants for {chain.key}")
        self.chain = chain
        self.verified = verified
        self._root = root
        self.account: Bip84Account = account_from_root(root, params)

    # --- who we are ---------------------------------------------------------------------------------
    def swap_pkh(self) -> bytes:
        """The key hash this wallet names in offers and acceptances on this chain."""
        return pubkey_hash(self.account.public_key(*SWAP_KEY))

    def _private_key(self, pkh: bytes) -> bytes:
        for chain in (0, 1):
            for index in range(KEY_SEARCH_INDEXES):
                if pubkey_hash(self.account.public_key(chain, index)) == pkh:
                    _fingerprint, path = self.account.derivation(chain, index)
                    return bytes(self._root.derive(list(path)).key.secret)
        raise SwapAccountMissingError(address=self.chain.name + " " + pkh.hex())

    # --- reading ------------------------------------------------------------------------------------
    def head(self) -> ChainHead:
        """The verified tip: its height, and its own timestamp (the chain's "now"; median-time-past,
        which refunds are held to, trails it)."""
        tip = self.verified.sync_headers()
        header = self.verified.chain.header(tip)
        assert header is not None  # sync_headers holds the tip it returns
        return ChainHead(tip, header.timestamp)

    def state(self, terms: HtlcTerms) -> LegState:
        script = contract_of(terms).script
        spends = contract_spends(self.verified, script, everywhere=True)  # a server may hide a claim
        secret = next((s.secret for s in spends if s.secret is not None), None)
        mined = [s for s in spends if s.height > 0]
        if mined:
            return LegState(SwapStatus.CLAIMED if mined[0].claim else SwapStatus.REFUNDED, secret=secret)
        coins = [c for c in self._proven_coins(p2wsh_script_pubkey(script)) if c.value >= terms.amount]
        if not coins:
            if spends:  # spent in the mempool (its funding no longer listed as unspent), no coin to act on
                return LegState(SwapStatus.CLAIMED if spends[0].claim else SwapStatus.REFUNDED, secret=secret)
            return LegState(SwapStatus.NONE, secret=secret)
        coin = min(coins, key=lambda c: (c.height, -c.value))
        funded = FundedHtlc(contract_of(terms), script, coin.txid, coin.index, coin.value, coin.height,
                            self.verified.chain.tip_height - coin.height + 1)
        return LegState(SwapStatus.LOCKED, funded, secret)

    def _proven_coins(self, script: bytes) -> list[Coin]:
        """The script's proven unspent coins as every server lists them, merged: a server may leave a
        coin out (that cannot be proven), and our own lock must not vanish with it."""
        merged: dict[tuple[str, int], Coin] = {}
        for balance in self.verified.client.call_each(lambda c: self.verified.balance_on(c, script)):
            for coin in balance.coins:
                merged.setdefault((coin.txid, coin.index), coin)
        return list(merged.values())

    def audit(self, terms: HtlcTerms, min_remaining_s: int, confirmations: int) -> FundedHtlc:
        """The counterparty's funding of the contract ``terms`` names (``audit_funding``: proven,
        enough value, time and confirmations); a ``LockAuditError`` subclass otherwise."""
        contract = contract_of(terms)
        expected = ExpectedHtlc(contract.secret_hash, contract.recipient_pkh, terms.amount, min_remaining_s,
                                confirmations, contract.refund_pkh)
        return audit_funding(self.verified, contract.script, expected, self.chain.name)

    def mined(self, terms: HtlcTerms, txid: str) -> bool | None:
        """Whether our transaction touching the contract is mined (True: proven by any server),
        pending (False) or unknown to every server (None). Asked of all: one that hides a mined
        transaction must not keep the swap waiting for it."""
        script = p2wsh_script_pubkey(contract_of(terms).script)
        listed = self.verified.client.call_each(lambda connection: self.verified.history_on(connection, script))
        seen = [entry.proven for entries in listed for entry in entries if entry.txid == txid]
        return any(seen) if seen else None

    def refund_ready(self, terms: HtlcTerms) -> bool:
        return refund_ready(self.verified, terms.timelock)

    # --- transactions -------------------------------------------------------------------------------
    def fund(self, terms: HtlcTerms) -> SignedUtxoTx:
        """Pays ``terms.amount`` to the contract from this wallet's account, at today's normal rate."""
        snapshot = AccountSync(self.verified, self.account).sync()
        rate = fee_rates(self.verified.client).rates[FeeTier.NORMAL]
        address = htlc_address(contract_of(terms).script, self.verified.client.network)
        plan = plan_payment(self.account, snapshot, [(address, terms.amount)], rate)
        raw = sign_hot(self.account, plan, self._root)
        return SignedUtxoTx(_txid(raw), raw)

    def funding_cost(self, amount: int) -> int:
        """What locking ``amount`` would take from the account now: the amount and the funding's fee
        at today's normal rate (coins chosen as ``fund`` would; its contract's address has the same
        size whatever the script). ``InsufficientFundsError`` when the account cannot pay it."""
        snapshot = AccountSync(self.verified, self.account).sync()
        rate = fee_rates(self.verified.client).rates[FeeTier.NORMAL]
        same_size = segwit_address(bytes(32), self.verified.client.network)
        return amount + plan_payment(self.account, snapshot, [(same_size, amount)], rate).fee

    def claim(self, terms: HtlcTerms, coin: FundedHtlc, secret: bytes) -> SignedUtxoTx:
        rate = fee_rates(self.verified.client).rates[FeeTier.FAST]
        recipient = field_pkh(terms.recipient)
        spend = claim_transaction(coin.txid, coin.index, coin.value, coin.script, secret,
                                  self._private_key(recipient), p2wpkh(recipient), rate)
        return SignedUtxoTx(spend.txid, spend.raw)

    def refund(self, terms: HtlcTerms, coin: FundedHtlc) -> SignedUtxoTx:
        rate = fee_rates(self.verified.client).rates[FeeTier.NORMAL]
        sender = field_pkh(terms.sender)
        spend = refund_transaction(coin.txid, coin.index, coin.value, coin.script, self._private_key(sender),
                                   p2wpkh(sender), rate)
        return SignedUtxoTx(spend.txid, spend.raw)

    def broadcast(self, raw: bytes) -> str | None:
        """Sent through every server: None once one's node accepted it (or already had it), else the
        first node's reason for refusing it (a server that refuses or drops it cannot censor it)."""
        answers = self.verified.broadcast_everywhere(raw)
        if any(reason is None or "already" in reason.lower() for reason in answers):
            return None
        # Nodes may quote the transaction: a claim's holds the secret, which must not reach a report or a log.
        return _LONG_HEX.sub("…", str(answers[0]))[:MAX_REFUSAL_CHARS]


def _txid(raw: bytes) -> str:
    return read_transaction(raw).txid
