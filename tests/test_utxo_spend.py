"""Sending from a BIP-84 account (wallet.utxo.spend) on a real litecoind + ElectrumX: coin selection
with change, RBF and its replacement ("speed up"), fees from the server, PSBTs signed elsewhere and
checked on import, and the node's own verdicts (testmempoolaccept, the mempool)."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from embit import bip32
from embit.networks import NETWORKS
from embit.psbt import PSBT

from tests import utxo_stack
from tests.test_utxo_account import node_utxo_total, regtest_account, verified_electrum
from tests.utxo_stack import LtcRegtest, ltc_regtest  # noqa: F401
from wallet.chains.fees import FeeTier
from wallet.utxo.account import (
    CHANGE,
    LITECOIN,
    LITECOIN_REGTEST_PARAMS,
    RECEIVE,
    Bip84Account,
    KeyOrigin,
    WrongNetworkAddressError,
)
from wallet.utxo.spend import (
    RBF_SEQUENCE,
    BadPsbtError,
    CannotSpeedUpError,
    DustOutputError,
    InsufficientFundsError,
    TransactionRejectedError,
    broadcast,
    export_psbt,
    fee_rates,
    import_signed_psbt,
    plan_child_pays,
    plan_payment,
    plan_speed_up,
    sign_hot,
    sign_psbt_text,
)
from wallet.utxo.sync import AccountSnapshot, AccountSync
from wallet.utxo.verified import VerifiedElectrum

LITOSHI = Decimal(10**8)


@pytest.fixture(scope="module")
def rbf_regtest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LtcRegtest]:
    reason = utxo_stack.missing_parts()
    if reason is not None:
        if os.environ.get(utxo_stack.REQUIRE_ENV) == "1":
            pytest.fail(f"{utxo_stack.REQUIRE_ENV}=1 but the UTXO stack cannot start: {reason}")
        pytest.skip(f"UTXO stack not available: {reason}")
    # Litecoin Core relays no BIP-125 replacements by default (refused as txn-mempool-conflict).
    stack = LtcRegtest.start(tmp_path_factory.mktemp("ltc-regtest-rbf"), node_args=("-mempoolreplacement=1",))
    try:
        yield stack
    finally:
        stack.stop()


def funded_account(stack: LtcRegtest, amounts: list[str]) -> tuple[Any, Bip84Account, VerifiedElectrum]:
    root, account = regtest_account()
    stack.rpc("sendmany", "", {account.address(RECEIVE, i): a for i, a in enumerate(amounts)}, wallet="miner")
    stack.mine(1)
    stack.wait_electrum_synced()
    return root, account, verified_electrum(stack)


def node_address(stack: LtcRegtest) -> str:
    return str(stack.rpc("getnewaddress", wallet="miner"))


def wait_seen(stack: LtcRegtest, verified: VerifiedElectrum, account: Bip84Account, txid: str) -> AccountSnapshot:
    """A sync once the server has the transaction (it polls the node's mempool every 0.2 s)."""
    import time

    for _ in range(100):
        snapshot = AccountSync(verified, account).sync()
        if txid in snapshot.heights:
            return snapshot
        time.sleep(0.1)
    raise AssertionError(f"the server never listed {txid}")


def test_fee_tiers_fall_back_to_the_relay_floor_on_regtest(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    verified = verified_electrum(ltc_regtest)
    rates = fee_rates(verified.client)
    relay = float(ltc_regtest.rpc("getnetworkinfo")["relayfee"]) * 1e8 / 1000
    assert rates.floor == max(1.0, relay)
    assert ltc_regtest.rpc("estimatesmartfee", 2).get("feerate") is None  # no estimate on regtest
    assert rates.rates == {FeeTier.FAST: rates.floor, FeeTier.NORMAL: rates.floor, FeeTier.SLOW: rates.floor}
    verified.client.close()


def test_litecoin_core_refuses_replacements_by_default(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    """Why "speed up" by RBF cannot be relied on for Litecoin: its nodes keep the first spend."""
    root, account, verified = funded_account(ltc_regtest, ["0.5"])
    snapshot = AccountSync(verified, account).sync()
    payee = node_address(ltc_regtest)
    plan = plan_payment(account, snapshot, [(payee, 10_000_000)], fee_rate=1.0)
    txid = broadcast(verified, sign_hot(account, plan, root))
    assert ltc_regtest.rpc("getmempoolentry", txid)["bip125-replaceable"] is True  # it signals
    faster = plan_speed_up(account, wait_seen(ltc_regtest, verified, account, txid), txid, fee_rate=20.0)
    (verdict,) = ltc_regtest.rpc("testmempoolaccept", [sign_hot(account, faster, root).hex()])
    assert verdict["allowed"] is False and verdict["reject-reason"] == "txn-mempool-conflict"
    verified.client.close()


def test_child_pays_for_parent_speeds_up_where_replacement_is_off(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    root, account, verified = funded_account(ltc_regtest, ["0.5"])
    snapshot = AccountSync(verified, account).sync()
    plan = plan_payment(account, snapshot, [(node_address(ltc_regtest), 10_000_000)], fee_rate=1.0)
    parent_raw = sign_hot(account, plan, root)
    parent = broadcast(verified, parent_raw)
    pending = wait_seen(ltc_regtest, verified, account, parent)
    assert pending.pending_raw == {parent: parent_raw} and pending.raw[parent] == parent_raw
    with pytest.raises(CannotSpeedUpError, match="already pays that fee rate"):  # no faster than it is
        plan_child_pays(account, pending, parent, fee_rate=1.0)
    child_plan = plan_child_pays(account, pending, parent, fee_rate=25.0)
    assert [c.txid for c in child_plan.coins] == [parent] and child_plan.change_index == 1
    child = broadcast(verified, sign_hot(account, child_plan, root))
    entry = ltc_regtest.rpc("getmempoolentry", child)
    package_fee = int(Decimal(str(entry["fees"]["ancestor"])) * LITOSHI)
    assert package_fee == plan.fee + child_plan.fee and package_fee >= 25 * entry["ancestorsize"]
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()
    mined = AccountSync(verified, account).sync()
    assert mined.heights[parent] > 0 and mined.heights[child] > 0
    with pytest.raises(CannotSpeedUpError):  # mined: nothing to speed up
        plan_child_pays(account, mined, parent, fee_rate=30.0)
    verified.client.close()


def test_send_with_change_signals_rbf_and_speeds_up(rbf_regtest: LtcRegtest) -> None:
    ltc_regtest = rbf_regtest  # noqa: F811 (the same stack, with replacements on)
    root, account, verified = funded_account(ltc_regtest, ["1.0", "0.3", "0.05"])
    snapshot = AccountSync(verified, account).sync()
    payee = node_address(ltc_regtest)
    plan = plan_payment(account, snapshot, [(payee, 110_000_000)], fee_rate=2.0)
    # Largest first: 1.0 then 0.3; the change goes to the first change address.
    assert sorted(c.value for c in plan.coins) == [30_000_000, 100_000_000]
    assert plan.change_index == 0 and plan.outputs[-1] == (account.script(CHANGE, 0), 130_000_000 - 110_000_000
                                                          - plan.fee)
    raw = sign_hot(account, plan, root)
    decoded = ltc_regtest.rpc("decoderawtransaction", raw.hex())
    assert {vin["sequence"] for vin in decoded["vin"]} == {RBF_SEQUENCE}
    assert decoded["vsize"] <= plan.vsize and plan.fee >= 2 * decoded["vsize"]
    (verdict,) = ltc_regtest.rpc("testmempoolaccept", [raw.hex()])
    assert verdict["allowed"] is True, verdict
    txid = broadcast(verified, raw)
    entry = ltc_regtest.rpc("getmempoolentry", txid)
    assert entry["bip125-replaceable"] is True
    assert int(Decimal(str(entry["fees"]["base"])) * LITOSHI) == plan.fee

    pending = wait_seen(ltc_regtest, verified, account, txid)
    (item,) = [h for h in pending.history if h.txid == txid]
    assert (item.height <= 0, item.sent, item.fee) == (True, 130_000_000, plan.fee)
    assert item.received == 130_000_000 - 110_000_000 - plan.fee
    assert pending.unconfirmed == -110_000_000 - plan.fee
    assert pending.first_unused(CHANGE) == 1

    with pytest.raises(CannotSpeedUpError):
        plan_speed_up(account, pending, txid, fee_rate=plan.fee_rate)  # not higher
    # The node's verdict on a replacement that pays no more: BIP-125 rule 3/4.
    same_fee = plan_payment(account, pending, [(payee, 110_000_000)], fee_rate=2.0, coins=plan.coins)
    (verdict,) = ltc_regtest.rpc("testmempoolaccept", [sign_hot(account, same_fee, root).hex()])
    assert verdict["allowed"] is False and "insufficient fee" in verdict["reject-reason"]

    faster = plan_speed_up(account, pending, txid, fee_rate=10.0)
    assert faster.replaces == txid and faster.coins == plan.coins and faster.change_index == 0
    assert faster.outputs[0] == plan.outputs[0] and faster.fee > plan.fee and faster.fee_rate >= 10.0
    replacement = broadcast(verified, sign_hot(account, faster, root))
    mempool = ltc_regtest.rpc("getrawmempool")
    assert replacement in mempool and txid not in mempool
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()
    done = AccountSync(verified, account).sync()
    assert txid not in done.heights and done.heights[replacement] > 0
    discovered = [account.address(a.chain, a.index) for a in done.addresses]
    assert done.confirmed == node_utxo_total(ltc_regtest, discovered) == 135_000_000 - 110_000_000 - faster.fee
    assert done.unconfirmed == 0
    assert [h.fee for h in done.history if h.txid == replacement] == [faster.fee]
    verified.client.close()


def test_a_speed_up_adds_a_coin_when_the_change_cannot_pay(rbf_regtest: LtcRegtest) -> None:
    ltc_regtest = rbf_regtest  # noqa: F811 (the same stack, with replacements on)
    root, account, verified = funded_account(ltc_regtest, ["0.001", "0.5"])
    snapshot = AccountSync(verified, account).sync()
    # Pays all of the 0.5 coin but a little: the change is below dust, left to the fee.
    plan = plan_payment(account, snapshot, [(node_address(ltc_regtest), 49_999_800)], fee_rate=1.0)
    assert plan.change_index is None and len(plan.coins) == 1
    txid = broadcast(verified, sign_hot(account, plan, root))
    pending = wait_seen(ltc_regtest, verified, account, txid)
    faster = plan_speed_up(account, pending, txid, fee_rate=5.0)
    assert len(faster.coins) == 2 and faster.change_index is not None
    replacement = broadcast(verified, sign_hot(account, faster, root))
    assert set(ltc_regtest.rpc("getrawmempool")) >= {replacement}
    assert txid not in ltc_regtest.rpc("getrawmempool")
    verified.client.close()


def test_refusals_are_typed(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    root, account, verified = funded_account(ltc_regtest, ["0.2"])
    snapshot = AccountSync(verified, account).sync()
    payee = node_address(ltc_regtest)
    with pytest.raises(InsufficientFundsError) as caught:
        plan_payment(account, snapshot, [(payee, 20_000_000)], fee_rate=1.0)
    assert caught.value.params["available"] == 20_000_000
    with pytest.raises(DustOutputError) as dust:
        plan_payment(account, snapshot, [(payee, 293)], fee_rate=1.0)
    assert dust.value.params["limit"] == 294  # P2WPKH at the default dust relay fee
    mainnet = Bip84Account("zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkg"
                           "DKf31mGDtKsAYz2oz2AGutZYs", LITECOIN)
    with pytest.raises(WrongNetworkAddressError):  # a Litecoin mainnet address on regtest
        plan_payment(account, snapshot, [(mainnet.address(RECEIVE, 0), 100_000)], fee_rate=1.0)
    # Spent twice: the node's reason comes back.
    first = plan_payment(account, snapshot, [(payee, 1_000_000)], fee_rate=1.0)
    broadcast(verified, sign_hot(account, first, root))
    ltc_regtest.mine(1)
    again = plan_payment(account, snapshot, [(payee, 2_000_000)], fee_rate=1.0)
    with pytest.raises(TransactionRejectedError) as rejected:
        broadcast(verified, sign_hot(account, again, root))
    assert "missing" in str(rejected.value) or "spent" in str(rejected.value)
    verified.client.close()


def test_psbt_round_trip_with_a_watch_only_account_and_a_separate_signer(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    signer = bip32.HDKey.from_seed(bytes(range(64)), version=NETWORKS["regtest"]["xprv"])
    node = signer.derive("m/84h/1h/0h")
    # The watch-only side holds only the vpub and its origin, as a descriptor would give them.
    watch_only = Bip84Account(node.to_public().to_base58(version=bytes.fromhex("045f1cf6")), LITECOIN_REGTEST_PARAMS,
                              KeyOrigin(signer.my_fingerprint, (84 + 2**31, 1 + 2**31, 2**31)))
    ltc_regtest.rpc("sendmany", "", {watch_only.address(RECEIVE, 0): "0.4", watch_only.address(RECEIVE, 1): "0.1"},
                    wallet="miner")
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()
    verified = verified_electrum(ltc_regtest)
    snapshot = AccountSync(verified, watch_only).sync()
    plan = plan_payment(watch_only, snapshot, [(node_address(ltc_regtest), 45_000_000)], fee_rate=3.0)
    assert len(plan.coins) == 2
    exported = export_psbt(watch_only, plan)
    base64.b64decode(exported, validate=True)  # the BIP-174 text form
    # Every input carries its whole previous transaction, the node's own bytes (kept by the sync, which
    # proved them), besides its witness UTXO; the PSBT reads back as it was written.
    read_back = PSBT.from_string(exported)
    assert read_back.to_string() == exported and read_back.verify()
    for scope, coin in zip(read_back.inputs, plan.coins, strict=True):
        block = ltc_regtest.rpc("getblockhash", snapshot.heights[coin.txid])
        assert scope.non_witness_utxo.serialize().hex() == ltc_regtest.rpc("getrawtransaction", coin.txid, False, block)
        assert (scope.witness_utxo.value, scope.witness_utxo.script_pubkey.data) == (coin.value, coin.script)
    assert set(snapshot.raw) == set(snapshot.transactions)

    with pytest.raises(BadPsbtError, match="not signed"):
        import_signed_psbt(watch_only, plan, exported)
    signed = sign_psbt_text(exported, signer)
    # A signer that pays itself instead: another output, refused whatever its signatures.
    tampered = PSBT.from_string(signed)
    tampered.outputs[0].value -= 1000
    with pytest.raises(BadPsbtError, match="not the transaction"):
        import_signed_psbt(watch_only, plan, tampered.to_string())
    # A signature that does not verify.
    forged = PSBT.from_string(signed)
    key, signature = next(iter(forged.inputs[0].partial_sigs.items()))
    forged.inputs[0].partial_sigs[key] = signature[:10] + bytes([signature[10] ^ 1]) + signature[11:]
    with pytest.raises(BadPsbtError, match="not valid"):
        import_signed_psbt(watch_only, plan, forged.to_string())
    with pytest.raises(BadPsbtError, match="cannot be read"):
        import_signed_psbt(watch_only, plan, "cHNidP8B" + "A" * 10)
    # Signed by another seed: its fingerprint names none of the inputs, nothing is signed.
    stranger = bip32.HDKey.from_seed(bytes(range(1, 65)), version=NETWORKS["regtest"]["xprv"])
    with pytest.raises(BadPsbtError, match="not signed"):
        import_signed_psbt(watch_only, plan, sign_psbt_text(exported, stranger))

    raw = import_signed_psbt(watch_only, plan, signed)
    # A signer may leave the previous transactions out of its answer: the transaction and its amounts
    # are checked against the plan, not taken from the file.
    slim = PSBT.from_string(signed)
    for scope in slim.inputs:
        scope.non_witness_utxo = None
    assert len(slim.to_string()) < len(signed) and import_signed_psbt(watch_only, plan, slim.to_string()) == raw
    (verdict,) = ltc_regtest.rpc("testmempoolaccept", [raw.hex()])
    assert verdict["allowed"] is True, verdict
    txid = broadcast(verified, raw)
    assert txid in ltc_regtest.rpc("getrawmempool")
    verified.client.close()
