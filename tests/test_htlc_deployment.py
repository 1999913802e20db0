"""One swap contract address on every chain: CREATE2 deployment through the deterministic deployer,
and the code found at the address verified before anything is sent to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from eth_account import Account
from eth_typing import HexStr
from web3 import Web3
from web3.types import RPCEndpoint

from wallet.accounts.hot import HotSigner
from wallet.chains.registry import Chain, NativeCurrency
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.devnet.anvil import start_anvil
from wallet.dex.atomic.htlc_artifact import htlc_artifact
from wallet.dex.atomic.htlc_deployment import (
    CREATE2_DEPLOYER,
    DEPLOYER_ELSEWHERE,
    HTLC_ADDRESS,
    Create2DeployerMissingError,
    HtlcCodeMismatchError,
    HtlcDeployFailedError,
    HtlcNotDeployedError,
    deploy_if_missing,
    expected_address,
    verify_code,
)

BARE_CHAIN_ID = 31339
RETURN_20_ZERO_BYTES = "0x60146000f3"  # PUSH1 20 PUSH1 0 RETURN: a "deployer" that names the zero address


def funded_signer(w3: Web3) -> HotSigner:
    account = Account.create()
    w3.provider.make_request(RPCEndpoint("anvil_setBalance"), [account.address, hex(10**20)])
    return HotSigner(private_key=bytes(account.key))


def set_code(w3: Web3, address: str, code: str) -> None:
    w3.provider.make_request(RPCEndpoint("anvil_setCode"), [address, code])


def nonce_of(w3: Web3, signer: HotSigner) -> int:
    return int(w3.eth.get_transaction_count(Web3.to_checksum_address(signer.address(None))))


@pytest.fixture
def bare_chain() -> Iterator[Chain]:
    """A fresh anvil with nothing deployed but what anvil ships (the CREATE2 deployer among it)."""
    node = start_anvil(BARE_CHAIN_ID)
    try:
        yield Chain(key="bare", chain_id=BARE_CHAIN_ID, name="Bare anvil", native=NativeCurrency("ETH", "Ether", 18),
                    rpc_urls=(node.rpc_url,), testnet=True, devnet=True)
    finally:
        node.stop()


def test_the_pinned_address_is_where_the_committed_build_lands() -> None:
    # If this fails, the contract or its build changed: swaps locked at the old address would be orphaned.
    # Move the pin only on purpose.
    assert expected_address() == HTLC_ADDRESS


def test_deploy_on_a_bare_chain_puts_the_committed_code_at_the_pinned_address(bare_chain: Chain) -> None:
    w3 = Web3(Web3.HTTPProvider(bare_chain.rpc_urls[0]))
    client = ChainClient(bare_chain)
    with pytest.raises(HtlcNotDeployedError):
        verify_code(client)
    signer = funded_signer(w3)

    deployment = deploy_if_missing(client, signer, None)

    assert deployment.address == HTLC_ADDRESS and deployment.tx_hash is not None
    receipt = w3.eth.get_transaction_receipt(HexStr(deployment.tx_hash))
    assert receipt["status"] == 1 and receipt["to"] == CREATE2_DEPLOYER
    assert bytes(w3.eth.get_code(Web3.to_checksum_address(HTLC_ADDRESS))) == htlc_artifact().runtime_code
    verify_code(client)
    # Already there: nothing is sent the second time.
    assert deploy_if_missing(client, signer, None).tx_hash is None
    assert nonce_of(w3, signer) == 1


def test_both_devnet_chains_get_the_contract_at_the_same_address(chain_state: Devnet) -> None:
    addresses = []
    for chain in chain_state.chains:
        w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
        client = ChainClient(chain)
        addresses.append(deploy_if_missing(client, funded_signer(w3), None).address)
        verify_code(client)
        assert bytes(w3.eth.get_code(Web3.to_checksum_address(HTLC_ADDRESS))) == htlc_artifact().runtime_code
    assert [c.chain_id for c in chain_state.chains] == [31337, 31338]
    assert addresses == [HTLC_ADDRESS, HTLC_ADDRESS]


@pytest.mark.parametrize("tamper", ["one_byte", "other_contract"])
def test_other_code_at_the_address_is_refused_and_nothing_is_sent(bare_chain: Chain, tamper: str) -> None:
    w3 = Web3(Web3.HTTPProvider(bare_chain.rpc_urls[0]))
    runtime = bytearray(htlc_artifact().runtime_code)
    if tamper == "one_byte":
        runtime[100] ^= 0x01
        code = "0x" + runtime.hex()
    else:
        code = RETURN_20_ZERO_BYTES
    set_code(w3, HTLC_ADDRESS, code)
    client = ChainClient(bare_chain)
    signer = funded_signer(w3)

    with pytest.raises(HtlcCodeMismatchError):
        verify_code(client)
    with pytest.raises(HtlcCodeMismatchError):
        deploy_if_missing(client, signer, None)
    assert nonce_of(w3, signer) == 0


def test_a_chain_without_the_create2_deployer_is_refused(bare_chain: Chain) -> None:
    w3 = Web3(Web3.HTTPProvider(bare_chain.rpc_urls[0]))
    set_code(w3, CREATE2_DEPLOYER, "0x")
    signer = funded_signer(w3)
    with pytest.raises(Create2DeployerMissingError):
        deploy_if_missing(ChainClient(bare_chain), signer, None)
    assert nonce_of(w3, signer) == 0


def test_a_deployer_that_would_put_it_elsewhere_is_refused_before_signing(bare_chain: Chain) -> None:
    w3 = Web3(Web3.HTTPProvider(bare_chain.rpc_urls[0]))
    set_code(w3, CREATE2_DEPLOYER, RETURN_20_ZERO_BYTES)
    signer = funded_signer(w3)
    with pytest.raises(HtlcDeployFailedError) as raised:
        deploy_if_missing(ChainClient(bare_chain), signer, None)
    assert raised.value.params["reason"] == DEPLOYER_ELSEWHERE
    assert nonce_of(w3, signer) == 0
    assert bytes(w3.eth.get_code(Web3.to_checksum_address(HTLC_ADDRESS))) == b""
