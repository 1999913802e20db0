"""The user's own Electrum servers (Settings): checked strictly and saved atomically, nothing saved on
bad input; with one set, the app's UTXO service and the Atomic swap service speak to it only (a real
litecoind + ElectrumX); the Settings page sets, clears and forgets a pinned certificate (offscreen)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.utxo_stack import LtcRegtest, ltc_regtest  # noqa: F401
from wallet.dex.atomic.swap_chains import utxo_chain_number
from wallet.keys.mnemonic import generate_mnemonic
from wallet.paths import database_path
from wallet.services.atomic_swaps import AtomicSwapService
from wallet.services.electrum_servers import (
    ElectrumServerAddressError,
    ElectrumServerDuplicateError,
    ElectrumServerHostError,
    ElectrumServerPlainTextError,
    ElectrumServerPortError,
    ElectrumServerSchemeError,
    NoOwnServersError,
    TooManyOwnServersError,
    clear_own_servers,
    own_servers,
    set_own_servers,
)
from wallet.services.utxo_wallet import UtxoWalletService
from wallet.settings import Settings, load_settings, save_settings, settings_path
from wallet.store.db import connect
from wallet.store.utxo_accounts import UtxoAccountStore
from wallet.ui.context import AppContext
from wallet.ui.pages.settings_page import SettingsPage
from wallet.ui.pages.utxo_page import default_service
from wallet.utxo.account import RECEIVE
from wallet.utxo.electrum_client import ElectrumServer, default_certificate_pins
from wallet.utxo.registry import load_utxo_registry

CHAIN = "litecoin-regtest"
PASSWORD = "own electrum server test"


def test_own_servers_round_trip_and_clear() -> None:
    settings = Settings(network="ethereum")
    save_settings(settings)
    servers = set_own_servers(settings, "bitcoin", " ssl://Node.Example.org:50002\n\ntcp://192.168.1.20:50001 \n"
                                                   "tcp://[::1]:50001\n")
    assert servers == [ElectrumServer("node.example.org", 50002, True), ElectrumServer("192.168.1.20", 50001, False),
                       ElectrumServer("::1", 50001, False)]
    assert load_settings().electrum_servers == {
        "bitcoin": ["ssl://node.example.org:50002", "tcp://192.168.1.20:50001", "tcp://[::1]:50001"]}
    assert own_servers(load_settings()) == {"bitcoin": tuple(servers)}
    clear_own_servers(settings, "bitcoin")
    assert load_settings() == Settings(network="ethereum")


@pytest.mark.parametrize(("text", "error"), [
    ("garbage", ElectrumServerAddressError),
    ("electrum.example.org:50002", ElectrumServerAddressError),
    ("ssl://node.example.org:50002/path", ElectrumServerAddressError),
    ("ssl://user@node.example.org:50002", ElectrumServerAddressError),
    ("https://node.example.org:50002", ElectrumServerSchemeError),
    ("ssl://node.example.org", ElectrumServerPortError),
    ("ssl://node.example.org:0", ElectrumServerPortError),
    ("ssl://node.example.org:65536", ElectrumServerPortError),
    ("ssl://node.example.org:5000x", ElectrumServerPortError),
    ("ssl://:50002", ElectrumServerHostError),
    ("ssl://-node-.example.org:50002", ElectrumServerHostError),
    ("ssl://2001:db8::1:50002", ElectrumServerHostError),  # an IPv6 address goes in brackets
    ("tcp://node.example.org:50001", ElectrumServerPlainTextError),  # a name could resolve anywhere
    ("tcp://8.8.8.8:50001", ElectrumServerPlainTextError),
    ("ssl://node.example.org:50002\nssl://NODE.example.org:50002", ElectrumServerDuplicateError),
    (" \n\n", NoOwnServersError),
    ("\n".join(f"ssl://n{i}.example.org:50002" for i in range(11)), TooManyOwnServersError),
    ("ssl://node.example.org:50002\nnonsense", ElectrumServerAddressError),  # one bad line refuses all
])
def test_bad_input_is_refused_with_its_reason_and_nothing_is_saved(text: str, error: type[Exception]) -> None:
    settings = Settings(electrum_servers={"litecoin": ["ssl://mine.example.org:50002"]})
    save_settings(settings)
    before = settings_path().read_bytes()
    with pytest.raises(error) as raised:
        set_own_servers(settings, "litecoin", text)
    assert type(raised.value) is error  # the specific reason, not only its family
    assert settings.electrum_servers == {"litecoin": ["ssl://mine.example.org:50002"]}
    assert settings_path().read_bytes() == before


def test_a_damaged_entry_leaves_its_chain_without_servers_never_with_the_public_ones() -> None:
    settings_path().write_text(json.dumps({"electrum_servers": {"bitcoin": ["tcp://8.8.8.8:50001"],
                                                                "litecoin": ["ssl://mine.example.org:50002"]}}))
    mine = ElectrumServer("mine.example.org", 50002, True)
    assert own_servers(load_settings()) == {"bitcoin": (), "litecoin": (mine,)}
    service = UtxoWalletService(UtxoAccountStore(connect(database_path())), lambda: None,  # type: ignore[arg-type,return-value]
                                own_servers=lambda: own_servers(load_settings()))
    bitcoin = load_utxo_registry().get("bitcoin")
    assert service.servers(bitcoin) == () and bitcoin not in service.chains()
    settings_path().write_text(json.dumps({"electrum_servers": {"bitcoin": "ssl://x.example.org:1"}}))
    assert load_settings().electrum_servers == {}


@pytest.fixture
def context() -> Iterator[AppContext]:
    made = AppContext.create(Settings())
    yield made
    made.shutdown()


def synced_balance(service: UtxoWalletService, account_id: int, stack: LtcRegtest, txid: str) -> int:
    stack.wait_electrum_synced()
    for _ in range(100):
        state = service.sync(service.account(account_id))
        if txid in state.snapshot.heights:
            return state.balance
        time.sleep(0.1)
    raise AssertionError(f"the server never listed {txid}")


def test_with_an_own_server_the_wallet_and_swaps_use_only_it(context: AppContext,
                                                             ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    registry = load_utxo_registry()
    own = f"tcp://{ltc_regtest.electrum_tcp[0]}:{ltc_regtest.electrum_tcp[1]}"
    server = ElectrumServer.parse(own)
    service = default_service(context)  # what the Bitcoin & Litecoin and Atomic swap pages use
    swaps = AtomicSwapService(context.network, context.accounts, context.transactions, context.signer_for,
                              service, context.hot_wallet)
    try:
        context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Main")
        assert CHAIN not in {c.key for c in service.chains()}  # regtest has no public server
        set_own_servers(context.settings, CHAIN, own)
        set_own_servers(context.settings, "litecoin", own)
        chain = registry.get(CHAIN)
        assert service.servers(chain) == (server,)
        assert service.servers(registry.get("litecoin")) == (server,)  # the public ones are not asked
        assert service.servers(registry.get("bitcoin")) == registry.get("bitcoin").electrum_servers

        # Accounts, sync and sending through it.
        (account,) = service.add_hot_accounts([chain])
        receive = account.keys.address(RECEIVE, 0)
        funding = str(ltc_regtest.rpc("sendtoaddress", receive, "1.0", wallet="miner"))
        ltc_regtest.mine(1)
        assert synced_balance(service, account.id, ltc_regtest, funding) == 10**8
        state = service.sync(service.account(account.id))
        payee = str(ltc_regtest.rpc("getnewaddress", wallet="miner"))
        rates = service.fee_rates(chain)
        plan = service.plan_payment(state, payee, 20_000_000, rates.rates[max(rates.rates)])
        txid = service.sign_and_send(service.account(account.id), plan)
        ltc_regtest.mine(1)
        assert synced_balance(service, account.id, ltc_regtest, txid) == 10**8 - 20_000_000 - plan.fee

        # Swaps ask the same service: the chain is offered, and its tip is read from our server.
        assert CHAIN in {c.key for c in swaps.utxo_chains()}
        head = swaps.utxo.head(utxo_chain_number(chain))
        assert head.number == ltc_regtest.rpc("getblockcount")

        clear_own_servers(context.settings, CHAIN)
        clear_own_servers(context.settings, "litecoin")
        assert CHAIN not in {c.key for c in service.chains()} | {c.key for c in swaps.utxo_chains()}
        assert service.servers(registry.get("litecoin")) == registry.get("litecoin").electrum_servers
        assert load_settings().electrum_servers == {}
    finally:
        swaps.close()
        service.close()


def test_settings_page_sets_clears_and_forgets_a_pin(qtbot: QtBot, context: AppContext) -> None:
    page = SettingsPage()
    qtbot.addWidget(page)
    page.attach_network(context.network, lambda: None)
    page.show()
    combo = page.electrum_chain_combo
    combo.setCurrentIndex(combo.findData("litecoin"))
    public = load_utxo_registry().get("litecoin").electrum_servers
    assert page.electrum_list.count() == len(public)
    assert not page.electrum_defaults_button.isEnabled()

    page.electrum_edit.setPlainText("tcp://node.example.org:50001")
    page.electrum_use_button.click()
    assert "unencrypted" in page.electrum_message.text()
    assert load_settings().electrum_servers == {} == context.settings.electrum_servers

    page.electrum_edit.setPlainText("tcp://127.0.0.1:50001\nssl://mine.example.org:50002")
    page.electrum_use_button.click()
    assert load_settings().electrum_servers == {"litecoin": ["tcp://127.0.0.1:50001", "ssl://mine.example.org:50002"]}
    assert [page.electrum_list.item(i).text() for i in range(page.electrum_list.count())] == [
        "tcp://127.0.0.1:50001 (yours)", "ssl://mine.example.org:50002 (yours)"]
    assert page.electrum_defaults_button.isEnabled()

    pins = default_certificate_pins()  # another object on the same file, as each UTXO service holds one
    pins.check("mine.example.org:50002", "ab" * 32)
    page.electrum_list.setCurrentRow(1)
    page.electrum_forget_button.click()
    assert pins.pinned("mine.example.org:50002") is None
    assert "forgotten" in page.electrum_message.text()

    page.electrum_defaults_button.click()
    assert load_settings().electrum_servers == {} == context.settings.electrum_servers
    assert page.electrum_list.count() == len(public)
    assert "default servers" in page.electrum_message.text()
