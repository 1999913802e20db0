"""One swap contract at one address on every chain, deployed through the deterministic CREATE2
deployer and checked before use.

The deployer (Arachnid's, at ``CREATE2_DEPLOYER`` on most chains and on anvil) runs
``CREATE2(salt, init_code)`` for calldata ``salt ++ init_code``. The contract has no owner and no
constructor arguments, so whoever deploys it, the address and the code there are the same
everywhere. ``HTLC_ADDRESS`` is pinned: a change to the contract or its build moves the address,
and swaps locked at the old one would be orphaned, so a test fails until the pin is moved on purpose.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from wallet.accounts.signer import Signer, TxFields
from wallet.chains.address import keccak256, to_checksum_address
from wallet.chains.fees import FeeTier, suggest_fees
from wallet.chains.multicall import contract_code, eth_call
from wallet.chains.rpc import ChainClient, quantity, receipt_status, transaction_hash
from wallet.dex.atomic.htlc_artifact import htlc_artifact
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

CREATE2_DEPLOYER = "0x4e59b44847b379578588920cA78FbF26c0B4956C"
HTLC_SALT = bytes(32)
HTLC_ADDRESS = "0x8882449dE28DE485A3C94824aBC010170434446a"
DEPLOY_GAS_MARGIN_NUM, DEPLOY_GAS_MARGIN_DEN = 6, 5  # +20 %, as for every send
RECEIPT_TIMEOUT_S = 120.0
RECEIPT_POLL_S = 0.5


class HtlcNotDeployedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The atomic swap contract is not deployed on {chain}.")


class HtlcCodeMismatchError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The code at {address} on {chain} is not the atomic swap contract; nothing is sent to it.")


class Create2DeployerMissingError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "{chain} has no CREATE2 deployer at {address}: the swap contract cannot be deployed there.")


class HtlcDeployFailedError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Deploying the atomic swap contract on {chain} failed: {reason}.")


DEPLOY_REVERTED = QT_TRANSLATE_NOOP("WalletError", "the deployment transaction reverted")
DEPLOY_NOT_CONFIRMED = QT_TRANSLATE_NOOP("WalletError", "the deployment transaction was not confirmed in time")
DEPLOYER_ELSEWHERE = QT_TRANSLATE_NOOP("WalletError", "the deployer would put it at another address")


@dataclass(frozen=True)
class HtlcDeployment:
    address: str
    tx_hash: str | None  # None: it was already there


def create2_address(deployer: str, salt: bytes, init_code: bytes) -> str:
    digest = keccak256(b"\xff" + bytes.fromhex(deployer[2:]) + salt + keccak256(init_code))
    return to_checksum_address("0x" + digest[12:].hex())


def expected_address() -> str:
    """Where the committed build lands through the deployer (``HTLC_ADDRESS`` while the pin holds)."""
    return create2_address(CREATE2_DEPLOYER, HTLC_SALT, htlc_artifact().init_code)


def verify_code(client: ChainClient, address: str = HTLC_ADDRESS) -> None:
    """Refuse a chain whose code at ``address`` is not exactly the committed runtime code."""
    code = _code_at(client, address)
    if not code:
        raise HtlcNotDeployedError(chain=client.chain.name)
    if code != htlc_artifact().runtime_code:
        raise HtlcCodeMismatchError(address=address, chain=client.chain.name)


def deploy_if_missing(client: ChainClient, signer: Signer, path: str | None,
                      timeout_s: float = RECEIPT_TIMEOUT_S) -> HtlcDeployment:
    """Deploy the swap contract through the CREATE2 deployer unless the chain has it; either way the
    code at the address is verified. Other code at the address is refused, never built around."""
    address = expected_address()
    if _code_at(client, address):
        verify_code(client, address)
        return HtlcDeployment(address, None)
    if not _code_at(client, CREATE2_DEPLOYER):
        raise Create2DeployerMissingError(chain=client.chain.name, address=CREATE2_DEPLOYER)
    data = HTLC_SALT + htlc_artifact().init_code
    sender = signer.address(path)
    call = {"from": sender, "to": CREATE2_DEPLOYER, "data": "0x" + data.hex()}
    # The deployer returns the new address: a contract at CREATE2_DEPLOYER that is not the deployer
    # (or that computes another address) is caught before anything is signed.
    if eth_call(client, CREATE2_DEPLOYER, data) != bytes.fromhex(address[2:]):
        raise HtlcDeployFailedError(chain=client.chain.name, reason=DEPLOYER_ELSEWHERE)
    gas = client.request("eth_estimateGas", [call, "pending"], parse=quantity("eth_estimateGas"))
    tx: TxFields = {
        "chainId": client.chain.chain_id,
        "nonce": client.request("eth_getTransactionCount", [sender, "pending"], parse=quantity("nonce")),
        "to": CREATE2_DEPLOYER, "value": 0, "data": data,
        "gas": gas * DEPLOY_GAS_MARGIN_NUM // DEPLOY_GAS_MARGIN_DEN,
        **suggest_fees(client, client.chain).tiers[FeeTier.NORMAL].tx_fields(),
    }
    signed = signer.sign_transaction(path, tx)
    tx_hash = "0x" + signed.hash.hex()
    client.request("eth_sendRawTransaction", ["0x" + signed.raw.hex()], parse=transaction_hash(tx_hash))
    succeeded = _wait_for_status(client, tx_hash, timeout_s)
    if not succeeded and not _code_at(client, address):
        raise HtlcDeployFailedError(chain=client.chain.name, reason=DEPLOY_REVERTED)
    # A revert with code in place: someone else deployed it first, which is as good (checked below).
    verify_code(client, address)
    return HtlcDeployment(address, tx_hash)


def _code_at(client: ChainClient, address: str) -> bytes:
    return client.request("eth_getCode", [address, "latest"], parse=contract_code)


def _wait_for_status(client: ChainClient, tx_hash: str, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while True:
        succeeded = client.request("eth_getTransactionReceipt", [tx_hash], parse=receipt_status)
        if succeeded is not None:
            return succeeded
        if time.monotonic() > deadline:
            raise HtlcDeployFailedError(chain=client.chain.name, reason=DEPLOY_NOT_CONFIRMED)
        time.sleep(RECEIPT_POLL_S)
