"""Air-gapped signing: online export, offline signature, online verification, broadcast; tampering refused."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import segno
from eth_account import Account
from web3 import Web3

from wallet.accounts.hot import HotSigner
from wallet.accounts.model import AccountKind
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.keys.derivation import HdKeychain
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout
from wallet.services.airgap import (
    SignRequest,
    SignRequestError,
    SignResultRejectedError,
    join_parts,
    make_request,
    parse_request,
    qr_parts,
    sign_request,
    verify_result,
)
from wallet.services.send import SendRequest, prepare_send
from wallet.store.accounts import AccountStore
from wallet.store.db import connect
from wallet.store.transactions import TransactionStore

OFFLINE_SEED = mnemonic_to_seed(generate_mnemonic(12))
PATH = EthPathLayout.BIP44.path(0)


@pytest.fixture
def offline() -> HotSigner:
    return HotSigner(keychain=HdKeychain(OFFLINE_SEED))


def online_request(chain_state: Devnet, tmp_path: Path, data: bytes = b"") -> tuple[Web3, SignRequest]:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    address = HdKeychain(OFFLINE_SEED).eth_address(PATH)
    store = AccountStore(connect(tmp_path / "wallet.sqlite3"))
    account = store.add("Offline vault", AccountKind.AIRGAPPED, address, PATH)
    w3.provider.make_request("anvil_setBalance", [address, hex(10**19)])
    prepared = prepare_send(ChainClient(chain), TransactionStore(connect(tmp_path / "wallet.sqlite3")),
                            SendRequest(account.address, Account.create().address, 10**17))
    tx = prepared.tx | ({"data": data, "gas": 200_000} if data else {})
    return w3, make_request(chain.chain_id, chain.name, account.address, PATH, tx)


def test_round_trip_confirms_on_chain(chain_state: Devnet, tmp_path: Path, offline: HotSigner) -> None:
    w3, request = online_request(chain_state, tmp_path)
    exported = request.to_json()
    (code,) = qr_parts(exported)  # a simple transfer fits one QR code
    segno.make(code, error="m")
    received = parse_request(join_parts([code]))  # on the offline computer
    assert received == request
    result = sign_request(received, offline)
    raw = verify_result(request, result)
    receipt = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(raw))
    assert receipt["status"] == 1 and receipt["from"] == request.address


def tampered(request: SignRequest, offline: HotSigner, **changes: object) -> str:
    forged = parse_request(request.to_json())
    forged = type(forged)(forged.id, forged.chain_id, forged.chain_name, forged.address, forged.path,
                          forged.tx | changes)
    return sign_request(forged, offline)


@pytest.mark.parametrize("changes", [{"chainId": 1}, {"value": 10**18}, {"nonce": 99},
                                     {"to": "0x000000000000000000000000000000000000dEaD"}, {"data": b"\x01"}])
def test_a_result_for_anything_else_is_refused(chain_state: Devnet, tmp_path: Path, offline: HotSigner,
                                               changes: dict[str, object]) -> None:
    _, request = online_request(chain_state, tmp_path)
    with pytest.raises(SignResultRejectedError, match="differs from the request"):
        verify_result(request, tampered(request, offline, **changes))


def test_other_keys_other_requests_and_garbage_are_refused(chain_state: Devnet, tmp_path: Path,
                                                           offline: HotSigner) -> None:
    _, request = online_request(chain_state, tmp_path)
    impostor = HotSigner(keychain=HdKeychain(mnemonic_to_seed(generate_mnemonic(12))))
    signed = impostor.sign_transaction(PATH, request.tx)
    forged = json.dumps({"format": "deskwallet-sign-result", "version": 1, "id": request.id,
                         "raw": "0x" + signed.raw.hex()})
    with pytest.raises(SignResultRejectedError, match="signed by another key"):
        verify_result(request, forged)
    other = json.loads(sign_request(request, offline))
    other["id"] = "someone-else"
    with pytest.raises(SignResultRejectedError, match="answers another request"):
        verify_result(request, json.dumps(other))
    for junk in ("", "{}", '{"format": "deskwallet-sign-result", "version": 1, "id": "x", "raw": "0xzz"}'):
        with pytest.raises(SignResultRejectedError):
            verify_result(request, junk)
    with pytest.raises(SignRequestError, match="does not hold that account"):
        sign_request(request, impostor)
    with pytest.raises(SignRequestError, match="not a DeskWallet signing request"):
        parse_request('{"format": "something else"}')


def test_large_requests_travel_as_numbered_qr_parts(chain_state: Devnet, tmp_path: Path,
                                                    offline: HotSigner) -> None:
    w3, request = online_request(chain_state, tmp_path, data=bytes(range(256)) * 8)
    parts = qr_parts(request.to_json())
    assert len(parts) > 1 and all(p.startswith(f"DW:{i}/{len(parts)}:") for i, p in enumerate(parts, start=1))
    for part in parts:
        segno.make(part, error="m")  # each one fits a QR code
    scanned = parts + parts[:2]  # an animated code loops: duplicates arrive
    random.Random(4).shuffle(scanned)
    assert parse_request(join_parts(scanned)) == request
    with pytest.raises(SignRequestError, match="still missing"):
        join_parts(parts[1:])
    raw = verify_result(request, sign_request(parse_request(join_parts(scanned)), offline))
    assert w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(raw))["status"] == 1
