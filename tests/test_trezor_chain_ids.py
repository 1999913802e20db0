"""A Trezor One's v for legacy (EIP-155) transactions: chainId × 2 + 35 + parity while that fits the
reply's uint32, the parity alone above chain id 2,147,483,629; both must give a valid signature."""

from __future__ import annotations

import pytest
import rlp
from eth_account import Account

from wallet.hw.transport import HidTransport, enumerate_devices
from wallet.hw.trezor import TrezorClient, TrezorSessions
from wallet.hw.trezor_signer import TrezorSigner
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.trezor import MAX_CHAIN_ID, VirtualTrezor
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout

PHRASE = generate_mnemonic(12)
PATH = EthPathLayout.BIP44.path(7)
Account.enable_unaudited_hdwallet_features()
ADDRESS = Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address
BOUNDARY_CHAIN_IDS = [1, 31337, MAX_CHAIN_ID - 1, MAX_CHAIN_ID, MAX_CHAIN_ID + 1, 2**31, 2**32 - 1, 2**32 + 1, 2**53]


@pytest.fixture(scope="module")
def signer() -> TrezorSigner:
    backend = VirtualHidBackend(VirtualTrezor(mnemonic_to_seed(PHRASE)))
    (info,) = enumerate_devices(backend)
    client = TrezorClient(HidTransport.open(info, backend), user_timeout_s=5)
    client.sessions = TrezorSessions()
    return TrezorSigner(client)


@pytest.mark.parametrize("chain_id", BOUNDARY_CHAIN_IDS)
def test_legacy_transactions_recover_to_the_device_at_every_chain_id(signer: TrezorSigner, chain_id: int) -> None:
    assert MAX_CHAIN_ID == 2_147_483_629
    tx = {"nonce": 3, "to": Account.create().address, "value": 10**15, "gas": 21_000, "gasPrice": 2 * 10**9,
          "chainId": chain_id, "data": bytes(100)}
    v_sent, _, _ = signer.client.sign_transaction(PATH, tx)
    assert (v_sent in (0, 1)) if chain_id > MAX_CHAIN_ID else (v_sent - 2 * chain_id - 35 in (0, 1))
    signed = signer.sign_transaction(PATH, tx)
    assert signed.sender == ADDRESS == Account.recover_transaction(signed.raw)
    v = int.from_bytes(rlp.decode(signed.raw)[6], "big")
    assert v - 2 * chain_id - 35 in (0, 1)  # the broadcast transaction carries the full EIP-155 v


@pytest.mark.parametrize("chain_id", [MAX_CHAIN_ID, MAX_CHAIN_ID + 1, 2**53])
def test_eip1559_transactions_get_the_parity_at_any_chain_id(signer: TrezorSigner, chain_id: int) -> None:
    tx = {"nonce": 0, "to": Account.create().address, "value": 1, "gas": 21_000, "chainId": chain_id,
          "maxFeePerGas": 10**9, "maxPriorityFeePerGas": 1, "type": 2}
    signed = signer.sign_transaction(PATH, tx)
    assert signed.sender == ADDRESS == Account.recover_transaction(signed.raw)
