"""The UTXO HTLC leg (``wallet.dex.atomic.utxo_htlc`` and ``utxo_htlc_tx``): the contract's exact
bytes and strict parsing, and, against a real litecoind regtest node behind ElectrumX, funding,
the audit and each of its refusals, the claim (and a claim with a wrong secret), reading the secret
back, and refunds refused as ``non-final`` until the locktime (by height, and by median-time-past)."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, TypeVar

import pytest

from tests.utxo_stack import LtcRegtest, LyingProxy, ltc_regtest  # noqa: F401
from wallet.dex.atomic.swap_errors import HashlockMismatchError, LockAuditError, RecipientMismatchError
from wallet.dex.atomic.utxo_htlc import (
    LOCKTIME_NOT_MINIMAL,
    LOCKTIME_OUT_OF_RANGE,
    NOT_THE_CONTRACT,
    HtlcContract,
    HtlcLockBlocksTooFewError,
    HtlcLocktimeTooShortError,
    HtlcNotFundedError,
    HtlcScriptError,
    HtlcTooFewConfirmationsError,
    HtlcValueTooLowError,
    HtlcWrongScriptError,
    block_interval_s,
    build_script,
    expected_refund_time,
    htlc_address,
    locktime_for_refund_at,
    median_time_lag_s,
    median_time_past,
    p2wsh_script_pubkey,
    parse_script,
    participant_margin_s,
    push_number,
    refund_is_final,
)
from wallet.dex.atomic.utxo_htlc_tx import (
    ADDRESS_NOT_SCRIPT,
    WITNESS_NOT_THE_CONTRACT,
    ExpectedHtlc,
    HtlcFeeTooHighError,
    HtlcKeyMismatchError,
    HtlcSecretMismatchError,
    audit_funding,
    claim_transaction,
    contract_spends,
    dust_limit,
    find_secret,
    funding_outputs,
    pubkey_hash,
    refund_ready,
    refund_transaction,
)
from wallet.utxo.electrum_client import ElectrumClient, ElectrumServer
from wallet.utxo.errors import AllServersFailedError, ElectrumRemoteError, InvalidProofError, ServerCaughtLyingError
from wallet.utxo.networks import BITCOIN_MAINNET, BITCOIN_REGTEST, LITECOIN_MAINNET, LITECOIN_REGTEST
from wallet.utxo.verified import VerifiedElectrum

T = TypeVar("T")
HASH = bytes(range(32))
RECIPIENT = bytes.fromhex("11" * 20)
REFUND = bytes.fromhex("22" * 20)
FEERATE = 2.0  # litoshi per vbyte


# --- the script, by hand ------------------------------------------------------------------------------

def test_script_is_the_decred_contract_byte_for_byte() -> None:
    script = build_script(HtlcContract(HASH, RECIPIENT, REFUND, 1_700_000_000))
    expected = bytes.fromhex(
        "63"  # OP_IF
        "82" "0120" "88"  # OP_SIZE <32> OP_EQUALVERIFY
        "a8" "20" + HASH.hex() + "88"  # OP_SHA256 <hash> OP_EQUALVERIFY
        "76" "a9" "14" + RECIPIENT.hex() +  # OP_DUP OP_HASH160 <recipient>
        "67"  # OP_ELSE
        "04" "00f15365"  # <1 700 000 000 = 0x6553f100>, 4 bytes little-endian
        "b1" "75"  # OP_CHECKLOCKTIMEVERIFY OP_DROP
        "76" "a9" "14" + REFUND.hex() +  # OP_DUP OP_HASH160 <refund>
        "68" "88" "ac")  # OP_ENDIF OP_EQUALVERIFY OP_CHECKSIG
    assert script == expected and len(script) == 97
    # The locktime's push: the shortest form, a sign byte only when the top bit is taken.
    assert [push_number(n).hex() for n in (1, 16, 17, 127, 128, 500, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF)] == [
        "51", "60", "0111", "017f", "028000", "02f401", "04ffffff7f", "050000008000", "05ffffffff00"]
    small = build_script(HtlcContract(HASH, RECIPIENT, REFUND, 16))
    assert small == expected.replace(bytes.fromhex("0400f15365"), b"\x60")


@pytest.mark.parametrize("locktime", [1, 16, 17, 128, 700, 500_000_000, 1_700_000_000, 0xFFFFFFFF])
def test_the_parser_round_trips(locktime: int) -> None:
    contract = HtlcContract(HASH, RECIPIENT, REFUND, locktime)
    assert parse_script(contract.script) == contract
    assert contract.time_based == (locktime >= 500_000_000)


def test_every_other_byte_sequence_is_refused() -> None:
    contract = HtlcContract(HASH, RECIPIENT, REFUND, 1_700_000_000)
    script = contract.script
    fields = {**{i: "hash" for i in range(7, 39)}, **{i: "recipient" for i in range(43, 63)},
              **{i: "locktime" for i in range(65, 69)}, **{i: "refund" for i in range(74, 94)}}
    for index in range(len(script)):
        for flip in (0x01, 0x80):
            changed = bytearray(script)
            changed[index] ^= flip
            if index in fields and not (fields[index] == "locktime" and changed[68] & 0x80):
                # A field's byte: another contract, which the parser reads as such (the audit judges it).
                other = parse_script(bytes(changed))
                assert other != contract and other.script == bytes(changed)
                continue
            with pytest.raises(HtlcScriptError):
                parse_script(bytes(changed))
    for bad in (script[:-1], script + b"\xac", b"", script[:64], b"\x00" + script[1:]):
        with pytest.raises(HtlcScriptError) as caught:
            parse_script(bad)
        assert caught.value.params["reason"] == NOT_THE_CONTRACT
    # A secret size other than 32 (a leg whose secret the other chain could not take).
    with pytest.raises(HtlcScriptError):
        parse_script(script[:3] + b"\x21" + script[4:])
    # The same locktime, not minimally pushed: with a needless sign byte, or as data instead of OP_16.
    lock = bytes.fromhex("0400f15365")
    with pytest.raises(HtlcScriptError) as caught:
        parse_script(script.replace(lock, bytes.fromhex("0500f1536500")))
    assert caught.value.params["reason"] == LOCKTIME_NOT_MINIMAL
    sixteen = HtlcContract(HASH, RECIPIENT, REFUND, 16).script
    with pytest.raises(HtlcScriptError) as caught:
        parse_script(sixteen.replace(b"\x67\x60\xb1", b"\x67\x01\x10\xb1"))
    assert caught.value.params["reason"] == LOCKTIME_NOT_MINIMAL
    # Negative, or zero (a refund open at once).
    for push in ("0400f153e5", "00", "0100"):
        with pytest.raises(HtlcScriptError) as caught:
            parse_script(script.replace(lock, bytes.fromhex(push)))
        assert caught.value.params["reason"] in (LOCKTIME_OUT_OF_RANGE, LOCKTIME_NOT_MINIMAL, NOT_THE_CONTRACT)
    with pytest.raises(ValueError):
        HtlcContract(HASH, RECIPIENT, REFUND, 0)
    with pytest.raises(ValueError):
        HtlcContract(HASH[:31], RECIPIENT, REFUND, 100)


def test_addresses_on_each_network() -> None:
    from embit.networks import NETWORKS
    from embit.script import Script, p2wsh

    script = HtlcContract(HASH, RECIPIENT, REFUND, 1_700_000_000).script
    expected_prefix = {BITCOIN_MAINNET: "bc1q", BITCOIN_REGTEST: "bcrt1q", LITECOIN_MAINNET: "ltc1q",
                       LITECOIN_REGTEST: "rltc1q"}
    for network, prefix in expected_prefix.items():
        address = htlc_address(script, network)
        assert address.startswith(prefix) and len(address) == len(prefix) + 58
        hrp = prefix[:-2]
        assert address == p2wsh(Script(script)).address({**NETWORKS["main"], "bech32": hrp})
    assert p2wsh_script_pubkey(script) == b"\x00\x20" + hashlib.sha256(script).digest()


def test_locktime_rules() -> None:
    # Height: final once the next block is above it, i.e. the tip has reached it.
    assert not refund_is_final(700, 698, 0) and not refund_is_final(700, 699, 0) and refund_is_final(700, 700, 0)
    # Time: final once the tip's median-time-past is strictly above it (the tip's own time does not count).
    assert not refund_is_final(1_700_000_000, 10**6, 1_700_000_000) and refund_is_final(1_700_000_000, 0, 1_700_000_001)
    assert block_interval_s(BITCOIN_MAINNET) == 600 and block_interval_s(LITECOIN_MAINNET) == 150
    assert median_time_lag_s(BITCOIN_MAINNET) == 3600 and median_time_lag_s(LITECOIN_MAINNET) == 900
    assert expected_refund_time(1_700_000_000, BITCOIN_MAINNET, 0, 0) == 1_700_003_601
    assert locktime_for_refund_at(1_700_003_601, BITCOIN_MAINNET) == 1_700_000_000
    assert expected_refund_time(800, LITECOIN_MAINNET, 790, 1_000_000) == 1_000_000 + 10 * 150
    assert participant_margin_s(6 * 3600, BITCOIN_MAINNET) == 7 * 3600
    assert participant_margin_s(6 * 3600, None) == 6 * 3600
    with pytest.raises(ValueError):
        locktime_for_refund_at(1000, BITCOIN_MAINNET)


def test_dust_limits_are_cores() -> None:
    # Bitcoin Core's GetDustThreshold at 3 sat/vB: P2WPKH 294, P2WSH and P2TR 330, P2PKH 546, P2SH 540.
    assert dust_limit(b"\x00\x14" + bytes(20)) == 294
    assert dust_limit(b"\x00\x20" + bytes(32)) == dust_limit(b"\x51\x20" + bytes(32)) == 330
    assert dust_limit(b"\x76\xa9\x14" + bytes(20) + b"\x88\xac") == 546
    assert dust_limit(b"\xa9\x14" + bytes(20) + b"\x87") == 540


# --- against the regtest node -------------------------------------------------------------------------

@dataclass
class Party:
    key: bytes
    pkh: bytes


def party() -> Party:
    from embit import ec

    key = secrets.token_bytes(32)
    return Party(key, pubkey_hash(ec.PrivateKey(key).get_public_key().sec()))


@dataclass
class Leg:
    """A contract between an initiator (refunds) and a participant (claims), the secret, the script."""

    initiator: Party
    participant: Party
    secret: bytes
    contract: HtlcContract

    @property
    def script(self) -> bytes:
        return self.contract.script

    def expected(self, **changes: Any) -> ExpectedHtlc:
        base = ExpectedHtlc(secret_hash=self.contract.secret_hash, recipient_pkh=self.participant.pkh,
                            min_value=100_000_000, min_remaining_s=3600, min_confirmations=1,
                            refund_pkh=self.initiator.pkh)
        return replace(base, **changes)


def make_leg(locktime: int) -> Leg:
    initiator, participant, secret = party(), party(), secrets.token_bytes(32)
    return Leg(initiator, participant, secret,
               HtlcContract(hashlib.sha256(secret).digest(), participant.pkh, initiator.pkh, locktime))


@pytest.fixture
def verified(ltc_regtest: LtcRegtest) -> Iterator[VerifiedElectrum]:  # noqa: F811
    client = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [ElectrumServer(*ltc_regtest.electrum_tcp,
                                                                                tls=False)]))
    yield client
    client.client.close()


def fund(stack: LtcRegtest, leg: Leg, amount: str = "1.5", blocks: int = 1) -> tuple[str, int, int]:
    """Pays the contract from the node's wallet; ``(txid, output index, value)``, mined ``blocks`` deep."""
    address = htlc_address(leg.script, LITECOIN_REGTEST)
    # The node reads the script as the contract, and agrees on its P2WSH address.
    decoded = stack.rpc("decodescript", leg.script.hex())
    c = leg.contract
    assert decoded["asm"] == (
        f"OP_IF OP_SIZE 32 OP_EQUALVERIFY OP_SHA256 {c.secret_hash.hex()} OP_EQUALVERIFY OP_DUP OP_HASH160 "
        f"{c.recipient_pkh.hex()} OP_ELSE {c.locktime} OP_CHECKLOCKTIMEVERIFY OP_DROP OP_DUP OP_HASH160 "
        f"{c.refund_pkh.hex()} OP_ENDIF OP_EQUALVERIFY OP_CHECKSIG")
    assert decoded["segwit"]["addresses"] == [address]
    txid = stack.rpc("sendtoaddress", address, amount, wallet="miner")
    raw = bytes.fromhex(stack.rpc("getrawtransaction", txid))
    ((index, value),) = funding_outputs(raw, leg.script)
    assert value == int(Decimal(amount) * 10**8)
    if blocks:
        stack.mine(blocks)
    stack.wait_electrum_synced()
    return txid, index, value


def destination(stack: LtcRegtest) -> bytes:
    address = stack.rpc("getnewaddress", wallet="miner")
    return bytes.fromhex(stack.rpc("getaddressinfo", address, wallet="miner")["scriptPubKey"])


def verdict(stack: LtcRegtest, raw: bytes) -> dict[str, Any]:
    (answer,) = stack.rpc("testmempoolaccept", [raw.hex()])
    return dict(answer)


def until(read: Callable[[], T], done: Callable[[T], bool]) -> T:
    """Reads until ``done`` (the server sees the mempool within a fraction of a second)."""
    for _ in range(100):
        value = read()
        if done(value):
            return value
        time.sleep(0.1)
    raise AssertionError("the Electrum server never showed it")


def test_audit_accepts_the_agreed_funding_and_refuses_each_deviation(
        ltc_regtest: LtcRegtest, verified: VerifiedElectrum) -> None:  # noqa: F811
    tip = ltc_regtest.height()
    leg = make_leg(tip + 100)  # 100 blocks of 150 s: 4 h 10 min
    expected = leg.expected()
    with pytest.raises(HtlcNotFundedError):  # nothing paid yet
        audit_funding(verified, leg.script, expected, "Litecoin")
    txid, index, value = fund(ltc_regtest, leg, blocks=0)
    found = until(lambda: _audit_error(verified, leg, expected), lambda e: e is not None and e.params["found"] == 0)
    assert isinstance(found, HtlcTooFewConfirmationsError)  # in the mempool: not proven, not enough
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()
    funded = audit_funding(verified, leg.script, expected, "Litecoin",
                           address=htlc_address(leg.script, LITECOIN_REGTEST))
    assert (funded.txid, funded.index, funded.value, funded.confirmations) == (txid, index, value, 1)
    assert funded.height == ltc_regtest.height() and funded.contract == leg.contract

    cases: list[tuple[str, Callable[[], object], type[LockAuditError]]] = [
        ("too few confirmations", lambda: audit_funding(verified, leg.script, leg.expected(min_confirmations=3),
                                                        "Litecoin"), HtlcTooFewConfirmationsError),
        ("value too low", lambda: audit_funding(verified, leg.script, leg.expected(min_value=value + 1), "Litecoin"),
         HtlcValueTooLowError),
        ("short locktime", lambda: audit_funding(verified, leg.script, leg.expected(min_remaining_s=6 * 3600),
                                                 "Litecoin"), HtlcLockBlocksTooFewError),
        ("wrong hash", lambda: audit_funding(verified, leg.script, leg.expected(secret_hash=bytes(32)), "Litecoin"),
         HashlockMismatchError),
        ("not our key", lambda: audit_funding(verified, leg.script, leg.expected(recipient_pkh=bytes(20)),
                                              "Litecoin"), RecipientMismatchError),
        ("another refund key", lambda: audit_funding(verified, leg.script, leg.expected(refund_pkh=bytes(20)),
                                                     "Litecoin"), HtlcWrongScriptError),
        ("wrong script", lambda: audit_funding(verified, leg.script[:-1] + b"\xad", expected, "Litecoin"),
         HtlcWrongScriptError),
        ("address of another script", lambda: audit_funding(
            verified, leg.script, expected, "Litecoin",
            address=htlc_address(make_leg(tip + 100).script, LITECOIN_REGTEST)), HtlcWrongScriptError),
    ]
    caught: dict[str, LockAuditError] = {}
    for name, audit, error in cases:
        with pytest.raises(error) as raised:
            audit()
        caught[name] = raised.value
        print(f"{name}: {raised.value}")
    assert caught["too few confirmations"].params == {"chain": "Litecoin", "found": 1, "needed": 3}
    assert caught["value too low"].params == {"chain": "Litecoin", "found": value, "expected": value + 1}
    assert caught["short locktime"].params == {"chain": "Litecoin", "locktime": tip + 100,
                                               "remaining": tip + 100 - ltc_regtest.height(), "needed": 144}
    assert caught["wrong script"].params["reason"] == NOT_THE_CONTRACT
    assert caught["address of another script"].params["reason"] == ADDRESS_NOT_SCRIPT
    # Two more blocks: now deep enough.
    ltc_regtest.mine(2)
    ltc_regtest.wait_electrum_synced()
    assert audit_funding(verified, leg.script, leg.expected(min_confirmations=3), "Litecoin").confirmations == 3
    # A time locktime: measured from the latest block's own timestamp.
    now = verified.chain.header(verified.sync_headers()).timestamp  # type: ignore[union-attr]
    timed = make_leg(now + 3000)
    with pytest.raises(HtlcLocktimeTooShortError) as timed_short:
        audit_funding(verified, timed.script, timed.expected(min_remaining_s=3600), "Litecoin")
    assert timed_short.value.params == {"chain": "Litecoin", "remaining_s": 3000, "needed_s": 3600}


def _audit_error(verified: VerifiedElectrum, leg: Leg, expected: ExpectedHtlc) -> LockAuditError | None:
    try:
        audit_funding(verified, leg.script, expected, "Litecoin")
    except HtlcNotFundedError:
        return None
    except LockAuditError as error:
        return error
    return None


def test_claim_reveals_the_secret_and_a_wrong_secret_is_refused(
        ltc_regtest: LtcRegtest, verified: VerifiedElectrum) -> None:  # noqa: F811
    leg = make_leg(ltc_regtest.height() + 200)
    txid, index, value = fund(ltc_regtest, leg)
    funded = audit_funding(verified, leg.script, leg.expected(), "Litecoin")
    payee = destination(ltc_regtest)
    assert find_secret(verified, leg.script) is None  # funded, not spent

    with pytest.raises(HtlcSecretMismatchError):
        claim_transaction(txid, index, value, leg.script, secrets.token_bytes(32), leg.participant.key, payee, FEERATE)
    with pytest.raises(HtlcKeyMismatchError):
        claim_transaction(txid, index, value, leg.script, leg.secret, leg.initiator.key, payee, FEERATE)
    with pytest.raises(HtlcFeeTooHighError):
        claim_transaction(txid, index, value, leg.script, leg.secret, leg.participant.key, payee, value / 100)

    claim = claim_transaction(funded.txid, funded.index, funded.value, leg.script, leg.secret, leg.participant.key,
                              payee, FEERATE)
    assert leg.secret.hex() not in repr(claim)
    decoded = ltc_regtest.rpc("decoderawtransaction", claim.raw.hex())
    assert decoded["txid"] == claim.txid and decoded["vsize"] == claim.vsize
    assert decoded["locktime"] == 0 and decoded["vin"][0]["sequence"] == 0xFFFFFFFE
    assert decoded["vin"][0]["txinwitness"][2:] == [leg.secret.hex(), "01", leg.script.hex()]
    assert claim.fee == value - claim.value == -(-FEERATE * claim.vsize // 1)
    assert decoded["vout"][0]["scriptPubKey"]["hex"] == payee.hex()

    # The same claim with another secret in its witness (the signature does not cover the witness):
    # the script's OP_SHA256 <hash> OP_EQUALVERIFY refuses it; a 31-byte one fails OP_SIZE 32 first.
    for wrong in (secrets.token_bytes(32), leg.secret[:31]):
        forged = claim.raw.replace(b"\x20" + leg.secret, bytes([len(wrong)]) + wrong)
        refused = verdict(ltc_regtest, forged)
        print(f"claim with a wrong {len(wrong)}-byte secret: {refused['reject-reason']}")
        assert refused["allowed"] is False and "script-verify" in refused["reject-reason"]

    assert verdict(ltc_regtest, claim.raw)["allowed"] is True
    assert verified.broadcast(claim.raw) == claim.txid
    # The secret is read from the claim while it is still in the mempool…
    assert until(lambda: find_secret(verified, leg.script), lambda s: s is not None) == leg.secret
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()
    # …and once it is mined (proven).
    assert find_secret(verified, leg.script) == leg.secret
    (spend,) = contract_spends(verified, leg.script)
    assert spend.claim and spend.txid == claim.txid and spend.height == ltc_regtest.height()
    assert verified.balance(payee).confirmed == claim.value
    with pytest.raises(HtlcNotFundedError):  # spent: nothing left to audit
        audit_funding(verified, leg.script, leg.expected(), "Litecoin")


def test_a_server_altering_the_claims_witness_is_caught(ltc_regtest: LtcRegtest,  # noqa: F811
                                                       verified: VerifiedElectrum) -> None:
    """The witness is outside the transaction id (and so outside the Merkle proof): a server may
    serve a mined claim with another secret in it, or with no witness at all. Neither can be a valid
    spend of the contract, so the server is dropped as a liar and the next one gives the secret."""
    from embit.script import Witness
    from embit.transaction import Transaction

    leg = make_leg(ltc_regtest.height() + 200)
    txid, index, value = fund(ltc_regtest, leg)
    claim = claim_transaction(txid, index, value, leg.script, leg.secret, leg.participant.key,
                              destination(ltc_regtest), FEERATE)
    verified.broadcast(claim.raw)
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()
    other_secret = claim.raw.replace(leg.secret, secrets.token_bytes(32))
    stripped = Transaction.parse(claim.raw)
    stripped.vin[0].witness = Witness([])
    for served, reason in ((other_secret, "the claim's secret does not match the contract's hash"),
                           (stripped.serialize(), WITNESS_NOT_THE_CONTRACT)):
        def rewrite(method: str, params: list[Any], result: Any, served: bytes = served) -> Any:
            return served.hex() if method == "blockchain.transaction.get" and params[0] == claim.txid else result

        proxy = LyingProxy(ltc_regtest.electrum_tcp, rewrite)
        try:
            liar, honest = (ElectrumServer(*a, tls=False) for a in (proxy.address, ltc_regtest.electrum_tcp))
            both = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [liar, honest]))
            assert find_secret(both, leg.script) == leg.secret
            lied = both.client.distrusted[f"{proxy.address[0]}:{proxy.address[1]}"]
            assert isinstance(lied, ServerCaughtLyingError) and proxy.rewritten > 0
            assert isinstance(lied.params["reason"], InvalidProofError)
            assert lied.params["reason"].params["reason"] == reason
            both.client.close()
            alone = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [liar]))
            with pytest.raises(AllServersFailedError):
                find_secret(alone, leg.script)
            alone.client.close()
        finally:
            proxy.close()


def test_a_server_hiding_the_claim_does_not_keep_the_secret_from_us(ltc_regtest: LtcRegtest,  # noqa: F811
                                                                     verified: VerifiedElectrum) -> None:
    """A server may leave a transaction out (omissions cannot be proven); one that hides the claim
    of a contract would keep its secret from the participant until too late. The swap leg asks every
    server for the contract's spends: the honest one gives the claim, and nobody is called a liar."""
    leg = make_leg(ltc_regtest.height() + 200)
    txid, index, value = fund(ltc_regtest, leg)
    claim = claim_transaction(txid, index, value, leg.script, leg.secret, leg.participant.key,
                              destination(ltc_regtest), FEERATE)
    verified.broadcast(claim.raw)
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()

    def hide(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.scripthash.get_history" and isinstance(result, list):
            return [entry for entry in result if entry.get("tx_hash") != claim.txid]
        return result

    proxy = LyingProxy(ltc_regtest.electrum_tcp, hide)
    try:
        hider, honest = (ElectrumServer(*a, tls=False) for a in (proxy.address, ltc_regtest.electrum_tcp))
        both = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [hider, honest]))
        assert contract_spends(both, leg.script) == []  # the first server alone: no claim, no secret
        (spend,) = contract_spends(both, leg.script, everywhere=True)
        assert spend.claim and spend.txid == claim.txid and spend.secret == leg.secret
        assert proxy.rewritten > 0 and both.client.distrusted == {}
        both.client.close()
    finally:
        proxy.close()


def test_a_server_that_keeps_the_claim_from_its_node_does_not_stop_it(ltc_regtest: LtcRegtest,  # noqa: F811
                                                                       verified: VerifiedElectrum) -> None:
    """A swap's claim and refund go out through every server: one that never passes them on (it
    answers with its node's refusal of something else) cannot keep the participant from claiming."""
    leg = make_leg(ltc_regtest.height() + 200)
    txid, index, value = fund(ltc_regtest, leg)
    claim = claim_transaction(txid, index, value, leg.script, leg.secret, leg.participant.key,
                              destination(ltc_regtest), FEERATE)
    proxy = LyingProxy(ltc_regtest.electrum_tcp, lambda _method, _params, result: result,
                       censor=frozenset({"blockchain.transaction.broadcast"}))
    try:
        censor, honest = (ElectrumServer(*a, tls=False) for a in (proxy.address, ltc_regtest.electrum_tcp))
        alone = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [censor]))
        (refused,) = alone.broadcast_everywhere(claim.raw)
        assert refused is not None  # its node never saw the claim
        assert claim.txid not in ltc_regtest.rpc("getrawmempool")
        alone.client.close()
        both = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [censor, honest]))
        answers = both.broadcast_everywhere(claim.raw)
        assert answers[0] is not None and answers[1] is None
        assert claim.txid in ltc_regtest.rpc("getrawmempool")
        both.client.close()
    finally:
        proxy.close()


def test_refund_is_non_final_until_the_block_height_locktime(
        ltc_regtest: LtcRegtest, verified: VerifiedElectrum) -> None:  # noqa: F811
    locktime = ltc_regtest.height() + 6
    leg = make_leg(locktime)
    txid, index, value = fund(ltc_regtest, leg)
    payee = destination(ltc_regtest)
    with pytest.raises(HtlcKeyMismatchError):
        refund_transaction(txid, index, value, leg.script, leg.participant.key, payee, FEERATE)
    refund = refund_transaction(txid, index, value, leg.script, leg.initiator.key, payee, FEERATE)
    decoded = ltc_regtest.rpc("decoderawtransaction", refund.raw.hex())
    assert decoded["locktime"] == locktime and decoded["vin"][0]["sequence"] == 0xFFFFFFFE
    assert decoded["vin"][0]["txinwitness"][2:] == ["", leg.script.hex()] and decoded["vsize"] == refund.vsize

    while ltc_regtest.height() < locktime:
        tip = ltc_regtest.height()
        early = verdict(ltc_regtest, refund.raw)
        assert early["allowed"] is False and "non-final" in early["reject-reason"], early
        assert not refund_is_final(locktime, tip, 0) and not refund_ready(verified, locktime)
        if tip == locktime - 1:
            print(f"refund one block early: {early['reject-reason']}")
            ltc_regtest.wait_electrum_synced()
            with pytest.raises(ElectrumRemoteError, match="non-final"):  # the server's node says the same
                verified.broadcast(refund.raw)
        ltc_regtest.mine(1)
    assert refund_is_final(locktime, ltc_regtest.height(), 0)
    assert verdict(ltc_regtest, refund.raw)["allowed"] is True
    ltc_regtest.wait_electrum_synced()
    assert refund_ready(verified, locktime)
    assert verified.broadcast(refund.raw) == refund.txid
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()
    (spend,) = contract_spends(verified, leg.script)
    assert not spend.claim and spend.txid == refund.txid and spend.height > 0
    assert find_secret(verified, leg.script) is None
    assert verified.balance(payee).confirmed == refund.value


def test_past_the_locktime_claim_and_refund_race(ltc_regtest: LtcRegtest,  # noqa: F811
                                                 verified: VerifiedElectrum) -> None:
    """The script has no claim deadline: past the locktime both spends are valid, and whichever the
    mempool sees first wins. Litecoin Core does not replace it, even at a higher fee and signalled
    (BIP-125): a stuck spend can only be bumped by a child (CPFP)."""
    leg = make_leg(ltc_regtest.height() + 1)
    txid, index, value = fund(ltc_regtest, leg, blocks=2)
    payee = destination(ltc_regtest)
    refund = refund_transaction(txid, index, value, leg.script, leg.initiator.key, destination(ltc_regtest), FEERATE)
    claim = claim_transaction(txid, index, value, leg.script, leg.secret, leg.participant.key, payee, FEERATE)
    assert verdict(ltc_regtest, claim.raw)["allowed"] is True and verdict(ltc_regtest, refund.raw)["allowed"] is True
    assert verified.broadcast(claim.raw) == claim.txid
    bumped = claim_transaction(txid, index, value, leg.script, leg.secret, leg.participant.key, payee, 5 * FEERATE)
    assert bumped.fee > claim.fee and bumped.vsize == claim.vsize
    for late in (refund, bumped):
        refused = verdict(ltc_regtest, late.raw)
        assert refused["allowed"] is False and refused["reject-reason"] == "txn-mempool-conflict", refused
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()
    assert find_secret(verified, leg.script) == leg.secret
    assert [s.txid for s in contract_spends(verified, leg.script)] == [claim.txid]


def test_refund_waits_for_median_time_past_not_the_clock(
        ltc_regtest: LtcRegtest, verified: VerifiedElectrum) -> None:  # noqa: F811
    """A time locktime: blocks stamped past it do not make the refund final; only once the median of
    the last 11 block times (BIP-113) is past it. ``median_time_past`` over our verified headers
    agrees with the node at every step."""
    info = ltc_regtest.rpc("getblockchaininfo")
    start = max(int(time.time()), int(ltc_regtest.rpc("getblockheader", info["bestblockhash"])["time"])) + 60
    locktime = start + 600
    leg = make_leg(locktime)
    try:
        ltc_regtest.rpc("setmocktime", start)
        txid, index, value = fund(ltc_regtest, leg)
        refund = refund_transaction(txid, index, value, leg.script, leg.initiator.key, destination(ltc_regtest),
                                    FEERATE)
        assert verdict(ltc_regtest, refund.raw)["reject-reason"] == "non-final"
        ltc_regtest.rpc("setmocktime", locktime + 60)  # the clock, and new blocks' times, past the locktime
        stamped_after = 0
        while True:
            ltc_regtest.wait_electrum_synced()
            tip = verified.sync_headers()
            node_mtp = ltc_regtest.rpc("getblockchaininfo")["mediantime"]
            ours = median_time_past(verified.chain, tip)
            assert ours == node_mtp
            allowed = verdict(ltc_regtest, refund.raw)["allowed"]
            assert allowed == refund_is_final(locktime, tip, ours) == refund_ready(verified, locktime)
            if allowed:
                break
            if stamped_after:  # the tip's own time is past the locktime, the median is not yet
                assert verified.chain.header(tip).timestamp > locktime >= ours  # type: ignore[union-attr]
            ltc_regtest.mine(1)
            stamped_after += 1
        # Blocks past the locktime were needed before the median moved past it: six of the eleven.
        assert stamped_after == 6
        print(f"refund final after {stamped_after} blocks stamped past the locktime (MTP lag)")
        assert verified.broadcast(refund.raw) == refund.txid
        ltc_regtest.mine(1)
    finally:
        ltc_regtest.rpc("setmocktime", 0)
    ltc_regtest.wait_electrum_synced()
