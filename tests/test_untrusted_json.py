"""JSON from outside the app cannot crash the process by nesting deeply.

Once eth_account is imported (py_ecc raises the recursion limit to 100,000), ``json.loads`` of some
tens of thousands of nested brackets overflows the C stack: a segfault, not an exception. Each
reader of outside JSON is run here in a fresh interpreter that imported eth_account first, as the
app does; a crash shows as a negative return code, a handled refusal as 0 and its typed error."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.hostile_rpc import DEEP_NESTING, hostile_rpc
from wallet.chains.rpc import redact_url
from wallet.devnet import Devnet
from wallet.untrusted_json import UntrustedJsonError, loads_untrusted, nests_deeper_than

REPO = Path(__file__).resolve().parent.parent
DEEP = "[" * DEEP_NESTING + "]" * DEEP_NESTING


def run_after_eth_account(code: str, *args: str, must_survive: bool = True) -> subprocess.CompletedProcess[str]:
    """``code`` (given ``sys.argv[1:]`` = ``args``) in a fresh interpreter that imported eth_account
    first (``DEEP`` is defined there too); with ``must_survive``, the process must end normally."""
    prelude = ("import sys\nimport eth_account\nassert sys.getrecursionlimit() >= 100_000\n"
               f"DEEP = '[' * {DEEP_NESTING} + ']' * {DEEP_NESTING}\n")
    done = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)
    if must_survive:
        assert done.returncode == 0, (done.returncode, done.stderr[-3000:])
    return done


# --- the parser itself ---------------------------------------------------------------------------
def test_the_hazard_is_real_without_the_guard() -> None:
    """Why the guard exists: the plain parser kills the process (so the tests below can fail)."""
    crashed = run_after_eth_account("import json\njson.loads(DEEP)", must_survive=False)
    assert crashed.returncode != 0 and "RecursionError" not in crashed.stderr


def test_json_within_the_cap_is_parsed() -> None:
    assert loads_untrusted('{"a": [[1, {"b": null}]]}', max_depth=4) == {"a": [[1, {"b": None}]]}
    assert loads_untrusted(b'\xef\xbb\xbf{"a": "\xc3\xa9"}', max_depth=1) == {"a": "\u00e9"}  # UTF-8 with a BOM


def test_json_deeper_than_the_cap_is_refused_as_too_deep() -> None:
    with pytest.raises(UntrustedJsonError) as raised:
        loads_untrusted('{"a": [[1, {"b": null}]]}', max_depth=3)
    assert raised.value.too_deep
    with pytest.raises(UntrustedJsonError) as raised:
        loads_untrusted(DEEP, max_depth=64)
    assert raised.value.too_deep


@pytest.mark.parametrize("data", [b"\x00\xffnot json", b'{"a": ', "1" * 5000, b"", '{"a": 1} trailing'])
def test_what_is_not_json_is_refused_as_not_json(data: str | bytes) -> None:
    with pytest.raises(UntrustedJsonError) as raised:
        loads_untrusted(data, max_depth=8)
    assert not raised.value.too_deep


def test_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"a": "[[[[{{{{" * 1000, "b": '\\"[[[[', "c": ["]]]]"]})
    assert not nests_deeper_than(text, 2)
    assert loads_untrusted(text, max_depth=2)["b"] == '\\"[[[['
    assert nests_deeper_than(json.dumps({"a": [["x"]]}), 2)


@pytest.mark.parametrize(("body", "last_bracket_counts"), [
    ("\\" * 1_000_000, True),       # backslashes outside any string
    ('"' * 1_000_000, True),         # half a million empty strings
    ('"\\' * 500_000, False),        # one string of escaped quotes, never closed
    ('\\"' * 500_000, False),        # a backslash, then the same
    ('"[",' * 250_000, True),        # strings holding brackets
])
def test_hostile_text_is_scanned_in_one_pass(body: str, last_bracket_counts: bool) -> None:
    """A megabyte built to make a backtracking scanner quadratic is read through to its last
    bracket (the pattern cannot backtrack, see ``_STRING_OR_BRACKET``), which counts unless a string
    left open swallowed it."""
    assert nests_deeper_than("[" + body + "[", 1) == last_bracket_counts


# --- every reader of outside JSON, in a process that imported eth_account --------------------------
def test_a_deeply_nested_rpc_reply_is_the_nodes_failure_not_a_crash() -> None:
    asked: list[str] = []
    with hostile_rpc("deep", requests=asked) as url:
        done = run_after_eth_account("""
            import dataclasses
            from wallet.chains.registry import load_registry
            from wallet.chains.rpc import AllEndpointsFailedError, ChainClient
            chain = dataclasses.replace(load_registry().get("ethereum"), chain_id=31337, rpc_urls=(sys.argv[1],))
            try:
                ChainClient(chain, rounds=1).block_number()
            except AllEndpointsFailedError as error:
                print(error)
        """, url)
    assert asked == ["eth_chainId", "eth_blockNumber"]
    assert done.stdout.strip().endswith(f"The node at {redact_url(url)} sent an invalid reply: "
                                        "the body is nested too deeply")


def test_a_deeply_nested_rpc_reply_fails_over_to_the_next_node(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    with hostile_rpc("deep", chain_id=chain.chain_id) as url:
        done = run_after_eth_account("""
            import dataclasses, json
            from wallet.chains.registry import load_chains_file
            from wallet.chains.rpc import ChainClient, JsonRpcEndpoint
            from pathlib import Path
            chain = next(c for c in load_chains_file(Path(sys.argv[1])) if c.chain_id == int(sys.argv[2]))
            client = ChainClient(dataclasses.replace(chain, rpc_urls=(sys.argv[3], chain.rpc_urls[0])))
            print(json.dumps({"block": client.block_number(),
                              "honest": int(JsonRpcEndpoint(chain.rpc_urls[0]).request("eth_blockNumber", []), 16),
                              "failing": {k: str(v) for k, v in client.failing_nodes().items()}}))
        """, str(devnet.manifest_path), str(chain.chain_id), url)
    outcome = json.loads(done.stdout)
    assert outcome["block"] == outcome["honest"]
    assert outcome["failing"] == {
        redact_url(url): f"The node at {redact_url(url)} sent an invalid reply: the body is nested too deeply"}


def test_a_deeply_nested_token_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text('{"name": "list", "tokens": ' + DEEP + "}", encoding="utf-8")
    done = run_after_eth_account("""
        from pathlib import Path
        from wallet.chains.registry import load_registry
        from wallet.services.tokens import TokenListError, import_token_list
        from wallet.store.db import connect
        from wallet.store.tokens import TokenStore
        try:
            import_token_list(Path(sys.argv[1]).read_text(encoding="utf-8"), load_registry(),
                              TokenStore(connect(Path(sys.argv[2]))))
        except TokenListError as error:
            print(error)
    """, str(path), str(tmp_path / "db.sqlite3"))
    assert done.stdout.strip() == "The token list cannot be used: it is not a token list (no tokens array)"


def test_deeply_nested_air_gap_files_are_refused() -> None:
    done = run_after_eth_account("""
        from wallet.services.airgap import (SignRequestError, SignResultRejectedError, make_request,
                                            parse_request, verify_result)
        tx = {"chainId": 31337, "nonce": 0, "to": "0x" + "11" * 20, "value": 1, "gas": 21000, "data": b"",
              "maxFeePerGas": 10**9, "maxPriorityFeePerGas": 1, "type": 2}
        request = make_request(31337, "Devnet", "0x" + "22" * 20, None, tx)
        try:
            verify_result(request, '{"format": "deskwallet-sign-result", "version": 1, "raw": ' + DEEP + "}")
        except SignResultRejectedError as error:
            print(error)
        try:
            parse_request('{"format": "deskwallet-sign-request", "version": 1, "tx": ' + DEEP + "}")
        except SignRequestError as error:
            print(error)
    """)
    assert done.stdout.splitlines() == [
        "The signed transaction was refused: it is not a signed result. Nothing was sent.",
        "The signing request cannot be used: it is not a DeskWallet signing request",
    ]


def test_a_deeply_nested_settings_file_is_set_aside(wallet_home: Path) -> None:
    path = wallet_home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"network": "ethereum", "custom_rpc_urls": ' + DEEP + "}", encoding="utf-8")
    done = run_after_eth_account("""
        from wallet.settings import Settings, load_settings
        print(load_settings() == Settings())
    """)
    assert done.stdout.strip() == "True"
    assert not path.exists() and (path.parent / "settings.damaged").read_text(encoding="utf-8").endswith(DEEP + "}")


def test_a_deeply_nested_chain_registry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "custom-chains.json"
    path.write_text('{"chains": ' + DEEP + "}", encoding="utf-8")
    done = run_after_eth_account("""
        from pathlib import Path
        from wallet.chains.registry import RegistryError, load_chains_file
        try:
            load_chains_file(Path(sys.argv[1]))
        except RegistryError as error:
            print(error)
    """, str(path))
    assert done.stdout.strip() == f"chain registry {path} is not readable JSON: nested too deeply"


def test_deeply_nested_vault_and_keystore_files_are_refused(tmp_path: Path) -> None:
    vault = tmp_path / "hot-vault.json"
    vault.write_text('{"header": ' + DEEP + "}", encoding="utf-8")
    done = run_after_eth_account("""
        from pathlib import Path
        from wallet.keys.keystore import KeystoreImportError, decrypt_keystore
        from wallet.keys.vault import Vault, VaultCorruptError
        try:
            Vault.open(Path(sys.argv[1]), "password")
        except VaultCorruptError as error:
            print(error)
        try:
            decrypt_keystore('{"crypto": ' + "[" * 30_000 + "]" * 30_000 + "}", "password")
        except KeystoreImportError as error:
            print(error)
    """, str(vault))
    assert done.stdout.splitlines() == ["The wallet file hot-vault.json is damaged: not a wallet file",
                                        "The keystore file could not be opened: not a keystore v3 file"]


def test_a_network_is_not_added_over_a_deeply_nested_file_of_added_networks(wallet_home: Path) -> None:
    done = run_after_eth_account("""
        from wallet.services.network import InvalidCustomChainError, NetworkService, custom_chains_path
        from wallet.settings import Settings
        service = NetworkService(Settings())
        custom_chains_path().write_text('{"chains": ' + DEEP + "}", encoding="utf-8")
        try:
            service.add_custom_chain("Mine", 777_777, "MINE", "http://127.0.0.1:1")
        except InvalidCustomChainError as error:
            print(error)
        print(any(chain.chain_id == 777_777 for chain in service.chains()))
    """)
    assert done.stdout.splitlines() == ["The network cannot be added: the file of added networks is damaged", "False"]
    assert (wallet_home / "config" / "custom-chains.json").read_text(encoding="utf-8").endswith(DEEP + "}")
